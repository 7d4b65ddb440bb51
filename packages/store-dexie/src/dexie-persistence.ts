// The browser persistence: the store's contract over IndexedDB through Dexie 4. One table per
// collection with the indexes in tables.ts, plus docs, outbox (one group value per commit) and
// meta. A commit is one
// read-write transaction across every table it touches; queries use an index when planQuery
// finds one and otherwise scan in bounded batches, always with runQuery's semantics.
import { Dexie, type Collection as DexieCollection, type DexieOptions, type Table } from 'dexie';
import type { Collection } from '@carnet/schema';
import { COLLECTIONS, isCollection } from '@carnet/schema';
import {
  StoreError,
  StoreErrorCode,
  alreadyExists,
  matchRow,
  rowComparator,
  type Commit,
  type OutboxEntry,
  type Persistence,
  type QueryResult,
  type RowQuery,
  type StoredRow,
} from '@carnet/store';
import { planQuery, type IndexLookup } from './query-plan.ts';
import { toStoreError } from './storage-errors.ts';
import {
  ALIVE_UPDATED_INDEX,
  SCHEMA_VERSION,
  decodeRow,
  dexieStores,
  encodeRow,
  missingLayout,
  OUTBOX_GROUP_BYTES,
  OUTBOX_GROUP_SIZE,
  OUTBOX_GROUP_SPAN,
  ownBytes,
  toBytes,
  validateRow,
  type DocRecord,
  type EncodedRow,
  type MetaRecord,
  type OutboxGroup,
} from './tables.ts';

export interface DexiePersistenceOptions {
  /** The IndexedDB factory; defaults to the browser's (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Dexie addons, e.g. a DBCore middleware that instruments reads. */
  addons?: DexieOptions['addons'];
}

/** Rows read per IndexedDB request when scanning, so memory stays bounded at dataset L. */
const SCAN_BATCH = 2_000;

export class DexiePersistence implements Persistence {
  readonly kind = 'dexie';
  readonly name: string;
  #db: Dexie;
  #open = false;
  /** Test hook: the next commit throws this inside its transaction, after all its writes. */
  failNextCommit: Error | null = null;

  constructor(name: string, options: DexiePersistenceOptions = {}) {
    this.name = name;
    const dexieOptions: DexieOptions = { autoOpen: false, cache: 'disabled' };
    if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
    if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
    if (options.addons) dexieOptions.addons = options.addons;
    this.#db = new Dexie(name, dexieOptions);
    this.#db.version(1).stores(dexieStores(1));
    this.#db.version(SCHEMA_VERSION).stores(dexieStores()).upgrade(async (tx) => {
      // Version 1 stored one value per update: each becomes a group of one, under the same key,
      // so the order is kept.
      await tx.table('outbox').toCollection().modify((record: Record<string, unknown>) => {
        const { docId, update, createdAt } = record;
        for (const key of ['docId', 'update', 'createdAt']) delete record[key];
        record.entries = [{ docId, update, createdAt }];
        record.n = 1;
      });
    });
  }

  async open(): Promise<void> {
    if (this.#open) return;
    try {
      await this.#db.open();
    } catch (error) {
      throw toStoreError(error, `open the local database "${this.name}"`);
    }
    const missing = missingLayout(this.#db.backendDB());
    if (missing.length > 0) {
      this.#db.close();
      throw new StoreError(
        StoreErrorCode.StorageFailed,
        `Could not open the local database "${this.name}": it was written by another version of Carnet and lacks ${missing.join(', ')}. Reload the page; if this persists, clear this site's data (changes not yet synced would be lost).`,
      );
    }
    this.#open = true;
  }

  async close(): Promise<void> {
    this.#open = false;
    this.#db.close();
  }

  #assertOpen(): void {
    if (!this.#open) throw new StoreError(StoreErrorCode.Closed, `The local database "${this.name}" is closed; open it before use.`);
  }

  #rows(collection: Collection): Table<EncodedRow, string> {
    if (!isCollection(collection)) throw new StoreError(StoreErrorCode.UnknownCollection, `Unknown collection "${String(collection)}".`);
    return this.#db.table(collection);
  }

  #docs(): Table<DocRecord, string> {
    return this.#db.table('docs');
  }

  #outbox(): Table<OutboxGroup, number> {
    return this.#db.table('outbox');
  }

  #meta(): Table<MetaRecord, string> {
    return this.#db.table('meta');
  }

  /** Runs reads in one read-only transaction and maps failures to StoreError. */
  async #read<T>(tables: string[], action: string, scope: () => Promise<T>): Promise<T> {
    this.#assertOpen();
    try {
      return await this.#db.transaction('r', tables, scope);
    } catch (error) {
      throw toStoreError(error, action);
    }
  }

  async commit(commit: Commit): Promise<void> {
    this.#assertOpen();
    const rowsByCollection = new Map<Collection, EncodedRow[]>();
    for (const { collection, row } of commit.rows ?? []) {
      validateRow(collection, row);
      let list = rowsByCollection.get(collection);
      if (!list) rowsByCollection.set(collection, (list = []));
      list.push(encodeRow(row));
    }
    const docs = (commit.docs ?? []).map(({ docId, state, create }) => ({ record: { docId, state: ownBytes(state) } satisfies DocRecord, create }));
    const outbox: OutboxGroup[] = [];
    let bytes = 0;
    for (const { docId, update, createdAt } of commit.outbox ?? []) {
      let group = outbox[outbox.length - 1];
      if (!group || group.entries.length >= OUTBOX_GROUP_SIZE || (group.n > 0 && bytes + update.byteLength > OUTBOX_GROUP_BYTES)) {
        outbox.push((group = { entries: [], n: 0 }));
        bytes = 0;
      }
      group.entries.push({ docId, update: ownBytes(update), createdAt });
      group.n++;
      bytes += update.byteLength + docId.length + 16;
    }
    const acked = new Map<number, number[]>();
    for (const id of commit.acked ?? []) {
      if (!Number.isSafeInteger(id) || id < 0) continue;
      const group = Math.floor(id / OUTBOX_GROUP_SPAN);
      let positions = acked.get(group);
      if (!positions) acked.set(group, (positions = []));
      positions.push(id % OUTBOX_GROUP_SPAN);
    }
    const meta = (commit.meta ?? []).map(({ key, value }): MetaRecord => ({ key, value }));

    const tables: string[] = [...rowsByCollection.keys()];
    if (docs.length > 0) tables.push('docs');
    if (outbox.length > 0 || acked.size > 0) tables.push('outbox');
    if (meta.length > 0) tables.push('meta');
    const failure = this.failNextCommit;
    this.failNextCommit = null;
    if (tables.length === 0 && !failure) return;

    const writes: Write[] = [];
    // A doc that must be new is added: IndexedDB refuses an existing key, which aborts the commit.
    for (const { record, create } of docs) writes.push({ table: 'docs', kind: create ? 'add' : 'put', value: record });
    for (const [collection, rows] of rowsByCollection) for (const row of rows) writes.push({ table: collection, kind: 'put', value: row });
    for (const group of outbox) writes.push({ table: 'outbox', kind: 'add', value: group });
    for (const [group, positions] of acked) writes.push({ table: 'outbox', kind: 'ack', value: { group, positions } });
    for (const record of meta) writes.push({ table: 'meta', kind: 'put', value: record });
    try {
      await writeAll(this.#db.backendDB(), tables.length > 0 ? tables : ['meta'], writes, failure);
    } catch (error) {
      throw toStoreError(error, 'save');
    }
  }

  async getDocStates(docIds: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    return this.#read(['docs'], 'read documents', async () => {
      const records = await this.#docs().bulkGet([...docIds]);
      return records.map((record) => (record ? toBytes(record.state) : undefined));
    });
  }

  async listDocIds(prefix: string): Promise<string[]> {
    return this.#read(['docs'], 'list documents', async () => {
      const docs = this.#docs();
      const ids = prefix === '' ? await docs.toCollection().primaryKeys() : await docs.where(':id').startsWith(prefix).primaryKeys();
      return ids.filter((id) => id.startsWith(prefix));
    });
  }

  async getRows(collection: Collection, ids: readonly string[]): Promise<(StoredRow | undefined)[]> {
    const table = this.#rows(collection);
    return this.#read([collection], `read ${collection}`, async () => {
      const rows = await table.bulkGet([...ids]);
      return rows.map((row) => row && decodeRow(row));
    });
  }

  async query(collection: Collection, query: RowQuery): Promise<QueryResult> {
    const table = this.#rows(collection);
    const plan = planQuery(collection, query);
    const result = await this.#read([collection], `query ${collection}`, async (): Promise<QueryResult> => {
      switch (plan.kind) {
        case 'by-update':
          return this.#queryByUpdate(table, query, plan.alive, plan.reverse, plan.take);
        case 'by-id': {
          const total = query.total === false ? null : await table.count();
          let page = table.orderBy(':id').offset(plan.offset);
          if (plan.limit !== undefined) page = page.limit(plan.limit);
          return { rows: (await page.toArray()).map(decodeRow), total };
        }
        case 'index':
          return finishQuery(await this.#lookup(table, plan.lookups), query);
        case 'scan':
          return this.#queryByScan(table, query);
      }
    });
    // Same answer as runQuery whichever path ran: no total unless asked for.
    return query.total === false ? { rows: result.rows, total: null } : result;
  }

  /**
   * Reads the whole table in batches, keeping only the rows that can still be on the page: when
   * the buffer grows past twice the page end it is sorted and cut, so memory stays bounded.
   */
  async #queryByScan(table: Table<EncodedRow, string>, query: RowQuery): Promise<QueryResult> {
    const compare = rowComparator(query.sort);
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? Infinity : offset + query.limit;
    let kept: EncodedRow[] = [];
    let total = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await readBatch(table, after, SCAN_BATCH);
      for (const row of batch) {
        if (!matchRow(row, query)) continue;
        total++;
        kept.push(row);
      }
      if (kept.length > Math.max(2 * end, SCAN_BATCH)) kept = kept.sort(compare).slice(0, end);
      if (batch.length < SCAN_BATCH) break;
      after = batch[batch.length - 1].id;
    }
    kept.sort(compare);
    return { rows: kept.slice(offset, end).map(decodeRow), total };
  }

  /**
   * Walks `[_alive+updatedAt]` in the sort's direction and reads the page, then the run of rows
   * sharing the last row's `updatedAt` again on its own: the tie-break (the next sort keys, then
   * id) may reorder rows within that run, and an import or a bulk edit makes runs of thousands.
   * IndexedDB keeps equal index keys in primary key order, so when `updatedAt` is the only sort
   * key the run's first rows, read forwards, are exactly the smallest ids the page needs; with
   * more sort keys the whole run is read.
   */
  async #queryByUpdate(table: Table<EncodedRow, string>, query: RowQuery, alive: 0 | 1, reverse: boolean, take: number): Promise<QueryResult> {
    const range = () => table.where(ALIVE_UPDATED_INDEX).between([alive, Dexie.minKey], [alive, Dexie.maxKey], true, true);
    const total = query.total === false ? null : await range().count();
    if (take <= 0) return { rows: [], total };
    let rows = await (reverse ? range().reverse() : range()).limit(take).toArray();
    if (rows.length === take) {
      const boundary = rows[take - 1].updatedAt;
      const beyond = rows.filter((row) => row.updatedAt !== boundary);
      const run = table.where(ALIVE_UPDATED_INDEX).equals([alive, boundary]);
      const onlyByUpdate = (query.sort ?? []).length === 1;
      rows = beyond.concat(await (onlyByUpdate ? run.limit(take - beyond.length) : run).toArray());
    }
    rows.sort(rowComparator(query.sort));
    return { rows: rows.slice(query.offset ?? 0, take).map(decodeRow), total };
  }

  /**
   * The rows of the most selective lookup, each once. One `equals` per key: a plain key range
   * lets IndexedDB count without reading values and fetch with getAll, where `anyOf` walks a
   * cursor.
   */
  async #lookup(table: Table<EncodedRow, string>, lookups: IndexLookup[]): Promise<EncodedRow[]> {
    let best = lookups[0];
    if (lookups.length > 1) {
      const sizes = await Promise.all(lookups.map(async (lookup) => {
        let size = 0;
        for (const key of lookup.keys) size += await table.where(lookup.index).equals(key).count();
        return size;
      }));
      best = lookups[sizes.indexOf(Math.min(...sizes))];
    }
    const seen = new Set<string>();
    const rows: EncodedRow[] = [];
    for (const key of best.keys) {
      for (const row of await table.where(best.index).equals(key).toArray()) {
        if (!seen.has(row.id)) {
          seen.add(row.id);
          rows.push(row);
        }
      }
    }
    return rows;
  }

  async count(collection: Collection, deleted: RowQuery['deleted'] = 'alive'): Promise<number> {
    const table = this.#rows(collection);
    return this.#read([collection], `count ${collection}`, async () => {
      if (deleted === 'all') return table.count();
      const alive = deleted === 'alive' ? 1 : 0;
      return table.where(ALIVE_UPDATED_INDEX).between([alive, Dexie.minKey], [alive, Dexie.maxKey], true, true).count();
    });
  }

  async rowsSince(collection: Collection, after: number, limit: number): Promise<StoredRow[]> {
    const table = this.#rows(collection);
    return this.#read([collection], `read ${collection} changes`, async () => {
      if (limit <= 0) return [];
      return (await table.where('v').above(after).limit(limit).toArray()).map(decodeRow);
    });
  }

  async scanRows(collection: Collection, batchSize: number, each: (rows: StoredRow[]) => void | Promise<void>): Promise<void> {
    const table = this.#rows(collection);
    const size = Math.max(1, Math.floor(batchSize));
    let after: string | undefined;
    for (;;) {
      // Each batch is its own transaction: `each` may be slow or async, and a transaction
      // cannot stay open across it.
      const batch = await this.#read([collection], `scan ${collection}`, () => readBatch(table, after, size));
      if (batch.length > 0) await each(batch.map(decodeRow));
      if (batch.length < size) return;
      after = batch[batch.length - 1].id;
    }
  }

  async maxRowVersion(): Promise<number> {
    const collections = [...COLLECTIONS];
    return this.#read(collections, 'read row versions', async () => {
      let max = 0;
      for (const collection of collections) {
        const last = await this.#rows(collection).orderBy('v').lastKey();
        if (typeof last === 'number' && last > max) max = last;
      }
      return max;
    });
  }

  async outbox(limit: number): Promise<OutboxEntry[]> {
    const table = this.#outbox();
    return this.#read(['outbox'], 'read the outbox', async () => {
      const entries: OutboxEntry[] = [];
      let after: number | undefined;
      // A few groups per request: one group may hold a whole import batch.
      while (entries.length < limit) {
        const groups = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(4).toArray();
        for (const group of groups) {
          for (const [position, entry] of group.entries.entries()) {
            if (entry && entries.length < limit) {
              entries.push({ id: group.id! * OUTBOX_GROUP_SPAN + position, docId: entry.docId, update: toBytes(entry.update), createdAt: entry.createdAt });
            }
          }
        }
        if (groups.length < 4) break;
        after = groups[groups.length - 1].id;
      }
      return entries;
    });
  }

  async outboxCount(): Promise<number> {
    // The `n` index holds each group's count: summed from the index keys, no value is read.
    return this.#read(['outbox'], 'count the outbox', async () => {
      const counts = await this.#outbox().orderBy('n').keys();
      return counts.reduce<number>((sum, n) => sum + Number(n), 0);
    });
  }

  async getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return this.#read(['meta'], 'read settings', async () => (await this.#meta().get(key))?.value as T | undefined);
  }
}

/** One request of a commit; `ack` reads an outbox group and rewrites or deletes it. */
type Write =
  | { table: string; kind: 'put' | 'add' | 'delete'; value: unknown }
  | { table: 'outbox'; kind: 'ack'; value: { group: number; positions: number[] } };

/** Nulls the acknowledged entries of a group just read, then stores it or, when none are left, deletes it. */
function settleAck(store: IDBObjectStore, group: OutboxGroup | undefined, key: number, positions: readonly number[]): void {
  if (!group) return; // acknowledged twice: already gone
  for (const position of positions) if (position < group.entries.length) group.entries[position] = null;
  group.n = group.entries.reduce((n, entry) => n + (entry ? 1 : 0), 0);
  if (group.n === 0) store.delete(key);
  else store.put(group);
}

/**
 * Requests issued in one task. A commit of an import batch is thousands of requests, and
 * issuing one clones its value on the page's thread: the rest are issued from the success
 * callback of each run's last request (the transaction stays active there), so a large
 * commit is many short tasks instead of one long one, and still one transaction.
 */
const REQUESTS_PER_TASK = 120;
/**
 * A big value counts as several requests (one per this many bytes, about): the search snapshot
 * is stored in parts of hundreds of kilobytes, and issuing all of them in one task blocked the
 * page for 253 ms at dataset L (Chromium copies a value over 64 KiB into a blob as it is issued).
 */
const BYTES_PER_REQUEST = 4_096;

/** How many requests' worth of the page's time issuing a write costs. */
function weightOf(write: Write): number {
  if (write.kind === 'ack' || write.kind === 'delete') return 1;
  if (write.table === 'meta') {
    const { value } = write.value as MetaRecord;
    return typeof value === 'string' ? 1 + Math.floor((2 * value.length) / BYTES_PER_REQUEST) : 1;
  }
  if (write.table === 'outbox') {
    const group = write.value as OutboxGroup;
    return 1 + Math.floor(group.entries.reduce((sum, entry) => sum + (entry?.update.byteLength ?? 0), 0) / BYTES_PER_REQUEST);
  }
  return 1;
}

/**
 * The commit's writes in one read-write transaction on the raw IndexedDB database (Dexie's
 * bulk operations cost about as much again as the requests themselves, measured at dataset L
 * in Chromium). Any failing request aborts the whole transaction, so nothing of it is stored.
 * `failure` (a test hook) aborts it after every write has succeeded.
 */
function writeAll(db: IDBDatabase, tables: string[], writes: readonly Write[], failure: Error | null): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(tables, 'readwrite');
    } catch (error) {
      reject(error);
      return;
    }
    let reason: unknown = null;
    const abort = (error: unknown) => {
      reason ??= error;
      try {
        tx.abort();
      } catch {
        reject(reason); // already finished or aborting: onabort may never come
      }
    };
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(reason ?? tx.error ?? new DOMException('The save was aborted.', 'AbortError'));
    const stores = new Map(tables.map((table) => [table, tx.objectStore(table)]));
    let next = 0;
    const issue = () => {
      try {
        let last: IDBRequest | undefined;
        // At least one write per task, then as many as fit in REQUESTS_PER_TASK.
        for (let spent = 0; next < writes.length; next++) {
          const weight = weightOf(writes[next]);
          if (spent > 0 && spent + weight > REQUESTS_PER_TASK) break;
          spent += weight;
          const write = writes[next];
          const { table, kind, value } = write;
          const store = stores.get(table)!;
          let request: IDBRequest;
          if (write.kind === 'ack') {
            const { group, positions } = write.value;
            const read = store.get(group);
            read.onsuccess = () => {
              try {
                settleAck(store, read.result as OutboxGroup | undefined, group, positions);
              } catch (error) {
                abort(error);
              }
            };
            request = read;
          } else {
            request = kind === 'put' ? store.put(value) : kind === 'add' ? store.add(value) : store.delete(value as IDBValidKey);
          }
          if (kind === 'add' && table === 'docs') {
            const { docId } = value as DocRecord;
            request.onerror = () => {
              if (request.error?.name === 'ConstraintError') reason ??= alreadyExists(docId);
            };
          }
          last = request;
        }
        // Chained after the request's own success handler (an ack's rewrite), if it has one.
        const then = (request: IDBRequest, step: () => void) => {
          const own = request.onsuccess;
          request.onsuccess = (event) => {
            own?.call(request, event);
            step();
          };
        };
        if (next < writes.length) then(last!, issue);
        else if (failure && last) then(last, () => abort(failure));
        else if (failure) abort(failure);
      } catch (error) {
        abort(error); // a value that cannot be cloned, a closing database
      }
    };
    issue();
  });
}

function readBatch(table: Table<EncodedRow, string>, after: string | undefined, size: number): Promise<EncodedRow[]> {
  const from = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
  return from.limit(size).toArray();
}

/** runQuery's filter, order and page over candidate rows (matchRow is applied again here). */
function finishQuery(candidates: EncodedRow[], query: RowQuery): QueryResult {
  const matched = candidates.filter((row) => matchRow(row, query));
  matched.sort(rowComparator(query.sort));
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  return { rows: matched.slice(offset, end).map(decodeRow), total: matched.length };
}
