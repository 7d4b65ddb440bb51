// The IndexedDB layout: which tables exist, which row fields each collection indexes, and how a
// row (with its record doc's state) is encoded for storage. The indexes are chosen for the
// queries lists and the board run at dataset L (100,000 contacts, 200,000 activities): by id,
// by `v` for catch-up, by last update among alive rows (the cold-open list), and by the foreign
// keys filters use.
import type { Collection } from '@carnet/schema';
import { COLLECTIONS, isCollection } from '@carnet/schema';
import { StoreError, StoreErrorCode, type StoredRow } from '@carnet/store';

/**
 * Bump when the layout changes, and add a `db.version(n)` step for the migration.
 * 1: docs, outbox (one value per update), meta, a table per collection.
 * 2: the outbox holds groups: one value per commit (an import batch is one request, not 500),
 *    indexed by its count of unacknowledged entries.
 * 3: a record doc's state is stored inside its row (`_state`), one request per record instead
 *    of two; a record doc without a row yet is a placeholder value in its collection's table.
 *    The docs table keeps the workspace and user docs.
 */
export const SCHEMA_VERSION = 3;

/**
 * IndexedDB cannot index null or booleans, so alive-ness is written as a number beside the row
 * and stripped on read. `[_alive+updatedAt]` then orders alive (1) or deleted (0) rows by their
 * last update.
 */
export const ALIVE_FIELD = '_alive';
export const ALIVE_UPDATED_INDEX = '[_alive+updatedAt]';
/** The record doc's merged state, stored beside the row it derives from and stripped on read. */
export const STATE_FIELD = '_state';

export interface FieldIndex {
  /** Dexie index name: a field, or `[a+b]` for a compound index. */
  name: string;
  /** The row fields the index key is made of, in order. */
  fields: readonly string[];
  /** One index entry per array element: `has`/`hasAny` can use it. */
  multiEntry: boolean;
}

const field = (name: string): FieldIndex => ({ name, fields: [name], multiEntry: false });
const multi = (name: string): FieldIndex => ({ name, fields: [name], multiEntry: true });
const compound = (...fields: string[]): FieldIndex => ({ name: `[${fields.join('+')}]`, fields, multiEntry: false });

/** The foreign keys and filter fields each collection indexes (besides id, v and last update). */
export const FIELD_INDEXES: { readonly [C in Collection]: readonly FieldIndex[] } = {
  contacts: [field('companyId'), field('ownerId'), field('lifecycle')],
  companies: [field('parentId'), field('ownerId'), field('domain')],
  // The board reads a pipeline's deals by stage; a deal without a stage is not in the compound
  // index, so pipelineId alone has its own index.
  deals: [compound('pipelineId', 'stageId'), field('pipelineId'), field('stageId'), field('companyId'), field('ownerId'), multi('contactIds')],
  activities: [field('contactId'), field('companyId'), field('dealId'), field('ownerId'), field('dueAt')],
};

function dexieIndexSpec(index: FieldIndex): string {
  return index.multiEntry ? `*${index.name}` : index.name;
}

/** The Dexie store definitions of a layout version, one entry per table. */
export function dexieStores(version = SCHEMA_VERSION): Record<string, string> {
  // Version 3 changes what values hold, not the tables or indexes.
  const stores: Record<string, string> = {
    docs: 'docId',
    outbox: version >= 2 ? '++id, n' : '++id',
    meta: 'key',
  };
  for (const collection of COLLECTIONS) {
    stores[collection] = ['id', 'v', ALIVE_UPDATED_INDEX, ...FIELD_INDEXES[collection].map(dexieIndexSpec)].join(', ');
  }
  return stores;
}

export interface DocRecord {
  docId: string;
  state: Uint8Array;
}

/**
 * The updates one commit queued for the relay, stored as one value. An entry's id is
 * `group id × OUTBOX_GROUP_SPAN + its position`, so ids keep increasing in insertion order; an
 * acknowledged entry becomes null (the others keep their ids) and `n` counts those left. A group
 * with none left is deleted.
 */
export interface OutboxGroup {
  id?: number;
  entries: ({ docId: string; update: Uint8Array; createdAt: number } | null)[];
  n: number;
}

/** Entry ids per group; a group holds at most OUTBOX_GROUP_SIZE entries... */
export const OUTBOX_GROUP_SPAN = 1024;
export const OUTBOX_GROUP_SIZE = 1000;
/**
 * ...and about this many update bytes (a single larger update still makes a group alone).
 * Chromium stores a value over 64 KiB as a separate blob, registered synchronously with the
 * browser process: at dataset L, while IndexedDB was busy, issuing such a put blocked the page
 * for up to 286 ms.
 */
export const OUTBOX_GROUP_BYTES = 48 * 1024;

export interface MetaRecord {
  key: string;
  value: unknown;
}

export type EncodedRow = StoredRow & { [ALIVE_FIELD]: 0 | 1; [STATE_FIELD]?: Uint8Array };

/**
 * What a collection's table holds for a record doc whose row does not exist yet (a remote update
 * whose creation has not arrived): its state alone. It has no `_alive`, `v` or `updatedAt`, so
 * no index holds it, and every read that walks the primary key skips it.
 */
export interface StatePlaceholder {
  id: string;
  [STATE_FIELD]: Uint8Array;
}

export type StoredValue = EncodedRow | StatePlaceholder;

export function isPlaceholder(value: StoredValue): value is StatePlaceholder {
  return (value as Partial<EncodedRow>)[ALIVE_FIELD] === undefined;
}

/** Bytes stored exactly: a view into a larger buffer would otherwise store the whole buffer. */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * What the indexes rely on: `v` and `updatedAt` are index keys, and a row missing from
 * `[_alive+updatedAt]` or `v` would silently drop out of the cold-open list or catch-up.
 */
export function validateRow(collection: Collection, row: StoredRow): void {
  if (!isCollection(collection)) {
    throw new StoreError(StoreErrorCode.UnknownCollection, `Unknown collection "${String(collection)}".`);
  }
  const problem =
    typeof row?.id !== 'string' || row.id === '' ? 'a non-empty string id'
    : !Number.isFinite(row.v) ? 'a finite number v'
    : !Number.isFinite(row.updatedAt) ? 'a finite number updatedAt'
    : row.deletedAt !== null && !Number.isFinite(row.deletedAt) ? 'deletedAt null or a number'
    : undefined;
  if (problem) throw new StoreError(StoreErrorCode.Invalid, `A ${collection} row needs ${problem} to be stored.`);
}


export function encodeRow(row: StoredRow): EncodedRow {
  return { ...row, [ALIVE_FIELD]: row.deletedAt === null ? 1 : 0 };
}

export function decodeRow(stored: EncodedRow): StoredRow {
  const { [ALIVE_FIELD]: _alive, [STATE_FIELD]: _state, ...row } = stored;
  return row as StoredRow;
}

/** Whatever the engine hands back (a Uint8Array, a Node Buffer, another view), as a Uint8Array. */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array && value.constructor === Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  throw new TypeError('Stored bytes are not binary');
}

/**
 * Tables and indexes this version needs that the opened database lacks. Dexie opens a database
 * of a higher version than declared as it is, so a newer layout is only noticed here.
 */
export function missingLayout(idb: IDBDatabase): string[] {
  const present = Array.from(idb.objectStoreNames);
  const needed = Object.entries(dexieStores());
  const existing = needed.map(([table]) => table).filter((table) => present.includes(table));
  const tx = existing.length > 0 ? idb.transaction(existing, 'readonly') : undefined;
  const missing: string[] = [];
  for (const [table, spec] of needed) {
    if (!tx || !present.includes(table)) {
      missing.push(`table ${table}`);
      continue;
    }
    const indexNames = Array.from(tx.objectStore(table).indexNames);
    const wanted = spec.split(',').slice(1).map((part) => part.trim().replace(/^[*&]/, ''));
    for (const index of wanted) if (!indexNames.includes(index)) missing.push(`index ${table}.${index}`);
  }
  return missing;
}
