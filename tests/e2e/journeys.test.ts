// Whole journeys across screens in real Chromium against a real relay: the palette finds
// "francois" as François from the keyboard; two teammates on one deal see each other's edits
// live; a rep offline edits several records, reloads
// while still offline (the app and its data come from the device), a teammate edits other
// fields of the same record meanwhile, and on reconnect both converge field by field.
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitLive, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const REP: Person = { email: 'rita@example.com', password: 'rep horse battery', name: 'Rita Commerciale' };

let relay: RunningRelay;
let browser: Browser;
let owner: TrackedPage;
let rep: TrackedPage;
const opened: TrackedPage[] = [];

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  const { workspaceId, ownerCookie } = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, ownerCookie, workspaceId, 'rep', REP);
  owner = await signIn(browser, relay.url, OWNER, { path: '/contacts' });
  rep = await signIn(browser, relay.url, REP, { path: '/contacts' });
  opened.push(owner, rep);
  // A step that hangs fails with its own locator instead of the test's timeout.
  for (const { page } of opened) page.setDefaultTimeout(10_000);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

/** A record field's input on a record page, by its label. */
const field = (page: Page, label: string) => page.locator('main').getByLabel(label, { exact: true });

async function newContact(page: Page, first: string, last: string): Promise<string> {
  await page.goto(`${relay.url}/contacts`);
  await page.getByRole('button', { name: 'New contact' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('First name').fill(first);
  await dialog.getByLabel('Last name').fill(last);
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await page.waitForURL(/\/contacts\/[0-9a-z]{8,32}$/);
  await page.getByRole('heading', { level: 1, name: `${first} ${last}` }).waitFor();
  return new URL(page.url()).pathname;
}

/** Types a value into a record field and leaves it, which saves it. */
async function setField(page: Page, label: string, value: string) {
  const input = field(page, label);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}

/** The network errors Chromium logs while offline are expected in these tests. */
const offlineNoise = (errors: string[]) => unexpected(errors).filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection|Failed to fetch|ERR_FAILED/.test(e));

describe('journeys', () => {
  it('finds “francois” as François in the palette, keyboard only, and opens the contact', async () => {
    const { page, errors } = owner;
    const path = await newContact(page, 'François', 'Dupré');
    await newContact(page, 'Françoise', 'Hardy');
    await page.goto(`${relay.url}/today`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Search Carnet' });
    await box.pressSequentially('francois dup');
    const option = page.getByRole('option', { name: /François Dupré/ });
    await option.waitFor();
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${relay.url}${path}`);
    await page.getByRole('heading', { level: 1, name: 'François Dupré' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows two teammates on one deal each other\'s edits live, field by field', async () => {
    const a = owner;
    const b = rep;
    await a.page.goto(`${relay.url}/deals`);
    await a.page.getByRole('button', { name: 'New deal' }).click();
    const form = a.page.getByRole('dialog', { name: 'New deal' });
    await form.getByLabel('Title').fill('Renouvellement Lumière');
    await form.getByLabel('Amount').fill('18000');
    await form.getByRole('button', { name: 'Create and open', exact: true }).click();
    await a.page.waitForURL(/\/deals\/[0-9a-z]+$/);
    const path = new URL(a.page.url()).pathname;
    await waitSynced(a.page);
    await b.page.goto(`${relay.url}${path}`);
    await b.page.getByRole('heading', { level: 1, name: 'Renouvellement Lumière' }).waitFor();

    await setField(a.page, 'Next step', 'Send the proposal');
    await expect.poll(() => field(b.page, 'Next step').inputValue()).toBe('Send the proposal');
    await setField(b.page, 'Amount', '21500');
    await expect.poll(() => field(a.page, 'Amount').inputValue()).toBe('21500');
    // Both edits kept on both sides.
    await expect.poll(() => field(a.page, 'Next step').inputValue()).toBe('Send the proposal');
    await expect.poll(() => field(b.page, 'Amount').inputValue()).toBe('21500');
    expect(unexpected(a.errors)).toEqual([]);
    expect(unexpected(b.errors)).toEqual([]);
  });

  it('withdraws a notice\'s Undo once the user has changed something else', async () => {
    const { page, errors } = owner;
    await newContact(page, 'Ulysse', 'Annule');
    await setField(page, 'City', 'Nantes');
    await page.getByTestId('history').getByRole('button', { name: /Restore/ }).first().click();
    const notice = page.locator('.notice', { hasText: 'Value restored' });
    await notice.getByRole('button', { name: 'Undo' }).waitFor();
    await expect.poll(() => field(page, 'City').inputValue()).toBe('');
    // Another change: that Undo would now revert it instead, so it is gone.
    await setField(page, 'Job title', 'Pilote');
    await notice.getByRole('button', { name: 'Undo' }).waitFor({ state: 'detached' });
    await expect.poll(() => field(page, 'Job title').inputValue()).toBe('Pilote');
    expect(unexpected(errors)).toEqual([]);
  });

  it('edits several records offline, reloads offline, and merges field by field with a teammate on reconnect', async () => {
    const a = rep;
    const b = owner;
    const contact = await newContact(b.page, 'Hélène', 'Offline');
    const other = await newContact(b.page, 'Olivier', 'Second');
    await waitSynced(b.page);

    // A has both contacts (synced live), and its app is controlled by the service worker.
    await a.page.goto(`${relay.url}${other}`);
    await a.page.getByRole('heading', { level: 1, name: 'Olivier Second' }).waitFor();
    await a.page.goto(`${relay.url}${contact}`);
    await a.page.getByRole('heading', { level: 1, name: 'Hélène Offline' }).waitFor();
    await a.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await a.page.reload();
    await waitLive(a.page);

    await a.context.setOffline(true);
    await a.page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
    await setField(a.page, 'Job title', 'Directrice commerciale');
    await setField(a.page, 'City', 'Lyon');
    // Both edits are stored on the device (two changes wait) before the page is left.
    await a.page.waitForFunction(() => Number(document.querySelector('[data-testid=sync-status]')?.getAttribute('data-pending')) >= 2);
    await a.page.goto(`${relay.url}${other}`);
    await a.page.getByRole('heading', { level: 1, name: 'Olivier Second' }).waitFor();
    await setField(a.page, 'Job title', 'Acheteur');
    await a.page.locator('[data-testid=sync-status][data-pending]:not([data-pending="0"])').waitFor();

    // Meanwhile B, online, edits other fields of the same contact, and one of the same.
    await b.page.goto(`${relay.url}${contact}`);
    await b.page.getByRole('heading', { level: 1, name: 'Hélène Offline' }).waitFor();
    await setField(b.page, 'Postal code', '69002');
    await setField(b.page, 'Region', 'Auvergne-Rhône-Alpes');
    await waitSynced(b.page);

    // Still offline, A reloads a deep link: the app and A's edits come from the device.
    await a.page.goto(`${relay.url}${contact}`);
    await a.page.getByRole('heading', { level: 1, name: 'Hélène Offline' }).waitFor();
    await expect(field(a.page, 'Job title').inputValue()).resolves.toBe('Directrice commerciale');
    await expect(field(a.page, 'City').inputValue()).resolves.toBe('Lyon');
    const pending = Number(await a.page.getByTestId('sync-status').getAttribute('data-pending'));
    expect(pending).toBeGreaterThan(0);
    await screenshot(a.page, 'journey-offline-contact');

    await a.context.setOffline(false);
    await waitSynced(a.page);
    for (const page of [a.page, b.page]) {
      await page.goto(`${relay.url}${contact}`);
      await page.getByRole('heading', { level: 1, name: 'Hélène Offline' }).waitFor();
      await expect.poll(() => field(page, 'Job title').inputValue()).toBe('Directrice commerciale');
      await expect.poll(() => field(page, 'City').inputValue()).toBe('Lyon');
      await expect.poll(() => field(page, 'Postal code').inputValue()).toBe('69002');
      await expect.poll(() => field(page, 'Region').inputValue()).toBe('Auvergne-Rhône-Alpes');
    }
    await b.page.goto(`${relay.url}${other}`);
    await expect.poll(() => field(b.page, 'Job title').inputValue()).toBe('Acheteur');
    expect(offlineNoise(a.errors)).toEqual([]);
    expect(unexpected(b.errors)).toEqual([]);
  });
});
