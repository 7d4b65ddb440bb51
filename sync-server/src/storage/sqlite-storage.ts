// RelayStorage on bun:sqlite: the embedded default. Appends commit in one IMMEDIATE
// transaction on a WAL database with synchronous=FULL (see database.ts), so the seqs it
// returns are durable. Compaction moves old log entries into doc states chunk by chunk and
// copies their attribution into sync_history, so per-record history outlives the bytes; with
// a `rowOf` it then derives the row of each state it rewrote, kept beside it (`row`, valid
// while `row_seq` equals `merged_seq`), which bundles send so that clients need not build
// the doc.
import type { Database, Statement } from 'bun:sqlite';
import * as Y from 'yjs';
import { StorageError, StorageErrorCode } from './errors.ts';
import {
  DEFAULT_COMPACT_CHUNK,
  DEFAULT_STORAGE_LIMITS,
  type AppendEntry,
  type CompactOptions,
  type CompactResult,
  type DocState,
  type HistoryEntry,
  type LogEntry,
  type RelayStorage,
  type RowOf,
  type StorageLimits,
} from './relay-storage.ts';
import { checkCompactOptions, checkCount, checkSeq, compareIds, mergeParts, nextTurn } from './storage-helpers.ts';
import { validateAppend, validateId } from './validate-entry.ts';

/**
 * Bumped with a migration when the tables below change.
 *   1 — workspaces, log, doc states, history.
 *   2 — sync_doc_states.row and row_seq (added to existing tables by `migrate`).
 */
export const SQLITE_STORAGE_SCHEMA_VERSION = 2;

export const SQLITE_STORAGE_SCHEMA = `
CREATE TABLE IF NOT EXISTS sync_workspaces (
  workspace_id  TEXT PRIMARY KEY,
  head_seq      INTEGER NOT NULL,            -- last seq assigned; never decreases
  compacted_seq INTEGER NOT NULL DEFAULT 0   -- every seq <= this is merged into sync_doc_states
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sync_log (
  workspace_id TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  doc_id       TEXT NOT NULL,
  update_bytes BLOB NOT NULL,
  user_id      TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  at           INTEGER NOT NULL,
  UNIQUE (workspace_id, seq)
);
CREATE INDEX IF NOT EXISTS sync_log_by_doc ON sync_log (workspace_id, doc_id, seq);

CREATE TABLE IF NOT EXISTS sync_doc_states (
  workspace_id TEXT NOT NULL,
  doc_id       TEXT NOT NULL,
  state        BLOB NOT NULL,
  merged_seq   INTEGER NOT NULL,             -- the newest seq merged into state
  row          BLOB,                         -- the state's row (UTF-8 JSON), NULL for none
  row_seq      INTEGER,                      -- row is the state's while row_seq = merged_seq
  PRIMARY KEY (workspace_id, doc_id)
);

CREATE TABLE IF NOT EXISTS sync_history (
  workspace_id TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  doc_id       TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  at           INTEGER NOT NULL,
  byte_length  INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sync_history_by_doc ON sync_history (workspace_id, doc_id, seq);
`;

/** Created after `migrate` (they name columns that schema 1 tables lack until then). */
const SQLITE_STORAGE_INDEXES = `
CREATE INDEX IF NOT EXISTS sync_doc_states_rowless ON sync_doc_states (workspace_id, doc_id)
  WHERE row_seq IS NOT merged_seq;
`;

/** Brings tables written by an older relay to this schema. */
function migrate(db: Database): void {
  const columns = db.query<{ name: string }, []>('PRAGMA table_info(sync_doc_states)').all().map((c) => c.name);
  if (!columns.includes('row')) db.run('ALTER TABLE sync_doc_states ADD COLUMN row BLOB');
  if (!columns.includes('row_seq')) db.run('ALTER TABLE sync_doc_states ADD COLUMN row_seq INTEGER');
}

export interface SqliteStorageOptions {
  limits?: Partial<StorageLimits>;
  /** Close the database with the storage. Default false: the handle is shared with auth. */
  ownsDatabase?: boolean;
  /** Largest sum of update bytes merged in one compaction transaction. Default 16 MiB. */
  compactChunkBytes?: number;
  /** Derives the row kept beside each compacted state; without it no rows are kept. */
  rowOf?: RowOf;
  /** Most time spent deriving rows in one transaction before yielding, in ms. Default 20. */
  rowBudgetMs?: number;
}

interface LogRow {
  seq: number;
  doc_id: string;
  update_bytes: Uint8Array;
  user_id: string;
  device_id: string;
  at: number;
}

interface HistoryRow {
  seq: number;
  doc_id: string;
  user_id: string;
  device_id: string;
  at: number;
  byte_length: number;
  in_log: number;
}

export function createSqliteStorage(db: Database, options: SqliteStorageOptions = {}): RelayStorage {
  const limits: StorageLimits = { ...DEFAULT_STORAGE_LIMITS, ...options.limits };
  const compactChunkBytes = options.compactChunkBytes ?? 16 * 1024 * 1024;
  const rowOf = options.rowOf;
  const rowBudgetMs = options.rowBudgetMs ?? 20;
  db.transaction(() => {
    db.run(SQLITE_STORAGE_SCHEMA);
    migrate(db);
    db.run(SQLITE_STORAGE_INDEXES);
    db.run("INSERT OR REPLACE INTO relay_meta (key, value) VALUES ('sync_storage_schema', ?)", [
      String(SQLITE_STORAGE_SCHEMA_VERSION),
    ]);
  })();

  const q = {
    bumpHead: db.query<{ head_seq: number }, [string, number]>(
      `INSERT INTO sync_workspaces (workspace_id, head_seq) VALUES (?, ?)
       ON CONFLICT (workspace_id) DO UPDATE SET head_seq = head_seq + excluded.head_seq
       RETURNING head_seq`,
    ),
    insertLog: db.query(
      'INSERT INTO sync_log (workspace_id, seq, doc_id, update_bytes, user_id, device_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    workspace: db.query<{ head_seq: number; compacted_seq: number }, [string]>(
      'SELECT head_seq, compacted_seq FROM sync_workspaces WHERE workspace_id = ?',
    ),
    readLog: db.query<LogRow, [string, number, number]>(
      `SELECT seq, doc_id, update_bytes, user_id, device_id, at FROM sync_log
       WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    docLogUpdates: db.query<{ update_bytes: Uint8Array }, [string, string]>(
      'SELECT update_bytes FROM sync_log WHERE workspace_id = ? AND doc_id = ? ORDER BY seq',
    ),
    docStateRow: db.query<{ state: Uint8Array }, [string, string]>(
      'SELECT state FROM sync_doc_states WHERE workspace_id = ? AND doc_id = ?',
    ),
    stateIdsFrom: db.query<{ doc_id: string }, [string, string]>(
      'SELECT doc_id FROM sync_doc_states WHERE workspace_id = ? AND doc_id >= ? ORDER BY doc_id',
    ),
    logIdsFrom: db.query<{ doc_id: string }, [string, string]>(
      'SELECT DISTINCT doc_id FROM sync_log WHERE workspace_id = ? AND doc_id >= ? ORDER BY doc_id',
    ),
    stateIdsAfter: db.query<{ doc_id: string }, [string, string, number]>(
      'SELECT doc_id FROM sync_doc_states WHERE workspace_id = ? AND doc_id > ? ORDER BY doc_id LIMIT ?',
    ),
    logIdsAfter: db.query<{ doc_id: string }, [string, string, number]>(
      'SELECT DISTINCT doc_id FROM sync_log WHERE workspace_id = ? AND doc_id > ? ORDER BY doc_id LIMIT ?',
    ),
    statesInRange: db.query<{ doc_id: string; state: Uint8Array; row: Uint8Array | null; row_fresh: number | null }, [string, string, string]>(
      `SELECT doc_id, state, row, row_seq = merged_seq AS row_fresh FROM sync_doc_states
       WHERE workspace_id = ? AND doc_id > ? AND doc_id <= ? ORDER BY doc_id`,
    ),
    logInRange: db.query<{ doc_id: string; update_bytes: Uint8Array }, [string, string, string]>(
      `SELECT doc_id, update_bytes FROM sync_log
       WHERE workspace_id = ? AND doc_id > ? AND doc_id <= ? ORDER BY doc_id, seq`,
    ),
    history: db.query<HistoryRow, [string, string, number, string, string, number, number]>(
      `SELECT seq, doc_id, user_id, device_id, at, length(update_bytes) AS byte_length, 1 AS in_log
         FROM sync_log WHERE workspace_id = ? AND doc_id = ? AND seq < ?
       UNION ALL
       SELECT seq, doc_id, user_id, device_id, at, byte_length, 0 AS in_log
         FROM sync_history WHERE workspace_id = ? AND doc_id = ? AND seq < ?
       ORDER BY seq DESC LIMIT ?`,
    ),
    compactCandidates: db.query<LogRow, [string, number, number]>(
      `SELECT seq, doc_id, update_bytes, user_id, device_id, at FROM sync_log
       WHERE workspace_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
    ),
    // The row is left as it was: with merged_seq moved on it no longer counts, until derived again.
    upsertState: db.query(
      `INSERT INTO sync_doc_states (workspace_id, doc_id, state, merged_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id, doc_id) DO UPDATE SET state = excluded.state, merged_seq = excluded.merged_seq`,
    ),
    rowless: db.query<{ doc_id: string; state: Uint8Array; merged_seq: number }, [string, string, number]>(
      `SELECT doc_id, state, merged_seq FROM sync_doc_states
       WHERE workspace_id = ? AND doc_id > ? AND row_seq IS NOT merged_seq ORDER BY doc_id LIMIT ?`,
    ),
    setRow: db.query(
      'UPDATE sync_doc_states SET row = ?, row_seq = merged_seq WHERE workspace_id = ? AND doc_id = ? AND merged_seq = ?',
    ),
    copyHistory: db.query(
      `INSERT INTO sync_history (workspace_id, seq, doc_id, user_id, device_id, at, byte_length)
       SELECT workspace_id, seq, doc_id, user_id, device_id, at, length(update_bytes)
       FROM sync_log WHERE workspace_id = ? AND seq > ? AND seq <= ?`,
    ),
    deleteLog: db.query('DELETE FROM sync_log WHERE workspace_id = ? AND seq > ? AND seq <= ?'),
    setCompacted: db.query('UPDATE sync_workspaces SET compacted_seq = ? WHERE workspace_id = ?'),
    workspaceIds: db.query<{ workspace_id: string }, []>('SELECT workspace_id FROM sync_workspaces ORDER BY workspace_id'),
  };
  const statements: Statement[] = Object.values(q) as Statement[];
  let closed = false;

  function open(): void {
    if (closed) throw new StorageError(StorageErrorCode.Closed, 'storage is closed');
  }

  const appendTx = db.transaction((workspaceId: string, entries: readonly AppendEntry[]): number[] => {
    const head = q.bumpHead.get(workspaceId, entries.length)!.head_seq;
    const first = head - entries.length + 1;
    return entries.map((entry, index) => {
      const seq = first + index;
      q.insertLog.run(workspaceId, seq, entry.docId, entry.update, entry.userId, entry.deviceId, entry.at);
      return seq;
    });
  });

  const docStatesTx = db.transaction((workspaceId: string, after: string, limit: number): DocState[] => {
    const ids = mergeSortedUnique(
      q.stateIdsAfter.all(workspaceId, after, limit).map((row) => row.doc_id),
      q.logIdsAfter.all(workspaceId, after, limit).map((row) => row.doc_id),
    ).slice(0, limit);
    if (ids.length === 0) return [];
    const last = ids[ids.length - 1];
    const parts = new Map<string, Uint8Array[]>(ids.map((id) => [id, []]));
    const rows = new Map<string, Uint8Array | null>();
    const inLog = new Set<string>();
    for (const row of q.statesInRange.iterate(workspaceId, after, last)) {
      parts.get(row.doc_id)?.push(row.state);
      if (row.row_fresh) rows.set(row.doc_id, row.row);
    }
    for (const row of q.logInRange.iterate(workspaceId, after, last)) {
      parts.get(row.doc_id)?.push(row.update_bytes);
      inLog.add(row.doc_id);
    }
    return ids.map((docId): DocState => {
      const doc: DocState = { docId, state: mergeParts(parts.get(docId)!) };
      if (!inLog.has(docId) && rows.has(docId)) doc.row = rows.get(docId)!;
      return doc;
    });
  });

  /** Merges one chunk; returns null when nothing is left to compact. */
  const compactChunkTx = db.transaction((workspaceId: string, keepTail: number, chunkSize: number) => {
    const workspace = q.workspace.get(workspaceId);
    if (!workspace) return null;
    const cutoff = workspace.head_seq - keepTail;
    if (workspace.compacted_seq >= cutoff) return null;
    const byDoc = new Map<string, { updates: Uint8Array[]; lastSeq: number }>();
    let lastSeq = workspace.compacted_seq;
    let count = 0;
    let bytes = 0;
    for (const row of q.compactCandidates.iterate(workspaceId, workspace.compacted_seq, cutoff)) {
      let doc = byDoc.get(row.doc_id);
      if (!doc) byDoc.set(row.doc_id, (doc = { updates: [], lastSeq: 0 }));
      doc.updates.push(row.update_bytes);
      doc.lastSeq = row.seq;
      lastSeq = row.seq;
      count += 1;
      bytes += row.update_bytes.byteLength;
      if (count >= chunkSize || bytes >= compactChunkBytes) break;
    }
    for (const [docId, doc] of byDoc) {
      const existing = q.docStateRow.get(workspaceId, docId)?.state;
      const state = Y.mergeUpdates(existing ? [existing, ...doc.updates] : doc.updates);
      q.upsertState.run(workspaceId, docId, state, doc.lastSeq);
    }
    q.copyHistory.run(workspaceId, workspace.compacted_seq, lastSeq);
    q.deleteLog.run(workspaceId, workspace.compacted_seq, lastSeq);
    q.setCompacted.run(lastSeq, workspaceId);
    return { merged: count, docs: [...byDoc.keys()] };
  });

  /**
   * Derives rows for up to `limit` states lacking one after `after`, stopping once `budgetMs`
   * is spent (a row costs a doc build, ~0.1 ms); how many, and the last doc id.
   */
  const deriveRowsTx = db.transaction((workspaceId: string, derive: RowOf, after: string, limit: number, budgetMs: number) => {
    const started = performance.now();
    let count = 0;
    let last = after;
    for (const { doc_id, state, merged_seq } of q.rowless.all(workspaceId, after, limit)) {
      q.setRow.run(safeRowOf(derive, doc_id, state), workspaceId, doc_id, merged_seq);
      count++;
      last = doc_id;
      if (performance.now() - started >= budgetMs) break;
    }
    return { count, last };
  });

  return {
    async append(workspaceId, entries) {
      open();
      validateAppend(workspaceId, entries, limits);
      if (entries.length === 0) return [];
      return appendTx.immediate(workspaceId, entries);
    },

    async readLog(workspaceId, afterSeq, limit) {
      open();
      checkSeq('afterSeq', afterSeq);
      checkCount('limit', limit);
      return q.readLog.all(workspaceId, afterSeq, limit).map(toLogEntry);
    },

    async headSeq(workspaceId) {
      open();
      return q.workspace.get(workspaceId)?.head_seq ?? 0;
    },

    async oldestSeq(workspaceId) {
      open();
      return (q.workspace.get(workspaceId)?.compacted_seq ?? 0) + 1;
    },

    async docState(workspaceId, docId) {
      open();
      validateId('docId', docId, limits);
      const read = db.transaction(() => {
        const parts: Uint8Array[] = [];
        const state = q.docStateRow.get(workspaceId, docId)?.state;
        if (state) parts.push(state);
        for (const row of q.docLogUpdates.iterate(workspaceId, docId)) parts.push(row.update_bytes);
        return parts.length === 0 ? null : mergeParts(parts);
      });
      return read();
    },

    async docIds(workspaceId, prefix = '') {
      open();
      const startsWithPrefix = (id: string) => id.startsWith(prefix);
      const fromStates = takeWhile(q.stateIdsFrom.iterate(workspaceId, prefix), (row) => startsWithPrefix(row.doc_id));
      const fromLog = takeWhile(q.logIdsFrom.iterate(workspaceId, prefix), (row) => startsWithPrefix(row.doc_id));
      return mergeSortedUnique(
        fromStates.map((row) => row.doc_id),
        fromLog.map((row) => row.doc_id),
      );
    },

    async docStates(workspaceId, afterDocId, limit) {
      open();
      checkCount('limit', limit);
      return docStatesTx(workspaceId, afterDocId ?? '', limit);
    },

    async docHistory(workspaceId, docId, limit, beforeSeq = Number.MAX_SAFE_INTEGER) {
      open();
      checkCount('limit', limit);
      checkSeq('beforeSeq', beforeSeq);
      return q.history
        .all(workspaceId, docId, beforeSeq, workspaceId, docId, beforeSeq, limit)
        .map((row): HistoryEntry => ({
          seq: row.seq,
          docId: row.doc_id,
          userId: row.user_id,
          deviceId: row.device_id,
          at: row.at,
          byteLength: row.byte_length,
          inLog: row.in_log === 1,
        }));
    },

    async compact(workspaceId, options: CompactOptions): Promise<CompactResult> {
      open();
      const { keepTail, chunkSize } = checkCompactOptions(options, DEFAULT_COMPACT_CHUNK);
      let mergedEntries = 0;
      let rowsDerived = 0;
      const touched = new Set<string>();
      for (;;) {
        if (closed) break;
        const chunk = compactChunkTx.immediate(workspaceId, keepTail, chunkSize);
        if (!chunk) break;
        mergedEntries += chunk.merged;
        for (const docId of chunk.docs) touched.add(docId);
        // Let appends and reads queued behind this chunk run before the next one.
        await nextTurn();
      }
      // Rows are derived once per rewritten doc, after merging (a doc merged in several chunks
      // would otherwise be derived in each), and for states written before rows existed.
      for (let after = ''; rowOf && !closed; ) {
        const chunk = deriveRowsTx.immediate(workspaceId, rowOf, after, chunkSize, rowBudgetMs);
        if (chunk.count === 0) break;
        rowsDerived += chunk.count;
        after = chunk.last;
        await nextTurn();
      }
      return { mergedEntries, docsTouched: touched.size, oldestSeq: (q.workspace.get(workspaceId)?.compacted_seq ?? 0) + 1, rowsDerived };
    },

    async workspaceIds() {
      open();
      return q.workspaceIds.all().map((row) => row.workspace_id);
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const statement of statements) statement.finalize();
      if (options.ownsDatabase) db.close();
    },
  };
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    seq: row.seq,
    docId: row.doc_id,
    update: row.update_bytes,
    userId: row.user_id,
    deviceId: row.device_id,
    at: row.at,
  };
}

function takeWhile<T>(rows: Iterable<T>, keep: (row: T) => boolean): T[] {
  const kept: T[] = [];
  for (const row of rows) {
    if (!keep(row)) break;
    kept.push(row);
  }
  return kept;
}

/** Union of two ascending lists of ids, ascending, without duplicates. */
function mergeSortedUnique(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && compareIds(a[i], b[j]) <= 0) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/** A row for the state, or null (none) when it cannot be derived: the client derives or refuses it then. */
function safeRowOf(rowOf: RowOf, docId: string, state: Uint8Array): Uint8Array | null {
  try {
    return rowOf(docId, state);
  } catch {
    return null;
  }
}
