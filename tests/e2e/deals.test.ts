// The deals screens in real Chromium against a real relay: deals created through the form,
// a drag in one browser moving the card (and the column counts and totals) in another live,
// moving from the keyboard with an announcement and Ctrl+Z, the deal page's stage history,
// lost reason, presence and delete with Undo, a viewer who can neither drag nor edit, stalled
// and overdue warnings (a browser whose clock runs 20 days ahead), the board in French, dark
// and on a 390px phone, the table's order and totals, and a second pipeline of 120 deals
// written by a teammate's device (50 cards per column, totals over all of them).
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline } from '@carnet/schema';
import { SyncClient, type WebSocketLike } from '@carnet/sync';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitLive, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, openPage, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';

const REP: Person = { email: 'rep@example.com', password: 'rep password 123', name: 'Karim Haddad' };
const VIEWER: Person = { email: 'viewer@example.com', password: 'viewer password 1', name: 'Vera Lind' };

let relay: RunningRelay;
let browser: Browser;
let workspace: { workspaceId: string; ownerCookie: string };
let seeder: SyncClient | undefined;
const opened: TrackedPage[] = [];

async function open(person: Person, options: { locale?: string; path?: string } = {}): Promise<TrackedPage> {
  const tracked = await signIn(browser, relay.url, person, { path: '/deals', ...options });
  opened.push(tracked);
  return tracked;
}

/** Signs in on an already opened page (one whose clock the test has set). */
async function signInOn(page: Page, person: Person, path: string): Promise<void> {
  await page.goto(`${relay.url}/login?next=${encodeURIComponent(path)}`);
  await page.locator('input[name=email]').fill(person.email);
  await page.locator('input[name=password]').fill(person.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === path);
  await waitLive(page);
}

const column = (page: Page, stageId: string) => page.locator(`[data-testid=deal-column][data-stage-id=${stageId}]`);
const card = (page: Page, title: string) => page.locator('[data-testid=deal-card]', { has: page.getByRole('link', { name: title, exact: true }) });

/** Waits until a column's header says `count` and, when given, `total`. */
async function columnShows(page: Page, stageId: string, count: string, total?: string | RegExp): Promise<void> {
  await column(page, stageId).locator('[data-testid=column-count]', { hasText: new RegExp(`^${count}$`) }).waitFor({ timeout: 15_000 });
  if (total) await column(page, stageId).locator('[data-testid=column-total]', { hasText: total }).waitFor({ timeout: 15_000 });
}

async function createDeal(page: Page, fields: { title: string; amount: string; stage: string }, andOpen = false): Promise<void> {
  await page.getByRole('button', { name: 'New deal' }).click();
  const dialog = page.getByRole('dialog', { name: 'New deal' });
  await dialog.getByLabel('Title').fill(fields.title);
  await dialog.getByLabel('Amount').fill(fields.amount);
  await dialog.getByLabel('Stage').selectOption({ label: fields.stage });
  await dialog.getByRole('button', { name: andOpen ? 'Create and open' : 'Create', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  workspace = await setUpWorkspace(relay.url);
  const { workspaceId, ownerCookie } = workspace;
  await invitePerson(relay.url, ownerCookie, workspaceId, 'rep', REP);
  await invitePerson(relay.url, ownerCookie, workspaceId, 'viewer', VIEWER);
}, 180_000);

afterAll(async () => {
  await seeder?.stop();
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('the deals board', () => {
  let owner: TrackedPage;
  let rep: TrackedPage;

  it('creates deals through the "New deal" form, staying on the board or opening the deal', async () => {
    owner = await open(OWNER);
    const { page, errors } = owner;
    await page.getByRole('heading', { name: 'Deals', level: 1 }).waitFor();
    await createDeal(page, { title: 'Acme renewal', amount: '12000', stage: 'Qualified' });
    await card(page, 'Acme renewal').waitFor();
    await page.getByRole('status').getByText('Deal “Acme renewal” created.').first().waitFor();
    await createDeal(page, { title: 'Globex pilot', amount: '5000', stage: 'Demo scheduled' });
    await createDeal(page, { title: 'Initech audit', amount: '8000', stage: 'Demo scheduled' }, true);
    await page.waitForURL(/\/deals\/[0-9a-z]+$/);
    await page.getByRole('heading', { name: 'Initech audit', level: 1 }).waitFor();
    await page.getByLabel('Next step date').fill('2020-01-15');
    await page.getByLabel('Next step date').press('Enter');
    await page.getByRole('link', { name: 'All deals' }).click();
    // Overdue is said in words on the card, not by colour alone.
    await card(page, 'Initech audit').getByText('Next step overdue (Jan 15, 2020)').waitFor();
    await columnShows(page, 'qualified', '1 deal', '€12,000');
    await columnShows(page, 'demo', '2 deals', '€13,000');
    // 12,000 × 10% + 13,000 × 40% = 6,400
    await page.locator('[data-testid=deals-summary]', { hasText: 'Weighted €6,400' }).waitFor();
    // The board scrolls inside itself; the page never gets wider than the window.
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await waitSynced(page);
    expect(unexpected(errors)).toEqual([]);
  });

  it("moves a dragged deal on a teammate's board live, with column counts and totals", async () => {
    rep = await open(REP);
    await columnShows(rep.page, 'qualified', '1 deal', '€12,000');
    await card(owner.page, 'Acme renewal').dragTo(column(owner.page, 'proposal'));
    await columnShows(owner.page, 'proposal', '1 deal', '€12,000');
    await columnShows(rep.page, 'proposal', '1 deal', '€12,000');
    await columnShows(rep.page, 'qualified', '0 deals');
    await card(rep.page, 'Acme renewal').and(column(rep.page, 'proposal').locator('[data-testid=deal-card]')).waitFor();
    await owner.page.getByRole('status').getByText('Moved “Acme renewal” to Proposal sent.').first().waitFor();
    await screenshot(owner.page, 'deals-board-en');
    expect(unexpected(owner.errors)).toEqual([]);
    expect(unexpected(rep.errors)).toEqual([]);
  });

  it('moves a deal from the keyboard, announces it, and puts it back with Ctrl+Z', async () => {
    const { page } = rep;
    await card(page, 'Globex pilot').getByRole('link', { name: 'Globex pilot' }).focus();
    await page.keyboard.press('Alt+ArrowRight');
    await page.locator('[data-testid=deals-announcer]', { hasText: 'Moved “Globex pilot” to Proposal sent. Proposal sent now has 2 deals.' }).waitFor();
    await columnShows(page, 'proposal', '2 deals', '€17,000');
    await columnShows(owner.page, 'proposal', '2 deals', '€17,000');
    // Focus stays on the moved card, in its new column.
    await page.waitForFunction(() => document.activeElement?.closest('[data-stage-id]')?.getAttribute('data-stage-id') === 'proposal');
    await page.keyboard.press('Control+z');
    await columnShows(page, 'demo', '2 deals');
    await columnShows(owner.page, 'demo', '2 deals', '€13,000');

    // The "Move" menu, from the keyboard only.
    await card(page, 'Initech audit').getByRole('button', { name: 'Move “Initech audit” to another stage' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Stages' });
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: 'Negotiation' }).focus();
    await page.keyboard.press('Enter');
    await columnShows(page, 'negotiation', '1 deal', '€8,000');
    await columnShows(owner.page, 'negotiation', '1 deal', '€8,000');
    await page.waitForFunction(() => document.activeElement?.closest('[data-stage-id]')?.getAttribute('data-stage-id') === 'negotiation');
    await waitSynced(page);
    expect(unexpected(rep.errors)).toEqual([]);
  });

  it("shows the deal's stage history with who moved it, and asks why when it is lost", async () => {
    const { page, errors } = owner;
    await card(page, 'Acme renewal').getByRole('link', { name: 'Acme renewal' }).click();
    await page.getByRole('heading', { name: 'Acme renewal', level: 1 }).waitFor();
    const history = page.getByTestId('stage-history');
    await history.getByTestId('stage-span').nth(1).waitFor();
    const spans = await history.getByTestId('stage-span').allTextContents();
    expect(spans[0]).toContain('Entered Proposal sent');
    expect(spans[0]).toContain(`by ${OWNER.name}`);
    expect(spans[0]).toContain('so far');
    expect(spans[1]).toContain('Entered Qualified');
    expect(spans[1]).toContain('in this stage');
    await page.getByRole('navigation', { name: 'Stage in Sales' }).getByRole('button', { name: /Proposal sent/ }).and(page.locator('[aria-current=step]')).waitFor();
    // The field history names stages, not their ids.
    const stageChange = page.getByTestId('history').locator('li', { has: page.getByText('Stage', { exact: true }) }).first();
    await expect(stageChange.locator('ins').textContent()).resolves.toBe('Proposal sent');
    await expect(stageChange.locator('del').textContent()).resolves.toBe('Qualified');

    await page.getByRole('button', { name: 'Mark as lost' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark “Acme renewal” as lost' });
    await dialog.getByLabel('Why was it lost?').fill('Chose a cheaper competitor');
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await page.getByText(/Lost on .*: Chose a cheaper competitor/).waitFor();
    await history.getByTestId('stage-span').first().getByText('Entered Lost').waitFor();
    await expect(page.getByLabel('Lost reason').inputValue()).resolves.toBe('Chose a cheaper competitor');
    await screenshot(page, 'deal-page-en');

    // The rep's board follows: the deal is in Lost, counted there with no weighted value.
    await columnShows(rep.page, 'lost', '1 deal', '€12,000');
    await column(rep.page, 'lost').locator('[data-testid=column-weighted]', { hasText: '€0' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });
  it('shows who else is on a deal, and deletes it with an Undo that brings it back for everyone', async () => {
    await owner.page.getByRole('link', { name: 'All deals' }).click();
    await card(owner.page, 'Globex pilot').getByRole('link', { name: 'Globex pilot' }).click();
    await card(rep.page, 'Globex pilot').getByRole('link', { name: 'Globex pilot' }).click();
    // Each sees the other at once, whoever came first.
    await owner.page.getByRole('group', { name: `Also here: ${REP.name}` }).waitFor();
    await rep.page.getByRole('group', { name: `Also here: ${OWNER.name}` }).waitFor({ timeout: 3_000 });

    await owner.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await owner.page.getByTestId('deleted-banner').waitFor();
    await rep.page.getByTestId('deleted-banner').waitFor();
    await owner.page.getByRole('button', { name: 'Undo', exact: true }).last().click();
    await owner.page.getByTestId('deleted-banner').waitFor({ state: 'detached' });
    await rep.page.getByTestId('deleted-banner').waitFor({ state: 'detached' });
    await rep.page.getByRole('link', { name: 'All deals' }).click();
    await columnShows(rep.page, 'demo', '1 deal', '€5,000');
    expect(unexpected(owner.errors)).toEqual([]);
    expect(unexpected(rep.errors)).toEqual([]);
  });
});

describe('a viewer', () => {
  it('can read the board and a deal but cannot drag, move or edit', async () => {
    const { page, errors } = await open(VIEWER);
    await columnShows(page, 'demo', '1 deal', '€5,000');
    const globex = card(page, 'Globex pilot');
    await expect(globex.getAttribute('draggable')).resolves.toBe('false');
    await expect(globex.getByRole('button', { name: /^Move/ }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'New deal' }).isDisabled()).resolves.toBe(true);
    // A drag does nothing.
    await globex.dragTo(column(page, 'won'));
    await columnShows(page, 'won', '0 deals');
    await columnShows(page, 'demo', '1 deal');

    await globex.getByRole('link', { name: 'Globex pilot' }).click();
    await page.getByRole('heading', { name: 'Globex pilot', level: 1 }).waitFor();
    await expect(page.getByLabel('Title').isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel('Amount').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Mark as won' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Mark as lost' }).isDisabled()).resolves.toBe(true);
    const steps = page.getByRole('navigation', { name: 'Stage in Sales' }).getByRole('button');
    for (const disabled of await Promise.all((await steps.all()).map((b) => b.isDisabled()))) expect(disabled).toBe(true);
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('the board in other settings', () => {
  it('speaks French with French money and stage names, and marks deals untouched for 20 days as stalled', async () => {
    const tracked = await openPage(browser, { locale: 'fr-FR' });
    opened.push(tracked);
    const { page, errors } = tracked;
    // This browser lives 20 days ahead: every open deal has been idle since it was last touched.
    await page.clock.setFixedTime(Date.now() + 20 * 86_400_000);
    await signInOn(page, REP, '/deals');
    await page.getByRole('heading', { name: 'Affaires', level: 1 }).waitFor();
    await column(page, 'demo').getByRole('heading', { name: 'Démo planifiée' }).waitFor();
    await columnShows(page, 'demo', '1 affaire', /^5\s000\s€$/);
    await page.getByRole('button', { name: 'Nouvelle affaire' }).waitFor();
    await page.getByRole('button', { name: 'Déplacer « Globex pilot » vers une autre étape' }).waitFor();
    await card(page, 'Globex pilot').getByText('Au point mort : rien depuis 20 jours').waitFor();
    await card(page, 'Initech audit').getByText('Prochaine étape en retard (15 janv. 2020)').waitFor();
    await expect(column(page, 'lost').getByText('Au point mort').count()).resolves.toBe(0);
    await screenshot(page, 'deals-board-fr');

    // Logging an activity on the deal is something happening: it is no longer stalled.
    await card(page, 'Globex pilot').getByRole('link', { name: 'Globex pilot' }).click();
    await page.getByPlaceholder('De quoi s’agit-il ?').fill('Relance par téléphone');
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await page.getByText('Relance par téléphone').first().waitFor();
    await page.getByRole('link', { name: 'Toutes les affaires' }).click();
    await card(page, 'Initech audit').getByText('Au point mort : rien depuis 20 jours').waitFor();
    await expect(card(page, 'Globex pilot').getByText('Au point mort').count()).resolves.toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it('looks right in dark mode and scrolls its columns sideways on a 390px phone', async () => {
    const { page, errors } = await open(OWNER);
    await columnShows(page, 'demo', '1 deal');
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await page.locator('html[data-theme=dark]').waitFor();
    await screenshot(page, 'deals-board-dark');
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await page.locator('html:not([data-theme=dark])').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    const board = page.getByRole('group', { name: 'Deals board, Sales' });
    const sizes = await board.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.client).toBeLessThanOrEqual(390);
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'deals-board-phone');

    // The table view, remembered across a reload.
    await page.getByRole('button', { name: 'Table' }).click();
    await page.getByTestId('deals-table').waitFor();
    await page.reload();
    await page.getByTestId('table-count').getByText('3 deals').waitFor();
    await page.getByRole('columnheader', { name: 'Amount' }).getByRole('button').click();
    await page.locator('th[aria-sort=descending]', { hasText: 'Amount' }).waitFor();
    await expect(page.getByTestId('deals-table').locator('tbody th').allTextContents()).resolves.toEqual(['Acme renewal', 'Initech audit', 'Globex pilot']);
    await page.getByRole('columnheader', { name: 'Amount' }).getByRole('button').click();
    await expect(page.getByTestId('deals-table').locator('tbody th').allTextContents()).resolves.toEqual(['Globex pilot', 'Initech audit', 'Acme renewal']);
    await page.getByTestId('table-total').getByText('€25,000').waitFor();

    // The deal page fits the phone too (its stage stepper scrolls inside itself).
    await page.getByTestId('deals-table').getByRole('link', { name: 'Globex pilot' }).click();
    await page.getByRole('heading', { name: 'Globex pilot', level: 1 }).waitFor();
    await page.getByTestId('stage-history').getByTestId('stage-span').first().waitFor();
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await screenshot(page, 'deal-page-phone');
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('a second pipeline with many deals', () => {
  /**
   * A teammate's device (a Node store signed in as the owner) adds a "Partners" pipeline and
   * 120 deals in it, which reach the browser through the relay like any teammate's edits.
   */
  async function seedPartners(): Promise<void> {
    const me = await fetch(`${relay.url}/api/auth/me`, { headers: { cookie: workspace.ownerCookie } });
    const userId = ((await me.json()) as { user: { id: string } }).user.id;
    const store = await memoryStore({ userId, now: () => Date.now() });
    seeder = new SyncClient({
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
    seeder.start();
    await store.updateWorkspace(
      { type: 'putPipeline', pipeline: defaultPipeline() },
      {
        type: 'putPipeline',
        pipeline: {
          id: 'partners', name: 'Partners', order: 1,
          stages: [{ id: 'intro', name: 'Intro', probability: 20, kind: 'open' }, { id: 'signed', name: 'Signed', probability: 100, kind: 'won' }],
        },
      },
    );
    await store.createMany('deals', [
      ...Array.from({ length: 60 }, (_, i) => ({ title: `Intro ${i}`, amount: 1_000, currency: 'EUR', pipelineId: 'partners', stageId: 'intro' })),
      ...Array.from({ length: 55 }, (_, i) => ({ title: `Signed ${i}`, amount: 500, currency: 'EUR', pipelineId: 'partners', stageId: 'signed' })),
      ...Array.from({ length: 5 }, (_, i) => ({ title: `Signed US ${i}`, amount: 100, currency: 'USD', pipelineId: 'partners', stageId: 'signed' })),
    ]);
    const deadline = Date.now() + 30_000;
    while ((await store.outboxCount()) > 0) {
      if (Date.now() > deadline) throw new Error('the seeder could not push its deals');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('switches pipelines (remembered), renders 50 cards per column but totals every deal', async () => {
    await seedPartners();
    const { page, errors } = await open(OWNER);
    const switcher = page.getByLabel('Pipeline', { exact: true });
    await switcher.selectOption({ label: 'Partners' });
    await columnShows(page, 'intro', '60 deals', '€60,000');
    // Every deal counts, in its own currency: 55 × €500 and 5 × $100.
    await columnShows(page, 'signed', '60 deals', '€27,500 + $500');
    await column(page, 'intro').locator('[data-testid=column-weighted]', { hasText: '€12,000' }).waitFor();
    await expect(column(page, 'intro').getByTestId('deal-card').count()).resolves.toBe(50);
    await column(page, 'intro').getByText('10 more not shown').waitFor();
    await column(page, 'intro').getByRole('button', { name: 'Show 10 more' }).click();
    await expect(column(page, 'intro').getByTestId('deal-card').count()).resolves.toBe(60);

    await page.reload();
    await columnShows(page, 'intro', '60 deals');
    await expect(switcher.inputValue()).resolves.toBe('partners');
    await page.getByLabel('Quick filter').fill('signed us');
    await columnShows(page, 'signed', '5 deals', '$500');
    await columnShows(page, 'intro', '0 deals');
    expect(unexpected(errors)).toEqual([]);
  });
});
