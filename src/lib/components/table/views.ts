// Saved views of a record table: a name plus the filters, sort, quick filter and columns that
// make up what the table shows. Views are stored as plain JSON (the user's private doc), which
// another device or an older version may have written, so reading one checks every part and
// drops what it does not understand instead of trusting it. Pure.
import { isCollection, type Collection } from '@carnet/schema';
import type { Condition, Operator, SortKey } from '@carnet/store';

/** What a table shows, apart from where it is scrolled to and what is selected. */
export interface TableSetup {
  filters: Condition[];
  sort: SortKey[];
  /** The quick text filter. */
  q: string;
  columns: string[];
}

export type ViewScope = 'private' | 'shared';

export interface SavedView extends TableSetup {
  id: string;
  name: string;
  collection: Collection;
  scope: ViewScope;
  /** Who made it (shared views show it). */
  ownerId: string;
  updatedAt: number;
}

export const MAX_VIEW_NAME = 80;
const MAX_FILTERS = 30;
const MAX_COLUMNS = 60;
const OPERATORS: readonly Operator[] = [
  'eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith', 'has', 'hasAny', 'empty', 'notEmpty',
];

/** The private doc key a view is stored under: one key per view, so two devices editing
 *  different views never overwrite each other. */
export const VIEW_KEY_PREFIX = 'view.';
export const viewKey = (id: string) => `${VIEW_KEY_PREFIX}${id}`;
/** The private doc key of a table's current column layout. */
export const columnsKey = (collection: Collection) => `columns.${collection}`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function parseCondition(value: unknown): Condition | null {
  if (!isRecord(value) || typeof value.field !== 'string' || !OPERATORS.includes(value.op as Operator)) return null;
  const target = value.value;
  if (target !== undefined && !isScalar(target) && !(Array.isArray(target) && target.every(isScalar))) return null;
  const condition: Condition = { field: value.field, op: value.op as Operator };
  if (target !== undefined) condition.value = target;
  return condition;
}

function parseSort(value: unknown): SortKey | null {
  if (!isRecord(value) || typeof value.field !== 'string') return null;
  return { field: value.field, dir: value.dir === 'desc' ? 'desc' : 'asc' };
}

function list<T>(value: unknown, parse: (item: unknown) => T | null, max: number): T[] {
  if (!Array.isArray(value)) return [];
  return value.map(parse).filter((x): x is T => x !== null).slice(0, max);
}

/** A setup read from storage, with anything malformed left out. */
export function parseSetup(value: unknown): TableSetup {
  const source = isRecord(value) ? value : {};
  return {
    filters: list(source.filters, parseCondition, MAX_FILTERS),
    sort: list(source.sort, parseSort, 4),
    q: typeof source.q === 'string' ? source.q.slice(0, 200) : '',
    columns: list(source.columns, (c) => (typeof c === 'string' ? c : null), MAX_COLUMNS),
  };
}

/** A saved view read from storage, or null when it is not one. */
export function parseSavedView(value: unknown): SavedView | null {
  if (!isRecord(value)) return null;
  const { id, name, collection, scope, ownerId, updatedAt } = value;
  if (typeof id !== 'string' || !id || typeof name !== 'string' || !name.trim() || !isCollection(collection)) return null;
  return {
    ...parseSetup(value),
    id,
    name: name.trim().slice(0, MAX_VIEW_NAME),
    collection,
    scope: scope === 'shared' ? 'shared' : 'private',
    ownerId: typeof ownerId === 'string' ? ownerId : '',
    updatedAt: typeof updatedAt === 'number' ? updatedAt : 0,
  };
}

/** The views of `collection` among the entries of a private doc, by name. */
export function viewsIn(data: Record<string, unknown>, collection: Collection): SavedView[] {
  const views: SavedView[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(VIEW_KEY_PREFIX)) continue;
    const view = parseSavedView(value);
    if (view && view.collection === collection && viewKey(view.id) === key) views.push(view);
  }
  return views.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** A view to store: the setup as plain JSON (no proxies, no undefined). */
export function toStoredView(view: SavedView): SavedView {
  return JSON.parse(JSON.stringify(view)) as SavedView;
}

/** Whether two setups show the same rows the same way (a view is "modified" when not). */
export function sameSetup(a: TableSetup, b: TableSetup): boolean {
  return JSON.stringify(parseSetup(a)) === JSON.stringify(parseSetup(b));
}

/** A new view id: short, random, and a valid key. */
export function newViewId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
  return id;
}
