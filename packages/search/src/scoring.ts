// Runs term queries against the TermIndex and ranks the documents: BM25 per field as MiniSearch
// scores it (field boosts, prefix and typo matches weighted down by how much they add or
// change), documents weighted by collection, then the best `limit` by score, ties broken by key
// so that equal scores always come out in the same order. Accumulators are typed arrays reused
// across queries: a query allocates little beyond its derived-term list.
import { SLOT_BITS, TermIndex, lowerBoundString } from './term-index.ts';
import { FIELD_BOOST, FUZZY_WEIGHT, PREFIX_WEIGHT } from './ranking.ts';

export interface TermQuery {
  term: string;
  /** Also match longer terms starting with it. */
  prefix: boolean;
  /** Also match terms this many edits away (0: none), in `n` only. */
  fuzzy: number;
  /** Multiplies this term's contribution (default 1). */
  boost?: number;
}

export interface ScoreOptions {
  /** `and`: a document must match every query; `or`: any. */
  combine: 'and' | 'or';
  /** A document's weight from its key; 0 leaves it out. */
  weight: (key: string) => number;
  /** Checked only for documents that would enter the results. */
  keep?: (doc: number) => boolean;
  limit: number;
}

export interface ScoredDoc {
  doc: number;
  score: number;
}

const K = 1.2;
const B = 0.7;
const D = 0.5;
const BOTH_FIELDS = 3;
const N_ONLY = 1;

interface Derived {
  term: string;
  weight: number;
  fields: number;
}

/** Terms `maxDistance` edits or fewer from `query`, walking the sorted terms as a trie. */
export function fuzzyTerms(sorted: readonly string[], query: string, maxDistance: number, found: (term: string, distance: number) => void): void {
  const width = query.length + 1;
  const first = new Array<number>(width);
  for (let j = 0; j < width; j++) first[j] = j;
  const walk = (low: number, high: number, depth: number, previous: number[]) => {
    if (low < high && sorted[low].length === depth) {
      if (previous[width - 1] <= maxDistance) found(sorted[low], previous[width - 1]);
      low++;
    }
    while (low < high) {
      const code = sorted[low].charCodeAt(depth);
      // The run of terms with this character at `depth` (they share the first `depth` ones).
      let end = low + 1;
      let top = high;
      while (end < top) {
        const mid = (end + top) >>> 1;
        if (sorted[mid].charCodeAt(depth) === code) end = mid + 1;
        else top = mid;
      }
      const row = new Array<number>(width);
      row[0] = previous[0] + 1;
      let best = row[0];
      for (let j = 1; j < width; j++) {
        const cost = query.charCodeAt(j - 1) === code ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (row[j] < best) best = row[j];
      }
      if (best <= maxDistance) walk(low, end, depth + 1, row);
      low = end;
    }
  };
  walk(0, sorted.length, 0, first);
}

export class Scorer {
  #index: TermIndex;
  #score = new Float64Array(0);
  #seen = new Int32Array(0);
  #lastQuery = new Int32Array(0);
  #matched = new Int32Array(0);
  #stamp = 0;

  constructor(index: TermIndex) {
    this.#index = index;
  }

  #prepare(): void {
    const capacity = this.#index.capacity;
    if (this.#seen.length < capacity || this.#stamp >= 0x3fffffff) {
      const size = Math.max(capacity, Math.ceil(this.#seen.length * 1.25), 1024);
      this.#score = new Float64Array(size);
      this.#seen = new Int32Array(size);
      this.#lastQuery = new Int32Array(size);
      this.#matched = new Int32Array(size);
      this.#stamp = 0;
    }
    this.#stamp++;
  }

  #derive(query: TermQuery): Derived[] {
    const index = this.#index;
    const boost = query.boost ?? 1;
    const derived: Derived[] = [];
    const { term } = query;
    if (index.postings.has(term)) derived.push({ term, weight: boost, fields: BOTH_FIELDS });
    if (!query.prefix && query.fuzzy <= 0) return derived;
    const sorted = index.sortedTerms;
    if (query.prefix) {
      for (let i = lowerBoundString(sorted, term); i < sorted.length && sorted[i].startsWith(term); i++) {
        const candidate = sorted[i];
        if (candidate === term) continue;
        const distance = candidate.length - term.length;
        derived.push({ term: candidate, weight: (boost * PREFIX_WEIGHT * candidate.length) / (candidate.length + 0.3 * distance), fields: BOTH_FIELDS });
      }
    }
    if (query.fuzzy > 0) {
      fuzzyTerms(sorted, term, query.fuzzy, (candidate, distance) => {
        if (distance === 0 || (query.prefix && candidate.startsWith(term))) return;
        derived.push({ term: candidate, weight: (boost * FUZZY_WEIGHT * candidate.length) / (candidate.length + distance), fields: N_ONLY });
      });
    }
    return derived;
  }

  /** The best `limit` documents, by score then key. */
  run(queries: readonly TermQuery[], options: ScoreOptions): ScoredDoc[] {
    if (queries.length === 0 || options.limit <= 0) return [];
    const index = this.#index;
    this.#prepare();
    const stamp = this.#stamp;
    const score = this.#score;
    const seen = this.#seen;
    const lastQuery = this.#lastQuery;
    const matched = this.#matched;
    const { keys, lengthN, lengthX } = index;
    const all = options.combine === 'and';
    const count = index.count;
    const averageN = index.totalN / count || 1;
    const averageX = index.totalX / count || 1;
    const touched: number[] = [];
    // Collection weights by the key's first letter (ASCII), asked once per letter.
    const letters = index.letters;
    const weights = new Float64Array(128).fill(-1);
    const weightOf = (doc: number) => {
      const letter = letters[doc] & 127;
      if (weights[letter] < 0) weights[letter] = options.weight(keys[doc]);
      return weights[letter];
    };
    for (let q = 0; q < queries.length; q++) {
      for (const { term, weight, fields } of this.#derive(queries[q])) {
        const list = index.postings.get(term)!;
        let inN = 0;
        let inX = 0;
        for (let i = 0; i < list.length; i++) {
          if (list[i] & 0o70) inN++;
          if (list[i] & 0o7) inX++;
        }
        const idfN = fields & 1 ? Math.log(1 + (count - inN + 0.5) / (inN + 0.5)) * FIELD_BOOST.n : 0;
        const idfX = fields & 2 ? Math.log(1 + (count - inX + 0.5) / (inX + 0.5)) * FIELD_BOOST.x : 0;
        for (let i = 0; i < list.length; i++) {
          const posting = list[i];
          // A typo match counts in `n` only: a document matching it in `x` alone does not match.
          if (!((fields & 1 && posting & 0o70) || (fields & 2 && posting & 0o7))) continue;
          const doc = posting >>> SLOT_BITS;
          if (seen[doc] !== stamp) {
            if (all && q > 0) continue;
            seen[doc] = stamp;
            lastQuery[doc] = -1;
            matched[doc] = 0;
            score[doc] = 0;
            touched.push(doc);
          }
          if (lastQuery[doc] !== q) {
            if (all && matched[doc] !== q) continue;
            lastQuery[doc] = q;
            matched[doc]++;
          }
          const tfN = (posting >> 3) & 7;
          const tfX = posting & 7;
          let raw = 0;
          if (tfN && idfN) raw += idfN * (D + (tfN * (K + 1)) / (tfN + K * (1 - B + (B * lengthN[doc]) / averageN)));
          if (tfX && idfX) raw += idfX * (D + (tfX * (K + 1)) / (tfX + K * (1 - B + (B * lengthX[doc]) / averageX)));
          score[doc] += weight * raw;
        }
      }
    }
    // Best first; `top` stays sorted and at most `limit` long.
    const top: ScoredDoc[] = [];
    const limit = options.limit;
    const before = (a: number, aScore: number, b: ScoredDoc) => aScore > b.score || (aScore === b.score && keys[a] < keys[b.doc]);
    for (const doc of touched) {
      if (all && matched[doc] !== queries.length) continue;
      const docWeight = weightOf(doc);
      if (!docWeight) continue;
      // As MiniSearch: the sum times the number of queries matched.
      const total = score[doc] * docWeight * matched[doc];
      if (total <= 0) continue;
      if (top.length >= limit && !before(doc, total, top[top.length - 1])) continue;
      if (options.keep && !options.keep(doc)) continue;
      let at = top.length;
      while (at > 0 && before(doc, total, top[at - 1])) at--;
      top.splice(at, 0, { doc, score: total });
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
