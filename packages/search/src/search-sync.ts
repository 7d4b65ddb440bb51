// Keeps a SearchIndex in step with a store: opens it from the persisted snapshot (or rebuilds it
// from rows when the snapshot is missing or unusable), catches up with the rows written since
// the snapshot, applies every later row change, and persists the snapshot again now and then
// (in parts, so that neither loading nor saving holds the page for long).
// Typed against the few storage methods it uses, so this package does not depend on the store.
//
// Why `version` is exact: the store numbers every row write (`v`, increasing). Before each
// catch-up the highest stored version M is read; every row with v ≤ M is then in storage, so
// reading each collection's rows since the index's version reaches all of them (or newer), and
// M becomes the index's version. Store events that arrive while a catch-up is reading are held
// and applied after it, so a row read from storage never overwrites a newer one from an event.
import { SearchIndex, type SearchQueryOptions, type SearchResult } from './search-index.ts';
import type { RowChange, SearchCollection } from './documents.ts';
import { isSearchError } from './errors.ts';
import { corruptSnapshotError, isSnapshotHeader, joinSnapshot, parseSnapshotJSON, splitSnapshot } from './snapshot.ts';

const COLLECTIONS: readonly SearchCollection[] = ['contacts', 'companies', 'deals', 'activities'];

/** A row as storage returns it: the row plus its local version `v`. */
export type VersionedRow = NonNullable<RowChange['row']> & { id: string; v: number };

/** What search needs from the store's persistence (a subset of @carnet/store's Persistence). */
export interface SearchPersistence {
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  commit(commit: { meta: { key: string; value: unknown }[] }): Promise<void>;
  /** Rows with `v` greater than `after`, in ascending `v`, at most `limit`. */
  rowsSince(collection: SearchCollection, after: number, limit: number): Promise<VersionedRow[]>;
  /** Every row (deleted ones included) in batches. */
  scanRows(collection: SearchCollection, batchSize: number, each: (rows: VersionedRow[]) => void | Promise<void>): Promise<void>;
  /** The highest row version stored (0 when empty). */
  maxRowVersion(): Promise<number>;
}

/** The store's `subscribe`, reduced to what search reads of an event. */
export type SubscribeToRows = (listener: (event: { rows: readonly RowChange[] }) => void) => () => void;

export interface OpenSearchOptions {
  persistence: SearchPersistence;
  subscribe: SubscribeToRows;
  /** Meta key of the snapshot (default `search:snapshot`). */
  snapshotKey?: string;
  /** Persist the snapshot again after this many row changes (default 2,000; 0 = only on `save()`). */
  saveEvery?: number;
  /** Rows read per storage call during rebuild and catch-up (default 2,000). */
  batchSize?: number;
  /** Background saves never throw; their failures are reported here (default: ignored). */
  onError?: (error: unknown) => void;
}

/** How the index was opened, for diagnostics and benchmarks. */
export interface SearchOpenReport {
  /** `snapshot`: loaded and caught up; `rebuild`: built from every row. */
  source: 'snapshot' | 'rebuild';
  /** Why the snapshot was not used (`missing`, or a SearchError code). */
  rebuildReason?: string;
  /** Rows read from storage to catch up after loading the snapshot. */
  caughtUp: number;
}

export const DEFAULT_SNAPSHOT_KEY = 'search:snapshot';
const DEFAULT_SAVE_EVERY = 2_000;
const DEFAULT_BATCH_SIZE = 2_000;

export class SearchSync {
  readonly index: SearchIndex;
  readonly report: SearchOpenReport;
  #persistence: SearchPersistence;
  #snapshotKey: string;
  #saveEvery: number;
  #batchSize: number;
  #onError: (error: unknown) => void;
  #unsubscribe: () => void;
  /** Events held while a catch-up reads storage; null when events apply directly. */
  #held: RowChange[][] | null;
  /** Reported changes not applied yet, in order (see onRows). Kept out of `version` until applied. */
  #backlog: RowChange[] = [];
  #draining: Promise<void> | null = null;
  #changesSinceSave = 0;
  #saving: Promise<void> | null = null;
  #saveAgain = false;
  #closed = false;

  /** @internal Use openSearch. */
  constructor(init: {
    index: SearchIndex;
    report: SearchOpenReport;
    options: OpenSearchOptions;
    unsubscribe: () => void;
    held: RowChange[][];
  }) {
    this.index = init.index;
    this.report = init.report;
    this.#persistence = init.options.persistence;
    this.#snapshotKey = init.options.snapshotKey ?? DEFAULT_SNAPSHOT_KEY;
    this.#saveEvery = init.options.saveEvery ?? DEFAULT_SAVE_EVERY;
    this.#batchSize = init.options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.#onError = init.options.onError ?? (() => {});
    this.#unsubscribe = init.unsubscribe;
    this.#held = init.held;
  }

  search(query: string, options?: SearchQueryOptions): SearchResult[] {
    // A search sees every change reported so far, even one still being applied in slices.
    if (this.#backlog.length > 0) this.#apply(this.#backlog.splice(0));
    return this.index.search(query, options);
  }

  /**
   * @internal Called by the store subscription. A small change is applied at once (an edit shows
   * in search in the same task); a big one (an import batch, a page of remote updates: 1,000 rows
   * took 76 ms) is applied in slices, one per task, in order with whatever follows it.
   */
  onRows(rows: readonly RowChange[]): void {
    if (this.#closed || rows.length === 0) return;
    if (this.#held) {
      this.#held.push([...rows]);
      return;
    }
    if (this.#backlog.length === 0 && rows.length <= APPLY_SLICE) {
      this.#apply(rows);
      return;
    }
    for (const row of rows) this.#backlog.push(row);
    this.#draining ??= this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      while (this.#backlog.length > 0 && !this.#closed) {
        await turn();
        this.#apply(this.#backlog.splice(0, APPLY_SLICE));
      }
    } finally {
      this.#draining = null;
    }
  }

  #apply(rows: readonly RowChange[]): void {
    if (rows.length === 0) return;
    this.index.applyChanges(rows);
    // Store writes are numbered in order: once a change with version X is applied, every row
    // this store wrote up to X is in the index, so the next catch-up starts after X.
    let version = this.index.version;
    for (const change of rows) if (typeof change.version === 'number' && change.version > version) version = change.version;
    this.index.version = version;
    this.#changesSinceSave += rows.length;
    // Saving writes the whole index, so during a long stream of changes (an import, a first
    // sync) saves come further apart as the index grows: a quarter of its size at least, which
    // keeps the total work linear instead of one full write per `saveEvery` rows.
    if (this.#saveEvery > 0 && this.#changesSinceSave >= Math.max(this.#saveEvery, this.index.size / 4)) {
      this.save().catch(this.#onError);
    }
  }

  /**
   * Applies the rows written since the index's version (by another session, or while this one
   * was not listening). Returns how many rows were read.
   */
  async catchUp(): Promise<number> {
    // Changes already reported are older than any read from storage now: applied first.
    while (this.#draining) await this.#draining;
    const held: RowChange[][] = this.#held ?? [];
    const owner = this.#held === null;
    if (owner) this.#held = held;
    try {
      return await catchUpFromStorage(this.index, this.#persistence, this.#batchSize);
    } finally {
      if (owner) {
        this.#held = null;
        for (const rows of held) this.onRows(rows);
      }
    }
  }

  /** @internal Ends the opening phase: applies the events held while opening. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const rows of held) this.onRows(rows);
  }

  /**
   * Persists the snapshot: catches up first (so its version is exact), then stores it. Calls
   * made while a save runs share one follow-up save. Nothing waits on this but its caller; a
   * failed save that a follow-up replaces is reported to `onError`.
   */
  save(): Promise<void> {
    if (this.#saving) {
      this.#saveAgain = true;
      return this.#saving;
    }
    const run = async () => {
      try {
        for (;;) {
          this.#saveAgain = false;
          try {
            await this.#saveOnce();
            if (!this.#saveAgain) return;
          } catch (error) {
            if (!this.#saveAgain) throw error;
            this.#onError(error);
          }
        }
      } finally {
        this.#saving = null;
      }
    };
    this.#saving = run();
    return this.#saving;
  }

  async #saveOnce(): Promise<void> {
    await this.catchUp();
    this.#changesSinceSave = 0;
    const snapshot = this.index.toJSON();
    await turn();
    // In parts, each serialized in its own task, all written in one commit.
    const { header, parts } = splitSnapshot(snapshot, SNAPSHOT_PARTS);
    const meta = [{ key: this.#snapshotKey, value: JSON.stringify(header) }];
    for (let i = 0; i < parts.length; i++) {
      meta.push({ key: partKey(this.#snapshotKey, i), value: JSON.stringify(parts[i]) });
      await turn();
    }
    await this.#persistence.commit({ meta });
  }

  /** Stops following the store; waits for a save in progress and its follow-up (failures are not rethrown). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe();
    await this.#saving?.catch(() => {});
  }
}

/**
 * Opens the index: snapshot + catch-up, or a full rebuild when the snapshot is missing, corrupt
 * or from another format (then a fresh snapshot is saved in the background). Store events are
 * listened to from the start, so none is missed while loading.
 */
export async function openSearch(options: OpenSearchOptions): Promise<SearchSync> {
  const { persistence } = options;
  const key = options.snapshotKey ?? DEFAULT_SNAPSHOT_KEY;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const held: RowChange[][] = [];
  let sync: SearchSync | null = null;
  const unsubscribe = options.subscribe((event) => {
    if (sync) sync.onRows(event.rows);
    else held.push([...event.rows]);
  });
  try {
    let index: SearchIndex | null = null;
    let rebuildReason: string | undefined;
    try {
      index = await loadSnapshot(persistence, key);
      if (!index) rebuildReason = 'missing';
    } catch (error) {
      if (!isSearchError(error)) throw error;
      rebuildReason = error.code;
    }
    let report: SearchOpenReport;
    if (index) {
      const caughtUp = await catchUpFromStorage(index, persistence, batchSize);
      report = { source: 'snapshot', caughtUp };
    } else {
      index = await rebuild(persistence, batchSize);
      report = { source: 'rebuild', rebuildReason, caughtUp: 0 };
    }
    sync = new SearchSync({ index, report, options, unsubscribe, held });
    sync.release();
    // A rebuilt index, or one saved whole or in fewer parts by an earlier version, is saved
    // again in the background; so is one that had to catch up with many rows (after a first
    // download the last save may be a quarter of the index behind), or every open would repeat
    // that catch-up.
    const saveEvery = options.saveEvery ?? DEFAULT_SAVE_EVERY;
    const outdated =
      report.source === 'snapshot' &&
      ((saveEvery > 0 && report.caughtUp >= saveEvery) || (await persistence.getMeta<unknown>(partKey(key, SNAPSHOT_PARTS - 1))) === undefined);
    if (report.source === 'rebuild' || outdated) sync.save().catch(options.onError ?? (() => {}));
    return sync;
  } catch (error) {
    unsubscribe();
    throw error;
  }
}

/** A turn for the host (the page) between slices of loading or saving work. */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Parts a snapshot is stored in: each is read, parsed and written in its own task. */
const SNAPSHOT_PARTS = 48;
const partKey = (key: string, part: number) => `${key}:${part}`;

/**
 * The parsed snapshot stored under `key` (whose value is `stored`): a header followed by its
 * parts, each read and parsed in its own task, or a whole snapshot (as saved before parts).
 */
async function readSnapshot(persistence: Pick<SearchPersistence, 'getMeta'>, key: string, stored: string): Promise<unknown> {
  const head = parseSnapshotJSON(stored);
  if (!isSnapshotHeader(head)) return head;
  const parts: unknown[] = [];
  for (let i = 0; i < head.parts; i++) {
    const part = await persistence.getMeta<unknown>(partKey(key, i));
    if (typeof part !== 'string') throw corruptSnapshotError(`part ${i} of ${head.parts} is missing`);
    parts.push(parseSnapshotJSON(part));
    await turn();
  }
  return joinSnapshot(head, parts, turn);
}

/** The index saved under `key`, or null when none is; throws a SearchError when it is unusable. */
export async function loadSnapshot(persistence: Pick<SearchPersistence, 'getMeta'>, key = DEFAULT_SNAPSHOT_KEY): Promise<SearchIndex | null> {
  const stored = await persistence.getMeta<unknown>(key);
  if (typeof stored !== 'string') return null;
  return SearchIndex.fromSnapshotAsync(await readSnapshot(persistence, key, stored), turn);
}

/** Rows indexed per task while rebuilding or catching up (a batch of 2,000 took 50–100 ms at L). */
const APPLY_SLICE = 250;

async function applyInSlices(index: SearchIndex, collection: SearchCollection, rows: readonly VersionedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += APPLY_SLICE) {
    if (i > 0) await turn();
    index.applyChanges(rows.slice(i, i + APPLY_SLICE).map((row) => ({ collection, id: row.id, row })));
  }
}

async function rebuild(persistence: SearchPersistence, batchSize: number): Promise<SearchIndex> {
  const version = await persistence.maxRowVersion();
  const index = new SearchIndex();
  for (const collection of COLLECTIONS) {
    await persistence.scanRows(collection, batchSize, (rows) => applyInSlices(index, collection, rows));
  }
  index.version = version;
  return index;
}

async function catchUpFromStorage(index: SearchIndex, persistence: SearchPersistence, batchSize: number): Promise<number> {
  const version = await persistence.maxRowVersion();
  const from = index.version;
  // Nothing stored since the index's version (the usual case: events kept it current).
  if (version <= from) return 0;
  let read = 0;
  for (const collection of COLLECTIONS) {
    let after = from;
    for (;;) {
      const rows = await persistence.rowsSince(collection, after, batchSize);
      if (rows.length === 0) break;
      await applyInSlices(index, collection, rows);
      read += rows.length;
      after = rows[rows.length - 1].v;
      if (rows.length < batchSize) break;
    }
  }
  // Rows with a version above `version` may have been read too; re-reading them next time is
  // harmless, claiming more is not (a row of a collection read earlier could be missed).
  index.version = Math.max(from, version);
  return read;
}
