import { describe, expect, it } from 'vitest';
import type { Store } from '@carnet/store';
import { importFile, writeCsv } from '@carnet/transfer';
import { allRows, noYield, utf8, workspaceStore } from './helpers.ts';


/** A workspace with two contacts (and a company) already in it. */
async function seeded() {
  const store = await workspaceStore();
  const acme = await store.create('companies', { name: 'Acme SAS', domain: 'acme.fr' });
  const jean = await store.create('contacts', { firstName: 'Jean', lastName: 'Dupont', emails: ['jean@acme.fr'], phones: ['+33 6 11 22 33 44'], city: 'Lyon', companyId: acme.id, tags: ['client'] });
  const marie = await store.create('contacts', { firstName: 'Marie', lastName: 'Curie', emails: ['marie@radium.fr'], title: 'Chercheuse' });
  return { store, acme, jean, marie };
}

const CSV = writeCsv(['First Name', 'Last Name', 'Email', 'Mobile', 'Company', 'City', 'Job Title', 'Tags'], [
  // Same email as Jean (case differs): a duplicate.
  ['Jean', 'Dupont', 'JEAN@acme.fr', '', 'Acme', 'Paris', 'Directeur', 'vip'],
  // Same phone as Jean, written the French national way.
  ['J.', 'Dupont', 'j.dupont@gmail.com', '06 11 22 33 44', '', '', '', ''],
  // Same name at the same company (accents and order differ).
  ['Dupont', 'Jéan', '', '', 'ACME', '', '', ''],
  // Marie, with nothing new.
  ['Marie', 'Curie', 'marie@radium.fr', '', '', '', 'Chercheuse', ''],
  // New, then repeated later in the file.
  ['Ada', 'Lovelace', 'ada@engine.uk', '', '', 'London', '', ''],
  ['Ada', 'Lovelace', 'ada@engine.uk', '+44 20 7946 0000', '', '', 'Mathematician', 'pioneer'],
]);

async function snapshot(store: Store) {
  return (await allRows(store, 'contacts', 'id')).map(({ updatedAt: _u, ...row }) => row);
}

describe('duplicates on import', () => {
  it('skip: leaves every stored record exactly as it was and reports each skipped row and why', async () => {
    const { store, jean, marie } = await seeded();
    const before = await snapshot(store);
    const { report } = await importFile(store, utf8(CSV), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    expect(report).toMatchObject({ created: 1, skipped: 4, folded: 1, updated: 0, failed: 0 });
    expect(report.outcomes.map((o) => `${o.row}:${o.outcome}${o.id === jean.id ? ':jean' : o.id === marie.id ? ':marie' : ''}`)).toEqual([
      '2:skipped:jean', '3:skipped:jean', '4:skipped:jean', '5:skipped:marie', '6:created', '7:folded',
    ]);
    expect(report.issues.map((i) => `${i.row}:${i.code}:${i.params?.reason}`)).toEqual([
      '2:duplicate_skipped:email', '3:duplicate_skipped:phone', '4:duplicate_skipped:name', '5:duplicate_skipped:email', '7:duplicate_in_file:email',
    ]);
    const after = await snapshot(store);
    expect(after.filter((r) => r.id === jean.id || r.id === marie.id)).toEqual(before);
    expect(await store.count('contacts')).toBe(3);
    expect(await store.count('companies')).toBe(1);
  });

  it('update: writes only the fields the file gives, unites lists, and counts records already up to date as unchanged', async () => {
    const { store, jean, marie } = await seeded();
    const { report } = await importFile(store, utf8(CSV), { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    expect(report).toMatchObject({ created: 1, updated: 3, unchanged: 1, folded: 1, skipped: 0 });
    const updated = await store.get('contacts', jean.id);
    expect(updated).toMatchObject({
      // Row 4 gives the name back to front: an update writes what the file says.
      firstName: 'Dupont', lastName: 'Jéan', city: 'Paris', title: 'Directeur', companyId: jean.companyId,
      emails: ['jean@acme.fr', 'j.dupont@gmail.com'], phones: ['+33 6 11 22 33 44'], tags: ['client', 'vip'],
    });
    expect(await store.get('contacts', marie.id)).toMatchObject({ firstName: 'Marie', title: 'Chercheuse', updatedAt: marie.updatedAt });
    const ada = (await allRows(store, 'contacts')).find((r) => r.firstName === 'Ada')!;
    expect(ada).toMatchObject({ city: 'London', title: 'Mathematician', phones: ['+44 20 7946 0000'], tags: ['pioneer'] });
  });

  it('create: creates every row, duplicates included, and changes nothing stored', async () => {
    const { store, jean, marie } = await seeded();
    const before = await snapshot(store);
    const { report } = await importFile(store, utf8(CSV), { collection: 'contacts', duplicates: 'create', yieldToHost: noYield });
    expect(report).toMatchObject({ created: 6, skipped: 0, updated: 0, folded: 0 });
    expect((await snapshot(store)).filter((r) => r.id === jean.id || r.id === marie.id)).toEqual(before);
    expect(await store.count('contacts')).toBe(8);
  });

  it('matches companies by domain and by name without legal suffixes, like the store', async () => {
    const { store, acme } = await seeded();
    const csv = writeCsv(['Company Name', 'Website', 'City'], [
      ['ACME', 'https://www.acme.fr/contact', 'Lyon'],
      ['Acme Sarl', '', 'Grenoble'],
      ['Acmeo', '', 'Nice'],
    ]);
    const { report } = await importFile(store, utf8(csv), { collection: 'companies', duplicates: 'update', yieldToHost: noYield });
    expect(report.outcomes.map((o) => `${o.outcome}${o.id === acme.id ? ':acme' : ''}`)).toEqual(['updated:acme', 'updated:acme', 'created']);
    expect(await store.get('companies', acme.id)).toMatchObject({ name: 'Acme Sarl', city: 'Grenoble', domain: 'acme.fr' });
  });

  it('matches a re-imported Carnet export by its Carnet ID first', async () => {
    const { store, marie } = await seeded();
    const csv = writeCsv(['Carnet ID', 'Email', 'City'], [[marie.id, 'new-address@radium.fr', 'Varsovie']]);
    const { report } = await importFile(store, utf8(csv), { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    expect(report.outcomes).toEqual([{ row: 2, outcome: 'updated', id: marie.id }]);
    expect(await store.get('contacts', marie.id)).toMatchObject({ emails: ['marie@radium.fr', 'new-address@radium.fr'], city: 'Varsovie' });
  });

  it('never matches a soft-deleted record', async () => {
    const { store, marie } = await seeded();
    await store.delete('contacts', marie.id);
    const csv = writeCsv(['Email', 'First Name'], [['marie@radium.fr', 'Marie']]);
    const { report } = await importFile(store, utf8(csv), { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    expect(report).toMatchObject({ created: 1, updated: 0 });
    expect((await store.get('contacts', marie.id))!.deletedAt).not.toBeNull();
  });
});
