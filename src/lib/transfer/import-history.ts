// The imports made on this device, kept so that "Undo this import" still works after a reload:
// a short list of what each import did, and apart from it each import's undo record (the
// ids it created and the values it overwrote). Both live in the workspace database's meta
// table, not in the user's private doc: an import of 100,000 rows has an undo record of a few
// megabytes, which has no business travelling to the relay and to the user's other devices.
import type { Collection } from '@carnet/schema';
import type { ImportChanges, ImportReport } from '@carnet/transfer';

export interface PastImport {
  id: string;
  /** When the import finished (epoch ms). */
  at: number;
  collection: Collection;
  fileName: string;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  companiesCreated: number;
  cancelled: boolean;
  /** When it was undone, or null. */
  undoneAt: number | null;
}

/** The part of the Store this module uses (a MemoryPersistence-backed store in tests). */
export interface MetaStore {
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

export const HISTORY_KEY = 'transfer.imports';
export const changesKey = (id: string) => `transfer.import.${id}`;
/** Imports remembered; older ones drop off the list and lose their undo record. */
export const KEEP_IMPORTS = 20;

export function pastImportOf(id: string, at: number, fileName: string, report: ImportReport): PastImport {
  return {
    id, at, fileName, collection: report.collection,
    created: report.created, updated: report.updated, skipped: report.skipped, failed: report.failed,
    companiesCreated: report.companiesCreated, cancelled: report.cancelled, undoneAt: null,
  };
}

/** The list with `entry` first, at most `keep` long; `dropped` are the ids that fell off. */
export function withImport(list: readonly PastImport[], entry: PastImport, keep = KEEP_IMPORTS): { list: PastImport[]; dropped: string[] } {
  const next = [entry, ...list.filter((p) => p.id !== entry.id)];
  return { list: next.slice(0, keep), dropped: next.slice(keep).map((p) => p.id) };
}

export function withUndone(list: readonly PastImport[], id: string, at: number): PastImport[] {
  return list.map((p) => (p.id === id ? { ...p, undoneAt: at } : p));
}

/** Whether an import can still be undone (it created or changed something, and is not undone). */
export function canUndo(entry: PastImport): boolean {
  return entry.undoneAt === null && entry.created + entry.updated + entry.companiesCreated > 0;
}

function isPastImport(value: unknown): value is PastImport {
  const v = value as PastImport;
  return !!v && typeof v.id === 'string' && typeof v.at === 'number' && typeof v.collection === 'string';
}

export async function readHistory(store: MetaStore): Promise<PastImport[]> {
  const stored = await store.getMeta<unknown>(HISTORY_KEY);
  return Array.isArray(stored) ? stored.filter(isPastImport) : [];
}

/** Saves the undo record first, then the list entry, so a listed import always has its record. */
export async function saveImport(store: MetaStore, entry: PastImport, changes: ImportChanges): Promise<PastImport[]> {
  await store.setMeta(changesKey(entry.id), changes);
  const { list, dropped } = withImport(await readHistory(store), entry);
  await store.setMeta(HISTORY_KEY, list);
  for (const id of dropped) await store.setMeta(changesKey(id), null);
  return list;
}

export async function readChanges(store: MetaStore, id: string): Promise<ImportChanges | undefined> {
  const changes = await store.getMeta<ImportChanges | null>(changesKey(id));
  return changes ?? undefined;
}

/** Marks an import undone; its undo record is dropped, it has nothing left to revert. */
export async function saveUndone(store: MetaStore, id: string, at: number): Promise<PastImport[]> {
  const list = withUndone(await readHistory(store), id, at);
  await store.setMeta(HISTORY_KEY, list);
  await store.setMeta(changesKey(id), null);
  return list;
}
