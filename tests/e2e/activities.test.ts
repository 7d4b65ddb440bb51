// Activities and My day in a real browser against a real relay: tasks added from My day land
// in Overdue and Today by the device's day, marking one done moves it to Done today, and a
// teammate @mentioned in a task sees it in their own My day. Screenshots of My day in English,
// French, dark and on a phone.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { SCREENSHOTS_DIR } from '../helpers/paths.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const REP: Person = { email: 'bruno@example.com', password: 'another horse battery', name: 'Bruno Petit' };

let relay: RunningRelay;
let browser: Browser;
const opened: TrackedPage[] = [];

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  const { workspaceId, ownerCookie } = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, ownerCookie, workspaceId, 'rep', REP);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

/** A day relative to today on the browser's clock, as `YYYY-MM-DD`, and that day at `time`. */
function browserDay(page: Page, offsetDays: number): Promise<string> {
  return page.evaluate((offset) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, offsetDays);
}

async function quickTask(page: Page, subject: string, day: string) {
  await page.getByLabel('New task').fill(subject);
  await page.locator('input[name=quick-due]').fill(day);
  await page.getByRole('button', { name: 'Add task' }).first().click();
  await expect.poll(() => page.getByLabel('New task').inputValue()).toBe('');
}

/** Closes the notices and scrolls to the top, so a full-page screenshot shows the page itself. */
async function settle(page: Page) {
  const close = page.locator('.notices .close');
  while ((await close.count()) > 0) await close.first().click();
  await page.evaluate(() => window.scrollTo(0, 0));
}

const group = (page: Page, key: string) => page.getByTestId(`group-${key}`);

describe('My day', () => {
  let owner: TrackedPage;

  it('puts a task due yesterday in Overdue and one due today in Today', async () => {
    owner = await signIn(browser, relay.url, OWNER, { path: '/today' });
    opened.push(owner);
    const { page } = owner;
    await page.getByRole('heading', { name: 'My day', level: 1 }).waitFor();
    await quickTask(page, 'Send the signed contract', await browserDay(page, -1));
    await quickTask(page, 'Call back Jeanne about the quote', await browserDay(page, 0));

    await group(page, 'overdue').getByRole('heading', { name: 'Send the signed contract' }).waitFor();
    await group(page, 'today').getByRole('heading', { name: 'Call back Jeanne about the quote' }).waitFor();
    await expect(group(page, 'overdue').getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(/Overdue\s*1/);
    await expect(group(page, 'today').getByRole('heading', { name: 'Send the signed contract' }).count()).resolves.toBe(0);
  });

  it('moves a task marked done to Done today, and back when unticked', async () => {
    const { page } = owner;
    await page.getByRole('checkbox', { name: 'Mark “Call back Jeanne about the quote” as done' }).click();
    await group(page, 'doneToday').getByRole('heading', { name: 'Call back Jeanne about the quote' }).waitFor();
    await expect(group(page, 'today').getByText('Nothing due today.').isVisible()).resolves.toBe(true);
    await page.getByRole('checkbox', { name: 'Mark “Call back Jeanne about the quote” as not done' }).click();
    await group(page, 'today').getByRole('heading', { name: 'Call back Jeanne about the quote' }).waitFor();
    await page.getByRole('checkbox', { name: 'Mark “Call back Jeanne about the quote” as done' }).click();
    await group(page, 'doneToday').getByRole('heading', { name: 'Call back Jeanne about the quote' }).waitFor();
  });

  it('keeps what was typed when the composer refuses a reminder without a due time', async () => {
    const { page } = owner;
    await page.getByText('Log an activity').click();
    const form = page.getByRole('form', { name: 'Log an activity' });
    await form.getByLabel('Subject').fill('Prepare the demo');
    await form.getByLabel('Remind me').selectOption({ label: '15 minutes before' });
    await form.getByRole('button', { name: 'Add task' }).click();
    await form.getByText('Choose a due time for this reminder.').waitFor();
    await form.getByRole('alert').getByText(/Nothing was saved/).waitFor();
    await expect(form.getByLabel('Subject').inputValue()).resolves.toBe('Prepare the demo');
  });

  it('mentions a teammate picked after typing @, who then sees the task in their My day', async () => {
    const { page, errors } = owner;
    const form = page.getByRole('form', { name: 'Log an activity' });
    const details = form.getByLabel('Details');
    await details.click();
    await details.pressSequentially('Bring the pricing, @Bru');
    await form.getByRole('option', { name: /Bruno Petit/ }).click();
    await details.pressSequentially('can you join?');
    await expect(details.inputValue()).resolves.toBe('Bring the pricing, @Bruno Petit can you join?');
    await form.getByLabel('Due', { exact: true }).fill(`${await browserDay(page, 0)}T23:30`);
    await form.getByRole('button', { name: 'Add task' }).click();
    await group(page, 'today').getByRole('heading', { name: 'Prepare the demo' }).waitFor();
    await group(page, 'today').getByText('@Bruno Petit').waitFor();
    await waitSynced(page);
    expect(unexpected(errors)).toEqual([]);

    const rep = await signIn(browser, relay.url, REP, { path: '/today' });
    opened.push(rep);
    const repToday = group(rep.page, 'today');
    await repToday.getByRole('heading', { name: 'Prepare the demo' }).waitFor({ timeout: 15_000 });
    await repToday.getByText('Mentions you').waitFor();
    await expect(group(rep.page, 'overdue').getByText('Send the signed contract').count()).resolves.toBe(0);
    expect(unexpected(rep.errors)).toEqual([]);
  });

  it('is screenshotted in English, French, dark and on a phone', async () => {
    const { page } = owner;
    await settle(page);
    await screenshot(page, 'today-en');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Ma journée', level: 1 }).waitFor();
    await group(page, 'overdue').getByRole('heading', { name: /En retard/, level: 2 }).waitFor();
    await settle(page);
    await screenshot(page, 'today-fr');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await page.locator('html[data-theme=dark]').waitFor({ state: 'attached' });
    await settle(page);
    await screenshot(page, 'today-dark');
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'My day', level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await settle(page);
    await screenshot(page, 'today-phone');
  });
});

describe('the activity panel of a contact', () => {
  it('logs a call and a task on a contact, edits, completes, deletes and restores them', async () => {
    const tracked = await signIn(browser, relay.url, OWNER, { path: '/contacts' });
    opened.push(tracked);
    const { page, errors } = tracked;
    page.setDefaultTimeout(10_000);
    await page.getByRole('button', { name: 'New contact' }).first().click();
    await page.locator('dialog input[name=firstName]').fill('Jeanne');
    await page.locator('dialog input[name=lastName]').fill('Dupont');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-z]+$/);
    const contactPath = new URL(page.url()).pathname;

    const panel = page.getByRole('region', { name: 'Activities' });
    const form = panel.getByRole('form', { name: 'Log an activity' });
    await form.getByRole('radio', { name: /Call/ }).check();
    await form.getByLabel('Subject').fill('Intro call');
    await form.getByLabel('Duration (minutes)').fill('twenty');
    await form.getByRole('button', { name: 'Log call' }).click();
    await form.getByText('Enter a whole number of minutes (0 or more).').waitFor();
    await expect(form.getByLabel('Subject').inputValue()).resolves.toBe('Intro call');
    await form.getByLabel('Duration (minutes)').fill('20');
    await form.getByLabel('Outcome').selectOption('connected');
    await form.getByRole('button', { name: 'Log call' }).click();
    const timeline = panel.getByRole('list', { name: 'Activities' });
    const call = timeline.getByTestId('activity').filter({ hasText: 'Intro call' });
    await call.getByText('20 min').waitFor();
    await call.getByText('Connected').waitFor();
    await expect(form.getByLabel('Subject').inputValue()).resolves.toBe('');

    await form.getByRole('radio', { name: /Task/ }).check();
    await form.getByLabel('Subject').fill('Send the proposal');
    await form.getByLabel('Due', { exact: true }).fill(`${await browserDay(page, 0)}T16:00`);
    await form.getByRole('button', { name: 'Add task' }).click();
    await timeline.getByRole('heading', { name: 'Send the proposal' }).waitFor();
    // Newest first.
    await expect(timeline.getByRole('heading').allTextContents()).resolves.toEqual(['Send the proposal', 'Intro call']);

    await call.getByRole('button', { name: 'Edit “Intro call”' }).click();
    const editor = timeline.getByRole('form', { name: 'Edit activity' });
    await editor.getByLabel('Subject').fill('Intro call with Jeanne');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await timeline.getByRole('heading', { name: 'Intro call with Jeanne' }).waitFor();

    await timeline.getByRole('checkbox', { name: 'Mark “Send the proposal” as done' }).click();
    await timeline.getByTestId('activity').filter({ hasText: 'Send the proposal' }).getByText('Done', { exact: true }).waitFor();

    await timeline.getByRole('button', { name: 'Delete “Intro call with Jeanne”' }).click();
    await timeline.getByRole('heading', { name: 'Intro call with Jeanne' }).waitFor({ state: 'detached' });
    await page.locator('.notices').getByRole('button', { name: 'Undo' }).click();
    await timeline.getByRole('heading', { name: 'Intro call with Jeanne' }).waitFor();
    await settle(page);
    await panel.screenshot({ path: resolve(SCREENSHOTS_DIR, 'activity-panel-contact.png') });

    // The finished task shows in My day's Done today, linked back to the contact.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
    const done = group(page, 'doneToday').getByTestId('activity').filter({ hasText: 'Send the proposal' });
    await done.getByRole('link', { name: 'Contact: Jeanne Dupont' }).click();
    await page.waitForURL((url) => url.pathname === contactPath && url.hash.startsWith('#activity-'));
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('reminders', () => {
  it('shows a notice when a task’s reminder time passes while My day is open', async () => {
    const tracked = await signIn(browser, relay.url, OWNER, { path: '/today' });
    opened.push(tracked);
    const { page, errors } = tracked;
    page.setDefaultTimeout(10_000);
    await page.clock.install();
    await page.getByRole('heading', { name: 'My day', level: 1 }).waitFor();
    // Wall-clock values (device time) two and twelve minutes from the page's now.
    const [remindAt, dueAt] = await page.evaluate(() => {
      const local = (d: Date) => {
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      };
      const now = Date.now();
      return [local(new Date(now + 2 * 60_000)), local(new Date(now + 12 * 60_000))];
    });
    await page.getByText('Log an activity').click();
    const form = page.getByRole('form', { name: 'Log an activity' });
    await form.getByLabel('Subject').fill('Call the bank');
    await form.getByLabel('Due', { exact: true }).fill(dueAt);
    await form.getByLabel('Remind me').selectOption('custom');
    await form.getByLabel('Reminder time').fill(remindAt);
    await form.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('heading', { name: 'Call the bank' }).waitFor();
    await expect(page.locator('.notices').getByText(/^Reminder: Call the bank/).count()).resolves.toBe(0);

    await page.clock.fastForward('03:00');
    await page.locator('.notices').getByText(/^Reminder: Call the bank \(due /).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });
});
