// Past imports on this device as rune state: the list the import page shows, kept in the
// workspace database (see import-history.ts), and the undo of any of them after a reload.
import type { Store } from '@carnet/store';
import { ImportUndo, type ImportChanges, type ImportReport, type UndoReport } from '@carnet/transfer';
import { pastImportOf, readChanges, readHistory, saveImport, saveUndone, type PastImport } from './import-history.ts';
import { yieldToBrowser } from './yield.ts';

export class ImportHistory {
  list = $state.raw<PastImport[]>([]);
  loaded = $state(false);
  /** The import being undone from the list, if any. */
  undoing = $state<string | null>(null);

  #store: () => Store | null;
  #now: () => number;

  constructor(store: () => Store | null, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  async load(): Promise<void> {
    const store = this.#store();
    if (!store) return;
    this.list = await readHistory(store);
    this.loaded = true;
  }

  async add(id: string, at: number, fileName: string, report: ImportReport, changes: ImportChanges): Promise<void> {
    const store = this.#store();
    if (!store) return;
    this.list = await saveImport(store, pastImportOf(id, at, fileName, report), changes);
  }

  async markUndone(id: string): Promise<void> {
    const store = this.#store();
    if (!store) return;
    this.list = await saveUndone(store, id, this.#now());
  }

  /** Undoes a past import from its stored record; undefined when the record is gone. */
  async undo(id: string): Promise<UndoReport | undefined> {
    const store = this.#store();
    if (!store || this.undoing) return undefined;
    this.undoing = id;
    try {
      const changes = await readChanges(store, id);
      if (!changes) return undefined;
      const report = await new ImportUndo(store, changes).undo({ yieldToHost: yieldToBrowser });
      await this.markUndone(id);
      return report;
    } finally {
      this.undoing = null;
    }
  }
}
