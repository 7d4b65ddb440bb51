// Opening the app: the first sign-in on a fresh browser (the workspace bundle downloaded into
// IndexedDB until the contacts are queryable) and the cold open of a browser that already holds
// the workspace (restart, then /contacts until rows are painted and the page is interactive).
import type { Page } from 'playwright-core';
import type { Person } from './fixture.ts';
import { launchApp, submitLogin, type AppBrowser } from './browser.ts';
import { sleep, tasksBetween, timeToInteractive } from './probe.ts';

export interface BootstrapRun {
  /** Submit click → bundle written, live with the relay, and the contacts count shown. */
  ms: number;
  /** Milestones, ms after the click: first bootstrap progress, bootstrap over, live, count shown. */
  milestones: Record<string, number | null>;
  /** Bundle docs written as last reported while it ran. */
  lastProgress: number | null;
  longTasks: { count: number; totalMs: number; longestMs: number };
  /** After the milestone: until no long task for 5 s (search snapshot, row order…). */
  settleMs: number | null;
  settled: boolean;
}

interface BootstrapState {
  now: number;
  progress: number | null;
  live: boolean;
  rowCount: string | null;
}

const readState = (page: Page) =>
  page.evaluate((): BootstrapState => {
    const status = document.querySelector('[data-testid=sync-status]');
    const hidden = status?.querySelector('.visually-hidden')?.textContent ?? null;
    const digits = hidden?.replace(/[^0-9]/g, '') ?? '';
    return {
      now: performance.now(),
      progress: hidden === null ? null : digits ? Number(digits) : 0,
      live: status?.getAttribute('data-status') === 'live',
      rowCount: document.querySelector('[data-testid=table-scroller] table')?.getAttribute('aria-rowcount') ?? null,
    };
  });

/**
 * Signs `person` in on a fresh profile at /contacts and times the bootstrap: from the submit
 * click to the first painted frame where no bundle is being written, the socket is live and
 * the table counts every contact (`contacts` rows).
 */
export async function measureBootstrap(app: AppBrowser, base: string, person: Person, contacts: number, log: (...args: unknown[]) => void): Promise<BootstrapRun> {
  const { page } = app;
  const clickAt = await submitLogin(page, base, person, '/contacts');
  const rowCount = String(contacts + 1);
  const done = page.evaluate(
    (count) =>
      window.__appBench.frameWhen(
        () =>
          !document.querySelector('[data-testid=sync-status] .visually-hidden') &&
          document.querySelector('[data-testid=sync-status]')?.getAttribute('data-status') === 'live' &&
          document.querySelector('[data-testid=table-scroller] table')?.getAttribute('aria-rowcount') === count,
        30 * 60_000,
      ),
    rowCount,
  );
  const milestones: Record<string, number | null> = { firstProgress: null, bootstrapOver: null, live: null, countShown: null };
  let lastProgress: number | null = null;
  let finished = false;
  void done.finally(() => (finished = true));
  let lastLog = Date.now();
  for (let last = false; !last; ) {
    last = finished;
    const s = await readState(page).catch(() => null);
    if (s) {
      const at = s.now - clickAt;
      if (s.progress !== null) {
        milestones.firstProgress ??= at;
        lastProgress = s.progress;
      } else if (milestones.firstProgress !== null) milestones.bootstrapOver ??= at;
      if (s.live) milestones.live ??= at;
      else milestones.live = null;
      if (s.rowCount === rowCount) milestones.countShown ??= at;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`    ${Math.round(at / 1000)} s: ${s.progress === null ? 'no bundle running' : `${s.progress} docs written`}, ${s.live ? 'live' : 'not live'}, rowcount ${s.rowCount}`);
      }
    }
    if (!last) await sleep(250);
  }
  const paintedAt = await done;
  if (paintedAt === null) throw new Error('bootstrap did not finish within 30 minutes');
  const during = tasksBetween(await page.evaluate(() => window.__appBench.longTasks.slice()), clickAt, paintedAt);
  const settle = await timeToInteractive(page, paintedAt, 5_000, 10 * 60_000);
  return {
    ms: paintedAt - clickAt,
    milestones,
    lastProgress,
    longTasks: summarizeTasks(during),
    settleMs: settle.tti - paintedAt,
    settled: settle.settled,
  };
}

export interface TaskSummary {
  count: number;
  totalMs: number;
  longestMs: number;
}

export function summarizeTasks(tasks: readonly [number, number][]): TaskSummary {
  return {
    count: tasks.length,
    totalMs: Math.round(tasks.reduce((sum, [, d]) => sum + d, 0)),
    longestMs: Math.round(tasks.reduce((max, [, d]) => Math.max(max, d), 0)),
  };
}

export interface ColdOpenRun {
  kind: 'browser restart' | 'reload';
  /** Navigation start → first loaded rows painted. */
  rowsMs: number;
  /** Navigation start → time to interactive (5 s without a long task after the rows). */
  interactiveMs: number;
  settled: boolean;
  /** Long tasks from navigation start to interactive. */
  longTasks: { count: number; totalMs: number; longestMs: number };
  /** The long tasks after the rows were painted, as [start, duration] ms after navigation start. */
  tasksAfterRows: [number, number][];
  domContentLoadedMs: number;
}

/**
 * Opens /contacts in `app` (a restarted browser, or the same one reloaded) and times it from
 * navigation start (the page clock's zero): rows painted, then interactive.
 */
export async function measureColdOpen(app: AppBrowser, base: string, kind: ColdOpenRun['kind']): Promise<ColdOpenRun> {
  const { page } = app;
  if (kind === 'reload') await page.reload({ waitUntil: 'commit' });
  else await page.goto(`${base}/contacts`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__appBench?.firstRows != null, undefined, { timeout: 180_000, polling: 100 });
  const rowsAt = (await page.evaluate(() => window.__appBench.firstRows)) as number;
  const { tti, settled, tasks } = await timeToInteractive(page, rowsAt, 5_000, 180_000);
  const all = await page.evaluate(() => window.__appBench.longTasks.slice());
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? 0);
  return {
    kind,
    rowsMs: rowsAt,
    interactiveMs: tti,
    settled,
    longTasks: summarizeTasks(tasksBetween(all, 0, tti)),
    tasksAfterRows: tasks.map(([s, d]) => [Math.round(s), Math.round(d)]),
    domContentLoadedMs: dcl,
  };
}

/** Closes the browser and starts it again on the same profile, on a blank page. */
export async function restart(app: AppBrowser, log: (...args: unknown[]) => void, label: string, extraInit?: string): Promise<AppBrowser> {
  await app.close();
  return launchApp(app.profile, log, label, extraInit);
}
