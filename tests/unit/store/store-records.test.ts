import { describe, expect, it } from 'vitest';
import { isStoreError, StoreErrorCode } from '@carnet/store';
import { memoryStore, testClock } from '../../helpers/store.ts';

describe('store records', () => {
  it('creates a contact with defaults, a row and an outbox entry', async () => {
    const store = await memoryStore();
    const row = await store.create('contacts', { firstName: 'François', lastName: 'Dupont', emails: ['f.dupont@acme.fr'] });
    expect(row).toMatchObject({ firstName: 'François', lastName: 'Dupont', tags: [], consentEmail: false, notes: '', deletedAt: null });
    expect(row.createdBy).toBe(store.actor.userId);
    expect(await store.get('contacts', row.id)).toEqual(row);
    expect(await store.outboxCount()).toBe(1);
  });

  it('refuses invalid input with field-level issues and writes nothing', async () => {
    const store = await memoryStore();
    const error = await store
      .create('contacts', { firstName: 'A', emails: ['not-an-email'], leadScore: 140, favouriteColour: 'blue' })
      .catch((e) => e);
    expect(isStoreError(error, StoreErrorCode.Invalid)).toBe(true);
    expect(error.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`).sort()).toEqual([
      'emails:invalid_email', 'favouriteColour:unknown_field', 'leadScore:out_of_range',
    ]);
    expect(await store.count('contacts')).toBe(0);
    expect(await store.outboxCount()).toBe(0);
  });

  it('scans a whole collection in batches, deleted rows included, rows as query returns them', async () => {
    const store = await memoryStore();
    const made = await store.createMany('deals', Array.from({ length: 25 }, (_, i) => ({ title: `Deal ${i}` })));
    await store.delete('deals', made[3].id);
    const batches: number[] = [];
    const seen = new Map<string, unknown>();
    await store.scan('deals', (rows) => {
      batches.push(rows.length);
      for (const row of rows) seen.set(row.id, row);
    }, 10);
    expect(batches).toEqual([10, 10, 5]);
    const all = (await store.query('deals', { deleted: 'all' })).rows;
    expect(new Map(all.map((row) => [row.id, row]))).toEqual(seen);
    expect((seen.get(made[3].id) as { deletedAt: number | null }).deletedAt).not.toBeNull();
    await expect(store.scan('nope' as 'deals', () => {})).rejects.toMatchObject({ code: StoreErrorCode.UnknownCollection });
  });

  it('refuses an unknown record type with a typed error', async () => {
    const store = await memoryStore();
    const error = await store.create('unicorns' as never, {}).catch((e) => e);
    expect(isStoreError(error, StoreErrorCode.UnknownCollection)).toBe(true);
  });

  it('requires a company name and a deal title', async () => {
    const store = await memoryStore();
    await expect(store.create('companies', {})).rejects.toMatchObject({ code: 'invalid', issues: [{ field: 'name', code: 'required' }] });
    await expect(store.create('deals', { title: '' })).rejects.toMatchObject({ issues: [{ field: 'title', code: 'required' }] });
  });

  it('updates only the given fields and stamps who and when', async () => {
    const clock = testClock();
    const store = await memoryStore({ now: clock.now });
    const row = await store.create('contacts', { firstName: 'Hélène', city: 'Lyon' });
    clock.advance(60_000);
    const updated = await store.update('contacts', row.id, { city: 'Paris' });
    expect(updated.city).toBe('Paris');
    expect(updated.firstName).toBe('Hélène');
    expect(updated.updatedAt).toBe(row.createdAt + 60_000);
    expect(updated.createdAt).toBe(row.createdAt);
  });

  it('creates no update when a save changes nothing', async () => {
    const store = await memoryStore();
    const row = await store.create('contacts', { firstName: 'Zoë', tags: ['vip'] });
    await store.update('contacts', row.id, { firstName: 'Zoë', tags: ['vip'] });
    expect(await store.outboxCount()).toBe(1);
  });

  it('updating a missing record is a not_found error', async () => {
    const store = await memoryStore();
    await expect(store.update('contacts', 'abcdefgh12345678', { city: 'Nice' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('soft-deletes and restores, hiding deleted rows from queries', async () => {
    const store = await memoryStore();
    const a = await store.create('contacts', { firstName: 'Ana' });
    await store.create('contacts', { firstName: 'Bob' });
    await store.delete('contacts', a.id);
    expect((await store.query('contacts')).rows.map((r) => r.firstName)).toEqual(['Bob']);
    expect((await store.query('contacts', { deleted: 'deleted' })).rows.map((r) => r.firstName)).toEqual(['Ana']);
    await expect(store.update('contacts', a.id, { city: 'Nice' })).rejects.toMatchObject({ code: 'deleted' });
    const restored = await store.restore('contacts', a.id);
    expect(restored.deletedAt).toBeNull();
    expect(await store.count('contacts')).toBe(2);
  });

  it('queries with filters, sort and pages', async () => {
    const store = await memoryStore();
    await store.createMany('contacts', [
      { firstName: 'Émile', city: 'Paris', leadScore: 30 },
      { firstName: 'emma', city: 'Lyon', leadScore: 80 },
      { firstName: 'Yann', city: 'Paris', leadScore: 55 },
      { firstName: 'Zoé', city: 'paris', leadScore: null },
    ]);
    const result = await store.query('contacts', {
      where: [{ field: 'city', op: 'contains', value: 'PARIS' }],
      sort: [{ field: 'leadScore', dir: 'desc' }],
      limit: 2,
    });
    expect(result.total).toBe(3);
    expect(result.rows.map((r) => r.firstName)).toEqual(['Yann', 'Émile']);
    const sortedByName = await store.query('contacts', { sort: [{ field: 'firstName' }] });
    expect(sortedByName.rows.map((r) => r.firstName)).toEqual(['Émile', 'emma', 'Yann', 'Zoé']);
  });

  it('validates custom fields like built-in ones', async () => {
    const store = await memoryStore();
    await store.updateWorkspace({
      type: 'putCustomField',
      def: { key: 'segment', collection: 'contacts', label: 'Segment', kind: 'select', options: ['smb', 'enterprise'], required: false, order: 0 },
    });
    const row = await store.create('contacts', { firstName: 'Li', cf_segment: 'smb' });
    expect(row.cf_segment).toBe('smb');
    await expect(store.update('contacts', row.id, { cf_segment: 'galactic' })).rejects.toMatchObject({
      issues: [{ field: 'cf_segment', code: 'unknown_option' }],
    });
    await expect(store.update('contacts', row.id, { cf_unknown: 1 })).rejects.toMatchObject({ issues: [{ code: 'unknown_field' }] });
  });

  it('a failed save leaves storage and memory as they were, and the store keeps working', async () => {
    const store = await memoryStore();
    const row = await store.create('contacts', { firstName: 'Ana', city: 'Lyon' });
    const full = new Error('disk full');
    full.name = 'QuotaExceededError';
    store.mem.failNextCommit = full;
    await expect(store.update('contacts', row.id, { city: 'Nice' })).rejects.toMatchObject({ code: 'storage_full' });
    expect((await store.get('contacts', row.id))!.city).toBe('Lyon');
    expect(await store.outboxCount()).toBe(1);
    // Memory did not run ahead of storage: the next edit builds on the stored state.
    const next = await store.update('contacts', row.id, { firstName: 'Anna' });
    expect(next).toMatchObject({ firstName: 'Anna', city: 'Lyon' });
    expect(await store.outboxCount()).toBe(2);
  });

  it('acks remove outbox entries', async () => {
    const store = await memoryStore();
    await store.create('contacts', { firstName: 'A' });
    await store.create('contacts', { firstName: 'B' });
    const [first] = await store.outbox();
    await store.ack([first.id]);
    expect(await store.outboxCount()).toBe(1);
  });

  it('keeps no more record docs in memory than its cap', async () => {
    const store = await memoryStore({ maxCachedDocs: 5 });
    const rows = [];
    for (let i = 0; i < 12; i++) rows.push(await store.create('contacts', { firstName: `P${i}` }));
    for (const row of rows) await store.update('contacts', row.id, { city: 'Nantes' });
    expect((await store.query('contacts', { where: [{ field: 'city', op: 'eq', value: 'Nantes' }] })).total).toBe(12);
  });

  it('notifies subscribers with the new and previous row', async () => {
    const store = await memoryStore();
    const events: unknown[] = [];
    store.subscribe((e) => events.push(...e.rows.map((c) => [c.origin, c.previous?.city ?? null, c.row.city])));
    const row = await store.create('contacts', { firstName: 'A', city: 'Lyon' });
    await store.update('contacts', row.id, { city: 'Brest' });
    expect(events).toEqual([['local', null, 'Lyon'], ['local', 'Lyon', 'Brest']]);
  });
});
