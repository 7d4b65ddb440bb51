// Saved views and column layouts of the record tables. A user's own views and layouts live in
// their private doc (synced to that user's devices only, writable by every role, viewers
// included), one key per view so that two devices editing different views never overwrite
// each other. Views shared with the workspace live in the workspace doc, which only owners
// and admins may write (the relay enforces it): they share, everyone sees.
import type { Collection } from '@carnet/schema';
import { columnsKey, parseSavedView, parseSetup, toStoredView, viewKey, viewsIn, type SavedView } from '$lib/components/table/views';
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

  /** The workspace's shared views of `collection`, then the user's own, each by name. */
  list(collection: Collection): SavedView[] {
    void this.#ws.workspaceRevision;
    const shared = (this.#ws.store?.savedViews(collection) ?? [])
      .map((def) => parseSavedView({ ...def.setup, id: def.id, name: def.name, collection: def.collection, scope: 'shared', ownerId: def.ownerId, updatedAt: def.updatedAt }))
      .filter((view): view is SavedView => view !== null);
    return [...shared, ...viewsIn(this.#data(), collection)];
  }

  find(collection: Collection, id: string | null | undefined): SavedView | null {
    if (!id) return null;
    return this.list(collection).find((v) => v.id === id) ?? null;
  }

  /** Whether this user may share views with the workspace (and change shared ones). */
  get canShare(): boolean {
    return this.#ws.canAdmin;
  }

  async save(view: SavedView): Promise<void> {
    const stored = toStoredView(view);
    if (view.scope === 'shared') {
      const { id, name, collection, ownerId, updatedAt, filters, sort, q, columns } = stored;
      await this.#ws.ready.updateWorkspace({ type: 'putView', view: { id, name, collection, ownerId, updatedAt, setup: { filters, sort, q, columns } } });
    } else {
      await this.#ws.ready.updatePrivate({ [viewKey(view.id)]: stored });
    }
  }

  async remove(view: SavedView): Promise<void> {
    if (view.scope === 'shared') await this.#ws.ready.updateWorkspace({ type: 'removeView', id: view.id });
    else await this.#ws.ready.updatePrivate({ [viewKey(view.id)]: undefined });
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
