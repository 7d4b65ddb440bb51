// Node-side comparison of storage layouts on the same dataset (bench name 'layouts'):
//   json                  plain JSON, the floor
//   yjs-collection        one Y.Doc per collection, a nested Y.Map per record (naive)
//   yjs-per-record        one Y.Doc per record, root Y.Map 'fields' (Carnet's layout)
//   automerge-per-record  the same per-record layout in Automerge 3
// Each layout runs in its own `node --expose-gc` child so heaps never mix, under a timeout;
// a layout that times out or crashes is recorded as a miss, never as a crash of the bench.
//
//   npx tsx bench/node-layouts.ts [S|M|L] [--only json,yjs-per-record] [--timeout-min 30]
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isDatasetSize, type DatasetSize } from './dataset.ts';
import { readResults, recordResults, type BenchNote, type BenchResult } from './lib/results.ts';
import type { Figure } from './layouts/measure.ts';

const BENCH = 'layouts';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

interface Layout {
  name: string;
  label: string;
  load: () => Promise<{ run(size: DatasetSize): void }>;
}

const LAYOUTS: Layout[] = [
  { name: 'json', label: 'plain JSON (floor)', load: () => import('./layouts/json.ts') },
  { name: 'yjs-collection', label: 'Yjs doc per collection (naive)', load: () => import('./layouts/yjs-collection.ts') },
  { name: 'yjs-per-record', label: 'Yjs doc per record (Carnet)', load: () => import('./layouts/yjs-per-record.ts') },
  { name: 'automerge-per-record', label: 'Automerge doc per record', load: () => import('./layouts/automerge-per-record.ts') },
];

/** What each layout is expected to report: a missing figure is recorded as a miss. */
const EXPECTED: Record<string, string[]> = {
  json: ['generate dataset', 'encode all', 'encoded size', 'bytes per record', 'bytes per contact', 'load all', 'memory loaded'],
  'yjs-collection': ['create all', 'encoded size', 'bytes per record', 'load all', 'memory loaded'],
  'yjs-per-record': [
    'create all', 'create per record', 'encoded size', 'bytes per record', 'bytes per contact', 'memory of all states',
    'load all', 'memory per live doc', 'memory loaded',
    'apply 10k remote updates (load, apply, toJSON, encode)', 'apply 10k remote updates (merge bytes only)',
  ],
};
EXPECTED['automerge-per-record'] = EXPECTED['yjs-per-record'];

/** Targets of Carnet's layout, from the figures DESIGN.md was written against (any dataset). */
const TARGETS: Record<string, number> = {
  'yjs-per-record/bytes per contact': 520,
  'yjs-per-record/create per record': 0.33,
  'yjs-per-record/apply 10k remote updates (load, apply, toJSON, encode)': 4_000,
  'yjs-per-record/apply 10k remote updates (merge bytes only)': 1_000,
};

/** What DESIGN.md measured for dataset L before any code existed, shown as a peer on L rows. */
const DESIGN_L: Record<string, number> = {
  'json/encoded size': 138,
  'json/load all': 1_150,
  'json/memory loaded': 166,
  'yjs-collection/encoded size': 164,
  'yjs-collection/load all': 19_000,
  'yjs-collection/memory loaded': 1_760,
};

const DEFAULT_TIMEOUT_MIN: Record<DatasetSize, number> = { S: 3, M: 15, L: 45 };

interface Outcome {
  layout: Layout;
  figures: Figure[];
  status: string | undefined;
  stderrTail: string;
}

/** Set by SIGINT/SIGTERM: the running worker is stopped, later layouts are skipped, and what
 * was measured so far is still recorded. */
const interrupted = { value: false, stop: () => {} };

function runWorker(layout: Layout, size: DatasetSize, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', SELF, '--worker', layout.name, size],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const figures: Figure[] = [];
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      let nl: number;
      while ((nl = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        if (line.startsWith('FIGURE ')) figures.push(JSON.parse(line.slice(7)) as Figure);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk).slice(-2_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    interrupted.stop = () => child.kill('SIGKILL');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const status = timedOut
        ? `timeout after ${Math.round(timeoutMs / 1000)} s`
        : interrupted.value ? 'interrupted' : code === 0 ? undefined : `worker failed (${signal ?? `exit ${code}`})`;
      resolve({ layout, figures, status, stderrTail: stderr.trim().split('\n').slice(-3).join(' / ') });
    });
  });
}

/** Splits a row's metric `"<label>: <what>"` back into its layout and figure. */
function parseMetric(metric: string): { layout: Layout; what: string } | undefined {
  const layout = LAYOUTS.find((l) => metric.startsWith(`${l.label}: `));
  return layout && { layout, what: metric.slice(layout.label.length + 2) };
}

/**
 * This run's figures as rows, plus the rows of layouts measured earlier on the same dataset, with
 * peers recomputed across all of them: re-running one layout keeps every comparison current.
 */
function toResults(outcomes: Outcome[], size: DatasetSize, earlier: readonly BenchResult[]): BenchResult[] {
  const fresh: BenchResult[] = [];
  for (const outcome of outcomes) {
    const { layout } = outcome;
    const reported = new Set(outcome.figures.map((f) => f.what));
    const missing = (EXPECTED[layout.name] ?? []).filter((w) => !reported.has(w));
    const rows: Figure[] = [...outcome.figures, ...missing.map((what) => ({ what, value: NaN, unit: unitOf(what) }))];
    for (const figure of rows) {
      const measured = Number.isNaN(figure.value) ? null : round(figure.value);
      fresh.push({
        bench: BENCH,
        dataset: size,
        metric: `${layout.label}: ${figure.what}`,
        value: measured,
        unit: figure.unit,
        target: TARGETS[`${layout.name}/${figure.what}`] ?? null,
        ...(measured === null ? { status: outcome.status ?? 'not reported' } : {}),
      });
    }
  }
  const freshMetrics = new Set(fresh.map((r) => r.metric));
  const rows = [...earlier.filter((r) => r.bench === BENCH && r.dataset === size && !freshMetrics.has(r.metric)), ...fresh];
  const values = new Map<string, number | null>();
  for (const r of rows) {
    const parsed = parseMetric(r.metric);
    if (parsed) values.set(`${parsed.layout.name}/${parsed.what}`, r.value);
  }
  return rows.map((r) => {
    const parsed = parseMetric(r.metric);
    if (!parsed) return r;
    const peers: Record<string, number | null> = {};
    for (const other of LAYOUTS) {
      const v = values.get(`${other.name}/${parsed.what}`);
      if (other !== parsed.layout && v !== undefined && v !== null) peers[other.name] = v;
    }
    const designed = DESIGN_L[`${parsed.layout.name}/${parsed.what}`];
    if (size === 'L' && designed !== undefined) peers['DESIGN.md'] = designed;
    return { ...r, peers };
  });
}

function unitOf(what: string): string {
  if (/size|memory loaded|memory of/.test(what)) return 'MB';
  if (/bytes per/.test(what)) return 'B';
  if (/per live doc/.test(what)) return 'KB';
  return 'ms';
}

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000);

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--worker') {
    const layout = LAYOUTS.find((l) => l.name === argv[1]);
    if (!layout || !isDatasetSize(argv[2])) throw new Error(`bad worker arguments: ${argv.join(' ')}`);
    (await layout.load()).run(argv[2]);
    return;
  }
  const size = argv.find(isDatasetSize) ?? 'M';
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1].split(',') : undefined;
  const timeoutAt = argv.indexOf('--timeout-min');
  const timeoutMin = timeoutAt >= 0 ? Number(argv[timeoutAt + 1]) : DEFAULT_TIMEOUT_MIN[size];
  const outcomes: Outcome[] = [];
  const loadBefore = os.loadavg()[0];
  const loadPeak = { value: loadBefore };
  const sampler = setInterval(() => (loadPeak.value = Math.max(loadPeak.value, os.loadavg()[0])), 5_000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interrupted.value = true;
      interrupted.stop();
    });
  }
  for (const layout of LAYOUTS.filter((l) => !only || only.includes(l.name))) {
    if (interrupted.value) break;
    console.log(`layouts ${size}: ${layout.label}`);
    const started = performance.now();
    const outcome = await runWorker(layout, size, timeoutMin * 60_000);
    console.log(`  ${outcome.status ?? 'done'} in ${Math.round((performance.now() - started) / 1000)} s: ${outcome.figures.map((f) => `${f.what} ${round(f.value)} ${f.unit}`).join(', ')}`);
    outcomes.push(outcome);
  }
  // A layout that completes clears the failure note an earlier run may have left (empty text).
  const notes: BenchNote[] = outcomes.map((o) => ({
    bench: BENCH,
    dataset: size,
    key: `${o.layout.name}-status`,
    text: o.status
      ? `${o.layout.label}: ${o.status}; figures it had reported are kept, the rest are recorded as missing. Last output: ${o.stderrTail || '(none)'}`
      : '',
  }));
  clearInterval(sampler);
  const cores = os.availableParallelism();
  notes.push({
    bench: BENCH,
    dataset: size,
    key: only ? `machine-load:${only.join(',')}` : 'machine-load',
    text: `Machine load during this run${only ? ` (${only.join(', ')} only)` : ''}: 1-minute load average ${loadBefore.toFixed(1)} at start, peak ${loadPeak.value.toFixed(1)}, ${os.loadavg()[0].toFixed(1)} at end, on ${cores} cores. ${loadPeak.value > cores ? 'Other processes competed for the CPU, so times are inflated; sizes and byte counts are not affected.' : 'The CPU was mostly free.'}`,
  });
  recordResults(toResults(outcomes, size, readResults().results), { notes });
  console.log('layouts: results written to bench/results.json and bench/RESULTS.md');
}

await main(process.argv.slice(2));
