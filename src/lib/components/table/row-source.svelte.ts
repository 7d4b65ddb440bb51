// The rows of a virtualized table, read from the store a page at a time as the user scrolls.
// Pages live in a small cache; the total is counted once per filter (on IndexedDB a count of
// 100,000 rows costs about a second, a page a few milliseconds) and then kept exact from the
// change events, which say for each changed row whether it matched before and after. Row
// changes refresh the pages on screen, throttled to the cost of the last read, so a stream of
// remote edits cannot keep the database busy. Create it during component initialisation.
import { untrack } from 'svelte';
import type { AnyRow, Collection } from '@carnet/schema';
import { matchRow, type Condition, type SortKey, type Store, type StoreEvent } from '@carnet/store';
import { pagesFor, pagesToEvict, type RowWindow } from './row-window.ts';

export interface RowSourceQuery {
  where: Condition[];
  sort: SortKey[];
}

export interface RowSourceOptions {
  store: () => Store | null;
  collection: Collection;
  /** The query to show; null shows nothing (e.g. while the quick filter is not ready). */
  query: () => RowSourceQuery | null;
  pageSize?: number;
  /** Pages kept in memory at most. */
  maxPages?: number;
}

const MIN_REFRESH_MS = 120;

export class RowSource {
  /** Rows matching the query; null until counted. */
  total = $state<number | null>(null);
  /** True until the first page of the current query has been read. */
  loading = $state(true);
  error = $state<string | null>(null);

  readonly pageSize: number;
  readonly collection: Collection;
  #maxPages: number;
  #pages = $state.raw<Map<number, AnyRow[]>>(new Map());
  #store: Store | null = null;
  #query: RowSourceQuery = { where: [], sort: [] };
  #generation = 0;
  /** Whether the cached pages belong to the current query (false until its first page is read). */
  #fresh = true;
  #window: RowWindow = { start: 0, end: 0 };
  /** The pages around the screen, changed only when that set changes (not on every scroll). */
  #shownPages = $state.raw<number[]>([0]);
  #inflight = new Set<string>();
  #counting = false;
  #countStale = false;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #lastReadMs = 0;

  constructor(options: RowSourceOptions) {
    this.collection = options.collection;
    this.pageSize = options.pageSize ?? 100;
    this.#maxPages = options.maxPages ?? 12;
    $effect(() => {
      const store = options.store();
      const query = options.query();
      if (!store || !query) return;
      untrack(() => this.#start(store, query));
      const off = store.subscribe((event) => this.#onEvent(event));
      return () => {
        off();
        this.#generation++;
        if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
        this.#refreshTimer = null;
      };
    });
  }

  /** Rows known so far: the total once counted, else what the loaded pages hold. */
  get length(): number {
    if (this.total !== null) return this.total;
    let known = 0;
    for (const [page, rows] of this.#pages) known = Math.max(known, page * this.pageSize + rows.length);
    return known;
  }

  /** The row at `index`, or undefined while its page is not loaded. */
  rowAt(index: number): AnyRow | undefined {
    return this.#pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** The loaded rows of the pages on screen (for looking up the names they link to). */
  get shownRows(): AnyRow[] {
    return this.#shownPages.flatMap((page) => this.#pages.get(page) ?? []);
  }

  /** Says which rows are on screen: their pages are read, far pages dropped. */
  show(window: RowWindow): void {
    this.#window = window;
    const wanted = this.#wantedPages();
    if (wanted.join() !== this.#shownPages.join()) this.#shownPages = wanted;
    for (const page of wanted) if (!this.#fresh || !this.#pages.has(page)) void this.#load(page, this.#generation);
    const evict = pagesToEvict([...this.#pages.keys()], wanted, this.#maxPages);
    if (evict.length) {
      const next = new Map(this.#pages);
      for (const page of evict) next.delete(page);
      this.#pages = next;
    }
  }

  /** The rows at positions [from, to], read fresh (for a shift-click range). */
  async rowsInRange(from: number, to: number): Promise<AnyRow[]> {
    if (!this.#store || to < from) return [];
    const page = await this.#store.query(this.collection, { ...this.#query, offset: from, limit: to - from + 1, total: false });
    return page.rows;
  }

  /** Every row matching the query, in order (for "all matching" bulk actions). */
  async allRows(): Promise<AnyRow[]> {
    if (!this.#store) return [];
    return (await this.#store.query(this.collection, { ...this.#query, total: false })).rows;
  }

  /** Reads the pages on screen again, now. */
  refresh(): void {
    void this.#refresh(this.#generation);
  }

  #wantedPages(): number[] {
    const pages = pagesFor(this.#window, this.pageSize);
    return pages.length ? pages : [0];
  }

  #start(store: Store, query: RowSourceQuery): void {
    const gen = ++this.#generation;
    const sameWhere = this.#store === store && JSON.stringify(query.where) === JSON.stringify(this.#query.where);
    this.#store = store;
    this.#query = query;
    // The previous rows stay on screen until the first page of the new query arrives, so the
    // table (and the header button that was just pressed) does not vanish in between.
    this.#fresh = false;
    this.#inflight.clear();
    this.loading = true;
    this.error = null;
    // A new sort of the same rows keeps its count. Otherwise: without a filter the store
    // counts from an index; with one, the first page's read walks the matching rows anyway
    // and counts them on the way.
    let countWithPage = false;
    if (!(sameWhere && this.total !== null && !this.#counting)) {
      this.total = null;
      this.#counting = true;
      this.#countStale = false;
      if (query.where.length === 0) void this.#count(gen);
      else countWithPage = true;
    }
    // A new query is shown from the top (the table scrolls back there).
    this.#window = { start: 0, end: 0 };
    void this.#load(0, gen, countWithPage);
  }

  async #count(gen: number): Promise<void> {
    const store = this.#store;
    if (!store) return;
    this.#counting = true;
    this.#countStale = false;
    try {
      const where = this.#query.where;
      const total = where.length === 0
        ? await store.count(this.collection)
        : (await store.query(this.collection, { where, limit: 0 })).total ?? 0;
      if (gen !== this.#generation) return;
      this.#counted(total, gen);
    } catch (error) {
      if (gen === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  #counted(total: number, gen: number): void {
    this.#counting = false;
    if (this.#countStale) {
      // Rows changed while counting: the count may or may not include them.
      void this.#count(gen);
      return;
    }
    this.total = total;
  }

  async #load(page: number, gen: number, withTotal = false): Promise<void> {
    const store = this.#store;
    const key = `${gen}:${page}`;
    if (!store || this.#inflight.has(key)) return;
    this.#inflight.add(key);
    const started = performance.now();
    try {
      const result = await store.query(this.collection, {
        ...this.#query,
        offset: page * this.pageSize,
        limit: this.pageSize,
        total: withTotal,
      });
      if (gen !== this.#generation) return;
      this.#lastReadMs = performance.now() - started;
      const next = this.#fresh ? new Map(this.#pages) : new Map<number, AnyRow[]>();
      this.#fresh = true;
      next.set(page, result.rows);
      this.#pages = next;
      this.loading = false;
      if (withTotal && result.total !== null) this.#counted(result.total, gen);
      else if (page === 0 && result.rows.length < this.pageSize && this.#counting) {
        // A first page that is not full holds every row: no need to wait for the count.
        this.#counting = false;
        this.total = result.rows.length;
      }
    } catch (error) {
      if (gen === this.#generation) {
        this.error = error instanceof Error ? error.message : String(error);
        this.loading = false;
      }
    } finally {
      this.#inflight.delete(key);
    }
  }

  #onEvent(event: StoreEvent): void {
    let delta = 0;
    let relevant = false;
    const query = { where: this.#query.where };
    for (const change of event.rows) {
      if (change.collection !== this.collection) continue;
      relevant = true;
      const before = change.previous ? matchRow(change.previous, query) : false;
      const after = matchRow(change.row, query);
      delta += Number(after) - Number(before);
    }
    if (!relevant) return;
    if (this.#counting) this.#countStale = true;
    else if (delta !== 0 && this.total !== null) this.total = Math.max(0, this.total + delta);
    // The user's own edits show at once; remote ones are paced by the cost of reading.
    this.#scheduleRefresh(event.origin === 'remote' ? Math.max(MIN_REFRESH_MS, 2 * this.#lastReadMs) : 0);
  }

  #scheduleRefresh(delay: number): void {
    if (this.#refreshTimer) {
      if (delay > 0) return;
      clearTimeout(this.#refreshTimer);
    }
    const gen = this.#generation;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#refresh(gen);
    }, delay);
  }

  async #refresh(gen: number): Promise<void> {
    const store = this.#store;
    if (!store || gen !== this.#generation) return;
    const wanted = this.#wantedPages();
    const started = performance.now();
    try {
      const pages = await Promise.all(wanted.map((page) =>
        store.query(this.collection, { ...this.#query, offset: page * this.pageSize, limit: this.pageSize, total: false })));
      if (gen !== this.#generation) return;
      this.#lastReadMs = (performance.now() - started) / Math.max(1, wanted.length);
      // Pages off screen may have shifted: they are read again when scrolled to.
      this.#pages = new Map(wanted.map((page, i) => [page, pages[i].rows]));
      this.#fresh = true;
      this.loading = false;
    } catch (error) {
      if (gen === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
