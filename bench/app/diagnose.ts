// Where the time of one screen goes, for the notes of the metrics: the page's IndexedDB
// requests (idb-timeline.js) grouped by store, index and method with when the first started
// and the last ended, the long tasks, and the app's own network requests, all relative to the
// start of the measurement. Taken on an extra run that is not counted.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const IDB_TIMELINE_SOURCE = readFileSync(fileURLToPath(new URL('./idb-timeline.js', import.meta.url)), 'utf8');

interface Request {
  op: string;
  start: number;
  end: number | null;
}

declare global {
  interface Window {
    __idbTimeline?: Request[];
  }
}

export interface Breakdown {
  /** What was measured, ms from its start. */
  ms: number | null;
  /** IndexedDB requests grouped by op: count, first start and last end (ms from the start). */
  idb: { op: string; n: number; from: number; to: number | null }[];
  longTasks: [number, number][];
  /** The app's fetches (not its code): [name, start, end]. */
  fetches: [string, number, number][];
}

/** Installs the IndexedDB timeline in a loaded page (later requests are timed). */
export async function installIdbTimeline(page: Page): Promise<void> {
  await page.evaluate(IDB_TIMELINE_SOURCE);
}

/** The breakdown of what happened in the page from `from` (page clock) on, for a result of `ms`. */
export async function breakdown(page: Page, from: number, ms: number | null): Promise<Breakdown> {
  const data = await page.evaluate((t0) => ({
    idb: (window.__idbTimeline ?? []).filter((r) => r.start >= t0),
    tasks: window.__appBench.longTasks.filter(([s]) => s >= t0),
    fetches: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime >= t0 && !/\.(js|css|svg|webmanifest)$/.test(e.name)).map((e) => [e.name.replace(/^.*\/api\//, '/api/').replace(/\?.*$/, ''), e.startTime, e.responseEnd]),
  }), from);
  const groups = new Map<string, { op: string; n: number; from: number; to: number | null }>();
  for (const r of data.idb) {
    const g = groups.get(r.op) ?? { op: r.op, n: 0, from: Infinity, to: null };
    g.n++;
    g.from = Math.min(g.from, r.start - from);
    if (r.end !== null) g.to = Math.max(g.to ?? -Infinity, r.end - from);
    groups.set(r.op, g);
  }
  const round = (v: number) => Math.round(v);
  return {
    ms,
    idb: [...groups.values()].sort((a, b) => a.from - b.from).map((g) => ({ ...g, from: round(g.from), to: g.to === null ? null : round(g.to) })),
    longTasks: data.tasks.map(([s, d]) => [round(s - from), round(d)]),
    fetches: (data.fetches as [string, number, number][]).map(([name, s, e]) => [name, round(s - from), round(e - from)]),
  };
}

/** One line for a note: "IndexedDB: op ×n +from–to ms; …; long tasks …; fetches …". */
export function describeBreakdown(b: Breakdown, limit = 14): string {
  const idb = b.idb.slice(0, limit).map((g) => `${g.op}${g.n > 1 ? ` ×${g.n}` : ''} +${g.from}–${g.to ?? '?'}`).join(', ');
  const more = b.idb.length > limit ? ` and ${b.idb.length - limit} more kinds` : '';
  const tasks = b.longTasks.length ? b.longTasks.map(([s, d]) => `${d} ms at +${s}`).join(', ') : 'none';
  const fetches = b.fetches.length ? b.fetches.map(([n, s, e]) => `${n} +${s}–${e}`).join(', ') : 'none';
  return `${b.ms === null ? '' : `done at +${Math.round(b.ms)} ms. `}IndexedDB requests (ms from the start): ${idb}${more}. Long tasks: ${tasks}. Fetches: ${fetches}.`;
}

/** How many distinct `updatedAt` the first `sample` alive contacts of the database have. */
export async function distinctUpdatedAt(page: Page, database: string, sample = 2_000): Promise<{ sampled: number; distinct: number } | null> {
  return page.evaluate(([name, n]) => new Promise<{ sampled: number; distinct: number } | null>((resolve) => {
    const open = indexedDB.open(name as string);
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const request = db.transaction('contacts', 'readonly').objectStore('contacts').index('[_alive+updatedAt]').getAll(null, n as number);
        request.onsuccess = () => {
          const rows = request.result as { updatedAt: number }[];
          resolve({ sampled: rows.length, distinct: new Set(rows.map((r) => r.updatedAt)).size });
          db.close();
        };
        request.onerror = () => resolve(null);
      } catch {
        resolve(null);
      }
    };
  }), [database, sample] as const);
}
