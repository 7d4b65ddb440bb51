// The inverted index: terms to postings, plus what each document needs for scoring and display.
// It replaced MiniSearch's radix tree of Maps, which cost ~200 MB and ~2.5 s to load on dataset
// L. Here a posting is one small integer (document number × 64 + term frequency in `n` × 8 +
// term frequency in `x`) in a plain array per term, sorted by document; terms are kept in a
// sorted array for prefix ranges and typo search. Statistics are exact integers (live documents,
// total field lengths) and postings are removed at once, so scores depend only on the indexed
// rows, never on the order they arrived in: peers with the same rows rank the same.
import { processTerm, tokenize } from './analysis.ts';

/** Postings per document number: 6 bits of term frequencies (two fields, capped at 7). */
export const SLOT_BITS = 6;
export const SLOT = 1 << SLOT_BITS;
const TF_CAP = 7;
const FOLD_CACHE_SIZE = 50_000;

/** What the index keeps of a document (see documents.ts). Empty strings for absent values. */
export interface IndexedDocument {
  k: string;
  n: string;
  x: string;
  t: string;
  s: string;
  p: string;
}

function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function lowerBoundString(list: readonly string[], value: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The compact, history-free serialized form (see snapshot.ts). */
export interface TermIndexData {
  /** Per document, in document order: key, title, subtitle, phones, n (null when equal to the title), x. */
  k: string[];
  t: string[];
  s: string[];
  p: string[];
  n: (string | null)[];
  x: string[];
  /** Field lengths in terms. */
  ln: number[];
  lx: number[];
  /** Sorted terms and, for each, its postings with document numbers delta-encoded. */
  terms: string[];
  postings: number[][];
}

export class TermIndex {
  // Per document number; a removed document leaves an empty key until the next compaction.
  keys: string[] = [];
  /** First character code of each key (the collection letter; 0 once removed), read while scoring. */
  letters: number[] = [];
  titles: string[] = [];
  subtitles: string[] = [];
  phones: string[] = [];
  #n: string[] = [];
  #x: string[] = [];
  lengthN: number[] = [];
  lengthX: number[] = [];
  #numberOf = new Map<string, number>();
  /** Live documents and their total field lengths, for BM25. */
  count = 0;
  totalN = 0;
  totalX = 0;
  postings = new Map<string, number[]>();
  #sorted: string[] = [];
  #sortedStale = false;
  /**
   * Terms added since `#sorted` was last brought up to date, in any order: merged into it (one
   * sort of the few, one pass over the many) when the sorted list is next read, instead of one
   * array insertion each, which made indexing 100,000 new rows quadratic.
   */
  #pending: string[] = [];
  /** Word → term: folding is most of the cost of indexing, and names repeat a lot. */
  #termOf = new Map<string, string | null>();

  #term(word: string): string | null {
    let term = this.#termOf.get(word);
    if (term === undefined) {
      if (this.#termOf.size >= FOLD_CACHE_SIZE) this.#termOf.clear();
      term = processTerm(word);
      this.#termOf.set(word, term);
    }
    return term;
  }

  /** Term frequencies of a document's fields, and their lengths in terms. */
  #analyse(n: string, x: string): { terms: Map<string, number>; lengthN: number; lengthX: number } {
    const terms = new Map<string, number>();
    let lengthN = 0;
    let lengthX = 0;
    if (n) {
      for (const word of tokenize(n)) {
        const term = this.#term(word);
        if (term === null) continue;
        lengthN++;
        const tf = terms.get(term) ?? 0;
        if (tf >> 3 < TF_CAP) terms.set(term, tf + 8);
      }
    }
    if (x) {
      for (const word of tokenize(x)) {
        const term = this.#term(word);
        if (term === null) continue;
        lengthX++;
        const tf = terms.get(term) ?? 0;
        if ((tf & 7) < TF_CAP) terms.set(term, tf + 1);
      }
    }
    return { terms, lengthN, lengthX };
  }

  get capacity(): number {
    return this.keys.length;
  }

  numberOf(key: string): number | undefined {
    return this.#numberOf.get(key);
  }

  /** Every term, sorted. */
  get sortedTerms(): readonly string[] {
    if (this.#sortedStale) {
      this.#sorted = [...this.postings.keys()].sort();
      this.#sortedStale = false;
      this.#pending = [];
    } else if (this.#pending.length) {
      this.#sorted = mergeSorted(this.#sorted, this.#pending.sort());
      this.#pending = [];
    }
    return this.#sorted;
  }

  /** Before adding many documents: new terms are sorted once, on the next search, not one by one. */
  deferSorting(): void {
    this.#sortedStale = true;
  }

  /**
   * Adds or replaces a document. Returns false when nothing indexed changed (same `n` and `x`):
   * then only the display fields are updated and the postings are not touched.
   */
  set(doc: IndexedDocument): boolean {
    const existing = this.#numberOf.get(doc.k);
    if (existing !== undefined) {
      this.titles[existing] = doc.t;
      this.subtitles[existing] = doc.s;
      this.phones[existing] = doc.p;
      if (this.#n[existing] === doc.n && this.#x[existing] === doc.x) return false;
      this.#reindex(existing, doc.n, doc.x);
      return true;
    }
    const number = this.keys.length;
    this.keys.push(doc.k);
    this.letters.push(doc.k.charCodeAt(0));
    this.titles.push(doc.t);
    this.subtitles.push(doc.s);
    this.phones.push(doc.p);
    this.#n.push('');
    this.#x.push('');
    this.lengthN.push(0);
    this.lengthX.push(0);
    this.#numberOf.set(doc.k, number);
    this.count++;
    this.#index(number, doc.n, doc.x);
    return true;
  }

  remove(key: string): boolean {
    const number = this.#numberOf.get(key);
    if (number === undefined) return false;
    this.#unindex(number);
    this.#numberOf.delete(key);
    this.keys[number] = '';
    this.letters[number] = 0;
    this.titles[number] = '';
    this.subtitles[number] = '';
    this.phones[number] = '';
    this.count--;
    return true;
  }

  #index(number: number, n: string, x: string): void {
    const { terms } = this.#describe(number, n, x);
    const base = number * SLOT;
    for (const [term, tf] of terms) this.#addPosting(term, base, tf);
  }

  #unindex(number: number): void {
    const { terms } = this.#analyse(this.#n[number], this.#x[number]);
    this.#describe(number, '', '');
    const base = number * SLOT;
    for (const term of terms.keys()) this.#removePosting(term, base);
  }

  /**
   * Replaces a document's text. A term it keeps has its posting rewritten in place: removing and
   * inserting it again would move the rest of the list twice, and a common term's list holds
   * most of the documents.
   */
  #reindex(number: number, n: string, x: string): void {
    const before = this.#analyse(this.#n[number], this.#x[number]).terms;
    const { terms } = this.#describe(number, n, x);
    const base = number * SLOT;
    for (const [term, tf] of terms) {
      const list = before.has(term) ? this.postings.get(term) : undefined;
      const at = list ? lowerBound(list, base) : -1;
      if (list && at < list.length && list[at] < base + SLOT) list[at] = base + tf;
      else this.#addPosting(term, base, tf);
    }
    for (const term of before.keys()) if (!terms.has(term)) this.#removePosting(term, base);
  }

  /** Sets a document's text and lengths (and the totals); returns its terms. */
  #describe(number: number, n: string, x: string): { terms: Map<string, number> } {
    const { terms, lengthN, lengthX } = this.#analyse(n, x);
    this.totalN += lengthN - this.lengthN[number];
    this.totalX += lengthX - this.lengthX[number];
    // Share the title's string when `n` is the same text (the usual case).
    this.#n[number] = n === this.titles[number] ? this.titles[number] : n;
    this.#x[number] = x;
    this.lengthN[number] = lengthN;
    this.lengthX[number] = lengthX;
    return { terms };
  }

  #addPosting(term: string, base: number, tf: number): void {
    const list = this.postings.get(term);
    if (list === undefined) {
      this.postings.set(term, [base + tf]);
      if (!this.#sortedStale) this.#pending.push(term);
    } else if (list[list.length - 1] < base) {
      list.push(base + tf);
    } else {
      list.splice(lowerBound(list, base), 0, base + tf);
    }
  }

  #removePosting(term: string, base: number): void {
    const list = this.postings.get(term);
    if (list === undefined) return;
    const at = lowerBound(list, base);
    if (at < list.length && list[at] < base + SLOT) list.splice(at, 1);
    if (list.length > 0) return;
    this.postings.delete(term);
    if (this.#sortedStale) return;
    const pending = this.#pending.indexOf(term);
    if (pending >= 0) {
      this.#pending.splice(pending, 1);
    } else {
      const position = lowerBoundString(this.#sorted, term);
      if (this.#sorted[position] === term) this.#sorted.splice(position, 1);
    }
  }

  /**
   * Serializes the live documents, renumbered densely in their current order (so each term's
   * postings stay sorted). Scores do not depend on document numbers, so neither do answers.
   */
  toData(): TermIndexData {
    const renumber = new Int32Array(this.keys.length);
    const data: TermIndexData = { k: [], t: [], s: [], p: [], n: [], x: [], ln: [], lx: [], terms: [], postings: [] };
    for (let number = 0; number < this.keys.length; number++) {
      if (this.keys[number] === '') continue;
      renumber[number] = data.k.length;
      data.k.push(this.keys[number]);
      data.t.push(this.titles[number]);
      data.s.push(this.subtitles[number]);
      data.p.push(this.phones[number]);
      data.n.push(this.#n[number] === this.titles[number] ? null : this.#n[number]);
      data.x.push(this.#x[number]);
      data.ln.push(this.lengthN[number]);
      data.lx.push(this.lengthX[number]);
    }
    for (const term of this.sortedTerms) {
      const list = this.postings.get(term)!;
      // Delta-encode the document numbers, keeping the frequencies in the low bits.
      const encoded = new Array<number>(list.length);
      let previous = 0;
      for (let i = 0; i < list.length; i++) {
        const number = renumber[list[i] >>> SLOT_BITS];
        encoded[i] = (number - previous) * SLOT + (list[i] & (SLOT - 1));
        previous = number;
      }
      data.terms.push(term);
      data.postings.push(encoded);
    }
    return data;
  }

  /** Rebuilds from `toData` output. Throws a plain Error when it is inconsistent. */
  static fromData(data: TermIndexData): TermIndex {
    const steps = TermIndex.#rebuild(data);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * Same as `fromData`, giving the host a turn every REBUILD_SLICE_MS of work, or every `slice`
   * documents or terms (at dataset L the rebuild is a few hundred milliseconds: in one piece it
   * would hold the page that long). Time, not a count of terms, because a common term's postings
   * list holds most of the documents.
   */
  static async fromDataAsync(data: TermIndexData, yieldToHost: () => Promise<void>, slice = Infinity): Promise<TermIndex> {
    const steps = TermIndex.#rebuild(data, slice, REBUILD_SLICE_MS);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await yieldToHost();
    }
  }

  /** The rebuild, pausing (yielding) every `slice` documents or terms, or once `budgetMs` is spent. */
  static *#rebuild(data: TermIndexData, slice = Infinity, budgetMs = Infinity): Generator<void, TermIndex> {
    // `due(units)` says when to pause: after `slice` items, or once the budget is spent (the
    // clock is read every few thousand units of work, a posting being one).
    let items = 0;
    let work = 0;
    let sliceStart = budgetMs < Infinity ? performance.now() : 0;
    const due = (units: number): boolean => {
      items++;
      work += units;
      let pause = items >= slice;
      if (!pause && work >= CLOCK_EVERY && budgetMs < Infinity) {
        work = 0;
        pause = performance.now() - sliceStart > budgetMs;
      }
      if (pause) {
        items = 0;
        work = 0;
        if (budgetMs < Infinity) sliceStart = performance.now();
      }
      return pause;
    };
    const index = new TermIndex();
    const size = data.k.length;
    for (const column of [data.t, data.s, data.p, data.n, data.x, data.ln, data.lx]) {
      if (!Array.isArray(column) || column.length !== size) throw new Error('document columns differ in length');
    }
    if (!Array.isArray(data.terms) || !Array.isArray(data.postings) || data.terms.length !== data.postings.length) {
      throw new Error('terms and postings differ in length');
    }
    index.keys = data.k;
    index.titles = data.t;
    index.subtitles = data.s;
    index.phones = data.p;
    index.#x = data.x;
    index.lengthN = data.ln;
    index.lengthX = data.lx;
    index.#n = new Array<string>(size);
    index.letters = new Array<number>(size);
    for (let i = 0; i < size; i++) {
      if (due(8)) yield;
      const key = data.k[i];
      if (typeof key !== 'string' || key === '') throw new Error('bad document key');
      index.#n[i] = data.n[i] ?? data.t[i];
      index.letters[i] = key.charCodeAt(0);
      index.#numberOf.set(key, i);
      index.totalN += data.ln[i];
      index.totalX += data.lx[i];
    }
    if (index.#numberOf.size !== size) throw new Error('duplicate document keys');
    index.count = size;
    const limit = size * SLOT;
    for (let i = 0; i < data.terms.length; i++) {
      const list = data.postings[i];
      if (due(Array.isArray(list) ? list.length + 8 : 8)) yield;
      if (!Array.isArray(list) || list.length === 0) throw new Error('bad postings');
      let number = 0;
      for (let j = 0; j < list.length; j++) {
        const posting = list[j] + number * SLOT;
        if (!(posting >= number * SLOT && posting < limit)) throw new Error('posting out of range');
        number = posting >>> SLOT_BITS;
        list[j] = posting;
      }
      index.postings.set(data.terms[i], list);
    }
    for (let i = 1; i < data.terms.length; i++) {
      if (due(2)) yield;
      if (!(data.terms[i - 1] < data.terms[i])) throw new Error('terms not sorted');
    }
    index.#sorted = data.terms;
    return index;
  }
}

/** Work between two turns of an asynchronous rebuild (see DocWriter's WORK_SLICE_MS). */
const REBUILD_SLICE_MS = 8;
/** Units of rebuild work between two reads of the clock. */
const CLOCK_EVERY = 4_096;

/** Two sorted lists of distinct terms as one sorted list. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
