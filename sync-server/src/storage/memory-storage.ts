// RelayStorage in memory, for tests and tools: same contract as SQLite, nothing durable.
// Bytes are copied in and out so that a caller reusing its buffers cannot change the log.
import * as Y from 'yjs';
import { StorageError, StorageErrorCode } from './errors.ts';
import {
  DEFAULT_COMPACT_CHUNK,
  DEFAULT_STORAGE_LIMITS,
  type CompactResult,
  type HistoryEntry,
  type LogEntry,
  type DocState,
  type RelayStorage,
  type RowOf,
  type StorageLimits,
} from './relay-storage.ts';
import { checkCompactOptions, checkCount, checkSeq, compareIds, mergeParts, nextTurn } from './storage-helpers.ts';
import { validateAppend, validateId } from './validate-entry.ts';

interface Workspace {
  headSeq: number;
  compactedSeq: number;
  /** Entries with seq > compactedSeq, ascending; log[i].seq === compactedSeq + 1 + i. */
  log: LogEntry[];
  states: Map<string, StoredState>;
  /** Attribution of compacted entries, by doc, ascending seq. */
  history: Map<string, Omit<HistoryEntry, 'inLog'>[]>;
}

interface StoredState {
  state: Uint8Array;
  /** The state's row; undefined when none was derived for it. */
  row?: Uint8Array | null;
}

export interface MemoryStorageOptions {
  limits?: Partial<StorageLimits>;
  /** Derives the row kept beside each compacted state; without it no rows are kept. */
  rowOf?: RowOf;
}

export function createMemoryStorage(options: MemoryStorageOptions = {}): RelayStorage {
  const limits: StorageLimits = { ...DEFAULT_STORAGE_LIMITS, ...options.limits };
  const workspaces = new Map<string, Workspace>();
  const rowOf = options.rowOf;
  const derive = (docId: string, state: Uint8Array): Uint8Array | null => {
    try {
      return rowOf!(docId, state);
    } catch {
      return null;
    }
  };
  let closed = false;

  function open(): void {
    if (closed) throw new StorageError(StorageErrorCode.Closed, 'storage is closed');
  }

  function workspace(workspaceId: string): Workspace | undefined {
    return workspaces.get(workspaceId);
  }

  function allDocIds(ws: Workspace): string[] {
    const ids = new Set(ws.states.keys());
    for (const entry of ws.log) ids.add(entry.docId);
    return [...ids].sort(compareIds);
  }

  function stateOf(ws: Workspace, docId: string): Uint8Array | null {
    const parts: Uint8Array[] = [];
    const state = ws.states.get(docId)?.state;
    if (state) parts.push(state);
    for (const entry of ws.log) if (entry.docId === docId) parts.push(entry.update);
    return parts.length === 0 ? null : mergeParts(parts).slice();
  }

  return {
    async append(workspaceId, entries) {
      open();
      validateAppend(workspaceId, entries, limits);
      if (entries.length === 0) return [];
      let ws = workspace(workspaceId);
      if (!ws) {
        ws = { headSeq: 0, compactedSeq: 0, log: [], states: new Map(), history: new Map() };
        workspaces.set(workspaceId, ws);
      }
      const target = ws;
      return entries.map((entry) => {
        const seq = ++target.headSeq;
        target.log.push({ ...entry, update: entry.update.slice(), seq });
        return seq;
      });
    },

    async readLog(workspaceId, afterSeq, limit) {
      open();
      checkSeq('afterSeq', afterSeq);
      checkCount('limit', limit);
      const ws = workspace(workspaceId);
      if (!ws) return [];
      const start = Math.max(0, afterSeq - ws.compactedSeq);
      return ws.log.slice(start, start + limit).map((entry) => ({ ...entry, update: entry.update.slice() }));
    },

    async headSeq(workspaceId) {
      open();
      return workspace(workspaceId)?.headSeq ?? 0;
    },

    async oldestSeq(workspaceId) {
      open();
      return (workspace(workspaceId)?.compactedSeq ?? 0) + 1;
    },

    async docState(workspaceId, docId) {
      open();
      validateId('docId', docId, limits);
      const ws = workspace(workspaceId);
      return ws ? stateOf(ws, docId) : null;
    },

    async docIds(workspaceId, prefix = '') {
      open();
      const ws = workspace(workspaceId);
      return ws ? allDocIds(ws).filter((id) => id.startsWith(prefix)) : [];
    },

    async docStates(workspaceId, afterDocId, limit) {
      open();
      checkCount('limit', limit);
      const ws = workspace(workspaceId);
      if (!ws) return [];
      const inLog = new Set(ws.log.map((entry) => entry.docId));
      return allDocIds(ws)
        .filter((id) => afterDocId === null || compareIds(id, afterDocId) > 0)
        .slice(0, limit)
        .map((docId): DocState => {
          const doc: DocState = { docId, state: stateOf(ws, docId)! };
          const stored = ws.states.get(docId);
          if (stored?.row !== undefined && !inLog.has(docId)) doc.row = stored.row?.slice() ?? null;
          return doc;
        });
    },

    async docHistory(workspaceId, docId, limit, beforeSeq = Number.MAX_SAFE_INTEGER) {
      open();
      checkCount('limit', limit);
      checkSeq('beforeSeq', beforeSeq);
      const ws = workspace(workspaceId);
      if (!ws) return [];
      const fromLog: HistoryEntry[] = ws.log
        .filter((entry) => entry.docId === docId)
        .map((entry) => ({
          seq: entry.seq,
          docId,
          userId: entry.userId,
          deviceId: entry.deviceId,
          at: entry.at,
          byteLength: entry.update.byteLength,
          inLog: true,
        }));
      const compacted = (ws.history.get(docId) ?? []).map((entry) => ({ ...entry, inLog: false }));
      return [...compacted, ...fromLog]
        .filter((entry) => entry.seq < beforeSeq)
        .reverse()
        .slice(0, limit);
    },

    async compact(workspaceId, options): Promise<CompactResult> {
      open();
      const { keepTail, chunkSize } = checkCompactOptions(options, DEFAULT_COMPACT_CHUNK);
      let mergedEntries = 0;
      let rowsDerived = 0;
      const touched = new Set<string>();
      for (;;) {
        const ws = workspace(workspaceId);
        if (!ws || closed) break;
        const count = Math.min(chunkSize, ws.headSeq - keepTail - ws.compactedSeq);
        if (count <= 0) break;
        const chunk = ws.log.slice(0, count);
        const byDoc = new Map<string, Uint8Array[]>();
        for (const entry of chunk) {
          byDoc.set(entry.docId, [...(byDoc.get(entry.docId) ?? []), entry.update]);
          const history = ws.history.get(entry.docId) ?? [];
          history.push({
            seq: entry.seq,
            docId: entry.docId,
            userId: entry.userId,
            deviceId: entry.deviceId,
            at: entry.at,
            byteLength: entry.update.byteLength,
          });
          ws.history.set(entry.docId, history);
        }
        for (const [docId, updates] of byDoc) {
          const existing = ws.states.get(docId)?.state;
          const state = Y.mergeUpdates(existing ? [existing, ...updates] : updates);
          ws.states.set(docId, { state });
          touched.add(docId);
        }
        ws.log.splice(0, count);
        ws.compactedSeq += count;
        mergedEntries += count;
        await nextTurn();
      }
      const ws = workspace(workspaceId);
      if (ws && rowOf && !closed) {
        for (const [docId, stored] of ws.states) {
          if (stored.row !== undefined) continue;
          stored.row = derive(docId, stored.state);
          rowsDerived++;
        }
      }
      return { mergedEntries, docsTouched: touched.size, oldestSeq: (workspace(workspaceId)?.compactedSeq ?? 0) + 1, rowsDerived };
    },

    async workspaceIds() {
      open();
      return [...workspaces.keys()].sort(compareIds);
    },

    async close() {
      closed = true;
    },
  };
}
