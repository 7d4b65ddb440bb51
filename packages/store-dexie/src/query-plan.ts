// Chooses how a RowQuery is read from IndexedDB. Pure, so the choice is testable without a
// database. Every plan returns a superset of the matching rows (or an exact ordered prefix), and
// the caller still applies matchRow and rowComparator, so results equal runQuery's.
import type { Collection } from '@carnet/schema';
import type { Condition, RowQuery } from '@carnet/store';
import { FIELD_INDEXES, type FieldIndex } from './tables.ts';

/** A key IndexedDB can look up: strings and numbers are the only ones rows hold. */
type LookupKey = string | number | (string | number)[];

export interface IndexLookup {
  /** Dexie index name (`:id` for the primary key). */
  index: string;
  /** Rows whose index key is any of these; for a multi-entry index a row may come back twice. */
  keys: LookupKey[];
}

export type QueryPlan =
  /** No filter but alive-ness, sorted by last update first: walk `[_alive+updatedAt]` and stop early. */
  | { kind: 'by-update'; alive: 0 | 1; reverse: boolean; take: number }
  /** No filter, no sort, deleted included: primary key order is the query's order. */
  | { kind: 'by-id'; offset: number; limit: number | undefined }
  /** Narrow candidates by one of these lookups (the caller picks the smallest), then filter and sort. */
  | { kind: 'index'; lookups: IndexLookup[] }
  /** Read every row of the collection. */
  | { kind: 'scan' };

const ID_INDEX: FieldIndex = { name: ':id', fields: ['id'], multiEntry: false };
const VERSION_INDEX: FieldIndex = { name: 'v', fields: ['v'], multiEntry: false };

/** A value stored rows can match by strict equality and IndexedDB can use as a key. */
function isLookupKey(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
}

/** `eq` also matches every empty value to an empty target, and empty values are not indexed. */
function isNonEmptyLookupKey(value: unknown): value is string | number {
  return isLookupKey(value) && value !== '';
}

function singleFieldLookup(index: FieldIndex, condition: Condition): IndexLookup | undefined {
  const { op, value } = condition;
  if ((op === 'eq' && isNonEmptyLookupKey(value)) || (op === 'has' && index.multiEntry && isLookupKey(value))) {
    return { index: index.name, keys: [value] };
  }
  if ((op === 'in' || (op === 'hasAny' && index.multiEntry)) && Array.isArray(value) && value.every(isLookupKey)) {
    return { index: index.name, keys: [...new Set(value)] };
  }
  return undefined;
}

function compoundLookup(index: FieldIndex, conditions: readonly Condition[]): IndexLookup | undefined {
  const key: (string | number)[] = [];
  for (const part of index.fields) {
    const condition = conditions.find((c) => c.field === part && c.op === 'eq' && isNonEmptyLookupKey(c.value));
    if (!condition) return undefined;
    key.push(condition.value as string | number);
  }
  return { index: index.name, keys: [key] };
}

export function planQuery(collection: Collection, query: RowQuery): QueryPlan {
  const where = query.where ?? [];
  const deleted = query.deleted ?? 'alive';
  const sort = query.sort ?? [];
  const offset = query.offset ?? 0;

  if (where.length === 0) {
    if (deleted !== 'all' && sort[0]?.field === 'updatedAt' && query.limit !== undefined) {
      return { kind: 'by-update', alive: deleted === 'alive' ? 1 : 0, reverse: sort[0].dir === 'desc', take: offset + query.limit };
    }
    if (deleted === 'all' && sort.length === 0) return { kind: 'by-id', offset, limit: query.limit };
    return { kind: 'scan' };
  }

  const lookups: IndexLookup[] = [];
  const indexes = [ID_INDEX, VERSION_INDEX, ...FIELD_INDEXES[collection]];
  for (const index of indexes) {
    if (index.fields.length > 1) {
      const lookup = compoundLookup(index, where);
      if (lookup) lookups.push(lookup);
      continue;
    }
    for (const condition of where) {
      if (condition.field !== index.fields[0]) continue;
      const lookup = singleFieldLookup(index, condition);
      if (lookup) lookups.push(lookup);
    }
  }
  return lookups.length > 0 ? { kind: 'index', lookups } : { kind: 'scan' };
}
