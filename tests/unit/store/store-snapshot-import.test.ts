// The store's bulk import of doc states with their rows (what a bootstrap bundle carries): the
// rows it stores are the ones the merging path derives, for every collection, on memory and on
// IndexedDB; a doc with local state is merged, never overwritten.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, docIdOf, type Collection } from '@carnet/schema';
import {
  MemoryPersistence, Store, snapshotRowOf, type Persistence, type SnapshotEntry, type StoreEvent,
} from '@carnet/store';
import { DexiePersistence } from '@carnet/store-dexie';
import { deliver, testClock } from '../../helpers/store.ts';

let n = 0;
const persistences: [string, () => Persistence][] = [
  ['memory', () => new MemoryPersistence()],
  ['dexie', () => new DexiePersistence(`carnet-import-test-${Date.now()}-${n++}`, { indexedDB, IDBKeyRange })],
];

const open = (persistence: Persistence, userId = 'importer00000001') =>
  Store.open({ persistence, actor: { userId, deviceId: 'laptop' }, now: testClock().now, yieldToHost: async () => {} });

/** A workspace with records of every collection: custom fields, collaborative text, deleted and merged records. */
async function sourceWorkspace(): Promise<Store> {
  const source = await open(new MemoryPersistence(), 'sourceuser000001');
  await source.updateWorkspace(
    { type: 'putCustomField', def: { key: 'segment', collection: 'contacts', label: 'Segment', kind: 'select', options: ['smb', 'enterprise'], required: false, order: 0 } },
    { type: 'putCustomField', def: { key: 'score', collection: 'deals', label: 'Score', kind: 'number', required: false, order: 0 } },
  );
  const company = await source.create('companies', { name: 'Acme', domain: 'acme.example', description: 'Makes anvils' });
  const contacts = await source.createMany('contacts', [
    { firstName: 'Ana', lastName: 'Lima', companyId: company.id, cf_segment: 'smb', notes: 'Met at the fair', tags: ['vip'] },
    { firstName: 'Bruno', emails: ['bruno@acme.example'] },
    { firstName: 'Ana', lastName: 'Lima', emails: ['ana@acme.example'] },
  ]);
  const deal = await source.create('deals', { title: 'Anvils', amount: 1200, companyId: company.id, contactIds: [contacts[0].id], cf_score: 7, description: 'Two crates' });
  await source.create('activities', { type: 'note', subject: 'Call', body: 'Talked prices', dealId: deal.id, contactId: contacts[0].id });
  const gone = await source.create('activities', { type: 'task', subject: 'Old task' });
  await source.delete('activities', gone.id);
  await source.update('contacts', contacts[1].id, { city: 'Porto' });
  await source.merge('contacts', contacts[0].id, contacts[2].id);
  return source;
}

async function snapshotOf(source: Store): Promise<SnapshotEntry[]> {
  const docIds = [...(await source.persistence.listDocIds('')).filter((id) => !id.startsWith('users/'))];
  const entries: SnapshotEntry[] = [];
  for (const docId of docIds) {
    const state = (await source.docState(docId))!;
    entries.push({ docId, state, row: snapshotRowOf(docId, state) });
  }
  return entries;
}

const withoutVersion = ({ v: _v, ...row }: Record<string, unknown>) => row;

async function allRows(store: Store, collection: Collection) {
  const rows: Record<string, unknown>[] = [];
  await store.persistence.scanRows(collection, 100, (batch) => void rows.push(...batch));
  return rows;
}

describe.each(persistences)('importing a snapshot on %s', (_, makePersistence) => {
  it('stores the rows the merging path derives, for all four collections, without merging a thing', async () => {
    const source = await sourceWorkspace();
    const entries = await snapshotOf(source);
    const records = entries.filter((e) => e.row).length;
    expect(records).toBe(1 + 3 + 1 + 2);

    const merged = await open(makePersistence());
    await merged.applyRemoteBatch(entries.map((e) => ({ docId: e.docId, update: e.state })));
    const imported = await open(makePersistence());
    const events: StoreEvent[] = [];
    imported.subscribe((event) => events.push(event));
    const result = await imported.importSnapshot(entries, { meta: [{ key: 'sync.lastSeq', value: 9 }] });

    expect(result).toEqual({ applied: entries.length, imported: records, rejected: [] });
    for (const collection of COLLECTIONS) {
      const fast = await allRows(imported, collection);
      expect(fast.map(withoutVersion)).toEqual((await allRows(merged, collection)).map(withoutVersion));
      expect(fast.every((row) => typeof row.v === 'number' && row.v > 0)).toBe(true);
    }
    const loser = (await allRows(imported, 'contacts')).find((row) => row.mergedInto);
    expect(loser).toMatchObject({ deletedAt: expect.any(Number) });
    expect(await imported.count('activities', 'deleted')).toBe(1);
    expect(imported.customFields()).toEqual(merged.customFields());
    expect(imported.customFields()).toHaveLength(2);
    expect(await imported.getMeta('sync.lastSeq')).toBe(9);
    expect(await imported.outboxCount()).toBe(0);
    // Row versions are unique and reachable by catch-up, as for any row write.
    const versions = (await Promise.all(COLLECTIONS.map((c) => imported.persistence.rowsSince(c, 0, 100)))).flat().map((r) => r.v);
    expect(new Set(versions).size).toBe(records);
    expect(events.flatMap((e) => e.rows).filter((c) => c.origin === 'remote')).toHaveLength(records);
    // The stored states are complete docs: history and edits work on them.
    const [deal] = (await imported.query('deals')).rows;
    expect((await imported.history('deals', deal.id)).length).toBeGreaterThan(0);
    expect((await imported.update('deals', deal.id, { amount: 1300 })).amount).toBe(1300);
    await Promise.all([source.close(), merged.close(), imported.close()]);
  });

  it('merges a doc that has local unsynced edits instead of overwriting it, and keeps its outbox entry', async () => {
    const relay = await open(new MemoryPersistence(), 'sourceuser000001');
    const contact = await relay.create('contacts', { firstName: 'Chloé', city: 'Nantes' });
    const local = await open(makePersistence());
    await deliver(relay, [local]);
    await local.update('contacts', contact.id, { title: 'Buyer' });
    const mine = await local.create('contacts', { firstName: 'Only mine' });
    await relay.update('contacts', contact.id, { city: 'Rennes' });
    const pending = await local.outboxCount();

    const result = await local.importSnapshot(await snapshotOf(relay));
    expect(result.imported).toBe(0);
    expect(await local.get('contacts', contact.id)).toMatchObject({ firstName: 'Chloé', city: 'Rennes', title: 'Buyer' });
    expect(await local.get('contacts', mine.id)).toMatchObject({ firstName: 'Only mine' });
    expect(await local.outboxCount()).toBe(pending);
    await Promise.all([relay.close(), local.close()]);
  });

  it('derives the row itself when the one supplied does not fit the record', async () => {
    const source = await open(new MemoryPersistence(), 'sourceuser000001');
    const row = await source.create('contacts', { firstName: 'Dora' });
    const [entry] = (await snapshotOf(source)).filter((e) => e.docId === docIdOf('contacts', row.id));
    const store = await open(makePersistence());
    const result = await store.importSnapshot([{ ...entry, row: { ...entry.row, id: 'someoneelse01' } }]);
    expect(result).toMatchObject({ applied: 1, imported: 0, rejected: [] });
    expect(await store.get('contacts', row.id)).toMatchObject({ id: row.id, firstName: 'Dora' });
    await Promise.all([source.close(), store.close()]);
  });

  it('reports a malformed state that comes without a row and stores the rest', async () => {
    const source = await open(new MemoryPersistence(), 'sourceuser000001');
    await source.create('contacts', { firstName: 'Eve' });
    const store = await open(makePersistence());
    const bad = docIdOf('contacts', 'badstate00000001');
    const result = await store.importSnapshot([...(await snapshotOf(source)), { docId: bad, state: Uint8Array.from([9, 9, 9, 9]) }]);
    expect(result.rejected.map((r) => [r.docId, r.code])).toEqual([[bad, 'bad_update']]);
    expect(await store.count('contacts')).toBe(1);
    await Promise.all([source.close(), store.close()]);
  });
});
