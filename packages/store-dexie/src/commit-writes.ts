// How a store commit becomes IndexedDB requests: which value goes to which table (a record doc's
// state rides in its row), and how the requests are issued in one read-write transaction without
// blocking the page. Reads that a write depends on (an outbox group being acknowledged, a row
// whose state must be kept) are done inside the same transaction.
import type { Collection } from '@carnet/schema';
import { docIdOf, parseDocId } from '@carnet/schema';
import { alreadyExists, type Commit } from '@carnet/store';
import {
  encodeRow,
  isPlaceholder,
  OUTBOX_GROUP_BYTES,
  OUTBOX_GROUP_SIZE,
  OUTBOX_GROUP_SPAN,
  ownBytes,
  STATE_FIELD,
  validateRow,
  type DocRecord,
  type EncodedRow,
  type MetaRecord,
  type OutboxGroup,
  type StatePlaceholder,
  type StoredValue,
} from './tables.ts';

/** One request of a commit, or a read followed by the write that depends on it. */
export type Write =
  | { table: string; kind: 'put' | 'delete'; value: unknown }
  /** Refused when the key is taken: the commit fails, with already_exists when `docId` is given. */
  | { table: string; kind: 'add'; value: unknown; docId?: string }
  /** Reads an outbox group and nulls the acknowledged positions, deleting it when none are left. */
  | { table: 'outbox'; kind: 'ack'; value: { group: number; positions: number[] } }
  /** A row without its doc's state in this commit: the stored state is kept. */
  | { table: Collection; kind: 'keep-state'; value: EncodedRow }
  /** A record doc's state without its row: set on the stored row, or stored as a placeholder. */
  | { table: Collection; kind: 'state'; value: { id: string; docId: string; state: Uint8Array; create: boolean } };

/** The writes of a commit and the tables its transaction spans. Throws StoreError on a bad row. */
export function planWrites(commit: Commit): { tables: string[]; writes: Write[] } {
  const states = new Map<string, { collection: Collection; id: string; docId: string; state: Uint8Array; create: boolean }>();
  const tables = new Set<string>();
  const writes: Write[] = [];
  for (const { docId, state, create } of commit.docs ?? []) {
    const parsed = parseDocId(docId);
    if (parsed?.kind === 'record') {
      // Written with its row below when the commit has it, else on its own.
      states.set(docId, { collection: parsed.collection, id: parsed.id, docId, state: ownBytes(state), create: create === true });
      continue;
    }
    tables.add('docs');
    const record: DocRecord = { docId, state: ownBytes(state) };
    writes.push(create ? { table: 'docs', kind: 'add', value: record, docId } : { table: 'docs', kind: 'put', value: record });
  }
  for (const { collection, row } of commit.rows ?? []) {
    validateRow(collection, row);
    tables.add(collection);
    const encoded = encodeRow(row);
    const docId = docIdOf(collection, row.id);
    const paired = states.get(docId);
    if (!paired) {
      writes.push({ table: collection, kind: 'keep-state', value: encoded });
      continue;
    }
    states.delete(docId);
    encoded[STATE_FIELD] = paired.state;
    // A doc that must be new is added: IndexedDB refuses an existing key (a row, or the
    // placeholder of a doc without one), which aborts the commit.
    writes.push(paired.create ? { table: collection, kind: 'add', value: encoded, docId } : { table: collection, kind: 'put', value: encoded });
  }
  for (const { collection, id, docId, state, create } of states.values()) {
    tables.add(collection);
    writes.push({ table: collection, kind: 'state', value: { id, docId, state, create } });
  }
  for (const group of outboxGroups(commit.outbox ?? [])) {
    tables.add('outbox');
    writes.push({ table: 'outbox', kind: 'add', value: group });
  }
  for (const [group, positions] of ackedPositions(commit.acked ?? [])) {
    tables.add('outbox');
    writes.push({ table: 'outbox', kind: 'ack', value: { group, positions } });
  }
  for (const { key, value } of commit.meta ?? []) {
    tables.add('meta');
    writes.push({ table: 'meta', kind: 'put', value: { key, value } satisfies MetaRecord });
  }
  return { tables: [...tables], writes };
}

/** A commit's updates for the relay, as groups of at most OUTBOX_GROUP_SIZE entries and about OUTBOX_GROUP_BYTES. */
function outboxGroups(entries: NonNullable<Commit['outbox']>): OutboxGroup[] {
  const groups: OutboxGroup[] = [];
  let bytes = 0;
  for (const { docId, update, createdAt } of entries) {
    let group = groups[groups.length - 1];
    if (!group || group.entries.length >= OUTBOX_GROUP_SIZE || (group.n > 0 && bytes + update.byteLength > OUTBOX_GROUP_BYTES)) {
      groups.push((group = { entries: [], n: 0 }));
      bytes = 0;
    }
    group.entries.push({ docId, update: ownBytes(update), createdAt });
    group.n++;
    bytes += update.byteLength + docId.length + 16;
  }
  return groups;
}

/** Acknowledged entry ids by outbox group; ids that cannot be entries are ignored. */
function ackedPositions(ids: readonly number[]): Map<number, number[]> {
  const acked = new Map<number, number[]>();
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id < 0) continue;
    const group = Math.floor(id / OUTBOX_GROUP_SPAN);
    let positions = acked.get(group);
    if (!positions) acked.set(group, (positions = []));
    positions.push(id % OUTBOX_GROUP_SPAN);
  }
  return acked;
}

/**
 * Requests issued in one task. A commit of an import batch is thousands of requests, and
 * issuing one clones its value on the page's thread: the rest are issued from the success
 * callback of each run's last request (the transaction stays active there), so a large
 * commit is many short tasks instead of one long one, and still one transaction.
 */
const REQUESTS_PER_TASK = 80;
/**
 * A big value counts as several requests (one per this many bytes, about): the search snapshot
 * is stored in parts of hundreds of kilobytes, and issuing all of them in one task blocked the
 * page for 253 ms at dataset L (Chromium copies a value over 64 KiB into a blob as it is issued).
 */
const BYTES_PER_REQUEST = 4_096;

/** How many requests' worth of the page's time issuing a write costs. */
function weightOf(write: Write): number {
  if (write.kind === 'ack' || write.kind === 'delete') return 1;
  if (write.kind === 'state') return 1 + Math.floor(write.value.state.byteLength / BYTES_PER_REQUEST);
  if (write.table === 'meta') {
    const { value } = write.value as MetaRecord;
    return typeof value === 'string' ? 1 + Math.floor((2 * value.length) / BYTES_PER_REQUEST) : 1;
  }
  if (write.table === 'outbox') {
    const group = write.value as OutboxGroup;
    return 1 + Math.floor(group.entries.reduce((sum, entry) => sum + (entry?.update.byteLength ?? 0), 0) / BYTES_PER_REQUEST);
  }
  const state = (write.value as Partial<EncodedRow>)[STATE_FIELD];
  return state ? 1 + Math.floor(state.byteLength / BYTES_PER_REQUEST) : 1;
}

/** Nulls the acknowledged entries of a group just read, then stores it or, when none are left, deletes it. */
function settleAck(store: IDBObjectStore, group: OutboxGroup | undefined, key: number, positions: readonly number[]): void {
  if (!group) return; // acknowledged twice: already gone
  for (const position of positions) if (position < group.entries.length) group.entries[position] = null;
  group.n = group.entries.reduce((n, entry) => n + (entry ? 1 : 0), 0);
  if (group.n === 0) store.delete(key);
  else store.put(group);
}

/** Stores a row, keeping the state of the doc already stored with it (or in its placeholder). */
function settleKeepState(store: IDBObjectStore, stored: StoredValue | undefined, row: EncodedRow): void {
  const state = stored?.[STATE_FIELD];
  store.put(state ? { ...row, [STATE_FIELD]: state } : row);
}

/** Sets a doc's state on its stored row, or stores it as a placeholder; a create refuses an existing doc. */
function settleState(store: IDBObjectStore, stored: StoredValue | undefined, write: { id: string; docId: string; state: Uint8Array; create: boolean }): void {
  if (write.create && stored?.[STATE_FIELD]) throw alreadyExists(write.docId);
  const placeholder: StatePlaceholder = { id: write.id, [STATE_FIELD]: write.state };
  store.put(stored && !isPlaceholder(stored) ? { ...stored, [STATE_FIELD]: write.state } : placeholder);
}

/**
 * The commit's writes in one read-write transaction on the raw IndexedDB database (Dexie's
 * bulk operations cost about as much again as the requests themselves, measured at dataset L
 * in Chromium). Any failing request aborts the whole transaction, so nothing of it is stored.
 * `failure` (a test hook) aborts it after every write has succeeded.
 */
export function writeAll(db: IDBDatabase, tables: string[], writes: readonly Write[], failure: Error | null): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(tables, 'readwrite');
    } catch (error) {
      reject(error);
      return;
    }
    let reason: unknown = null;
    const abort = (error: unknown) => {
      reason ??= error;
      try {
        tx.abort();
      } catch {
        reject(reason); // already finished or aborting: onabort may never come
      }
    };
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(reason ?? tx.error ?? new DOMException('The save was aborted.', 'AbortError'));
    const stores = new Map(tables.map((table) => [table, tx.objectStore(table)]));
    /** Reads the value at `key`, then runs `settle` with it (a failure aborts the commit). */
    const readThen = <T>(store: IDBObjectStore, key: IDBValidKey, settle: (value: T | undefined) => void): IDBRequest => {
      const read = store.get(key);
      read.onsuccess = () => {
        try {
          settle(read.result as T | undefined);
        } catch (error) {
          abort(error);
        }
      };
      return read;
    };
    let next = 0;
    const issue = () => {
      try {
        let last: IDBRequest | undefined;
        // At least one write per task, then as many as fit in REQUESTS_PER_TASK.
        for (let spent = 0; next < writes.length; next++) {
          const write = writes[next];
          const weight = weightOf(write);
          if (spent > 0 && spent + weight > REQUESTS_PER_TASK) break;
          spent += weight;
          const store = stores.get(write.table)!;
          let request: IDBRequest;
          switch (write.kind) {
            case 'ack': {
              const { group, positions } = write.value;
              request = readThen<OutboxGroup>(store, group, (stored) => settleAck(store, stored, group, positions));
              break;
            }
            case 'keep-state': {
              const row = write.value;
              request = readThen<StoredValue>(store, row.id, (stored) => settleKeepState(store, stored, row));
              break;
            }
            case 'state': {
              const value = write.value;
              request = readThen<StoredValue>(store, value.id, (stored) => settleState(store, stored, value));
              break;
            }
            case 'add': {
              const add = store.add(write.value);
              const { docId } = write;
              if (docId) {
                add.onerror = () => {
                  if (add.error?.name === 'ConstraintError') reason ??= alreadyExists(docId);
                };
              }
              request = add;
              break;
            }
            case 'put':
              request = store.put(write.value);
              break;
            case 'delete':
              request = store.delete(write.value as IDBValidKey);
              break;
          }
          last = request;
        }
        // Chained after the request's own success handler (a read's dependent write), if it has one.
        const then = (request: IDBRequest, step: () => void) => {
          const own = request.onsuccess;
          request.onsuccess = (event) => {
            own?.call(request, event);
            step();
          };
        };
        if (next < writes.length) then(last!, issue);
        else if (failure && last) then(last, () => abort(failure));
        else if (failure) abort(failure);
      } catch (error) {
        abort(error); // a value that cannot be cloned, a closing database
      }
    };
    issue();
  });
}
