// The engine under the Store: which record docs are in memory, the one write path (change a
// doc, then store its new state, its row and its outbox entry in one atomic commit), remote
// updates for docs in memory or not, and the edits a collaborative text editor makes directly
// on a doc. The Store above it speaks in records; this file speaks in docs and plans.
import * as Y from 'yjs';
import {
  COLLECTIONS, WORKSPACE_DOC_ID, collaborativeFields, docIdOf, parseDocId, userDocId,
  type AnyRow, type Collection,
} from '@carnet/schema';
import { DocCache } from './doc-cache.ts';
import { StoreError, StoreErrorCode } from './errors.ts';
import type { Persistence, StoredRow } from './persistence.ts';
import {
  LOCAL_ORIGIN, REMOTE_ORIGIN, encodeStoredState, hasPending, isCreated, loadStoredState, newRecordDoc,
  notePendingUpdates, rowFromDoc, setDeleted, stamp, transactChanged, transactWithUpdate, writeFields, type Actor,
} from './record-doc.ts';
import type { ChangeOrigin, RemoteResult, RemoteUpdate, RowChange, StoreEvent } from './store-types.ts';
import { DELETED_KEY, type Snapshot, type UndoOp } from './undo.ts';

/** A doc and what to do to it in one write. */
export interface Plan {
  docId: string;
  collection?: Collection;
  id?: string;
  doc: Y.Doc;
  /** True when the doc came from memory (it must be dropped if the write fails). */
  cached: boolean;
  /** Keep the doc in the cache after a successful write (records being edited now). */
  keep?: boolean;
  /** A record created by this write: it has no previous row to read. */
  isNew?: boolean;
  /** Remote path: the update bytes as received. */
  remote?: { updates: Uint8Array[] };
  change: () => void;
}

/** How many docs a remote batch reads and commits at a time. */
const REMOTE_SLICE = 1_000;
/** Stored states read per request. */
const STATE_READ = 250;
/**
 * Work on docs between two yields to the host, in milliseconds: a long write (an import batch,
 * a catch-up) must leave the page responsive, i.e. no task near 50 ms, with room left for a
 * major garbage collection (20-47 ms at dataset L) landing in the same task.
 */
const WORK_SLICE_MS = 8;

/**
 * For a loop of long work: returns a function to call before each unit of it, which gives the
 * host a turn once WORK_SLICE_MS have passed since the last one (a promise to await), and
 * otherwise returns undefined (no await, so nothing else runs in between).
 */
export function workSlices(yieldToHost: () => Promise<void>): () => Promise<void> | undefined {
  let start = performance.now();
  return () => {
    if (performance.now() - start <= WORK_SLICE_MS) return undefined;
    return yieldToHost().then(() => {
      start = performance.now();
    });
  };
}

/** A write whose changes have run, ready to be committed (DocWriter.prepare). */
export interface PreparedWrite {
  plans: Plan[];
  origin: ChangeOrigin;
  docs: { docId: string; state: Uint8Array; create?: boolean }[];
  outbox: { docId: string; update: Uint8Array; createdAt: number }[];
  rowWrites: { plan: Plan; row: StoredRow; previous: AnyRow | undefined }[];
  touched: Plan[];
  localUpdates: Map<Plan, Uint8Array>;
  /** How many of a doc's unsaved editor updates this write sends (more may arrive meanwhile). */
  unsavedSent: Map<string, number>;
  otherDocs: string[];
}

/** Given a record's current values (fields + `$deleted`), what to write to it. */
export type RecordChangeFn = (current: Snapshot) => { fields: Record<string, unknown>; deleted?: boolean; mergedInto?: string };


export interface DocWriterOptions {
  persistence: Persistence;
  actor: Actor;
  now: () => number;
  yieldToHost: () => Promise<void>;
  maxCachedDocs: number;
  /** Runs a job after the store's queued writes (editor saves go through it). */
  serial: <T>(job: () => Promise<T>) => Promise<T>;
  emit: (event: StoreEvent) => void;
}

export class DocWriter {
  readonly #persistence: Persistence;
  readonly #actor: Actor;
  readonly #now: () => number;
  readonly #yield: () => Promise<void>;
  readonly #serial: DocWriterOptions['serial'];
  readonly #emit: DocWriterOptions['emit'];
  readonly #cache: DocCache;
  #workspace = new Y.Doc({ guid: WORKSPACE_DOC_ID });
  #userDoc = new Y.Doc();
  /** One Yjs client id for every doc this store session writes to (see newRecordDoc). */
  readonly #clientID = this.#workspace.clientID;
  #rowVersion = 0;
  readonly #collab = new Map<Collection, Set<string>>(COLLECTIONS.map((c) => [c, new Set(collaborativeFields(c))]));
  readonly #editorWatchers = new Map<string, (update: Uint8Array, origin: unknown) => void>();
  /** Editor edits (per doc id) that are in memory but not yet stored and queued for the relay. */
  readonly #unsaved = new Map<string, Uint8Array[]>();

  constructor(options: DocWriterOptions) {
    this.#persistence = options.persistence;
    this.#actor = options.actor;
    this.#now = options.now;
    this.#yield = options.yieldToHost;
    this.#serial = options.serial;
    this.#emit = options.emit;
    this.#cache = new DocCache(options.maxCachedDocs);
  }

  /** Loads the workspace and private docs and the row version counter. */
  async init(): Promise<void> {
    const [workspace, user] = await this.#persistence.getDocStates([WORKSPACE_DOC_ID, userDocId(this.#actor.userId)]);
    if (workspace) loadStoredState(this.#workspace, workspace);
    if (user) loadStoredState(this.#userDoc, user);
    this.#rowVersion = await this.#persistence.maxRowVersion();
  }

  get workspace(): Y.Doc {
    return this.#workspace;
  }

  get userDoc(): Y.Doc {
    return this.#userDoc;
  }

  /** Drops every record doc from memory (on close). */
  clear(): void {
    this.#cache.clear();
  }

  /** Field names holding collaborative text (Y.Text) in a collection's docs. */
  collaborativeFields(collection: Collection): ReadonlySet<string> {
    return this.#collab.get(collection)!;
  }

  /** A fresh record doc with this session's client id. */
  newDoc(docId: string, state?: Uint8Array): Y.Doc {
    return newRecordDoc(docId, state, this.#clientID);
  }

  inMemory(docId: string): boolean {
    return docId === WORKSPACE_DOC_ID || docId === userDocId(this.#actor.userId) || this.#cache.has(docId);
  }

  /** True when a doc is in memory or has editor edits not yet stored: remote state must be merged into it. */
  isBusy(docId: string): boolean {
    return this.inMemory(docId) || this.#unsaved.has(docId);
  }

  /** The next row version `v` (rows written outside `write`, e.g. by a snapshot import). */
  nextRowVersion(): number {
    return ++this.#rowVersion;
  }

  memoryDoc(docId: string): Y.Doc | undefined {
    if (docId === WORKSPACE_DOC_ID) return this.#workspace;
    if (docId === userDocId(this.#actor.userId)) return this.#userDoc;
    return this.#cache.get(docId);
  }

  async loadDoc(docId: string, keep = false): Promise<{ doc: Y.Doc; cached: boolean }> {
    const inMemory = this.memoryDoc(docId);
    if (inMemory) return { doc: inMemory, cached: true };
    const [state] = await this.#persistence.getDocStates([docId]);
    const doc = this.newDoc(docId, state);
    if (keep) this.#cache.set(docId, doc);
    return { doc, cached: keep };
  }

  /**
   * Applies `fn`'s field values to records (loading their docs), saves, emits, and returns the
   * inverse ops for undo. `fn` sees the record's current values (fields + `$deleted`).
   */
  async applyToRecords(
    collection: Collection,
    ids: readonly string[],
    origin: ChangeOrigin,
    fn: RecordChangeFn,
    options: { refuseDeleted?: boolean },
  ): Promise<{ rows: AnyRow[]; undo: UndoOp[] }> {
    const collab = this.#collab.get(collection)!;
    const plans: Plan[] = [];
    const undo: UndoOp[] = [];
    const docIds = ids.map((id) => docIdOf(collection, id));
    const missing = docIds.filter((d) => !this.#cache.has(d));
    const states = missing.length ? await this.#persistence.getDocStates(missing) : [];
    const stateOf = new Map(missing.map((d, i) => [d, states[i]]));
    for (const [i, id] of ids.entries()) {
      const docId = docIds[i];
      const cachedDoc = this.#cache.get(docId);
      const doc = cachedDoc ?? this.newDoc(docId, stateOf.get(docId));
      if (!isCreated(doc)) throw new StoreError(StoreErrorCode.NotFound, `No ${collection} record ${id}.`);
      const before = rowFromDoc(doc, id);
      const current: Snapshot = { ...before, [DELETED_KEY]: before.deletedAt !== null };
      if (options.refuseDeleted && before.deletedAt !== null) {
        throw new StoreError(StoreErrorCode.Deleted, `${collection} ${id} is deleted; restore it before editing.`);
      }
      const { fields, deleted, mergedInto } = fn(current);
      const changedKeys = Object.keys(fields).filter((k) => JSON.stringify(current[k] ?? null) !== JSON.stringify(fields[k] ?? null));
      const deletedChanges = deleted !== undefined && deleted !== current[DELETED_KEY];
      if (!changedKeys.length && !deletedChanges) continue;
      const op: UndoOp = { collection, id, before: {}, after: {} };
      for (const key of changedKeys) {
        op.before[key] = current[key] ?? null;
        op.after[key] = fields[key];
      }
      if (deletedChanges) {
        op.before[DELETED_KEY] = current[DELETED_KEY];
        op.after[DELETED_KEY] = deleted;
      }
      undo.push(op);
      const at = this.#now();
      plans.push({
        docId, collection, id, doc, cached: Boolean(cachedDoc), keep: ids.length <= 20,
        change: () => {
          writeFields(doc, Object.fromEntries(changedKeys.map((k) => [k, fields[k]])), collab);
          if (deletedChanges) setDeleted(doc, deleted ? at : null, { mergedInto: deleted ? (mergedInto ?? null) : null });
          stamp(doc, this.#actor, at);
        },
      });
    }
    const changes = await this.write(plans, origin);
    return { rows: changes.map((c) => c.row), undo };
  }

  /**
   * Applies remote updates, for docs in memory or not, in one commit per slice (call it from
   * the store's queue). A malformed entry is rejected and reported without blocking the others;
   * `meta` is stored with the last slice.
   */
  async applyRemote(updates: readonly RemoteUpdate[], meta?: { key: string; value: unknown }[]): Promise<RemoteResult> {
    const rejected: RemoteResult['rejected'] = [];
    const valid: RemoteUpdate[] = [];
    // Decoding 10,000 updates to check them takes tens of milliseconds: the page gets turns.
    const pause = workSlices(this.#yield);
    for (const entry of updates) {
      const turn = pause();
      if (turn) await turn;
      const problem = checkRemote(entry);
      if (problem) rejected.push({ docId: String(entry.docId), ...problem });
      else valid.push(entry);
    }
    const byDoc = new Map<string, Uint8Array[]>();
    for (const { docId, update } of valid) {
      const list = byDoc.get(docId) ?? [];
      list.push(update);
      byDoc.set(docId, list);
    }
    let applied = 0;
    const docIds = [...byDoc.keys()];
    if (!docIds.length && meta?.length) await this.#persistence.commit({ meta });
    for (let start = 0; start < docIds.length; start += REMOTE_SLICE) {
      const slice = docIds.slice(start, start + REMOTE_SLICE);
      const missing = slice.filter((id) => !this.inMemory(id));
      // Read in parts, since the browser hands a read's values over in one task (~40 ms for
      // 1,000 states), issued together so that they run side by side.
      const parts: Promise<(Uint8Array | undefined)[]>[] = [];
      for (let from = 0; from < missing.length; from += STATE_READ) parts.push(this.#persistence.getDocStates(missing.slice(from, from + STATE_READ)));
      const states = (await Promise.all(parts)).flat();
      const stateOf = new Map(missing.map((id, i) => [id, states[i]]));
      const plans = await this.#remotePlans(slice, byDoc, stateOf, rejected);
      let failed = 0;
      // One slice after another, not overlapped: at dataset L, preparing the next slice while
      // this one was stored made the whole apply slower (the page's work and IndexedDB's share
      // two cores with the garbage collector's threads).
      await this.write(plans, 'remote', true, start + REMOTE_SLICE >= docIds.length ? meta : undefined, (plan, error) => {
        failed++;
        rejected.push({ docId: plan.docId, code: StoreErrorCode.BadUpdate, message: `Update for ${plan.docId} could not be applied: ${String(error)}` });
      });
      applied += plans.length - failed;
    }
    return { applied, rejected };
  }

  /** The remote plans of a slice: each doc from memory or from its stored state, its updates to apply. */
  async #remotePlans(slice: string[], byDoc: Map<string, Uint8Array[]>, stateOf: Map<string, Uint8Array | undefined>, rejected: RemoteResult['rejected']): Promise<Plan[]> {
    const plans: Plan[] = [];
    // Loading a thousand stored states is tens of milliseconds: the page gets turns meanwhile.
    const pause = workSlices(this.#yield);
    for (const docId of slice) {
      const turn = pause();
      if (turn) await turn;
      const parsed = parseDocId(docId)!;
      const inMemory = this.inMemory(docId);
      let doc: Y.Doc;
      try {
        doc = inMemory ? this.memoryDoc(docId)! : this.newDoc(docId, stateOf.get(docId));
      } catch (cause) {
        rejected.push({ docId, code: StoreErrorCode.BadUpdate, message: `Stored state of ${docId} is unreadable: ${String(cause)}` });
        continue;
      }
      const updatesOfDoc = byDoc.get(docId)!;
      plans.push({
        docId, doc, cached: inMemory, remote: { updates: updatesOfDoc },
        collection: parsed.kind === 'record' ? parsed.collection : undefined,
        id: parsed.kind === 'record' ? parsed.id : undefined,
        change: () => {
          for (const update of updatesOfDoc) Y.applyUpdate(doc, update, REMOTE_ORIGIN);
        },
      });
    }
    return plans;
  }

  /**
   * Opens a record doc for a text editor binding (the one place where a Y.Doc leaves the store).
   * Edits the binding makes are saved, stamped and queued for the relay like any local change.
   * Call `release` when the editor closes.
   */
  async openDoc(collection: Collection, id: string): Promise<{ doc: Y.Doc; release: () => void }> {
    const docId = docIdOf(collection, id);
    // Loaded, cached and pinned in one queued job, so no write in between can evict it.
    const doc = await this.#serial(async () => {
      const { doc, cached } = await this.loadDoc(docId);
      if (!isCreated(doc)) {
        if (!cached) doc.destroy();
        throw new StoreError(StoreErrorCode.NotFound, `No ${collection} record ${id}.`);
      }
      // Pinned before it is cached: caching may evict, and never a pinned doc.
      this.#cache.pin(docId);
      if (!cached) this.#cache.set(docId, doc);
      return doc;
    });
    if (!this.#editorWatchers.has(docId)) {
      const watcher = (update: Uint8Array, origin: unknown) => {
        if (origin === LOCAL_ORIGIN || origin === REMOTE_ORIGIN) return;
        // Kept until a write stores it: whichever write of this doc runs next sends it too.
        const unsaved = this.#unsaved.get(docId) ?? [];
        unsaved.push(update);
        this.#unsaved.set(docId, unsaved);
        void this.#serial(() => this.#saveEditorEdit(collection, id, doc)).catch(() => {
          // The doc in memory is ahead of storage; the next successful save includes it.
        });
      };
      this.#editorWatchers.set(docId, watcher);
      doc.on('update', watcher);
    }
    let released = false;
    return {
      doc,
      release: () => {
        if (released) return;
        released = true;
        this.#cache.unpin(docId);
        if (!this.#cache.isPinned(docId)) {
          const watcher = this.#editorWatchers.get(docId);
          if (watcher) doc.off('update', watcher);
          this.#editorWatchers.delete(docId);
        }
      },
    };
  }

  /** Stamps and saves what an editor typed, unless a write since has already saved it. */
  async #saveEditorEdit(collection: Collection, id: string, doc: Y.Doc): Promise<void> {
    const docId = docIdOf(collection, id);
    if (!this.#unsaved.has(docId)) return;
    const at = this.#now();
    await this.write([{ docId, collection, id, doc, cached: true, change: () => stamp(doc, this.#actor, at) }], 'local');
  }

  /**
   * The one write path. Runs each plan's change in a transaction, then saves all new states,
   * rows and (for local changes) outbox entries in one atomic commit, then emits. If the commit
   * fails, docs changed in memory are dropped so the next read reloads what is really stored.
   */
  async write(
    plans: Plan[],
    origin: ChangeOrigin,
    yieldBetween = false,
    meta?: { key: string; value: unknown }[],
    onApplyError?: (plan: Plan, error: unknown) => void,
  ): Promise<RowChange[]> {
    return this.commitPrepared(await this.prepare(plans, origin, yieldBetween, onApplyError), meta);
  }

  /**
   * The first half of `write`: runs the changes and builds what the commit stores, without
   * touching storage. Only creations of new docs may be prepared outside the store's queue
   * (nothing else can see those docs yet): an import then builds its next batch while the
   * previous one is being committed.
   */
  async prepare(plans: Plan[], origin: ChangeOrigin, yieldBetween = false, onApplyError?: (plan: Plan, error: unknown) => void): Promise<PreparedWrite> {
    const isRemote = origin === 'remote';
    const docs: { docId: string; state: Uint8Array; create?: boolean }[] = [];
    const outbox: { docId: string; update: Uint8Array; createdAt: number }[] = [];
    const rowWrites: { plan: Plan; row: StoredRow; previous: AnyRow | undefined }[] = [];
    const touched: Plan[] = [];
    const localUpdates = new Map<Plan, Uint8Array>();
    /** How many of a doc's unsaved editor updates this write sends (more may arrive meanwhile). */
    const unsavedSent = new Map<string, number>();
    const otherDocs: string[] = [];
    const createdAt = this.#now();
    // A big write's first slice starts with a turn: what ran before in this task (the caller's
    // work, validation, building the plans) would count towards the same task.
    if (yieldBetween && plans.length > 50) await this.#yield();
    const pause = workSlices(this.#yield);
    for (const plan of plans) {
      const turn = yieldBetween ? pause() : undefined;
      if (turn) await turn;
      let update: Uint8Array | null;
      let changed: boolean;
      // The row before the change, read from the doc itself (no storage round trip).
      const previous = plan.collection && plan.id && !plan.isNew && isCreated(plan.doc) ? rowFromDoc(plan.doc, plan.id) : undefined;
      try {
        if (isRemote) {
          changed = transactChanged(plan.doc, REMOTE_ORIGIN, plan.change);
          update = null;
        } else {
          update = transactWithUpdate(plan.doc, LOCAL_ORIGIN, plan.change);
          changed = update !== null;
        }
      } catch (error) {
        this.#forget(plan);
        if (onApplyError) {
          onApplyError(plan, error);
          continue;
        }
        throw new StoreError(StoreErrorCode.BadUpdate, `Could not apply a change to ${plan.docId}: ${String(error)}`, { cause: error });
      }
      touched.push(plan);
      if (update) localUpdates.set(plan, update);
      // A remote update can be pending (its dependencies not yet here): no event fired, but
      // the state (which includes pending structs) changed and must be kept.
      if (plan.remote) notePendingUpdates(plan.doc, plan.remote.updates);
      const pending = isRemote && hasPending(plan.doc);
      const unsaved = this.#unsaved.get(plan.docId);
      if (!changed && !pending && !unsaved) continue;
      // A new record's creation update is its whole state: no need to encode it again. Storage
      // refuses it if the doc exists (ids given by a caller can clash), so nothing is overwritten.
      docs.push(plan.isNew
        ? { docId: plan.docId, state: update && !unsaved ? update : encodeStoredState(plan.doc), create: true }
        : { docId: plan.docId, state: encodeStoredState(plan.doc) });
      if (unsaved) unsavedSent.set(plan.docId, unsaved.length);
      const toSend = [...(unsaved ?? []), ...(update ? [update] : [])];
      if (toSend.length) outbox.push({ docId: plan.docId, update: toSend.length === 1 ? toSend[0] : Y.mergeUpdates(toSend), createdAt });
      if (plan.collection && plan.id) {
        // Its version `v` is given at commit time, in commit order.
        if (changed && isCreated(plan.doc)) rowWrites.push({ plan, row: { ...rowFromDoc(plan.doc, plan.id), v: 0 }, previous });
      } else if (changed) {
        otherDocs.push(plan.docId);
      }
    }
    return { plans, origin, docs, outbox, rowWrites, touched, localUpdates, unsavedSent, otherDocs };
  }

  /** The second half of `write` (run it in the store's queue): stores a prepared write, then emits. */
  async commitPrepared(prepared: PreparedWrite, meta?: { key: string; value: unknown }[]): Promise<RowChange[]> {
    const { plans, origin, docs, outbox, rowWrites, touched, unsavedSent, otherDocs } = prepared;
    for (const write of rowWrites) write.row.v = ++this.#rowVersion;
    try {
      await this.#persistence.commit({
        docs,
        rows: rowWrites.map(({ plan, row }) => ({ collection: plan.collection!, row })),
        outbox,
        meta,
      });
    } catch (error) {
      this.#discard(prepared);
      throw error instanceof StoreError ? error : new StoreError(StoreErrorCode.StorageFailed, `Could not save: ${String(error)}`, { cause: error });
    }
    for (const plan of plans) if (!plan.cached && !plan.keep) plan.doc.destroy();
    for (const plan of touched) if (plan.keep && !plan.cached) this.#cache.set(plan.docId, plan.doc);
    // An editor may have typed while the commit ran: those updates are neither in the stored
    // state nor in the outbox yet, so they stay unsaved for the editor's queued save.
    for (const plan of touched) {
      const left = this.#unsaved.get(plan.docId)?.slice(unsavedSent.get(plan.docId) ?? 0);
      if (left?.length) this.#unsaved.set(plan.docId, left);
      else this.#unsaved.delete(plan.docId);
    }
    const changes: RowChange[] = rowWrites.map(({ plan, row, previous }) => ({
      collection: plan.collection!, id: plan.id!, row: stripVersion(row), previous, origin, version: row.v,
    }));
    if (changes.length || otherDocs.length) this.#emit({ origin, rows: changes, docs: otherDocs });
    return changes;
  }

  /** Drops a prepared write that will not be stored: each doc it changed is forgotten. */
  #discard(prepared: PreparedWrite): void {
    for (const plan of prepared.touched) this.#forget(plan, prepared.localUpdates.get(plan));
    for (const plan of prepared.plans) if (!plan.cached) plan.doc.destroy();
  }

  /**
   * After a failed change, memory must not stay ahead of storage: the doc is dropped and
   * reloaded from storage next time. A doc an editor holds open cannot be dropped; its
   * change is kept as unsaved instead and goes out with the next successful write.
   */
  #forget(plan: Plan, update?: Uint8Array | null): void {
    if (plan.docId === WORKSPACE_DOC_ID || plan.docId === userDocId(this.#actor.userId)) {
      void this.#reloadSpecialDoc(plan.docId);
    } else if (this.#cache.isPinned(plan.docId)) {
      if (update) this.#unsaved.set(plan.docId, [...(this.#unsaved.get(plan.docId) ?? []), update]);
    } else {
      this.#cache.drop(plan.docId);
    }
  }

  async #reloadSpecialDoc(docId: string): Promise<void> {
    const [state] = await this.#persistence.getDocStates([docId]);
    const fresh = new Y.Doc({ guid: docId });
    if (state) loadStoredState(fresh, state);
    // After loading, as in newRecordDoc: our own items arriving first would make Yjs pick another id.
    fresh.clientID = this.#clientID;
    if (docId === WORKSPACE_DOC_ID) this.#workspace = fresh;
    else this.#userDoc = fresh;
  }

}

export function stripVersion(row: StoredRow | AnyRow): AnyRow {
  const { v: _v, ...rest } = row as StoredRow;
  return rest;
}


/** Validates a remote entry before it touches any doc. */
function checkRemote(entry: RemoteUpdate): { code: StoreErrorCode; message: string } | undefined {
  if (typeof entry.docId !== 'string' || !parseDocId(entry.docId)) {
    return { code: StoreErrorCode.BadDocId, message: `"${String(entry.docId)}" is not a Carnet doc id.` };
  }
  if (!(entry.update instanceof Uint8Array) || entry.update.length < 2) {
    return { code: StoreErrorCode.BadUpdate, message: `The update for ${entry.docId} is empty or not bytes.` };
  }
  try {
    Y.decodeUpdate(entry.update);
  } catch (error) {
    return { code: StoreErrorCode.BadUpdate, message: `The update for ${entry.docId} is malformed: ${String(error)}` };
  }
  return undefined;
}

