// Smoke test of the whole shell: the real relay (Bun) serves the built app to a real
// Chromium, which shows the placeholder home page in English and French and boots the app
// on a deep link.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

let relay: RunningRelay;
let browser: Browser;
const opened: TrackedPage[] = [];

async function open(path: string, locale = 'en-US'): Promise<TrackedPage> {
  const tracked = await openPage(browser, { locale });
  opened.push(tracked);
  const response = await tracked.page.goto(relay.url + path);
  expect(response?.status()).toBe(200);
  // The language button only exists once the app has booted.
  await tracked.page.locator('button[lang]').waitFor();
  return tracked;
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  const exitCode = await relay?.stop();
  expect(exitCode).toBe(0);
});

describe('app shell', () => {
  it('answers /api/health with ok and the relay version', async () => {
    const response = await fetch(`${relay.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('shows what Carnet is in English to an English-speaking browser', async () => {
    const { page, errors } = await open('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Carnet');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'A local-first, real-time collaborative CRM for small sales teams and agencies.',
    );
    await expect(page.getByRole('button', { name: 'Français' }).count()).resolves.toBe(1);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.title()).resolves.toBe('Carnet: local-first CRM');
    await screenshot(page, 'app-shell-home-en');
    expect(unexpected(errors)).toEqual([]);
  });

  it('switches to French and keeps French after a reload', async () => {
    const { page, errors } = await open('/');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'English' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Un CRM collaboratif en temps réel, local d’abord, pour les petites équipes commerciales et les agences.',
    );
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.title()).resolves.toBe('Carnet : CRM local d’abord');
    await screenshot(page, 'app-shell-home-fr');

    await page.reload();
    await page.getByRole('button', { name: 'English' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    expect(unexpected(errors)).toEqual([]);
  });

  it('starts in French for a French-speaking browser', async () => {
    const { page } = await open('/', 'fr-FR');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Un CRM collaboratif en temps réel, local d’abord, pour les petites équipes commerciales et les agences.',
    );
  });

  it('boots the app on a deep link and shows its own not-found page', async () => {
    const { page, errors } = await open('/nowhere/xyz');
    await expect(page.getByRole('link', { name: 'Carnet' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
    await screenshot(page, 'app-shell-deep-link');

    await page.getByRole('link', { name: 'Back to home' }).click();
    await page.waitForURL(`${relay.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Carnet');
    expect(unexpected(errors)).toEqual([]);
  });
});
