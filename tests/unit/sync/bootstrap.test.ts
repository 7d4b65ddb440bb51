// A fresh client bootstrapping from a snapshot bundle: every doc applied to its store, rows
// queryable, the sync cursor at headSeq only once the whole bundle is in.
import { describe, expect, it } from 'vitest';
import {
  BundleError, LAST_SEQ_META_KEY, bootstrapFromBundle, bundleUrl, encodeBundleEnd, encodeBundleHeader, encodeDocRecords,
} from '@carnet/sync';
import { memoryStore } from '../../helpers/store.ts';

async function bundleOf(store: Awaited<ReturnType<typeof memoryStore>>, workspaceId: string, headSeq: number, cut = 0) {
  const docIds = [
    ...(await store.persistence.listDocIds('contacts/')),
    ...(await store.persistence.listDocIds('deals/')),
  ];
  const states = await Promise.all(docIds.map((id) => store.docState(id)));
  const bytes = [
    encodeBundleHeader({ workspaceId, headSeq, createdAt: 0 }),
    encodeDocRecords(docIds.map((docId, i) => ({ docId, state: states[i]! }))),
    encodeBundleEnd(docIds.length),
  ];
  const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of bytes) {
    all.set(b, offset);
    offset += b.length;
  }
  const whole = all.slice(0, all.length - cut);
  // Delivered in uneven chunks, as a network would.
  return (async function* () {
    for (let i = 0; i < whole.length; i += 777) yield whole.slice(i, i + 777);
  })();
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
    expect(result).toMatchObject({ headSeq: 4242, docs: 1201, rejected: [] });
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

  it('names the bundle URL of a workspace', () => {
    expect(bundleUrl('https://crm.example.com/', 'ws00000001')).toBe('https://crm.example.com/api/workspaces/ws00000001/bundle');
  });
});
