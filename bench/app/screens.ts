// The screens a rep uses all day, timed in a browser that holds the workspace: scrolling the
// contacts table, opening a contact from it, opening the deals board from the navigation, and
// typing in the command palette. Every time is the page's own clock, from the input event's
// time to the paint of the first frame that shows the result (see probes.js).
import type { Page } from 'playwright-core';
import { breakdown, installIdbTimeline, type Breakdown } from './diagnose.ts';
import { settle, sleep, tasksBetween, type ClickMeasure, type Keystroke, type ProbeName } from './probe.ts';

const SCROLLER = '[data-testid=table-scroller]';
const rowLink = (index: number) => `${SCROLLER} tbody tr[aria-rowindex="${index + 2}"] a.title`;

/** Waits for /contacts scrolled to the top with loaded rows, then for the page to be quiet. */
export async function onContacts(page: Page): Promise<void> {
  await page.locator(SCROLLER).waitFor({ timeout: 120_000 });
  await page.evaluate((s) => document.querySelector(s)?.scrollTo(0, 0), SCROLLER);
  await page.locator(rowLink(0)).waitFor({ timeout: 120_000 });
  await settle(page, 2_000, 60_000);
}

export interface ScrollResult {
  rows: number;
  rowsPerFrame: number;
  rowHeight: number;
  durationMs: number;
  frames: number;
  /** Long tasks (> 50 ms) from the first scrolled frame to 1 s after the last. */
  longTasks: [number, number][];
  frameP50: number;
  frameP95: number;
  frameMax: number;
  /** Frames where a row inside the viewport was still a placeholder (its page not read yet). */
  blankFrames: number;
}

/** Scrolls the contacts table through `rows` rows, `rowsPerFrame` rows each animation frame. */
export async function measureScroll(page: Page, rows: number, rowsPerFrame: number): Promise<ScrollResult> {
  await onContacts(page);
  const rowHeight = await page.evaluate((s) => Math.round(document.querySelector(`${s} tbody tr[aria-rowindex]`)!.getBoundingClientRect().height), SCROLLER);
  const run = await page.evaluate(({ rows, per, h }) => window.__appBench.scrollTable(rows, per, h), { rows, per: rowsPerFrame, h: rowHeight });
  await sleep(1_500);
  const all = await page.evaluate(() => window.__appBench.longTasks.slice());
  const longTasks = tasksBetween(all, run.startedAt, run.endedAt + 1_000).filter(([, d]) => d > 50);
  const frames = [...run.frames].sort((a, b) => a - b);
  const at = (p: number) => frames[Math.min(frames.length - 1, Math.max(0, Math.ceil(p * frames.length) - 1))] ?? 0;
  return {
    rows: Math.round(run.scrolledPx / rowHeight),
    rowsPerFrame,
    rowHeight,
    durationMs: run.endedAt - run.startedAt,
    frames: frames.length,
    longTasks: longTasks.map(([s, d]) => [Math.round(s - run.startedAt), Math.round(d)]),
    frameP50: at(0.5),
    frameP95: at(0.95),
    frameMax: frames[frames.length - 1] ?? 0,
    blankFrames: run.blankFrames,
  };
}

/** Arms the probe, clicks `target` (a selector; `armed` matches the clicked element), returns the measure. */
async function clickAndMeasure(page: Page, target: string, armed: string, probe: ProbeName, timeoutMs: number): Promise<ClickMeasure> {
  await page.evaluate(([s, p, t]) => window.__appBench.armClick(s, p as ProbeName, t), [armed, probe, timeoutMs] as const);
  await page.locator(target).click();
  return (await page.evaluate(() => window.__appBench.armed)) as ClickMeasure;
}

/**
 * One more click from the quiet contacts list, not counted, with the IndexedDB timeline on;
 * returns where its time went. The page is loaded again afterwards (without the timeline).
 */
export async function diagnoseClick(page: Page, target: string, armed: string, probe: ProbeName): Promise<Breakdown> {
  await onContacts(page);
  await installIdbTimeline(page);
  const measured = await clickAndMeasure(page, target, armed, probe, 60_000);
  await sleep(1_500);
  const result = await breakdown(page, measured.clickAt, measured.ms);
  await page.goto(new URL('/contacts', page.url()).href);
  await onContacts(page);
  return result;
}

export const ROW_LINK = rowLink;
export const DEALS_LINK = 'nav a[href="/deals"]';

export interface RecordOpen {
  name: string;
  ms: number | null;
  activities: number;
  /** Long tasks from the click to 1 s after the paint. */
  longTasks: number;
}

/** Clicks the contact in row `index` of the list, times it, then goes back to the list. */
export async function measureRecordOpens(page: Page, count: number): Promise<RecordOpen[]> {
  const opens: RecordOpen[] = [];
  for (let i = 0; i < count; i++) {
    await onContacts(page);
    const name = ((await page.locator(rowLink(i)).textContent()) ?? '').trim();
    const measured = await clickAndMeasure(page, rowLink(i), 'a.title', 'record', 30_000);
    const activities = await page.locator('main section.panel [data-testid=activity]').count();
    await sleep(1_000);
    const tasks = measured.paintedAt === null ? [] : tasksBetween(await page.evaluate(() => window.__appBench.longTasks.slice()), measured.clickAt, measured.paintedAt + 1_000);
    opens.push({ name, ms: measured.ms, activities, longTasks: tasks.length });
    await settle(page, 1_000, 30_000);
    await page.goBack();
  }
  await onContacts(page);
  return opens;
}

export interface BoardOpen {
  ms: number | null;
  columns: number;
  cards: number;
  summary: string;
  /** Long tasks from the click to the paint, and in the 3 s after it. */
  tasksBefore: [number, number][];
  tasksAfter: [number, number][];
}

/** From the contacts list, clicks Deals in the navigation and times the board's first paint. */
export async function measureBoardOpens(page: Page, count: number): Promise<BoardOpen[]> {
  const opens: BoardOpen[] = [];
  for (let i = 0; i < count; i++) {
    await onContacts(page);
    const measured = await clickAndMeasure(page, DEALS_LINK, DEALS_LINK, 'board', 60_000);
    await sleep(3_000);
    const all = await page.evaluate(() => window.__appBench.longTasks.slice());
    const painted = measured.paintedAt ?? Infinity;
    const rel = (tasks: [number, number][]) => tasks.map(([s, d]): [number, number] => [Math.round(s - measured.clickAt), Math.round(d)]);
    opens.push({
      ms: measured.ms,
      columns: await page.locator('[data-testid=deal-column]').count(),
      cards: await page.locator('[data-testid=deal-card]').count(),
      summary: ((await page.locator('[data-testid=deals-summary]').textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim(),
      tasksBefore: rel(tasksBetween(all, measured.clickAt, painted)),
      tasksAfter: rel(tasksBetween(all, painted, painted + 3_000)),
    });
    await settle(page, 2_000, 60_000);
    await page.locator('nav a[href="/contacts"]').click();
  }
  await onContacts(page);
  return opens;
}

export interface PaletteRun {
  delayMs: number;
  keystrokes: (Keystroke & { ms: number | null; query: string })[];
  /** Results listed at the end of each query. */
  results: { query: string; shown: number }[];
}

/** Opens the palette (Ctrl+K) once per query and types it key by key, `delayMs` apart. */
export async function measurePalette(page: Page, queries: readonly string[], delayMs: number): Promise<PaletteRun> {
  await onContacts(page);
  await page.evaluate(() => window.__appBench.watchKeystrokes('.palette input', '#palette-results'));
  const results: PaletteRun['results'] = [];
  const keystrokes: PaletteRun['keystrokes'] = [];
  for (const query of queries) {
    await page.keyboard.press('Control+k');
    await page.waitForFunction(() => document.activeElement?.matches('.palette input') ?? false);
    await sleep(300);
    const before = await page.evaluate(() => window.__appBench.keystrokes.length);
    await page.keyboard.type(query, { delay: delayMs });
    await sleep(600);
    results.push({ query, shown: await page.locator('#palette-results [role=option]').count() });
    const strokes = (await page.evaluate((from) => window.__appBench.keystrokes.slice(from), before)) as Keystroke[];
    for (const s of strokes) keystrokes.push({ ...s, query, ms: s.paintedAt === null ? null : s.paintedAt - s.keydownAt });
    await page.keyboard.press('Escape');
    await sleep(300);
  }
  return { delayMs, keystrokes, results };
}
