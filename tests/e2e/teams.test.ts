// Teams end to end, real relay and real Chromium: an admin creates a team of two reps with a
// manager in Settings; the manager sets a goal for that team on the reports screen (the relay
// accepts it into the workspace doc, where a Node peer reads it); the reports filtered by the
// team count only its members' deals, the figures checked against @carnet/reports for the same
// rows, show the team goal's progress, narrow further by a custom field condition, and keep
// the filters after a reload.
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline, type Member } from '@carnet/schema';
import type { Store } from '@carnet/store';
import { SyncClient, type WebSocketLike } from '@carnet/sync';
import { createTimeZone, defaultManagerDashboard, goalProgress, runWidget, type ReportContext, type ReportData, type WinRate } from '@carnet/reports';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { contrastProblems, unnamedControls } from '../helpers/a11y.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';

const ADMIN: Person = { email: 'admin@example.com', password: 'admin password 123', name: 'Adam Admin' };
const MANAGER: Person = { email: 'manager@example.com', password: 'manager password 123', name: 'Mona Manager' };
const RITA: Person = { email: 'rita@example.com', password: 'rita password 123', name: 'Rita Rep' };
const ROB: Person = { email: 'rob@example.com', password: 'rob password 123', name: 'Rob Rep' };
const OSCAR: Person = { email: 'oscar@example.com', password: 'oscar password 123', name: 'Oscar Outside' };
const ZONE_ID = Intl.DateTimeFormat().resolvedOptions().timeZone;

let relay: RunningRelay;
let browser: Browser;
let workspace: { workspaceId: string; ownerCookie: string };
let members: Member[];
const ids: Record<string, string> = {};
let seeder: { store: Store; client: SyncClient };
const opened: TrackedPage[] = [];

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A Node peer syncing as the owner: writes the deals, and reads the workspace doc back. */
async function seed(): Promise<typeof seeder> {
  const store = await memoryStore({ userId: ids.owner, now: () => Date.now() });
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
  await store.updateWorkspace({
    type: 'putCustomField',
    def: { key: 'segment', collection: 'deals', label: 'Segment', kind: 'select', options: ['SMB', 'Enterprise'], required: false, order: 0 },
  });
  const won = (title: string, owner: string, amount: number, segment = 'SMB') => ({ title, stageId: 'won', amount, closedAt: today(), ownerId: ids[owner], cf_segment: segment });
  await store.createMany('deals', [
    won('Rita won 1', 'rita', 1000), won('Rita won 2', 'rita', 2000, 'Enterprise'), won('Rob won', 'rob', 3000),
    { title: 'Rob lost', stageId: 'lost', amount: 500, closedAt: today(), ownerId: ids.rob, cf_segment: 'SMB' },
    won('Oscar won 1', 'oscar', 10_000), won('Oscar won 2', 'oscar', 20_000), won('Oscar won 3', 'oscar', 30_000),
  ].map((d) => ({ currency: 'EUR', pipelineId: 'sales', ...d })));
  await until(async () => (await store.outboxCount()) === 0);
  return { store, client };
}

async function computed(teams: ReportContext['teams']): Promise<{ data: ReportData; ctx: ReportContext }> {
  const { store } = seeder;
  const data = { deals: (await store.query('deals')).rows } as ReportData;
  const pipelines = store.pipelines().length ? store.pipelines() : [defaultPipeline()];
  return { data, ctx: { now: Date.now(), zone: createTimeZone(ZONE_ID), pipelines, members, teams, defaultCurrency: 'EUR' } };
}

const widget = (page: Page, id: string) => page.locator(`[data-testid=widget][data-widget="${id}"]`);
const percent = (ratio: number | null) => `${Math.round((ratio ?? 0) * 100)}%`;

async function open(person: Person, path: string): Promise<TrackedPage> {
  const tracked = await signIn(browser, relay.url, person, { path });
  tracked.page.setDefaultTimeout(15_000);
  opened.push(tracked);
  return tracked;
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  workspace = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, workspace.ownerCookie, workspace.workspaceId, 'admin', ADMIN);
  await invitePerson(relay.url, workspace.ownerCookie, workspace.workspaceId, 'manager', MANAGER);
  for (const rep of [RITA, ROB, OSCAR]) await invitePerson(relay.url, workspace.ownerCookie, workspace.workspaceId, 'rep', rep);
  const reply = await fetch(`${relay.url}/api/workspaces/${workspace.workspaceId}/members`, { headers: { cookie: workspace.ownerCookie } });
  members = ((await reply.json()) as { members: Member[] }).members.map(({ userId, name, email, role }) => ({ userId, name, email, role }));
  const idOf = (person: Person) => members.find((m) => m.email === person.email)!.userId;
  Object.assign(ids, { owner: idOf(OWNER), admin: idOf(ADMIN), manager: idOf(MANAGER), rita: idOf(RITA), rob: idOf(ROB), oscar: idOf(OSCAR) });
  seeder = await seed();
}, 180_000);

afterAll(async () => {
  await seeder?.client.stop();
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('teams', () => {
  it('an admin creates a team of two reps with a manager', { timeout: 90_000 }, async () => {
    const { page, errors } = await open(ADMIN, '/settings');
    const section = page.getByRole('region', { name: 'Teams' });
    await section.getByText('No teams yet.').waitFor();
    await section.getByLabel('Team name').fill('North');
    await section.getByRole('button', { name: 'Create team' }).click();
    await page.getByText('Team “North” created').waitFor();
    const team = section.getByTestId('team');
    await team.getByLabel('Manager of North').selectOption({ label: MANAGER.name });
    await page.getByText(`${MANAGER.name} now manages North`).waitFor();
    // Reps may not manage a team: the manager list offers managers, admins and owners only.
    await expect(team.getByLabel('Manager of North').locator('option').allTextContents()).resolves.toEqual(['No manager', ADMIN.name, OWNER.name, MANAGER.name]);
    for (const rep of [RITA, ROB]) {
      await team.getByLabel('Add a member to North').selectOption({ label: rep.name });
      await team.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByText(`${rep.name} added to North`).waitFor();
    }
    await expect(team.getByTestId('team-member').locator('span').allTextContents()).resolves.toEqual([RITA.name, ROB.name]);
    await waitSynced(page);
    // The owner's Node peer sees the team as the app wrote it.
    await until(() => seeder.store.teams().some((t) => t.name === 'North' && t.memberIds.length === 2));
    expect(seeder.store.teams()).toEqual([{ id: expect.any(String), name: 'North', memberIds: [ids.rita, ids.rob], managerId: ids.manager }]);
    await screenshot(page, 'settings-teams');
    expect(await contrastProblems(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
  });

  it('a rep sees the teams with the controls disabled and the reason', async () => {
    const { page } = await open(OSCAR, '/settings');
    const section = page.getByRole('region', { name: 'Teams' });
    await section.getByText('Only owners and admins can create and change teams.').waitFor();
    await expect(section.getByLabel('Manager of North').isDisabled()).resolves.toBe(true);
    await expect(section.getByRole('button', { name: 'Delete team North' }).isDisabled()).resolves.toBe(true);
    await expect(section.getByLabel('Team name').isDisabled()).resolves.toBe(true);
  });

  it('the manager sets a team goal, shared with the workspace, and filters the reports by the team', { timeout: 90_000 }, async () => {
    const { page, errors } = await open(MANAGER, '/reports');
    await page.getByText('Team dashboard').first().waitFor();
    const [north] = seeder.store.teams();
    const { data, ctx } = await computed([{ id: north.id, name: north.name, memberIds: north.memberIds }]);
    const winRate = defaultManagerDashboard(ids.manager).widgets[0];
    const everyone = runWidget(winRate as never, data, ctx) as WinRate;
    const onlyNorth = runWidget({ ...winRate, filters: { ...winRate.filters, teamIds: [north.id] } } as never, data, ctx) as WinRate;
    expect([everyone.won, everyone.lost, onlyNorth.won, onlyNorth.lost]).toEqual([6, 1, 3, 1]);
    await widget(page, 'w1').getByText(`${everyone.won} won, ${everyone.lost} lost`).waitFor();

    // The team goal: the manager manages North, so it is the workspace's.
    const panel = page.getByRole('region', { name: 'Sales goals' });
    await panel.getByText(/Goals you set for North are shared with the workspace/).waitFor();
    const editor = page.getByRole('form', { name: 'New goal' });
    await editor.getByLabel('For').selectOption({ label: 'Team North' });
    await editor.getByLabel('Measure').selectOption({ label: 'deals won' });
    await editor.getByLabel('Per', { exact: true }).selectOption({ label: 'Quarter' });
    await editor.getByLabel('Target').fill('5');
    await editor.getByRole('button', { name: 'Add goal' }).click();
    await panel.getByText('Team North: deals won').waitFor();
    const period = await page.locator('#goal-period').inputValue();
    const [progress] = goalProgress(data, ctx, { goals: [{ id: 'g', scope: { kind: 'team', teamId: north.id }, metric: 'won_count', period, target: 5 }] });
    expect(progress.actual).toBe(3);
    await panel.getByText(`3 of 5 · ${percent(progress.progress)}`).waitFor();
    await waitSynced(page);
    // The relay took the manager's write into the workspace doc: the owner's peer has it.
    await until(() => seeder.store.sharedReportItems('goals').length === 1);
    expect(seeder.store.sharedReportItems('goals')[0]).toMatchObject({ ownerId: ids.manager, setup: { scope: { kind: 'team', teamId: north.id }, target: 5 } });

    // Filtered by the team: the team's deals only, the team's goal and the team named on widgets.
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'North' });
    await widget(page, 'w1').getByText(`${onlyNorth.won} won, ${onlyNorth.lost} lost`).waitFor();
    await widget(page, 'w1').getByText(percent(onlyNorth.rate), { exact: true }).waitFor();
    await widget(page, 'w1').getByText('This quarter · Team North').waitFor();
    await panel.getByText('Showing the goals of North, of its members and of the company.').waitFor();
    await panel.getByText(`3 of 5 · ${percent(progress.progress)}`).waitFor();
    // The leaderboard ranks only the team's reps (Oscar, outside the team, is not listed).
    const leaderboard = widget(page, 'w8');
    await leaderboard.getByText(RITA.name).first().waitFor();
    await expect(leaderboard.getByText(OSCAR.name).count()).resolves.toBe(0);
    await screenshot(page, 'reports-team-filter');

    // A custom field condition on deals narrows every deal widget further.
    const smb = runWidget({ ...winRate, filters: { ...winRate.filters, teamIds: [north.id], conditions: [{ field: 'cf_segment', op: 'eq', value: 'SMB' }] } } as never, data, ctx) as WinRate;
    expect([smb.won, smb.lost]).toEqual([2, 1]);
    await page.getByRole('button', { name: 'Add a field condition' }).click();
    const builder = page.getByRole('form', { name: 'Add a filter' });
    await builder.getByLabel('Field').selectOption({ label: 'Segment' });
    await builder.getByLabel('Condition').selectOption({ label: 'is' });
    await builder.getByLabel('Value').selectOption({ label: 'SMB' });
    await builder.getByRole('button', { name: 'Add filter' }).click();
    await page.getByTestId('report-condition').getByText('Segment is SMB').waitFor();
    await widget(page, 'w1').getByText(`${smb.won} won, ${smb.lost} lost`).waitFor();
    expect(await contrastProblems(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);

    // The bar is kept: after a reload the reports are still North's SMB deals.
    await waitSynced(page);
    await page.reload();
    await widget(page, 'w1').getByText(`${smb.won} won, ${smb.lost} lost`).waitFor();
    await expect(page.getByLabel('Team', { exact: true }).inputValue()).resolves.toBe(north.id);
    await page.getByRole('button', { name: 'Remove the filter “Segment is SMB”' }).click();
    await widget(page, 'w1').getByText(`${onlyNorth.won} won, ${onlyNorth.lost} lost`).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('a rep sees the team goal and cannot remove it', async () => {
    const { page } = await open(RITA, '/reports');
    const panel = page.getByRole('region', { name: 'Sales goals' });
    await panel.getByText('Team North: deals won').waitFor();
    await panel.getByText('Team goal', { exact: true }).waitFor();
    await expect(panel.getByRole('button', { name: /^Remove/ }).count()).resolves.toBe(0);
  });
});
