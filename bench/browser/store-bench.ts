// Browser benchmark of the store (bench name 'browser-store'): the real store over Dexie on the
// real IndexedDB of a headless Chromium (Debian's /usr/bin/chromium through playwright-core),
// the search index from packages/search, the dataset generated inside the page.
//
//   npx tsx bench/browser/store-bench.ts [S|M|L] [--batch 500] [--no-record] [--keep-profile]
//                                         [--cpu-profile bulk,cold,search,queries,edits,remote] [--breakdown]
//                                         [--layout-growth <records> three,batchOutbox,packedDocs,stateInRow,rowsOnly,rowsTwo,rowsBare]
//                                         [--upgrade-from-v2 <records>]
//   --upgrade-from-v2: opening a database of layout version 2 holding that many activities (its
//   upgrade moves every doc state into its row); records nothing.
//   --layout-growth: IndexedDB alone, ms per created record under candidate layouts as the
//   database grows (page.ts layoutGrowth); records nothing.
//
// Steps, in one persistent profile so IndexedDB survives reloads and restarts:
//   1. bulk load: createMany of the whole dataset in batches into an empty store, the search
//      index fed by store events; the UI thread watched (longtask observer + heartbeat); then
//      the search snapshot persisted.
//   2. page reload: Store.open → first 50 contacts by updatedAt desc; search index loaded from
//      its snapshot; heap after gc (CDP) with all of that held.
//   3. browser restart (same profile): the same cold open and search load, colder.
//   4. 200 keystroke queries; 50 local edits (update → row read back → search finds it);
//      10,000 remote updates on docs not in memory through applyRemoteBatch.
//   5. page reload: the plain-JSON floor (JSON.parse of the same dataset, its heap).
// Figures go to bench/results.json and bench/RESULTS.md (bench/lib/results.ts); the raw step
// outputs to bench/.cache/browser-store-<size>.json.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { isDatasetSize, type DatasetSize } from '../dataset.ts';
import { recordResults, type BenchNote, type BenchResult } from '../lib/results.ts';
import type { Bench } from './page.ts';

const BENCH = 'browser-store';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const OUT_DIR = resolve(HERE, '../.cache/browser');
const CACHE_DIR = resolve(HERE, '../.cache');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

declare global {
  interface Window {
    bench: Bench;
  }
}

// ---- arguments -------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const sizeArg = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? 'L';
if (!isDatasetSize(sizeArg)) {
  console.error(`usage: npx tsx bench/browser/store-bench.ts [S|M|L] [--batch 500] [--no-record] [--keep-profile]`);
  process.exit(2);
}
const SIZE: DatasetSize = sizeArg;
const batchIndex = argv.indexOf('--batch');
const BATCH = batchIndex >= 0 ? Number(argv[batchIndex + 1]) : 500;
const RECORD = !argv.includes('--no-record');
const KEEP_PROFILE = argv.includes('--keep-profile');
/** Only the cost breakdowns (createMany's pieces and raw IndexedDB puts; search snapshot load sync vs async); records nothing. */
const BREAKDOWN = argv.includes('--breakdown');
const profIndex = argv.indexOf('--cpu-profile');
/** Steps to record a CPU profile of (bulk, cold, search, queries, edits, remote): bench/.cache/<step>-<size>.cpuprofile. */
const CPU_PROFILE = new Set(profIndex >= 0 ? argv[profIndex + 1].split(',') : []);

const started = Date.now();
const say = (...args: unknown[]) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s]`, ...args);

// ---- build and serve -------------------------------------------------------------------------

/** The code measured: the commit, plus whether packages/ had uncommitted changes at build time. */
function sourceVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: HERE, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../../packages'], { cwd: HERE, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in packages/` : head;
  } catch {
    return 'unknown';
  }
}

async function buildPage(): Promise<void> {
  // The root tsconfig (which the bundler reads for the page's TypeScript) extends the one
  // `svelte-kit sync` writes: on a fresh checkout nothing has written it yet.
  if (!existsSync(resolve(HERE, '../../.svelte-kit/tsconfig.json'))) {
    execFileSync('npx', ['svelte-kit', 'sync'], { cwd: resolve(HERE, '../..'), stdio: 'inherit' });
  }
  await build({ configFile: resolve(HERE, 'vite.config.ts') });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    ok({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
  }));
}

// ---- browser -----------------------------------------------------------------------------------

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().startsWith('[page]')) say(`  ${m.type() === 'error' ? 'console error:' : ''}${m.text()}`);
  });
  page.on('pageerror', (e) => say(`  pageerror: ${e.message}`));
  return { context, page };
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof window.bench === 'object', undefined, { timeout: 60_000 });
}

/** JS heap used after a full gc, through CDP (no --expose-gc needed). */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return Math.round((usedSize / 2 ** 20) * 10) / 10;
  } finally {
    await cdp.detach();
  }
}

/**
 * Runs `fn` under the CDP sampling profiler when `step` was asked for with --cpu-profile: saves
 * the profile (open it in Chrome DevTools) and prints the functions with the most self time.
 */
async function profiled<T>(page: Page, step: string, fn: () => Promise<T>): Promise<T> {
  if (!CPU_PROFILE.has(step)) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  await mkdir(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `${step}-${SIZE}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  const self = new Map<string, number>();
  const dt = new Map<number, number>();
  profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  let total = 0;
  for (const node of profile.nodes) {
    const us = dt.get(node.id) ?? 0;
    total += us;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  say(`    cpu profile of ${step} saved to ${file}; top self time of ${(total / 1000).toFixed(0)} ms:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) say(`      ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
  return result;
}

/**
 * Runs a page step while pressing a key every 100 ms through CDP, as a user typing would: the
 * page's BlockMonitor times how long each press waited for the page (see `inputMaxDelayMs`).
 */
async function typing<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  let done = false;
  const presses = (async () => {
    while (!done) {
      await page.keyboard.press('Shift');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    return await fn();
  } finally {
    done = true;
    await presses;
  }
}

// ---- run ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  say(`browser store bench, dataset ${SIZE}, batch ${BATCH}`);
  const source = sourceVersion();
  await buildPage();
  say(`page built into ${OUT_DIR}`);
  const { server, url } = await serve(OUT_DIR);
  const profile = await mkdtemp(join(tmpdir(), 'carnet-bench-chromium-'));
  const raw: Record<string, unknown> = { size: SIZE, batch: BATCH, url, loadStart: loadavg()[0], source };
  const loadPeak = { value: loadavg()[0] };
  const sampler = setInterval(() => (loadPeak.value = Math.max(loadPeak.value, loadavg()[0])), 5_000);
  let { context, page } = await launch(profile);
  try {
    await page.goto(url);
    await ready(page);
    raw.userAgent = await page.evaluate(() => navigator.userAgent);
    const upgrade = argv.indexOf('--upgrade-from-v2');
    if (upgrade >= 0) {
      const n = Number(argv[upgrade + 1]);
      say(JSON.stringify(await page.evaluate(({ size, n }) => window.bench.upgradeFromV2(size, n), { size: SIZE, n })));
      return;
    }
    const growth = argv.indexOf('--layout-growth');
    if (growth >= 0) {
      const [n, layouts] = [Number(argv[growth + 1]), argv[growth + 2].split(',')];
      say(JSON.stringify(await page.evaluate(({ size, n, layouts }) => window.bench.layoutGrowth(size, n, layouts), { size: SIZE, n, layouts }), null, 2));
      return;
    }
    if (BREAKDOWN) {
      const breakdown = await page.evaluate((size) => window.bench.breakdown(size, 2_000), SIZE);
      say(JSON.stringify(breakdown, null, 2));
      const searchLoad = await page.evaluate((size) => window.bench.searchLoadSplit(size), SIZE);
      say(JSON.stringify(searchLoad));
      return;
    }

    say('1. bulk load');
    const bulk = await profiled(page, 'bulk', () => typing(page, () => page.evaluate(({ size, batch }) => window.bench.bulkLoad(size, batch), { size: SIZE, batch: BATCH })));
    raw.bulk = bulk;
    say('   ', JSON.stringify(bulk));

    say('2. reload: cold open, search ready, heap');
    await page.reload();
    await ready(page);
    const cold = await profiled(page, 'cold', () => page.evaluate((size) => window.bench.coldOpen(size), SIZE));
    raw.cold = cold;
    say('   ', JSON.stringify(cold));
    const search = await profiled(page, 'search', () => typing(page, () => page.evaluate(() => window.bench.searchReady())));
    raw.searchReady = search;
    say('   ', JSON.stringify(search));
    const heapOpen = await heapAfterGc(page);
    raw.heapOpenMB = heapOpen;
    say(`    heap after gc with store open, index loaded, first page shown: ${heapOpen} MB`);

    say('3. browser restart: cold open, search ready');
    await context.close();
    ({ context, page } = await launch(profile));
    await page.goto(url);
    await ready(page);
    const coldRestart = await page.evaluate((size) => window.bench.coldOpen(size), SIZE);
    raw.coldRestart = coldRestart;
    say('   ', JSON.stringify(coldRestart));
    const searchRestart = await typing(page, () => page.evaluate(() => window.bench.searchReady()));
    raw.searchReadyRestart = searchRestart;
    say('   ', JSON.stringify(searchRestart));

    say('4. queries, local edits, remote updates');
    const queries = await profiled(page, 'queries', () => page.evaluate(() => window.bench.searchQueries(200)));
    raw.queries = queries;
    say('   ', JSON.stringify(queries));
    const edits = await profiled(page, 'edits', () => page.evaluate(() => window.bench.localEdits(50)));
    raw.edits = edits;
    say('   ', JSON.stringify(edits));
    const prepared = await page.evaluate(() => window.bench.prepareRemote(10_000));
    raw.remotePrepared = prepared;
    say('   ', JSON.stringify(prepared));
    await heapAfterGc(page);
    const remote = await profiled(page, 'remote', () => typing(page, () => page.evaluate(() => window.bench.applyRemote())));
    raw.remote = remote;
    say('   ', JSON.stringify(remote));

    say('5. reload: plain-JSON floor');
    await page.reload();
    await ready(page);
    const floorPrep = await page.evaluate((size) => window.bench.jsonFloorPrepare(size), SIZE);
    await heapAfterGc(page);
    const floor = await page.evaluate(() => window.bench.jsonFloorParse());
    const floorHeap = await heapAfterGc(page);
    raw.floor = { ...floorPrep, ...floor, heapMB: floorHeap };
    say('   ', JSON.stringify(raw.floor));
    await page.evaluate(() => window.bench.wipe());
    clearInterval(sampler);
    raw.loadEnd = loadavg()[0];
    raw.loadPeak = loadPeak.value;

    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(join(CACHE_DIR, `browser-store-${SIZE}.json`), JSON.stringify(raw, null, 2));
    if (RECORD) {
      const { results, notes } = toResults(raw as unknown as Raw);
      recordResults(results, { notes });
      say(`recorded ${results.length} figures into bench/results.json and bench/RESULTS.md`);
    }
  } finally {
    clearInterval(sampler);
    await context.close().catch(() => undefined);
    server.close();
    if (!KEEP_PROFILE) await rm(profile, { recursive: true, force: true });
    else say(`profile kept at ${profile}`);
  }
  say('done');
}

// ---- results -----------------------------------------------------------------------------------

type Awaited2<T> = T extends Promise<infer U> ? U : T;
interface Raw {
  size: DatasetSize;
  batch: number;
  bulk: Awaited2<ReturnType<Bench['bulkLoad']>>;
  cold: Awaited2<ReturnType<Bench['coldOpen']>>;
  coldRestart: Awaited2<ReturnType<Bench['coldOpen']>>;
  searchReady: Awaited2<ReturnType<Bench['searchReady']>>;
  searchReadyRestart: Awaited2<ReturnType<Bench['searchReady']>>;
  heapOpenMB: number;
  queries: Awaited2<ReturnType<Bench['searchQueries']>>;
  edits: Awaited2<ReturnType<Bench['localEdits']>>;
  remotePrepared: Awaited2<ReturnType<Bench['prepareRemote']>>;
  remote: Awaited2<ReturnType<Bench['applyRemote']>>;
  floor: { chars: number; parseMs: number; heapMB: number };
  loadStart: number;
  loadEnd: number;
  loadPeak: number;
  source: string;
}

/**
 * How long the page could not answer: the longest task (the longtask observer reports those of
 * 50 ms and more) or the longest wait of a key press sent while the step ran, whichever is
 * longer. Not the setTimeout heartbeat's gap: timers run at low priority, and while IndexedDB's
 * callbacks queue up that gap reached 316 ms at dataset L with no task of 50 ms.
 */
function longest(blocked: { longestTaskMs: number; longTasks: number; inputMaxDelayMs?: number; inputs?: number }): number {
  return Math.max(blocked.longTasks > 0 ? blocked.longestTaskMs : 0, blocked.inputs ? blocked.inputMaxDelayMs ?? 0 : 0);
}

/** The longest frames' scripts, for the notes. */
function frames(blocked: { longestFrames?: { ms: number; scripts: string[] }[] }): string {
  const list = blocked.longestFrames ?? [];
  return list.length ? ` (longest frames: ${list.map((f) => `${fmt(f.ms)} ms [${f.scripts.join('; ')}]`).join(', ')})` : '';
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const ms = (t: { calls: number; ms: number } | undefined) => (t ? `${fmt(t.ms)} ms in ${fmt(t.calls)} calls` : '0 ms');

function toResults(raw: Raw): { results: BenchResult[]; notes: BenchNote[] } {
  const L = raw.size === 'L';
  const D = raw.size;
  const t = (target: number) => (L ? target : null);
  const { bulk, cold, coldRestart, searchReady: sr, searchReadyRestart: srr, queries: q, edits, remote, remotePrepared: rp, floor } = raw;
  const results: BenchResult[] = [
    { bench: BENCH, dataset: D, metric: `bulk_load_${D}_ms`, value: bulk.bulkLoadMs, unit: 'ms', target: t(60_000),
      status: `${fmt(bulk.records)} records in batches of ${bulk.batchSize}, search index fed by events; generation (${fmt(bulk.generateMs)} ms) excluded` },
    { bench: BENCH, dataset: D, metric: 'bulk_load_per_record_ms', value: Math.round((bulk.bulkLoadMs / bulk.records) * 1000) / 1000, unit: 'ms', target: null },
    { bench: BENCH, dataset: D, metric: 'bulk_load_max_blocked_ms', value: longest(bulk.blocked), unit: 'ms', target: t(50),
      status: `${bulk.blocked.longTasks} long tasks (≥ 50 ms), ${fmt(bulk.blocked.longTaskTotalMs)} ms in all; ${bulk.blocked.inputs ?? 0} key presses waited at most ${fmt(bulk.blocked.inputMaxDelayMs ?? 0)} ms` },
    { bench: BENCH, dataset: D, metric: 'bulk_load_heartbeat_max_gap_ms', value: bulk.blocked.heartbeatMaxGapMs, unit: 'ms', target: null },
    { bench: BENCH, dataset: D, metric: 'search_snapshot_save_ms', value: bulk.snapshot.saveMs, unit: 'ms', target: null,
      status: `SearchSync.save() after the load, ${fmt(bulk.snapshot.chars / 1e6)} M chars; longest task ${fmt(longest(bulk.snapshot.blocked))} ms` },
    { bench: BENCH, dataset: D, metric: 'cold_open_first_rows_ms', value: cold.firstRowsMs, unit: 'ms', target: t(500),
      status: `after page reload: Store.open ${fmt(cold.openMs)} ms + query ${fmt(cold.queryMs)} ms`, peers: { 'after browser restart': coldRestart.firstRowsMs } },
    { bench: BENCH, dataset: D, metric: 'search_ready_ms', value: sr.readyMs, unit: 'ms', target: t(2_000),
      status: `openSearch from the ${sr.source}${sr.rebuildReason ? ` (${sr.rebuildReason})` : ''}, ${fmt(sr.documents)} documents, ${sr.caughtUp} rows caught up`,
      peers: { 'after browser restart': srr.readyMs, 'loadSnapshot alone': sr.loadSnapshotMs, ...(L ? { 'DESIGN untuned MiniSearch loadJSON (Node)': 1_200 } : {}) } },
    { bench: BENCH, dataset: D, metric: 'search_ready_max_blocked_ms', value: longest(sr.blocked), unit: 'ms', target: null },
    { bench: BENCH, dataset: D, metric: 'search_p50_ms', value: q.p50, unit: 'ms', target: null, status: `${q.n} keystroke queries`, peers: L ? { 'DESIGN untuned (Node)': 20 } : {} },
    { bench: BENCH, dataset: D, metric: 'search_p95_ms', value: q.p95, unit: 'ms', target: t(10), peers: L ? { 'DESIGN untuned (Node)': 192 } : {} },
    { bench: BENCH, dataset: D, metric: 'search_p99_ms', value: q.p99, unit: 'ms', target: null, peers: L ? { 'DESIGN untuned (Node)': 435 } : {} },
    { bench: BENCH, dataset: D, metric: 'search_one_letter_p95_ms', value: q.oneLetter.p95, unit: 'ms', target: null, status: `${q.oneLetter.n} single-letter queries (not in the 200)` },
    { bench: BENCH, dataset: D, metric: 'local_edit_to_row_ms', value: edits.p95, unit: 'ms', target: t(16),
      status: `p95 of ${edits.n} edits (p50 ${fmt(edits.p50)} ms)${edits.failures ? `, ${edits.failures} not found after the edit` : ''}` },
    { bench: BENCH, dataset: D, metric: 'apply_10k_remote_ms', value: remote.applyMs, unit: 'ms', target: t(3_000),
      status: `${fmt(remote.applied)} applied, ${remote.rejected} rejected${remote.updates < 10_000 ? ` (only ${fmt(remote.updates)} records in ${D})` : ''}; check: ${remote.checked}` },
    { bench: BENCH, dataset: D, metric: 'apply_remote_max_blocked_ms', value: longest(remote.blocked), unit: 'ms', target: null },
    { bench: BENCH, dataset: D, metric: `heap_with_${D}_open_mb`, value: raw.heapOpenMB, unit: 'MB', target: t(300),
      status: 'after gc: store open, search index loaded, first 50 contacts held', peers: { 'plain JSON of the dataset': floor.heapMB } },
    { bench: BENCH, dataset: D, metric: 'json_parse_floor_ms', value: floor.parseMs, unit: 'ms', target: null,
      status: `JSON.parse of the dataset in the page, ${fmt(floor.chars / 1e6)} M chars`, peers: L ? { 'DESIGN (Node)': 1_150 } : {} },
  ];
  const p = bulk.persistence;
  const rp2 = remote.persistence;
  const notes: BenchNote[] = [
    {
      bench: BENCH, dataset: D, key: 'where-time-goes',
      text: `Where time goes (performance.now() splits in the page). Bulk load ${fmt(bulk.bulkLoadMs)} ms: createMany ${fmt(bulk.createManyMs)} ms `
        + `(per collection ${Object.entries(bulk.perCollectionMs).map(([c, v]) => `${c} ${fmt(v)}`).join(', ')}; slowest batch ${fmt(bulk.maxBatchMs)} ms), of which awaiting persistence: `
        + `commit ${ms(p.commit)}, getDocStates ${ms(p.getDocStates)} (the existence check), getRows ${ms(p.getRows)} (previous rows for events); `
        + `search index fed from events ${fmt(bulk.indexApplyMs)} ms; the rest is validation, Y.Doc building and encoding. `
        + `Longest task ${fmt(bulk.blocked.longestTaskMs)} ms${frames(bulk.blocked)}, key press max wait ${fmt(bulk.blocked.inputMaxDelayMs ?? 0)} ms, setTimeout heartbeat max gap ${fmt(bulk.blocked.heartbeatMaxGapMs)} ms. `
        + `Search snapshot save ${fmt(bulk.snapshot.saveMs)} ms, longest task ${fmt(longest(bulk.snapshot.blocked))} ms. `
        + `Cold open: Store.open ${fmt(cold.openMs)} ms, first page query ${fmt(cold.queryMs)} ms (after restart ${fmt(coldRestart.openMs)} + ${fmt(coldRestart.queryMs)}); `
        + `the same read in raw IndexedDB: count of alive contacts (the query's total) ${fmt(cold.raw.countMs)} ms, newest 66 by cursor ${fmt(cold.raw.newest66CursorMs)} ms. `
        + `Search ready (openSearch) ${fmt(sr.readyMs)} ms: persistence ${Object.entries(sr.persistence).map(([k, v]) => `${k} ${fmt(v.ms)} ms`).join(', ')}; measured apart: reading the ${fmt(sr.snapshotChars / 1e6)} M-char snapshot (header and parts) ${fmt(sr.readSnapshotMs)} ms, loading it alone (read, parse, build in slices) ${fmt(sr.loadSnapshotMs)} ms; longest task ${fmt(longest(sr.blocked))} ms${frames(sr.blocked)}. `
        + `Local edit p95 ${fmt(edits.p95)} ms = update p95 ${fmt(edits.update.p95)} + read p95 ${fmt(edits.read.p95)} + search p95 ${fmt(edits.search.p95)}. `
        + `Remote ${fmt(remote.updates)} updates (${Object.entries(rp.byCollection).map(([c, n]) => `${c} ${n}`).join(', ')}, ${fmt(rp.avgUpdateBytes)} B each): `
        + `${fmt(remote.applyMs)} ms, of which commit ${ms(rp2.commit)}, getDocStates ${ms(rp2.getDocStates)}, getRows ${ms(rp2.getRows)}, search index ${fmt(remote.indexApplyMs)} ms; `
        + `longest task ${fmt(longest(remote.blocked))} ms${frames(remote.blocked)}. Slowest queries: ${q.slowest.slice(0, 4).map((s) => `"${s.q}" ${fmt(s.ms)} ms`).join(', ')}. `
        + `Code measured: ${raw.source}. (Raw step outputs: bench/.cache/browser-store-${D}.json.)`,
    },
  ];
  const cores = availableParallelism();
  notes.push({
    bench: BENCH, dataset: D, key: 'machine-load',
    text: `Machine load during this run: 1-minute load average ${raw.loadStart.toFixed(1)} at start, peak ${raw.loadPeak.toFixed(1)}, ${raw.loadEnd.toFixed(1)} at end, on ${cores} cores. `
      + (raw.loadPeak > cores
        ? 'Other processes competed for the CPU (and Chromium\'s IndexedDB backend runs in other processes that compete too), so times are inflated; counts and heap are not affected.'
        : 'The CPU was mostly free.'),
  });
  return { results, notes };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
