// Benchmark results: every bench records figures into bench/results.json, merged by
// (bench, dataset, metric) so that separate runs add to each other instead of erasing, and
// bench/RESULTS.md is regenerated from it: one table per bench and dataset, the machine, and
// notes that explain the misses. Benchmarks are not tests: nothing here fails a build.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  bench: string;
  /** S, M, L, or another dataset label. */
  dataset: string;
  metric: string;
  /** null when the measurement did not finish (timeout, crash): always a miss. */
  value: number | null;
  unit: string;
  /** The figure to meet, in the same unit; null or absent when there is none. */
  target?: number | null;
  /** Lower values are better unless this is true (throughput, hit rate…). */
  higherIsBetter?: boolean;
  /** The same metric for comparable systems or layouts, in the same unit: `{ automerge: 612 }`. */
  peers?: Record<string, number | null>;
  /** Why a value is missing or suspect: `timeout after 600 s`. */
  status?: string;
  /** ISO time of the measurement; filled in by recordResults. */
  at?: string;
}

export interface BenchNote {
  bench: string;
  dataset?: string;
  /** Notes merge by (bench, dataset, key): re-running replaces a note instead of repeating it;
   * a note with empty text removes the one with its key. */
  key: string;
  text: string;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  chromium: string | null;
  date: string;
}

export interface ResultsFile {
  machine: MachineInfo;
  results: BenchResult[];
  notes: BenchNote[];
}

/** The results themselves: a JSON array of BenchResult (the format the issues ask for). */
export const RESULTS_JSON = fileURLToPath(new URL('../results.json', import.meta.url));

/** Beside results.json: the machine the last run was on and the notes, `{ machine, notes }`. */
export function notesPathOf(jsonPath: string): string {
  return jsonPath.replace(/\.json$/, '') + '-notes.json';
}
export const RESULTS_MD = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

function firstLine(run: () => string): string | null {
  try {
    return run().trim().split('\n')[0] || null;
  } catch {
    return null;
  }
}

export function machineInfo(now = new Date()): MachineInfo {
  const cpuinfo = firstLine(() => readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('model name')).join('\n'));
  const osRelease = firstLine(() => readFileSync('/etc/os-release', 'utf8').split('\n').filter((l) => l.startsWith('PRETTY_NAME=')).join('\n'));
  return {
    cpu: cpuinfo?.replace(/^model name\s*:\s*/, '') ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${osRelease?.replace(/^PRETTY_NAME="?|"$/g, '') ?? os.type()} (${os.platform()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    chromium: firstLine(() => execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] })),
    date: now.toISOString(),
  };
}

export function readResults(path = RESULTS_JSON): ResultsFile {
  const parsed: unknown = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
  const notesPath = notesPathOf(path);
  const side = (existsSync(notesPath) ? JSON.parse(readFileSync(notesPath, 'utf8')) : {}) as Partial<ResultsFile>;
  if (Array.isArray(parsed)) {
    return { machine: side.machine ?? machineInfo(), results: parsed as BenchResult[], notes: side.notes ?? [] };
  }
  // Earlier runs wrote one object { machine, results, notes }: still read, rewritten as an array.
  const legacy = parsed as Partial<ResultsFile>;
  return { machine: side.machine ?? legacy.machine ?? machineInfo(), results: legacy.results ?? [], notes: side.notes ?? legacy.notes ?? [] };
}

function writeResultsFiles(jsonPath: string, file: ResultsFile): void {
  writeAtomically(jsonPath, JSON.stringify(file.results, null, 2) + '\n');
  writeAtomically(notesPathOf(jsonPath), JSON.stringify({ machine: file.machine, notes: file.notes }, null, 2) + '\n');
}

const resultKey = (r: BenchResult) => `${r.bench}\u0000${r.dataset}\u0000${r.metric}`;
const noteKey = (n: BenchNote) => `${n.bench}\u0000${n.dataset ?? ''}\u0000${n.key}`;

/** Pure merge: incoming results and notes replace the ones with the same key, order kept;
 * an incoming note with empty text deletes its key. */
export function mergeResults(file: ResultsFile, results: readonly BenchResult[], notes: readonly BenchNote[] = []): ResultsFile {
  const byKey = new Map(file.results.map((r) => [resultKey(r), r]));
  for (const r of results) byKey.set(resultKey(r), r);
  const notesByKey = new Map(file.notes.map((n) => [noteKey(n), n]));
  for (const n of notes) {
    if (n.text === '') notesByKey.delete(noteKey(n));
    else notesByKey.set(noteKey(n), n);
  }
  return { machine: file.machine, results: [...byKey.values()], notes: [...notesByKey.values()] };
}

/** Whether a result meets its target; undefined when it has none. */
export function meetsTarget(r: BenchResult): boolean | undefined {
  if (r.target === undefined || r.target === null) return r.value === null ? false : undefined;
  if (r.value === null) return false;
  return r.higherIsBetter ? r.value >= r.target : r.value <= r.target;
}

function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

const formatValue = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? '—' : `${formatNumber(value)} ${unit}`.trim();

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(file: ResultsFile): string {
  const m = file.machine;
  const out: string[] = [
    '# Benchmark results',
    '',
    'Generated by `npm run bench` (bench/run.mjs) from bench/results.json; do not edit by hand.',
    'Each bench run merges its figures into results.json, so rows can come from different runs (see "measured").',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${escapeCell(m.cpu)} |`,
    `| cores | ${m.cores} |`,
    `| RAM | ${m.ramGiB} GiB |`,
    `| OS | ${escapeCell(m.os)} |`,
    `| Node | ${m.node} |`,
    `| Chromium | ${escapeCell(m.chromium ?? 'not found')} |`,
    `| last written | ${m.date} |`,
    '',
  ];
  const benches = [...new Set(file.results.map((r) => r.bench))];
  for (const bench of benches) {
    out.push(`## ${bench}`, '');
    const rows = file.results.filter((r) => r.bench === bench);
    const datasets = [...new Set(rows.map((r) => r.dataset))].sort();
    for (const dataset of datasets) {
      out.push(`### dataset ${dataset}`, '', '| metric | value | target | met? | peers | measured |', '|---|---|---|---|---|---|');
      for (const r of rows.filter((x) => x.dataset === dataset)) {
        const met = meetsTarget(r);
        const target = r.target === undefined || r.target === null ? '' : `${r.higherIsBetter ? '≥' : '≤'} ${formatValue(r.target, r.unit)}`;
        const verdict = met === undefined ? '' : met ? 'met' : '**MISSED**';
        const value = r.value === null ? `— (${r.status ?? 'not measured'})` : formatValue(r.value, r.unit) + (r.status ? ` (${r.status})` : '');
        const peers = Object.entries(r.peers ?? {}).map(([name, v]) => `${name}: ${formatValue(v, r.unit)}`).join('; ');
        out.push(`| ${escapeCell(r.metric)} | ${escapeCell(value)} | ${target} | ${verdict} | ${escapeCell(peers)} | ${r.at?.slice(0, 16).replace('T', ' ') ?? ''} |`);
      }
      out.push('');
    }
    const notes = file.notes.filter((n) => n.bench === bench);
    if (notes.length) {
      out.push('### Notes', '');
      for (const n of notes) out.push(`- ${n.dataset ? `**${n.dataset}** — ` : ''}${n.text.replace(/\n+/g, ' ')}`);
      out.push('');
    }
  }
  return out.join('\n');
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export interface RecordOptions {
  notes?: readonly BenchNote[];
  jsonPath?: string;
  markdownPath?: string;
  now?: Date;
}

/**
 * Merges results (and notes) into results.json and regenerates RESULTS.md. Call it from one
 * process at a time: a bench that forks workers collects their figures and records once.
 */
export function recordResults(results: readonly BenchResult[], options: RecordOptions = {}): ResultsFile {
  const jsonPath = options.jsonPath ?? RESULTS_JSON;
  return withLock(jsonPath, () => recordUnlocked(results, jsonPath, options));
}

/**
 * Benches run in parallel (a browser bench and a relay bench, say) would each read, merge and
 * write, and the last writer would erase the other's rows: the read-merge-write holds a lock
 * file. A lock older than a minute is taken as left by a crashed process.
 */
function withLock<T>(jsonPath: string, fn: () => T): T {
  const lock = `${jsonPath}.lock`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { force: true });
      } catch {
        // Released meanwhile.
      }
      if (Date.now() > deadline) throw new Error(`Could not lock ${lock}; remove it if no bench is running.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function recordUnlocked(results: readonly BenchResult[], jsonPath: string, options: RecordOptions): ResultsFile {
  const now = options.now ?? new Date();
  const stamped = results.map((r) => ({ ...r, at: r.at ?? now.toISOString() }));
  const merged = mergeResults(readResults(jsonPath), stamped, options.notes ?? []);
  merged.machine = machineInfo(now);
  writeResultsFiles(jsonPath, merged);
  writeAtomically(options.markdownPath ?? RESULTS_MD, renderMarkdown(merged));
  return merged;
}

/** Attaches (or replaces) a note on a bench, e.g. why a target was missed. */
export function addNote(note: BenchNote, options: Omit<RecordOptions, 'notes'> = {}): ResultsFile {
  return recordResults([], { ...options, notes: [note] });
}

/** Regenerates RESULTS.md from results.json without measuring anything. */
export function renderResultsFile(jsonPath = RESULTS_JSON, markdownPath = RESULTS_MD): void {
  const file = readResults(jsonPath);
  writeResultsFiles(jsonPath, file);
  writeAtomically(markdownPath, renderMarkdown(file));
}
