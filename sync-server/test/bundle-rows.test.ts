// Rows in the bootstrap bundle: after compaction every record goes with the row kept beside
// its state (the row the browser derives itself), a record with later log entries goes
// without one unless the writer derives it, and a client importing the bundle ends with the
// same rows as one that merged every state.
import { afterAll, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { COLLECTIONS, WORKSPACE_DOC_ID, collaborativeFields, docIdOf, type Collection } from '@carnet/schema';
import {
  LOCAL_ORIGIN, MemoryPersistence, Store, markCreated, newRecordDoc, setDeleted, snapshotRowOf, stamp, transactWithUpdate, writeFields,
} from '@carnet/store';
import { bootstrapFromBundle, readBundle, type BundleItem } from '@carnet/sync';
import { recordRowOf } from '../src/snapshots/record-rows.ts';
import { writeBundle } from '../src/snapshots/bundle-writer.ts';
import { openRelayDatabase } from '../src/storage/database.ts';
import type { AppendEntry, RelayStorage } from '../src/storage/relay-storage.ts';
import { createSqliteStorage } from '../src/storage/sqlite-storage.ts';
import { createMemoryStorage } from '../src/storage/memory-storage.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const actor = { userId: 'author0000000001', deviceId: 'laptop' };
const WS = 'ws00000001';

/** A record's creation update, as Store.create makes it. */
function created(collection: Collection, id: string, fields: Record<string, unknown>, at: number, deleted = false): AppendEntry {
  const docId = docIdOf(collection, id);
  const doc = newRecordDoc(docId);
  const update = transactWithUpdate(doc, LOCAL_ORIGIN, () => {
    writeFields(doc, fields, new Set(collaborativeFields(collection)));
    markCreated(doc, actor, at);
    if (deleted) setDeleted(doc, at);
    stamp(doc, actor, at);
  })!;
  doc.destroy();
  return { docId, update, ...actor, at };
}

/** A later edit of a record, on top of `base`. */
function edited(base: AppendEntry, fields: Record<string, unknown>, at: number): AppendEntry {
  const doc = newRecordDoc(base.docId, base.update, 77);
  const update = transactWithUpdate(doc, LOCAL_ORIGIN, () => {
    writeFields(doc, fields, new Set());
    stamp(doc, actor, at);
  })!;
  doc.destroy();
  return { docId: base.docId, update, ...actor, at };
}

function workspaceUpdate(): AppendEntry {
  const doc = new Y.Doc();
  doc.getMap('settings').set('name', 'Acme');
  return { docId: WORKSPACE_DOC_ID, update: Y.encodeStateAsUpdate(doc), ...actor, at: 1 };
}

const storages: [string, () => RelayStorage][] = [
  ['sqlite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-bundle-rows-'));
    tempDirs.push(dir);
    return createSqliteStorage(openRelayDatabase(dir), { rowOf: recordRowOf, ownsDatabase: true });
  }],
  ['memory', () => createMemoryStorage({ rowOf: recordRowOf })],
];

async function collect(stream: ReadableStream<Uint8Array>): Promise<Extract<BundleItem, { type: 'doc' }>[]> {
  const docs: Extract<BundleItem, { type: 'doc' }>[] = [];
  for await (const item of readBundle(stream)) if (item.type === 'doc') docs.push(item);
  return docs;
}

describe.each(storages)('rows in the bundle (%s storage)', (_, makeStorage) => {
  async function seeded() {
    const storage = makeStorage();
    const contact = created('contacts', 'c0000000000000001', { firstName: 'Ana', city: 'Lyon', notes: 'Met at the fair' }, 10);
    await storage.append(WS, [
      workspaceUpdate(),
      created('companies', 'k0000000000000001', { name: 'Acme', description: 'Anvils' }, 11),
      contact,
      created('contacts', 'c0000000000000002', { firstName: 'Bruno', cf_segment: 'smb' }, 12),
      created('deals', 'd0000000000000001', { title: 'Crates', amount: 1200, description: 'Two' }, 13),
      created('activities', 'a0000000000000001', { type: 'note', subject: 'Call', body: 'Prices' }, 14, true),
    ]);
    await storage.compact(WS, { keepTail: 0 });
    // A later edit stays in the log: its doc's stored row no longer describes its state.
    await storage.append(WS, [edited(contact, { city: 'Porto' }, 20)]);
    return storage;
  }

  it('sends each compacted record with its row, and the others without', async () => {
    const storage = await seeded();
    const docs = await collect(writeBundle(storage, WS, { pageSize: 2 }));
    expect(docs.map((d) => [d.docId, Boolean(d.row)])).toEqual([
      ['activities/a0000000000000001', true],
      ['companies/k0000000000000001', true],
      ['contacts/c0000000000000001', false],
      ['contacts/c0000000000000002', true],
      ['deals/d0000000000000001', true],
      [WORKSPACE_DOC_ID, false],
    ]);
    for (const doc of docs) if (doc.row) expect(doc.row).toEqual(JSON.parse(JSON.stringify(snapshotRowOf(doc.docId, doc.state))));
    expect(docs[0].row).toMatchObject({ deletedAt: 14, body: 'Prices', createdBy: actor.userId });
    await storage.close();
  });

  it('derives the row of a doc with later log entries when the writer is given rowOf', async () => {
    const storage = await seeded();
    const docs = await collect(writeBundle(storage, WS, { rowOf: recordRowOf }));
    expect(docs.find((d) => d.docId === 'contacts/c0000000000000001')?.row).toMatchObject({ firstName: 'Ana', city: 'Porto', updatedAt: 20 });
    expect(docs.find((d) => d.docId === WORKSPACE_DOC_ID)).not.toHaveProperty('row');
    await storage.close();
  });

  it('bootstraps a client to the same rows as merging every state would', async () => {
    const storage = await seeded();
    const open = () => Store.open({ persistence: new MemoryPersistence(), actor: { userId: 'reader0000000001', deviceId: 'd' }, yieldToHost: async () => {} });
    const imported = await open();
    const result = await bootstrapFromBundle({ source: writeBundle(storage, WS, { pageSize: 2 }), store: imported, workspaceId: WS, batchSize: 3 });
    expect(result).toMatchObject({ docs: 6, imported: 4, rejected: [] });
    const merged = await open();
    await merged.applyRemoteBatch((await collect(writeBundle(storage, WS))).map((d) => ({ docId: d.docId, update: d.state })));
    for (const collection of COLLECTIONS) {
      const all = async (store: Store) => (await store.query(collection, { deleted: 'all', sort: [{ field: 'id' }] })).rows;
      expect(await all(imported)).toEqual(await all(merged));
    }
    expect(await imported.get('contacts', 'c0000000000000001')).toMatchObject({ city: 'Porto' });
    expect(imported.settings().name).toBe('Acme');
    await storage.close();
  });
});
