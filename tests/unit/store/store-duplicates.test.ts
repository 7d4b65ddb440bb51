import { describe, expect, it } from 'vitest';
import { duplicateKeys, duplicatesOfRow, findCompanyDuplicates, findContactDuplicates, findDuplicates, jaroWinkler, planMerge } from '@carnet/store';
import type { AnyRow } from '@carnet/schema';
import { memoryStore } from '../../helpers/store.ts';
import { seededRandom } from './random-rows.ts';

const row = (id: string, fields: Record<string, unknown>): AnyRow =>
  ({ id, createdAt: 0, createdBy: null, updatedAt: 0, updatedBy: null, deletedAt: null, ...fields }) as AnyRow;

describe('duplicate detection', () => {
  it('matches the same email whatever its case', () => {
    const pairs = findContactDuplicates([
      row('a', { emails: ['Jean.Dupont@Acme.fr'] }),
      row('b', { emails: ['jean.dupont@acme.fr'] }),
      row('c', { emails: ['other@acme.fr'] }),
    ]);
    expect(pairs).toEqual([{ a: 'a', b: 'b', reasons: ['email'], score: 0.95 }]);
  });

  it('matches the same phone written differently', () => {
    const pairs = findContactDuplicates([row('a', { phones: ['+33 6 12 34 56 78'] }), row('b', { phones: ['06.12.34.56.78'] })]);
    expect(pairs.map((p) => p.reasons)).toEqual([['phone']]);
  });

  it('matches similar names in the same company, accent- and order-insensitively, not across companies', () => {
    const pairs = findContactDuplicates([
      row('a', { firstName: 'François', lastName: 'Dupont', companyId: 'co1' }),
      row('b', { firstName: 'Dupont', lastName: 'francois', companyId: 'co1' }),
      row('c', { firstName: 'Francois', lastName: 'Dupont', companyId: 'co2' }),
      row('d', { firstName: 'Marie', lastName: 'Curie', companyId: 'co1' }),
    ]);
    expect(pairs.map((p) => [p.a, p.b, p.reasons])).toEqual([['a', 'b', ['name_in_company']]]);
  });

  it('ignores deleted rows', () => {
    const pairs = findContactDuplicates([row('a', { emails: ['x@y.fr'] }), { ...row('b', { emails: ['x@y.fr'] }), deletedAt: 5 }]);
    expect(pairs).toEqual([]);
  });

  it('matches companies by domain and by name without legal suffixes', () => {
    const pairs = findCompanyDuplicates([
      row('a', { name: 'Acme SAS', domain: 'https://www.acme.fr/' }),
      row('b', { name: 'ACME', domain: 'acme.fr' }),
      row('c', { name: 'Société Générale', domain: null }),
      row('d', { name: 'Societe Generale SA', domain: null }),
      row('e', { name: 'Acmeo', domain: 'acmeo.com' }),
    ]);
    expect(pairs.map((p) => [p.a, p.b, p.reasons.sort()])).toEqual([
      ['a', 'b', ['company_name', 'domain']],
      ['c', 'd', ['company_name']],
    ]);
  });

  it('scores Jaro-Winkler as expected on textbook pairs', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('', 'a')).toBe(0);
  });

  it('plans a merge: chosen fields, lists united, empty winner fields filled', () => {
    const winner = row('w', { firstName: 'Jean', lastName: null, emails: ['j@a.fr'], tags: ['vip'], city: 'Lyon' });
    const loser = row('l', { firstName: 'Jean-Pierre', lastName: 'Dupont', emails: ['J@a.fr', 'jp@b.fr'], tags: ['lead'], city: 'Paris' });
    const plan = planMerge('contacts', winner, loser, { firstName: 'loser' });
    expect(plan).toMatchObject({ firstName: 'Jean-Pierre', lastName: 'Dupont', emails: ['j@a.fr', 'jp@b.fr'], tags: ['vip', 'lead'] });
    expect(plan.city).toBeUndefined();
  });
});

describe('duplicates of one record', () => {
  const pick = <T,>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];
  function randomRows(collection: 'contacts' | 'companies', seed: number, n: number): AnyRow[] {
    const random = seededRandom(seed);
    const first = ['François', 'Francois', 'Jean', 'Marie', 'Zoë', 'Zoe', 'Al'];
    const last = ['Dupont', 'Dupond', 'Martin', 'Lefèvre', 'Lefevre'];
    return Array.from({ length: n }, (_, i) =>
      collection === 'contacts'
        ? row(`r${String(i).padStart(4, '0')}`, {
            firstName: pick(random, first),
            lastName: pick(random, last),
            emails: random() < 0.5 ? [pick(random, ['a@x.fr', 'A@X.fr ', 'b@x.fr', 'c@y.com', ''])] : [],
            // One switchboard shared by more than 200 contacts: too generic to count.
            phones: i < 205 ? ['+33 1 00 00 00 00'] : random() < 0.4 ? [pick(random, ['06 12 34 56 78', '+33612345678', '0700000001', '123'])] : [],
            companyId: random() < 0.8 ? pick(random, ['co1', 'co2', 'co3']) : null,
            deletedAt: random() < 0.1 ? 5 : null,
          })
        : row(`r${String(i).padStart(4, '0')}`, {
            name: pick(random, ['Acme SAS', 'ACME', 'Acme Industries', 'Acme Industry', 'Société Générale', 'Societe Generale SA', 'Bolt']),
            domain: random() < 0.5 ? pick(random, ['acme.fr', 'https://www.acme.fr/', 'bolt.io', '']) : null,
            deletedAt: random() < 0.1 ? 5 : null,
          }),
    );
  }

  for (const collection of ['contacts', 'companies'] as const) {
    it(`gives every ${collection} record exactly its pairs of the whole-collection scan (seeded)`, () => {
      for (const seed of [1, 2, 3]) {
        const rows = randomRows(collection, seed, 320);
        const alive = rows.filter((r) => r.deletedAt === null);
        const sizes = new Map<string, number>();
        for (const r of alive) for (const key of duplicateKeys(collection, r)) sizes.set(key, (sizes.get(key) ?? 0) + 1);
        const all = findDuplicates(collection, rows);
        expect(all.length).toBeGreaterThan(0);
        for (const target of rows) {
          const expected = target.deletedAt === null ? all.filter((p) => p.a === target.id || p.b === target.id) : [];
          const got = duplicatesOfRow(collection, target, rows, (key) => sizes.get(key) ?? 0);
          expect(got.map((p) => ({ ...p, reasons: [...p.reasons].sort() })), `seed ${seed}, ${target.id}`).toEqual(
            expected.map((p) => ({ ...p, reasons: [...p.reasons].sort() })),
          );
        }
      }
    });
  }

  it('answers from the store the same as the whole scan, for contacts and companies', async () => {
    const store = await memoryStore();
    const contacts = await store.createMany('contacts', [
      { firstName: 'François', lastName: 'Dupont', emails: ['fd@acme.fr'] },
      { firstName: 'Francois', lastName: 'Dupont', emails: ['FD@acme.fr'], phones: ['06 12 34 56 78'] },
      { firstName: 'Marie', lastName: 'Curie', phones: ['+33 6 12 34 56 78'] },
      { firstName: 'Other', lastName: 'Person' },
    ]);
    const companies = await store.createMany('companies', [{ name: 'Acme SAS', domain: 'acme.fr' }, { name: 'ACME' }, { name: 'Bolt' }]);
    for (const [collection, created] of [['contacts', contacts], ['companies', companies]] as const) {
      const all = await store.findDuplicates(collection);
      for (const record of created) {
        expect(await store.duplicatesOf(collection, record.id)).toEqual(all.filter((p) => p.a === record.id || p.b === record.id));
      }
    }
    expect((await store.duplicatesOf('contacts', contacts[1].id)).map((p) => p.reasons)).toEqual([['email'], ['phone']]);
    await store.delete('contacts', contacts[0].id);
    expect(await store.duplicatesOf('contacts', contacts[0].id)).toEqual([]);
    expect(await store.duplicatesOf('contacts', 'missing')).toEqual([]);
  });
});

describe('merging records', () => {
  it('merges two contacts, re-links their activities and deals, and undoes it all in one step', async () => {
    const store = await memoryStore();
    const [winner, loser] = await store.createMany('contacts', [
      { firstName: 'Jean', emails: ['j@acme.fr'] },
      { firstName: 'Jean', lastName: 'Dupont', emails: ['jean@acme.fr'] },
    ]);
    const call = await store.create('activities', { type: 'call', subject: 'Intro', contactId: loser.id });
    const deal = await store.create('deals', { title: 'D', contactIds: [loser.id, winner.id] });
    const merged = await store.merge('contacts', winner.id, loser.id);
    expect(merged).toMatchObject({ lastName: 'Dupont', emails: ['j@acme.fr', 'jean@acme.fr'] });
    expect((await store.get('activities', call.id))!.contactId).toBe(winner.id);
    expect((await store.get('deals', deal.id))!.contactIds).toEqual([winner.id]);
    const gone = (await store.get('contacts', loser.id))!;
    expect(gone.deletedAt).not.toBeNull();
    expect(gone.mergedInto).toBe(winner.id);

    await store.undo();
    expect((await store.get('contacts', loser.id))!.deletedAt).toBeNull();
    expect((await store.get('contacts', loser.id))!.mergedInto).toBeUndefined();
    expect((await store.get('activities', call.id))!.contactId).toBe(loser.id);
    expect((await store.get('deals', deal.id))!.contactIds).toEqual([loser.id, winner.id]);
    expect((await store.get('contacts', winner.id))!.lastName).toBeNull();
  });

  it('merges two companies, re-linking contacts, deals and child companies', async () => {
    const store = await memoryStore();
    const [a, b] = await store.createMany('companies', [{ name: 'Acme' }, { name: 'ACME SAS', domain: 'acme.fr' }]);
    const child = await store.create('companies', { name: 'Acme Lyon', parentId: b.id });
    const person = await store.create('contacts', { firstName: 'P', companyId: b.id });
    await store.merge('companies', a.id, b.id);
    expect((await store.get('companies', a.id))!.domain).toBe('acme.fr');
    expect((await store.get('companies', child.id))!.parentId).toBe(a.id);
    expect((await store.get('contacts', person.id))!.companyId).toBe(a.id);
  });

  it('refuses to merge a record into itself or a deleted one', async () => {
    const store = await memoryStore();
    const [a, b] = await store.createMany('contacts', [{ firstName: 'A' }, { firstName: 'B' }]);
    await expect(store.merge('contacts', a.id, a.id)).rejects.toMatchObject({ code: 'invalid' });
    await store.delete('contacts', b.id);
    await expect(store.merge('contacts', a.id, b.id)).rejects.toMatchObject({ code: 'deleted' });
  });

  it('finds duplicates across the stored contacts', async () => {
    const store = await memoryStore();
    const [a, b] = await store.createMany('contacts', [
      { firstName: 'Hélène', emails: ['helene@x.fr'] },
      { firstName: 'Helene', emails: ['HELENE@x.fr'] },
      { firstName: 'Other' },
    ]);
    const pairs = await store.duplicatesOf('contacts', a.id);
    expect(pairs.map((p) => [p.a, p.b].sort())).toEqual([[a.id, b.id].sort()]);
  });
});
