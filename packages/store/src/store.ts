// The local-first store: records as one Y.Doc each (the CRDT tier) and a plain row per record
// (the row tier), kept in step. Every local change is validated, applied to its doc, and saved
// in one atomic commit together with the new doc state, the new row and an outbox entry for
// the relay; remote updates take the same path minus the outbox. Callers speak in records.
import { encodeStateAsUpdate, type Doc } from 'yjs';
import {
  describeIssues, docIdOf, isCollection, isId, newId, parseDocId, userDocId, validateFields,
  type AnyRow, type Collection, type CustomFieldDef, type FieldsOf, type Member, type Pipeline, type Row, type SavedViewDef, type SharedReportItem,
  type Settings, type Tag, type Team,
} from '@carnet/schema';
import { DocWriter, stripVersion, workSlices, type Plan, type PreparedWrite, type RecordChangeFn } from './doc-writer.ts';
import { StoreError, StoreErrorCode, isStoreError } from './errors.ts';
import { recordHistory, type HistoryEntry } from './history.ts';
import type { OutboxEntry, Persistence, StoredRow } from './persistence.ts';
import type { QueryResult, RowQuery } from './query.ts';
import { isCreated, markCreated, stamp, storedStateAsUpdate, writeFields, type Actor } from './record-doc.ts';
import { importSnapshot, type SnapshotEntry, type SnapshotResult } from './snapshot-import.ts';
import type { RemoteResult, RemoteUpdate, StoreEvent, StoreOptions } from './store-types.ts';
import { DELETED_KEY, UndoStack, revertValues, type UndoOp, type UndoStep } from './undo.ts';
import {
  prepareWorkspaceOp, readCustomFields, readMembers, readPipelines, readSavedViews, readSettings, readSharedReportItems, readTags, readTeams,
  type WorkspaceOp,
} from './workspace-doc.ts';
import { duplicateKeys, duplicatesOfRow, findDuplicates, planMerge, relinkTargets, type DuplicatePair, type MergeChoice } from './duplicates.ts';

export type { ChangeOrigin, RemoteResult, RemoteUpdate, RowChange, StoreEvent, StoreOptions } from './store-types.ts';

/**
 * What a caller may write to a record of collection C: its fields, typed by the schema, plus
 * custom fields (`cf_<key>`). Any other key still reaches validation and is refused there
 * with `unknown_field`, so input from outside TypeScript (API, import) is checked the same way.
 */
export type FieldInput<C extends Collection> = { [K in keyof FieldsOf[C]]?: Unbranded<FieldsOf[C][K]> } & Record<string, unknown>;

/** Ids are branded in rows, but any id string is accepted as input (validation checks it). */
type Unbranded<T> = T extends string ? string : T extends readonly (infer U)[] ? (U extends string ? string[] : T) : T;

export interface RowsPage<C extends Collection> {
  rows: Row<C>[];
  total: number | null;
}

export class Store {
  readonly actor: Actor;
  readonly persistence: Persistence;
  #now: () => number;
  #queue: Promise<unknown> = Promise.resolve();
  #listeners = new Set<(event: StoreEvent) => void>();
  #undo = new UndoStack();
  #closed = false;
  #docs: DocWriter;
  #yieldToHost: () => Promise<void>;

  private constructor(options: StoreOptions) {
    this.actor = options.actor;
    this.persistence = options.persistence;
    this.#now = options.now ?? (() => Date.now());
    this.#yieldToHost = options.yieldToHost ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    this.#docs = new DocWriter({
      persistence: options.persistence,
      actor: options.actor,
      now: this.#now,
      yieldToHost: this.#yieldToHost,
      maxCachedDocs: options.maxCachedDocs ?? 500,
      serial: (job) => this.#serial(job),
      emit: (event) => this.#emit(event),
    });
  }

  static async open(options: StoreOptions): Promise<Store> {
    if (!isId(options.actor.userId)) throw new StoreError(StoreErrorCode.Invalid, `Invalid user id "${options.actor.userId}".`);
    const store = new Store(options);
    await options.persistence.open();
    await store.#docs.init();
    return store;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#serial(async () => {
      this.#closed = true;
      this.#docs.clear();
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

  async get<C extends Collection>(collection: C, id: string): Promise<Row<C> | undefined> {
    assertCollection(collection);
    const [row] = await this.persistence.getRows(collection, [id]);
    return row && asRow<C>(stripVersion(row));
  }

  async getMany<C extends Collection>(collection: C, ids: readonly string[]): Promise<(Row<C> | undefined)[]> {
    assertCollection(collection);
    return (await this.persistence.getRows(collection, ids)).map((r) => r && asRow<C>(stripVersion(r)));
  }

  async query<C extends Collection>(collection: C, query: RowQuery = {}): Promise<RowsPage<C>> {
    assertCollection(collection);
    const result: QueryResult = await this.persistence.query(collection, query);
    return { rows: result.rows.map((r) => asRow<C>(stripVersion(r as StoredRow))), total: result.total };
  }

  /**
   * Every row of a collection, deleted ones included, in batches in no particular order, each
   * batch read in its own step: for a caller that keeps its own copy of a whole collection
   * without holding the page while tens of thousands of rows are read.
   */
  async scan<C extends Collection>(collection: C, each: (rows: Row<C>[]) => void, batchSize = 2_000): Promise<void> {
    assertCollection(collection);
    await this.persistence.scanRows(collection, batchSize, (batch) => each(batch.map((r) => asRow<C>(stripVersion(r)))));
  }

  count(collection: Collection, deleted?: RowQuery['deleted']): Promise<number> {
    assertCollection(collection);
    return this.persistence.count(collection, deleted);
  }

  /** Who changed what and when, newest first, derived from the record doc. */
  async history(collection: Collection, id: string): Promise<HistoryEntry[]> {
    const { doc, cached } = await this.#docs.loadDoc(docIdOf(collection, id));
    if (!isCreated(doc)) throw new StoreError(StoreErrorCode.NotFound, `No ${collection} record ${id}.`);
    const entries = recordHistory(doc);
    if (!cached) doc.destroy();
    return entries;
  }

  // ---- record writes ----------------------------------------------------------------------

  async create<C extends Collection>(collection: C, input: FieldInput<C>, options: { id?: string } = {}): Promise<Row<C>> {
    const [row] = await this.createMany(collection, [input], options.id ? [options.id] : undefined);
    return row;
  }

  /**
   * Creates many records as one undo step. All inputs are validated first: if any is invalid,
   * nothing is created and the error lists every issue as `<index>.<field>`.
   */
  async createMany<C extends Collection>(collection: C, inputs: readonly FieldInput<C>[], ids?: readonly string[]): Promise<Row<C>[]> {
    assertCollection(collection);
    // Validation and the new docs are built outside the queue (nothing else can see those docs
    // yet), so a caller that hands over its next batch before the previous one is stored
    // overlaps the two: the page builds docs while IndexedDB writes. The commit takes its place
    // in the queue now, so writes are stored in the order they were asked for.
    const building = this.#buildCreates(collection, inputs, ids);
    building.catch(() => {}); // rethrown in the queue
    return this.#serial(async () => {
      const { prepared, recordIds } = await building;
      // Ids given by the caller can clash with stored docs: the commit then stores nothing.
      const changes = await this.#docs.commitPrepared(prepared).catch((error: unknown) => {
        if (!isStoreError(error, StoreErrorCode.AlreadyExists) || !error.docId) throw error;
        const parsed = parseDocId(error.docId);
        throw new StoreError(StoreErrorCode.AlreadyExists, `${collection} ${parsed?.kind === 'record' ? parsed.id : error.docId} already exists.`, { docId: error.docId, cause: error });
      });
      this.#undo.push({
        label: `create:${collection}`,
        ops: recordIds.map((id) => ({ collection, id, before: { [DELETED_KEY]: true }, after: { [DELETED_KEY]: false } })),
      });
      return changes.map((c) => asRow<C>(c.row));
    });
  }

  /** createMany's work before its commit: validation (every issue, or nothing), ids, new docs. */
  async #buildCreates(collection: Collection, inputs: readonly Record<string, unknown>[], ids?: readonly string[]): Promise<{ prepared: PreparedWrite; recordIds: string[] }> {
    const custom = this.customFields(collection);
    const values: Record<string, unknown>[] = [];
    const issues = [];
    // Validating an import batch takes tens of milliseconds: the page gets turns meanwhile.
    const pause = workSlices(this.#yieldToHost);
    for (const [index, input] of inputs.entries()) {
      const turn = pause();
      if (turn) await turn;
      const result = validateFields(collection, input, 'create', custom);
      if (result.ok) values.push(result.value);
      else issues.push(...result.issues.map((i) => ({ ...i, field: inputs.length > 1 ? `${index}.${i.field}` : i.field })));
    }
    if (issues.length) throw new StoreError(StoreErrorCode.Invalid, `Invalid ${collection}: ${describeIssues(issues)}`, { issues });
    const recordIds = ids ? [...ids] : values.map(() => newId());
    for (const id of recordIds) if (!isId(id)) throw new StoreError(StoreErrorCode.Invalid, `Invalid record id "${id}".`);
    if (new Set(recordIds).size !== recordIds.length) throw new StoreError(StoreErrorCode.AlreadyExists, 'Duplicate ids in one create.');

    const at = this.#now();
    const collab = this.#docs.collaborativeFields(collection);
    const plans: Plan[] = recordIds.map((id, i) => {
      const doc = this.#docs.newDoc(docIdOf(collection, id));
      return {
        docId: docIdOf(collection, id), collection, id, doc, cached: false, keep: recordIds.length <= 20, isNew: true,
        change: () => {
          writeFields(doc, values[i], collab);
          markCreated(doc, this.actor, at);
          stamp(doc, this.actor, at);
        },
      };
    });
    return { prepared: await this.#docs.prepare(plans, 'local', inputs.length > 1), recordIds };
  }

  async update<C extends Collection>(collection: C, id: string, patch: FieldInput<C>): Promise<Row<C>> {
    const [row] = await this.updateMany(collection, [id], patch);
    return row;
  }

  /** Applies the same patch to many records (bulk edit) as one undo step. */
  async updateMany<C extends Collection>(collection: C, ids: readonly string[], patch: FieldInput<C>): Promise<Row<C>[]> {
    assertCollection(collection);
    const result = validateFields(collection, patch, 'update', this.customFields(collection));
    if (!result.ok) throw new StoreError(StoreErrorCode.Invalid, `Invalid ${collection}: ${describeIssues(result.issues)}`, { issues: result.issues });
    const values = result.value;
    return this.#serial(async () => {
      const { rows, undo } = await this.#docs.applyToRecords(collection, ids, 'local', () => ({ fields: values }), {
        refuseDeleted: true,
      });
      this.#undo.push({ label: `update:${collection}`, ops: undo });
      return rows.map((row) => asRow<C>(row));
    });
  }

  async delete(collection: Collection, id: string): Promise<void> {
    await this.deleteMany(collection, [id]);
  }

  /** Soft-deletes records (restorable, undoable as one step). */
  async deleteMany(collection: Collection, ids: readonly string[]): Promise<void> {
    await this.#setDeleted(collection, ids, true);
  }

  async restore<C extends Collection>(collection: C, id: string): Promise<Row<C>> {
    const [row] = await this.#setDeleted(collection, [id], false);
    return asRow<C>(row);
  }

  async #setDeleted(collection: Collection, ids: readonly string[], deleted: boolean): Promise<AnyRow[]> {
    assertCollection(collection);
    return this.#serial(async () => {
      const { rows, undo } = await this.#docs.applyToRecords(collection, ids, 'local', () => ({ fields: {}, deleted }), {});
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
        await this.#docs.applyToRecords(collection, [op.id], origin, (current) => {
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

  /**
   * Likely duplicates of one record: the same answer as `findDuplicates` filtered to it, in one
   * pass that keeps only the rows sharing a blocking key with it (a record page at dataset L
   * must not compare every pair of a large company's contacts).
   */
  async duplicatesOf(collection: 'contacts' | 'companies', id: string): Promise<DuplicatePair[]> {
    const [target] = await this.persistence.getRows(collection, [id]);
    if (!target || target.deletedAt !== null) return [];
    const keys = new Set(duplicateKeys(collection, target));
    if (keys.size === 0) return [];
    const sizes = new Map<string, number>([...keys].map((key) => [key, 1]));
    const sharing: AnyRow[] = [];
    // Small batches: this runs while the user works on the record page (each batch is decoded
    // in one task; at dataset L a record open showed an 84 ms task while it read 2,000 at a time).
    await this.persistence.scanRows(collection, 500, (batch) => {
      for (const row of batch) {
        if (row.deletedAt !== null || row.id === id) continue;
        let shares = false;
        for (const key of duplicateKeys(collection, row)) {
          if (!keys.has(key)) continue;
          sizes.set(key, sizes.get(key)! + 1);
          shares = true;
        }
        if (shares) sharing.push(row);
      }
    });
    return duplicatesOfRow(collection, target, sharing, (key) => sizes.get(key) ?? 0);
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
        const { undo } = await this.#docs.applyToRecords(c, ids, 'local', fn, {});
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
    return readCustomFields(this.#docs.workspace, collection);
  }

  settings(): Settings {
    return readSettings(this.#docs.workspace);
  }

  pipelines(): Pipeline[] {
    return readPipelines(this.#docs.workspace);
  }

  tags(): Tag[] {
    return readTags(this.#docs.workspace);
  }

  /** Saved views shared with the workspace (owners and admins write them). */
  savedViews(collection?: Collection): SavedViewDef[] {
    return readSavedViews(this.#docs.workspace, collection);
  }

  /** Dashboards or sales goals shared with the workspace (owners and admins write them). */
  sharedReportItems(kind: 'dashboards' | 'goals'): SharedReportItem[] {
    return readSharedReportItems(this.#docs.workspace, kind);
  }

  members(): Member[] {
    return readMembers(this.#docs.workspace);
  }

  /** The workspace's teams, of current members only (see readTeams). */
  teams(): Team[] {
    return readTeams(this.#docs.workspace);
  }

  /** Changes the workspace doc (settings, pipelines, custom fields, tags, members). */
  async updateWorkspace(...ops: WorkspaceOp[]): Promise<void> {
    const appliers = ops.map((op) => prepareWorkspaceOp(this.#docs.workspace, op));
    await this.#serial(async () => {
      await this.#docs.write(
        [{ docId: this.#docs.workspace.guid, doc: this.#docs.workspace, cached: false, change: () => appliers.forEach((apply) => apply()) }],
        'local',
      );
    });
  }

  /** The user's private doc (saved views, preferences); write through `updatePrivate`. */
  privateData(): Record<string, unknown> {
    return this.#docs.userDoc.getMap('data').toJSON() as Record<string, unknown>;
  }

  async updatePrivate(patch: Record<string, unknown>): Promise<void> {
    await this.#serial(async () => {
      const map = this.#docs.userDoc.getMap('data');
      await this.#docs.write(
        [{
          docId: userDocId(this.actor.userId), doc: this.#docs.userDoc, cached: false,
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
    return this.#serial(() => this.#docs.applyRemote(updates, options.meta));
  }

  /**
   * Imports doc states with their rows (a bootstrap bundle): a record whose row is given and
   * that has nothing local to merge with is stored as given, without building its doc, in one
   * commit; every other entry is merged like `applyRemoteBatch` (local unsynced edits kept).
   * Malformed entries are rejected and reported; `meta` is stored with the last commit.
   */
  async importSnapshot(entries: readonly SnapshotEntry[], options: { meta?: { key: string; value: unknown }[] } = {}): Promise<SnapshotResult> {
    return this.#serial(() =>
      importSnapshot(
        {
          persistence: this.persistence,
          isBusy: (docId) => this.#docs.isBusy(docId),
          nextRowVersion: () => this.#docs.nextRowVersion(),
          applyRemote: (updates, meta) => this.#docs.applyRemote(updates, meta),
          emit: (event) => this.#emit(event),
        },
        entries,
        options.meta,
      ),
    );
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
    const doc = this.#docs.memoryDoc(docId);
    if (doc) return encodeStateAsUpdate(doc);
    const [state] = await this.persistence.getDocStates([docId]);
    return state && storedStateAsUpdate(state);
  }

  // ---- collaborative text editors ---------------------------------------------------------

  /**
   * Opens a record doc for a text editor binding (the one place where a Y.Doc leaves the store).
   * Edits the binding makes are saved, stamped and queued for the relay like any local change.
   * Call `release` when the editor closes.
   */
  openDoc(collection: Collection, id: string): Promise<{ doc: Doc; release: () => void }> {
    assertCollection(collection);
    return this.#docs.openDoc(collection, id);
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

/** Rows come out of storage untyped; the collection they were read from gives their type. */
function asRow<C extends Collection>(row: AnyRow): Row<C> {
  return row as unknown as Row<C>;
}

function assertCollection(collection: string): asserts collection is Collection {
  if (!isCollection(collection)) throw new StoreError(StoreErrorCode.UnknownCollection, `Unknown record type "${collection}".`);
}
