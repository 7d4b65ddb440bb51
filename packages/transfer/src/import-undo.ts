// Undoing a whole import in one call: records it created are soft-deleted (restorable from the
// trash like any delete), records it updated get their previous values back — but only the
// fields that still hold what the import wrote, so a teammate's later edit is never lost (the
// store's own undo rule, revertValues). What an import changed is plain JSON, so the app can
// keep it and offer the undo after a reload.
import type { AnyRow, Collection } from '@carnet/schema';
import { DELETED_KEY, revertValues, type Snapshot, type Store } from '@carnet/store';
import { TransferError, TransferErrorCode } from './errors.ts';
import { throwIfAborted, yieldMacrotask, type HostOptions } from './host.ts';

export const IMPORT_CHANGES_VERSION = 1;

export interface UpdatedRecord {
  collection: Collection;
  id: string;
  /** Field values before the import wrote them. */
  before: Snapshot;
  /** What the import wrote. */
  after: Snapshot;
}

export interface ImportChanges {
  version: typeof IMPORT_CHANGES_VERSION;
  /** Records the import created, by collection (companies it had to create included). */
  created: { collection: Collection; ids: string[] }[];
  /** Records it updated, in the order it updated them. */
  updated: UpdatedRecord[];
}

export interface UndoReport {
  deleted: number;
  restored: number;
  /** Fields left as they are because someone changed them after the import. */
  keptFields: number;
}

const BATCH = 500;

export function emptyChanges(): ImportChanges {
  return { version: IMPORT_CHANGES_VERSION, created: [], updated: [] };
}

export function recordCreated(changes: ImportChanges, collection: Collection, ids: readonly string[]): void {
  let entry = changes.created.find((c) => c.collection === collection);
  if (!entry) changes.created.push((entry = { collection, ids: [] }));
  entry.ids.push(...ids);
}

function snapshotOf(row: AnyRow): Snapshot {
  return { ...row, [DELETED_KEY]: row.deletedAt !== null };
}

export class ImportUndo {
  readonly #store: Store;
  readonly #changes: ImportChanges;
  #undone = false;

  constructor(store: Store, changes: ImportChanges) {
    this.#store = store;
    this.#changes = changes;
  }

  /** What the import changed, as JSON-safe data (keep it to undo after a reload). */
  get changes(): ImportChanges {
    return this.#changes;
  }

  get undone(): boolean {
    return this.#undone;
  }

  /** Reverts the whole import. Throws TransferError `already_undone` the second time. */
  async undo(options: HostOptions = {}): Promise<UndoReport> {
    if (this.#undone) throw new TransferError(TransferErrorCode.AlreadyUndone, 'This import was already undone.');
    // Marked at the end: an undo that failed half-way can be run again (every step is idempotent).
    const yieldToHost = options.yieldToHost ?? yieldMacrotask;
    const report: UndoReport = { deleted: 0, restored: 0, keptFields: 0 };
    const total = this.#changes.updated.length + this.#changes.created.reduce((n, c) => n + c.ids.length, 0);
    let done = 0;
    const progress = () => options.onProgress?.({ phase: 'undo', done, total });

    // Latest update first, so a record updated twice ends with its original values.
    const updates = [...this.#changes.updated].reverse();
    for (let start = 0; start < updates.length; start += BATCH) {
      throwIfAborted(options.signal);
      const slice = updates.slice(start, start + BATCH);
      for (const op of slice) {
        const row = await this.#store.get(op.collection, op.id);
        if (!row || row.deletedAt !== null) {
          report.keptFields += Object.keys(op.after).length;
          continue;
        }
        const values = revertValues(snapshotOf(row), op.after, op.before);
        report.keptFields += Object.keys(op.after).length - Object.keys(values).length;
        if (Object.keys(values).length) {
          await this.#store.update(op.collection, op.id, values);
          report.restored++;
        }
      }
      done += slice.length;
      progress();
      await yieldToHost();
    }
    // The imported records before the companies created for them.
    const created = [...this.#changes.created].sort((a, b) => Number(a.collection === 'companies') - Number(b.collection === 'companies'));
    for (const { collection, ids } of created) {
      for (let start = 0; start < ids.length; start += BATCH) {
        throwIfAborted(options.signal);
        const slice = ids.slice(start, start + BATCH);
        const rows = await this.#store.getMany(collection, slice);
        const alive = slice.filter((_, i) => rows[i] && rows[i]!.deletedAt === null);
        if (alive.length) await this.#store.deleteMany(collection, alive);
        report.deleted += alive.length;
        done += slice.length;
        progress();
        await yieldToHost();
      }
    }
    this.#undone = true;
    return report;
  }
}
