// A peer of the convergence tests: a Store over its own MemoryPersistence, a search index fed
// by the store's change events (as the app feeds it), and the text editors it has open.
import * as Y from 'yjs';
import { COLLECTIONS, type AnyRow, type Collection } from '@carnet/schema';
import { MemoryPersistence, Store } from '@carnet/store';
import { SearchIndex } from '@carnet/search';
import type { KnownIds } from './records.ts';

export interface OpenEditor {
  collection: Collection;
  id: string;
  field: string;
  doc: Y.Doc;
  release: () => void;
}

export interface Peer {
  index: number;
  name: string;
  store: Store;
  search: SearchIndex;
  /** Open editors by doc id. */
  editors: Map<string, OpenEditor>;
}

export async function openPeer(index: number, userId: string, now: () => number, maxCachedDocs?: number): Promise<Peer> {
  const store = await Store.open({
    persistence: new MemoryPersistence(),
    actor: { userId, deviceId: `device${index}` },
    now,
    yieldToHost: async () => {},
    maxCachedDocs,
  });
  const search = new SearchIndex();
  store.subscribe((event) => search.applyChanges(event.rows));
  return { index, name: `p${index}`, store, search, editors: new Map() };
}

/** Every row of every collection (deleted ones included), sorted by id. */
export async function allRows(store: Store): Promise<Record<Collection, AnyRow[]>> {
  const out = {} as Record<Collection, AnyRow[]>;
  for (const collection of COLLECTIONS) {
    const { rows } = await store.query(collection, { deleted: 'all' });
    out[collection] = rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

/** Ids the peer can reference, and which of its records are alive. */
export function knownIds(rows: Record<Collection, AnyRow[]>): KnownIds & { alive: Record<Collection, string[]>; deleted: Record<Collection, string[]> } {
  const alive = {} as Record<Collection, string[]>;
  const deleted = {} as Record<Collection, string[]>;
  for (const collection of COLLECTIONS) {
    alive[collection] = rows[collection].filter((r) => r.deletedAt === null).map((r) => r.id);
    deleted[collection] = rows[collection].filter((r) => r.deletedAt !== null).map((r) => r.id);
  }
  return { contacts: alive.contacts, companies: alive.companies, deals: alive.deals, alive, deleted };
}

/** JSON with sorted keys: two rows are the same exactly when their canonical forms are equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
