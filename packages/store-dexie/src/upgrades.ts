// The layout versions Dexie knows and how a database written by an earlier version is brought
// to the current one, in the upgrade transaction (another tab's old connection is closed first).
import type { Dexie, Transaction } from 'dexie';
import { COLLECTIONS, parseDocId } from '@carnet/schema';
import { dexieStores, isPlaceholder, STATE_FIELD, type DocRecord, type EncodedRow, type StoredValue } from './tables.ts';

/** Doc states moved per step of the version 3 upgrade. */
const MOVE_BATCH = 500;

/** Declares every layout version; `onUpgrade` is called once when an existing database is brought up to date. */
export function declareVersions(db: Dexie, onUpgrade: () => void = () => {}): void {
  let told = false;
  const announced = (upgrade: (tx: Transaction) => Promise<void>) => (tx: Transaction) => {
    if (!told) onUpgrade();
    told = true;
    return upgrade(tx);
  };
  db.version(1).stores(dexieStores(1));
  db.version(2).stores(dexieStores(2)).upgrade(announced(outboxIntoGroups));
  db.version(3).stores(dexieStores(3)).upgrade(announced(statesIntoRows));
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

/**
 * 2 → 3: each record doc's state moves from the docs table into its row, or a placeholder when it
 * has none. Per collection, the docs under its prefix and its rows are walked together in key
 * order (the row id is the doc id without the prefix), a range read each, so a batch costs one
 * write per record plus a few requests.
 */
async function statesIntoRows(tx: Transaction): Promise<void> {
  const docs = tx.table<DocRecord, string>('docs');
  for (const collection of COLLECTIONS) {
    const prefix = `${collection}/`;
    const table = tx.table<EncodedRow, string>(collection);
    let after = prefix;
    for (;;) {
      const batch = await docs.where(':id').between(after, `${prefix}\uffff`, false, false).limit(MOVE_BATCH).toArray();
      if (batch.length === 0) break;
      after = batch[batch.length - 1].docId;
      const moving = batch.filter(({ docId }) => parseDocId(docId)?.kind === 'record');
      if (moving.length > 0) {
        const ids = moving.map(({ docId }) => docId.slice(prefix.length));
        const stored: StoredValue[] = await table.where(':id').between(ids[0], ids[ids.length - 1], true, true).toArray();
        const byId = new Map(stored.map((value) => [value.id, value]));
        await table.bulkPut(moving.map(({ state }, i) => {
          const value = byId.get(ids[i]);
          return (value && !isPlaceholder(value) ? { ...value, [STATE_FIELD]: state } : { id: ids[i], [STATE_FIELD]: state }) as EncodedRow;
        }));
        // One range delete when every doc of the batch moved (the usual case), else each key.
        if (moving.length === batch.length) await docs.where(':id').between(batch[0].docId, after, true, true).delete();
        else await docs.bulkDelete(moving.map(({ docId }) => docId));
      }
      if (batch.length < MOVE_BATCH) break;
    }
  }
}
