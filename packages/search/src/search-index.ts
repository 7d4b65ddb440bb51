// SearchIndex: the full-text index over contacts, companies, deals and activities. It is fed
// row changes (incrementally, or all at once by `build`), answers typing-style queries with
// display-ready results, and persists as JSON so a cold start loads instead of rebuilding.
// Answers depend only on the rows indexed, not on the order changes arrived in.
// Pure: no storage, no clock, no DOM; the caller decides when to persist and where.
import { corruptSnapshotError, checkSnapshot, parseSnapshotJSON, SEARCH_FORMAT_VERSION, type SearchSnapshot } from './snapshot.ts';
import { isSearchCollection, keyOf, letterOf, parseKey, toSearchDocument, type RowChange, type SearchCollection } from './documents.ts';
import { DEFAULT_LIMIT, PREFIX_WEIGHT, collectionWeight, fuzzyDistance } from './ranking.ts';
import { isSearchError } from './errors.ts';
import { PhoneIndex } from './phone-index.ts';
import { phoneQuery, queryTerms } from './analysis.ts';
import { expandPrefix } from './prefix-expansion.ts';
import { TermIndex } from './term-index.ts';
import { Scorer, type ScoredDoc, type TermQuery } from './scoring.ts';

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

export class SearchIndex {
  #terms: TermIndex;
  #scorer: Scorer;
  #phones: PhoneIndex;
  #version: number;

  constructor(terms = new TermIndex()) {
    this.#terms = terms;
    this.#scorer = new Scorer(terms);
    this.#phones = new PhoneIndex();
    this.#version = 0;
    for (let doc = 0; doc < terms.capacity; doc++) {
      if (terms.phones[doc]) this.#phones.addUnsorted(terms.keys[doc], terms.phones[doc]);
    }
  }

  /** A full rebuild from rows (e.g. read from storage in batches). */
  static build(source: RowChangeSource, options: { version?: number } = {}): SearchIndex {
    const index = new SearchIndex();
    index.#terms.deferSorting();
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
    index.#terms.deferSorting();
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

  /**
   * Like `loadJSON`, giving the host a turn between parsing and rebuilding (each is one task of
   * a few hundred milliseconds on dataset L).
   */
  static async loadJSONAsync(json: string): Promise<SearchIndex> {
    const value = parseSnapshotJSON(json);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    return SearchIndex.fromSnapshot(value);
  }

  /** Loads an already-parsed snapshot (the value `toJSON` returned). */
  static fromSnapshot(value: unknown): SearchIndex {
    const snapshot = checkSnapshot(value);
    try {
      return SearchIndex.#at(TermIndex.fromData(snapshot.index), snapshot.version);
    } catch (error) {
      throw rebuildFailure(error);
    }
  }

  /** Same as `fromSnapshot`, rebuilding in slices with a turn for the host between them. */
  static async fromSnapshotAsync(value: unknown, yieldToHost: () => Promise<void>): Promise<SearchIndex> {
    const snapshot = checkSnapshot(value);
    try {
      return SearchIndex.#at(await TermIndex.fromDataAsync(snapshot.index, yieldToHost), snapshot.version);
    } catch (error) {
      throw rebuildFailure(error);
    }
  }

  static #at(terms: TermIndex, version: number): SearchIndex {
    const index = new SearchIndex(terms);
    index.#version = version;
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
    return this.#terms.count;
  }

  /** Always 0: replaced and removed documents leave nothing stale behind (kept for callers of 1.x). */
  get dirtCount(): number {
    return 0;
  }

  has(collection: SearchCollection, id: string): boolean {
    return this.#terms.numberOf(keyOf(collection, id)) !== undefined;
  }

  /**
   * Adds, replaces or removes the documents of changed rows. A removed (`row: null`) or
   * soft-deleted row leaves the index; a restored one comes back. Changes to ids the index has
   * never seen, repeated changes and removals of unknown ids are all fine. Within one call
   * only the last change per record counts. A change that leaves the indexed text as it was
   * (a deal moved to another stage) does not touch the term index. Returns how many documents
   * were indexed, re-indexed or removed.
   */
  applyChanges(changes: Iterable<RowChange>): number {
    const last = new Map<string, RowChange>();
    for (const change of changes) {
      if (!isSearchCollection(change.collection)) continue;
      const key = keyOf(change.collection, change.id);
      last.delete(key); // keep insertion order = order of the last change
      last.set(key, change);
    }
    let indexed = 0;
    for (const change of last.values()) if (this.#apply(change)) indexed++;
    return indexed;
  }

  /** Nothing to clean any more; kept so callers written for the MiniSearch index still work. */
  vacuum(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Typing-style search: every term must match (AND), the last one as a prefix, terms of 5+
   * characters also with a typo in a name or title. A query that looks like a phone number also
   * finds contacts whose number starts with it, ranked first. Results are display-ready, best
   * first; equal scores come in key order.
   */
  search(query: string, options: SearchQueryOptions = {}): SearchResult[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!(limit > 0)) return [];
    const letters = options.collections ? new Set(options.collections.map(letterOf)) : null;
    const allowed = (key: string) => letters === null || letters.has(key[0]);
    const phone = phoneQuery(query);
    const phoneKeys = phone === null ? [] : this.#phones.lookup(phone, letters === null ? limit : Number.POSITIVE_INFINITY).filter(allowed).slice(0, limit);
    const textHits = this.#textHits(queryTerms(query), allowed, limit + phoneKeys.length);
    const results: SearchResult[] = [];
    const seen = new Set<string>();
    // A number being typed is a stronger signal than any word match: rank those first.
    const phoneScore = (textHits[0]?.score ?? 0) + 1;
    for (const key of phoneKeys) {
      const doc = this.#terms.numberOf(key);
      if (doc === undefined) continue;
      seen.add(key);
      results.push(this.#result(doc, phoneScore));
    }
    for (const hit of textHits) {
      if (results.length >= limit) break;
      if (!seen.has(this.#terms.keys[hit.doc])) results.push(this.#result(hit.doc, hit.score));
    }
    return results;
  }

  // The query plan. Every term must match; the last one is being typed and matches as a prefix
  // (plus typos from 5 characters). Alone, a short prefix (`m`, `le`) would make nearly every
  // document a result: then only its shortest completions count, within a posting budget.
  // After finished words (`jean m`) the full expansion is fine: it is scored last, and only
  // for the documents the finished words already matched.
  #textHits(terms: string[], allowed: (key: string) => boolean, limit: number): ScoredDoc[] {
    if (terms.length === 0) return [];
    const last = terms[terms.length - 1];
    const weight = (key: string) => (allowed(key) ? collectionWeight(key) : 0);
    const expansion = terms.length > 1 ? null : expandPrefix(this.#terms, last);
    if (expansion === null || expansion.small) {
      const queries: TermQuery[] = terms.map((term, i) => ({ term, prefix: i === terms.length - 1, fuzzy: fuzzyDistance(term) }));
      return this.#scorer.run(queries, { combine: 'and', weight, limit });
    }
    const completions = expansion.terms.map((term) => ({
      term,
      prefix: false,
      fuzzy: 0,
      // The weight of a prefix match, lower the more characters it adds.
      boost: term === last ? 1 : (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - last.length)),
    }));
    return this.#scorer.run(completions, { combine: 'or', weight, limit });
  }

  #result(doc: number, score: number): SearchResult {
    const { collection, id } = parseKey(this.#terms.keys[doc]);
    return { collection, id, score, title: this.#terms.titles[doc], subtitle: this.#terms.subtitles[doc] };
  }

  /** The snapshot, as a plain object: `JSON.stringify(index)` gives the string to persist. */
  toJSON(): SearchSnapshot {
    return { format: SEARCH_FORMAT_VERSION, version: this.#version, index: this.#terms.toData() };
  }

  #apply(change: RowChange, bulk = false): boolean {
    if (!isSearchCollection(change.collection)) return false;
    const key = keyOf(change.collection, change.id);
    const row = change.row;
    const rowVersion = row?.v;
    if (typeof rowVersion === 'number' && rowVersion > this.#version) this.#version = rowVersion;
    const document = row && row.deletedAt == null ? toSearchDocument(change.collection, change.id, row) : null;
    const doc = this.#terms.numberOf(key);
    const oldPhones = doc === undefined ? '' : this.#terms.phones[doc];
    const newPhones = document?.p ?? '';
    if (oldPhones !== newPhones && oldPhones) this.#phones.remove(key, oldPhones);
    const indexed =
      document === null
        ? this.#terms.remove(key)
        : this.#terms.set({ k: key, n: document.n, x: document.x, t: document.t, s: document.s ?? '', p: newPhones });
    if (oldPhones !== newPhones && newPhones) {
      if (bulk) this.#phones.addUnsorted(key, newPhones);
      else this.#phones.add(key, newPhones);
    }
    return indexed;
  }
}

function isBatch(item: RowChange | readonly RowChange[]): item is readonly RowChange[] {
  return Array.isArray(item);
}

/** A rebuild that failed on inconsistent data, as the typed error callers expect. */
function rebuildFailure(error: unknown): Error {
  if (isSearchError(error)) return error;
  return corruptSnapshotError(error instanceof Error ? error.message : 'the index could not be rebuilt', error);
}
