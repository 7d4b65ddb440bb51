// The workspace shell in a real browser against a real relay: sign-in (wrong password
// explained, what was typed kept), the shell with its live sync status, the command palette
// from the keyboard, sign-out, and an invite accepted by a new teammate.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, setUpWorkspace, signIn, waitLive } from '../helpers/app.ts';
import { launchBrowser, openPage, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

let relay: RunningRelay;
let browser: Browser;
let workspace: { workspaceId: string; ownerCookie: string };
const opened: TrackedPage[] = [];

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  workspace = await setUpWorkspace(relay.url);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('sign-in and the workspace shell', () => {
  it('refuses a wrong password with a clear message and keeps the email typed', async () => {
    const tracked = await openPage(browser);
    opened.push(tracked);
    const { page, errors } = tracked;
    await page.goto(`${relay.url}/contacts`);
    await page.waitForURL(/\/login\?next=%2Fcontacts/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password.').waitFor();
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/contacts$/);
    await waitLive(page);
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows the shell live, opens the palette with Ctrl+K and closes it with Escape', async () => {
    const tracked = await signIn(browser, relay.url, OWNER);
    opened.push(tracked);
    const { page, errors } = tracked;
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).resolves.toEqual([
      'My day', 'Contacts', 'Companies', 'Deals', 'Reports', 'Import', 'Settings',
    ]);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search Carnet' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'shell-en');
    expect(unexpected(errors)).toEqual([]);
  });

  it('creates a second workspace, switches to it, and back, each with its own data', async () => {
    const tracked = await signIn(browser, relay.url, OWNER);
    opened.push(tracked);
    const { page, errors } = tracked;
    await page.getByText(OWNER.name).click();
    await page.getByLabel('Name of the new workspace').fill('Client Dupont');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    const switcher = page.getByLabel('Switch workspace');
    await switcher.waitFor();
    await page.waitForFunction(() => (document.querySelector('select') as HTMLSelectElement | null)?.selectedOptions[0]?.textContent === 'Client Dupont');
    await waitLive(page);
    // The relay seeded the new workspace's doc: its settings carry its name.
    await page.goto(`${relay.url}/settings`);
    await expect(page.getByLabel('Workspace name').inputValue()).resolves.toBe('Client Dupont');
    await switcher.selectOption({ label: 'Acme' });
    await waitLive(page);
    await expect(page.getByLabel('Workspace name').inputValue()).resolves.toBe('Acme');
    expect(unexpected(errors)).toEqual([]);
  });

  it('signs out and sends the next visit to the sign-in page', async () => {
    const tracked = await signIn(browser, relay.url, OWNER);
    opened.push(tracked);
    const { page } = tracked;
    await page.getByText(OWNER.name).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${relay.url}/deals`);
    await page.waitForURL(/\/login\?next=%2Fdeals/);
  });
});
