// Phone numbers, kept out of the term index: as terms, 80k distinct ten-digit numbers cost
// ~55 MB of MiniSearch tree nodes and maps and made `06 1` expand to every number. Here they
// are one sorted array of `digits key` strings, so a typed prefix is a binary search and a
// short scan. Rebuilt from the stored `p` fields when a snapshot is loaded.
//
// Inserting into (or cutting from) one sorted array of 200,000 numbers moves the whole array:
// an import of 500 contacts cost a 100 ms task at dataset L. So new numbers go to a small sorted
// array that is merged into the main one when it grows past RECENT_MAX (linear), and removed
// numbers are only marked until they are many (then the main array is filtered once).
import { lowerBoundString } from './term-index.ts';

const SEPARATOR = ' '; // sorts before every digit, so `0612 k` < `06123 k`
/** New entries kept apart before a merge into the main array. */
const RECENT_MAX = 1_024;

export class PhoneIndex {
  /** Sorted unless #sorted is false (after addUnsorted); may hold entries marked removed. */
  #entries: string[] = [];
  #sorted = true;
  /** Entries added since the last merge, sorted. Empty while #sorted is false. */
  #recent: string[] = [];
  /** Entries of #entries that were removed, dropped at the next compaction. */
  #removed = new Set<string>();

  get size(): number {
    return this.#entries.length - this.#removed.size + this.#recent.length;
  }

  /** Adds the numbers (space-separated digits, as stored in `p`) of a document. */
  add(key: string, phones: string): void {
    for (const entry of entriesOf(key, phones)) {
      if (this.#removed.delete(entry)) continue; // still in the main array
      if (!this.#sorted) {
        this.#entries.push(entry);
        continue;
      }
      this.#recent.splice(lowerBoundString(this.#recent, entry), 0, entry);
    }
    if (this.#recent.length > RECENT_MAX) this.#mergeRecent();
  }

  /** Adds without keeping order; the next lookup sorts once. For full builds and loads. */
  addUnsorted(key: string, phones: string): void {
    this.#mergeRecent();
    for (const entry of entriesOf(key, phones)) {
      if (!this.#removed.delete(entry)) this.#entries.push(entry);
    }
    this.#sorted = this.#entries.length <= 1;
  }

  remove(key: string, phones: string): void {
    this.#ensureSorted();
    for (const entry of entriesOf(key, phones)) {
      const recent = lowerBoundString(this.#recent, entry);
      if (this.#recent[recent] === entry) {
        this.#recent.splice(recent, 1);
        continue;
      }
      if (this.#entries[lowerBoundString(this.#entries, entry)] === entry) this.#removed.add(entry);
    }
    if (this.#removed.size > Math.max(RECENT_MAX, this.#entries.length / 8)) {
      this.#entries = this.#entries.filter((entry) => !this.#removed.has(entry));
      this.#removed.clear();
    }
  }

  /** Keys of documents with a number starting with `digits`, shortest numbers first. */
  lookup(digits: string, limit: number): string[] {
    this.#ensureSorted();
    const keys: string[] = [];
    const seen = new Set<string>();
    const main = this.#entries;
    const recent = this.#recent;
    let i = lowerBoundString(main, digits);
    let j = lowerBoundString(recent, digits);
    while (keys.length < limit) {
      // The two sorted runs, merged: the smaller entry first.
      const a = i < main.length && main[i].startsWith(digits) ? main[i] : undefined;
      const b = j < recent.length && recent[j].startsWith(digits) ? recent[j] : undefined;
      if (a === undefined && b === undefined) break;
      let entry: string;
      if (b === undefined || (a !== undefined && a < b)) {
        entry = a!;
        i++;
        if (this.#removed.has(entry)) continue;
      } else {
        entry = b;
        j++;
      }
      const key = entry.slice(entry.indexOf(SEPARATOR) + 1);
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
    return keys;
  }

  #ensureSorted(): void {
    if (this.#sorted) return;
    this.#entries.sort();
    this.#sorted = true;
  }

  /** Merges the recent entries into the main array in one linear pass. */
  #mergeRecent(): void {
    if (this.#recent.length === 0) return;
    this.#ensureSorted();
    const main = this.#entries;
    const recent = this.#recent;
    const merged: string[] = new Array(main.length + recent.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < main.length && j < recent.length) merged[k++] = main[i] < recent[j] ? main[i++] : recent[j++];
    while (i < main.length) merged[k++] = main[i++];
    while (j < recent.length) merged[k++] = recent[j++];
    this.#entries = merged;
    this.#recent = [];
  }
}

/** A document's entries, each number once. */
function entriesOf(key: string, phones: string): Set<string> {
  const entries = new Set<string>();
  for (const digits of phones.split(' ')) if (digits) entries.add(digits + SEPARATOR + key);
  return entries;
}

