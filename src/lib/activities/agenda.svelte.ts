// The signed-in user's own activities (owned by them or mentioning them), read once (owned ones
// by the ownerId index, mentions from a cache caught up by row version) and then kept current
// from the store's change events, so My day and the reminder watcher never re-read the
// collection (200,000 activities at dataset L). Only rows that can still show up are kept: open
// ones, and ones done in the last two days.
import type { Store, StoreEvent } from '@carnet/store';
import { concernsUser, type ActivityRow } from './days.ts';
import { readMentioned } from './mentioned.ts';

export class MyActivities {
  rows = $state.raw<ActivityRow[]>([]);
  loading = $state(true);
  error = $state<string | null>(null);

  readonly #userId: string;
  readonly #now: () => number;
  #byId = new Map<string, ActivityRow>();

  constructor(userId: string, now: () => number = Date.now) {
    this.#userId = userId;
    this.#now = now;
  }

  /** Reads the user's activities and follows changes; returns the function that stops it. */
  follow(store: Store): () => void {
    let stopped = false;
    // A row a change event brought is at least as new as what a read in flight returns.
    const touched = new Set<string>();
    const off = store.subscribe((event) => this.#apply(event, touched));
    const me = this.#userId;
    const merge = (rows: readonly ActivityRow[]) => {
      const now = this.#now();
      for (const row of rows) {
        if (!touched.has(row.id) && concernsUser(row, me, now)) this.#byId.set(row.id, row);
      }
      this.#publish();
    };
    void (async () => {
      try {
        // ownerId has an index and answers first; mentions have no index and come from the
        // cache of readMentioned. Change events keep both current from then on.
        const owned = await store.query('activities', { where: [{ field: 'ownerId', op: 'eq', value: me }], total: false });
        if (stopped) return;
        merge(owned.rows as ActivityRow[]);
        this.loading = false;
        const mentioned = await readMentioned(store, me, this.#now());
        if (stopped) return;
        merge(mentioned);
      } catch (e) {
        if (!stopped) {
          this.error = e instanceof Error ? e.message : String(e);
          this.loading = false;
        }
      }
    })();
    return () => {
      stopped = true;
      off();
    };
  }

  #apply(event: StoreEvent, touched: Set<string>): void {
    const now = this.#now();
    let changed = false;
    for (const change of event.rows) {
      if (change.collection !== 'activities') continue;
      touched.add(change.id);
      const row = change.row as ActivityRow;
      if (concernsUser(row, this.#userId, now)) {
        this.#byId.set(row.id, row);
        changed = true;
      } else if (this.#byId.delete(row.id)) {
        changed = true;
      }
    }
    if (changed) this.#publish();
  }

  #publish(): void {
    this.rows = [...this.#byId.values()];
  }
}
