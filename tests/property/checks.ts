// The convergence checks run once every peer has received everything: same rows everywhere,
// same search answers everywhere, same doc state vectors, and the same rows as a fresh peer
// that replays every update ever sent in a shuffled order. Each returns problems as text.
import * as Y from 'yjs';
import { COLLECTIONS, type AnyRow, type Collection } from '@carnet/schema';
import { MemoryPersistence, Store } from '@carnet/store';
import { SearchIndex } from '@carnet/search';
import type { Message } from './network.ts';
import type { Prng } from './prng.ts';
import { allRows, canonical, type Peer } from './peers.ts';

export const SEARCH_QUERIES = [
  'ada', 'martin', 'jean dupont', 'helene', 'acme', 'globex', 'lyon', 'paris', 'renewal', 'pilot 2027',
  'call', 'demo', 'example.com', '+33 6', 'lovelace', 'zz',
];

type Rows = Record<Collection, AnyRow[]>;

/** Differences between two peers' rows, one line per differing record (at most a few). */
export function diffRows(aName: string, a: Rows, bName: string, b: Rows, limit = 5): string[] {
  const problems: string[] = [];
  for (const collection of COLLECTIONS) {
    const left = new Map(a[collection].map((r) => [r.id, r]));
    const right = new Map(b[collection].map((r) => [r.id, r]));
    for (const id of new Set([...left.keys(), ...right.keys()])) {
      const x = left.get(id);
      const y = right.get(id);
      if (x && y && canonical(x) === canonical(y)) continue;
      if (problems.length >= limit) return [...problems, '…'];
      if (!x || !y) {
        problems.push(`${collection}/${id} exists on ${x ? aName : bName} only: ${canonical(x ?? y)}`);
        continue;
      }
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => canonical(x[k]) !== canonical(y[k]));
      problems.push(
        `${collection}/${id} differs in ${keys.join(', ')}:\n` +
          keys.map((k) => `      ${k}: ${aName}=${canonical(x[k])} ${bName}=${canonical(y[k])}`).join('\n'),
      );
    }
  }
  return problems;
}

/** A query's results as text lines, ranked by score then key so that exact ties read the same. */
export function describeResults(index: SearchIndex, query: string, options: { scores: boolean }): string[] {
  return index
    .search(query, { limit: 1_000 })
    .map((r) => ({ key: `${r.collection}/${r.id} "${r.title}" "${r.subtitle}"`, score: Number(r.score.toFixed(6)) }))
    .sort((a, b) => (options.scores ? b.score - a.score : 0) || (a.key < b.key ? -1 : 1))
    .map((r) => (options.scores ? `${r.key} ${r.score}` : r.key));
}

/**
 * Every peer's index, fed incrementally from its store's events, finds the same records for
 * every query as an index rebuilt from the final rows, with the same titles; once vacuumed
 * (stale terms of replaced documents purged) it also scores them the same. The scores before a
 * vacuum depend on each peer's history: see the search test in convergence-cases.test.ts.
 */
export async function compareSearch(peers: Peer[], rows: Rows): Promise<string[]> {
  const problems: string[] = [];
  const rebuilt = SearchIndex.build(COLLECTIONS.map((collection) => rows[collection].map((row) => ({ collection, id: row.id, row }))));
  const compare = (scores: boolean) => {
    for (const query of SEARCH_QUERIES) {
      const expected = describeResults(rebuilt, query, { scores });
      for (const peer of peers) {
        const got = describeResults(peer.search, query, { scores });
        if (canonical(got) === canonical(expected)) continue;
        problems.push(`search "${query}" on ${peer.name}${scores ? ' (vacuumed, with scores)' : ''} differs from an index rebuilt from the final rows:\n` +
          `      ${peer.name}: ${got.join(' ; ') || '(nothing)'}\n      rebuilt: ${expected.join(' ; ') || '(nothing)'}`);
      }
    }
  };
  compare(false);
  for (const peer of peers) await peer.search.vacuum();
  compare(true);
  return problems;
}

async function stateVectors(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const docId of await store.persistence.listDocIds('')) {
    const state = await store.docState(docId);
    if (!state) continue;
    const vector = [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state))].sort(([a], [b]) => a - b);
    out.set(docId, JSON.stringify(vector));
  }
  return out;
}

/** Every doc has the same state vector on every peer (every peer has every update). */
export async function compareStateVectors(peers: Peer[]): Promise<string[]> {
  const problems: string[] = [];
  const reference = await stateVectors(peers[0].store);
  for (const peer of peers.slice(1)) {
    const vectors = await stateVectors(peer.store);
    for (const docId of new Set([...reference.keys(), ...vectors.keys()])) {
      if (reference.get(docId) === vectors.get(docId)) continue;
      problems.push(`doc ${docId} state vector: p0=${reference.get(docId) ?? '(none)'} ${peer.name}=${vectors.get(docId) ?? '(none)'}`);
    }
  }
  return problems;
}

/** A peer that was never online, fed every update ever sent in a shuffled order and batching. */
export async function freshReplica(messages: readonly Message[], prng: Prng, now: () => number): Promise<Store> {
  const store = await Store.open({
    persistence: new MemoryPersistence(),
    actor: { userId: 'freshpeer', deviceId: 'fresh' },
    now,
    yieldToHost: async () => {},
  });
  const shuffled = prng.shuffle(messages);
  for (let start = 0; start < shuffled.length; ) {
    const size = prng.int(1, 25);
    const batch = shuffled.slice(start, start + size);
    start += size;
    const result = await store.applyRemoteBatch(batch.map((m) => ({ docId: m.docId, update: m.update })));
    if (result.rejected.length) throw new Error(`the fresh peer rejected updates: ${JSON.stringify(result.rejected)}`);
  }
  return store;
}
