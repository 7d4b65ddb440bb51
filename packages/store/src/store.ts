// The local-first store: records as one Y.Doc each (the CRDT tier) and a plain row per record
// (the row tier), kept in step. Every local change is validated, applied to its doc, and saved
// in one atomic commit together with the new doc state, the new row and an outbox entry for
// the relay; remote updates take the same path minus the outbox. Callers speak in records.
import * as Y from 'yjs';
import {
  COLLECTIONS, WORKSPACE_DOC_ID, collaborativeFields, describeIssues, docIdOf, isCollection, isId, newId,
  parseDocId, userDocId, validateFields,
  type AnyRow, type Collection, type CustomFieldDef, type Member, type Pipeline, type Settings, type Tag,
} from '@carnet/schema';
import { DocCache } from './doc-cache.ts';
import { StoreError, StoreErrorCode } from './errors.ts';
import { recordHistory, type HistoryEntry } from './history.ts';
import type { OutboxEntry, Persistence, StoredRow } from './persistence.ts';
import type { QueryResult, RowQuery } from './query.ts';
import {
  LOCAL_ORIGIN, REMOTE_ORIGIN, isCreated, markCreated, newRecordDoc, rowFromDoc, setDeleted, stamp,
  transactChanged, transactWithUpdate, writeFields, encodeStoredState, hasPending, notePendingUpdates,
  storedStateAsUpdate, decodeStoredState, type Actor,
} from './record-doc.ts';
import { DELETED_KEY, UndoStack, revertValues, type Snapshot, type UndoOp, type UndoStep } from './undo.ts';
import {
  prepareWorkspaceOp, readCustomFields, readMembers, readPipelines, readSettings, readTags, type WorkspaceOp,
} from './workspace-doc.ts';
import { findDuplicates, planMerge, type DuplicatePair, type MergeChoice } from './duplicates.ts';

export type ChangeOrigin = 'local' | 'remote' | 'undo' | 'redo';

export interface RowChange {
  collection: Collection;
  id: string;
  row: AnyRow;
  previous: AnyRow | undefined;
  origin: ChangeOrigin;
  /** The row's local version `v` (increasing with every row write of this store). */
  version: number;
}

export interface StoreEvent {
  origin: ChangeOrigin;
  rows: RowChange[];
  /** Docs other than records that changed: `workspace`, `users/<id>`. */
  docs: string[];
}

export interface StoreOptions {
  persistence: Persistence;
  actor: Actor;
  /** Epoch milliseconds; injectable so tests drive time. */
  now?: () => number;
  /** Record docs kept in memory at most (pinned docs excepted). */
  maxCachedDocs?: number;
  /** Lets the host breathe during long operations (bulk create, big remote batches). */
  yieldToHost?: () => Promise<void>;
}

export interface RemoteUpdate {
  docId: string;
  update: Uint8Array;
}

export interface RemoteResult {
  applied: number;
  rejected: { docId: string; code: StoreErrorCode; message: string }[];
}

/** A doc and what to do to it in one write. */
interface Plan {
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

/** How many docs to process between two yields to the host. */
const WORK_SLICE = 200;

/** Given a record's current values (fields + `$deleted`), what to write to it. */
type RecordChangeFn = (current: Snapshot) => { fields: Record<string, unknown>; deleted?: boolean; mergedInto?: string };

export class Store {
  readonly actor: Actor;
  readonly persistence: Persistence;
  #now: () => number;
  #yield: () => Promise<void>;
  #cache: DocCache;
  #workspace = new Y.Doc({ guid: WORKSPACE_DOC_ID });
  #userDoc = new Y.Doc();
  /** One Yjs client id for every doc this store session writes to (see newRecordDoc). */
  #clientID = this.#workspace.clientID;
  #queue: Promise<unknown> = Promise.resolve();
  #listeners = new Set<(event: StoreEvent) => void>();
  #rowVersion = 0;
  #undo = new UndoStack();
  #collab = new Map<Collection, Set<string>>(COLLECTIONS.map((c) => [c, new Set(collaborativeFields(c))]));
  #closed = false;
  #editorWatchers = new Map<string, (update: Uint8Array, origin: unknown) => void>();
  /** Editor edits (per doc id) that are in memory but not yet stored and queued for the relay. */
  #unsaved = new Map<string, Uint8Array[]>();

  private constructor(options: StoreOptions) {
    this.actor = options.actor;
    this.persistence = options.persistence;
    this.#now = options.now ?? (() => Date.now());
    this.#yield = options.yieldToHost ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    this.#cache = new DocCache(options.maxCachedDocs ?? 500);
  }

  static async open(options: StoreOptions): Promise<Store> {
    if (!isId(options.actor.userId)) throw new StoreError(StoreErrorCode.Invalid, `Invalid user id "${options.actor.userId}".`);
    const store = new Store(options);
    await options.persistence.open();
    const [workspace, user] = await options.persistence.getDocStates([WORKSPACE_DOC_ID, userDocId(options.actor.userId)]);
    if (workspace) loadInto(store.#workspace, workspace);
    if (user) loadInto(store.#userDoc, user);
    store.#rowVersion = await options.persistence.maxRowVersion();
    return store;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#serial(async () => {
      this.#closed = true;
      this.#cache.clear();
      await this.persistence.close();
    });
  }

  /** Resolves once every write queued so far (editor saves included) is stored. */
  async flush(): Promise<void> {
    await this.#serial(async () => {});
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- reads -------------------------------------------------------------------------------

  async get(collection: Collection, id: string): Promise<AnyRow | undefined> {
    assertCollection(collection);
    const [row] = await this.persistence.getRows(collection, [id]);
    return row && stripVersion(row);
  }

  async getMany(collection: Collection, ids: readonly string[]): Promise<(AnyRow | undefined)[]> {
    assertCollection(collection);
    return (await this.persistence.getRows(collection, ids)).map((r) => r && stripVersion(r));
  }

  async query(collection: Collection, query: RowQuery = {}): Promise<QueryResult> {
    assertCollection(collection);
    const result = await this.persistence.query(collection, query);
    return { rows: result.rows.map((r) => stripVersion(r as StoredRow)), total: result.total };
  }

  count(collection: Collection, deleted?: RowQuery['deleted']): Promise<number> {
    assertCollection(collection);
    return this.persistence.count(collection, deleted);
  }

  /** Who changed what and when, newest first, derived from the record doc. */
  async history(collection: Collection, id: string): Promise<HistoryEntry[]> {
    const { doc, cached } = await this.#loadDoc(docIdOf(collection, id));
    if (!isCreated(doc)) throw new StoreError(StoreErrorCode.NotFound, `No ${collection} record ${id}.`);
    const entries = recordHistory(doc);
    if (!cached) doc.destroy();
    return entries;
  }

  // ---- record writes ----------------------------------------------------------------------

  async create(collection: Collection, input: Record<string, unknown>, options: { id?: string } = {}): Promise<AnyRow> {
    const [row] = await this.createMany(collection, [input], options.id ? [options.id] : undefined);
    return row;
  }

  /**
   * Creates many records as one undo step. All inputs are validated first: if any is invalid,
   * nothing is created and the error lists every issue as `<index>.<field>`.
   */
  async createMany(collection: Collection, inputs: readonly Record<string, unknown>[], ids?: readonly string[]): Promise<AnyRow[]> {
    assertCollection(collection);
    const custom = this.customFields(collection);
    const values: Record<string, unknown>[] = [];
    const issues = [];
    for (const [index, input] of inputs.entries()) {
      const result = validateFields(collection, input, 'create', custom);
      if (result.ok) values.push(result.value);
      else issues.push(...result.issues.map((i) => ({ ...i, field: inputs.length > 1 ? `${index}.${i.field}` : i.field })));
    }
    if (issues.length) throw new StoreError(StoreErrorCode.Invalid, `Invalid ${collection}: ${describeIssues(issues)}`, { issues });
    const recordIds = ids ? [...ids] : values.map(() => newId());
    for (const id of recordIds) if (!isId(id)) throw new StoreError(StoreErrorCode.Invalid, `Invalid record id "${id}".`);
    if (new Set(recordIds).size !== recordIds.length) throw new StoreError(StoreErrorCode.AlreadyExists, 'Duplicate ids in one create.');

    return this.#serial(async () => {
      // Ids the store draws itself (82 random bits) cannot clash; ids given by the caller can.
      if (ids) {
        const existing = await this.persistence.getDocStates(recordIds.map((id) => docIdOf(collection, id)));
        const taken = recordIds.filter((_, i) => existing[i]);
        if (taken.length) throw new StoreError(StoreErrorCode.AlreadyExists, `${collection} ${taken[0]} already exists.`);
      }
      const at = this.#now();
      const collab = this.#collab.get(collection)!;
      const plans: Plan[] = recordIds.map((id, i) => {
        const doc = newRecordDoc(docIdOf(collection, id), undefined, this.#clientID);
        return {
          docId: docIdOf(collection, id), collection, id, doc, cached: false, keep: recordIds.length <= 20, isNew: true,
          change: () => {
            writeFields(doc, values[i], collab);
            markCreated(doc, this.actor, at);
            stamp(doc, this.actor, at);
          },
        };
      });
      const changes = await this.#write(plans, 'local', inputs.length > 1);
      this.#undo.push({
        label: `create:${collection}`,
        ops: recordIds.map((id) => ({ collection, id, before: { [DELETED_KEY]: true }, after: { [DELETED_KEY]: false } })),
      });
      return changes.map((c) => c.row);
    });
  }

  async update(collection: Collection, id: string, patch: Record<string, unknown>): Promise<AnyRow> {
    const [row] = await this.updateMany(collection, [id], patch);
    return row;
  }

  /** Applies the same patch to many records (bulk edit) as one undo step. */
  async updateMany(collection: Collection, ids: readonly string[], patch: Record<string, unknown>): Promise<AnyRow[]> {
    assertCollection(collection);
    const result = validateFields(collection, patch, 'update', this.customFields(collection));
    if (!result.ok) throw new StoreError(StoreErrorCode.Invalid, `Invalid ${collection}: ${describeIssues(result.issues)}`, { issues: result.issues });
    const values = result.value;
    return this.#serial(async () => {
      const { rows, undo } = await this.#applyToRecords(collection, ids, 'local', () => ({ fields: values }), {
        refuseDeleted: true,
      });
      this.#undo.push({ label: `update:${collection}`, ops: undo });
      return rows;
    });
  }

  async delete(collection: Collection, id: string): Promise<void> {
    await this.deleteMany(collection, [id]);
  }

  /** Soft-deletes records (restorable, undoable as one step). */
  async deleteMany(collection: Collection, ids: readonly string[]): Promise<void> {
    await this.#setDeleted(collection, ids, true);
  }

  async restore(collection: Collection, id: string): Promise<AnyRow> {
    const [row] = await this.#setDeleted(collection, [id], false);
    return row;
  }

  async #setDeleted(collection: Collection, ids: readonly string[], deleted: boolean): Promise<AnyRow[]> {
    assertCollection(collection);
    return this.#serial(async () => {
      const { rows, undo } = await this.#applyToRecords(collection, ids, 'local', () => ({ fields: {}, deleted }), {});
      this.#undo.push({ label: `${deleted ? 'delete' : 'restore'}:${collection}`, ops: undo });
      return rows;
    });
  }

  // ---- undo / redo ------------------------------------------------------------------------

  get canUndo(): boolean {
    return this.#undo.canUndo;
  }

  get canRedo(): boolean {
    return this.#undo.canRedo;
  }

  /** Reverts the user's last step; returns false when there is nothing to undo. */
  async undo(): Promise<boolean> {
    return this.#serial(async () => {
      const step = this.#undo.takeUndo();
      if (!step) return false;
      try {
        await this.#revert(step, 'undo');
      } catch (error) {
        this.#undo.restoreUndo(step);
        throw error;
      }
      return true;
    });
  }

  async redo(): Promise<boolean> {
    return this.#serial(async () => {
      const step = this.#undo.takeRedo();
      if (!step) return false;
      try {
        await this.#revert(step, 'redo');
      } catch (error) {
        this.#undo.restoreRedo(step);
        throw error;
      }
      return true;
    });
  }

  async #revert(step: UndoStep, origin: 'undo' | 'redo'): Promise<void> {
    const byCollection = new Map<Collection, UndoOp[]>();
    for (const op of step.ops) {
      const list = byCollection.get(op.collection) ?? [];
      list.push(op);
      byCollection.set(op.collection, list);
    }
    for (const [collection, ops] of byCollection) {
      // Later ops of one record come later in the step, so undo walks them backwards.
      const ordered = origin === 'undo' ? [...ops].reverse() : ops;
      for (const op of ordered) {
        await this.#applyToRecords(collection, [op.id], origin, (current) => {
          const values = origin === 'undo' ? revertValues(current, op.after, op.before) : revertValues(current, op.before, op.after);
          const { [DELETED_KEY]: deleted, ...fields } = values;
          return { fields, deleted: deleted === undefined ? undefined : Boolean(deleted) };
        }, {});
      }
    }
  }

  // ---- duplicates and merge ---------------------------------------------------------------

  /** Likely duplicates among all alive contacts or companies, most certain first. */
  async findDuplicates(collection: 'contacts' | 'companies'): Promise<DuplicatePair[]> {
    const rows: AnyRow[] = [];
    await this.persistence.scanRows(collection, 2_000, (batch) => {
      for (const row of batch) if (row.deletedAt === null) rows.push(row);
    });
    return findDuplicates(collection, rows);
  }

  /** Likely duplicates of one record. */
  async duplicatesOf(collection: 'contacts' | 'companies', id: string): Promise<DuplicatePair[]> {
    const pairs = await this.findDuplicates(collection);
    return pairs.filter((p) => p.a === id || p.b === id);
  }

  /**
   * Merges `loserId` into `winnerId`: fields chosen per field (lists united by default), every
   * activity, deal, contact and child company pointing at the loser re-linked to the winner,
   * the loser soft-deleted with `mergedInto`. One undo step reverts all of it.
   */
  async merge(collection: 'contacts' | 'companies', winnerId: string, loserId: string, choices: Record<string, MergeChoice> = {}): Promise<AnyRow> {
    if (collection !== 'contacts' && collection !== 'companies') {
      throw new StoreError(StoreErrorCode.Invalid, `Only contacts and companies can be merged, not ${collection}.`);
    }
    if (winnerId === loserId) throw new StoreError(StoreErrorCode.Invalid, 'A record cannot be merged into itself.');
    return this.#serial(async () => {
      const [winner, loser] = await this.persistence.getRows(collection, [winnerId, loserId]);
      if (!winner || !loser) throw new StoreError(StoreErrorCode.NotFound, `No ${collection} record ${!winner ? winnerId : loserId}.`);
      if (winner.deletedAt !== null || loser.deletedAt !== null) {
        throw new StoreError(StoreErrorCode.Deleted, 'Both records must exist (not deleted) to be merged.');
      }
      const custom = this.customFields(collection).map((d) => `cf_${d.key}`);
      const fields = planMerge(collection, winner, loser, choices, custom);
      if (collection === 'companies' && fields.parentId === loserId) fields.parentId = null;
      const checked = validateFields(collection, fields, 'update', this.customFields(collection));
      if (!checked.ok) throw new StoreError(StoreErrorCode.Invalid, describeIssues(checked.issues), { issues: checked.issues });

      const ops: UndoOp[] = [];
      const run = async (c: Collection, ids: string[], fn: RecordChangeFn) => {
        if (!ids.length) return;
        const { undo } = await this.#applyToRecords(c, ids, 'local', fn, {});
        ops.push(...undo);
      };
      await run(collection, [winnerId], () => ({ fields: checked.value }));
      for (const { target, field, list } of relinkTargets(collection)) {
        const { rows } = await this.persistence.query(target, {
          where: [{ field, op: list ? 'has' : 'eq', value: loserId }],
          deleted: 'all',
        });
        const ids = rows.map((r) => r.id).filter((id) => !(target === collection && id === winnerId));
        await run(target, ids, (current) => ({
          fields: {
            [field]: list
              ? [...new Set((current[field] as string[]).map((v) => (v === loserId ? winnerId : v)))]
              : winnerId,
          },
        }));
      }
      await run(collection, [loserId], () => ({ fields: {}, deleted: true, mergedInto: winnerId }));
      this.#undo.push({ label: `merge:${collection}`, ops });
      const [merged] = await this.persistence.getRows(collection, [winnerId]);
      return stripVersion(merged!);
    });
  }

  // ---- workspace ----------------------------------------------------------------------------

  customFields(collection?: Collection): CustomFieldDef[] {
    return readCustomFields(this.#workspace, collection);
  }

  settings(): Settings {
    return readSettings(this.#workspace);
  }

  pipelines(): Pipeline[] {
    return readPipelines(this.#workspace);
  }

  tags(): Tag[] {
    return readTags(this.#workspace);
  }

  members(): Member[] {
    return readMembers(this.#workspace);
  }

  /** Changes the workspace doc (settings, pipelines, custom fields, tags, members). */
  async updateWorkspace(...ops: WorkspaceOp[]): Promise<void> {
    const appliers = ops.map((op) => prepareWorkspaceOp(this.#workspace, op));
    await this.#serial(async () => {
      await this.#write(
        [{ docId: WORKSPACE_DOC_ID, doc: this.#workspace, cached: false, change: () => appliers.forEach((apply) => apply()) }],
        'local',
      );
    });
  }

  /** The user's private doc (saved views, preferences); write through `updatePrivate`. */
  privateData(): Record<string, unknown> {
    return this.#userDoc.getMap('data').toJSON() as Record<string, unknown>;
  }

  async updatePrivate(patch: Record<string, unknown>): Promise<void> {
    await this.#serial(async () => {
      const map = this.#userDoc.getMap('data');
      await this.#write(
        [{
          docId: userDocId(this.actor.userId), doc: this.#userDoc, cached: false,
          change: () => {
            for (const [key, value] of Object.entries(patch)) {
              if (value === undefined) map.delete(key);
              else map.set(key, structuredClone(value));
            }
          },
        }],
        'local',
      );
    });
  }

  // ---- sync ---------------------------------------------------------------------------------

  /** Applies one remote update; throws StoreError (bad_doc_id, bad_update) and writes nothing on bad input. */
  async applyRemote(docId: string, update: Uint8Array): Promise<void> {
    const result = await this.applyRemoteBatch([{ docId, update }]);
    const [rejected] = result.rejected;
    if (rejected) throw new StoreError(rejected.code, rejected.message);
  }

  /**
   * Applies remote updates, for docs in memory or not, in one commit per slice. A malformed
   * entry is rejected (and reported) without blocking the others. `meta` (e.g. the sync
   * cursor) is stored in the same commit as the last slice, so it never runs ahead of the
   * updates it stands for.
   */
  async applyRemoteBatch(updates: readonly RemoteUpdate[], options: { meta?: { key: string; value: unknown }[] } = {}): Promise<RemoteResult> {
    const rejected: RemoteResult['rejected'] = [];
    const valid: RemoteUpdate[] = [];
    for (const entry of updates) {
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
    await this.#serial(async () => {
      const docIds = [...byDoc.keys()];
      const sliceSize = WORK_SLICE * 5;
      if (!docIds.length && options.meta?.length) await this.persistence.commit({ meta: options.meta });
      for (let start = 0; start < docIds.length; start += sliceSize) {
        const slice = docIds.slice(start, start + sliceSize);
        const isLast = start + sliceSize >= docIds.length;
        const plans: Plan[] = [];
        const missing = slice.filter((id) => !this.#inMemory(id));
        const states = missing.length ? await this.persistence.getDocStates(missing) : [];
        const stateOf = new Map(missing.map((id, i) => [id, states[i]]));
        for (const docId of slice) {
          const parsed = parseDocId(docId)!;
          const inMemory = this.#inMemory(docId);
          let doc: Y.Doc;
          try {
            doc = inMemory ? this.#memoryDoc(docId)! : newRecordDoc(docId, stateOf.get(docId), this.#clientID);
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
        let failed = 0;
        await this.#write(plans, 'remote', true, isLast ? options.meta : undefined, (plan, error) => {
          failed++;
          rejected.push({ docId: plan.docId, code: StoreErrorCode.BadUpdate, message: `Update for ${plan.docId} could not be applied: ${String(error)}` });
        });
        applied += plans.length - failed;
      }
    });
    return { applied, rejected };
  }

  /** A small stored value (sync cursor, …) written with `applyRemoteBatch({ meta })` or `setMeta`. */
  getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return this.persistence.getMeta<T>(key);
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.#serial(() => this.persistence.commit({ meta: [{ key, value }] }));
  }

  /** Local updates waiting for the relay's acknowledgement, oldest first. */
  outbox(limit = 1_000): Promise<OutboxEntry[]> {
    return this.persistence.outbox(limit);
  }

  outboxCount(): Promise<number> {
    return this.persistence.outboxCount();
  }

  /** Removes acknowledged outbox entries. */
  async ack(ids: readonly number[]): Promise<void> {
    await this.#serial(() => this.persistence.commit({ acked: [...ids] }));
  }

  /** The full state of a doc (for sync step 2 and snapshot bundles), or undefined if unknown. */
  async docState(docId: string): Promise<Uint8Array | undefined> {
    const doc = this.#memoryDoc(docId);
    if (doc) return Y.encodeStateAsUpdate(doc);
    const [state] = await this.persistence.getDocStates([docId]);
    return state && storedStateAsUpdate(state);
  }

  // ---- collaborative text editors ---------------------------------------------------------

  /**
   * Opens a record doc for a text editor binding (the one place where a Y.Doc leaves the store).
   * Edits the binding makes are saved, stamped and queued for the relay like any local change.
   * Call `release` when the editor closes.
   */
  async openDoc(collection: Collection, id: string): Promise<{ doc: Y.Doc; release: () => void }> {
    const docId = docIdOf(collection, id);
    const { doc } = await this.#serial(() => this.#loadDoc(docId, true));
    if (!isCreated(doc)) throw new StoreError(StoreErrorCode.NotFound, `No ${collection} record ${id}.`);
    this.#cache.pin(docId);
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
    await this.#write([{ docId, collection, id, doc, cached: true, change: () => stamp(doc, this.actor, at) }], 'local');
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Runs store mutations one at a time, in call order. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.#closed) throw new StoreError(StoreErrorCode.Closed, 'The store is closed.');
      return fn();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #inMemory(docId: string): boolean {
    return docId === WORKSPACE_DOC_ID || docId === userDocId(this.actor.userId) || this.#cache.has(docId);
  }

  #memoryDoc(docId: string): Y.Doc | undefined {
    if (docId === WORKSPACE_DOC_ID) return this.#workspace;
    if (docId === userDocId(this.actor.userId)) return this.#userDoc;
    return this.#cache.get(docId);
  }

  async #loadDoc(docId: string, keep = false): Promise<{ doc: Y.Doc; cached: boolean }> {
    const inMemory = this.#memoryDoc(docId);
    if (inMemory) return { doc: inMemory, cached: true };
    const [state] = await this.persistence.getDocStates([docId]);
    const doc = newRecordDoc(docId, state, this.#clientID);
    if (keep) this.#cache.set(docId, doc);
    return { doc, cached: keep };
  }

  /**
   * Applies `fn`'s field values to records (loading their docs), saves, emits, and returns the
   * inverse ops for undo. `fn` sees the record's current values (fields + `$deleted`).
   */
  async #applyToRecords(
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
    const states = missing.length ? await this.persistence.getDocStates(missing) : [];
    const stateOf = new Map(missing.map((d, i) => [d, states[i]]));
    for (const [i, id] of ids.entries()) {
      const docId = docIds[i];
      const cachedDoc = this.#cache.get(docId);
      const doc = cachedDoc ?? newRecordDoc(docId, stateOf.get(docId), this.#clientID);
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
          stamp(doc, this.actor, at);
        },
      });
    }
    const changes = await this.#write(plans, origin);
    return { rows: changes.map((c) => c.row), undo };
  }

  /**
   * The one write path. Runs each plan's change in a transaction, then saves all new states,
   * rows and (for local changes) outbox entries in one atomic commit, then emits. If the commit
   * fails, docs changed in memory are dropped so the next read reloads what is really stored.
   */
  async #write(
    plans: Plan[],
    origin: ChangeOrigin,
    yieldBetween = false,
    meta?: { key: string; value: unknown }[],
    onApplyError?: (plan: Plan, error: unknown) => void,
  ): Promise<RowChange[]> {
    const isRemote = origin === 'remote';
    const docs: { docId: string; state: Uint8Array }[] = [];
    const outbox: { docId: string; update: Uint8Array; createdAt: number }[] = [];
    const rowWrites: { plan: Plan; row: StoredRow; previous: AnyRow | undefined }[] = [];
    const touched: Plan[] = [];
    const localUpdates = new Map<Plan, Uint8Array>();
    const otherDocs: string[] = [];
    const createdAt = this.#now();
    let sliceCount = 0;
    for (const plan of plans) {
      if (yieldBetween && ++sliceCount % WORK_SLICE === 0) await this.#yield();
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
      // A new record's creation update is its whole state: no need to encode it again.
      docs.push({ docId: plan.docId, state: plan.isNew && update && !unsaved ? update : encodeStoredState(plan.doc) });
      const toSend = [...(unsaved ?? []), ...(update ? [update] : [])];
      if (toSend.length) outbox.push({ docId: plan.docId, update: toSend.length === 1 ? toSend[0] : Y.mergeUpdates(toSend), createdAt });
      if (plan.collection && plan.id) {
        if (changed && isCreated(plan.doc)) rowWrites.push({ plan, row: { ...rowFromDoc(plan.doc, plan.id), v: ++this.#rowVersion }, previous });
      } else if (changed) {
        otherDocs.push(plan.docId);
      }
    }
    try {
      await this.persistence.commit({
        docs,
        rows: rowWrites.map(({ plan, row }) => ({ collection: plan.collection!, row })),
        outbox,
        meta,
      });
    } catch (error) {
      for (const plan of touched) this.#forget(plan, localUpdates.get(plan));
      for (const plan of plans) if (plan.keep && !plan.cached) plan.doc.destroy();
      throw error instanceof StoreError ? error : new StoreError(StoreErrorCode.StorageFailed, `Could not save: ${String(error)}`, { cause: error });
    } finally {
      for (const plan of plans) if (!plan.cached && !plan.keep) plan.doc.destroy();
    }
    for (const plan of touched) if (plan.keep && !plan.cached) this.#cache.set(plan.docId, plan.doc);
    for (const plan of touched) this.#unsaved.delete(plan.docId);
    const changes: RowChange[] = rowWrites.map(({ plan, row, previous }) => ({
      collection: plan.collection!, id: plan.id!, row: stripVersion(row), previous, origin, version: row.v,
    }));
    if (changes.length || otherDocs.length) this.#emit({ origin, rows: changes, docs: otherDocs });
    return changes;
  }

  /**
   * After a failed change, memory must not stay ahead of storage: the doc is dropped and
   * reloaded from storage next time. A doc an editor holds open cannot be dropped; its
   * change is kept as unsaved instead and goes out with the next successful write.
   */
  #forget(plan: Plan, update?: Uint8Array | null): void {
    if (plan.docId === WORKSPACE_DOC_ID || plan.docId === userDocId(this.actor.userId)) {
      void this.#reloadSpecialDoc(plan.docId);
    } else if (this.#cache.isPinned(plan.docId)) {
      if (update) this.#unsaved.set(plan.docId, [...(this.#unsaved.get(plan.docId) ?? []), update]);
    } else {
      this.#cache.drop(plan.docId);
    }
  }

  async #reloadSpecialDoc(docId: string): Promise<void> {
    const [state] = await this.persistence.getDocStates([docId]);
    const fresh = new Y.Doc({ guid: docId });
    fresh.clientID = this.#clientID;
    if (state) loadInto(fresh, state);
    if (docId === WORKSPACE_DOC_ID) this.#workspace = fresh;
    else this.#userDoc = fresh;
  }

  #emit(event: StoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not break the store or the other listeners.
      }
    }
  }
}

/** Loads a stored state (plain or with pending updates) into a workspace or user doc. */
function loadInto(doc: Y.Doc, stored: Uint8Array): void {
  const parts = decodeStoredState(stored);
  for (const part of parts) Y.applyUpdate(doc, part, REMOTE_ORIGIN);
  if (parts.length > 1) notePendingUpdates(doc, parts.slice(1));
}

function assertCollection(collection: string): asserts collection is Collection {
  if (!isCollection(collection)) throw new StoreError(StoreErrorCode.UnknownCollection, `Unknown record type "${collection}".`);
}

function stripVersion(row: StoredRow | AnyRow): AnyRow {
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

/** Where records point at a contact or company, for re-linking on merge. */
function relinkTargets(collection: 'contacts' | 'companies'): { target: Collection; field: string; list: boolean }[] {
  return collection === 'contacts'
    ? [
        { target: 'activities', field: 'contactId', list: false },
        { target: 'deals', field: 'contactIds', list: true },
      ]
    : [
        { target: 'contacts', field: 'companyId', list: false },
        { target: 'deals', field: 'companyId', list: false },
        { target: 'activities', field: 'companyId', list: false },
        { target: 'companies', field: 'parentId', list: false },
      ];
}
