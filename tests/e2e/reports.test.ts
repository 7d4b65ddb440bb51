// The reports screen in a real browser against a real relay. A second peer (a Node store
// syncing through the relay as the owner) writes deals and activities, so the browser gets
// them the way teammates' edits arrive; the figures on screen are checked against what
// @carnet/reports computes for the same rows. Then: a teammate's change redraws a widget live,
// the dashboard is arranged (add, remove, move by button and keyboard, resize) and stays so
// after a reload, a goal is set, a rep sees their own dashboard, French, dark, phone width,
// contrast and named controls, and the figures offline.
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline, type Member, type Row } from '@carnet/schema';
import type { Store } from '@carnet/store';
import { SyncClient, type WebSocketLike } from '@carnet/sync';
import {
  createTimeZone, defaultManagerDashboard, defaultRepDashboard, goalProgress, runWidget,
  type PipelineFunnel, type ReportContext, type ReportData, type WinRate,
} from '@carnet/reports';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { contrastProblems, unnamedControls } from '../helpers/a11y.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';

const REP: Person = { email: 'rep@example.com', password: 'rep password 123', name: 'Rémi Rep' };
const ZONE_ID = Intl.DateTimeFormat().resolvedOptions().timeZone;

let relay: RunningRelay;
let browser: Browser;
let workspace: { workspaceId: string; ownerCookie: string };
let ownerId: string;
let repId: string;
let members: Member[];
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

const day = (offsetDays: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Deals won and lost today, open deals in every open stage, and activities over a month. */
async function seed(): Promise<typeof seeder> {
  const store = await memoryStore({ userId: ownerId, now: () => Date.now() });
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
  const open = ['qualified', 'contact_made', 'demo', 'proposal', 'negotiation'];
  const deals = [
    ...Array.from({ length: 7 }, (_, i) => ({ title: `Won ${i}`, stageId: 'won', amount: 1000 * (i + 1), closedAt: day(0), ownerId: i < 4 ? ownerId : repId })),
    ...Array.from({ length: 3 }, (_, i) => ({ title: `Lost ${i}`, stageId: 'lost', amount: 500, closedAt: day(0), ownerId: i < 2 ? ownerId : repId })),
    ...Array.from({ length: 12 }, (_, i) => ({
      title: `Open ${i}`, stageId: open[i % 5], amount: 1000 * (i + 1), expectedCloseDate: day(31 + 30 * (i % 3)), ownerId: i % 2 ? repId : ownerId,
    })),
  ];
  await store.createMany('deals', deals.map((d) => ({ currency: 'EUR', pipelineId: 'sales', ...d })));
  await store.createMany('activities', [
    ...Array.from({ length: 30 }, (_, i) => ({
      type: i % 3 ? 'call' : 'meeting', subject: `Call ${i}`, done: true,
      doneAt: new Date(Date.now() - (i + 1) * 86_400_000 + (i % 8) * 3_600_000).toISOString(), ownerId: i % 2 ? repId : ownerId,
    })),
    ...Array.from({ length: 4 }, (_, i) => ({ type: 'task', subject: `Late ${i}`, done: false, dueAt: new Date(Date.now() - (3 + i) * 86_400_000).toISOString(), ownerId })),
  ]);
  await until(async () => (await store.outboxCount()) === 0);
  return { store, client };
}

/** What the package computes for the seeder's rows, with the app's context. */
async function computed(): Promise<{ data: ReportData; ctx: ReportContext }> {
  const { store } = seeder;
  const data = { deals: (await store.query('deals')).rows, activities: (await store.query('activities')).rows } as ReportData;
  const pipelines = store.pipelines().length ? store.pipelines() : [defaultPipeline()];
  const ctx: ReportContext = { now: Date.now(), zone: createTimeZone(ZONE_ID), pipelines, members, defaultCurrency: 'EUR' };
  return { data, ctx };
}

const widget = (page: Page, id: string) => page.locator(`[data-testid=widget][data-widget="${id}"]`);
const valueOf = (page: Page, id: string) => widget(page, id).getByTestId('widget-value');
const order = (page: Page) => page.locator('[data-testid=widget]').evaluateAll((els) => els.map((el) => el.getAttribute('data-widget')));
const percent = (ratio: number | null) => `${Math.round((ratio ?? 0) * 100)}%`;
const euros = (amount: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(amount);

async function open(person: Person, locale?: string): Promise<TrackedPage> {
  const tracked = await signIn(browser, relay.url, person, { path: '/reports', locale });
  tracked.page.setDefaultTimeout(15_000);
  opened.push(tracked);
  return tracked;
}

async function audit(page: Page): Promise<void> {
  expect(await contrastProblems(page)).toEqual([]);
  expect(await unnamedControls(page)).toEqual([]);
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  workspace = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, workspace.ownerCookie, workspace.workspaceId, 'rep', REP);
  const reply = await fetch(`${relay.url}/api/workspaces/${workspace.workspaceId}/members`, { headers: { cookie: workspace.ownerCookie } });
  members = ((await reply.json()) as { members: Member[] }).members.map(({ userId, name, email, role }) => ({ userId, name, email, role }));
  ownerId = members.find((m) => m.email === OWNER.email)!.userId;
  repId = members.find((m) => m.email === REP.email)!.userId;
  seeder = await seed();
  owner = await open(OWNER);
}, 180_000);

afterAll(async () => {
  await seeder?.client.stop();
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('the reports screen', () => {
  it('shows the owner the team dashboard with the figures the package computes for the same rows', async () => {
    const { page, errors } = owner;
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByText('Team dashboard').first().waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).resolves.toBe('page');

    const { data, ctx } = await computed();
    const team = defaultManagerDashboard(ownerId);
    const rate = runWidget(team.widgets[0] as never, data, ctx) as WinRate;
    expect([rate.won, rate.lost]).toEqual([7, 3]);
    await valueOf(page, 'w1').getByText(percent(rate.rate), { exact: true }).waitFor();
    await widget(page, 'w1').getByText(`${rate.won} won, ${rate.lost} lost`).waitFor();

    const funnel = runWidget(team.widgets[6] as never, data, ctx) as PipelineFunnel;
    const openTotal = funnel.stages.filter((s) => s.kind === 'open').reduce((sum, s) => sum + (s.amount[0]?.amount ?? 0), 0);
    expect(openTotal).toBe(78_000);
    await widget(page, 'w7').getByText(`Open pipeline: ${euros(openTotal)}`).waitFor();
    await widget(page, 'w7').getByText(`Won ${funnel.won} · lost ${funnel.lost}`, { exact: false }).waitFor();

    // The leaderboard table ranks by amount won this quarter: the owner won 1+2+3+4 k€.
    const leaderboard = widget(page, 'w8').getByRole('region', { name: 'Leaderboard' });
    await expect(leaderboard.locator('tbody tr').first().locator('th').textContent()).resolves.toBe('1');
    await leaderboard.getByRole('cell', { name: euros(10_000) }).waitFor();
    await leaderboard.getByRole('cell', { name: euros(18_000) }).waitFor();
    // Overdue tasks: four, all the owner's.
    await widget(page, 'w11').getByRole('cell', { name: '4', exact: true }).waitFor();
    // Every chart has its figures as a table for screen readers, and one keyboard stop.
    await expect(widget(page, 'w6').locator('.visually-hidden table tbody tr').count()).resolves.toBeGreaterThan(0);
    const plot = widget(page, 'w7').getByRole('group', { name: /Funnel of Pipeline funnel/ });
    await plot.focus();
    await page.keyboard.press('ArrowRight');
    await widget(page, 'w7').locator('.readout').getByText(`Qualified: ${funnel.steps[0].reached} · ${percent(funnel.steps[0].conversionToNext)} go on`).waitFor();
    await screenshot(page, 'reports-en');
    await audit(page);
    expect(unexpected(errors)).toEqual([]);
  });

  it('redraws a widget live when a teammate wins a deal', async () => {
    const { page, errors } = owner;
    const [deal] = (await seeder.store.query('deals', { where: [{ field: 'title', op: 'eq', value: 'Open 3' }] })).rows as Row<'deals'>[];
    await seeder.store.update('deals', deal.id, { stageId: 'won', closedAt: day(0) });
    const { data, ctx } = await computed();
    const rate = runWidget(defaultManagerDashboard(ownerId).widgets[0] as never, data, ctx) as WinRate;
    expect(rate.won).toBe(8);
    await valueOf(page, 'w1').getByText(percent(rate.rate), { exact: true }).waitFor();
    await widget(page, 'w1').getByText('8 won, 3 lost').waitFor();
    await widget(page, 'w7').getByText(`Open pipeline: ${euros(78_000 - 4_000)}`).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('adds, removes, moves (buttons and keyboard) and resizes widgets, and keeps them after a reload', { timeout: 90_000 }, async () => {
    const { page, errors } = owner;
    await page.getByRole('button', { name: 'Arrange dashboard' }).click();
    const form = page.getByRole('form', { name: 'Add a widget' });
    await form.getByLabel('Report').selectOption({ label: 'Activities per rep' });
    await form.getByLabel('Chart').selectOption({ label: 'Donut' });
    await form.getByLabel('Period').selectOption({ label: 'Last 90 days' });
    await form.getByRole('button', { name: 'Add widget' }).click();
    await page.getByText('Activities per rep added to the dashboard.').waitFor({ state: 'attached' });
    await widget(page, 'w15').getByText('Last 90 days · Everyone').waitFor();
    await expect(widget(page, 'w15').getAttribute('data-type')).resolves.toBe('donut');

    await page.getByRole('button', { name: 'Remove Sales cycle' }).click();
    await widget(page, 'w3').waitFor({ state: 'detached' });
    await widget(page, 'w4').getByRole('button', { name: 'Move Stalled deals earlier' }).click();
    await until(async () => (await order(page)).slice(0, 3).join() === 'w1,w4,w2');
    // Focus stays on the control, so the widget can be moved again at once; Alt+arrow too.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Move Stalled deals earlier');
    await page.keyboard.press('Alt+ArrowUp');
    await until(async () => (await order(page)).slice(0, 3).join() === 'w4,w1,w2');
    // Quick clicks are applied one after the other, none dropped.
    await page.getByRole('button', { name: 'Make Win rate wider' }).click();
    await page.getByRole('button', { name: 'Make Win rate taller' }).click();
    await until(async () => (await widget(page, 'w1').getAttribute('data-size')) === '4x2');
    await page.getByText('Win rate is now 4 columns wide and 2 rows high.').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Done arranging' }).click();
    await waitSynced(page);

    const expected = await order(page);
    expect(expected.slice(0, 3)).toEqual(['w4', 'w1', 'w2']);
    expect(expected).not.toContain('w3');
    expect(expected.at(-1)).toBe('w15');
    await page.reload();
    await widget(page, 'w15').waitFor();
    await expect(order(page)).resolves.toEqual(expected);
    await expect(widget(page, 'w1').getAttribute('data-size')).resolves.toBe('4x2');
    await valueOf(page, 'w1').getByText('73%', { exact: true }).waitFor();
    await page.getByText('Team dashboard', { exact: true }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('filters every widget from the bar', async () => {
    const { page } = owner;
    await page.getByLabel('Owner', { exact: true }).selectOption({ label: REP.name });
    // The rep won 4 of 5 closed (5, 6, 7 k€ and the deal won live; one lost).
    await valueOf(page, 'w1').getByText('80%', { exact: true }).waitFor();
    await widget(page, 'w1').getByText(`This quarter · ${REP.name}`).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await valueOf(page, 'w1').getByText('73%', { exact: true }).waitFor();
  });

  it('sets a sales goal and shows its progress', async () => {
    const { page, errors } = owner;
    const editor = page.getByRole('form', { name: 'New goal' });
    await editor.getByLabel('Measure').selectOption({ label: 'deals won' });
    await editor.getByLabel('Per', { exact: true }).selectOption({ label: 'Quarter' });
    await editor.getByLabel('Target').fill('20');
    await editor.getByRole('button', { name: 'Add goal' }).click();
    const panel = page.getByRole('region', { name: 'Sales goals' });
    await panel.getByText('The company: deals won').waitFor();
    const { data, ctx } = await computed();
    const [progress] = goalProgress(data, ctx, { goals: [{ id: 'g', scope: { kind: 'company' }, metric: 'won_count', period: await page.locator('#goal-period').inputValue(), target: 20 }] });
    await panel.getByText(`${progress.actual} of 20 · ${percent(progress.progress)}`).waitFor();
    // The dashboard's goals widget shows it too.
    await widget(page, 'w9').getByText('The company: deals won').waitFor();
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('the reports screen for others and elsewhere', () => {
  it('gives a rep their own dashboard, with their own figures', { timeout: 90_000 }, async () => {
    const rep = await open(REP);
    const { page, errors } = rep;
    await page.getByText('My dashboard').first().waitFor();
    const { data, ctx } = await computed();
    const rate = runWidget(defaultRepDashboard(repId).widgets[0] as never, data, ctx) as WinRate;
    expect([rate.won, rate.lost]).toEqual([4, 1]);
    await valueOf(page, 'w1').getByText(percent(rate.rate), { exact: true }).waitFor();
    await widget(page, 'w1').getByText('This quarter · Mine').waitFor();
    await expect(page.getByRole('button', { name: 'Share with the workspace' }).count()).resolves.toBe(0);

    // The owner's goal is the workspace's: the rep sees it, and cannot remove it.
    const panel = page.getByRole('region', { name: 'Sales goals' });
    await panel.getByText('The company: deals won').waitFor();
    await panel.getByText('Workspace goal').waitFor();
    await expect(panel.getByRole('button', { name: /^Remove/ }).count()).resolves.toBe(0);
    // The owner shares their dashboard: the rep, who never arranged one, sees it live.
    await owner.page.getByRole('button', { name: 'Share with the workspace' }).click();
    await owner.page.getByText('Dashboard shared with the workspace.').waitFor();
    await page.getByText('Team dashboard · shared with the workspace', { exact: true }).waitFor();
    await page.getByText(/This is the dashboard shared with the workspace/).waitFor();
    await widget(page, 'w15').waitFor();
    await owner.page.getByRole('button', { name: 'Stop sharing' }).click();
    await page.getByText('My dashboard').first().waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('speaks French', { timeout: 90_000 }, async () => {
    const french = await open(OWNER, 'fr-FR');
    const { page, errors } = french;
    await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).waitFor();
    await widget(page, 'w1').getByRole('heading', { name: 'Taux de réussite' }).waitFor();
    await widget(page, 'w1').getByText('8 gagnées, 3 perdues').waitFor();
    await page.getByRole('button', { name: 'Organiser le tableau de bord' }).waitFor();
    await page.getByRole('region', { name: 'Objectifs commerciaux' }).waitFor();
    await screenshot(page, 'reports-fr');
    await audit(page);
    expect(unexpected(errors)).toEqual([]);
  });

  it('looks right in dark mode and stacks the widgets at phone width', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await screenshot(page, 'reports-dark');
    await audit(page);
    await page.setViewportSize({ width: 390, height: 844 });
    const boxes = await page.locator('[data-testid=widget]').evaluateAll((els) => els.slice(0, 3).map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })));
    expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1);
    expect(boxes[1].y).toBeGreaterThan(boxes[0].y);
    expect(boxes[0].w).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'reports-phone');
    await page.getByRole('button', { name: 'Switch between light and dark' }).click();
    await audit(page);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('shows the same figures offline, from the rows kept on this device', { timeout: 60_000 }, async () => {
    const { page, context } = owner;
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.locator('[data-testid=sync-status][data-status=live]').waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-testid=sync-status][data-status=offline]').waitFor();
    await valueOf(page, 'w1').getByText('73%', { exact: true }).waitFor();
    await widget(page, 'w7').getByText(`Open pipeline: ${euros(74_000)}`).waitFor();
    await context.setOffline(false);
    await page.locator('[data-testid=sync-status][data-status=live]').waitFor({ timeout: 20_000 });
  });
});
