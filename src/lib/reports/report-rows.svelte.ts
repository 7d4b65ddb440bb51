// The rows behind the reports screen, kept current: each collection a widget needs is read
// from the local store once (so reports work offline), then patched from the store's change
// events — local edits and teammates' edits arriving from the relay alike. Changes are
// published at most every `throttleMs`, so a burst of remote updates redraws once.
import type { Store } from '@carnet/store';
import type { ReportData } from '@carnet/reports';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { RowCache, type ReportCollection, type Revisions } from './row-cache.ts';

export interface ReportRowsOptions {
  throttleMs?: number;
  /** How often the clock that "overdue", "stalled" and "this month" read ticks. */
  clockMs?: number;
}

export class ReportRows {
  data = $state.raw<ReportData>({});
  revisions = $state.raw<Revisions>({ deals: 0, activities: 0, contacts: 0, companies: 0 });
  /** Collections read so far. */
  loaded = $state.raw<ReadonlySet<ReportCollection>>(new Set());
  error = $state<string | null>(null);
  now = $state(Date.now());

  #cache = new RowCache();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #throttleMs: number;

  /** Call during component initialisation; `needed` names the collections the widgets read. */
  constructor(ws: WorkspaceSession, needed: () => readonly ReportCollection[], options: ReportRowsOptions = {}) {
    this.#throttleMs = options.throttleMs ?? 250;
    $effect(() => {
      const store = ws.store;
      if (!store) return;
      const off = store.subscribe((event) => {
        if (this.#cache.apply(event.rows)) this.#schedule();
      });
      return () => {
        off();
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = null;
      };
    });
    $effect(() => {
      const store = ws.store;
      const wanted = needed();
      if (store) for (const collection of wanted) void this.#load(store, collection);
    });
    $effect(() => {
      const timer = setInterval(() => (this.now = Date.now()), options.clockMs ?? 60_000);
      return () => clearInterval(timer);
    });
  }

  async #load(store: Store, collection: ReportCollection): Promise<void> {
    if (this.#cache.has(collection)) return;
    this.#cache.startLoading(collection);
    try {
      const page = await store.query(collection, { total: false });
      this.#cache.finishLoading(collection, page.rows);
      this.loaded = new Set([...this.loaded, collection]);
      this.#publish();
    } catch (error) {
      this.#cache.failLoading(collection);
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#publish();
    }, this.#throttleMs);
  }

  #publish(): void {
    const { data, revisions } = this.#cache.snapshot();
    this.data = data;
    this.revisions = revisions;
  }
}
