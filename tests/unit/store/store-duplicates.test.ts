import { describe, expect, it } from 'vitest';
import { findCompanyDuplicates, findContactDuplicates, jaroWinkler, planMerge } from '@carnet/store';
import type { AnyRow } from '@carnet/schema';
import { memoryStore } from '../../helpers/store.ts';

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
