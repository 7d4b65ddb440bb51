import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@carnet/search';
import { activity, contact, removed, softDeleted, titles } from './fixtures.ts';

describe('incremental updates', () => {
  it('answers like a fresh build after rows are added, renamed and removed between searches', () => {
    const names = ['Zélie', 'Adèle', 'Bastien', 'Yann', 'Maëlle', 'Noé', 'Églantine', 'Octave', 'Kylian', 'Iris'];
    const rows = names.flatMap((first, i) => names.map((last, j) => contact({ firstName: first, lastName: `${last}son${i}${j}` })));
    const index = new SearchIndex();
    for (let at = 0; at < rows.length; at += 7) {
      index.applyChanges(rows.slice(at, at + 7));
      // A search between batches sorts the new terms in; later ones must still be found.
      index.search(names[at % names.length].slice(0, 3));
    }
    const renamed = contact({ firstName: 'Quentin', lastName: 'Quasimodo' }, rows[3].id);
    index.applyChanges([removed(rows[0]), renamed, removed(rows[50])]);
    const kept = [renamed, ...rows.filter((_, i) => i !== 0 && i !== 3 && i !== 50)];
    const fresh = SearchIndex.build(kept);
    for (const q of ['zel', 'adele', 'maelle', 'eglant', 'quasi', 'quentin', 'octaveson4', 'yannson12', 'kyl', 'iris']) {
      expect(index.search(q)).toEqual(fresh.search(q));
    }
    expect(index.size).toBe(fresh.size);
  });

  it('edits keeping some terms, repeating one or dropping one give the index a fresh build gives', () => {
    const title = (i: number) => (i % 2 ? 'Directrice' : 'Acheteur');
    const rows = Array.from({ length: 60 }, (_, i) => contact({ firstName: `Prenom${i}`, lastName: 'Commun', title: title(i) }));
    const index = SearchIndex.build(rows);
    const edited = rows.map((row, i) => {
      if (i % 3 === 0) return contact({ firstName: `Autre${i}`, lastName: 'Commun', title: title(i) }, row.id); // keeps two terms
      if (i % 3 === 1) return contact({ firstName: 'Commun', lastName: 'Commun', title: title(i) }, row.id); // a term repeated
      return contact({ firstName: `Prenom${i}`, lastName: 'Distinct', title: title(i) }, row.id); // a common term dropped
    });
    index.applyChanges(edited);
    const fresh = SearchIndex.build(edited);
    for (const q of ['commun', 'autre', 'prenom1', 'distinct', 'directrice', 'acheteur', 'prenom', 'commun autre3']) {
      expect(index.search(q), q).toEqual(fresh.search(q));
    }
    expect(JSON.parse(JSON.stringify(index))).toEqual(JSON.parse(JSON.stringify(fresh)));
  });

  it('finds a renamed contact by its new name only', () => {
    const original = contact({ firstName: 'Hélène', lastName: 'Martin' });
    const index = SearchIndex.build([original]);
    index.applyChanges([contact({ firstName: 'Hélène', lastName: 'Moreau' }, original.id)]);
    expect(index.search('martin')).toEqual([]);
    expect(titles(index.search('moreau'))).toEqual(['Hélène Moreau']);
    expect(index.size).toBe(1);
  });

  it('adds rows it has never seen', () => {
    const index = new SearchIndex();
    index.applyChanges([contact({ firstName: 'Jean', lastName: 'Valjean' })]);
    expect(titles(index.search('valjean'))).toEqual(['Jean Valjean']);
  });

  it('keeps only the last of repeated changes in one batch', () => {
    const first = contact({ firstName: 'Anne', lastName: 'Un' });
    const index = new SearchIndex();
    index.applyChanges([first, contact({ firstName: 'Anne', lastName: 'Deux' }, first.id), contact({ firstName: 'Anne', lastName: 'Trois' }, first.id)]);
    expect(titles(index.search('anne'))).toEqual(['Anne Trois']);
    index.applyChanges([removed(first), contact({ firstName: 'Anne', lastName: 'Quatre' }, first.id)]);
    expect(titles(index.search('anne'))).toEqual(['Anne Quatre']);
  });

  it('applies the same change twice without duplicating the result', () => {
    const change = contact({ firstName: 'Luc', lastName: 'Besson' });
    const index = new SearchIndex();
    index.applyChanges([change]);
    index.applyChanges([change]);
    expect(titles(index.search('besson'))).toEqual(['Luc Besson']);
  });

  it('removes a soft-deleted row and brings it back when restored', () => {
    const alive = contact({ firstName: 'Zoé', lastName: 'Lambert' });
    const index = SearchIndex.build([alive]);
    index.applyChanges([softDeleted(alive)]);
    expect(index.search('lambert')).toEqual([]);
    expect(index.has('contacts', alive.id)).toBe(false);
    index.applyChanges([alive]);
    expect(titles(index.search('lambert'))).toEqual(['Zoé Lambert']);
  });

  it('removes a hard-removed row, and ignores removals of unknown ids', () => {
    const gone = contact({ firstName: 'Paul', lastName: 'Verlaine' });
    const index = SearchIndex.build([gone]);
    expect(() => index.applyChanges([removed(gone), removed(gone), removed(contact({ firstName: 'X' }))])).not.toThrow();
    expect(index.search('verlaine')).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('drops an activity whose subject is cleared', () => {
    const call = activity('Relance devis');
    const index = SearchIndex.build([call]);
    index.applyChanges([activity(null, call.id)]);
    expect(index.search('relance')).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('follows a phone number change', () => {
    const person = contact({ firstName: 'Inès', lastName: 'Petit', phones: ['01 23 45 67 89'] });
    const index = SearchIndex.build([person]);
    index.applyChanges([contact({ firstName: 'Inès', lastName: 'Petit', phones: ['07 77 77 77 77'] }, person.id)]);
    expect(index.search('0123')).toEqual([]);
    expect(titles(index.search('07 77'))).toEqual(['Inès Petit']);
    index.applyChanges([removed(person)]);
    expect(index.search('07 77')).toEqual([]);
  });

  it('gives the same answers after vacuuming away replaced documents', async () => {
    const people = Array.from({ length: 50 }, (_, i) => contact({ firstName: 'Noé', lastName: `Avant${i}` }));
    const index = SearchIndex.build([people]);
    index.applyChanges(people.map((p, i) => contact({ firstName: 'Noé', lastName: `Apres${i}` }, p.id)));
    await index.vacuum();
    expect(index.dirtCount).toBe(0);
    expect(index.search('avant0')).toEqual([]);
    expect(index.search('noe', { limit: 100 })).toHaveLength(50);
  });
});

describe('row version', () => {
  it('tracks the highest row version applied, and can be set', () => {
    const index = new SearchIndex();
    expect(index.version).toBe(0);
    const a = contact({ firstName: 'A' });
    index.applyChanges([{ ...a, row: { ...a.row!, v: 7 } }, { ...contact({ firstName: 'B' }), row: { ...contact({ firstName: 'B' }).row!, v: 3 } }]);
    expect(index.version).toBe(7);
    index.version = 42;
    expect(index.version).toBe(42);
  });
});
