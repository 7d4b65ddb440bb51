// What one record table shows and what is selected in it, as rune state: filters, sort, quick
// filter, columns, the applied saved view, the selection and the anchor of a shift-click.
import type { Collection } from '@carnet/schema';
import type { Condition, SortKey } from '@carnet/store';
import { normalizeColumns } from './columns.ts';
import { sortDirectionOf, sortFor } from './fields.ts';
import { NO_SELECTION, type Selection } from './selection.ts';
import type { SavedView, TableSetup } from './views.ts';

export class TableState {
  readonly collection: Collection;
  readonly defaultSort: SortKey[];
  filters = $state.raw<Condition[]>([]);
  sort = $state.raw<SortKey[]>([]);
  q = $state('');
  columns = $state.raw<string[]>([]);
  selection = $state.raw<Selection>(NO_SELECTION);
  /** The row index a shift-click extends from. */
  anchor: number | null = null;
  /** The saved view last applied, if any. */
  view = $state.raw<SavedView | null>(null);

  constructor(collection: Collection, setup: TableSetup & { defaultSort: SortKey[] }) {
    this.collection = collection;
    this.defaultSort = setup.defaultSort;
    this.apply(setup);
  }

  get setup(): TableSetup {
    return { filters: this.filters, sort: this.sort, q: this.q, columns: this.columns };
  }

  /** Shows a setup (a saved view's, or the default one); the selection is cleared. */
  apply(setup: TableSetup, view: SavedView | null = null): void {
    this.filters = setup.filters;
    this.sort = setup.sort.length ? setup.sort : this.defaultSort;
    this.q = setup.q;
    if (setup.columns.length) this.columns = setup.columns;
    this.view = view;
    this.clearSelection();
  }

  setColumns(columns: string[], known: readonly string[]): void {
    this.columns = normalizeColumns(columns, known);
  }

  addFilter(condition: Condition): void {
    this.filters = [...this.filters, condition];
    this.clearSelection();
  }

  removeFilter(index: number): void {
    this.filters = this.filters.filter((_, i) => i !== index);
    this.clearSelection();
  }

  clearFilters(): void {
    this.filters = [];
    this.q = '';
    this.clearSelection();
  }

  setQuery(q: string): void {
    if (q === this.q) return;
    this.q = q;
    this.clearSelection();
  }

  /** A header click: ascending first, then the other way. */
  toggleSort(key: string): void {
    const current = sortDirectionOf(this.collection, key, this.sort);
    this.sort = sortFor(this.collection, key, current === 'asc' ? 'desc' : 'asc');
    this.anchor = null;
  }

  sortDirection(key: string): 'asc' | 'desc' | null {
    return sortDirectionOf(this.collection, key, this.sort);
  }

  clearSelection(): void {
    this.selection = NO_SELECTION;
    this.anchor = null;
  }
}
