// WCAG AA text contrast and named controls on the main screens, in light and in dark, with
// some data on each screen, in real Chromium against a real relay.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastProblems, unnamedControls } from '../helpers/a11y.ts';
import { OWNER, setUpWorkspace, signIn } from '../helpers/app.ts';
import { launchBrowser, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

let relay: RunningRelay;
let browser: Browser;
let owner: TrackedPage;
let contactPath = '';
let dealPath = '';

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  await setUpWorkspace(relay.url);
  owner = await signIn(browser, relay.url, OWNER, { path: '/contacts' });
  const { page } = owner;
  page.setDefaultTimeout(10_000);
  await page.getByRole('button', { name: 'New contact' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('First name').fill('Hélène');
  await dialog.getByLabel('Last name').fill('Contraste');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page.waitForURL(/\/contacts\/[0-9a-z]+$/);
  contactPath = new URL(page.url()).pathname;
  await page.goto(`${relay.url}/deals`);
  await page.getByRole('button', { name: 'New deal' }).click();
  const form = page.getByRole('dialog', { name: 'New deal' });
  await form.getByLabel('Title').fill('Contrast audit');
  await form.getByLabel('Amount').fill('4200');
  await form.getByRole('button', { name: 'Create and open', exact: true }).click();
  await page.waitForURL(/\/deals\/[0-9a-z]+$/);
  dealPath = new URL(page.url()).pathname;
}, 180_000);

afterAll(async () => {
  await owner?.context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

const SCREENS = () => [
  { path: '/today', ready: 'My day' },
  { path: '/contacts', ready: 'Contacts' },
  { path: contactPath, ready: 'Hélène Contraste' },
  { path: '/companies', ready: 'Companies' },
  { path: '/deals', ready: 'Deals' },
  { path: dealPath, ready: 'Contrast audit' },
  { path: '/settings', ready: 'Settings' },
];

async function visit(page: Page, path: string, heading: string) {
  await page.goto(`${relay.url}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  // Let live queries settle and transitions end.
  await page.waitForTimeout(300);
}

describe('accessibility of the main screens', () => {
  it('has an audit that finds faint text and an unnamed control when there are some', async () => {
    const { page } = owner;
    await visit(page, '/today', 'My day');
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.textContent = 'faint text';
      faint.style.cssText = 'color: #999; background: #aaa';
      const unnamed = document.createElement('button');
      unnamed.style.cssText = 'width: 20px; height: 20px';
      document.querySelector('main')!.append(faint, unnamed);
    });
    expect((await contrastProblems(page)).map((p) => p.text)).toEqual(['faint text']);
    expect(await unnamedControls(page)).toEqual(['<button style="width: 20px; height: 20px;"></button>']);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has AA text contrast and a name on every control in ${theme}`, async () => {
      const { page } = owner;
      await page.evaluate((t) => localStorage.setItem('carnet.theme', t), theme);
      const found: Record<string, unknown> = {};
      for (const screen of SCREENS()) {
        await visit(page, screen.path, screen.ready);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        const contrast = await contrastProblems(page);
        const unnamed = await unnamedControls(page);
        if (contrast.length || unnamed.length) found[screen.path] = { contrast, unnamed };
      }
      expect(found).toEqual({});
    });
  }
});
