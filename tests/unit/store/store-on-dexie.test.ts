// The store over real IndexedDB semantics (fake-indexeddb in Node): reopening keeps everything,
// a full or missing IndexedDB gives a typed error, nothing partial, and the store keeps working.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { isStoreError, Store, StoreErrorCode } from '@carnet/store';
import { DexiePersistence } from '@carnet/store-dexie';

let n = 0;
const dbName = () => `carnet-store-test-${Date.now()}-${n++}`;
const actor = { userId: 'dexieuser0000001', deviceId: 'laptop' };
const open = (name: string) =>
  Store.open({ persistence: new DexiePersistence(name, { indexedDB, IDBKeyRange }), actor, yieldToHost: async () => {} });

describe('store on IndexedDB', () => {
  it('keeps records, history, workspace and outbox across a reopen', async () => {
    const name = dbName();
    const store = await open(name);
    await store.updateWorkspace({ type: 'settings', patch: { stalledDays: 21 } });
    const row = await store.create('contacts', { firstName: 'Hélène', city: 'Lille' });
    await store.update('contacts', row.id, { city: 'Arras' });
    const outbox = await store.outboxCount();
    await store.close();

    const again = await open(name);
    expect(await again.get('contacts', row.id)).toMatchObject({ firstName: 'Hélène', city: 'Arras' });
    expect(again.settings().stalledDays).toBe(21);
    expect(await again.outboxCount()).toBe(outbox);
    expect((await again.history('contacts', row.id))[0].changes).toEqual([{ field: 'city', before: 'Lille', after: 'Arras' }]);
    // New local edits continue the same docs without clashing with the earlier session's items.
    expect((await again.update('contacts', row.id, { city: 'Douai' })).city).toBe('Douai');
    await again.close();
  });

  it('refuses ids that are already stored, names the first one, and creates nothing of the batch', async () => {
    const store = await open(dbName());
    const [kept] = await store.createMany('contacts', [{ firstName: 'Kept' }], ['keptcontact00001']);
    const outbox = await store.outboxCount();
    const error = await store.createMany('contacts', [{ firstName: 'New' }, { firstName: 'Clash' }], ['newcontact000001', kept.id]).catch((e: unknown) => e);
    expect(isStoreError(error, StoreErrorCode.AlreadyExists)).toBe(true);
    expect((error as Error).message).toBe(`contacts ${kept.id} already exists.`);
    expect(await store.get('contacts', 'newcontact000001')).toBeUndefined();
    expect(await store.get('contacts', kept.id)).toMatchObject({ firstName: 'Kept' });
    expect(await store.count('contacts')).toBe(1);
    expect(await store.outboxCount()).toBe(outbox);
    // The same ids minus the clash go through.
    expect((await store.createMany('contacts', [{ firstName: 'New' }], ['newcontact000001']))[0].firstName).toBe('New');
    await store.close();
  });

  it('stores import batches handed over before the previous one is stored in the order they were given', async () => {
    const store = await open(dbName());
    const batches = [0, 1, 2].map((b) => Array.from({ length: 60 }, (_, i) => ({ firstName: `B${b}-${i}` })));
    const clashId = 'clashcontact0001';
    // The second batch clashes with an id of the first: it alone is refused, the third is stored.
    const ids = batches.map((batch, b) => batch.map((_, i) => (b === 1 && i === 30 ? clashId : b === 0 && i === 59 ? clashId : `b${b}contact${String(i).padStart(7, '0')}`)));
    const results = await Promise.allSettled(batches.map((batch, b) => store.createMany('contacts', batch, ids[b])));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isStoreError((results[1] as PromiseRejectedResult).reason, StoreErrorCode.AlreadyExists)).toBe(true);
    expect(await store.count('contacts')).toBe(120);
    const outbox = await store.outbox(1_000);
    expect(outbox.map((e) => e.docId)).toEqual([...ids[0], ...ids[2]].map((id) => `contacts/${id}`));
    // Row versions follow commit order: the third batch's rows come after the first's.
    const changes = await store.persistence.rowsSince('contacts', 0, 1_000);
    expect(changes.map((row) => row.id)).toEqual([...ids[0], ...ids[2]]);
    expect((await store.get('contacts', clashId))?.firstName).toBe('B0-59');
    await store.close();
  });

  it('a full disk fails the write with storage_full, stores nothing of it, and the next write works', async () => {
    const persistence = new DexiePersistence(dbName(), { indexedDB, IDBKeyRange });
    const store = await Store.open({ persistence, actor, yieldToHost: async () => {} });
    const row = await store.create('deals', { title: 'Kept', amount: 10 });
    const quota = new Error('The quota has been exceeded.');
    quota.name = 'QuotaExceededError';
    persistence.failNextCommit = quota;
    const error = await store.createMany('deals', [{ title: 'A' }, { title: 'B' }]).catch((e) => e);
    expect(isStoreError(error, StoreErrorCode.StorageFull)).toBe(true);
    expect(error.message).toMatch(/out of storage space/);
    expect(await store.count('deals')).toBe(1);
    expect(await store.outboxCount()).toBe(1);
    persistence.failNextCommit = quota;
    await expect(store.update('deals', row.id, { amount: 20 })).rejects.toMatchObject({ code: 'storage_full' });
    expect((await store.get('deals', row.id))!.amount).toBe(10);
    expect((await store.update('deals', row.id, { amount: 30 })).amount).toBe(30);
    await store.close();
  });

  it('a browser without IndexedDB gets a clear typed error at open', async () => {
    const error = await Store.open({
      persistence: new DexiePersistence(dbName(), { indexedDB: undefined as never, IDBKeyRange: undefined as never }),
      actor,
    }).catch((e) => e);
    // In Node there is no global indexedDB, so Dexie has none to fall back to.
    expect(isStoreError(error)).toBe(true);
    expect(error.message).toMatch(/IndexedDB|database/);
  });

  it('returns the first page by last update, newest first, with the total', async () => {
    const store = await open(dbName());
    let t = 0;
    const clocked = await Store.open({
      persistence: store.persistence, actor, now: () => (t += 1000), yieldToHost: async () => {},
    });
    await clocked.createMany('contacts', Array.from({ length: 300 }, (_, i) => ({ firstName: `P${i}` })));
    const latest = await clocked.update('contacts', (await clocked.query('contacts', { limit: 1 })).rows[0].id, { city: 'Tours' });
    const page = await clocked.query('contacts', { sort: [{ field: 'updatedAt', dir: 'desc' }], limit: 50 });
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0].id).toBe(latest.id);
    expect(page.total).toBe(300);
    const quick = await clocked.query('contacts', { sort: [{ field: 'updatedAt', dir: 'desc' }], limit: 50, total: false });
    expect(quick.rows.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
    expect(quick.total).toBeNull();
  });
});
