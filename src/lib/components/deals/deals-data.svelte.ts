// Every alive deal of the workspace in memory, kept current from the store's change events
// (read once, then patched row by row: re-reading 20,000 rows on each move would not keep
// the board smooth), with the names of their companies and, for the deals that could be
// stalled, the time of their last activity. The board and the table both read from here.
import type { Row } from '@carnet/schema';
import type { RowChange, Store } from '@carnet/store';
import { lastActivityByDeal, type ActivityTimes, type DealRow } from '$lib/deals';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';

/** `in` lookups are split into batches of this many ids. */
const BATCH = 1_000;

function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
}

export class DealsData {
  deals = $state.raw<DealRow[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Company id → name, for the companies the deals link to. */
  companies = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** Deal id → time of its last activity, for the deals asked about through `stalledCandidates`. */
  lastActivity = $state.raw<ReadonlyMap<string, number>>(new Map());
  /** The clock the stalled rule reads; ticks every minute. */
  now = $state(Date.now());

  #activityTimes = new Map<string, number>();
  #covered = new Set<string>();
  #companyNames = new Map<string, string>();
  #requestedCompanies = new Set<string>();

  /**
   * Call during component initialisation. `stalledCandidates` names the deals whose last
   * activity matters (open and not edited lately); only their activities are read.
   */
  constructor(ws: WorkspaceSession, stalledCandidates: () => readonly string[]) {
    $effect(() => {
      const store = ws.store;
      if (store) return this.#follow(store);
    });
    $effect(() => {
      const store = ws.store;
      const ids = stalledCandidates();
      if (store) void this.#coverActivities(store, ids);
    });
    $effect(() => {
      const store = ws.store;
      const deals = this.deals;
      if (store) void this.#fetchCompanies(store, deals);
    });
    $effect(() => {
      const timer = setInterval(() => (this.now = Date.now()), 60_000);
      return () => clearInterval(timer);
    });
  }

  #follow(store: Store): () => void {
    const byId = new Map<string, DealRow>();
    // Changes seen while the first read runs are applied after it, in order.
    let buffered: RowChange[] | null = [];
    let queued = false;
    let stopped = false;

    const apply = (change: RowChange) => {
      if (change.row.deletedAt === null) byId.set(change.id, change.row as DealRow);
      else byId.delete(change.id);
    };
    const publish = () => {
      queued = false;
      if (!stopped) this.deals = [...byId.values()];
    };

    const off = store.subscribe((event) => {
      const deals: RowChange[] = [];
      const activities: RowChange[] = [];
      const companies: RowChange[] = [];
      for (const change of event.rows) {
        if (change.collection === 'deals') deals.push(change);
        else if (change.collection === 'activities') activities.push(change);
        else if (change.collection === 'companies') companies.push(change);
      }
      if (activities.length) void this.#onActivities(store, activities);
      if (companies.length) this.#onCompanies(companies);
      if (!deals.length) return;
      if (buffered) {
        buffered.push(...deals);
        return;
      }
      deals.forEach(apply);
      if (!queued) {
        queued = true;
        nextFrame(publish);
      }
    });

    store
      .query('deals', { total: false })
      .then((page) => {
        if (stopped) return;
        for (const row of page.rows) byId.set(row.id, row);
        buffered?.forEach(apply);
        buffered = null;
        publish();
        this.loaded = true;
      })
      .catch((error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
      });

    return () => {
      stopped = true;
      off();
    };
  }

  async #readActivities(store: Store, dealIds: readonly string[]): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    for (let i = 0; i < dealIds.length; i += BATCH) {
      const page = await store.query('activities', {
        where: [{ field: 'dealId', op: 'in', value: dealIds.slice(i, i + BATCH) }],
        total: false,
      });
      for (const [id, at] of lastActivityByDeal(page.rows as unknown as ActivityTimes[])) {
        if (at > (times.get(id) ?? -Infinity)) times.set(id, at);
      }
    }
    return times;
  }

  async #coverActivities(store: Store, ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.#covered.has(id));
    if (!missing.length) return;
    for (const id of missing) this.#covered.add(id);
    const times = await this.#readActivities(store, missing);
    for (const [id, at] of times) this.#activityTimes.set(id, at);
    this.lastActivity = new Map(this.#activityTimes);
  }

  /** An activity linked to a watched deal changed: re-read that deal's activities. */
  async #onActivities(store: Store, changes: RowChange[]): Promise<void> {
    const touched = new Set<string>();
    for (const change of changes) {
      for (const dealId of [change.row.dealId, change.previous?.dealId]) {
        if (typeof dealId === 'string' && this.#covered.has(dealId)) touched.add(dealId);
      }
    }
    if (!touched.size) return;
    const ids = [...touched];
    const times = await this.#readActivities(store, ids);
    for (const id of ids) {
      const at = times.get(id);
      if (at === undefined) this.#activityTimes.delete(id);
      else this.#activityTimes.set(id, at);
    }
    this.lastActivity = new Map(this.#activityTimes);
  }

  async #fetchCompanies(store: Store, deals: readonly DealRow[]): Promise<void> {
    const missing: string[] = [];
    for (const deal of deals) {
      const id = deal.companyId;
      if (id && !this.#requestedCompanies.has(id)) {
        this.#requestedCompanies.add(id);
        missing.push(id);
      }
    }
    if (!missing.length) return;
    for (let i = 0; i < missing.length; i += BATCH) {
      const ids = missing.slice(i, i + BATCH);
      const rows = await store.getMany('companies', ids);
      rows.forEach((row, index) => {
        if (row && row.deletedAt === null) this.#companyNames.set(ids[index], (row as Row<'companies'>).name);
      });
    }
    this.companies = new Map(this.#companyNames);
  }

  #onCompanies(changes: RowChange[]): void {
    let changed = false;
    for (const change of changes) {
      if (!this.#requestedCompanies.has(change.id)) continue;
      const name = change.row.deletedAt === null ? (change.row as Row<'companies'>).name : undefined;
      if (name === undefined) this.#companyNames.delete(change.id);
      else this.#companyNames.set(change.id, name);
      changed = true;
    }
    if (changed) this.companies = new Map(this.#companyNames);
  }
}
