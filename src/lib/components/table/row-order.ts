// The order of every row a table's query matches, kept as ids with their sort keys only. Read
// once per query, it turns a page at any depth into a read by id, where a read by offset walks
// every row before the page (at 100,000 rows, seconds for the last page). Row changes update it
// in place: a changed row leaves its place and is inserted where it now sorts (a batch of
// changes is merged in one pass). The order is the
// store's (`rowComparator`): empty values last in both directions, text compared folded
// (accents and case ignored), ties broken by id. Sort keys are folded once per row rather than
// on every comparison. Pure.
import { foldText, type AnyRow } from '@carnet/schema';
import type { SortKey } from '@carnet/store';

/** A sort key as compared: a number, folded text, or null for an empty value. */
export type SortValue = number | string | null;

export interface OrderEntry {
  id: string;
  keys: SortValue[];
}

export function sortValue(value: unknown): SortValue {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  return foldText(Array.isArray(value) ? value.join(' ') : String(value));
}

export function entryOf(row: AnyRow, sort: readonly SortKey[]): OrderEntry {
  return { id: row.id, keys: sort.map((key) => sortValue(row[key.field])) };
}

export function entryComparator(sort: readonly SortKey[]): (a: OrderEntry, b: OrderEntry) => number {
  const desc = sort.map((key) => key.dir === 'desc');
  return (a, b) => {
    for (let i = 0; i < desc.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return desc[i] ? -c : c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

export class RowOrder {
  readonly sort: readonly SortKey[];
  #entries: OrderEntry[];
  #compare: (a: OrderEntry, b: OrderEntry) => number;

  constructor(sort: readonly SortKey[], entries: OrderEntry[]) {
    this.sort = sort;
    this.#compare = entryComparator(sort);
    this.#entries = entries.sort(this.#compare);
  }

  get length(): number {
    return this.#entries.length;
  }

  /** Ids at positions [from, to). */
  ids(from: number, to: number): string[] {
    return this.#entries.slice(Math.max(0, from), Math.max(0, to)).map((e) => e.id);
  }

  /**
   * Takes many changed rows into account in one pass over the order (a sync batch of
   * thousands costs about as much as one change): `row` null when it no longer matches.
   */
  applyMany(changes: readonly { id: string; row: AnyRow | null }[]): void {
    if (changes.length <= 8) {
      for (const change of changes) this.apply(change.id, change.row);
      return;
    }
    const latest = new Map<string, AnyRow | null>();
    for (const change of changes) latest.set(change.id, change.row);
    const kept = this.#entries.filter((e) => !latest.has(e.id));
    const added: OrderEntry[] = [];
    for (const row of latest.values()) if (row) added.push(entryOf(row, this.sort));
    added.sort(this.#compare);
    const merged: OrderEntry[] = new Array(kept.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < added.length) merged[k++] = this.#compare(kept[i], added[j]) <= 0 ? kept[i++] : added[j++];
    while (i < kept.length) merged[k++] = kept[i++];
    while (j < added.length) merged[k++] = added[j++];
    this.#entries = merged;
  }

  /**
   * Takes a changed row into account: `row` is its new state when it matches the query, null
   * when it no longer does (deleted, filtered out). Returns whether the order changed.
   */
  apply(id: string, row: AnyRow | null): boolean {
    const at = this.#entries.findIndex((e) => e.id === id);
    if (at >= 0) this.#entries.splice(at, 1);
    if (!row) return at >= 0;
    const entry = entryOf(row, this.sort);
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#compare(this.#entries[mid], entry) < 0) low = mid + 1;
      else high = mid;
    }
    this.#entries.splice(low, 0, entry);
    return true;
  }
}
