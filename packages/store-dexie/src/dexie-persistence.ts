// The browser persistence: the store's contract over IndexedDB through Dexie 4. One table per
// collection with the indexes in tables.ts (each row carries its record doc's state), plus docs
// (workspace and user docs), outbox (one group value per commit) and meta. A commit is one
// read-write transaction across every table it touches (commit-writes.ts); queries use an index
// when planQuery finds one and otherwise scan in bounded batches, always with runQuery's semantics.
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { Collection } from '@carnet/schema';
import { COLLECTIONS, isCollection, parseDocId } from '@carnet/schema';
import {
  StoreError,
  StoreErrorCode,
  matchRow,
  rowComparator,
  type Commit,
  type OutboxEntry,
  type Persistence,
  type QueryResult,
  type RowQuery,
  type StoredRow,
} from '@carnet/store';
import { planWrites, writeAll } from './commit-writes.ts';
import { planQuery, type IndexLookup } from './query-plan.ts';
import { declareVersions } from './upgrades.ts';
import { toStoreError } from './storage-errors.ts';
import {
  ALIVE_UPDATED_INDEX,
  STATE_FIELD,
  decodeRow,
  isPlaceholder,
  missingLayout,
  OUTBOX_GROUP_SPAN,
  toBytes,
  type DocRecord,
  type EncodedRow,
  type MetaRecord,
  type OutboxGroup,
  type StoredValue,
} from './tables.ts';

export interface DexiePersistenceOptions {
  /** The IndexedDB factory; defaults to the browser's (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Dexie addons, e.g. a DBCore middleware that instruments reads. */
  addons?: DexieOptions['addons'];
  /**
   * Called when `open` finds a database written by an earlier layout and starts bringing it up
   * to date: at dataset L that takes minutes, once, and the user should be told.
   */
  onUpgrade?: () => void;
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
    declareVersions(this.#db, options.onUpgrade);
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
    const { tables, writes } = planWrites(commit);
    const failure = this.failNextCommit;
    this.failNextCommit = null;
    if (tables.length === 0 && !failure) return;
    try {
      await writeAll(this.#db.backendDB(), tables.length > 0 ? tables : ['meta'], writes, failure);
    } catch (error) {
      throw toStoreError(error, 'save');
    }
  }

  async getDocStates(docIds: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    // A record doc's state is in its collection's table (a row or a placeholder), any other doc's
    // in the docs table: one bulk read per table involved, in one transaction.
    const byTable = new Map<string, { keys: string[]; at: number[] }>();
    docIds.forEach((docId, at) => {
      const parsed = parseDocId(docId);
      const [table, key] = parsed?.kind === 'record' ? [parsed.collection, parsed.id] : ['docs', docId];
      let entry = byTable.get(table);
      if (!entry) byTable.set(table, (entry = { keys: [], at: [] }));
      entry.keys.push(key);
      entry.at.push(at);
    });
    const states: (Uint8Array | undefined)[] = new Array(docIds.length).fill(undefined);
    if (byTable.size === 0) return states;
    return this.#read([...byTable.keys()], 'read documents', async () => {
      for (const [table, { keys, at }] of byTable) {
        if (table === 'docs') {
          const records = await this.#docs().bulkGet(keys);
          records.forEach((record, i) => (states[at[i]] = record ? toBytes(record.state) : undefined));
        } else {
          const values: (StoredValue | undefined)[] = await this.#db.table<EncodedRow, string>(table).bulkGet(keys);
          values.forEach((value, i) => {
            const state = value?.[STATE_FIELD];
            states[at[i]] = state ? toBytes(state) : undefined;
          });
        }
      }
      return states;
    });
  }

  async listDocIds(prefix: string): Promise<string[]> {
    // Record docs under the prefix are the stored values of the matching collections that
    // hold a state; read in batches, so memory stays bounded.
    const collections = COLLECTIONS.filter((c) => `${c}/`.startsWith(prefix) || prefix.startsWith(`${c}/`));
    return this.#read(['docs', ...collections], 'list documents', async () => {
      const docs = this.#docs();
      const ids = prefix === '' ? await docs.toCollection().primaryKeys() : await docs.where(':id').startsWith(prefix).primaryKeys();
      const found = new Set(ids.filter((id) => id.startsWith(prefix)));
      for (const collection of collections) {
        const head = `${collection}/`;
        const rest = prefix.length > head.length ? prefix.slice(head.length) : '';
        const table = this.#rows(collection);
        await (rest === '' ? table.toCollection() : table.where(':id').startsWith(rest)).each((value: StoredValue) => {
          if (value[STATE_FIELD]) found.add(head + value.id);
        });
      }
      return [...found].sort();
    });
  }

  async getRows(collection: Collection, ids: readonly string[]): Promise<(StoredRow | undefined)[]> {
    const table = this.#rows(collection);
    return this.#read([collection], `read ${collection}`, async () => {
      const rows = await table.bulkGet([...ids]);
      return rows.map((row?: StoredValue) => (row && !isPlaceholder(row) ? decodeRow(row) : undefined));
    });
  }

  async query(collection: Collection, query: RowQuery): Promise<QueryResult> {
    const table = this.#rows(collection);
    const plan = planQuery(collection, query);
    const result = await this.#read([collection], `query ${collection}`, async (): Promise<QueryResult> => {
      switch (plan.kind) {
        case 'by-update':
          return this.#queryByUpdate(table, query, plan.alive, plan.reverse, plan.take);
        case 'by-id':
          return this.#queryById(table, plan.offset, plan.limit);
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
   * A page in id order over every row. Placeholders share the primary key space but no index
   * holds them: when the table holds more values than `[_alive+updatedAt]` has rows, some are
   * placeholders and the page is walked with a cursor that skips them.
   */
  async #queryById(table: Table<EncodedRow, string>, offset: number, limit: number | undefined): Promise<QueryResult> {
    const [values, rows] = await Promise.all([table.count(), countRows(table, 'all')]);
    let page = table.orderBy(':id');
    if (values !== rows) page = page.filter((value: StoredValue) => !isPlaceholder(value));
    page = page.offset(offset);
    if (limit !== undefined) page = page.limit(limit);
    return { rows: (await page.toArray()).map(decodeRow), total: rows };
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
      for (const row of batch.rows) {
        if (!matchRow(row, query)) continue;
        total++;
        kept.push(row);
      }
      if (kept.length > Math.max(2 * end, SCAN_BATCH)) kept = kept.sort(compare).slice(0, end);
      if (!batch.full) break;
      after = batch.last;
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
      return countRows(table, deleted);
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
      if (batch.rows.length > 0) await each(batch.rows.map(decodeRow));
      if (!batch.full) return;
      after = batch.last;
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

/**
 * The next `size` values in id order after `after`, and the rows among them: a walk of the
 * primary key also meets placeholders, which only indexes leave out.
 */
async function readBatch(table: Table<EncodedRow, string>, after: string | undefined, size: number): Promise<{ rows: EncodedRow[]; last: string | undefined; full: boolean }> {
  const from = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
  const values: StoredValue[] = await from.limit(size).toArray();
  const rows = values.filter((value): value is EncodedRow => !isPlaceholder(value));
  return { rows, last: values[values.length - 1]?.id, full: values.length === size };
}

/** The rows of a table (alive, deleted or both), counted from `[_alive+updatedAt]`, which holds every row and no placeholder. */
function countRows(table: Table<EncodedRow, string>, deleted: NonNullable<RowQuery['deleted']>): Promise<number> {
  const [from, to] = deleted === 'all' ? [0, 1] : deleted === 'alive' ? [1, 1] : [0, 0];
  return table.where(ALIVE_UPDATED_INDEX).between([from, Dexie.minKey], [to, Dexie.maxKey], true, true).count();
}

/** runQuery's filter, order and page over candidate rows (matchRow is applied again here). */
function finishQuery(candidates: EncodedRow[], query: RowQuery): QueryResult {
  const matched = candidates.filter((row) => matchRow(row, query));
  matched.sort(rowComparator(query.sort));
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  return { rows: matched.slice(offset, end).map(decodeRow), total: matched.length };
}
