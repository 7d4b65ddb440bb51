// The layout versions Dexie knows and how a database written by an earlier version is brought
// to the current one, in the upgrade transaction (another tab's old connection is closed first).
import type { Dexie, Transaction } from 'dexie';
import type { Collection } from '@carnet/schema';
import { parseDocId } from '@carnet/schema';
import { dexieStores, isPlaceholder, STATE_FIELD, type DocRecord, type EncodedRow, type StoredValue } from './tables.ts';

/** Doc states moved per step of the version 3 upgrade. */
const MOVE_BATCH = 500;

export function declareVersions(db: Dexie): void {
  db.version(1).stores(dexieStores(1));
  db.version(2).stores(dexieStores(2)).upgrade(outboxIntoGroups);
  db.version(3).stores(dexieStores(3)).upgrade(statesIntoRows);
}

/** 1 → 2: each outbox value (one update) becomes a group of one, under the same key, so the order is kept. */
async function outboxIntoGroups(tx: Transaction): Promise<void> {
  await tx.table('outbox').toCollection().modify((record: Record<string, unknown>) => {
    const { docId, update, createdAt } = record;
    for (const key of ['docId', 'update', 'createdAt']) delete record[key];
    record.entries = [{ docId, update, createdAt }];
    record.n = 1;
  });
}

/** 2 → 3: each record doc's state moves from the docs table into its row, or a placeholder when it has none. */
async function statesIntoRows(tx: Transaction): Promise<void> {
  const docs = tx.table<DocRecord, string>('docs');
  let after: string | undefined;
  for (;;) {
    const batch = await (after === undefined ? docs.orderBy(':id') : docs.where(':id').above(after)).limit(MOVE_BATCH).toArray();
    const byCollection = new Map<Collection, { id: string; state: Uint8Array }[]>();
    const moved: string[] = [];
    for (const { docId, state } of batch) {
      const parsed = parseDocId(docId);
      if (parsed?.kind !== 'record') continue;
      let entries = byCollection.get(parsed.collection);
      if (!entries) byCollection.set(parsed.collection, (entries = []));
      entries.push({ id: parsed.id, state });
      moved.push(docId);
    }
    for (const [collection, entries] of byCollection) {
      const table = tx.table<EncodedRow, string>(collection);
      const stored: (StoredValue | undefined)[] = await table.bulkGet(entries.map((e) => e.id));
      await table.bulkPut(entries.map(({ id, state }, i) => {
        const value = stored[i];
        return (value && !isPlaceholder(value) ? { ...value, [STATE_FIELD]: state } : { id, [STATE_FIELD]: state }) as EncodedRow;
      }));
    }
    if (moved.length > 0) await docs.bulkDelete(moved);
    if (batch.length < MOVE_BATCH) return;
    after = batch[batch.length - 1].docId;
  }
}
