// One Y.Doc per record. Its root Y.Map `fields` maps field name to value (collaborative text
// as a nested Y.Text); its root Y.Map `meta` holds creation, deletion and the edit stamp.
//
// Every local transaction ends by setting `meta.edit = {at, by, device}`. Because a client's
// clock grows with each item it creates, the items of one transaction all have clocks below
// that stamp's and above the previous stamp of the same client: that is how history finds
// who changed a field and when, from the document alone (docs keep deleted content: gc off).
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AnyRow, RowMeta } from '@carnet/schema';

export const FIELDS = 'fields';
export const META = 'meta';

/** Transaction origin of the store's own edits (never re-broadcast as remote). */
export const LOCAL_ORIGIN = 'carnet:local';
export const REMOTE_ORIGIN = 'carnet:remote';

export interface Actor {
  userId: string;
  deviceId: string;
}

export interface EditStamp {
  at: number;
  by: string;
  device: string;
}

/**
 * Record docs keep deleted content so that history can show old values. The guid is the doc id
 * (a random one costs a crypto call per doc); `clientID` is the store session's, shared by
 * all its docs: it is unique per session, and the store writes to a doc only after loading
 * its full stored state, so its clock for that client always continues where it stopped.
 */
export function newRecordDoc(docId: string, stored?: Uint8Array, clientID?: number): Y.Doc {
  const doc = new Y.Doc({ gc: false, guid: docId });
  if (stored) loadStoredState(doc, stored);
  // Set after loading: Yjs takes our own items arriving in a remote transaction as a clash
  // and would pick another id.
  if (clientID !== undefined) doc.clientID = clientID;
  return doc;
}

// ---- stored state and pending updates ------------------------------------------------------
//
// An update whose dependencies have not arrived yet stays "pending" inside the doc. Yjs can
// encode pending structs into the doc state, but it does so by merging them, which leaves Skip
// structs for the gaps; once such a state is stored and reloaded, Yjs never integrates the
// structs after a Skip, even when the missing update arrives (seed 56433 of the convergence
// fuzz). So a doc with pending updates is stored as its integrated state plus the pending
// updates exactly as received, and they are applied one by one when the doc is loaded.

/** An empty Yjs update (two zero bytes) followed by "CPND": never a state Yjs itself writes. */
const PENDING_MAGIC = [0, 0, 0x43, 0x50, 0x4e, 0x44];
const pendingUpdates = new WeakMap<Y.Doc, Uint8Array[]>();

export function hasPending(doc: Y.Doc): boolean {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  return Boolean(store.pendingStructs || store.pendingDs);
}

function isPendingBundle(bytes: Uint8Array): boolean {
  return bytes.length > PENDING_MAGIC.length && PENDING_MAGIC.every((b, i) => bytes[i] === b);
}

/** The Yjs updates a stored state consists of: one, or the integrated state then the pending ones. */
export function decodeStoredState(bytes: Uint8Array): Uint8Array[] {
  if (!isPendingBundle(bytes)) return [bytes];
  const decoder = decoding.createDecoder(bytes.subarray(PENDING_MAGIC.length));
  const count = decoding.readVarUint(decoder);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) parts.push(decoding.readVarUint8Array(decoder));
  return parts;
}

/** Records the remote updates just applied to a doc while it still has pending structs. */
export function notePendingUpdates(doc: Y.Doc, applied: readonly Uint8Array[]): void {
  if (hasPending(doc)) pendingUpdates.set(doc, [...(pendingUpdates.get(doc) ?? []), ...applied]);
  else pendingUpdates.delete(doc);
}

/** The bytes to store for a doc (see above). */
export function encodeStoredState(doc: Y.Doc): Uint8Array {
  const pending = pendingUpdates.get(doc);
  if (!pending || !hasPending(doc)) return Y.encodeStateAsUpdate(doc);
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  const { pendingStructs, pendingDs } = store;
  let integrated: Uint8Array;
  try {
    store.pendingStructs = null;
    store.pendingDs = null;
    integrated = Y.encodeStateAsUpdate(doc);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, Uint8Array.from(PENDING_MAGIC));
  encoding.writeVarUint(encoder, pending.length + 1);
  encoding.writeVarUint8Array(encoder, integrated);
  for (const update of pending) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * Applies a stored state (plain, or integrated state plus pending updates) to a doc, the
 * pending updates one by one, and remembers those still pending for the next save.
 */
export function loadStoredState(doc: Y.Doc, stored: Uint8Array): void {
  const parts = decodeStoredState(stored);
  for (const part of parts) Y.applyUpdate(doc, part, REMOTE_ORIGIN);
  if (parts.length > 1 && hasPending(doc)) pendingUpdates.set(doc, parts.slice(1));
}

/** A plain Yjs update of a stored state (for peers and sync), whatever its storage form. */
export function storedStateAsUpdate(bytes: Uint8Array): Uint8Array {
  return isPendingBundle(bytes) ? Y.mergeUpdates(decodeStoredState(bytes)) : bytes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces a Y.Text's content by editing only the changed middle, so concurrent typing merges. */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endCur = current.length;
  let endNext = next.length;
  while (endCur > start && endNext > start && current.charCodeAt(endCur - 1) === next.charCodeAt(endNext - 1)) {
    endCur--;
    endNext--;
  }
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (endCur < current.length && isLowSurrogate(current.charCodeAt(endCur))) {
    endCur++;
    endNext++;
  }
  if (endCur > start) text.delete(start, endCur - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Writes validated field values into the doc (inside the caller's transaction). Values equal to
 * the current ones are skipped so that no-op saves create no update. Returns the changed fields.
 */
export function writeFields(doc: Y.Doc, values: Record<string, unknown>, collaborative: ReadonlySet<string>): string[] {
  const fields = doc.getMap<unknown>(FIELDS);
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const current = fields.get(key);
    if (collaborative.has(key)) {
      const nextText = typeof value === 'string' ? value : '';
      if (current instanceof Y.Text) {
        if (current.toString() !== nextText) {
          replaceText(current, nextText);
          changed.push(key);
        }
      } else {
        fields.set(key, new Y.Text(nextText));
        changed.push(key);
      }
      continue;
    }
    if (fields.has(key) && sameValue(current, value)) continue;
    fields.set(key, value);
    changed.push(key);
  }
  return changed;
}

export function stamp(doc: Y.Doc, actor: Actor, at: number): void {
  doc.getMap<unknown>(META).set('edit', { at, by: actor.userId, device: actor.deviceId } satisfies EditStamp);
}

export function markCreated(doc: Y.Doc, actor: Actor, at: number): void {
  const meta = doc.getMap<unknown>(META);
  meta.set('createdAt', at);
  meta.set('createdBy', actor.userId);
}

export function setDeleted(doc: Y.Doc, deletedAt: number | null, extra: Record<string, unknown> = {}): void {
  const meta = doc.getMap<unknown>(META);
  meta.set('deletedAt', deletedAt);
  for (const [key, value] of Object.entries(extra)) meta.set(key, value);
}

export function isCreated(doc: Y.Doc): boolean {
  return doc.getMap(META).has('createdAt');
}

/** The row of a record doc: `fields` as JSON plus id and metadata. */
export function rowFromDoc(doc: Y.Doc, id: string): AnyRow {
  const meta = doc.getMap<unknown>(META);
  const edit = meta.get('edit') as EditStamp | undefined;
  const createdAt = (meta.get('createdAt') as number | undefined) ?? edit?.at ?? 0;
  const row = assembleRow(doc.getMap(FIELDS).toJSON() as Record<string, unknown>, {
    id,
    createdAt,
    createdBy: (meta.get('createdBy') as string | undefined) ?? null,
    updatedAt: edit?.at ?? createdAt,
    updatedBy: edit?.by ?? null,
    deletedAt: (meta.get('deletedAt') as number | null | undefined) ?? null,
  });
  const mergedInto = meta.get('mergedInto');
  if (typeof mergedInto === 'string') row.mergedInto = mergedInto;
  return row;
}

/**
 * A row from a record's fields and metadata. Fields go in name order, not in the order peers
 * happened to set them: rows of a collection then share a few object shapes instead of one
 * each, which makes reading them (lists, reports over 200,000 rows) several times faster,
 * and their JSON deterministic.
 */
export function assembleRow(fields: Record<string, unknown>, meta: RowMeta): AnyRow {
  const row = {} as AnyRow;
  for (const key of Object.keys(fields).sort()) row[key] = fields[key];
  row.id = meta.id;
  row.createdAt = meta.createdAt;
  row.createdBy = meta.createdBy;
  row.updatedAt = meta.updatedAt;
  row.updatedBy = meta.updatedBy;
  row.deletedAt = meta.deletedAt;
  return row;
}

/**
 * Runs `fn` in one transaction and tells whether it changed anything, without encoding the
 * transaction's update (the remote path needs the new state, not the diff).
 */
export function transactChanged(doc: Y.Doc, origin: unknown, fn: () => void): boolean {
  let changed = false;
  const listener = (tr: Y.Transaction) => {
    if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) changed = true;
  };
  doc.on('afterTransaction', listener);
  try {
    doc.transact(fn, origin);
  } finally {
    doc.off('afterTransaction', listener);
  }
  return changed;
}

/**
 * Runs `fn` in one transaction and returns the update it produced (its new items and its
 * deletions), or null when it changed nothing.
 */
export function transactWithUpdate(doc: Y.Doc, origin: unknown, fn: () => void): Uint8Array | null {
  let update: Uint8Array | null = null;
  const listener = (u: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  };
  doc.on('update', listener);
  try {
    doc.transact(fn, origin);
  } finally {
    doc.off('update', listener);
  }
  return update;
}
