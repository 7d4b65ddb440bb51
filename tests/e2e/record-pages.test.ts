// The company and contact pages in a real browser against a real relay: a company created
// with a parent shows up under it with its deals rolled up; a contact's refused email is
// explained in English and French with the typed text kept; history shows a change and puts
// the old value back; a duplicate is warned about, merged and the merge undone; delete and
// restore; a record missing on this device; a viewer sees everything disabled. Screenshots in
// English, French, dark and on a 390 px phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const VIEWER: Person = { email: 'victor@example.com', password: 'viewer horse battery', name: 'Victor Lecteur' };

let relay: RunningRelay;
let browser: Browser;
let owner: TrackedPage;
const opened: TrackedPage[] = [];
let parentPath = '';
let contactPath = '';

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  const { workspaceId, ownerCookie } = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, ownerCookie, workspaceId, 'viewer', VIEWER);
  owner = await signIn(browser, relay.url, OWNER, { path: '/companies' });
  opened.push(owner);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

/** Closes the notices and scrolls to the top, so a full-page screenshot shows the page itself. */
async function settle(page: Page) {
  const close = page.locator('.notices .close');
  while ((await close.count()) > 0) await close.first().click();
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function newCompany(page: Page, name: string, fields: { domain?: string; parent?: string } = {}) {
  await page.goto(`${relay.url}/companies`);
  await page.getByRole('button', { name: 'New company' }).click();
  const form = page.getByTestId('new-company');
  await form.getByLabel('Name *').fill(name);
  if (fields.domain) await form.getByLabel('Domain').fill(fields.domain);
  if (fields.parent) {
    await form.getByRole('combobox', { name: 'Parent company' }).fill(fields.parent.split(' ')[1] ?? fields.parent);
    await form.getByRole('option', { name: new RegExp(fields.parent) }).click();
  }
  await form.getByRole('button', { name: 'Create the company' }).click();
  await page.waitForURL(/\/companies\/[0-9a-z]+$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return new URL(page.url()).pathname;
}

/** A record field's input on a record page, by its label. */
const field = (page: Page, label: string) => page.locator('main').getByLabel(label, { exact: true });

describe('companies', () => {
  it('creates a company with a parent and rolls the child’s deals up on the parent', async () => {
    const { page, errors } = owner;
    parentPath = await newCompany(page, 'Groupe Atlas', { domain: 'atlas-group.fr' });
    await newCompany(page, 'Atlas Lyon', { parent: 'Groupe Atlas' });
    await page.locator('main header').getByRole('link', { name: 'Groupe Atlas' }).waitFor();

    const deals = page.getByTestId('company-deals');
    await deals.getByRole('button', { name: 'Add a deal' }).click();
    await deals.getByLabel('Title *').fill('Lyon renewal');
    await deals.getByLabel(/^Amount/).fill('12 500');
    await deals.getByRole('button', { name: 'Add the deal' }).click();
    await deals.getByRole('link', { name: 'Lyon renewal' }).waitFor();
    await expect.poll(() => deals.getByTestId('open-pipeline').textContent()).toBe('€12,500');

    await page.locator('main header').getByRole('link', { name: 'Groupe Atlas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Groupe Atlas' }).waitFor();
    const children = page.getByTestId('subsidiaries');
    await children.getByRole('link', { name: 'Atlas Lyon' }).waitFor();
    await expect.poll(() => children.getByTestId('rollup-open').textContent()).toBe('€12,500');
    await expect(page.getByTestId('group-totals').textContent()).resolves.toContain('€12,500');
    expect(unexpected(errors)).toEqual([]);
  });

  it('lists companies with their subsidiaries, sorts them and filters them as one types', async () => {
    const { page } = owner;
    await page.goto(`${relay.url}/companies`);
    const table = page.getByTestId('company-list');
    await table.getByRole('link', { name: 'Atlas Lyon' }).waitFor();
    const names = () => table.locator('tbody th').allTextContents();
    await expect(names()).resolves.toEqual(['Atlas Lyon', 'Groupe Atlas']);
    await expect(table.getByRole('row', { name: /Groupe Atlas/ }).locator('td.num').textContent()).resolves.toBe('1');

    await table.getByRole('button', { name: 'Name' }).click();
    await expect.poll(names).toEqual(['Groupe Atlas', 'Atlas Lyon']);
    await expect(table.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).resolves.toBe('descending');

    await page.getByRole('searchbox', { name: 'Filter companies' }).fill('groupe');
    await expect.poll(names).toEqual(['Groupe Atlas']);
    await page.getByRole('searchbox', { name: 'Filter companies' }).fill('zzzz');
    await page.getByText('No company matches “zzzz”.').waitFor();
  });
});

describe('the contact page', () => {
  it('adds a contact from its company and opens it by its link', async () => {
    const { page } = owner;
    await page.goto(relay.url + parentPath);
    const people = page.getByTestId('company-contacts');
    await people.getByRole('button', { name: 'Add a contact' }).click();
    await people.getByLabel('First name').fill('Hélène');
    await people.getByLabel('Last name').fill('Dupont');
    await people.getByLabel('Emails').fill('helene@atlas-group.fr');
    await people.getByRole('button', { name: 'Add the contact' }).click();
    await people.getByRole('link', { name: 'Hélène Dupont' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-z]+$/);
    contactPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Hélène Dupont' }).waitFor();
    await page.locator('main header').getByRole('link', { name: 'Groupe Atlas' }).waitFor();
    await expect(field(page, 'Emails').inputValue()).resolves.toBe('helene@atlas-group.fr');
  });

  it('explains a refused email beside the field in English and French and keeps what was typed', async () => {
    const { page, errors } = owner;
    const emails = field(page, 'Emails');
    await emails.fill('helene@atlas-group.fr\nnot-an-email');
    await emails.press('Tab');
    await page.locator('main').getByRole('alert').getByText('This is not a valid email address.').waitFor();
    await expect(emails.inputValue()).resolves.toBe('helene@atlas-group.fr\nnot-an-email');
    await settle(page);
    await screenshot(page, 'contact-page-en');

    await page.getByRole('button', { name: 'Français' }).click();
    const courriels = field(page, 'E-mails');
    await courriels.fill('helene@atlas-group.fr\npas-un-email');
    await courriels.press('Tab');
    await page.locator('main').getByRole('alert').getByText(/Cette adresse e-mail n.est pas valide/).waitFor();
    await expect(courriels.inputValue()).resolves.toBe('helene@atlas-group.fr\npas-un-email');
    await page.getByRole('heading', { name: 'Coordonnées' }).waitFor();
    await settle(page);
    await screenshot(page, 'contact-page-fr');

    // Escape puts the stored value back; nothing refused was saved.
    await courriels.press('Escape');
    await expect(courriels.inputValue()).resolves.toBe('helene@atlas-group.fr');
    await page.getByRole('button', { name: 'English' }).click();
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows who changed the city in the history and restores the old value', async () => {
    const { page } = owner;
    const city = field(page, 'City');
    await city.fill('Lyon');
    await city.press('Tab');
    await page.getByTestId('history').getByText('Élodie Martin changed City').first().waitFor();
    await city.fill('Paris');
    await city.press('Tab');
    const change = page.getByTestId('history-entry').filter({ has: page.locator('ins', { hasText: 'Paris' }) }).first();
    await change.locator('del', { hasText: 'Lyon' }).waitFor();
    await change.getByRole('button', { name: 'Restore City to “Lyon”' }).click();
    await expect.poll(() => city.inputValue()).toBe('Lyon');
    await page.locator('.notices').getByText('Value restored').waitFor();
    // The restore is itself a change in the history.
    await page.getByTestId('history-entry').first().locator('ins', { hasText: 'Lyon' }).waitFor();
  });

  it('warns about a duplicate, merges the two and brings both back with Undo', async () => {
    const { page, errors } = owner;
    // A second "Hélène Dupont" with the same email, added from the company page.
    await page.goto(relay.url + parentPath);
    const people = page.getByTestId('company-contacts');
    await people.getByRole('button', { name: 'Add a contact' }).click();
    await people.getByLabel('First name').fill('Helene');
    await people.getByLabel('Last name').fill('Dupont');
    await people.getByLabel('Emails').fill('HELENE@atlas-group.fr');
    await people.getByRole('button', { name: 'Add the contact' }).click();
    await people.getByRole('link', { name: 'Helene Dupont' }).waitFor();

    await page.goto(relay.url + contactPath);
    const warning = page.getByTestId('duplicates');
    await warning.getByRole('link', { name: 'Helene Dupont' }).waitFor();
    await expect(warning.textContent()).resolves.toContain('same email');
    await warning.getByRole('button', { name: 'Compare and merge with Helene Dupont' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge two records' });
    await dialog.waitFor();
    // Keep this record, but the other one's spelling of the first name.
    await dialog.getByRole('group', { name: 'First name' }).getByRole('radio', { name: /Helene/ }).check();
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: 'Helene Dupont' }).waitFor();
    await warning.waitFor({ state: 'detached' });
    expect(page.url()).toContain(contactPath);

    await page.locator('.notices').getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hélène Dupont' }).waitFor();
    await warning.getByRole('link', { name: 'Helene Dupont' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('deletes a contact with an Undo notice and restores it from the banner', async () => {
    const { page } = owner;
    await page.locator('main header').getByRole('button', { name: 'Delete' }).click();
    await page.locator('.notices').getByText('Contact deleted').waitFor();
    const banner = page.getByTestId('deleted-banner');
    await banner.waitFor();
    await expect(field(page, 'City').isDisabled()).resolves.toBe(true);
    await banner.getByRole('button', { name: 'Restore this record' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect(field(page, 'City').isEnabled()).resolves.toBe(true);
  });

  it('says so when a record does not exist on this device', async () => {
    const { page } = owner;
    await page.goto(`${relay.url}/contacts/zzzzzzzzzzzz`);
    await page.getByTestId('record-missing').getByText('This record does not exist on this device').waitFor();
  });

  it('looks right in dark and on a 390 px phone', async () => {
    const { page } = owner;
    await page.goto(relay.url + contactPath);
    await page.getByRole('heading', { level: 1, name: 'Hélène Dupont' }).waitFor();
    await page.getByTestId('duplicates').waitFor();
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await settle(page);
    await screenshot(page, 'contact-page-dark');
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'contact-page-390');
    await page.goto(relay.url + parentPath);
    await page.getByTestId('subsidiaries').waitFor();
    await settle(page);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'company-page-390');
    await page.setViewportSize({ width: 1280, height: 720 });
    await waitSynced(page);
  });
});

describe('a viewer', () => {
  it('reads the contact with every field, the notes and delete disabled', async () => {
    const viewer = await signIn(browser, relay.url, VIEWER, { path: contactPath });
    opened.push(viewer);
    const { page, errors } = viewer;
    await page.getByRole('heading', { level: 1, name: 'Hélène Dupont' }).waitFor();
    await expect.poll(() => field(page, 'City').inputValue()).toBe('Lyon');
    for (const label of ['First name', 'City', 'Emails', 'Lead score', 'Agrees to email', 'Lifecycle stage']) {
      await expect(field(page, label).isDisabled(), label).resolves.toBe(true);
    }
    await expect(page.getByTestId('collab-text').isDisabled()).resolves.toBe(true);
    await expect(page.locator('main header').getByRole('button', { name: 'Delete' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Restore City/ }).count()).resolves.toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });
});
