// A fresh client bootstrapping from a snapshot bundle: every doc imported into its store (with
// the rows the bundle carries, without building the docs), rows queryable, the sync cursor at
// headSeq only once the whole bundle is in.
import { describe, expect, it } from 'vitest';
import {
  BundleError, BundleErrorCode, LAST_SEQ_META_KEY, bootstrapFromBundle, bundleUrl, encodeBundleEnd, encodeBundleHeader,
  encodeDocRecords,
} from '@carnet/sync';
import { snapshotRowOf } from '@carnet/store';
import { deliver, memoryStore } from '../../helpers/store.ts';

type TestStore = Awaited<ReturnType<typeof memoryStore>>;

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of parts) {
    all.set(b, offset);
    offset += b.length;
  }
  return all;
}

/** Delivered in uneven chunks, as a network would. */
async function* chunked(whole: Uint8Array) {
  for (let i = 0; i < whole.length; i += 777) yield whole.slice(i, i + 777);
}

async function bundleBytes(store: TestStore, workspaceId: string, headSeq: number, options: { rows?: boolean; version?: number } = {}) {
  const docIds = [
    ...(await store.persistence.listDocIds('contacts/')),
    ...(await store.persistence.listDocIds('deals/')),
  ];
  const states = await Promise.all(docIds.map((id) => store.docState(id)));
  const rows = options.rows ?? true;
  return concat([
    encodeBundleHeader({ workspaceId, headSeq, createdAt: 0 }, options.version),
    encodeDocRecords(docIds.map((docId, i) => ({ docId, state: states[i]!, row: rows ? snapshotRowOf(docId, states[i]!) : undefined }))),
    encodeBundleEnd(docIds.length),
  ]);
}

async function bundleOf(store: TestStore, workspaceId: string, headSeq: number, cut = 0, options: { rows?: boolean; version?: number } = {}) {
  const whole = await bundleBytes(store, workspaceId, headSeq, options);
  return chunked(whole.slice(0, whole.length - cut));
}

describe('bootstrap from a bundle', () => {
  it('applies every doc, makes rows queryable and moves the cursor to headSeq', async () => {
    const source = await memoryStore();
    await source.createMany('contacts', Array.from({ length: 1200 }, (_, i) => ({ firstName: `Zoé ${i}`, city: i % 2 ? 'Lyon' : 'Brest' })));
    await source.create('deals', { title: 'Renouvellement', amount: 12000 });
    const fresh = await memoryStore();
    const progress: number[] = [];
    const result = await bootstrapFromBundle({
      source: await bundleOf(source, 'ws00000001', 4242), store: fresh, workspaceId: 'ws00000001', batchSize: 500,
      onProgress: (n) => progress.push(n),
    });
    expect(result).toMatchObject({ headSeq: 4242, docs: 1201, imported: 1201, rejected: [] });
    expect(progress).toEqual([500, 1000, 1201]);
    expect(await fresh.count('contacts')).toBe(1200);
    expect((await fresh.query('contacts', { where: [{ field: 'city', op: 'eq', value: 'Lyon' }] })).total).toBe(600);
    expect(await fresh.getMeta(LAST_SEQ_META_KEY)).toBe(4242);
    expect(await fresh.outboxCount()).toBe(0);
  });

  it('leaves the cursor alone when the download is cut, and a second try completes it', async () => {
    const source = await memoryStore();
    await source.createMany('contacts', Array.from({ length: 50 }, (_, i) => ({ firstName: `P${i}` })));
    const fresh = await memoryStore();
    const error = await bootstrapFromBundle({ source: await bundleOf(source, 'ws00000001', 77, 3), store: fresh, workspaceId: 'ws00000001' }).catch((e) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect(await fresh.getMeta(LAST_SEQ_META_KEY)).toBeUndefined();
    await bootstrapFromBundle({ source: await bundleOf(source, 'ws00000001', 77), store: fresh, workspaceId: 'ws00000001' });
    expect(await fresh.count('contacts')).toBe(50);
    expect(await fresh.getMeta(LAST_SEQ_META_KEY)).toBe(77);
  });

  it('refuses a bundle of another workspace before applying anything', async () => {
    const source = await memoryStore();
    await source.create('contacts', { firstName: 'A' });
    const fresh = await memoryStore();
    await expect(bootstrapFromBundle({ source: await bundleOf(source, 'wsother0001', 1), store: fresh, workspaceId: 'ws00000001' })).rejects.toThrow(/not ws00000001/);
    expect(await fresh.count('contacts')).toBe(0);
  });

  it('stores the same rows from a bundle without rows (format 1), merging every doc', async () => {
    const source = await memoryStore();
    await source.createMany('contacts', Array.from({ length: 30 }, (_, i) => ({ firstName: `V${i}`, city: 'Albi' })));
    const withRows = await memoryStore();
    const without = await memoryStore();
    await bootstrapFromBundle({ source: await bundleOf(source, 'ws00000001', 5), store: withRows, workspaceId: 'ws00000001' });
    const result = await bootstrapFromBundle({
      source: await bundleOf(source, 'ws00000001', 5, 0, { rows: false, version: 1 }), store: without, workspaceId: 'ws00000001',
    });
    expect(result).toMatchObject({ docs: 30, imported: 0, rejected: [] });
    const all = async (store: TestStore) => (await store.query('contacts', { sort: [{ field: 'id' }] })).rows;
    expect(await all(without)).toEqual(await all(withRows));
    expect(await without.getMeta(LAST_SEQ_META_KEY)).toBe(5);
  });

  it('refuses a row that is not JSON and writes nothing of its batch, leaving the cursor alone', async () => {
    const source = await memoryStore();
    await source.createMany('contacts', Array.from({ length: 3 }, (_, i) => ({ firstName: `R${i}` })));
    const [docId] = await source.persistence.listDocIds('contacts/');
    const good = await bundleBytes(source, 'ws00000001', 9);
    const state = (await source.docState(docId))!;
    const bad = encodeDocRecords([{ docId, state, row: new TextEncoder().encode('{"id": "cut') }]);
    const header = encodeBundleHeader({ workspaceId: 'ws00000001', headSeq: 9, createdAt: 0 });
    const records = good.subarray(header.length, good.length - 5);
    const fresh = await memoryStore();
    const error = await bootstrapFromBundle({
      source: chunked(concat([header, records, bad, encodeBundleEnd(4)])), store: fresh, workspaceId: 'ws00000001',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe(BundleErrorCode.Malformed);
    expect(await fresh.count('contacts')).toBe(0);
    expect(await fresh.persistence.listDocIds('')).toEqual([]);
    expect(await fresh.getMeta(LAST_SEQ_META_KEY)).toBeUndefined();
  });

  it('keeps local edits not yet synced: such a doc is merged with the bundle, not replaced', async () => {
    const source = await memoryStore();
    const contact = await source.create('contacts', { firstName: 'Inès', city: 'Caen' });
    const device = await memoryStore();
    await deliver(source, [device]);
    await device.update('contacts', contact.id, { title: 'CFO' });
    await source.update('contacts', contact.id, { city: 'Rouen' });
    const result = await bootstrapFromBundle({ source: await bundleOf(source, 'ws00000001', 3), store: device, workspaceId: 'ws00000001' });
    expect(result).toMatchObject({ docs: 1, imported: 0, rejected: [] });
    expect(await device.get('contacts', contact.id)).toMatchObject({ city: 'Rouen', title: 'CFO' });
    expect(await device.outboxCount()).toBe(1);
  });

  it('reports a bad state and still completes', async () => {
    const source = await memoryStore();
    await source.create('contacts', { firstName: 'Jo' });
    const good = await bundleBytes(source, 'ws00000001', 4);
    const header = encodeBundleHeader({ workspaceId: 'ws00000001', headSeq: 4, createdAt: 0 });
    const bad = encodeDocRecords([{ docId: 'contacts/badstate00000001', state: Uint8Array.from([7, 7, 7]) }]);
    const fresh = await memoryStore();
    const result = await bootstrapFromBundle({
      source: chunked(concat([header, good.subarray(header.length, good.length - 5), bad, encodeBundleEnd(2)])), store: fresh, workspaceId: 'ws00000001',
    });
    expect(result.rejected.map((r) => r.docId)).toEqual(['contacts/badstate00000001']);
    expect(await fresh.count('contacts')).toBe(1);
    expect(await fresh.getMeta(LAST_SEQ_META_KEY)).toBe(4);
  });

  it('fails with the store error when a batch cannot be saved, and leaves the cursor alone', async () => {
    const source = await memoryStore();
    await source.createMany('contacts', Array.from({ length: 50 }, (_, i) => ({ firstName: `S${i}` })));
    const fresh = await memoryStore();
    const quota = new Error('The quota has been exceeded.');
    quota.name = 'QuotaExceededError';
    fresh.mem.failNextCommit = quota;
    const error = await bootstrapFromBundle({ source: await bundleOf(source, 'ws00000001', 8), store: fresh, workspaceId: 'ws00000001', batchSize: 10 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'storage_full' });
    expect(await fresh.getMeta(LAST_SEQ_META_KEY)).toBeUndefined();
  });

  it('names the bundle URL of a workspace', () => {
    expect(bundleUrl('https://crm.example.com/', 'ws00000001')).toBe('https://crm.example.com/api/workspaces/ws00000001/bundle');
  });
});
