// What the store needs from durable storage, and nothing more. Two implementations honour it:
// in memory (tests, relay) and Dexie over IndexedDB (browser, in @carnet/store-dexie). One
// contract suite (tests/unit/store/persistence-contract.ts) runs against both.
//
// Everything a single store step writes (doc states, rows, outbox entries, meta) goes through
// one `commit`, which is atomic: after a failure nothing of it is visible.
import type { AnyRow, Collection } from '@carnet/schema';
import type { QueryResult, RowQuery } from './query.ts';

export interface OutboxEntry {
  /** Assigned by the persistence, strictly increasing in insertion order. */
  id: number;
  docId: string;
  update: Uint8Array;
  createdAt: number;
}

/** A row as stored: the row plus `v`, the local row version used for incremental catch-up. */
export type StoredRow = AnyRow & { v: number };

export interface Commit {
  /**
   * Full merged state of each doc (replaces what was stored). `create`: the doc must not exist
   * yet; if it does, the commit fails with `already_exists` (its `docId` set) and stores nothing.
   */
  docs?: { docId: string; state: Uint8Array; create?: boolean }[];
  /** Rows to insert or replace. */
  rows?: { collection: Collection; row: StoredRow }[];
  /** Updates to append to the outbox. */
  outbox?: { docId: string; update: Uint8Array; createdAt: number }[];
  /** Outbox entries to remove (acknowledged by the relay). */
  acked?: number[];
  /** Small key/value settings: sync cursor, search snapshot version, … */
  meta?: { key: string; value: unknown }[];
}

export interface Persistence {
  /** Human-readable name for errors and benchmarks ("memory", "dexie"). */
  readonly kind: string;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Atomic: all of it is stored or none of it. Rejects with StoreError on failure. */
  commit(commit: Commit): Promise<void>;

  getDocStates(docIds: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /** Every stored doc id with a prefix (e.g. `contacts/`), for rebuilds and exports. */
  listDocIds(prefix: string): Promise<string[]>;

  getRows(collection: Collection, ids: readonly string[]): Promise<(StoredRow | undefined)[]>;
  query(collection: Collection, query: RowQuery): Promise<QueryResult>;
  count(collection: Collection, deleted?: RowQuery['deleted']): Promise<number>;
  /** Rows with version `v` greater than `after`, in ascending `v`, at most `limit`. */
  rowsSince(collection: Collection, after: number, limit: number): Promise<StoredRow[]>;
  /** Calls `each` with successive batches of all rows (deleted ones included). */
  scanRows(collection: Collection, batchSize: number, each: (rows: StoredRow[]) => void | Promise<void>): Promise<void>;
  /** The highest row version stored in any collection (0 when empty). */
  maxRowVersion(): Promise<number>;

  outbox(limit: number): Promise<OutboxEntry[]>;
  outboxCount(): Promise<number>;

  getMeta<T = unknown>(key: string): Promise<T | undefined>;
}
