// A new device on a workspace whose log was compacted downloads the snapshot bundle (doc
// states with their rows) into IndexedDB, shows the records, and then syncs live: the
// browser path of bootstrapping, in real Chromium against a real relay restarted on its data.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, setUpWorkspace, signIn, waitSynced } from '../helpers/app.ts';
import { launchBrowser, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { BUN, SYNC_SERVER_DIR } from '../helpers/paths.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'carnet-bootstrap-e2e-'));
let relay: RunningRelay;
let browser: Browser;
const opened: TrackedPage[] = [];

async function newContact(page: Page, base: string, first: string, last: string) {
  await page.goto(`${base}/contacts`);
  await page.getByRole('button', { name: 'New contact' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('First name').fill(first);
  await dialog.getByLabel('Last name').fill(last);
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page.waitForURL(/\/contacts\/[0-9a-z]{8,32}$/);
}

beforeAll(async () => {
  await ensureAppBuilt();
  browser = await launchBrowser();
  relay = await startRelay({ dataDir });
  await setUpWorkspace(relay.url);
  const first = await signIn(browser, relay.url, OWNER, { path: '/contacts' });
  for (const [a, b] of [['Zoé', 'Amont'], ['Bruno', 'Aval'], ['Chloé', 'Delta']]) await newContact(first.page, relay.url, a, b);
  await waitSynced(first.page);
  await first.context.close();
  await relay.stop();
  // Everything merged into doc states with their rows: a new device has no log to catch up from.
  await run(BUN, ['src/cli/index.ts', 'compact'], { cwd: SYNC_SERVER_DIR, env: { ...process.env, DATA_DIR: dataDir, LOG_KEEP_TAIL: '0' } });
  relay = await startRelay({ dataDir });
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a new device on a compacted workspace', () => {
  it('downloads the bundle, shows the records from IndexedDB, then syncs live', async () => {
    const bundles: string[] = [];
    const device = await signIn(browser, relay.url, OWNER, {
      path: '/contacts',
      beforeSignIn: (page) => page.on('request', (request) => {
        if (request.url().includes('/bundle')) bundles.push(new URL(request.url()).pathname);
      }),
    });
    opened.push(device);
    const { page, errors } = device;
    await page.getByTestId('table-count').getByText('3 contacts', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Chloé Delta' }).waitFor();
    await newContact(page, relay.url, 'Après', 'Bootstrap');
    await waitSynced(page);
    await page.goto(`${relay.url}/contacts`);
    await page.getByTestId('table-count').getByText('4 contacts', { exact: true }).waitFor();
    // One bundle on the first connection; afterwards the device follows the log.
    expect(bundles).toEqual([expect.stringMatching(/^\/api\/workspaces\/[0-9a-z]+\/bundle$/)]);
    expect(unexpected(errors)).toEqual([]);
  });
});
