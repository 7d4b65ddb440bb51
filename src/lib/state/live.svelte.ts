// Reactive reads of the store for components: a query or a single record that re-reads when
// rows of its collection change (coalesced to one read per frame), and never shows a stale
// answer after a newer one (reads are numbered).
import type { AnyRow, Collection, Row } from '@carnet/schema';
import type { RowQuery, StoreEvent } from '@carnet/store';
import type { WorkspaceSession } from './workspace.svelte.ts';
import { nextFrame } from './frames.ts';

/**
 * Calls `read` again after store changes that `relevant` says matter, at most once a frame
 * however many arrive; returns the function that stops it.
 */
export function rereadOnChanges(store: { subscribe(listener: (event: StoreEvent) => void): () => void }, relevant: (event: StoreEvent) => boolean, read: () => void): () => void {
  let queued = false;
  let stopped = false;
  const off = store.subscribe((event) => {
    if (queued || !relevant(event)) return;
    queued = true;
    nextFrame(() => {
      queued = false;
      if (!stopped) read();
    });
  });
  return () => {
    stopped = true;
    off();
  };
}

/**
 * Rows matching `query()` (re-read when the query's inputs or the collection's rows change).
 * Call during component initialisation: it sets up an effect.
 */
export function liveQuery<C extends Collection>(
  ws: WorkspaceSession,
  collection: C,
  query: () => RowQuery | null,
  relevant: (event: StoreEvent) => boolean = (event) => event.rows.some((r) => r.collection === collection),
) {
  let rows = $state.raw<Row<C>[]>([]);
  let total = $state<number | null>(null);
  let loading = $state(true);
  let error = $state<string | null>(null);

  $effect(() => {
    const store = ws.store;
    const q = query();
    if (!store || !q) return;
    let ticket = 0;
    let stopped = false;
    const read = async () => {
      const mine = ++ticket;
      try {
        const page = await store.query(collection, q);
        if (stopped || mine !== ticket) return;
        rows = page.rows;
        total = page.total;
        error = null;
        ws.screenShown();
      } catch (e) {
        if (!stopped && mine === ticket) error = e instanceof Error ? e.message : String(e);
      } finally {
        if (!stopped && mine === ticket) loading = false;
      }
    };
    void read();
    const stop = rereadOnChanges(store, relevant, () => void read());
    return () => {
      stopped = true;
      stop();
    };
  });

  return {
    get rows() {
      return rows;
    },
    get total() {
      return total;
    },
    get loading() {
      return loading;
    },
    get error() {
      return error;
    },
  };
}

/** One record by id, kept current; `row` is null while loading and when it does not exist. */
export function liveRecord<C extends Collection>(ws: WorkspaceSession, collection: C, id: () => string | null) {
  let row = $state.raw<Row<C> | null>(null);
  let loaded = $state(false);

  $effect(() => {
    const store = ws.store;
    const current = id();
    if (!store || !current) return;
    let stopped = false;
    let ticket = 0;
    loaded = false;
    const read = async () => {
      const mine = ++ticket;
      const value = await store.get(collection, current);
      if (stopped || mine !== ticket) return;
      row = value ?? null;
      loaded = true;
      ws.screenShown();
    };
    void read();
    const off = store.subscribe((event) => {
      const change = event.rows.find((r) => r.collection === collection && r.id === current);
      if (change) {
        ticket++;
        row = change.row as Row<C>;
        loaded = true;
      }
    });
    return () => {
      stopped = true;
      off();
    };
  });

  return {
    get row() {
      return row;
    },
    get loaded() {
      return loaded;
    },
  };
}

/** Rows of `collection` looked up by id, for showing names of linked records (company, deal). */
export function liveLookup(ws: WorkspaceSession, collection: Collection, ids: () => readonly (string | null | undefined)[]) {
  let byId = $state.raw<Map<string, AnyRow>>(new Map());
  $effect(() => {
    const store = ws.store;
    const wanted = [...new Set(ids().filter((x): x is string => !!x))];
    if (!store) return;
    let stopped = false;
    const read = async () => {
      const rows = await store.getMany(collection, wanted);
      if (stopped) return;
      const map = new Map<string, AnyRow>();
      rows.forEach((r, i) => r && map.set(wanted[i], r));
      byId = map;
    };
    void read();
    const set = new Set(wanted);
    const off = store.subscribe((event) => {
      if (event.rows.some((r) => r.collection === collection && set.has(r.id))) void read();
    });
    return () => {
      stopped = true;
      off();
    };
  });
  return {
    get(id: string | null | undefined): AnyRow | undefined {
      return id ? byId.get(id) : undefined;
    },
  };
}
