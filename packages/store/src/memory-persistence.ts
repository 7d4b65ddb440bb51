// In-memory persistence: the reference implementation of the contract, used by tests and by the
// relay. Values are copied in and out so that callers can never mutate what is "stored".
import type { Collection } from '@carnet/schema';
import { COLLECTIONS } from '@carnet/schema';
import { StoreError, StoreErrorCode, alreadyExists } from './errors.ts';
import type { Commit, OutboxEntry, Persistence, StoredRow } from './persistence.ts';
import { matchesDeleted, runQuery, type QueryResult, type RowQuery } from './query.ts';

/**
 * A copy of a row. Rows are plain data (JSON values, now and then bytes), which a plain walk
 * copies several times faster than structuredClone; anything else (a Date, a Map, …) goes to
 * structuredClone, which also refuses what cannot be stored (a function) as it always did.
 */
const copyRow = (row: StoredRow): StoredRow => copyPlain(row) as StoredRow;

function copyPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
    return value;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlain(value[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyPlain((value as Record<string, unknown>)[key]);
  return out;
}

export class MemoryPersistence implements Persistence {
  readonly kind = 'memory';
  #docs = new Map<string, Uint8Array>();
  #rows = new Map<Collection, Map<string, StoredRow>>(COLLECTIONS.map((c) => [c, new Map()]));
  #outbox = new Map<number, OutboxEntry>();
  #nextOutboxId = 1;
  #meta = new Map<string, unknown>();
  #open = false;
  /** Test hook: when set, the next commit fails with this error and changes nothing. */
  failNextCommit: Error | null = null;

  async open(): Promise<void> {
    this.#open = true;
  }

  async close(): Promise<void> {
    this.#open = false;
  }

  #assertOpen(): void {
    if (!this.#open) throw new StoreError(StoreErrorCode.Closed, 'The storage is closed.');
  }

  async commit(commit: Commit): Promise<void> {
    this.#assertOpen();
    if (this.failNextCommit) {
      const cause = this.failNextCommit;
      this.failNextCommit = null;
      const full = cause.name === 'QuotaExceededError';
      throw new StoreError(full ? StoreErrorCode.StorageFull : StoreErrorCode.StorageFailed, `Could not save: ${cause.message}`, { cause });
    }
    // Copy everything first (a value structuredClone refuses throws here); then apply, which
    // cannot throw, so the commit is all-or-nothing.
    let docs: [string, Uint8Array][];
    let rows: [Collection, StoredRow][];
    let meta: [string, unknown][];
    try {
      docs = (commit.docs ?? []).map(({ docId, state }) => [docId, state.slice()]);
      rows = (commit.rows ?? []).map(({ collection, row }) => [collection, copyRow(row)]);
      meta = (commit.meta ?? []).map(({ key, value }) => [key, structuredClone(value)]);
    } catch (cause) {
      throw new StoreError(StoreErrorCode.StorageFailed, `Could not save: ${String(cause)}`, { cause });
    }
    const taken = (commit.docs ?? []).find(({ docId, create }) => create && this.#docs.has(docId));
    if (taken) throw alreadyExists(taken.docId);
    for (const [docId, state] of docs) this.#docs.set(docId, state);
    for (const [collection, row] of rows) this.#rows.get(collection)!.set(row.id, row);
    for (const entry of commit.outbox ?? []) {
      const id = this.#nextOutboxId++;
      this.#outbox.set(id, { id, docId: entry.docId, update: entry.update.slice(), createdAt: entry.createdAt });
    }
    for (const id of commit.acked ?? []) this.#outbox.delete(id);
    for (const [key, value] of meta) this.#meta.set(key, value);
  }

  async getDocStates(docIds: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    this.#assertOpen();
    return docIds.map((id) => this.#docs.get(id)?.slice());
  }

  async listDocIds(prefix: string): Promise<string[]> {
    this.#assertOpen();
    return [...this.#docs.keys()].filter((id) => id.startsWith(prefix)).sort();
  }

  async getRows(collection: Collection, ids: readonly string[]): Promise<(StoredRow | undefined)[]> {
    this.#assertOpen();
    const table = this.#rows.get(collection)!;
    return ids.map((id) => {
      const row = table.get(id);
      return row && copyRow(row);
    });
  }

  async query(collection: Collection, query: RowQuery): Promise<QueryResult> {
    this.#assertOpen();
    const result = runQuery(this.#rows.get(collection)!.values(), query);
    return { rows: result.rows.map((r) => copyRow(r as StoredRow)), total: result.total };
  }

  async count(collection: Collection, deleted: RowQuery['deleted'] = 'alive'): Promise<number> {
    this.#assertOpen();
    let n = 0;
    for (const row of this.#rows.get(collection)!.values()) if (matchesDeleted(row, deleted)) n++;
    return n;
  }

  async rowsSince(collection: Collection, after: number, limit: number): Promise<StoredRow[]> {
    this.#assertOpen();
    return [...this.#rows.get(collection)!.values()]
      .filter((r) => r.v > after)
      .sort((a, b) => a.v - b.v)
      .slice(0, limit)
      .map(copyRow);
  }

  async scanRows(collection: Collection, batchSize: number, each: (rows: StoredRow[]) => void | Promise<void>): Promise<void> {
    this.#assertOpen();
    const all = [...this.#rows.get(collection)!.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 0; i < all.length; i += batchSize) await each(all.slice(i, i + batchSize).map(copyRow));
  }

  async maxRowVersion(): Promise<number> {
    this.#assertOpen();
    let max = 0;
    for (const table of this.#rows.values()) for (const row of table.values()) if (row.v > max) max = row.v;
    return max;
  }

  async outbox(limit: number): Promise<OutboxEntry[]> {
    this.#assertOpen();
    return [...this.#outbox.values()].slice(0, limit).map((e) => ({ ...e, update: e.update.slice() }));
  }

  async outboxCount(): Promise<number> {
    this.#assertOpen();
    return this.#outbox.size;
  }

  async getMeta<T = unknown>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    const value = this.#meta.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }
}
