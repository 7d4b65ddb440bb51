import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@carnet/search';
import { activity, company, contact, deal, titles } from './fixtures.ts';

function sampleIndex(): SearchIndex {
  return SearchIndex.build([
    [
      contact({ firstName: 'Hélène', lastName: 'Martin', emails: ['helene.martin@acme.fr'], title: 'Directrice commerciale', city: 'Lyon' }),
      contact({ firstName: 'François', lastName: 'Dupont', emails: ['f.dupont@exemple.com'], phones: ['+33 6 12 34 56 78'], city: 'Paris' }),
      contact({ firstName: 'FRANÇOIS', lastName: 'LEROY' }),
      contact({ firstName: 'Jean', lastName: 'Durand', city: 'Nantes' }),
      contact({ firstName: 'Paul', lastName: 'Dubois' }),
      contact({ firstName: 'Anne', lastName: 'Da Silva' }),
      contact({ firstName: 'Chloé', lastName: 'Le Gall', title: 'Manager' }),
      company({ name: 'Œuvres Sociales du Nord', domain: 'oeuvres-nord.fr', city: 'Lille' }),
      company({ name: 'Acme Industries', domain: 'acme.fr', city: 'Lyon' }),
      deal('Renouvellement licences Acme 2025'),
      activity('Appel avec Jean Durand'),
    ],
  ]);
}

describe('accent- and case-insensitive matching', () => {
  const index = sampleIndex();

  it('finds Hélène when typing helene', () => {
    expect(titles(index.search('helene'))).toEqual(['Hélène Martin']);
  });

  it('finds François when typing francois, and FRANÇOIS when typing Francois', () => {
    expect(titles(index.search('francois')).sort()).toEqual(['FRANÇOIS LEROY', 'François Dupont']);
    expect(titles(index.search('Francois leroy'))).toEqual(['FRANÇOIS LEROY']);
  });

  it('finds an accented name typed with its accents, whatever the case', () => {
    expect(titles(index.search('HÉLÈNE MARTIN'))).toEqual(['Hélène Martin']);
  });

  it('matches the Œ ligature typed as oe, and oe typed as Œ', () => {
    expect(titles(index.search('oeuvres'))).toEqual(['Œuvres Sociales du Nord']);
    expect(titles(index.search('Œuvres sociales'))).toEqual(['Œuvres Sociales du Nord']);
  });
});

describe('typing-style prefix matching', () => {
  const index = sampleIndex();

  it('finds François at every step of typing it', () => {
    for (const typed of ['fra', 'franc', 'franco', 'françoi']) {
      expect(titles(index.search(typed)), typed).toContain('François Dupont');
    }
  });

  it('only treats the last term as a prefix', () => {
    expect(titles(index.search('fran dupont'))).toEqual([]);
    expect(titles(index.search('dupont fran'))).toEqual(['François Dupont']);
  });

  it('combines terms with AND', () => {
    expect(titles(index.search('jean durand'))[0]).toBe('Jean Durand');
    expect(titles(index.search('jean dubois'))).toEqual([]);
  });

  it('narrows on a one-letter last term after a finished word', () => {
    expect(titles(index.search('francois d'))).toEqual(['François Dupont']);
    expect(titles(index.search('francois l'))).toEqual(['FRANÇOIS LEROY']);
  });

  it('searches secondary fields: email, job title, city and domain', () => {
    expect(titles(index.search('exemple'))).toEqual(['François Dupont']);
    expect(titles(index.search('directrice'))).toEqual(['Hélène Martin']);
    expect(titles(index.search('nantes'))).toEqual(['Jean Durand']);
    expect(titles(index.search('acme.fr'))).toEqual(['Acme Industries', 'Hélène Martin']);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('-')).toEqual([]);
  });
});

describe('fuzzy matching', () => {
  const index = sampleIndex();

  it('finds Dupont when typing dupond', () => {
    expect(titles(index.search('dupond'))).toContain('François Dupont');
  });

  it('does not fuzzy-match short terms', () => {
    // `du` is a prefix of Dupont, Durand and Dubois, but must not reach `da` (Da Silva).
    const found = titles(index.search('du'));
    expect(found).toEqual(expect.arrayContaining(['François Dupont', 'Jean Durand', 'Paul Dubois']));
    expect(found).not.toContain('Anne Da Silva');
    expect(titles(index.search('dur'))).not.toContain('Paul Dubois');
  });
});

describe('phone numbers', () => {
  const index = sampleIndex();

  it('finds a contact by the number as typed, spaced or international', () => {
    for (const typed of ['0612345678', '06 12 34', '06.12.34.56.78', '+33 6 12 34 56 78', '+33 612']) {
      expect(titles(index.search(typed)), typed).toEqual(['François Dupont']);
    }
  });

  it('does not match a number that only shares a few digits', () => {
    expect(index.search('0698')).toEqual([]);
  });
});

describe('results', () => {
  const index = sampleIndex();

  it('carries the collection, the record id and display text', () => {
    const [hit] = index.search('helene');
    expect(hit).toMatchObject({ collection: 'contacts', title: 'Hélène Martin', subtitle: 'Directrice commerciale · Lyon' });
    expect(typeof hit.id).toBe('string');
    expect(hit.score).toBeGreaterThan(0);
    const [companyHit] = index.search('oeuvres');
    expect(companyHit).toMatchObject({ collection: 'companies', subtitle: 'oeuvres-nord.fr · Lille' });
    const [activityHit] = index.search('appel');
    expect(activityHit).toMatchObject({ collection: 'activities', title: 'Appel avec Jean Durand', subtitle: 'call' });
  });

  it('can be restricted to some collections', () => {
    expect(index.search('acme', { collections: ['deals'] }).map((r) => r.collection)).toEqual(['deals']);
    expect(index.search('acme', { collections: ['companies', 'contacts'] }).map((r) => r.collection).sort()).toEqual([
      'companies',
      'contacts',
    ]);
  });
});
