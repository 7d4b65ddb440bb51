// Real Chromium for the app bench (Debian's /usr/bin/chromium through playwright-core, the
// flags of tests/helpers/browser.ts), one persistent profile per person so that IndexedDB and
// the service worker survive a browser restart (a true cold open), the probes injected in
// every page, and signing in through the app's /login page.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/helpers/browser.ts';
import type { Person } from './fixture.ts';
import { PROBES_SOURCE } from './probe.ts';

export interface AppBrowser {
  context: BrowserContext;
  page: Page;
  profile: string;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Starts Chromium on `profile` with the probes (and `extraInit`, a diagnostic script) in every page. */
export async function launchApp(profile: string, log: (...args: unknown[]) => void, label: string, extraInit?: string): Promise<AppBrowser> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  await context.addInitScript({ content: PROBES_SOURCE });
  if (extraInit) await context.addInitScript({ content: extraInit });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => {
    errors.push(`pageerror: ${error.message}`);
    log(`  [${label}] pageerror: ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error' || /status of 401/.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
    log(`  [${label}] console error: ${message.text().slice(0, 300)}`);
  });
  return { context, page, profile, errors, close: () => context.close() };
}

/**
 * Fills the login form and submits it; resolves with the page-clock time of the submit click
 * (the app signs in and navigates client-side, so the page clock runs on).
 */
export async function submitLogin(page: Page, base: string, person: Person, next: string): Promise<number> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name=email]').fill(person.email);
  await page.locator('input[name=password]').fill(person.password);
  await page.evaluate(() => {
    window.__appBench.armed = new Promise((resolve) =>
      document.addEventListener('click', (event) => resolve(event.timeStamp), { capture: true, once: true }),
    );
  });
  await page.locator('form button[type=submit]').click();
  return (await page.evaluate(() => window.__appBench.armed)) as number;
}

export async function waitLive(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('[data-testid=sync-status][data-status=live]').waitFor({ timeout: timeoutMs });
}

export async function waitSynced(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('[data-testid=sync-status][data-status=live][data-pending="0"]').waitFor({ timeout: timeoutMs });
}

/** Samples the CPU of `page` while `fn` runs; saves the profile and returns the top self times. */
export async function cpuProfiled<T>(page: Page, file: string | null, fn: () => Promise<T>): Promise<{ result: T; top: string[] }> {
  if (!file) return { result: await fn(), top: [] };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(profile));
  return { result, top: summarizeProfile(profile) };
}

/** What CDP's Profiler.stop returns, the parts read here. */
export interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions with the most self time in a CPU profile, idle time left out. */
export function topSelfTime(profile: CpuProfile, count = 25): string[] {
  const self = new Map<string, number>();
  const dt = new Map<number, number>();
  profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  let total = 0;
  for (const node of profile.nodes) {
    const us = dt.get(node.id) ?? 0;
    total += us;
    if (node.callFrame.functionName === '(idle)') continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${(us / 1000).toFixed(0)} ms (${((100 * us) / total).toFixed(1)} %) ${key}`);
}

/**
 * Inclusive time of the functions that kept their names in the minified build (methods, and
 * names of 5 characters or more), most first: `findDuplicates` tells more than `mu`.
 */
export function topInclusive(profile: CpuProfile, count = 8): string[] {
  const dt = new Map<number, number>();
  profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map<number, number>();
  const subtree = (id: number): number => {
    if (memo.has(id)) return memo.get(id)!;
    const node = byId.get(id)!;
    const us = (dt.get(id) ?? 0) + (node.children ?? []).reduce((sum, c) => sum + subtree(c), 0);
    memo.set(id, us);
    return us;
  };
  const inclusive = new Map<string, number>();
  const walk = (id: number, open: Set<string>) => {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let next = open;
    if (name.length >= 5 && !name.startsWith('(') && !open.has(name)) {
      inclusive.set(name, (inclusive.get(name) ?? 0) + subtree(id));
      next = new Set(open).add(name);
    }
    for (const c of node.children ?? []) walk(c, next);
  };
  walk(profile.nodes[0].id, new Set());
  return [...inclusive]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)} ms`);
}

/** The top self times, then the named functions by inclusive time. */
export function summarizeProfile(profile: CpuProfile): string[] {
  return [...topSelfTime(profile, 12), ...topInclusive(profile, 10).map((line) => `inclusive: ${line}`)];
}
