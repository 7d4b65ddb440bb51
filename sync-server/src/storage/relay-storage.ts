// The relay's storage contract: one ordered, gap-free update log per workspace, compacted doc
// states, and the attribution of every accepted update (the audit trail). The sync layer, the
// snapshot bundles and the history endpoint depend on this interface only; SQLite is the
// embedded implementation, memory is for tests, and a PostgreSQL one must pass the same
// contract suite (sync-server/test/storage-contract.ts). Every method is async so that a
// networked database fits without changing callers.

/** One update to append, as accepted from a client (or written by the relay itself). */
export interface AppendEntry {
  docId: string;
  /** A Yjs update, v1 encoding. Validated (Y.decodeUpdate) before it reaches the log. */
  update: Uint8Array;
  userId: string;
  deviceId: string;
  /** Acceptance time, milliseconds since the epoch. */
  at: number;
}

/** An entry of the log, with the sequence number the relay assigned. */
export interface LogEntry extends AppendEntry {
  seq: number;
}

/** Who changed a doc, when, and how much: survives compaction (the update bytes do not). */
export interface HistoryEntry {
  seq: number;
  docId: string;
  userId: string;
  deviceId: string;
  at: number;
  /** Length of the update in bytes. */
  byteLength: number;
  /** False once the entry's bytes were merged into the doc state by compaction. */
  inLog: boolean;
}

export interface DocState {
  docId: string;
  /** The doc's whole state as one Yjs update (compacted state merged with the log tail). */
  state: Uint8Array;
  /**
   * The doc's row as `rowOf` derived it from exactly this state (UTF-8 JSON), or null when it
   * has none; absent when the storage holds no row for this state (the doc has log entries
   * after its compacted state, or the storage has no `rowOf`).
   */
  row?: Uint8Array | null;
}

/**
 * Derives the row a peer keeps for a doc from the doc's full state: UTF-8 JSON, or null when
 * the doc has no row (not a record, …). Passed in by the integrator (snapshots/record-rows.ts,
 * with @carnet/store's own derivation), so storage knows nothing of records.
 */
export type RowOf = (docId: string, state: Uint8Array) => Uint8Array | null;

export interface CompactOptions {
  /** How many of the newest log entries to keep for catch-up by `hello {lastSeq}`. */
  keepTail: number;
  /** Entries merged per transaction (default 500): bounds how long a live append waits. */
  chunkSize?: number;
}

export interface CompactResult {
  /** Log entries merged into doc states and removed from the log. */
  mergedEntries: number;
  /** Distinct docs whose state was rewritten. */
  docsTouched: number;
  /** The workspace's oldest seq still in the log after compaction. */
  oldestSeq: number;
  /** Rows derived with `rowOf` (for rewritten states and states that lacked one). */
  rowsDerived: number;
}

export interface StorageLimits {
  /** Largest accepted update, in bytes. Default 2 MiB. */
  maxUpdateBytes: number;
  /** Longest accepted workspace or doc id, in UTF-16 code units. Default 512. */
  maxIdLength: number;
}

export const DEFAULT_STORAGE_LIMITS: StorageLimits = {
  maxUpdateBytes: 2 * 1024 * 1024,
  maxIdLength: 512,
};

export const DEFAULT_COMPACT_CHUNK = 500;

export interface RelayStorage {
  /**
   * Appends entries to the workspace's log, all or none, and resolves with their seqs
   * (consecutive, continuing the workspace's head) only once the write is durable. Rejects
   * with a StorageError before writing anything if any entry is malformed or too large.
   */
  append(workspaceId: string, entries: readonly AppendEntry[]): Promise<number[]>;
  /** Log entries with seq > afterSeq, ascending, at most `limit`. */
  readLog(workspaceId: string, afterSeq: number, limit: number): Promise<LogEntry[]>;
  /** The last assigned seq; 0 for a workspace with no update yet. Never decreases. */
  headSeq(workspaceId: string): Promise<number>;
  /**
   * The smallest seq still in the log (headSeq + 1 when the log is empty). A client whose
   * lastSeq < oldestSeq - 1 cannot catch up from the log and must bootstrap from a bundle.
   */
  oldestSeq(workspaceId: string): Promise<number>;
  /** The doc's full state (compacted state merged with its log entries), or null if unknown. */
  docState(workspaceId: string, docId: string): Promise<Uint8Array | null>;
  /** Doc ids of the workspace, sorted, optionally only those starting with `prefix`. */
  docIds(workspaceId: string, prefix?: string): Promise<string[]>;
  /**
   * Full states of the docs whose id is > afterDocId (or all), sorted by doc id, at most
   * `limit`, each with its stored row when the storage holds one for that very state: the
   * paging primitive that bundles stream from.
   */
  docStates(workspaceId: string, afterDocId: string | null, limit: number): Promise<DocState[]>;
  /** Attribution of the doc's updates, newest first, with seq < beforeSeq (default: all). */
  docHistory(workspaceId: string, docId: string, limit: number, beforeSeq?: number): Promise<HistoryEntry[]>;
  /**
   * Merges log entries older than the last `keepTail` into doc states (Y.mergeUpdates), in
   * chunks of `chunkSize` per transaction, yielding between chunks so live appends are never
   * held up for long. Attribution is kept. With a `rowOf`, every stored state that lacks a
   * row for its current state (rewritten just now, or written before rows existed) then gets
   * one, in chunks too.
   */
  compact(workspaceId: string, options: CompactOptions): Promise<CompactResult>;
  /** Every workspace that has a log. */
  workspaceIds(): Promise<string[]>;
  close(): Promise<void>;
}
