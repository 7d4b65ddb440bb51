// The driver's side of the in-page instruments (probes.js): their types, their source for
// addInitScript, and the waits built on them (settle, time to interactive). Callbacks handed to
// page.evaluate here stay one expression: tsx would wrap named inner functions in `__name`,
// which the page does not have.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const PROBES_SOURCE = readFileSync(fileURLToPath(new URL('./probes.js', import.meta.url)), 'utf8');

export type ProbeName = 'contactRows' | 'board' | 'record';

export interface ClickMeasure {
  clickAt: number;
  paintedAt: number | null;
  ms: number | null;
}

export interface Keystroke {
  key: string;
  keydownAt: number;
  paintedAt: number | null;
  changed: boolean;
}

export interface ScrollRun {
  startedAt: number;
  endedAt: number;
  frames: number[];
  blankFrames: number;
  scrolledPx: number;
}

export interface AppBenchProbe {
  longTasks: [number, number][];
  supportsLongTasks: boolean;
  probes: Record<ProbeName, () => boolean>;
  afterPaint(): Promise<number>;
  frameWhen(check: () => boolean, timeoutMs?: number): Promise<number | null>;
  epochNow(): number;
  firstRows: number | null;
  armed: Promise<unknown> | null;
  armClick(selector: string, name: ProbeName, timeoutMs?: number): void;
  keystrokes: Keystroke[];
  watchKeystrokes(selector: string, watch: string): void;
  enters: number[];
  watchEnters(selector: string): void;
  whenValue(selector: string, value: string, timeoutMs?: number): Promise<number | null>;
  scrollTable(rows: number, rowsPerFrame: number, rowHeight: number): Promise<ScrollRun>;
}

declare global {
  interface Window {
    __appBench: AppBenchProbe;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function longTasks(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => window.__appBench.longTasks.slice());
}

export const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Long tasks that started in [from, to) of the page clock. */
export function tasksBetween(tasks: readonly [number, number][], from: number, to = Infinity): [number, number][] {
  return tasks.filter(([start]) => start >= from && start < to);
}

/**
 * Time to interactive after `from` (page clock), as Lighthouse defines it without the network
 * part: the end of the last long task before the first window of `quietMs` without one, or
 * `from` itself when no long task follows. Polls the page until such a window has gone by
 * (at most `maxMs`); `settled` is false when it never came.
 */
export async function timeToInteractive(page: Page, from: number, quietMs = 5_000, maxMs = 120_000): Promise<{ tti: number; settled: boolean; tasks: [number, number][] }> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const [tasks, now] = await Promise.all([longTasks(page), pageNow(page)]);
    const after = tasks.filter(([start, duration]) => start + duration > from).sort((a, b) => a[0] - b[0]);
    let tti = from;
    let settled = false;
    for (const [start, duration] of after) {
      if (start - tti >= quietMs) {
        settled = true;
        break;
      }
      tti = Math.max(tti, start + duration);
    }
    if (settled || now - tti >= quietMs) return { tti, settled: true, tasks: after };
    if (Date.now() > deadline) return { tti, settled: false, tasks: after };
    await sleep(500);
  }
}

/** Waits until the page has run no long task for `quietMs` (background work done), at most `maxMs`. */
export async function settle(page: Page, quietMs = 3_000, maxMs = 180_000): Promise<{ waitedMs: number; settled: boolean }> {
  const t0 = Date.now();
  const from = await pageNow(page);
  const { settled } = await timeToInteractive(page, from, quietMs, maxMs);
  return { waitedMs: Date.now() - t0, settled };
}

/** Offset of page B's epoch clock over page A's, from the tightest of a few A–B–A readings. */
export async function clockOffset(a: Page, b: Page, rounds = 10): Promise<{ offsetMs: number; roundTripMs: number }> {
  let best = { offsetMs: 0, roundTripMs: Infinity };
  for (let i = 0; i < rounds; i++) {
    const a1 = await a.evaluate(() => window.__appBench.epochNow());
    const bt = await b.evaluate(() => window.__appBench.epochNow());
    const a2 = await a.evaluate(() => window.__appBench.epochNow());
    if (a2 - a1 < best.roundTripMs) best = { offsetMs: bt - (a1 + a2) / 2, roundTripMs: a2 - a1 };
  }
  return best;
}
