// Turns one app bench run (bench/browser/app-bench.ts) into results and notes for
// bench/results.json: each metric with its target, how it was measured, the machine's load
// when it was, and the figures that say where the time went.
import { execFileSync } from 'node:child_process';
import { DATASET_COUNTS, type DatasetSize } from '../dataset.ts';
import type { BenchNote, BenchResult } from '../lib/results.ts';
import { percentile } from '../relay/lib.ts';
import type { SeedInfo } from './fixture.ts';
import { describeBreakdown, type Breakdown } from './diagnose.ts';
import type { BootstrapRun, ColdOpenRun, TaskSummary } from './open.ts';
import type { RemoteEdit } from './remote.ts';
import type { BoardOpen, PaletteRun, RecordOpen, ScrollResult } from './screens.ts';

export const BENCH = 'app';

export interface Raw {
  size: DatasetSize;
  /** 1, 5 and 15-minute load averages when each step started. */
  loads: Record<string, string>;
  seed: SeedInfo;
  workDir: string;
  source?: string;
  /** The served build's version when the run started and ended. */
  build?: { atStart: string; atEnd?: string };
  bootstrap?: BootstrapRun;
  memberBootstrap?: BootstrapRun;
  cold?: ColdOpenRun[];
  coldProfile?: string[];
  coldBreakdown?: Breakdown;
  /** Distinct updatedAt among the first contacts of the owner's database. */
  ties?: { sampled: number; distinct: number } | null;
  recordBreakdown?: Breakdown;
  kanbanBreakdown?: Breakdown;
  scroll?: ScrollResult;
  scrollProfile?: string[];
  record?: RecordOpen[];
  recordProfile?: string[];
  kanban?: BoardOpen[];
  kanbanProfile?: string[];
  palette?: PaletteRun;
  paletteProfile?: string[];
  remote?: RemoteRun[];
  errors?: string[];
}

export interface RemoteRun {
  target: string;
  /** An extra pass under the CPU profiler, not counted. */
  diagnostic?: boolean;
  edits: RemoteEdit[];
  clock: { offsetMs: number; roundTripMs: number };
  longTasks: { a: TaskSummary; b: TaskSummary };
  relayCpuPct: number;
  profiles?: { a: string[]; b: string[] };
}

/** The code measured: the commit, and whether src/ or packages/ had uncommitted changes. */
export function sourceVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'packages', 'sync-server/src'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in src/, packages/ or sync-server/` : head;
  } catch {
    return 'unknown';
  }
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));
const sorted = (values: (number | null)[]) => values.map((v) => v ?? Infinity).sort((a, b) => a - b);
const pct = (values: (number | null)[], p: number) => {
  const v = percentile(sorted(values), p);
  return v === null || !Number.isFinite(v) ? null : Math.round(v * 10) / 10;
};
const median = (values: (number | null)[]) => pct(values, 50);
const tasksText = (tasks: [number, number][]) => (tasks.length ? tasks.map(([s, d]) => `${fmt(d)} ms at +${fmt(s)}`).join(', ') : 'none');

export function toResults(raw: Raw): { results: BenchResult[]; notes: BenchNote[] } {
  const D = raw.size;
  const L = D === 'L';
  const t = (target: number) => (L ? target : null);
  const results: BenchResult[] = [];
  const notes: BenchNote[] = [];
  const note = (key: string, text: string) => notes.push({ bench: BENCH, dataset: D, key, text });
  const code = raw.source ?? sourceVersion();
  const rebuilt = raw.build?.atEnd && raw.build.atEnd !== raw.build.atStart ? ` (build/ was rebuilt by someone during the run: ${raw.build.atStart} → ${raw.build.atEnd})` : '';
  const loadText = (step: string) => `Load average (1/5/15 min) at the start: ${raw.loads[step] ?? 'not noted'} on 2 cores shared with other work. Code: ${code}, build ${raw.build?.atStart ?? '?'}${rebuilt}.`;

  if (raw.bootstrap) {
    const b = raw.bootstrap;
    const m = b.milestones;
    results.push({ bench: BENCH, dataset: D, metric: `app_bootstrap_${D}_ms`, value: Math.round(b.ms), unit: 'ms', target: null,
      peers: raw.memberBootstrap ? { 'second browser (rep)': Math.round(raw.memberBootstrap.ms) } : undefined });
    note('app_bootstrap', `app_bootstrap_${D}_ms: a fresh Chromium profile signs in on /login (next=/contacts) against the relay holding the seeded, compacted workspace (${fmt(raw.seed.docs)} docs); from the submit click (event time) to the first painted frame where no bundle is being written (the sync indicator's hidden progress text gone), the socket is live and the contacts table counts all ${fmt(DATASET_COUNTS[D].contacts)} contacts. Milestones after the click: first progress ${fmt(m.firstProgress)} ms, bundle written ${fmt(m.bootstrapOver)} ms, live ${fmt(m.live)} ms, count shown ${fmt(m.countShown)} ms. Long tasks meanwhile: ${b.longTasks.count} (${fmt(b.longTasks.totalMs)} ms in all, longest ${fmt(b.longTasks.longestMs)} ms). The page then worked on for another ${fmt(b.settleMs)} ms before 5 s passed without a long task${b.settled ? '' : ' (never quiet within 10 min)'}.${raw.memberBootstrap ? ` A second browser (the rep, with the owner's browser open and idle) took ${fmt(raw.memberBootstrap.ms)} ms (settled ${fmt(raw.memberBootstrap.settleMs)} ms later; load ${raw.loads.memberBootstrap}).` : ''} The relay bench's bootstrap_${D}_ms is the same download into a Node Store over memory. ${loadText('bootstrap')}`);
  }

  if (raw.cold?.length) {
    const restarts = raw.cold.filter((r) => r.kind === 'browser restart');
    const reload = raw.cold.find((r) => r.kind === 'reload');
    const value = median(restarts.map((r) => r.interactiveMs));
    results.push({ bench: BENCH, dataset: D, metric: 'app_cold_open_to_interactive_ms', value, unit: 'ms', target: t(1_500),
      peers: { 'rows painted': median(restarts.map((r) => r.rowsMs)) ?? null, ...(reload ? { 'page reload, interactive': Math.round(reload.interactiveMs) } : {}) } });
    note('app_cold_open', `app_cold_open_to_interactive_ms: median of ${restarts.length} browser restarts on the profile holding the workspace (IndexedDB and service worker kept, nothing in memory), each opening /contacts. Clock: the document's navigation start (performance.now() = 0). Rows painted = the first frame whose rAF saw a loaded row (a.title in the table), plus a posted message (after that frame's paint). Interactive = Lighthouse's TTI without the network rule: the end of the last long task (≥ 50 ms, PerformanceObserver 'longtask') before the first 5 s without one, and never before rows painted. Runs: ${raw.cold.map((r) => `${r.kind}: rows ${fmt(r.rowsMs)} ms, interactive ${fmt(r.interactiveMs)} ms, DOMContentLoaded ${fmt(r.domContentLoadedMs)} ms, ${r.longTasks.count} long tasks (${fmt(r.longTasks.totalMs)} ms, longest ${fmt(r.longTasks.longestMs)}), after rows: ${tasksText(r.tasksAfterRows)}`).join('; ')}.${raw.coldBreakdown ? ` Where the time goes, from an extra restart with every IndexedDB request timed (not counted; rows painted at +${fmt(raw.coldBreakdown.ms)} ms): ${describeBreakdown(raw.coldBreakdown, 24)}` : ''}${raw.coldProfile ? ` CPU profile of that run, top self time: ${raw.coldProfile.join('; ')}.` : ''}${raw.coldBreakdown ? coldAnalysis(raw.coldBreakdown, raw.ties) : ''} ${loadText('cold')}`);
  }

  if (raw.scroll) {
    const s = raw.scroll;
    results.push({ bench: BENCH, dataset: D, metric: 'contacts_scroll_long_tasks', value: s.longTasks.length, unit: 'tasks', target: t(0) });
    note('contacts_scroll', `contacts_scroll_long_tasks: /contacts (default sort, updatedAt desc), after the page was quiet; the table's scroller moved ${s.rowsPerFrame} rows (${s.rowsPerFrame * s.rowHeight} px) per animation frame through ${fmt(s.rows)} rows of ${s.rowHeight} px (${fmt(s.durationMs)} ms, ${fmt(s.frames)} frames, about ${fmt((s.rows / s.durationMs) * 1000)} rows/s, a fast continuous scroll). Counted: long tasks over 50 ms that started from the first scrolled frame to 1 s after the last: ${tasksText(s.longTasks)}. Frame intervals p50 ${fmt(s.frameP50, 1)} ms, p95 ${fmt(s.frameP95, 1)} ms, max ${fmt(s.frameMax, 1)} ms; ${fmt(s.blankFrames)} frames (${fmt((100 * s.blankFrames) / Math.max(1, s.frames), 1)} %) showed placeholder rows in view (pages not read yet).${raw.scrollProfile ? ` CPU profile top self time: ${raw.scrollProfile.join('; ')}.` : ''} ${loadText('scroll')}`);
  }

  if (raw.record?.length) {
    const r = raw.record;
    const ms = r.map((o) => o.ms);
    results.push({ bench: BENCH, dataset: D, metric: 'record_open_ms', value: median(ms), unit: 'ms', target: t(100),
      peers: { p95: pct(ms, 95), max: pct(ms, 100) } });
    note('record_open', `record_open_ms: median of ${r.length} opens; each from the quiet contacts list, a click on row i's name (i = 0…${r.length - 1}, click event time) → the first painted frame with the contact's fields filled (input#field-firstName) and its activity timeline read (items or the empty text; the panel's loading text gone). p95 ${fmt(pct(ms, 95))} ms, max ${fmt(pct(ms, 100))} ms. Per open (ms / activities shown / long tasks from click to 1 s after): ${r.map((o) => `${fmt(o.ms)}/${o.activities}/${o.longTasks}`).join(', ')}. Back to the list with history back between opens.${raw.recordBreakdown ? ` Where the time goes, from one more open (row 1) with every IndexedDB request timed (not counted), ms from the click: ${describeBreakdown(raw.recordBreakdown)}` : ''}${raw.recordProfile ? ` CPU profile top self time: ${raw.recordProfile.join('; ')}.` : ''}${raw.recordBreakdown ? recordAnalysis(raw.recordBreakdown) : ''} ${loadText('record')}`);
  }

  if (raw.kanban?.length) {
    const k = raw.kanban;
    const ms = k.map((o) => o.ms);
    results.push({ bench: BENCH, dataset: D, metric: 'kanban_first_paint_ms', value: median(ms), unit: 'ms', target: t(300),
      peers: { first: k[0].ms === null ? null : Math.round(k[0].ms), max: pct(ms, 100) } });
    note('kanban_first_paint', `kanban_first_paint_ms: median of ${k.length} client-side navigations from the quiet contacts list, a click on Deals in the navigation (click event time) → the first painted frame with the board's columns and at least one card. The first visit of the session ${fmt(k[0].ms)} ms (loads the route's code from the service worker's cache), then ${k.slice(1).map((o) => fmt(o.ms)).join(', ')} ms. Board: ${k[0].columns} columns, ${k[0].cards} cards rendered, "${k[0].summary}". Long tasks from click to paint (duration at +ms): ${k.map((o) => `[${tasksText(o.tasksBefore)}]`).join(' ')}; in the 3 s after the paint: ${k.map((o) => `[${tasksText(o.tasksAfter)}]`).join(' ')}.${raw.kanbanBreakdown ? ` Where the time goes, from one more open with every IndexedDB request timed (not counted), ms from the click: ${describeBreakdown(raw.kanbanBreakdown)}` : ''}${raw.kanbanProfile ? ` CPU profile top self time: ${raw.kanbanProfile.join('; ')}.` : ''}${raw.kanbanBreakdown ? boardAnalysis(raw.kanbanBreakdown) : ''} ${loadText('kanban')}`);
  }

  if (raw.palette) {
    const p = raw.palette;
    const ms = p.keystrokes.map((s) => s.ms);
    results.push({ bench: BENCH, dataset: D, metric: 'palette_keystroke_to_results_p95_ms', value: pct(ms, 95), unit: 'ms', target: t(16),
      peers: { p50: pct(ms, 50), p99: pct(ms, 99), max: pct(ms, 100) } });
    const slowest = [...p.keystrokes].sort((a, b) => (b.ms ?? Infinity) - (a.ms ?? Infinity)).slice(0, 6);
    note('palette', `palette_keystroke_to_results_p95_ms: p95 over ${p.keystrokes.length} keystrokes (p50 ${fmt(pct(ms, 50), 1)}, p99 ${fmt(pct(ms, 99), 1)}, max ${fmt(pct(ms, 100), 1)} ms). On /contacts, Ctrl+K opens the palette once per query, then the query is typed key by key ${p.delayMs} ms apart (Playwright keyboard.type): ${p.results.map((r) => `"${r.query}" (${r.shown} results)`).join(', ')} — contacts' full names and companies' names of the dataset, lowercase, accents stripped. Per keystroke: keydown event time → the paint of the first frame after its input event (the search and the list update are synchronous in the input handler and its effects, so that frame shows the new results); ${p.keystrokes.filter((s) => s.changed).length} of them changed the list. Slowest: ${slowest.map((s) => `"${s.key}" in "${s.query}" ${fmt(s.ms, 1)} ms`).join(', ')}.${raw.paletteProfile ? ` CPU profile top self time: ${raw.paletteProfile.join('; ')}.` : ''} ${loadText('palette')}`);
  }

  for (const run of raw.remote ?? []) {
    const e = run.edits;
    const ms = e.map((x) => x.ms);
    const contact = run.target === 'contact';
    const metric = contact ? 'remote_edit_visible_ms' : `remote_edit_visible_${run.target}_page_ms`;
    if (!run.diagnostic) results.push({ bench: BENCH, dataset: D, metric, value: pct(ms, 95), unit: 'ms', target: contact ? t(100) : null,
      peers: { p50: pct(ms, 50), max: pct(ms, 100) } });
    const part = (key: 'aSendMs' | 'relayMs' | 'bApplyMs') => `p50 ${fmt(pct(e.map((x) => x[key]), 50), 1)}, p95 ${fmt(pct(e.map((x) => x[key]), 95), 1)}`;
    const tasks = (x: TaskSummary) => `${x.count} long tasks, ${fmt(x.totalMs)} ms in all, longest ${fmt(x.longestMs)} ms`;
    const control = raw.remote?.find((r) => r.target !== 'contact' && !r.diagnostic);
    if (run.diagnostic) {
      note(`remote_edit_${run.target}_profile`, `Where the time of remote_edit_visible_ms goes: ${e.length} more edits on the contact page with the CPU profiler on in both browsers (not counted; p50 ${fmt(pct(ms, 50), 1)} ms). In A (the writer): ${run.profiles?.a.join('; ')}. In B (the reader): ${run.profiles?.b.join('; ')}.${remoteAnalysis(run, raw.remote?.find((r) => r.target === 'contact' && !r.diagnostic), control)}`);
      continue;
    }
    note(`remote_edit_${run.target}`, `${metric}: p95 of ${e.length} edits (p50 ${fmt(pct(ms, 50), 1)}, max ${fmt(pct(ms, 100), 1)} ms${e.some((x) => x.ms === null) ? `, ${e.filter((x) => x.ms === null).length} never shown within 20 s` : ''}). ${contact ? "Two Chromium processes on this machine, the owner (A) and an invited rep (B, with its own bootstrap), both on the contact page of the list's first contact, over loopback to one relay; A fills the job title" : `The same two browsers on the page of ${run.target} 0 of the dataset (a control: no duplicates panel on that page); A fills the next step`} and presses Enter (keydown event time, epoch = timeOrigin + timeStamp); B checks the input's value every animation frame and notes the paint of the frame that shows A's value; B's clock mapped onto A's by the tightest of 10 A–B–A readings (offset ${fmt(run.clock.offsetMs, 2)} ms, round trip ${fmt(run.clock.roundTripMs, 2)} ms). 400 ms between edits. Split through the sockets' frames seen by CDP (the frame holding the value's bytes; CDP's monotonic times mapped to wall time through each socket's handshake, so ±1–2 ms): A keydown → push frame sent ${part('aSendMs')} ms; sent → B's frame received (relay, loopback) ${part('relayMs')} ms; received → painted in B ${part('bApplyMs')} ms. Meanwhile A ran ${tasks(run.longTasks.a)}; B ${tasks(run.longTasks.b)}; the relay used ${run.relayCpuPct} % of a core.${run.profiles ? ` CPU profile, top self time in A: ${run.profiles.a.slice(0, 8).join('; ')}; in B: ${run.profiles.b.slice(0, 8).join('; ')}.` : ''} ${loadText(`remote-${run.target}`)}`);
  }

  if (raw.errors?.length) note('page-errors', `Errors the pages reported during the last run: ${raw.errors.join(' | ').slice(0, 800)}`);
  else note('page-errors', '');
  return { results, notes };
}

// ---- analysis: causes the breakdowns show, stated only when the run's own figures show them --

const opOf = (b: Breakdown, op: string) => b.idb.find((g) => g.op === op);

function coldAnalysis(b: Breakdown, ties: Raw['ties']): string {
  const page = opOf(b, 'contacts[[_alive+updatedAt]].getAll');
  const count = opOf(b, 'contacts[[_alive+updatedAt]].count');
  const search = opOf(b, 'meta.get');
  const ready = b.fetches.find(([name]) => /\/members$/.test(name));
  let text = '';
  if (page && page.to !== null) {
    text += ` Reading: the first page of contacts (newest updatedAt first) took ${page.n} read${page.n > 1 ? 's' : ''} of the [_alive+updatedAt] index, +${page.from}–${page.to} ms (the page, then the smallest ids of the run of equal updatedAt at its end${ties ? `; ${fmt(ties.sampled)} contacts sampled from this browser's database have ${fmt(ties.distinct)} distinct updatedAt` : ''})${count && count.to !== null ? `, beside the count of alive contacts (+${count.from}–${count.to} ms)` : ''}.`;
  }
  if (search && search.to !== null && b.ms !== null && search.from >= b.ms - 100) {
    text += ` The search index is read after the first rows (${search.n} meta reads, the snapshot's parts, +${search.from}–${search.to} ms).`;
  }
  if (ready) text += ` The workspace was open (the members list is fetched right after) at +${ready[1]} ms.`;
  return text;
}

function recordAnalysis(b: Breakdown): string {
  const first = b.idb[0];
  const activities = opOf(b, 'activities[contactId].getAll');
  const scan = opOf(b, 'contacts.getAll');
  if (!first) return '';
  return ` Reading: nothing is read before +${first.from} ms (the route change and the page's first render); the timeline's query waits for the contact's row (the panel is rendered with the record)${activities ? ` and runs +${activities.from}–${activities.to ?? '?'} ms` : ''}${scan && scan.n > 1 ? `; the duplicates panel then passes over every contact, keeping those that share an email, phone or company with this one (${scan.n} reads, +${scan.from}–${scan.to ?? '?'} ms), after the paint` : ''}.`;
}

function boardAnalysis(b: Breakdown): string {
  const deals = opOf(b, 'deals.getAll');
  const companies = opOf(b, 'companies.get');
  const tasks = b.longTasks.filter(([start]) => b.ms === null || start < b.ms);
  const work = `${tasks.map(([, d]) => `${d} ms`).join(' + ') || 'no'} long task${tasks.length === 1 ? '' : 's'} before the paint`;
  if (!deals || deals.to === null) {
    return ` Reading: nothing is read from IndexedDB for the board: every alive deal is kept in memory per workspace (read in the background after the first screen, patched from change events), so the click is grouping, totalling and rendering (${work}).`;
  }
  return ` Reading: the board is painted only once every deal of the workspace has been read (${deals.n} reads, +${deals.from}–${deals.to} ms) and then grouped, totalled and rendered (${work})${companies ? `; the names of the deals' companies are read one get each (${fmt(companies.n)} gets, +${companies.from}–${companies.to ?? '?'} ms), alongside` : ''}.`;
}

function remoteAnalysis(profiled: RemoteRun, measured: RemoteRun | undefined, control: RemoteRun | undefined): string {
  const dup = [...(profiled.profiles?.a ?? []), ...(profiled.profiles?.b ?? [])].find((line) => /^inclusive: (duplicatesOf|findDuplicates) /.test(line));
  if (!measured || !control) return '';
  const p95 = (run: RemoteRun) => fmt(pct(run.edits.map((x) => x.ms), 95), 1);
  return ` Reading: on the contact page A and B ran ${measured.longTasks.a.count} and ${measured.longTasks.b.count} long tasks (${fmt(measured.longTasks.a.totalMs)} and ${fmt(measured.longTasks.b.totalMs)} ms) during the edits, against ${control.longTasks.a.count} and ${control.longTasks.b.count} on the ${control.target} page, where the same edit path showed in p95 ${p95(control)} ms (contact page p95 ${p95(measured)} ms).${dup ? ` The profile names the work (${dup.replace('inclusive: ', '')} inclusive in one browser over the profiled edits): the contact page's duplicates check.` : ''}`;
}
