// The rows the reports read, held in memory per collection: each collection is read from the
// store once, then patched from the store's change events (a teammate's edit changes one row,
// not the whole list). Changes that arrive while a collection is still being read are kept
// and applied after the read, in order. Snapshots rebuild only the collections that changed.
import type { AnyRow } from '@carnet/schema';
import type { RowChange } from '@carnet/store';
import type { ReportData } from '@carnet/reports';

export const REPORT_COLLECTIONS = ['deals', 'activities', 'contacts', 'companies'] as const;
export type ReportCollection = (typeof REPORT_COLLECTIONS)[number];

const isReportCollection = (c: string): c is ReportCollection => (REPORT_COLLECTIONS as readonly string[]).includes(c);

export type Revisions = Readonly<Record<ReportCollection, number>>;

export class RowCache {
  readonly #rows = new Map<ReportCollection, Map<string, AnyRow>>();
  /** Collections being read, with the changes seen meanwhile. */
  readonly #loading = new Map<ReportCollection, RowChange[]>();
  readonly #dirty = new Set<ReportCollection>();
  #revisions: Record<ReportCollection, number> = { deals: 0, activities: 0, contacts: 0, companies: 0 };
  #data: ReportData = {};

  /** Whether the collection is read or being read (so it need not be asked for again). */
  has(collection: ReportCollection): boolean {
    return this.#rows.has(collection) || this.#loading.has(collection);
  }

  isLoaded(collection: ReportCollection): boolean {
    return this.#rows.has(collection);
  }

  startLoading(collection: ReportCollection): void {
    if (!this.has(collection)) this.#loading.set(collection, []);
  }

  /** The first read's rows (alive ones), then whatever changed while it ran. */
  finishLoading(collection: ReportCollection, rows: readonly AnyRow[]): void {
    const buffered = this.#loading.get(collection) ?? [];
    this.#loading.delete(collection);
    const map = new Map<string, AnyRow>();
    for (const row of rows) if (row.deletedAt === null || row.deletedAt === undefined) map.set(row.id, row);
    this.#rows.set(collection, map);
    for (const change of buffered) this.#patch(map, change);
    this.#dirty.add(collection);
  }

  /** A failed read: the collection can be asked for again. */
  failLoading(collection: ReportCollection): void {
    this.#loading.delete(collection);
  }

  /** Applies a store event's row changes; true when a collection the reports hold changed. */
  apply(changes: readonly RowChange[]): boolean {
    let changed = false;
    for (const change of changes) {
      const collection = change.collection;
      if (!isReportCollection(collection)) continue;
      const buffer = this.#loading.get(collection);
      if (buffer) {
        buffer.push(change);
        continue;
      }
      const map = this.#rows.get(collection);
      if (!map) continue;
      this.#patch(map, change);
      this.#dirty.add(collection);
      changed = true;
    }
    return changed;
  }

  #patch(map: Map<string, AnyRow>, change: RowChange): void {
    if (change.row.deletedAt === null || change.row.deletedAt === undefined) map.set(change.id, change.row);
    else map.delete(change.id);
  }

  /** The rows as reports take them; a collection's array is new only when it changed. */
  snapshot(): { data: ReportData; revisions: Revisions } {
    if (this.#dirty.size) {
      const data: Record<string, unknown> = { ...this.#data };
      const revisions = { ...this.#revisions };
      for (const collection of this.#dirty) {
        data[collection] = [...(this.#rows.get(collection)?.values() ?? [])];
        revisions[collection]++;
      }
      this.#dirty.clear();
      this.#data = data as ReportData;
      this.#revisions = revisions;
    }
    return { data: this.#data, revisions: this.#revisions };
  }
}
