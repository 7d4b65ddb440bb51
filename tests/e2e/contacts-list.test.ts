// The contacts list in a real browser against a real relay. 600 contacts are written by a
// second peer (a Node store syncing through the relay as the owner), so the browser receives
// them the way a teammate's edits arrive; the owner then creates one through the form, sorts,
// filters, saves a view and finds it again after a reload, tags and deletes in bulk (and
// undoes the delete), a viewer finds every editing control disabled, and the screen speaks
// French. Screenshots: light and dark, English and French, phone width.
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@carnet/store';
import { SyncClient, type WebSocketLike } from '@carnet/sync';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';

const SEEDED = 600;
const LIFECYCLES = ['lead', 'prospect', 'customer', 'churned'] as const;
const seeds = Array.from({ length: SEEDED }, (_, i) => ({ lifecycle: LIFECYCLES[i % 4], leadScore: i % 101 }));
const CUSTOMERS = seeds.filter((s) => s.lifecycle === 'customer').length;
const HOT = seeds.filter((s) => s.leadScore >= 90).length;
const VIEWER: Person = { email: 'viewer@example.com', password: 'viewer password 1', name: 'Victor Viewer' };

let relay: RunningRelay;
let browser: Browser;
let workspace: { workspaceId: string; ownerCookie: string };
let seeder: { store: Store; client: SyncClient };
let owner: TrackedPage;
const opened: TrackedPage[] = [];

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A second peer, signed in as the owner, that writes the contacts and syncs them to the relay. */
async function seed(): Promise<typeof seeder> {
  const me = await fetch(`${relay.url}/api/auth/me`, { headers: { cookie: workspace.ownerCookie } });
  const userId = ((await me.json()) as { user: { id: string } }).user.id;
  const store = await memoryStore({ userId, now: () => Date.now() });
  const client = new SyncClient({
    store,
    url: `${relay.url.replace(/^http/, 'ws')}/sync?workspace=${workspace.workspaceId}`,
    workspaceId: workspace.workspaceId,
    deviceId: 'seeder',
    createSocket: (url) => {
      const socket = new WebSocket(url, { headers: { cookie: workspace.ownerCookie } });
      socket.on('error', () => {});
      return socket as unknown as WebSocketLike;
    },
    backoff: { baseMs: 20, capMs: 200, stableAfterMs: 1_000 },
  });
  client.start();
  await store.updateWorkspace({ type: 'putTag', tag: { name: 'vip', color: '#b0306a' } });
  const company = await store.create('companies', { name: 'Acme Industries', domain: 'acme.example' });
  await store.createMany('contacts', Array.from({ length: SEEDED }, (_, i) => ({
    firstName: 'Test',
    lastName: `Seed${String(i).padStart(4, '0')}`,
    emails: [`seed${i}@example.com`],
    lifecycle: seeds[i].lifecycle,
    companyId: i % 3 === 0 ? company.id : null,
    leadScore: seeds[i].leadScore,
  })));
  await until(async () => (await store.outboxCount()) === 0);
  return { store, client };
}

const countText = (page: Page) => page.getByTestId('table-count');
const table = (page: Page, name = 'Contacts') => page.getByRole('table', { name });
const rowAt = (page: Page, index: number) => table(page).locator(`tbody tr[aria-rowindex="${index + 2}"]`);

async function waitCount(page: Page, text: string): Promise<void> {
  await countText(page).getByText(text, { exact: true }).waitFor({ timeout: 30_000 });
}

async function addFilter(page: Page, field: string, condition: string, value?: { select?: string; fill?: string }) {
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const builder = page.getByRole('form', { name: 'Add a filter' });
  await builder.getByLabel('Field').selectOption({ label: field });
  await builder.getByLabel('Condition').selectOption({ label: condition });
  if (value?.select) await builder.getByLabel('Value').selectOption({ label: value.select });
  if (value?.fill) await builder.getByLabel('Value').fill(value.fill);
  await builder.getByRole('button', { name: 'Add filter' }).click();
}

/** Signs in on the contacts screen; a locator that finds nothing fails in 15 s, naming itself. */
async function open(person: Person, locale?: string): Promise<TrackedPage> {
  const tracked = await signIn(browser, relay.url, person, { path: '/contacts', locale });
  tracked.page.setDefaultTimeout(15_000);
  opened.push(tracked);
  return tracked;
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  workspace = await setUpWorkspace(relay.url);
  seeder = await seed();
  owner = await open(OWNER);
}, 180_000);

afterAll(async () => {
  await seeder?.client.stop();
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('the contacts list', () => {
  it('receives the teammate’s contacts, shows them with company names and lifecycle, and renders only the rows in view', async () => {
    const { page, errors } = owner;
    await waitCount(page, `${SEEDED} contacts`);
    await expect(rowAt(page, 0).getByRole('link').textContent()).resolves.toMatch(/^Test Seed\d{4}$/);
    await table(page).getByRole('cell', { name: 'Acme Industries' }).first().waitFor();
    const rendered = await table(page).locator('tbody tr[aria-rowindex]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    // Scrolled to the bottom, the last row is read and shown, still without the rest.
    await page.getByTestId('table-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await rowAt(page, SEEDED - 1).getByRole('link').waitFor();
    expect(await table(page).locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
    await expect(table(page).getAttribute('aria-rowcount')).resolves.toBe(String(SEEDED + 1));
    expect(unexpected(errors)).toEqual([]);
  });

  it('creates a contact from the form, opens it, and lists it first', async () => {
    const { page, errors } = owner;
    await page.getByRole('button', { name: 'New contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await dialog.getByRole('alert').getByText('Enter a name or an email address.').waitFor();
    await dialog.getByLabel('First name').fill('Ada');
    await dialog.getByLabel('Last name').fill('Lovelace');
    await dialog.getByLabel('Email').fill('ada@example.com');
    await dialog.getByLabel('Company (optional)').fill('acme');
    await dialog.getByRole('button', { name: /Acme Industries/ }).click();
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-z]{8,32}$/);
    await page.goto(`${relay.url}/contacts`);
    await waitCount(page, `${SEEDED + 1} contacts`);
    await expect(rowAt(page, 0).getByRole('link').textContent()).resolves.toBe('Ada Lovelace');
    await rowAt(page, 0).getByRole('cell', { name: 'Acme Industries' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('sorts by a column header both ways, from the mouse and the keyboard, with aria-sort', async () => {
    const { page } = owner;
    const header = table(page).getByRole('columnheader', { name: 'Name' });
    await header.getByRole('button').click();
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    // Ada is also first in the newest-first order shown until the sorted rows arrive: wait for
    // the second row, which differs.
    await rowAt(page, 1).getByRole('link', { name: 'Test Seed0000', exact: true }).waitFor();
    await expect(rowAt(page, 0).getByRole('link').textContent()).resolves.toBe('Ada Lovelace');
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    await rowAt(page, 0).getByRole('link', { name: `Test Seed${String(SEEDED - 1).padStart(4, '0')}` }).waitFor();
    await header.getByRole('button').click();
    await rowAt(page, 0).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
  });

  it('filters by lifecycle stage with the filter builder, and by the quick filter, down to nothing', async () => {
    const { page, errors } = owner;
    await addFilter(page, 'Lifecycle stage', 'is', { select: 'Customer' });
    await page.getByRole('list', { name: 'Filters in force' }).getByText('Lifecycle stage is Customer').waitFor();
    await waitCount(page, `${CUSTOMERS} contacts`);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitCount(page, `${SEEDED + 1} contacts`);
    await page.getByRole('searchbox', { name: 'Filter contacts by name, email or phone' }).fill('lovelace');
    await waitCount(page, '1 contact');
    await rowAt(page, 0).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter contacts by name, email or phone' }).fill('zzzqqq');
    await page.getByText('No contacts match.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitCount(page, `${SEEDED + 1} contacts`);
    await expect(page.getByRole('searchbox', { name: 'Filter contacts by name, email or phone' }).inputValue()).resolves.toBe('');
    expect(unexpected(errors)).toEqual([]);
  });

  it('saves a view (filters, sort, columns) and applies it again after a reload', async () => {
    const { page, errors } = owner;
    await addFilter(page, 'Lead score', 'at least', { fill: '90' });
    await waitCount(page, `${HOT} contacts`);
    await table(page).getByRole('columnheader', { name: 'Lead score' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Lead score' }).check();
    await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Tags' }).uncheck();
    await page.keyboard.press('Escape');
    await table(page).getByRole('columnheader', { name: 'Lead score' }).getByRole('button').click();
    await table(page).getByRole('columnheader', { name: 'Lead score' }).getByRole('button').click();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByLabel('Name of the view').fill('Hot leads');
    await page.getByRole('group', { name: 'Save view' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('View “Hot leads” saved.').waitFor();
    await page.waitForURL(/\?view=[0-9a-z]+$/);

    await page.reload();
    await waitCount(page, `${HOT} contacts`);
    await expect(page.getByLabel('View', { exact: true }).locator('option:checked').textContent()).resolves.toBe('Hot leads');
    await page.getByRole('list', { name: 'Filters in force' }).getByText('Lead score at least 90').waitFor();
    await expect(table(page).getByRole('columnheader', { name: 'Lead score' }).getAttribute('aria-sort')).resolves.toBe('descending');
    await table(page).getByRole('columnheader', { name: 'Tags' }).waitFor({ state: 'detached' });

    await page.getByLabel('View', { exact: true }).selectOption({ label: 'All contacts' });
    await waitCount(page, `${SEEDED + 1} contacts`);
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'Hot leads' });
    await waitCount(page, `${HOT} contacts`);
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'All contacts' });
    // Columns are the user's own choice: Tags back for the next tests.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('button', { name: 'Back to the default columns' }).click();
    await page.keyboard.press('Escape');
    await table(page).getByRole('columnheader', { name: 'Tags' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('tags three contacts picked with a click and a shift-click, in one step', async () => {
    const { page, errors } = owner;
    await table(page).getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await rowAt(page, 0).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await rowAt(page, 0).getByRole('checkbox').click();
    await rowAt(page, 2).getByRole('checkbox').click({ modifiers: ['Shift'] });
    const bulk = page.getByRole('region', { name: 'Selected rows' });
    await bulk.getByText('3 contacts selected').waitFor();
    await bulk.getByRole('button', { name: 'Tags' }).click();
    await bulk.getByLabel('Tag', { exact: true }).fill('vip');
    await bulk.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('Tag “vip” added to 3 contacts.').waitFor();
    for (const i of [0, 1, 2]) await rowAt(page, i).getByText('vip', { exact: true }).waitFor();
    await expect(rowAt(page, 3).getByText('vip', { exact: true }).count()).resolves.toBe(0);
    await screenshot(page, 'contacts-en-light');
    expect(unexpected(errors)).toEqual([]);
  });

  it('deletes the selected contacts and brings them back with Undo', async () => {
    const { page, errors } = owner;
    const bulk = page.getByRole('region', { name: 'Selected rows' });
    await bulk.getByRole('button', { name: 'Delete' }).click();
    await bulk.getByRole('button', { name: 'Delete 3 contacts' }).click();
    await page.getByText('3 contacts deleted.').waitFor();
    await waitCount(page, `${SEEDED - 2} contacts`);
    await rowAt(page, 0).getByRole('link', { name: 'Test Seed0002' }).waitFor();
    // Only the latest action offers Undo (it reverts the latest step).
    await expect(page.getByRole('button', { name: 'Undo' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitCount(page, `${SEEDED + 1} contacts`);
    await rowAt(page, 0).getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await rowAt(page, 1).getByText('vip', { exact: true }).waitFor();
    await waitSynced(page);
    expect(unexpected(errors)).toEqual([]);
  });

  it('looks right in dark mode and as a compact list at phone width', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await screenshot(page, 'contacts-en-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    const list = page.getByRole('list', { name: 'Contacts' });
    await list.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await expect(page.getByRole('table', { name: 'Contacts' }).count()).resolves.toBe(0);
    await list.getByText('Acme Industries').first().waitFor();
    await screenshot(page, 'contacts-phone-dark');
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await screenshot(page, 'contacts-phone-light');
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});

describe('the contacts list for others', () => {
  it('shows a viewer the contacts with every editing control disabled', { timeout: 90_000 }, async () => {
    await invitePerson(relay.url, workspace.ownerCookie, workspace.workspaceId, 'viewer', VIEWER);
    const viewer = await open(VIEWER);
    const { page, errors } = viewer;
    await waitCount(page, `${SEEDED + 1} contacts`);
    await expect(page.getByRole('button', { name: 'New contact' }).isDisabled()).resolves.toBe(true);
    await expect(table(page).getByRole('checkbox', { name: 'Select all matching rows' }).isDisabled()).resolves.toBe(true);
    await expect(rowAt(page, 0).getByRole('checkbox').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Selected rows' }).count()).resolves.toBe(0);

    // The owner shares a view with the workspace: the viewer gets it live, can apply it, and
    // cannot change or delete it.
    await addFilter(owner.page, 'Lifecycle stage', 'is', { select: 'Customer' });
    await owner.page.getByRole('button', { name: 'Save view' }).click();
    await owner.page.getByLabel('Name of the view').fill('Customers');
    await owner.page.getByRole('checkbox', { name: 'Share with the workspace' }).check();
    await owner.page.getByRole('group', { name: 'Save view' }).getByRole('button', { name: 'Save' }).click();
    await owner.page.getByText('View “Customers” saved.').waitFor();
    await page.getByLabel('View', { exact: true }).locator('option', { hasText: 'Customers (shared)' }).waitFor({ state: 'attached' });
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'Customers (shared)' });
    await waitCount(page, `${CUSTOMERS} contacts`);
    await expect(page.getByRole('button', { name: 'Delete view' }).count()).resolves.toBe(0);
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'All contacts' });
    await owner.page.getByLabel('View', { exact: true }).selectOption({ label: 'All contacts' });

    // Reading tools still work for a viewer.
    await addFilter(page, 'Lifecycle stage', 'is', { select: 'Customer' });
    await waitCount(page, `${CUSTOMERS} contacts`);
    expect(unexpected(errors)).toEqual([]);
  });

  it('speaks French', { timeout: 90_000 }, async () => {
    const french = await open(OWNER, 'fr-FR');
    const { page, errors } = french;
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    await waitCount(page, `${SEEDED + 1} contacts`);
    await page.getByRole('button', { name: 'Nouveau contact' }).waitFor();
    await page.getByRole('button', { name: 'Filtrer', exact: true }).waitFor();
    await table(page).getByRole('columnheader', { name: 'Étape du cycle de vie' }).waitFor();
    await table(page).getByRole('columnheader', { name: 'Dernière modification' }).waitFor();
    await table(page).getByText('Client', { exact: true }).first().waitFor();
    await page.getByLabel('Vue', { exact: true }).locator('option', { hasText: 'Tous les contacts' }).waitFor({ state: 'attached' });
    await screenshot(page, 'contacts-fr-light');
    await page.getByRole('button', { name: 'Basculer entre clair et sombre' }).click();
    await screenshot(page, 'contacts-fr-dark');
    expect(unexpected(errors)).toEqual([]);
  });
});
