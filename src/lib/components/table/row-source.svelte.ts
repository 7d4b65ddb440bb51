// The rows of a virtualized table, read from the store a page at a time as the user scrolls,
// with a small cache of pages. A read by offset walks every row before the page, so besides
// the first page (read at once where an index makes that cheap) the source reads the query's
// whole order once, as ids and sort keys (RowOrder), in the background; from then on a page at
// any depth is a read by id, and the total is that order's length. Row changes update the
// order in place (each change carries the row's new state) and refresh the pages on screen:
// the user's own edits at once, remote ones paced by the cost of reading. Create it during
// component initialisation.
import { untrack } from 'svelte';
import type { AnyRow, Collection } from '@carnet/schema';
import { matchRow, type Condition, type SortKey, type Store, type StoreEvent } from '@carnet/store';
import { planQuery } from '@carnet/store-dexie';
import { RowOrder, entryOf, type OrderEntry } from './row-order.ts';
import { pagesFor, pagesToEvict, type RowWindow } from './row-window.ts';

export interface RowSourceQuery {
  where: Condition[];
  sort: SortKey[];
}

export interface RowSourceOptions {
  store: () => Store | null;
  collection: Collection;
  /** The query to show; null shows nothing. */
  query: () => RowSourceQuery | null;
  pageSize?: number;
  /** Pages kept in memory at most. */
  maxPages?: number;
}

const MIN_REFRESH_MS = 120;

/** Thrown to stop reading the order of a query that is no longer shown. */
class StaleRead extends Error {}
/** Rows read per batch while building the order. */
const SCAN_BATCH = 2_000;

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
  /** The pages around the screen, changed only when that set changes (not on every scroll). */
  #shownPages = $state.raw<number[]>([0]);
  #store: Store | null = null;
  #query: RowSourceQuery = { where: [], sort: [] };
  #generation = 0;
  /** Whether the cached pages belong to the current query (false until its first page is read). */
  #fresh = true;
  #window: RowWindow = { start: 0, end: 0 };
  #inflight = new Set<string>();
  #order: RowOrder | null = null;
  #building = false;
  /** Reads by offset would walk every row (no index helps): pages wait for the order. */
  #orderOnly = false;
  /** Changes seen while the order was being read, applied once it is (latest state wins). */
  #pending: { id: string; row: AnyRow }[] = [];
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
    return this.#store && to >= from ? this.#read(this.#store, from, to - from + 1) : [];
  }

  /** Every row matching the query, in order (for "all matching" bulk actions). */
  async allRows(): Promise<AnyRow[]> {
    const store = this.#store;
    if (!store) return [];
    if (this.#order) return this.#read(store, 0, this.#order.length);
    return (await store.query(this.collection, { ...this.#query, total: false })).rows;
  }

  #wantedPages(): number[] {
    const pages = pagesFor(this.#window, this.pageSize);
    return pages.length ? pages : [0];
  }

  /** `limit` rows from position `offset`: by id once the order is known, else by offset. */
  async #read(store: Store, offset: number, limit: number): Promise<AnyRow[]> {
    if (this.#order) {
      const rows = await store.getMany(this.collection, this.#order.ids(offset, offset + limit));
      return rows.filter((r): r is NonNullable<typeof r> => !!r);
    }
    return (await store.query(this.collection, { ...this.#query, offset, limit, total: false })).rows;
  }

  #start(store: Store, query: RowSourceQuery): void {
    const gen = ++this.#generation;
    const sameWhere = this.#store === store && JSON.stringify(query.where) === JSON.stringify(this.#query.where);
    this.#store = store;
    this.#query = query;
    this.#order = null;
    this.#pending = [];
    this.#building = false;
    // The previous rows stay on screen until the first page of the new query arrives, so the
    // table (and the header button that was just pressed) does not vanish in between.
    this.#fresh = false;
    this.#inflight.clear();
    this.loading = true;
    this.error = null;
    // A new query is shown from the top (the table scrolls back there).
    this.#window = { start: 0, end: 0 };
    // A new sort of the same rows keeps its count until the order says it again.
    if (!(sameWhere && this.total !== null)) this.total = null;
    this.#counting = this.total === null;
    this.#countStale = false;

    const plan = planQuery(this.collection, { ...query, offset: 0, limit: this.pageSize }).kind;
    this.#orderOnly = plan === 'scan';
    if (plan === 'scan') {
      // Any read walks every row: read the order (which counts) and the first page from it.
      void this.#build(gen, 'scan');
      return;
    }
    // An index makes the first page cheap: show it at once, then read the order.
    if (plan === 'by-update' && this.total === null) void this.#count(gen);
    void this.#load(0, gen).then(() => this.#build(gen, plan === 'index' ? 'index' : 'scan'));
  }

  /** Reads the query's whole order; meanwhile pages are read by offset. */
  async #build(gen: number, how: 'index' | 'scan'): Promise<void> {
    const store = this.#store;
    if (!store || gen !== this.#generation) return;
    const { where, sort } = this.#query;
    const query = { where };
    this.#building = true;
    this.#pending = [];
    try {
      const entries: OrderEntry[] = [];
      if (how === 'index') {
        // Only the rows the index narrows to are read.
        for (const row of (await store.query(this.collection, { where, total: false })).rows) entries.push(entryOf(row, sort));
      } else {
        await store.persistence.scanRows(this.collection, SCAN_BATCH, (rows) => {
          if (gen !== this.#generation) throw new StaleRead();
          for (const row of rows) if (matchRow(row, query)) entries.push(entryOf(row, sort));
        });
      }
      if (gen !== this.#generation) return;
      const order = new RowOrder(sort, entries);
      order.applyMany(this.#pending.map((c) => ({ id: c.id, row: matchRow(c.row, query) ? c.row : null })));
      this.#pending = [];
      this.#order = order;
      this.#counting = false;
      this.total = order.length;
      await this.#refresh(gen);
    } catch (error) {
      if (gen === this.#generation && !(error instanceof StaleRead)) {
        this.error = error instanceof Error ? error.message : String(error);
        this.loading = false;
      }
    } finally {
      if (gen === this.#generation) this.#building = false;
    }
  }

  async #count(gen: number): Promise<void> {
    const store = this.#store;
    if (!store) return;
    this.#countStale = false;
    try {
      const total = await store.count(this.collection);
      if (gen !== this.#generation || this.#order) return;
      if (this.#countStale) {
        // Rows changed while counting: the count may or may not include them.
        void this.#count(gen);
        return;
      }
      this.#counting = false;
      this.total = total;
    } catch (error) {
      if (gen === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  async #load(page: number, gen: number): Promise<void> {
    const store = this.#store;
    const key = `${gen}:${page}`;
    if (!store || this.#inflight.has(key) || (this.#orderOnly && !this.#order)) return;
    this.#inflight.add(key);
    const started = performance.now();
    try {
      const rows = await this.#read(store, page * this.pageSize, this.pageSize);
      if (gen !== this.#generation) return;
      this.#lastReadMs = performance.now() - started;
      const next = this.#fresh ? new Map(this.#pages) : new Map<number, AnyRow[]>();
      this.#fresh = true;
      next.set(page, rows);
      this.#pages = next;
      this.loading = false;
      if (page === 0 && rows.length < this.pageSize && this.total === null) {
        // A first page that is not full holds every row: no need to wait for the count.
        this.#counting = false;
        this.total = rows.length;
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
    const changes = event.rows.filter((change) => change.collection === this.collection);
    if (!changes.length) return;
    const query = { where: this.#query.where };
    if (this.#building) for (const change of changes) this.#pending.push({ id: change.id, row: change.row });
    if (this.#order) {
      this.#order.applyMany(changes.map((c) => ({ id: c.id, row: matchRow(c.row, query) ? c.row : null })));
      this.total = this.#order.length;
    } else if (this.#counting) {
      this.#countStale = true;
    } else if (this.total !== null) {
      let delta = 0;
      for (const change of changes) {
        const before = change.previous ? matchRow(change.previous, query) : false;
        delta += Number(matchRow(change.row, query)) - Number(before);
      }
      this.total = Math.max(0, this.total + delta);
    }
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

  /** Reads the pages on screen again; pages off screen are dropped (they may have shifted). */
  async #refresh(gen: number): Promise<void> {
    const store = this.#store;
    if (!store || gen !== this.#generation) return;
    const wanted = this.#wantedPages();
    const started = performance.now();
    try {
      const pages = await Promise.all(wanted.map((page) => this.#read(store, page * this.pageSize, this.pageSize)));
      if (gen !== this.#generation) return;
      this.#lastReadMs = (performance.now() - started) / Math.max(1, wanted.length);
      this.#pages = new Map(wanted.map((page, i) => [page, pages[i]]));
      this.#fresh = true;
      this.loading = false;
    } catch (error) {
      if (gen === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
