// Bulk import of doc states that arrive with their rows (a bootstrap bundle). Building a Y.Doc
// per record to derive its row is what made a cold start of a large workspace slow, so a
// record whose row is supplied and that has nothing local to merge with (no stored state, not
// in memory, no unsaved editor edits) is stored as given: its state and its row, numbered
// like any row write, in one commit per call. Everything else (the workspace and private docs,
// records without a row, records with local state, which may hold edits not yet synced) takes
// the remote-update path, which merges properly.
//
// The state of a fast-path entry is trusted as the relay wrote it (the relay validated every
// update it appended, and derived the row from that very state with `snapshotRowOf`): a full
// decode would cost about a third of building the doc. Its row is checked for the fields the
// row tier relies on; a row that fails the check sends the entry down the merging path.
import { parseDocId, type AnyRow, type Collection } from '@carnet/schema';
import { StoreError, StoreErrorCode } from './errors.ts';
import type { Persistence, StoredRow } from './persistence.ts';
import { hasPending, isCreated, newRecordDoc, rowFromDoc } from './record-doc.ts';
import type { RemoteResult, RemoteUpdate, RowChange, StoreEvent } from './store-types.ts';

/** A doc of a snapshot: its full state and, for a record, the row derived from that state. */
export interface SnapshotEntry {
  docId: string;
  state: Uint8Array;
  row?: Record<string, unknown> | null;
}

export interface SnapshotResult extends RemoteResult {
  /** Entries stored as given, without building their doc. */
  imported: number;
}

/**
 * The row to send with a doc's state so that a peer can store both without building the doc,
 * or null when the peer must derive it itself: not a record doc, a record never created, or
 * a state with updates still waiting for their dependencies (the store keeps those apart).
 * The same `rowFromDoc` the store writes rows with, so the two cannot differ.
 */
export function snapshotRowOf(docId: string, state: Uint8Array): AnyRow | null {
  const parsed = parseDocId(docId);
  if (!parsed || parsed.kind !== 'record') return null;
  const doc = newRecordDoc(docId, state);
  try {
    return isCreated(doc) && !hasPending(doc) ? rowFromDoc(doc, parsed.id) : null;
  } finally {
    doc.destroy();
  }
}

/** What the import needs from the store's engine. */
export interface SnapshotImportContext {
  persistence: Persistence;
  /** True when the doc is in memory or has unsaved edits: its state must be merged. */
  isBusy(docId: string): boolean;
  nextRowVersion(): number;
  /** The merging path (call it from the store's queue). */
  applyRemote(updates: readonly RemoteUpdate[], meta?: { key: string; value: unknown }[]): Promise<RemoteResult>;
  emit(event: StoreEvent): void;
}

const isTime = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isAuthor = (value: unknown) => value === null || typeof value === 'string';

/** The supplied row if it is one the row tier can hold for record `id`, else null. */
function acceptedRow(id: string, row: unknown): AnyRow | null {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return null;
  const r = row as Record<string, unknown>;
  const ok = r.id === id && isTime(r.createdAt) && isTime(r.updatedAt) && (r.deletedAt === null || isTime(r.deletedAt))
    && isAuthor(r.createdBy) && isAuthor(r.updatedBy);
  return ok ? (r as unknown as AnyRow) : null;
}

interface Candidate {
  index: number;
  collection: Collection;
  id: string;
  row: AnyRow;
}

/** Imports a slice of a snapshot (call it from the store's queue); `meta` goes with the last commit. */
export async function importSnapshot(
  context: SnapshotImportContext,
  entries: readonly SnapshotEntry[],
  meta?: { key: string; value: unknown }[],
): Promise<SnapshotResult> {
  const occurrences = new Map<unknown, number>();
  for (const entry of entries) occurrences.set(entry.docId, (occurrences.get(entry.docId) ?? 0) + 1);
  const candidates: Candidate[] = [];
  entries.forEach((entry, index) => {
    const parsed = typeof entry.docId === 'string' ? parseDocId(entry.docId) : undefined;
    if (parsed?.kind !== 'record' || !(entry.state instanceof Uint8Array) || entry.state.length < 2) return;
    // The same doc twice in one slice: its states must be merged.
    if (occurrences.get(entry.docId) !== 1 || context.isBusy(entry.docId)) return;
    const row = acceptedRow(parsed.id, entry.row);
    if (row) candidates.push({ index, collection: parsed.collection, id: parsed.id, row });
  });
  const stored = candidates.length ? await context.persistence.getDocStates(candidates.map((c) => entries[c.index].docId)) : [];
  const fast = candidates.filter((_, i) => stored[i] === undefined);
  const isFast = new Set(fast.map((c) => c.index));
  const slow: RemoteUpdate[] = [];
  entries.forEach((entry, index) => {
    if (!isFast.has(index)) slow.push({ docId: entry.docId, update: entry.state });
  });

  const changes: RowChange[] = [];
  if (fast.length) {
    const rows = fast.map((c) => ({ collection: c.collection, row: { ...c.row, v: context.nextRowVersion() } as StoredRow }));
    try {
      await context.persistence.commit({
        docs: fast.map((c) => ({ docId: entries[c.index].docId, state: entries[c.index].state })),
        rows,
        meta: slow.length ? undefined : meta,
      });
    } catch (error) {
      throw error instanceof StoreError ? error : new StoreError(StoreErrorCode.StorageFailed, `Could not save: ${String(error)}`, { cause: error });
    }
    fast.forEach((c, i) => {
      changes.push({ collection: c.collection, id: c.id, row: c.row, previous: undefined, origin: 'remote', version: rows[i].row.v });
    });
    context.emit({ origin: 'remote', rows: changes, docs: [] });
  }
  const merged = slow.length || (!fast.length && meta?.length) ? await context.applyRemote(slow, meta) : { applied: 0, rejected: [] };
  return { applied: fast.length + merged.applied, imported: fast.length, rejected: merged.rejected };
}
