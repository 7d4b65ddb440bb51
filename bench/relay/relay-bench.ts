// Bench `relay`: the Carnet relay (Elysia on Bun, sync-server/src/index.ts) under socket load,
// side by side with Hocuspocus (@hocuspocus/server under Node) where the workload allows.
//
//   npx tsx bench/relay/relay-bench.ts [S|M|L] [--only fanout100,fanout500,rss,bootstrap,kill9,reconnect]
//       [--kill9-runs 200] [--updates 400] [--client-procs 1|2] [--no-hocuspocus]
//
// Metrics (bench 'relay'; dataset L for all but bootstrap, which records the dataset it seeds):
//   fanout_p99_ms_100_clients / _500_clients — 1 writer, 20 updates/s, N reader sockets with
//     presence at 1 Hz each; writer send → reader receive, over a fixed number of updates.
//   relay_rss_mb_500_idle_clients — VmRSS of the relay with 500 idle authenticated sockets.
//   bootstrap_<size>_ms — fresh client: bundle streamed into a Store until a query returns rows.
//   kill9_lost_acked_updates — SIGKILL at random moments while a client pushes; acked updates
//     missing after restart (plus duplicates and gaps) summed over the runs.
//   reconnect_200_clients_p99_ms — relay restarted under 200 live sockets; time to live again.
// Load goes to 127.0.0.1 only; every loop has a count and a deadline; every child is killed.
import { rmSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { collaborativeFields, docIdOf, newId, type Collection } from '@carnet/schema';
import { LOCAL_ORIGIN, markCreated, newRecordDoc, stamp, transactWithUpdate, writeFields } from '@carnet/store';
import type { PushEntry } from '@carnet/sync';
import { recordResults, type BenchNote, type BenchResult } from '../lib/results.ts';
import { createDataset, fieldsOf, isDatasetSize, type DatasetSize } from '../dataset.ts';
import type { ClientsConfig } from './clients.ts';
import {
  BUN, SYNC_SERVER_DIR, carnetSyncUrl, cpuSeconds, forkTs, killAllChildren, logIn, markerValue, msSince, nowNs, round, rssMb, setUpOwner, sleep,
  startCarnet, startHocuspocus, summary, ROOT, type Owner, type Server,
} from './lib.ts';
import { CarnetSocket, HocuspocusWriter, RecordDocs } from './writer.ts';

const BENCH = 'relay';
const ALL = ['fanout100', 'fanout500', 'rss', 'bootstrap', 'kill9', 'reconnect'] as const;

// ---- arguments -----------------------------------------------------------------------------

const argv = process.argv.slice(2);
let dataset: DatasetSize = 'L';
let only: string[] = [...ALL];
let kill9Runs = 200;
let updates = 400;
let clientProcs: number | undefined;
let withHocuspocus = true;
let presence = true;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (isDatasetSize(a.toUpperCase())) dataset = a.toUpperCase() as DatasetSize;
  else if (a === '--only') only = argv[++i].split(',');
  else if (a.startsWith('--only=')) only = a.slice(7).split(',');
  else if (a === '--kill9-runs') kill9Runs = Number(argv[++i]);
  else if (a === '--updates') updates = Number(argv[++i]);
  else if (a === '--client-procs') clientProcs = Number(argv[++i]);
  else if (a === '--no-hocuspocus') withHocuspocus = false;
  else if (a === '--no-presence') presence = false;
}
const unknown = only.filter((o) => !(ALL as readonly string[]).includes(o));
if (unknown.length) {
  console.error(`unknown part: ${unknown.join(',')} (known: ${ALL.join(',')})`);
  process.exit(2);
}

const RATE = 20; // writer updates per second
const WARMUP = 20; // updates not measured
const RECORD_DOCS = 10; // record docs the writer edits (Hocuspocus readers subscribe to all)
const log = (...args: unknown[]) => console.log('[relay-bench]', ...args);

/** Results are recorded as each part finishes, so a crash later keeps what was measured. */
function record(results: BenchResult[], notes: BenchNote[] = []): void {
  recordResults(results, { notes });
}
const note = (key: string, text: string, ds = 'L'): BenchNote => ({ bench: BENCH, dataset: ds, key, text });

// ---- client processes ----------------------------------------------------------------------

interface ClientReport {
  latencies: number[];
  markerFrames: number;
  frames: number;
  bytes: number;
  live: number;
  liveTimes: { client: number; ns: string; attempts: number }[];
  errors: string[];
  cpuPercent: number;
  loopDelayP99Ms: number;
}

function ask<T>(child: ChildProcess, message: unknown, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: any) => {
      if (m?.type === type) {
        cleanup();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`client process exited (${code}) waiting for ${type}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`client process: no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message as any);
  });
}

class ClientPool {
  readonly procs: ChildProcess[] = [];
  static async start(total: number, procs: number, base: Omit<ClientsConfig, 'count' | 'first'>): Promise<ClientPool> {
    const pool = new ClientPool();
    const per = Math.ceil(total / procs);
    const readies = [];
    for (let p = 0; p < procs; p++) {
      const count = Math.min(per, total - p * per);
      const child = forkTs('clients.ts');
      pool.procs.push(child);
      readies.push(ask<{ live: number; ms: number; errors: string[] }>(child, { cmd: 'init', config: { ...base, count, first: p * per } }, 'ready', 180_000));
    }
    const ready = await Promise.all(readies);
    const live = ready.reduce((a, r) => a + r.live, 0);
    if (live < total) throw new Error(`only ${live}/${total} clients live: ${ready.flatMap((r) => r.errors).slice(0, 5).join('; ')}`);
    log(`  ${total} clients live in ${Math.max(...ready.map((r) => r.ms))} ms over ${procs} process(es)`);
    return pool;
  }
  send(message: unknown): void {
    for (const p of this.procs) p.send(message as any);
  }
  reports(): Promise<ClientReport[]> {
    return Promise.all(this.procs.map((p) => ask<ClientReport>(p, { cmd: 'report' }, 'report', 60_000)));
  }
  async close(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const timer = setTimeout(() => p.kill('SIGKILL'), 3_000);
            p.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            p.send({ cmd: 'close' });
          }),
      ),
    );
  }
}

// ---- servers -------------------------------------------------------------------------------

interface Target {
  server: Server;
  owner?: Owner;
  base: Omit<ClientsConfig, 'count' | 'first' | 'warmup' | 'reconnect'>;
}

async function startTarget(system: 'carnet' | 'hocuspocus', docs: string[], opts: { port?: number; dataDir?: string; env?: Record<string, string> } = {}): Promise<Target> {
  if (system === 'carnet') {
    const server = await startCarnet({ ...opts, env: { COMPACT_INTERVAL_MINUTES: '0', ...opts.env } });
    const owner = await setUpOwner(server.url);
    return { server, owner, base: { system, url: carnetSyncUrl(server.port, owner.workspaceId), cookie: owner.cookie, workspaceId: owner.workspaceId, docs, presenceDocs: docs } };
  }
  const server = await startHocuspocus({ port: opts.port });
  return { server, base: { system, url: `ws://127.0.0.1:${server.port}`, docs, presenceDocs: docs } };
}

function recordDocIds(n: number): string[] {
  return Array.from({ length: n }, () => docIdOf('contacts', newId()));
}

// ---- fan-out -------------------------------------------------------------------------------

interface FanoutResult {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  samples: number;
  expected: number;
  serverCpuPercent: number | null;
  clientCpuPercent: number[];
  clientLoopDelayP99Ms: number[];
  framesPerReaderPerSecond: number;
  markerFrames: number;
  liveAtEnd: number;
  errors: string[];
}

async function fanout(system: 'carnet' | 'hocuspocus', readers: number, procs: number): Promise<FanoutResult> {
  const docs = recordDocIds(RECORD_DOCS);
  const target = await startTarget(system, docs);
  let pool: ClientPool | undefined;
  try {
    // Hocuspocus readers each subscribe to every record doc the writer edits (multiplexed on
    // one socket): one record doc per room, every reader sees every update, as with Carnet.
    pool = await ClientPool.start(readers, procs, { ...target.base, warmup: WARMUP, reconnect: false });
    const recordDocs = new RecordDocs(docs);
    const carnet = system === 'carnet' ? await CarnetSocket.open(target.base.url, target.owner!.cookie, target.owner!.workspaceId) : undefined;
    const hocus = system === 'hocuspocus' ? await HocuspocusWriter.open(target.base.url, docs) : undefined;
    pool.send({ cmd: 'presence', on: presence });
    await sleep(3_000); // presence reaches steady state
    const total = WARMUP + updates;
    const cpu0 = cpuSeconds(target.server.pid);
    const wall0 = Date.now();
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const docId = docs[i % docs.length];
      const ns = nowNs();
      const update = recordDocs.edit(docId, 'notes', markerValue(i, ns));
      if (carnet) carnet.push([{ docId, update }]);
      else hocus!.send(docId, update);
      if (Date.now() - start > (total / RATE) * 1000 + 60_000) break;
    }
    // Drain: wait (bounded) until every reader got every update, or 20 s after the last one.
    const drainUntil = Date.now() + 20_000;
    await sleep(1_000);
    while (Date.now() < drainUntil) {
      const got = (await pool.reports()).reduce((a, r) => a + r.markerFrames, 0);
      if (got >= readers * total) break;
      await sleep(1_000);
    }
    const cpu1 = cpuSeconds(target.server.pid);
    const wall = (Date.now() - wall0) / 1000;
    const reports = await pool.reports();
    carnet?.close();
    hocus?.close();
    const latencies = reports.flatMap((r) => r.latencies);
    const s = summary(latencies);
    const frames = reports.reduce((a, r) => a + r.frames, 0);
    return {
      ...s,
      samples: s.n,
      expected: readers * updates,
      serverCpuPercent: cpu0 !== null && cpu1 !== null ? Math.round(((cpu1 - cpu0) / wall) * 100) : null,
      clientCpuPercent: reports.map((r) => r.cpuPercent),
      clientLoopDelayP99Ms: reports.map((r) => r.loopDelayP99Ms),
      framesPerReaderPerSecond: Math.round(frames / readers / (wall + 3)),
      markerFrames: reports.reduce((a, r) => a + r.markerFrames, 0),
      liveAtEnd: reports.reduce((a, r) => a + r.live, 0),
      errors: reports.flatMap((r) => r.errors).slice(0, 3),
    };
  } finally {
    await pool?.close();
    await target.server.stop();
    if (target.server.dataDir) rmSync(target.server.dataDir, { recursive: true, force: true });
  }
}

async function runFanout(readers: 100 | 500): Promise<void> {
  const procs = clientProcs ?? (readers >= 500 ? 2 : 1);
  const metric = `fanout_p99_ms_${readers}_clients`;
  const target = readers === 100 ? 10 : 50;
  log(`${metric}: Carnet, ${readers} readers over ${procs} client process(es)`);
  const carnet = await fanout('carnet', readers, procs);
  log(`  carnet`, carnet);
  let hocus: FanoutResult | undefined;
  if (withHocuspocus) {
    log(`${metric}: Hocuspocus`);
    hocus = await fanout('hocuspocus', readers, procs).catch((error) => {
      log('  hocuspocus failed', error);
      return undefined;
    });
    log(`  hocuspocus`, hocus);
  }
  const p99Of = (r: FanoutResult) => (r.samples >= 0.99 * r.expected ? r.p99 : null);
  const statusOf = (r: FanoutResult) =>
    r.samples >= r.expected ? undefined : `${r.samples}/${r.expected} deliveries within 20 s of the last send${r.samples ? `; p99 of those ${r.p99} ms` : ''}`;
  const describe = (name: string, r: FanoutResult) =>
    `${name}: p50 ${r.p50} / p95 ${r.p95} / p99 ${r.p99} / max ${r.max} ms over ${r.samples} of ${r.expected} expected deliveries; server CPU ${r.serverCpuPercent}% of one core, client processes CPU ${r.clientCpuPercent.join('+')}% (event-loop delay p99 ${r.clientLoopDelayP99Ms.join(', ')} ms), ${r.framesPerReaderPerSecond} frames/s received per reader (presence alone should bring ${readers}/s)`;
  record(
    [
      { bench: BENCH, dataset: 'L', metric, value: p99Of(carnet), unit: 'ms', target, peers: hocus ? { hocuspocus: p99Of(hocus) } : undefined, status: statusOf(carnet) },
      { bench: BENCH, dataset: 'L', metric: `fanout_p50_ms_${readers}_clients`, value: carnet.p50, unit: 'ms', peers: hocus ? { hocuspocus: hocus.p50 } : undefined },
      { bench: BENCH, dataset: 'L', metric: `fanout_p95_ms_${readers}_clients`, value: carnet.p95, unit: 'ms', peers: hocus ? { hocuspocus: hocus.p95 } : undefined },
    ],
    [
      note(
        `fanout-${readers}`,
        `Fan-out with ${readers} readers: 1 writer pushing ${RATE} small record updates/s round-robin over ${RECORD_DOCS} contact docs (${updates} measured after ${WARMUP} warm-up), every reader also sending an awareness update at 1 Hz on one of those docs (staggered), raw \`ws\` clients in ${procs} Node process(es), latency = writer send → reader receive (a send timestamp in the update, CLOCK_MONOTONIC across processes). ${describe('Carnet', carnet)}.${hocus ? ` ${describe('Hocuspocus', hocus)}.` : ''} Carnet acks and broadcasts only after the SQLite commit (WAL, synchronous=FULL), so its latency includes an fsync; Hocuspocus keeps the doc in memory and broadcasts at once. A p99 is recorded only when ≥ 99% of deliveries arrived within 20 s of the last send. Machine load average at the start: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (other sessions share this 2-core machine).`,
      ),
    ],
  );
}

// ---- RSS with idle clients -----------------------------------------------------------------

async function idleRss(system: 'carnet' | 'hocuspocus', clients: number): Promise<{ baseline: number | null; rss: number | null; afterClose: number | null }> {
  const docs = recordDocIds(1);
  // Idle Hocuspocus clients hold one doc each (a workspace-wide doc), like one Carnet socket.
  const target = await startTarget(system, system === 'carnet' ? docs : ['workspace']);
  let pool: ClientPool | undefined;
  try {
    await sleep(1_000);
    const baseline = rssMb(target.server.pid);
    pool = await ClientPool.start(clients, 1, { ...target.base, warmup: 0, reconnect: false, wave: 100 });
    await sleep(5_000);
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      samples.push(rssMb(target.server.pid) ?? 0);
      await sleep(400);
    }
    await pool.close();
    pool = undefined;
    await sleep(2_000);
    return { baseline, rss: Math.max(...samples), afterClose: rssMb(target.server.pid) };
  } finally {
    await pool?.close();
    await target.server.stop();
    if (target.server.dataDir) rmSync(target.server.dataDir, { recursive: true, force: true });
  }
}

async function runRss(): Promise<void> {
  log('relay_rss_mb_500_idle_clients: Carnet');
  const carnet = await idleRss('carnet', 500);
  log('  carnet', carnet);
  const hocus = withHocuspocus ? await idleRss('hocuspocus', 500).catch((e) => (log('hocuspocus failed', e), undefined)) : undefined;
  log('  hocuspocus', hocus);
  record(
    [{ bench: BENCH, dataset: 'L', metric: 'relay_rss_mb_500_idle_clients', value: round(carnet.rss, 0), unit: 'MB', target: 150, peers: hocus ? { hocuspocus: round(hocus.rss, 0) } : undefined }],
    [
      note(
        'rss',
        `Idle RSS: VmRSS of the server process (max of 5 samples, 5 s after 500 sockets went live; clients in another process). Carnet: ${round(carnet.baseline, 0)} MB with no client, ${round(carnet.rss, 0)} MB with 500 authenticated sockets past hello/live, ${round(carnet.afterClose, 0)} MB 2 s after they closed. Hocuspocus (Node ${process.version}, in memory): ${hocus ? `${round(hocus.baseline, 0)} MB → ${round(hocus.rss, 0)} MB with 500 sockets each authenticated and synced on one doc` : 'not measured'}.`,
      ),
    ],
  );
}

// ---- reconnect after a restart -------------------------------------------------------------

async function reconnect(system: 'carnet' | 'hocuspocus', clients: number) {
  const docs = recordDocIds(1);
  let target = await startTarget(system, system === 'carnet' ? docs : ['workspace']);
  const { port } = target.server;
  const dataDir = target.server.dataDir;
  let pool: ClientPool | undefined;
  try {
    pool = await ClientPool.start(clients, 1, { ...target.base, warmup: 0, reconnect: true, wave: 100 });
    if (system === 'carnet') {
      // Some log for the sockets to resync past: 50 updates they receive live.
      const writer = await CarnetSocket.open(target.base.url, target.owner!.cookie, target.owner!.workspaceId);
      const recordDocs = new RecordDocs(docs);
      for (let i = 0; i < 50; i++) writer.push([{ docId: docs[0], update: recordDocs.edit(docs[0], 'notes', `n${i}`) }]);
      await writer.until(() => writer.acks.size === 50, 10_000);
      writer.close();
      await sleep(1_000);
    }
    const t0 = nowNs();
    await target.server.stop();
    const downMs = msSince(t0);
    const server = system === 'carnet' ? await startCarnet({ port, dataDir, env: { COMPACT_INTERVAL_MINUTES: '0' } }) : await startHocuspocus({ port });
    target = { ...target, server };
    const upMs = msSince(t0);
    const deadline = Date.now() + 90_000;
    let report: ClientReport;
    for (;;) {
      [report] = await pool.reports();
      const back = new Set(report.liveTimes.filter((l) => BigInt(l.ns) > t0).map((l) => l.client));
      if (back.size >= clients || Date.now() > deadline) break;
      await sleep(250);
    }
    const firstBack = new Map<number, number>();
    const attempts: number[] = [];
    for (const l of report.liveTimes) {
      const ms = Number(BigInt(l.ns) - t0) / 1e6;
      if (ms > 0 && !firstBack.has(l.client)) {
        firstBack.set(l.client, ms);
        attempts.push(l.attempts);
      }
    }
    const s = summary([...firstBack.values()]);
    return { ...s, back: firstBack.size, clients, stopMs: round(downMs, 0), restartedMs: round(upMs, 0), maxAttempts: Math.max(0, ...attempts) };
  } finally {
    await pool?.close();
    await target.server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runReconnect(): Promise<void> {
  log('reconnect_200_clients_p99_ms: Carnet');
  const carnet = await reconnect('carnet', 200);
  log('  carnet', carnet);
  const hocus = withHocuspocus ? await reconnect('hocuspocus', 200).catch((e) => (log('hocuspocus failed', e), undefined)) : undefined;
  log('  hocuspocus', hocus);
  const describe = (r: NonNullable<typeof hocus>) =>
    `${r.back}/${r.clients} back, p50 ${r.p50} / p95 ${r.p95} / p99 ${r.p99} / max ${r.max} ms; the old process took ${r.stopMs} ms to stop on SIGTERM and the new one printed its URL at ${r.restartedMs} ms; up to ${r.maxAttempts} failed attempts per client`;
  record(
    [{ bench: BENCH, dataset: 'L', metric: 'reconnect_200_clients_p99_ms', value: carnet.back === carnet.clients ? carnet.p99 : null, unit: 'ms', target: 10_000, peers: hocus ? { hocuspocus: hocus.back === hocus.clients ? hocus.p99 : null } : undefined, status: carnet.back === carnet.clients ? undefined : `${carnet.back}/${carnet.clients} back within 90 s` }],
    [
      note(
        'reconnect',
        `Reconnect: 200 raw sockets live, relay stopped with SIGTERM and started again on the same port (and DATA_DIR for Carnet); time from the SIGTERM to each socket being live again (Carnet: \`hello {lastSeq}\` answered by catch-up and \`live\`, after 50 updates were logged; Hocuspocus: auth + sync step 1 answered by step 2). Clients retry with @carnet/sync's backoff (full jitter, base 500 ms, cap 30 s), so most of the time is the jittered wait, not the relay. Carnet: ${describe(carnet)}.${hocus ? ` Hocuspocus (in memory, restarts empty): ${describe(hocus)}.` : ''}`,
      ),
    ],
  );
}

// ---- kill -9 -------------------------------------------------------------------------------

interface Kill9Tally {
  runs: number;
  acked: number;
  lost: number;
  duplicates: number;
  gaps: number;
  pushedUnacked: number;
  killAfterMs: number[];
  runMs: number[];
  failures: string[];
}

async function kill9Lane(lane: number, runs: number, deadline: number): Promise<Kill9Tally> {
  const tally: Kill9Tally = { runs: 0, acked: 0, lost: 0, duplicates: 0, gaps: 0, pushedUnacked: 0, killAfterMs: [], runMs: [], failures: [] };
  const env = { COMPACT_INTERVAL_MINUTES: '0', MESSAGES_PER_SECOND: '100000' };
  let server = await startCarnet({ env });
  const { port, dataDir } = server;
  const owner = await setUpOwner(server.url);
  const url = carnetSyncUrl(port, owner.workspaceId);
  const docs = recordDocIds(20);
  const recordDocs = new RecordDocs(docs);
  /** Every acked entry so far, by seq. */
  const acked = new Map<number, { docId: string; update: Buffer }>();
  let head = 0;
  let counter = 0;
  try {
    for (let run = 0; run < runs && Date.now() < deadline; run++) {
      const runStart = Date.now();
      const pusher = await CarnetSocket.open(url, owner.cookie, owner.workspaceId, head);
      const sent = new Map<number, PushEntry[]>();
      const killAfter = 20 + Math.random() * 250;
      tally.killAfterMs.push(Math.round(killAfter));
      const t0 = Date.now();
      let killed = false;
      const kill = sleep(killAfter).then(async () => {
        await server.kill9();
        killed = true;
      });
      // Keep up to 4 pushes of 1–8 entries in flight until the relay dies.
      while (!killed && !pusher.closed && Date.now() - t0 < 5_000) {
        const inFlight = [...sent.keys()].filter((b) => !pusher.acks.has(b)).length;
        if (inFlight >= 4) {
          await pusher.until(() => [...sent.keys()].filter((b) => !pusher.acks.has(b)).length < 4 || killed, 50);
          continue;
        }
        const n = 1 + Math.floor(Math.random() * 8);
        const entries: PushEntry[] = [];
        for (let k = 0; k < n; k++) {
          const docId = docs[Math.floor(Math.random() * docs.length)];
          entries.push({ docId, update: recordDocs.edit(docId, 'n', ++counter) });
        }
        try {
          sent.set(pusher.push(entries), entries);
        } catch {
          break;
        }
        await new Promise((r) => setImmediate(r));
      }
      await kill;
      await pusher.until(() => pusher.closed, 5_000);
      for (const [batchId, seqs] of pusher.acks) {
        const entries = sent.get(batchId)!;
        seqs.forEach((seq, i) => acked.set(seq, { docId: entries[i].docId, update: Buffer.from(entries[i].update) }));
        tally.acked += seqs.length;
      }
      tally.pushedUnacked += [...sent.keys()].filter((b) => !pusher.acks.has(b)).reduce((a, b) => a + sent.get(b)!.length, 0);
      pusher.close();
      // Restart on the same DATA_DIR and read everything back from seq 0.
      server = await startCarnet({ port, dataDir, env });
      const reader = await CarnetSocket.open(url, owner.cookie, owner.workspaceId, 0, true, 60_000);
      const seen = new Map<number, { docId: string; update: Uint8Array }>();
      let duplicates = 0;
      for (const m of reader.messages) {
        if (m.type !== 'catchup') continue;
        for (const e of m.entries) {
          if (seen.has(e.seq)) duplicates++;
          seen.set(e.seq, e);
        }
      }
      reader.close();
      const maxSeq = Math.max(0, ...seen.keys());
      let gaps = 0;
      for (let s = 1; s <= maxSeq; s++) if (!seen.has(s)) gaps++;
      let lost = 0;
      for (const [seq, entry] of acked) {
        const got = seen.get(seq);
        if (!got || got.docId !== entry.docId || !entry.update.equals(Buffer.from(got.update))) lost++;
      }
      // The doc Y.Docs keep going from what the log holds: un-acked edits may be lost, which is fine.
      head = maxSeq;
      tally.lost += lost;
      tally.duplicates += duplicates;
      tally.gaps += gaps;
      tally.runs++;
      tally.runMs.push(Date.now() - runStart);
      if (lost || duplicates || gaps) tally.failures.push(`lane ${lane} run ${run}: lost ${lost}, duplicates ${duplicates}, gaps ${gaps}`);
      // `lost` counts every acked entry missing now; count each only once across runs.
      if (lost) for (const [seq, entry] of acked) if (!seen.has(seq) || seen.get(seq)!.docId !== entry.docId) acked.delete(seq);
    }
  } catch (error) {
    tally.failures.push(`lane ${lane} aborted: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return tally;
}

async function runKill9(): Promise<void> {
  const lanes = 2;
  const deadline = Date.now() + 15 * 60_000;
  log(`kill9_lost_acked_updates: ${kill9Runs} runs over ${lanes} lanes (each its own relay and DATA_DIR)`);
  const tallies = await Promise.all(Array.from({ length: lanes }, (_, lane) => kill9Lane(lane, Math.ceil(kill9Runs / lanes), deadline)));
  const sum = (k: 'runs' | 'acked' | 'lost' | 'duplicates' | 'gaps' | 'pushedUnacked') => tallies.reduce((a, t) => a + t[k], 0);
  const runMs = summary(tallies.flatMap((t) => t.runMs));
  const failures = tallies.flatMap((t) => t.failures);
  log(`  runs ${sum('runs')}, acked ${sum('acked')}, lost ${sum('lost')}, duplicates ${sum('duplicates')}, gaps ${sum('gaps')}`, failures.slice(0, 5));
  const complete = sum('runs') >= kill9Runs;
  record(
    [
      { bench: BENCH, dataset: 'L', metric: 'kill9_lost_acked_updates', value: sum('lost'), unit: '', target: 0, status: complete ? undefined : `only ${sum('runs')} of ${kill9Runs} runs` },
      { bench: BENCH, dataset: 'L', metric: 'kill9_duplicates_and_gaps', value: sum('duplicates') + sum('gaps'), unit: '', target: 0 },
      { bench: BENCH, dataset: 'L', metric: 'kill9_runs', value: sum('runs'), unit: '', target: 200, higherIsBetter: true },
    ],
    [
      note(
        'kill9',
        `kill -9: ${sum('runs')} runs over ${lanes} parallel lanes (own relay, port and DATA_DIR each). A run: a socket pushes batches of 1–8 record updates (up to 4 in flight), the relay is SIGKILLed ${Math.min(...tallies.flatMap((t) => t.killAfterMs))}–${Math.max(...tallies.flatMap((t) => t.killAfterMs))} ms after the first push, restarted on the same DATA_DIR, and a fresh socket reads the whole log back (\`hello {lastSeq: 0}\`); every update ever acked must be there at its seq with the same bytes, no seq twice, no seq missing below the head. ${sum('acked')} acked updates checked (cumulatively after every run), ${sum('pushedUnacked')} pushed but not acked when the relay died (allowed to be lost or kept). Lost ${sum('lost')}, duplicates ${sum('duplicates')}, gaps ${sum('gaps')}. Run length p50 ${runMs.p50} ms, p99 ${runMs.p99} ms (mostly Bun start-up).${failures.length ? ` Failures: ${failures.slice(0, 5).join('; ')}.` : ''} Hocuspocus has no peer figure: without a persistence extension it keeps nothing across a kill and has no acknowledgement of durable writes.`,
      ),
    ],
  );
}

// ---- bootstrap -----------------------------------------------------------------------------

interface SeedInfo {
  workspaceId: string;
  userId: string;
  docs: number;
  headSeq: number;
  seedMs: number;
}

const ACTOR_DEVICE = 'bench-seed';

/** Builds a record doc's creation update the way Store.createMany does (fields, created, stamp). */
function creationUpdate(collection: Collection, docId: string, fields: Record<string, unknown>, collab: ReadonlySet<string>, actor: { userId: string; deviceId: string }, at: number): Uint8Array {
  const doc = newRecordDoc(docId);
  const update = transactWithUpdate(doc, LOCAL_ORIGIN, () => {
    writeFields(doc, fields, collab);
    markCreated(doc, actor, at);
    stamp(doc, actor, at);
  })!;
  doc.destroy();
  return update;
}

async function seed(size: DatasetSize, dir: string): Promise<SeedInfo> {
  const server = await startCarnet({ dataDir: dir, env: { COMPACT_INTERVAL_MINUTES: '0', MESSAGES_PER_SECOND: '100000' } });
  try {
    const owner = await setUpOwner(server.url);
    const t0 = Date.now();
    const socket = await CarnetSocket.open(carnetSyncUrl(server.port, owner.workspaceId), owner.cookie, owner.workspaceId);
    const gen = createDataset(size);
    const actor = { userId: owner.userId, deviceId: ACTOR_DEVICE };
    const at = Date.now();
    let batch: PushEntry[] = [];
    let bytes = 0;
    let docs = 0;
    let lastBatch = 0;
    const inFlight = new Set<number>();
    const flush = async () => {
      if (!batch.length) return;
      while (inFlight.size >= 4) {
        await socket.until(() => [...inFlight].some((b) => socket.acks.has(b)) || socket.closed, 60_000);
        for (const b of [...inFlight]) if (socket.acks.has(b)) inFlight.delete(b);
        if (socket.closed) throw new Error(`relay closed the seeding socket: ${server.output().slice(-500)}`);
      }
      lastBatch = socket.push(batch);
      inFlight.add(lastBatch);
      batch = [];
      bytes = 0;
    };
    for (const collection of ['companies', 'contacts', 'deals', 'activities'] as const) {
      const collab = new Set(collaborativeFields(collection));
      for (const record of gen.records(collection)) {
        const docId = docIdOf(collection, record.id);
        const update = creationUpdate(collection, docId, fieldsOf(record as never) as unknown as Record<string, unknown>, collab, actor, at);
        batch.push({ docId, update });
        bytes += update.length + docId.length + 8;
        docs++;
        if (batch.length >= 500 || bytes > 900_000) await flush();
        if (docs % 50_000 === 0) log(`  seeded ${docs} docs in ${Math.round((Date.now() - t0) / 1000)} s`);
      }
    }
    await flush();
    await socket.until(() => [...inFlight].every((b) => socket.acks.has(b)), 120_000);
    const headSeq = [...socket.acks.values()].reduce((max, seqs) => Math.max(max, seqs[seqs.length - 1] ?? 0), 0);
    socket.close();
    return { workspaceId: owner.workspaceId, userId: owner.userId, docs, headSeq, seedMs: Date.now() - t0 };
  } finally {
    await server.stop(30_000);
  }
}

/**
 * Compacts the seeded log as the relay's schedule would (`carnet compact`: all but the newest
 * LOG_KEEP_TAIL entries merged into doc states, rows derived), so the bundle is what a relay
 * that has been running serves. A no-op when a previous run already compacted this DATA_DIR.
 */
function compactSeed(dir: string): Promise<{ ms: number; output: string }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(BUN, ['src/cli/index.ts', 'compact'], {
      cwd: SYNC_SERVER_DIR, env: { ...process.env, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30 * 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ms: Date.now() - t0, output: output.trim() });
      else reject(new Error(`carnet compact exited with ${code}: ${output.slice(-500)}`));
    });
  });
}

function runNode(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=16000', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-5000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function bootstrap(size: DatasetSize): Promise<void> {
  const metric = `bootstrap_${size}_ms`;
  const dir = join(tmpdir(), `carnet-relay-bench-seed-${size}`);
  const infoPath = join(dir, 'bench-seed.json');
  let info: SeedInfo;
  let reused = false;
  if (existsSync(infoPath)) {
    info = JSON.parse(readFileSync(infoPath, 'utf8'));
    reused = true;
    log(`${metric}: reusing the seeded DATA_DIR ${dir} (${info.docs} docs)`);
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`${metric}: seeding ${size} through the protocol into ${dir}`);
    info = await seed(size, dir);
    writeFileSync(infoPath, JSON.stringify(info));
    log(`  seeded ${info.docs} docs (head ${info.headSeq}) in ${info.seedMs} ms`);
  }
  const compaction = await compactSeed(dir);
  log(`  compacted in ${compaction.ms} ms: ${compaction.output}`);
  const server = await startCarnet({ dataDir: dir, env: { COMPACT_INTERVAL_MINUTES: '0' } });
  try {
    const cookie = await logIn(server.url);
    const script = 'bench/relay/bootstrap-client.ts';
    const decode = await runNode([script, server.url, info.workspaceId, info.userId, cookie, 'decode-only'], 20 * 60_000);
    const decoded = decode.code === 0 ? JSON.parse(decode.stdout.trim().split('\n').pop()!) : null;
    log('  download+decode only', decoded ?? decode.stderr);
    const relayRssAfterBundle = rssMb(server.pid);
    const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
    const full = await runNode([script, server.url, info.workspaceId, info.userId, cookie], 30 * 60_000);
    const result = full.code === 0 ? JSON.parse(full.stdout.trim().split('\n').pop()!) : null;
    log('  full', result ?? full.stderr);
    const value = result ? Math.round(result.liveMs) : null;
    record(
      [{ bench: BENCH, dataset: size, metric, value, unit: 'ms', target: size === 'L' ? 10_000 : null, status: result ? undefined : `failed: ${full.stderr.split('\n').filter(Boolean).pop()?.slice(0, 120)}` }],
      [
        note(
          `bootstrap-${size}`,
          `Bootstrap ${size}: ${info.docs} record docs seeded through the protocol (pushes of ≤ 500 creation updates built like Store.createMany, ${Math.round(info.seedMs / 1000)} s${reused ? ', seeded DATA_DIR reused from an earlier run' : ''}), then compacted as a running relay would (\`carnet compact\`, LOG_KEEP_TAIL ${process.env.LOG_KEEP_TAIL ?? '10000 (default)'}: ${Math.round(compaction.ms / 1000)} s this run; ${compaction.output.replace(/^\S+: /, '')}). The relay streams bundle format 2: each record's state with its row (kept beside compacted states; for docs still in the log tail derived while streaming). A fresh Node client (own process) GETs the bundle, streams it through bootstrapFromBundle (@carnet/sync) into a Store over MemoryPersistence with Store.importSnapshot in batches of 500 (state + row stored without building the doc when nothing local needs merging), queries contacts (rows returned), then says hello {lastSeq: headSeq} and gets live. ${decoded ? `Download + decode alone: ${Math.round(decoded.ms)} ms for ${decoded.docs} docs (${decoded.rows} with rows), ${Math.round(decoded.bytes / 2 ** 20)} MB. ` : ''}${result ? `Full: first byte ${Math.round(result.firstByteMs)} ms, bundle applied ${Math.round(result.bundleAppliedMs)} ms of which importSnapshot ${Math.round(result.applyMs)} ms (${result.imported} of ${result.docs} docs imported without building them), query ${Math.round(result.queryMs)} ms, live at ${Math.round(result.liveMs)} ms; client CPU ${Math.round(result.cpuMs)} ms, heap ${result.heapMb} MB, RSS ${result.rssMb} MB; relay RSS after serving the bundle ${round(relayRssAfterBundle, 0)} MB. Machine load average when the client started: ${loadAtStart}.` : `Failed: ${full.stderr.slice(-300)}`} Not measured here: the browser's path (DexiePersistence over IndexedDB). Hocuspocus has no peer figure: it has no workspace bundle (a client would open ${info.docs} documents one sync handshake each).`,
          size,
        ),
      ],
    );
  } finally {
    await server.stop(30_000);
  }
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const parts: Record<(typeof ALL)[number], () => Promise<void>> = {
    fanout100: () => runFanout(100),
    fanout500: () => runFanout(500),
    rss: runRss,
    kill9: runKill9,
    reconnect: runReconnect,
    bootstrap: () => bootstrap(dataset),
  };
  let failed = 0;
  for (const part of ALL) {
    if (!only.includes(part)) continue;
    const t0 = Date.now();
    try {
      await parts[part]();
      record([], [note(`failure-${part}`, '')]);
      log(`${part} done in ${Math.round((Date.now() - t0) / 1000)} s`);
    } catch (error) {
      failed++;
      log(`${part} FAILED`, error);
      record([], [note(`failure-${part}`, `The ${part} part failed after ${Math.round((Date.now() - t0) / 1000)} s: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`)]);
    }
  }
  record([], [
    note(
      'setup',
      `Setup: Carnet relay = \`bun sync-server/src/index.ts\` (Elysia on Bun, SQLite WAL synchronous=FULL, fresh DATA_DIR per part, compaction and backups off); Hocuspocus = @hocuspocus/server 3.4.4 (the newest line whose engines allow Node 20; 4.x needs Node 22) under Node ${process.version}, in memory without persistence extension, onAuthenticate checking a fixed token. Both on 127.0.0.1 on the same 2-core machine, clients are raw \`ws\` sockets in separate Node processes, so servers and clients share the two cores. Hocuspocus is per document: the Carnet workload of one workspace with a doc per record is modelled as one Hocuspocus room per record doc, every reader subscribing to all ${RECORD_DOCS} edited record docs over one multiplexed socket (for idle RSS and reconnect: one doc per socket).`,
    ),
  ]);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s${failed ? `, ${failed} part(s) failed` : ''}`);
  if (failed) process.exitCode = 1;
}

main().finally(() => {
  killAllChildren();
  setTimeout(() => process.exit(), 200).unref();
});
