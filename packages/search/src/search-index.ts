// SearchIndex: the full-text index over contacts, companies, deals and activities. It is fed
// row changes (incrementally, or all at once by `build`), answers typing-style queries with
// display-ready results, and persists as JSON so a cold start loads instead of rebuilding.
// Pure: no storage, no clock, no DOM; the caller decides when to persist and where.
import MiniSearch from 'minisearch';
import { corruptSnapshotError, checkSnapshot, parseSnapshotJSON, SEARCH_FORMAT_VERSION, type SearchSnapshot } from './snapshot.ts';
import {
  isSearchCollection,
  keyOf,
  letterOf,
  parseKey,
  toSearchDocument,
  type RowChange,
  type SearchCollection,
  type SearchDocument,
} from './documents.ts';
import { DEFAULT_LIMIT, PREFIX_WEIGHT, miniSearchOptions } from './ranking.ts';
import { isSearchError } from './errors.ts';
import { PhoneIndex } from './phone-index.ts';
import { phoneQuery, queryTerms } from './analysis.ts';
import { expandPrefix } from './prefix-expansion.ts';

export interface SearchQueryOptions {
  /** Maximum number of results (default 20). */
  limit?: number;
  /** Only return results from these collections. */
  collections?: readonly SearchCollection[];
}

export interface SearchResult {
  collection: SearchCollection;
  id: string;
  score: number;
  title: string;
  subtitle: string;
}

/** What `build` accepts: row changes one by one, or in batches as read from storage. */
export type RowChangeSource = Iterable<RowChange | readonly RowChange[]>;
export type AsyncRowChangeSource = AsyncIterable<RowChange | readonly RowChange[]> | RowChangeSource;

type Hit = { id: string; score: number; t?: unknown; s?: unknown };

export class SearchIndex {
  #mini: MiniSearch<SearchDocument>;
  #phones: PhoneIndex;
  #version: number;

  constructor() {
    this.#mini = new MiniSearch(miniSearchOptions());
    this.#phones = new PhoneIndex();
    this.#version = 0;
  }

  /** A full rebuild from rows (e.g. read from storage in batches). */
  static build(source: RowChangeSource, options: { version?: number } = {}): SearchIndex {
    const index = new SearchIndex();
    for (const item of source) {
      if (isBatch(item)) for (const change of item) index.#apply(change, true);
      else index.#apply(item, true);
    }
    if (options.version !== undefined) index.version = options.version;
    return index;
  }

  /** Same as `build`, for sources that deliver batches asynchronously (a storage cursor). */
  static async buildAsync(source: AsyncRowChangeSource, options: { version?: number } = {}): Promise<SearchIndex> {
    const index = new SearchIndex();
    for await (const item of source) {
      if (isBatch(item)) for (const change of item) index.#apply(change, true);
      else index.#apply(item, true);
    }
    if (options.version !== undefined) index.version = options.version;
    return index;
  }

  /** Loads a snapshot written by `JSON.stringify(index)`. Throws SearchError when it cannot. */
  static loadJSON(json: string): SearchIndex {
    return SearchIndex.fromSnapshot(parseSnapshotJSON(json));
  }

  /** Like `loadJSON`, but rebuilds the term tree in slices so the thread stays responsive. */
  static async loadJSONAsync(json: string): Promise<SearchIndex> {
    const snapshot = checkSnapshot(parseSnapshotJSON(json));
    let mini: MiniSearch<SearchDocument>;
    try {
      mini = await MiniSearch.loadJSAsync(snapshot.index, miniSearchOptions());
    } catch (error) {
      throw corruptSnapshotError('the index could not be rebuilt', error);
    }
    return SearchIndex.#fromMini(mini, snapshot);
  }

  /** Loads an already-parsed snapshot (the value `toJSON` returned). */
  static fromSnapshot(value: unknown): SearchIndex {
    const snapshot = checkSnapshot(value);
    let mini: MiniSearch<SearchDocument>;
    try {
      mini = MiniSearch.loadJS(snapshot.index, miniSearchOptions());
    } catch (error) {
      if (isSearchError(error)) throw error;
      throw corruptSnapshotError('the index could not be rebuilt', error);
    }
    return SearchIndex.#fromMini(mini, snapshot);
  }

  static #fromMini(mini: MiniSearch<SearchDocument>, snapshot: SearchSnapshot): SearchIndex {
    const index = new SearchIndex();
    index.#mini = mini;
    index.#version = snapshot.version;
    const stored = snapshot.index.storedFields as Record<string, { p?: unknown } | undefined>;
    for (const [shortId, key] of Object.entries(snapshot.index.documentIds)) {
      const phones = stored[shortId]?.p;
      if (typeof phones === 'string') index.#phones.addUnsorted(key as string, phones);
    }
    return index;
  }

  /**
   * Highest row version `v` the index includes, so a loaded snapshot can be caught up with the
   * rows written since. Rows that carry a numeric `v` advance it automatically; the caller may
   * also set it (it never goes backwards by itself, but an explicit set is taken as is).
   */
  get version(): number {
    return this.#version;
  }

  set version(value: number) {
    this.#version = value;
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.#mini.documentCount;
  }

  /** Documents replaced or removed since the last vacuum (their stale terms linger until then). */
  get dirtCount(): number {
    return this.#mini.dirtCount;
  }

  has(collection: SearchCollection, id: string): boolean {
    return this.#mini.has(keyOf(collection, id));
  }

  /**
   * Adds, replaces or removes the documents of changed rows. A removed (`row: null`) or
   * soft-deleted row leaves the index; a restored one comes back. Changes to ids the index has
   * never seen, repeated changes and removals of unknown ids are all fine. Within one call
   * only the last change per record counts.
   */
  applyChanges(changes: Iterable<RowChange>): void {
    const last = new Map<string, RowChange>();
    for (const change of changes) {
      if (!isSearchCollection(change.collection)) continue;
      const key = keyOf(change.collection, change.id);
      last.delete(key); // keep insertion order = order of the last change
      last.set(key, change);
    }
    for (const change of last.values()) this.#apply(change);
  }

  /** Cleans stale references left by replaced and removed documents (also runs by itself). */
  vacuum(): Promise<void> {
    return this.#mini.vacuum();
  }

  /**
   * Typing-style search: every term must match (AND), the last one as a prefix, terms of 4+
   * characters also with a typo or two. A query that looks like a phone number also finds
   * contacts whose number starts with it, ranked first. Results are display-ready.
   */
  search(query: string, options: SearchQueryOptions = {}): SearchResult[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!(limit > 0)) return [];
    const letters = options.collections ? new Set(options.collections.map(letterOf)) : null;
    const allowed = (key: string) => letters === null || letters.has(key[0]);
    const textHits = this.#textHits(queryTerms(query), allowed);
    const results: SearchResult[] = [];
    const phone = phoneQuery(query);
    const seen = new Set<string>();
    if (phone !== null) {
      // A number being typed is a stronger signal than any word match: rank those first.
      const score = (textHits[0]?.score ?? 0) + 1;
      for (const key of this.#phones.lookup(phone, letters === null ? limit : Number.POSITIVE_INFINITY)) {
        if (results.length >= limit) break;
        if (!allowed(key)) continue;
        const stored = this.#mini.getStoredFields(key);
        if (stored === undefined) continue;
        seen.add(key);
        results.push(toResult({ id: key, score, t: stored.t, s: stored.s }));
      }
    }
    for (const hit of textHits) {
      if (results.length >= limit) break;
      if (!seen.has(hit.id)) results.push(toResult(hit));
    }
    return results;
  }

  // The query plan. Every term must match; the last one is being typed:
  // - its prefix expansion is small: let MiniSearch expand it (plus fuzzy from 4 characters);
  // - it is large and other terms exist (`jean m`): search the finished words only, keep hits
  //   whose displayed title or subtitle has a word starting with it;
  // - it is large and alone (`m`, `le`): use only its shortest completions, within budget.
  #textHits(terms: string[], allowed: (key: string) => boolean): Hit[] {
    if (terms.length === 0) return [];
    const last = terms[terms.length - 1];
    const others = terms.slice(0, -1);
    const filter = (hit: { id: unknown }) => allowed(hit.id as string);
    const expansion = expandPrefix(this.#mini, last);
    if (expansion.small) return this.#mini.search(terms.join(' '), { filter }) as Hit[];
    if (others.length > 0) {
      const shown = (hit: Hit) =>
        queryTerms(`${String(hit.t ?? '')} ${String(hit.s ?? '')}`).some((word) => word.startsWith(last));
      return this.#mini.search(others.join(' '), {
        prefix: false,
        filter: (hit) => filter(hit) && shown(hit as Hit),
      }) as Hit[];
    }
    const completions = expansion.terms;
    return this.#mini.search(
      { combineWith: 'OR', queries: completions },
      {
        prefix: false,
        fuzzy: false,
        // The weight MiniSearch gives a prefix match, lower the more characters it adds.
        boostTerm: (term) => (term === last ? 1 : (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - last.length))),
        filter,
      },
    ) as Hit[];
  }

  /** The snapshot, as a plain object: `JSON.stringify(index)` gives the string to persist. */
  toJSON(): SearchSnapshot {
    return { format: SEARCH_FORMAT_VERSION, version: this.#version, index: this.#mini.toJSON() };
  }

  #apply(change: RowChange, bulk = false): void {
    if (!isSearchCollection(change.collection)) return;
    const key = keyOf(change.collection, change.id);
    const row = change.row;
    const rowVersion = row?.v;
    if (typeof rowVersion === 'number' && rowVersion > this.#version) this.#version = rowVersion;
    const document = row && row.deletedAt == null ? toSearchDocument(change.collection, change.id, row) : null;
    if (this.#mini.has(key)) {
      const oldPhones = this.#mini.getStoredFields(key)?.p;
      if (typeof oldPhones === 'string') this.#phones.remove(key, oldPhones);
      if (document === null) this.#mini.discard(key);
      else this.#mini.replace(document);
    } else if (document !== null) {
      this.#mini.add(document);
    }
    if (document?.p) {
      if (bulk) this.#phones.addUnsorted(key, document.p);
      else this.#phones.add(key, document.p);
    }
  }
}

function toResult(hit: Hit): SearchResult {
  const { collection, id } = parseKey(hit.id);
  return {
    collection,
    id,
    score: hit.score,
    title: typeof hit.t === 'string' ? hit.t : '',
    subtitle: typeof hit.s === 'string' ? hit.s : '',
  };
}

function isBatch(item: RowChange | readonly RowChange[]): item is readonly RowChange[] {
  return Array.isArray(item);
}
