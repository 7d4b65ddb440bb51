// The browser bench page: runs the real store (packages/store over DexiePersistence on the
// page's IndexedDB) and the search index (packages/search), with the dataset generated here in
// the page (bench/dataset.ts is bundled) rather than shipped over the wire. Each step is a
// function on `window.bench` that the driver (store-bench.ts) calls through playwright and
// that returns plain figures. Steps that need a cold page (reload) are separate calls.
import * as Y from 'yjs';
import { COLLECTIONS, collaborativeFields, docIdOf, foldText, validateFields, type Collection } from '@carnet/schema';
import {
  LOCAL_ORIGIN, Store, markCreated, newRecordDoc, rowFromDoc, stamp, transactWithUpdate, writeFields, type Persistence,
} from '@carnet/store';
import { DexiePersistence, dexieStores } from '@carnet/store-dexie';
import { Dexie } from 'dexie';
import { DEFAULT_SNAPSHOT_KEY, SearchIndex, loadSnapshot, openSearch, type SearchSync } from '@carnet/search';
import { DatasetGenerator, fieldsOf, generate, type DatasetSize } from '../dataset.ts';

const DB_NAME = 'carnet-bench';
/** Where openSearch keeps the search snapshot (the store's meta table). */
const SNAPSHOT_KEY = DEFAULT_SNAPSHOT_KEY;
/** Load order keeps references pointing at records that already exist. */
const LOAD_ORDER: Collection[] = ['companies', 'contacts', 'deals', 'activities'];

const now = () => performance.now();
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (...args: unknown[]) => console.log('[page]', ...args);

// ---- instrumentation ---------------------------------------------------------------------------

/**
 * Watches the UI thread while work runs: the longest task (PerformanceObserver 'longtask',
 * tasks of 50 ms and more) and the longest gap between two runs of a setTimeout heartbeat
 * (which also sees shorter tasks, and tasks queued back to back).
 */
interface LongFrame {
  ms: number;
  /** The frame's time past 50 ms in its long tasks. */
  blockingMs: number;
  /** Its longest scripts: duration, what invoked them, the function. */
  scripts: string[];
}

/** A PerformanceLongAnimationFrameTiming, which TypeScript's DOM types do not have yet. */
interface LoafEntry extends PerformanceEntry {
  blockingDuration: number;
  scripts: { duration: number; invoker: string; sourceFunctionName: string; sourceCharPosition: number }[];
}

class BlockMonitor {
  longest = 0;
  longCount = 0;
  longTotal = 0;
  maxGap = 0;
  #last = 0;
  /**
   * Input the bench driver sends while work runs (a key press every 100 ms through CDP): how long
   * each waited before its handler ran. Timers run at low priority (while IndexedDB's callbacks
   * queue up, a setTimeout heartbeat waited 316 ms at dataset L with no task of 50 ms); input
   * runs first, so its delay is what a user would feel.
   */
  #inputMaxDelay = 0;
  #inputs = 0;
  #onKey = (event: KeyboardEvent) => {
    this.#inputs++;
    this.#inputMaxDelay = Math.max(this.#inputMaxDelay, performance.now() - event.timeStamp);
  };
  #running = false;
  #observer: PerformanceObserver | null = null;
  #frameObserver: PerformanceObserver | null = null;
  /** The longest animation frames (Long Animation Frames API), with the scripts that ran in them. */
  #frames: LongFrame[] = [];
  readonly supported = PerformanceObserver.supportedEntryTypes.includes('longtask');

  #take(entries: PerformanceEntryList) {
    for (const e of entries) {
      this.longCount++;
      this.longTotal += e.duration;
      if (e.duration > this.longest) this.longest = e.duration;
    }
  }

  start(): this {
    if (this.supported) {
      this.#observer = new PerformanceObserver((list) => this.#take(list.getEntries()));
      this.#observer.observe({ type: 'longtask' });
    }
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      this.#frameObserver = new PerformanceObserver((list) => this.#takeFrames(list.getEntries()));
      this.#frameObserver.observe({ type: 'long-animation-frame' });
    }
    this.#running = true;
    this.#last = now();
    const tick = () => {
      const t = now();
      if (t - this.#last > this.maxGap) this.maxGap = t - this.#last;
      this.#last = t;
      if (this.#running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    this.#inputMaxDelay = 0;
    this.#inputs = 0;
    addEventListener('keydown', this.#onKey, true);
    return this;
  }

  #takeFrames(entries: PerformanceEntryList) {
    for (const e of entries as unknown as LoafEntry[]) {
      this.#frames.push({
        ms: round(e.duration, 1),
        blockingMs: round(e.blockingDuration, 1),
        scripts: [...e.scripts].sort((a, b) => b.duration - a.duration).slice(0, 4).map((script) =>
          `${round(script.duration, 1)} ms ${script.invoker} ${script.sourceFunctionName || '(anonymous)'}@${script.sourceCharPosition}`),
      });
      this.#frames.sort((a, b) => b.blockingMs - a.blockingMs);
      this.#frames.length = Math.min(this.#frames.length, 3);
    }
  }

  async stop(): Promise<{ longestTaskMs: number; longTasks: number; longTaskTotalMs: number; heartbeatMaxGapMs: number; inputMaxDelayMs: number; inputs: number; longtaskSupported: boolean; longestFrames?: LongFrame[] }> {
    // Let the last heartbeat and long-task entries land.
    await new Promise((r) => setTimeout(r, 60));
    this.#running = false;
    if (this.#observer) {
      this.#take(this.#observer.takeRecords());
      this.#observer.disconnect();
    }
    removeEventListener('keydown', this.#onKey, true);
    if (this.#frameObserver) {
      this.#takeFrames(this.#frameObserver.takeRecords());
      this.#frameObserver.disconnect();
    }
    return {
      longestTaskMs: round(this.longest, 1), longTasks: this.longCount, longTaskTotalMs: round(this.longTotal, 0),
      heartbeatMaxGapMs: round(this.maxGap, 1), inputMaxDelayMs: round(this.#inputMaxDelay, 1), inputs: this.#inputs, longtaskSupported: this.supported,
      ...(this.#frames.length > 0 ? { longestFrames: this.#frames } : {}),
    };
  }
}

/** Time spent awaiting each persistence call (wall time, IndexedDB included). */
type Timings = Record<string, { calls: number; ms: number }>;

function timed(persistence: Persistence): { persistence: Persistence; timings: Timings; reset: () => void } {
  const timings: Timings = {};
  const methods = ['open', 'commit', 'getDocStates', 'getRows', 'query', 'count', 'rowsSince', 'maxRowVersion', 'getMeta', 'scanRows'] as const;
  const target = persistence as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of methods) {
    const original = target[name].bind(persistence);
    target[name] = async (...args: unknown[]) => {
      const t0 = now();
      try {
        return await original(...args);
      } finally {
        const slot = (timings[name] ??= { calls: 0, ms: 0 });
        slot.calls++;
        slot.ms += now() - t0;
      }
    };
  }
  return {
    persistence,
    timings,
    reset: () => {
      for (const key of Object.keys(timings)) delete timings[key];
    },
  };
}

function roundTimings(timings: Timings): Timings {
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { calls: v.calls, ms: round(v.ms, 0) }]));
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 3), p95: round(percentile(sorted, 95), 3), p99: round(percentile(sorted, 99), 3),
    max: round(sorted[sorted.length - 1] ?? NaN, 3), mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1), 3),
  };
}

const idle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
  });
}

// ---- state kept between calls within one page load --------------------------------------------

interface Session {
  size: DatasetSize;
  gen: DatasetGenerator;
  store: Store;
  timings: Timings;
  resetTimings: () => void;
  sync?: SearchSync;
  indexMs: number;
  indexedRows: number;
  firstPage?: unknown[];
  remote?: { docId: string; update: Uint8Array }[];
  editedIds: Set<string>;
}

let session: Session | undefined;

function actorOf(gen: DatasetGenerator) {
  return { userId: gen.users[0].id, deviceId: 'bench-browser' };
}

/** A turn for the page (scheduler.yield: setTimeout is clamped to 4 ms when nested). */
const pageYield = () => (globalThis as unknown as { scheduler: { yield(): Promise<void> } }).scheduler.yield();

async function openStore(size: DatasetSize): Promise<{ store: Store; openMs: number; s: Session }> {
  const gen = new DatasetGenerator(size);
  const t = timed(new DexiePersistence(DB_NAME));
  const t0 = now();
  // Yields as the app's store does.
  const store = await Store.open({ persistence: t.persistence, actor: actorOf(gen), yieldToHost: pageYield });
  const openMs = now() - t0;
  session = { size, gen, store, timings: t.timings, resetTimings: t.reset, indexMs: 0, indexedRows: 0, editedIds: new Set() };
  return { store, openMs, s: session };
}

/**
 * The search index kept in step with the store by the search package's openSearch (snapshot
 * load or rebuild, catch-up, live events), with the time spent in its event listener counted
 * (a big event is applied in slices in later tasks, which this does not count).
 */
async function openIndex(s: Session, saveEvery?: number): Promise<SearchSync> {
  const sync = await openSearch({
    persistence: s.store.persistence as never,
    subscribe: (listener) => s.store.subscribe((event) => {
      const t0 = now();
      listener(event);
      s.indexMs += now() - t0;
      s.indexedRows += event.rows.length;
    }),
    ...(saveEvery === undefined ? {} : { saveEvery }),
    onError: (error) => console.error('search save failed', error),
  });
  s.sync = sync;
  return sync;
}

function need(): Session {
  if (!session) throw new Error('No store open in this page: call bulkLoad or coldOpen first.');
  return session;
}

// ---- steps ---------------------------------------------------------------------------------------

/** Empty database → whole dataset through createMany in batches, search index fed by events. */
async function bulkLoad(size: DatasetSize, batchSize = 500) {
  if (session) await session.store.close();
  session = undefined;
  await deleteDatabase(DB_NAME);
  const { store, s } = await openStore(size);
  // Background saves off during the load (the default, every 2,000 row changes, would
  // re-serialize the whole index over and over); one save at the end, timed below.
  const sync = await openIndex(s, 0);
  const { gen } = s;
  let generateMs = 0;
  let createMs = 0;
  let maxBatchMs = 0;
  const perCollection: Record<string, number> = {};
  const monitor = new BlockMonitor().start();
  const t0 = now();
  // Like the app's import: the next batch is handed over while the previous one is stored, so
  // its docs are built while IndexedDB writes (the store commits them in order).
  let inFlight: { started: number; done: Promise<unknown> } | undefined;
  const settle = async () => {
    if (!inFlight) return;
    await inFlight.done;
    const batchMs = now() - inFlight.started;
    if (batchMs > maxBatchMs) maxBatchMs = batchMs;
    inFlight = undefined;
  };
  for (const collection of LOAD_ORDER) {
    const n = gen.counts[collection];
    const tc = now();
    for (let start = 0; start < n; start += batchSize) {
      // The generation is the bench's work, not the store's: in tasks of its own (100 records,
      // a few milliseconds each), never in the same task as the store's work.
      const records = [];
      for (let i = start; i < Math.min(n, start + batchSize); i++) {
        if ((i - start) % 100 === 0) await pageYield();
        const tg = now();
        records.push(gen.record(collection, i));
        generateMs += now() - tg;
      }
      const tg = now();
      const inputs = records.map((r) => fieldsOf(r) as unknown as Record<string, unknown>);
      const ids = records.map((r) => r.id);
      generateMs += now() - tg;
      await pageYield();
      const tb = now();
      const done = store.createMany(collection, inputs, ids);
      await settle();
      inFlight = { started: tb, done };
      createMs += now() - tb;
      if ((start / batchSize) % 40 === 0) log(`bulk ${collection} ${start}/${n} ${Math.round(now() - t0)} ms`);
    }
    // Collections load in order (references point at stored records).
    const tb = now();
    await settle();
    createMs += now() - tb;
    perCollection[collection] = round(now() - tc, 0);
  }
  const wallMs = now() - t0;
  const blocked = await monitor.stop();
  const storeTimings = roundTimings(s.timings);

  // Persist the search snapshot (what a cold start loads instead of rebuilding).
  const persistence = store.persistence;
  const snapMonitor = new BlockMonitor().start();
  const ts = now();
  await sync.save();
  const saveMs = now() - ts;
  const snapBlocked = await snapMonitor.stop();
  const snapshotChars = (await snapshotTexts(persistence)).reduce((sum, text) => sum + text.length, 0);
  await sync.close();
  const counts: Record<string, number> = {};
  for (const c of COLLECTIONS) counts[c] = await store.count(c);
  await store.close();
  session = undefined;
  return {
    records: Object.values(counts).reduce((a, b) => a + b, 0), counts, batchSize,
    bulkLoadMs: round(wallMs - generateMs, 0), wallMs: round(wallMs, 0), generateMs: round(generateMs, 0),
    createManyMs: round(createMs, 0), maxBatchMs: round(maxBatchMs, 0), perCollectionMs: perCollection,
    indexApplyMs: round(s.indexMs, 0), indexedRows: s.indexedRows, persistence: storeTimings, blocked,
    snapshot: { chars: snapshotChars, saveMs: round(saveMs, 0), blocked: snapBlocked, documents: sync.index.size, source: sync.report },
  };
}

/** After a reload: Store.open → the first 50 contacts by last update. */
async function coldOpen(size: DatasetSize) {
  const t0 = now();
  const { store, openMs } = await openStore(size);
  const t1 = now();
  // The first screen does not wait for the total: counting walks the whole index.
  const page = await store.query('contacts', { sort: [{ field: 'updatedAt', dir: 'desc' }], limit: 50, total: false });
  const t2 = now();
  session!.firstPage = page.rows;
  const total = await store.count('contacts');
  const t3 = now();
  document.getElementById('status')!.textContent = `${page.rows.length} of ${total} contacts`;
  const persistence = roundTimings(session!.timings);
  return {
    firstRowsMs: round(t2 - t0, 1), openMs: round(openMs, 1), queryMs: round(t2 - t1, 1), countMs: round(t3 - t2, 1), rows: page.rows.length, total,
    persistence, raw: await rawFirstPageSplit(),
  };
}

/**
 * After the measurement: the same first-page read in raw IndexedDB, split into its two parts,
 * counting the alive rows (the query's `total`) and walking the newest 66 entries of
 * `[_alive+updatedAt]` backwards (the page plus the tie slack).
 */
async function rawFirstPageSplit() {
  const db = await new Promise<IDBDatabase>((ok, ko) => {
    const r = indexedDB.open(DB_NAME);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const request = <T>(r: IDBRequest<T>) => new Promise<T>((ok, ko) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  try {
    const range = IDBKeyRange.bound([1, -Infinity], [1, Infinity]);
    const index = () => db.transaction(['contacts'], 'readonly').objectStore('contacts').index('[_alive+updatedAt]');
    let t0 = now();
    const count = await request(index().count(range));
    const countMs = now() - t0;
    t0 = now();
    const rows: unknown[] = [];
    await new Promise<void>((ok, ko) => {
      const c = index().openCursor(range, 'prev');
      c.onerror = () => ko(c.error);
      c.onsuccess = () => {
        const cursor = c.result;
        if (!cursor || rows.length >= 66) return ok();
        rows.push(cursor.value);
        cursor.continue();
      };
    });
    const cursorMs = now() - t0;
    return { count, countMs: round(countMs, 1), newest66CursorMs: round(cursorMs, 1) };
  } finally {
    db.close();
  }
}

/** After coldOpen: the search index through openSearch (persisted snapshot, caught up, attached). */
async function searchReady() {
  const s = need();
  s.resetTimings();
  const monitor = new BlockMonitor().start();
  const t0 = now();
  const sync = await openIndex(s);
  const readyMs = now() - t0;
  const blocked = await monitor.stop();
  const persistence = roundTimings(s.timings);
  // Splits, after the measurement: reading the stored snapshot (a header and its parts), and
  // loading it alone (read, parse and build the index, in slices as openSearch does).
  let t = now();
  const chars = (await snapshotTexts(s.store.persistence)).reduce((sum, text) => sum + text.length, 0);
  const readSnapshotMs = now() - t;
  t = now();
  await loadSnapshot(s.store.persistence, SNAPSHOT_KEY);
  const loadSnapshotMs = now() - t;
  return {
    readyMs: round(readyMs, 1), source: sync.report.source, rebuildReason: sync.report.rebuildReason ?? null, caughtUp: sync.report.caughtUp,
    readSnapshotMs: round(readSnapshotMs, 1), loadSnapshotMs: round(loadSnapshotMs, 0),
    snapshotChars: chars, documents: sync.index.size, persistence, blocked,
  };
}

/** The stored search snapshot as text: its header, then each part (`<key>:<i>`). */
async function snapshotTexts(persistence: Persistence): Promise<string[]> {
  const header = await persistence.getMeta<string>(SNAPSHOT_KEY);
  if (typeof header !== 'string') return [];
  const parsed = JSON.parse(header) as { parts?: number };
  const texts = [header];
  for (let i = 0; i < (parsed.parts ?? 0); i++) texts.push((await persistence.getMeta<string>(`${SNAPSHOT_KEY}:${i}`)) ?? '');
  return texts;
}

/**
 * Realistic keystroke queries: what a user types, letter by letter (from the second letter on),
 * to find a real record: full names (accented ones typed without accents, like `francois`,
 * `helene`), last names alone and company names, until `count` queries.
 */
function keystrokeQueries(gen: DatasetGenerator, count: number): { queries: string[]; oneLetter: string[]; targets: { q: string; collection: Collection; id: string }[] } {
  const targets: { text: string; collection: Collection; id: string }[] = [];
  const nC = gen.counts.contacts;
  const hasAccent = (s: string) => foldText(s) !== s.toLowerCase();
  let total = 0;
  let walk = 0;
  const nextContact = (accented: boolean | null) => {
    for (let tries = 0; tries < 5_000; tries++) {
      const c = gen.contact((walk++ * 7_919 + 13) % nC);
      if (accented === null || hasAccent(`${c.firstName} ${c.lastName}`) === accented) return c;
    }
    return gen.contact((walk++ * 7_919 + 13) % nC);
  };
  for (let k = 0; total < count; k++) {
    let target: { text: string; collection: Collection; id: string };
    switch (k % 4) {
      case 0: {
        const c = nextContact(true);
        target = { text: foldText(`${c.firstName} ${c.lastName}`), collection: 'contacts', id: c.id };
        break;
      }
      case 1: {
        const c = nextContact(false);
        target = { text: `${c.firstName} ${c.lastName}`.toLowerCase(), collection: 'contacts', id: c.id };
        break;
      }
      case 2: {
        const co = gen.company((k * 613 + 3) % gen.counts.companies);
        target = { text: co.name.toLowerCase(), collection: 'companies', id: co.id };
        break;
      }
      default: {
        const c = nextContact(null);
        target = { text: foldText(c.lastName ?? ''), collection: 'contacts', id: '' }; // many share it: not checked
      }
    }
    targets.push(target);
    total += Math.max(0, target.text.length - 1);
  }
  const queries: string[] = [];
  for (const t of targets) for (let j = 2; j <= t.text.length; j++) queries.push(t.text.slice(0, j));
  const oneLetter = [...new Set(targets.map((t) => t.text[0]))];
  return { queries: queries.slice(0, count), oneLetter, targets: targets.map((t) => ({ q: t.text, collection: t.collection, id: t.id })) };
}

async function searchQueries(count = 200) {
  const s = need();
  const index = s.sync!.index;
  const { queries, oneLetter, targets } = keystrokeQueries(s.gen, count);
  index.search('warmup zz'); // one query to get the code compiled, as the first keystroke would
  const times: number[] = [];
  let empty = 0;
  for (const q of queries) {
    const t0 = now();
    const hits = index.search(q, { limit: 20 });
    times.push(now() - t0);
    if (!hits.length) empty++;
    await idle(); // keystrokes are separate tasks
  }
  const oneTimes: number[] = [];
  for (const q of oneLetter) {
    const t0 = now();
    index.search(q, { limit: 20 });
    oneTimes.push(now() - t0);
    await idle();
  }
  let found = 0;
  const checked = targets.filter((t) => t.id);
  for (const t of checked) if (index.search(t.q, { limit: 20 }).some((h) => h.id === t.id)) found++;
  const slowest = queries.map((q, i) => ({ q, ms: round(times[i], 2) })).sort((a, b) => b.ms - a.ms).slice(0, 8);
  return {
    ...stats(times), emptyResults: empty, oneLetter: stats(oneTimes), fullNameFound: `${found}/${checked.length}`,
    sample: queries.slice(0, 12), slowest,
  };
}

/** store.update of one field → the row reads back with it and search finds the new value. */
async function localEdits(count = 50) {
  const s = need();
  const index = s.sync!.index;
  const nC = s.gen.counts.contacts;
  const times: number[] = [];
  const split = { update: [] as number[], read: [] as number[], search: [] as number[] };
  let failures = 0;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let k = 0; k < count; k++) {
    const id = s.gen.idOf('contacts', (k * 104_729 + 5) % nC);
    s.editedIds.add(docIdOf('contacts', id));
    const lastName = `Zorglub${letters[k % 26]}${letters[Math.floor(k / 26) % 26]}`;
    const t0 = now();
    await s.store.update('contacts', id, { lastName });
    const t1 = now();
    const row = await s.store.get('contacts', id);
    const t2 = now();
    const hits = index.search(lastName, { limit: 20, collections: ['contacts'] });
    const t3 = now();
    if (row?.lastName !== lastName || !hits.some((h) => h.id === id)) failures++;
    times.push(t3 - t0);
    split.update.push(t1 - t0);
    split.read.push(t2 - t1);
    split.search.push(t3 - t2);
    await idle(20);
  }
  return { ...stats(times), failures, update: stats(split.update), read: stats(split.read), search: stats(split.search) };
}

/** Builds 10,000 remote updates (a peer's edit on stored docs, as another Yjs client). */
async function prepareRemote(count = 10_000) {
  const s = need();
  const { gen } = s;
  const all: string[] = [];
  for (const c of LOAD_ORDER) for (let i = 0; i < gen.counts[c]; i++) all.push(docIdOf(c, gen.idOf(c, i)));
  const candidates = all.filter((d) => !s.editedIds.has(d));
  const n = Math.min(count, candidates.length);
  const step = candidates.length / n;
  const docIds = Array.from({ length: n }, (_, k) => candidates[Math.floor(k * step)]);
  const peer = gen.users[1];
  const at = Date.now();
  const remote: { docId: string; update: Uint8Array }[] = [];
  const t0 = now();
  for (let start = 0; start < docIds.length; start += 1_000) {
    const slice = docIds.slice(start, start + 1_000);
    const states = await s.store.persistence.getDocStates(slice);
    slice.forEach((docId, j) => {
      const state = states[j];
      if (!state) throw new Error(`${docId} is not stored`);
      const doc = new Y.Doc({ gc: false });
      doc.clientID = 0x5eed0000 + (start + j);
      Y.applyUpdate(doc, state);
      const before = Y.encodeStateVector(doc);
      const collection = docId.slice(0, docId.indexOf('/'));
      doc.transact(() => {
        const fields = doc.getMap('fields');
        if (collection === 'contacts') fields.set('title', 'Head of Remote Work');
        else if (collection === 'companies') fields.set('industry', 'Software');
        else if (collection === 'deals') fields.set('amount', 4_242);
        else fields.set('done', true);
        doc.getMap('meta').set('edit', { at, by: peer.id, device: 'remote-peer' });
      });
      remote.push({ docId, update: Y.encodeStateAsUpdate(doc, before) });
      doc.destroy();
    });
  }
  s.remote = remote;
  const byCollection: Record<string, number> = {};
  for (const r of remote) {
    const c = r.docId.slice(0, r.docId.indexOf('/'));
    byCollection[c] = (byCollection[c] ?? 0) + 1;
  }
  return { updates: remote.length, byCollection, prepareMs: round(now() - t0, 0), avgUpdateBytes: round(remote.reduce((a, r) => a + r.update.length, 0) / remote.length, 0) };
}

async function applyRemote() {
  const s = need();
  const remote = s.remote;
  if (!remote) throw new Error('call prepareRemote first');
  s.remote = undefined;
  s.resetTimings();
  s.indexMs = 0;
  s.indexedRows = 0;
  const monitor = new BlockMonitor().start();
  const t0 = now();
  const result = await s.store.applyRemoteBatch(remote);
  const ms = now() - t0;
  const blocked = await monitor.stop();
  const probe = remote.find((r) => r.docId.startsWith('contacts/'));
  let checked = 'no contact in the batch';
  if (probe) {
    const row = await s.store.get('contacts', probe.docId.slice('contacts/'.length));
    checked = row?.title === 'Head of Remote Work' ? 'ok' : `row not updated: ${JSON.stringify(row?.title)}`;
  }
  return {
    applyMs: round(ms, 0), applied: result.applied, rejected: result.rejected.length, updates: remote.length, checked,
    persistence: roundTimings(s.timings), indexApplyMs: round(s.indexMs, 0), indexedRows: s.indexedRows, blocked,
  };
}

/** The floor: JSON.parse of the same dataset, in this page. Call on a fresh page. */
let floorJson: string | null = null;
let floorParsed: unknown = null;
function jsonFloorPrepare(size: DatasetSize) {
  const t0 = now();
  floorJson = JSON.stringify(generate(size));
  return { chars: floorJson.length, generateAndStringifyMs: round(now() - t0, 0) };
}
function jsonFloorParse() {
  const json = floorJson!;
  const t0 = now();
  floorParsed = JSON.parse(json);
  const ms = now() - t0;
  floorJson = null;
  return { parseMs: round(ms, 0), parsed: Boolean(floorParsed) };
}

function memory() {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }).memory;
  return m ? { usedMB: round(m.usedJSHeapSize / 2 ** 20, 1), totalMB: round(m.totalJSHeapSize / 2 ** 20, 1) } : null;
}

async function wipe() {
  if (session) await session.store.close();
  session = undefined;
  await deleteDatabase(DB_NAME);
}

/**
 * What one created record costs, step by step, outside the store: the pieces createMany runs
 * (validation, doc building, encoding, row) timed over `n` contacts, then raw IndexedDB puts of
 * the same docs, rows and outbox entries into a scratch database: the synchronous part (structured
 * clone and index keys on this thread) apart from the wait for the transaction to complete.
 */
async function breakdown(size: DatasetSize, n = 2_000) {
  const gen = new DatasetGenerator(size);
  const actor = actorOf(gen);
  const collab = new Set(collaborativeFields('contacts'));
  const records = Array.from({ length: n }, (_, i) => gen.contact(i));
  const inputs = records.map((r) => fieldsOf(r) as unknown as Record<string, unknown>);
  const t = { validate: 0, buildDoc: 0, encodeState: 0, rowFromDoc: 0 };
  const docs: { docId: string; state: Uint8Array }[] = [];
  const rows: Record<string, unknown>[] = [];
  const outbox: { docId: string; update: Uint8Array; createdAt: number }[] = [];
  const at = Date.now();
  for (const [i, input] of inputs.entries()) {
    let t0 = now();
    const result = validateFields('contacts', input, 'create', []);
    t.validate += now() - t0;
    if (!result.ok) throw new Error('invalid');
    const docId = docIdOf('contacts', records[i].id);
    t0 = now();
    const doc = newRecordDoc(docId);
    const update = transactWithUpdate(doc, LOCAL_ORIGIN, () => {
      writeFields(doc, result.value, collab);
      markCreated(doc, actor, at);
      stamp(doc, actor, at);
    })!;
    t.buildDoc += now() - t0;
    t0 = now();
    const state = newEncode(doc);
    t.encodeState += now() - t0;
    t0 = now();
    const row = { ...rowFromDoc(doc, records[i].id), v: i + 1 };
    t.rowFromDoc += now() - t0;
    docs.push({ docId, state });
    rows.push({ ...row, _alive: 1 });
    outbox.push({ docId, update, createdAt: at });
    doc.destroy();
  }
  // Raw IndexedDB with the store's layout (Dexie creates it), one transaction per table.
  const scratch = 'carnet-bench-scratch';
  await deleteDatabase(scratch);
  const dexie = new DexiePersistence(scratch);
  await dexie.open();
  await dexie.close();
  const db = await new Promise<IDBDatabase>((ok, ko) => {
    const r = indexedDB.open(scratch);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const put = async (table: string, values: unknown[], batch: number) => {
    let sync = 0;
    let total = 0;
    let longest = 0;
    for (let start = 0; start < values.length; start += batch) {
      const t0 = now();
      const tx = db.transaction([table], 'readwrite');
      const store = tx.objectStore(table);
      for (let i = start; i < Math.min(values.length, start + batch); i++) store.put(values[i]);
      const t1 = now();
      await new Promise<void>((ok, ko) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => ko(tx.error);
      });
      sync += t1 - t0;
      if (t1 - t0 > longest) longest = t1 - t0;
      total += now() - t0;
    }
    return { syncMsPerRecord: round(sync / values.length, 4), totalMsPerRecord: round(total / values.length, 4), longestSyncPerBatchMs: round(longest, 1) };
  };
  const idb = {
    docs: await put('docs', docs, 500),
    contactRows: await put('contacts', rows, 500),
    outbox: await put('outbox', outbox, 500),
  };
  // One transaction over the three tables per 500 records, raw IndexedDB: default durability,
  // relaxed durability, and requests issued in chunks of 100 from the previous chunk's last
  // success callback (the transaction stays active; each chunk's cloning is its own task).
  db.close();
  const variant = async (durability: 'default' | 'relaxed', chunk: number) => {
    await deleteDatabase(scratch);
    const d = new DexiePersistence(scratch);
    await d.open();
    await d.close();
    const vdb = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open(scratch);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    let longest = 0;
    const t0 = now();
    for (let start = 0; start < n; start += 500) {
      const end = Math.min(n, start + 500);
      const tx = vdb.transaction(['docs', 'contacts', 'outbox'], 'readwrite', { durability });
      const stores = { docs: tx.objectStore('docs'), contacts: tx.objectStore('contacts'), outbox: tx.objectStore('outbox') };
      const done = new Promise<void>((ok, ko) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => ko(tx.error);
      });
      const issue = (from: number) => {
        const ts = now();
        const to = Math.min(end, from + chunk);
        let last: IDBRequest | undefined;
        for (let i = from; i < to; i++) {
          stores.docs.put(docs[i]);
          stores.contacts.put(rows[i]);
          last = stores.outbox.put(outbox[i]);
        }
        longest = Math.max(longest, now() - ts);
        if (to < end && last) last.onsuccess = () => issue(to);
      };
      issue(start);
      await done;
    }
    const ms = now() - t0;
    vdb.close();
    return { msPerRecord: round(ms / n, 4), longestChunkMs: round(longest, 1) };
  };
  const oneTransaction = {
    default500: await variant('default', 500),
    relaxed500: await variant('relaxed', 500),
    relaxedChunks100: await variant('relaxed', 100),
    defaultChunks100: await variant('default', 100),
  };
  // The reads createMany does before writing: existence (docs) and previous rows.
  const ids = records.map((r) => r.id);
  const docIds = docs.map((d) => d.docId);
  const p2 = new DexiePersistence(scratch);
  await p2.open();
  let t0 = now();
  for (let s = 0; s < n; s += 500) await p2.getDocStates(docIds.slice(s, s + 500));
  const getDocStatesMs = now() - t0;
  // The same existence check with keys only (getKey), raw IndexedDB, one transaction per 500.
  const rawDb = await new Promise<IDBDatabase>((ok, ko) => {
    const r = indexedDB.open(scratch);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  t0 = now();
  for (let s = 0; s < n; s += 500) {
    const tx = rawDb.transaction(['docs'], 'readonly');
    const store = tx.objectStore('docs');
    await Promise.all(docIds.slice(s, s + 500).map((id) => new Promise((ok, ko) => {
      const r = store.getKey(id);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    })));
  }
  const getKeyMs = now() - t0;
  rawDb.close();
  t0 = now();
  for (let s = 0; s < n; s += 500) await p2.getRows('contacts', ids.slice(s, s + 500));
  const getRowsMs = now() - t0;
  t0 = now();
  await p2.commit({ docs: docs.slice(0, 500), rows: rows.slice(0, 500).map((row) => ({ collection: 'contacts' as const, row: row as never })), outbox: outbox.slice(0, 500) });
  const dexieCommit500Ms = now() - t0;
  await p2.close();
  await deleteDatabase(scratch);
  const per = (ms: number) => round(ms / n, 4);
  return {
    n, msPerRecord: { validate: per(t.validate), buildDocAndUpdate: per(t.buildDoc), encodeStateAsUpdate: per(t.encodeState), rowFromDoc: per(t.rowFromDoc) },
    idb, oneTransaction, existenceCheckMsPerRecord: per(getDocStatesMs), existenceByKeyMsPerRecord: per(getKeyMs), previousRowsMsPerRecord: per(getRowsMs), dexieCommitOf500Ms: round(dexieCommit500Ms, 0),
    avgStateBytes: round(docs.reduce((a, d) => a + d.state.length, 0) / n, 0), avgUpdateBytes: round(outbox.reduce((a, d) => a + d.update.length, 0) / n, 0),
  };
}

/**
 * The search snapshot's load, apart from the store: an index built from the generated rows,
 * serialized, then loaded synchronously (SearchIndex.loadJSON: the CPU cost) and with
 * loadJSONAsync (what searchReady uses), counting the setTimeout waits MiniSearch makes.
 */
async function searchLoadSplit(size: DatasetSize) {
  const gen = new DatasetGenerator(size);
  const t0 = now();
  const index = SearchIndex.build((function* () {
    for (const collection of LOAD_ORDER) {
      for (let i = 0; i < gen.counts[collection]; i++) {
        const r = gen.record(collection, i);
        yield { collection, id: r.id, row: { ...r, deletedAt: null } as never };
      }
    }
  })());
  const buildMs = now() - t0;
  const json = JSON.stringify(index);
  await idle(50);
  let t = now();
  SearchIndex.loadJSON(json);
  const loadSyncMs = now() - t;
  await idle(50);
  let waits = 0;
  const original = window.setTimeout;
  (window as unknown as { setTimeout: unknown }).setTimeout = ((fn: () => void, ms?: number) => {
    waits++;
    return original(fn, ms);
  }) as typeof setTimeout;
  t = now();
  try {
    await SearchIndex.loadJSONAsync(json);
  } finally {
    window.setTimeout = original;
  }
  const loadAsyncMs = now() - t;
  return { documents: index.size, chars: json.length, buildMs: round(buildMs, 0), loadJSONSyncMs: round(loadSyncMs, 0), loadJSONAsyncMs: round(loadAsyncMs, 0), setTimeoutWaits: waits };
}

/** `pool` activities built once, as createMany builds them: each doc's state and its stored row. */
function builtActivities(size: DatasetSize, pool: number): { state: Uint8Array; row: Record<string, unknown> }[] {
  const gen = new DatasetGenerator(size);
  const actor = actorOf(gen);
  const collab = new Set(collaborativeFields('activities'));
  const at = Date.now();
  const built: { state: Uint8Array; row: Record<string, unknown> }[] = [];
  for (let i = 0; i < pool; i++) {
    const r = gen.activity(i);
    const result = validateFields('activities', fieldsOf(r) as unknown as Record<string, unknown>, 'create', []);
    if (!result.ok) throw new Error('invalid');
    const doc = newRecordDoc(docIdOf('activities', r.id));
    const state = transactWithUpdate(doc, LOCAL_ORIGIN, () => {
      writeFields(doc, result.value, collab);
      markCreated(doc, actor, at);
      stamp(doc, actor, at);
    })!;
    built.push({ state, row: { ...rowFromDoc(doc, r.id), _alive: 1 } });
    doc.destroy();
  }
  return built;
}

/**
 * What opening a database written by layout version 2 costs: `n` activities (doc states in the
 * docs table, rows without them) are written with raw IndexedDB, then DexiePersistence opens it
 * and its upgrade moves every state into its row. Returns the open's time and a sampled check.
 */
async function upgradeFromV2(size: DatasetSize, n: number) {
  const built = builtActivities(size, 2_000);
  const scratch = 'carnet-bench-upgrade';
  await deleteDatabase(scratch);
  const v2 = new Dexie(scratch);
  v2.version(2).stores(dexieStores(2));
  await v2.open();
  const db = v2.backendDB();
  const idOf = (i: number) => `a${i.toString(36).padStart(8, '0')}`;
  for (let start = 0; start < n; start += 500) {
    const tx = db.transaction(['docs', 'activities'], 'readwrite');
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const b = built[i % built.length];
      tx.objectStore('docs').put({ docId: `activities/${idOf(i)}`, state: b.state });
      tx.objectStore('activities').put({ ...b.row, id: idOf(i), v: i + 1 });
    }
    await new Promise<void>((ok, ko) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => ko(tx.error);
    });
  }
  v2.close();
  const t0 = now();
  const p = new DexiePersistence(scratch);
  await p.open();
  const openMs = now() - t0;
  const sample = [0, Math.floor(n / 2), n - 1];
  const states = await p.getDocStates(sample.map((i) => `activities/${idOf(i)}`));
  const ok = states.every((state, k) => state !== undefined && state.length === built[sample[k] % built.length].state.length);
  await p.close();
  await deleteDatabase(scratch);
  return { records: n, openMs: round(openMs, 0), msPerRecord: round(openMs / n, 4), checked: ok ? 'ok' : 'states missing' };
}

/**
 * What IndexedDB itself costs per created record under candidate layouts, as the database grows:
 * `pool` activities are built once (doc state, row, creation update) and written `n` times over
 * with fresh ids, 500 per transaction, 120 requests per task, into a fresh database per layout.
 * Returns ms per record for each tenth of the load, so growth shows.
 */
async function layoutGrowth(size: DatasetSize, n: number, layouts: string[], pool = 10_000) {
  const at = Date.now();
  const built = builtActivities(size, pool);
  const scratch = 'carnet-bench-layouts';
  const out: Record<string, unknown> = {};
  for (const layout of layouts) {
    if (layout.startsWith('par')) {
      out[layout] = await parallelStreams(layout, n, built);
      log(layout, JSON.stringify(out[layout]));
      continue;
    }
    await deleteDatabase(scratch);
    const d = new DexiePersistence(scratch);
    await d.open();
    await d.close();
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open(scratch, 1000);
      r.onupgradeneeded = () => {
        const bare = r.result.createObjectStore('bare', { keyPath: 'id' });
        const two = r.result.createObjectStore('two', { keyPath: 'id' });
        two.createIndex('v', 'v');
        two.createIndex('[_alive+updatedAt]', ['_alive', 'updatedAt']);
        void bare;
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const tenths: number[] = [];
    let tenthStart = now();
    let issueMs = 0;
    const t0 = now();
    // `layout@size` writes `size` records per transaction instead of 500.
    const [kind, size] = layout.split('@');
    const perTx = Number(size ?? 500);
    for (let start = 0; start < n; start += perTx) {
      const end = Math.min(n, start + perTx);
      const durability = kind.endsWith('Default') ? 'default' : 'relaxed';
      const tx = db.transaction(['docs', 'activities', 'outbox', 'meta', 'bare', 'two'], 'readwrite', { durability });
      const docs = tx.objectStore('docs');
      const rows = tx.objectStore(kind === 'rowsBare' || kind === 'stateBare' ? 'bare' : kind === 'rowsTwo' || kind === 'stateTwo' ? 'two' : 'activities');
      const outbox = tx.objectStore('outbox');
      const done = new Promise<void>((ok, ko) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => ko(tx.error);
      });
      const batch: { id: string; docId: string; state: Uint8Array; row: Record<string, unknown> }[] = [];
      for (let i = start; i < end; i++) {
        const b = built[i % pool];
        const id = `a${i.toString(36).padStart(8, '0')}`;
        batch.push({ id, docId: `activities/${id}`, state: b.state, row: { ...b.row, id, v: i + 1 } });
      }
      const requests: (() => IDBRequest)[] = [];
      for (const r of batch) {
        if (kind === 'three' || kind === 'batchOutbox') requests.push(() => docs.add({ docId: r.docId, state: r.state }));
        if (kind.startsWith('stateInRow') || kind === 'stateBare' || kind === 'stateTwo') requests.push(() => rows.put({ ...r.row, _state: r.state }));
        else if (kind === 'jsonRow') {
          requests.push(() => {
            const row = r.row as Record<string, unknown>;
            return rows.put({ id: row.id, v: row.v, _alive: row._alive, updatedAt: row.updatedAt, contactId: row.contactId, companyId: row.companyId, dealId: row.dealId, ownerId: row.ownerId, dueAt: row.dueAt, _json: JSON.stringify(row), _state: r.state });
          });
        }
        else requests.push(() => rows.put(r.row));
        if (kind === 'three') requests.push(() => outbox.add({ docId: r.docId, update: r.state, createdAt: at }));
        // A create's check that no row-less state of the same doc is in the docs table.
        if (kind.startsWith('stateInRowCheck')) requests.push(() => docs.count(r.docId));
      }
      if (layout !== 'three') requests.push(() => outbox.add({ docIds: batch.map((r) => r.docId), updates: batch.map((r) => r.state), createdAt: at }));
      if (kind === 'packedDocs') requests.push(() => docs.add({ docId: `pack/${start}`, ids: batch.map((r) => r.docId), states: batch.map((r) => r.state) }));
      const issue = (from: number) => {
        const ts = now();
        const to = Math.min(requests.length, from + 120);
        let last: IDBRequest | undefined;
        for (let i = from; i < to; i++) last = requests[i]();
        issueMs += now() - ts;
        if (to < requests.length && last) last.onsuccess = () => issue(to);
      };
      issue(0);
      await done;
      if (Math.floor(end / (n / 10)) > Math.floor(start / (n / 10))) {
        tenths.push(round((now() - tenthStart) / (n / 10), 4));
        tenthStart = now();
      }
    }
    out[layout] = { msPerRecord: round((now() - t0) / n, 4), issueMsPerRecord: round(issueMs / n, 4), tenths };
    log(layout, JSON.stringify(out[layout]));
    db.close();
  }
  await deleteDatabase(scratch);
  return out;
}

/** Experiment: `par<k>store` writes n records as k concurrent streams into k tables of one database; `par<k>db` into k databases. */
async function parallelStreams(layout: string, n: number, built: { state: Uint8Array; row: Record<string, unknown> }[]) {
  const k = Number(layout.match(/^par(\d+)/)![1]);
  const perDb = layout.endsWith('db');
  const tables = ['activities', 'contacts', 'deals', 'companies'];
  const dbs: IDBDatabase[] = [];
  for (let i = 0; i < (perDb ? k : 1); i++) {
    const name = `carnet-bench-par-${i}`;
    await deleteDatabase(name);
    const d = new DexiePersistence(name);
    await d.open();
    await d.close();
    dbs.push(await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    }));
  }
  const t0 = now();
  const stream = async (s: number) => {
    const db = perDb ? dbs[s] : dbs[0];
    const table = perDb ? 'activities' : tables[s];
    for (let start = s * 500; start < n; start += 500 * k) {
      const end = Math.min(n, start + 500);
      const tx = db.transaction([table], 'readwrite', { durability: 'relaxed' });
      const rows = tx.objectStore(table);
      const done = new Promise<void>((ok, ko) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => ko(tx.error);
      });
      for (let i = start; i < end; i++) {
        const b = built[i % built.length];
        const id = `a${i.toString(36).padStart(8, '0')}`;
        rows.put({ ...b.row, id, v: i + 1, _state: b.state });
      }
      await done;
    }
  };
  await Promise.all(Array.from({ length: k }, (_, s) => stream(s)));
  const ms = now() - t0;
  for (const [i, db] of dbs.entries()) {
    db.close();
    await deleteDatabase(`carnet-bench-par-${i}`);
  }
  return { msPerRecord: round(ms / n, 4) };
}

function newEncode(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

const bench = { breakdown, layoutGrowth, upgradeFromV2, searchLoadSplit, bulkLoad, coldOpen, searchReady, searchQueries, localEdits, prepareRemote, applyRemote, jsonFloorPrepare, jsonFloorParse, memory, wipe };
(window as unknown as { bench: typeof bench }).bench = bench;
document.getElementById('status')!.textContent = 'ready';
export type Bench = typeof bench;
