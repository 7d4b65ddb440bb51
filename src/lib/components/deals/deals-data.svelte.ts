// The deals screen's data: every alive deal and their companies' names (from the workspace's
// DealRows, kept in memory across visits) and, for the deals that could be stalled, the time
// of their last activity, read here for the deals the screen asks about. The board and the
// table both read from here.
import type { RowChange, Store } from '@carnet/store';
import { lastActivityByDeal, type ActivityTimes, type DealRow } from '$lib/deals';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';

/** `in` lookups are split into batches of this many ids. */
const BATCH = 1_000;
const NO_COMPANIES: ReadonlyMap<string, string> = new Map();

export class DealsData {
  get deals(): DealRow[] {
    return this.#ws.dealRows?.deals ?? [];
  }
  get loaded(): boolean {
    return this.#ws.dealRows?.loaded ?? false;
  }
  get error(): string | null {
    return this.#ws.dealRows?.error ?? null;
  }
  /** Company id → name, for the companies the deals link to. */
  get companies(): ReadonlyMap<string, string> {
    return this.#ws.dealRows?.companies ?? NO_COMPANIES;
  }
  /** Deal id → time of its last activity, for the deals asked about through `stalledCandidates`. */
  lastActivity = $state.raw<ReadonlyMap<string, number>>(new Map());
  /** The deals whose activities have been read: only those can be said to be stalled. */
  activityRead = $state.raw<ReadonlySet<string>>(new Set());
  /** The clock the stalled rule reads; ticks every minute. */
  now = $state(Date.now());

  #ws: WorkspaceSession;
  #activityTimes = new Map<string, number>();
  #covered = new Set<string>();

  /**
   * Call during component initialisation. `stalledCandidates` names the deals whose last
   * activity matters (open and not edited lately); only their activities are read.
   */
  constructor(ws: WorkspaceSession, stalledCandidates: () => readonly string[]) {
    this.#ws = ws;
    $effect(() => {
      ws.dealRows?.start();
    });
    $effect(() => {
      const store = ws.store;
      if (!store) return;
      return store.subscribe((event) => {
        const activities = event.rows.filter((change) => change.collection === 'activities');
        if (activities.length) void this.#onActivities(store, activities);
      });
    });
    $effect(() => {
      const store = ws.store;
      const ids = stalledCandidates();
      if (store) void this.#coverActivities(store, ids);
    });
    $effect(() => {
      const timer = setInterval(() => (this.now = Date.now()), 60_000);
      return () => clearInterval(timer);
    });
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
    this.activityRead = new Set([...this.activityRead, ...missing]);
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
}
