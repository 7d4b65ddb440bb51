// Phone numbers, kept out of the term index: as terms, 80k distinct ten-digit numbers cost
// ~55 MB of MiniSearch tree nodes and maps and made `06 1` expand to every number. Here they
// are one sorted array of `digits key` strings, so a typed prefix is a binary search and a
// short scan. Rebuilt from the stored `p` fields when a snapshot is loaded.

const SEPARATOR = ' '; // sorts before every digit, so `0612 k` < `06123 k`

export class PhoneIndex {
  #entries: string[] = [];
  #sorted = true;

  get size(): number {
    return this.#entries.length;
  }

  /** Adds the numbers (space-separated digits, as stored in `p`) of a document. */
  add(key: string, phones: string): void {
    for (const digits of phones.split(' ')) {
      if (!digits) continue;
      const entry = digits + SEPARATOR + key;
      if (this.#sorted && this.#entries.length > 0) {
        this.#entries.splice(this.#lowerBound(entry), 0, entry);
      } else {
        this.#entries.push(entry);
        this.#sorted = this.#entries.length === 1;
      }
    }
  }

  /** Adds without keeping order; the next lookup sorts once. For full builds and loads. */
  addUnsorted(key: string, phones: string): void {
    for (const digits of phones.split(' ')) {
      if (digits) this.#entries.push(digits + SEPARATOR + key);
    }
    this.#sorted = this.#entries.length <= 1;
  }

  remove(key: string, phones: string): void {
    this.#ensureSorted();
    for (const digits of phones.split(' ')) {
      if (!digits) continue;
      const entry = digits + SEPARATOR + key;
      const at = this.#lowerBound(entry);
      if (this.#entries[at] === entry) this.#entries.splice(at, 1);
    }
  }

  /** Keys of documents with a number starting with `digits`, shortest numbers first. */
  lookup(digits: string, limit: number): string[] {
    this.#ensureSorted();
    const keys: string[] = [];
    const seen = new Set<string>();
    for (let i = this.#lowerBound(digits); i < this.#entries.length && keys.length < limit; i++) {
      const entry = this.#entries[i];
      if (!entry.startsWith(digits)) break;
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

  #lowerBound(value: string): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#entries[mid] < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
