// Offline, in a real browser against a real relay: after a first sign-in the service worker
// has cached the app, so with the network cut the app reloads and deep-links from the cache,
// opens the workspace from IndexedDB and says it is offline.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, setUpWorkspace, signIn } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

let relay: RunningRelay;
let browser: Browser;
const opened: TrackedPage[] = [];

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  await setUpWorkspace(relay.url);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

/** The network errors Chromium logs while offline are the point of these tests. */
const offlineNoise = (errors: string[]) => unexpected(errors).filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection|Failed to fetch/.test(e));

describe('offline', () => {
  it('reloads and deep-links from the service worker with the workspace from IndexedDB', async () => {
    const tracked = await signIn(browser, relay.url, OWNER);
    opened.push(tracked);
    const { page, context, errors } = tracked;
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The page that installed the worker is not controlled by it until it reloads once.
    await page.reload();
    await page.locator('[data-testid=sync-status][data-status=live]').waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.goto(`${relay.url}/deals`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
    await expect(page.getByRole('note').filter({ hasText: 'Opened offline with the data kept on this device.' }).count()).resolves.toBe(1);
    await page.reload();
    await page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
    await screenshot(page, 'offline-reload');

    await context.setOffline(false);
    await page.locator('[data-testid=sync-status][data-status=live]').waitFor({ timeout: 20_000 });
    // Back online, the relay confirms the session and the offline note goes away.
    await page.getByRole('note').filter({ hasText: 'Opened offline' }).waitFor({ state: 'detached' });
    expect(offlineNoise(errors)).toEqual([]);
  });
});
