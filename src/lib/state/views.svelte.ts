// Saved views and column layouts of the record tables, per user. Both live in the user's
// private doc (synced to that user's devices only, writable by every role, viewers included),
// one key per view so that two devices editing different views never overwrite each other.
//
// Views shared with the workspace are not stored yet: the workspace doc has no saved-view
// operation, and only owners and admins may write it. `canShare` says so, and the table offers
// private views only until the store grows that operation.
import type { Collection } from '@carnet/schema';
import { columnsKey, parseSetup, toStoredView, viewKey, viewsIn, type SavedView } from '$lib/components/table/views';
import type { WorkspaceSession } from './workspace.svelte.ts';

export class SavedViews {
  #ws: WorkspaceSession;

  constructor(ws: WorkspaceSession) {
    this.#ws = ws;
  }

  #data(): Record<string, unknown> {
    void this.#ws.workspaceRevision; // bumped when the private doc changes too
    return this.#ws.store?.privateData() ?? {};
  }

  /** The user's views of `collection`, by name. */
  list(collection: Collection): SavedView[] {
    return viewsIn(this.#data(), collection);
  }

  find(collection: Collection, id: string | null | undefined): SavedView | null {
    if (!id) return null;
    return this.list(collection).find((v) => v.id === id) ?? null;
  }

  /** Whether views can be shared with the whole workspace (not yet: see the header). */
  get canShare(): boolean {
    return false;
  }

  async save(view: SavedView): Promise<void> {
    await this.#ws.ready.updatePrivate({ [viewKey(view.id)]: toStoredView({ ...view, scope: 'private' }) });
  }

  async remove(id: string): Promise<void> {
    await this.#ws.ready.updatePrivate({ [viewKey(id)]: undefined });
  }

  /** The column layout the user last chose for `collection`, or null for the default. */
  columns(collection: Collection): string[] | null {
    const stored = this.#data()[columnsKey(collection)];
    if (!Array.isArray(stored)) return null;
    const columns = parseSetup({ columns: stored }).columns;
    return columns.length ? columns : null;
  }

  async setColumns(collection: Collection, columns: readonly string[]): Promise<void> {
    await this.#ws.ready.updatePrivate({ [columnsKey(collection)]: [...columns] });
  }
}
