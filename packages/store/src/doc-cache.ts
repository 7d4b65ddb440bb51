// The Y.Docs kept in memory: a least-recently-used set with a size cap. Docs opened by an
// editor are pinned and never evicted; everything else is dropped once the cap is reached,
// because 300,000 record docs cannot all live in memory (see DESIGN.md "Storage").
import type * as Y from 'yjs';

export class DocCache {
  readonly capacity: number;
  #docs = new Map<string, Y.Doc>();
  #pins = new Map<string, number>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.#docs.size;
  }

  get(docId: string): Y.Doc | undefined {
    const doc = this.#docs.get(docId);
    if (doc) {
      // Re-insert to mark as most recently used.
      this.#docs.delete(docId);
      this.#docs.set(docId, doc);
    }
    return doc;
  }

  has(docId: string): boolean {
    return this.#docs.has(docId);
  }

  set(docId: string, doc: Y.Doc): void {
    this.#docs.delete(docId);
    this.#docs.set(docId, doc);
    this.#evict();
  }

  /** Forgets a doc (after a failed write: the next read reloads the stored state). */
  drop(docId: string): void {
    const doc = this.#docs.get(docId);
    if (!doc) return;
    this.#docs.delete(docId);
    this.#pins.delete(docId);
    doc.destroy();
  }

  pin(docId: string): void {
    this.#pins.set(docId, (this.#pins.get(docId) ?? 0) + 1);
  }

  unpin(docId: string): void {
    const n = (this.#pins.get(docId) ?? 0) - 1;
    if (n > 0) this.#pins.set(docId, n);
    else this.#pins.delete(docId);
    this.#evict();
  }

  isPinned(docId: string): boolean {
    return this.#pins.has(docId);
  }

  clear(): void {
    for (const doc of this.#docs.values()) doc.destroy();
    this.#docs.clear();
    this.#pins.clear();
  }

  #evict(): void {
    if (this.#docs.size <= this.capacity) return;
    for (const [docId, doc] of this.#docs) {
      if (this.#docs.size <= this.capacity) break;
      if (this.#pins.has(docId)) continue;
      this.#docs.delete(docId);
      doc.destroy();
    }
  }
}
