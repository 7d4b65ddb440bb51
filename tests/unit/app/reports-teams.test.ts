// Teams and field conditions on the reports screen, as plain functions: the bar's team,
// conditions and leaderboard choice laid over widgets and what the reports then count, the
// bar kept in the private doc and read back defensively, team goals (who shares them, which
// the team filter shows) and the settings editor's choices.
import { describe, expect, it } from 'vitest';
import { defaultManagerDashboard, defaultRepDashboard, runWidget, type Goal, type Leaderboard, type WinRate, type Widget } from '@carnet/reports';
import type { Member, Team } from '@carnet/schema';
import {
  NO_PAGE_FILTERS, PAGE_FILTERS_KEY, applyPageFilters, isFiltering, readPageFilters, storedPageFilters, widgetCondition, widgetCounts, type PageFilters,
} from '../../../src/lib/reports/page-filters.ts';
import { TEAM_SCOPE, goalFromForm, goalsOfTeam, sharesGoal } from '../../../src/lib/reports/goals-storage.ts';
import { contextKey, reportTeams } from '../../../src/lib/reports/report-context.ts';
import { addableMembers, managerCandidates, teamNameTaken, withManager, withMember, withoutMember } from '../../../src/lib/components/settings/teams.ts';
import { goalProgress } from '@carnet/reports';
import { goalsView } from '../../../src/lib/reports/views-people.ts';
import { ANN, BOB, CAT, MEMBERS, context, deal } from '../reports/fixtures.ts';
import { viewText } from './reports-text.ts';

const ME = 'me000001';
const EAST: Team = { id: 'east', name: 'East', memberIds: [ANN, BOB], managerId: CAT };
const WEST: Team = { id: 'west', name: 'West', memberIds: [CAT], managerId: null };

const widgetOf = (dashboard: { widgets: Widget[] }, report: string) => dashboard.widgets.find((w) => w.report === report)!;

describe('the bar laid over widgets', () => {
  const managerWinRate = widgetOf(defaultManagerDashboard(ME), 'win_rate');
  const repWinRate = widgetOf(defaultRepDashboard(ME), 'win_rate');

  it('a team replaces a widget’s own owners, unless the bar names an owner too', () => {
    expect(applyPageFilters(repWinRate, { ...NO_PAGE_FILTERS, teamId: 'east' }).filters).toEqual({ range: { relative: 'this_quarter' }, teamIds: ['east'] });
    expect(applyPageFilters(repWinRate, { ...NO_PAGE_FILTERS, teamId: 'east', owner: ANN }).filters)
      .toEqual({ range: { relative: 'this_quarter' }, ownerIds: [ANN], teamIds: ['east'] });
    expect(isFiltering({ ...NO_PAGE_FILTERS, teamId: 'east' })).toBe(true);
  });

  it('filtered by a team, a report counts only its members’ deals', () => {
    const deals = [
      deal({ stageId: 'won', ownerId: ANN, closedAt: '2026-03-02' }),
      deal({ stageId: 'lost', ownerId: BOB, closedAt: '2026-03-03' }),
      deal({ stageId: 'won', ownerId: CAT, closedAt: '2026-03-04' }),
      deal({ stageId: 'won', ownerId: CAT, closedAt: '2026-03-05' }),
    ];
    const east = runWidget(applyPageFilters(managerWinRate, { ...NO_PAGE_FILTERS, teamId: 'east' }) as never, { deals }, context()) as WinRate;
    expect([east.won, east.lost]).toEqual([1, 1]);
    const everyone = runWidget(managerWinRate as never, { deals }, context()) as WinRate;
    expect([everyone.won, everyone.lost]).toEqual([3, 1]);
  });

  it('adds a condition only to the widgets whose report counts that record type', () => {
    const condition = { field: 'cf_segment', op: 'eq' as const, value: 'smb' };
    const page: PageFilters = { ...NO_PAGE_FILTERS, conditions: [{ collection: 'deals', condition }] };
    expect(applyPageFilters(managerWinRate, page).filters?.conditions).toEqual([condition]);
    const activities = widgetOf(defaultManagerDashboard(ME), 'activities_by_rep');
    expect(applyPageFilters(activities, page).filters?.conditions).toBeUndefined();
    const own = { ...managerWinRate, filters: { conditions: [{ field: 'cf_size', op: 'gt' as const, value: 10 }] } };
    expect(applyPageFilters(own, page).filters?.conditions).toEqual([{ field: 'cf_size', op: 'gt', value: 10 }, condition]);
  });

  it('conditions filter what the report counts, with the store’s condition semantics', () => {
    const deals = [
      deal({ stageId: 'won', ownerId: ANN, closedAt: '2026-03-02', cf_segment: 'smb' }),
      deal({ stageId: 'won', ownerId: ANN, closedAt: '2026-03-02', cf_segment: 'enterprise' }),
      deal({ stageId: 'lost', ownerId: BOB, closedAt: '2026-03-03', cf_segment: 'smb' }),
    ];
    const page: PageFilters = { ...NO_PAGE_FILTERS, conditions: [{ collection: 'deals', condition: { field: 'cf_segment', op: 'eq', value: 'smb' } }] };
    const result = runWidget(applyPageFilters(managerWinRate, page) as never, { deals }, context()) as WinRate;
    expect([result.won, result.lost]).toEqual([1, 1]);
  });

  it('knows which record type a widget counts (a leaderboard of activities counts activities)', () => {
    const board = widgetOf(defaultManagerDashboard(ME), 'leaderboard');
    expect(widgetCounts(board)).toBe('deals');
    expect(widgetCounts({ ...board, options: { metric: 'activities' } })).toBe('activities');
    expect(widgetCounts(widgetOf(defaultManagerDashboard(ME), 'leads_by_source'))).toBe('contacts');
  });

  it('makes the leaderboard rank teams', () => {
    const board = widgetOf(defaultManagerDashboard(ME), 'leaderboard');
    const applied = applyPageFilters(board, { ...NO_PAGE_FILTERS, rankBy: 'team' });
    expect(applied.options).toEqual({ metric: 'won_amount', by: 'team' });
    expect(applyPageFilters(managerWinRate, { ...NO_PAGE_FILTERS, rankBy: 'team' }).options).toEqual({});
    const deals = [
      deal({ stageId: 'won', ownerId: ANN, closedAt: '2026-03-02', amount: 100 }),
      deal({ stageId: 'won', ownerId: BOB, closedAt: '2026-03-03', amount: 50 }),
      deal({ stageId: 'won', ownerId: CAT, closedAt: '2026-03-04', amount: 400 }),
    ];
    const ranked = runWidget(applied as never, { deals }, context()) as Leaderboard;
    expect(ranked.entries.map((e) => [e.name, e.value, e.rank])).toEqual([['West', 400, 1], ['East', 150, 2]]);
  });
});

describe('the bar kept in the private doc', () => {
  it('keeps nothing for a clear bar and reads back what it kept', () => {
    expect(storedPageFilters(NO_PAGE_FILTERS)).toBeUndefined();
    const page: PageFilters = {
      ...NO_PAGE_FILTERS, range: { kind: 'custom', from: '2026-01-01', to: null }, teamId: 'east', rankBy: 'team',
      conditions: [{ collection: 'contacts', condition: { field: 'cf_vip', op: 'eq', value: true } }],
    };
    expect(readPageFilters({ [PAGE_FILTERS_KEY]: storedPageFilters(page) })).toEqual(page);
    expect(readPageFilters({})).toEqual(NO_PAGE_FILTERS);
  });

  it('reads each part defensively: what another version wrote wrong starts clear', () => {
    const read = readPageFilters({
      [PAGE_FILTERS_KEY]: {
        range: { kind: 'relative', relative: 'next_century' }, owner: 42, teamId: 'east', pipelineId: null, tag: 'vip', rankBy: 'galaxies',
        conditions: [{ collection: 'deals', condition: { field: 'cf_a', op: 'explodes' } }, { collection: 'companies', condition: { field: 'x', op: 'eq', value: 1 } }, { collection: 'deals', condition: { field: 'cf_b', op: 'notEmpty' } }],
      },
    });
    expect(read).toEqual({ ...NO_PAGE_FILTERS, teamId: 'east', tag: 'vip', conditions: [{ collection: 'deals', condition: { field: 'cf_b', op: 'notEmpty' } }] });
    expect(readPageFilters({ [PAGE_FILTERS_KEY]: 'garbage' })).toEqual(NO_PAGE_FILTERS);
  });

  it('keeps a builder’s condition only in a shape a widget accepts', () => {
    expect(widgetCondition({ field: 'cf_size', op: 'gte', value: 3 })).toEqual({ field: 'cf_size', op: 'gte', value: 3 });
    expect(widgetCondition({ field: 'cf_when', op: 'eq', value: { nested: true } })).toBeNull();
  });
});

describe('team goals', () => {
  it('the editor makes a team goal from a team choice', () => {
    const made = goalFromForm('g1', { scope: `${TEAM_SCOPE}east`, metric: 'won_count', currency: 'EUR', period: '2026-Q1', target: 4 });
    expect(made).toEqual({ ok: true, goal: { id: 'g1', scope: { kind: 'team', teamId: 'east' }, metric: 'won_count', period: '2026-Q1', target: 4 } });
  });

  it('an admin shares every goal; a manager only those of the teams they manage', () => {
    const team: Pick<Goal, 'scope'> = { scope: { kind: 'team', teamId: 'east' } };
    expect(sharesGoal({ scope: { kind: 'company' } }, { admin: true, managedTeamIds: [] })).toBe(true);
    expect(sharesGoal(team, { admin: false, managedTeamIds: ['east'] })).toBe(true);
    expect(sharesGoal({ scope: { kind: 'team', teamId: 'west' } }, { admin: false, managedTeamIds: ['east'] })).toBe(false);
    expect(sharesGoal({ scope: { kind: 'company' } }, { admin: false, managedTeamIds: ['east'] })).toBe(false);
    expect(sharesGoal({ scope: { kind: 'rep', userId: ANN } }, { admin: false, managedTeamIds: ['east'] })).toBe(false);
  });

  it('filtered by a team, the goals shown are the team’s, its members’ and the company’s', () => {
    const goal = (id: string, scope: Goal['scope']): Goal => ({ id, scope, metric: 'won_count', period: '2026-Q1', target: 1 });
    const goals = [goal('c', { kind: 'company' }), goal('e', { kind: 'team', teamId: 'east' }), goal('w', { kind: 'team', teamId: 'west' }), goal('a', { kind: 'rep', userId: ANN }), goal('k', { kind: 'rep', userId: CAT })];
    expect(goalsOfTeam(goals, EAST).map((g) => g.id)).toEqual(['c', 'e', 'a']);
    expect(goalsOfTeam(goals, undefined)).toHaveLength(5);
  });

  it('a team goal counts its members’ wins and is named for the team, in English and French', () => {
    const deals = [deal({ stageId: 'won', ownerId: ANN, closedAt: '2026-03-02' }), deal({ stageId: 'won', ownerId: CAT, closedAt: '2026-03-02' })];
    const progress = goalProgress({ deals }, context(), { goals: [{ id: 'g', scope: { kind: 'team', teamId: 'east' }, metric: 'won_count', period: '2026-Q1', target: 4 }] });
    expect(progress[0].actual).toBe(1);
    const env = { type: 'bar' as const, currency: 'EUR', memberName: () => null, teamName: (id: string) => (id === 'east' ? 'East' : null) };
    expect(goalsView(progress, { ...env, text: viewText('en') }).goals?.[0].label).toBe('Team East: deals won');
    expect(goalsView(progress, { ...env, text: viewText('fr') }).goals?.[0].label).toMatch(/^Équipe East/);
    expect(goalsView(progress, { ...env, teamName: () => null, text: viewText('en') }).goals?.[0].label).toBe('A removed team: deals won');
  });

  it('the reports get the teams without their managers, and figures are recomputed when teams change', () => {
    expect(reportTeams([EAST, WEST])).toEqual([{ id: 'east', name: 'East', memberIds: [ANN, BOB] }, { id: 'west', name: 'West', memberIds: [CAT] }]);
    const parts = { now: 1, pipelines: [], members: MEMBERS, currency: 'EUR', goals: [], stalledDays: 14 };
    expect(contextKey({ ...parts, teams: reportTeams([EAST]) })).not.toBe(contextKey({ ...parts, teams: reportTeams([{ ...EAST, memberIds: [ANN] }]) }));
  });
});

describe('the teams editor in settings', () => {
  const people: Member[] = [
    ...MEMBERS,
    { userId: 'ownerown', name: 'Olga Owner', email: 'o@example.com', role: 'owner' },
    { userId: 'viewview', name: 'Vic Viewer', email: 'v@example.com', role: 'viewer' },
  ];

  it('offers managers, admins and owners as a team’s manager', () => {
    expect(managerCandidates(people).map((m) => m.name)).toEqual(['Cat Carter', 'Olga Owner']);
  });

  it('offers to add only members not in the team yet', () => {
    expect(addableMembers(EAST, people).map((m) => m.name)).toEqual(['Cat Carter', 'Olga Owner', 'Vic Viewer']);
  });

  it('tells a name is taken whatever its case, accents and spaces, except by the team itself', () => {
    expect(teamNameTaken([EAST, WEST], '  éast ')).toBe(true);
    expect(teamNameTaken([EAST, WEST], 'East', 'east')).toBe(false);
    expect(teamNameTaken([EAST, WEST], 'North')).toBe(false);
  });

  it('edits a team as a whole new value', () => {
    expect(withMember(EAST, CAT).memberIds).toEqual([ANN, BOB, CAT]);
    expect(withMember(EAST, ANN)).toBe(EAST);
    expect(withoutMember(EAST, ANN).memberIds).toEqual([BOB]);
    expect(withManager(EAST, null).managerId).toBeNull();
    expect(EAST.memberIds).toEqual([ANN, BOB]);
  });
});
