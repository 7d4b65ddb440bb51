// Two teammates on the same contact, each in their own browser context, through a real relay:
// an edit shows up for the other without a reload; a teammate's edit of another field does not
// disturb what one is typing; both type in the notes at once and both keep their text (with
// an emoji); each sees the other on the record, the field the other is editing and the other's
// caret in the notes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const REP: Person = { email: 'bruno@example.com', password: 'another horse battery', name: 'Bruno Petit' };

let relay: RunningRelay;
let browser: Browser;
let a: TrackedPage;
let b: TrackedPage;
let contactPath = '';

const field = (page: Page, label: string) => page.locator('main').getByLabel(label, { exact: true });
const notes = (page: Page) => page.getByTestId('collab-text');

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  const { workspaceId, ownerCookie } = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, ownerCookie, workspaceId, 'rep', REP);

  a = await signIn(browser, relay.url, OWNER, { path: '/companies' });
  const page = a.page;
  await page.getByRole('button', { name: 'New company' }).click();
  await page.getByTestId('new-company').getByLabel('Name *').fill('Collab & Co');
  await page.getByRole('button', { name: 'Create the company' }).click();
  await page.getByRole('heading', { level: 1, name: 'Collab & Co' }).waitFor();
  const people = page.getByTestId('company-contacts');
  await people.getByRole('button', { name: 'Add a contact' }).click();
  await people.getByLabel('First name').fill('Jean');
  await people.getByLabel('Last name').fill('Collab');
  await people.getByRole('button', { name: 'Add the contact' }).click();
  await people.getByRole('link', { name: 'Jean Collab' }).click();
  await page.getByRole('heading', { level: 1, name: 'Jean Collab' }).waitFor();
  contactPath = new URL(page.url()).pathname;
  await waitSynced(page);

  b = await signIn(browser, relay.url, REP, { path: contactPath });
  await b.page.getByRole('heading', { level: 1, name: 'Jean Collab' }).waitFor();
  await notes(b.page).and(b.page.locator(':enabled')).waitFor();
  await notes(a.page).and(a.page.locator(':enabled')).waitFor();
}, 180_000);

afterAll(async () => {
  for (const tracked of [a, b]) await tracked?.context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('two teammates on one contact', () => {
  it('shows one teammate’s edit to the other live, without a reload', async () => {
    await field(a.page, 'City').fill('Nantes');
    await field(a.page, 'City').press('Tab');
    await expect.poll(() => field(b.page, 'City').inputValue(), { timeout: 10_000 }).toBe('Nantes');
  });

  it('leaves what B is typing alone while A’s edit of another field arrives', async () => {
    await field(b.page, 'Job title').click();
    await b.page.keyboard.type('Head of');
    await field(a.page, 'Region').fill('Bretagne');
    await field(a.page, 'Region').press('Tab');
    await expect.poll(() => field(b.page, 'Region').inputValue(), { timeout: 10_000 }).toBe('Bretagne');
    await expect(field(b.page, 'Job title').inputValue()).resolves.toBe('Head of');
    await expect(b.page.evaluate(() => document.activeElement?.id)).resolves.toBe('field-title');
    await b.page.keyboard.type(' sales');
    await b.page.keyboard.press('Tab');
    await expect.poll(() => field(a.page, 'Job title').inputValue(), { timeout: 10_000 }).toBe('Head of sales');
  });

  it('shows B that A is on the record and which field A is editing', async () => {
    await b.page.locator('main header [data-testid=presence]').getByText('Also here: Élodie Martin').waitFor();
    await a.page.locator('main header [data-testid=presence]').getByText('Also here: Bruno Petit').waitFor();
    await field(a.page, 'Postal code').click();
    const postal = b.page.locator('main .field', { has: b.page.getByLabel('Postal code', { exact: true }) });
    await postal.getByTestId('field-editing').getByText('Élodie Martin is editing').waitFor();
    await field(a.page, 'Postal code').press('Tab');
    await postal.getByTestId('field-editing').waitFor({ state: 'detached' });
  });

  it('keeps both texts when both type in the notes at once', async () => {
    await notes(a.page).click();
    await a.page.keyboard.type('Meeting notes');
    await expect.poll(() => notes(b.page).inputValue(), { timeout: 10_000 }).toBe('Meeting notes');

    await notes(a.page).press('Control+Home');
    await notes(b.page).click();
    await notes(b.page).press('Control+End');
    // Each sees the other's caret in the notes, with their name.
    await b.page.locator('[data-testid=remote-caret][data-name="Élodie Martin"]').waitFor();
    await a.page.locator('[data-testid=remote-caret][data-name="Bruno Petit"]').waitFor();

    await Promise.all([
      a.page.keyboard.type('Agenda: ', { delay: 35 }),
      b.page.keyboard.type(' Budget 👍 agreed.', { delay: 35 }),
    ]);
    const merged = 'Agenda: Meeting notes Budget 👍 agreed.';
    await expect.poll(() => notes(a.page).inputValue(), { timeout: 10_000 }).toBe(merged);
    await expect.poll(() => notes(b.page).inputValue(), { timeout: 10_000 }).toBe(merged);
    // Each caret stayed after what its owner typed.
    await expect(notes(a.page).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).resolves.toBe('Agenda: '.length);
    await expect(notes(b.page).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).resolves.toBe(merged.length);
    await b.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(b.page, 'collab-notes');
    await b.page.locator('main section', { has: notes(b.page) }).screenshot({ path: 'tests/e2e/screenshots/collab-notes-caret.png' });

    // Ctrl+Z in the notes undoes this user's own typing only.
    await a.page.keyboard.type('draft ');
    await expect.poll(() => notes(b.page).inputValue(), { timeout: 10_000 }).toBe('Agenda: draft Meeting notes Budget 👍 agreed.');
    await a.page.keyboard.press('Control+z');
    await expect.poll(() => notes(a.page).inputValue()).toBe(merged);
    await expect.poll(() => notes(b.page).inputValue(), { timeout: 10_000 }).toBe(merged);

    // The merged text is what the store saved and synced: it survives a reload.
    await waitSynced(a.page);
    await waitSynced(b.page);
    await b.page.reload();
    await expect.poll(() => notes(b.page).inputValue(), { timeout: 10_000 }).toBe(merged);
    expect(unexpected(a.errors)).toEqual([]);
    expect(unexpected(b.errors)).toEqual([]);
  });
});
