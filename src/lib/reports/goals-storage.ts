// Sales goals as the user keeps them: one key per goal in their private doc (two devices
// adding different goals both keep theirs), each checked against the package's goal schema on
// read and on save; which goals are the workspace's instead (sharesGoal); the goals of a team.
// The periods offered run from a little before today to a year on.
import { GoalSchema, dateKey, firstDayOfMonth, type Goal, type GoalMetric } from '@carnet/reports';

export const GOAL_PREFIX = 'reports.goal.';
/** How the goal editor names a team among the people it offers. */
export const TEAM_SCOPE = 'team:';

export const goalKey = (id: string) => `${GOAL_PREFIX}${id}`;

type Checked = { ok: true; goal: Goal } | { ok: false; issues: string[] };

/** Validates a goal through the schema's Standard Schema interface (synchronous for valibot). */
export function checkGoal(input: unknown): Checked {
  const result = GoalSchema['~standard'].validate(input);
  if (result instanceof Promise) return { ok: false, issues: ['async'] };
  if (result.issues) return { ok: false, issues: result.issues.map((i) => i.message) };
  return { ok: true, goal: result.value };
}

/** Goals shared with the workspace (the workspace doc's envelopes), as `readGoals` takes them. */
export function sharedGoalEntries(items: readonly { id: string; setup: Record<string, unknown> }[]): Record<string, unknown> {
  return Object.fromEntries(items.map((item) => [goalKey(item.id), item.setup]));
}

/** The user's goals, by period then name; unreadable entries are left out. */
export function readGoals(data: Record<string, unknown>): Goal[] {
  const goals: Goal[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(GOAL_PREFIX)) continue;
    const checked = checkGoal(value);
    if (checked.ok && checked.goal.id === key.slice(GOAL_PREFIX.length)) goals.push(checked.goal);
  }
  return goals.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.id < b.id ? -1 : 1));
}

export type PeriodKind = 'month' | 'quarter';

/** Periods to choose from: two back, the current one, and on to a year ahead. */
export function periodChoices(kind: PeriodKind, today: string): string[] {
  const [y, m] = today.split('-').map(Number);
  const month = y * 12 + (m - 1);
  if (kind === 'month') {
    return Array.from({ length: 15 }, (_, i) => dateKey(firstDayOfMonth(month - 2 + i)).slice(0, 7));
  }
  const quarter = Math.floor(month / 3);
  return Array.from({ length: 6 }, (_, i) => {
    const q = quarter - 1 + i;
    return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
  });
}

/** The current period of a kind, for a local date `YYYY-MM-DD`. */
export function currentPeriod(kind: PeriodKind, today: string): string {
  return periodChoices(kind, today)[kind === 'month' ? 2 : 1];
}

export interface GoalForm {
  /** `company`, `team:<team id>` or a user id. */
  scope: 'company' | `team:${string}` | string;
  metric: GoalMetric;
  currency: string;
  period: string;
  target: number;
}

/** A goal from the editor's fields; the id is passed in (the store's id generator). */
export function goalFromForm(id: string, form: GoalForm): Checked {
  return checkGoal({
    id,
    scope: form.scope === 'company' ? { kind: 'company' }
      : form.scope.startsWith(TEAM_SCOPE) ? { kind: 'team', teamId: form.scope.slice(TEAM_SCOPE.length) }
        : { kind: 'rep', userId: form.scope },
    metric: form.metric,
    ...(form.metric === 'won_amount' ? { currency: form.currency } : {}),
    period: form.period,
    target: form.target,
  });
}

/**
 * Whether a goal is the workspace's to keep rather than the user's own: an owner's or admin's
 * goals all are, a manager's goals for the teams they manage are (the relay accepts those
 * from them and nothing else of the workspace doc).
 */
export function sharesGoal(goal: Pick<Goal, 'scope'>, who: { admin: boolean; managedTeamIds: readonly string[] }): boolean {
  return who.admin || (goal.scope.kind === 'team' && who.managedTeamIds.includes(goal.scope.teamId));
}

/**
 * The goals that speak of a team: its own, its members' and the company's (what the goals
 * panel shows while the reports are filtered by that team).
 */
export function goalsOfTeam(goals: readonly Goal[], team: { id: string; memberIds: readonly string[] } | undefined): Goal[] {
  if (!team) return [...goals];
  const members = new Set(team.memberIds);
  return goals.filter((g) => g.scope.kind === 'company' || (g.scope.kind === 'team' ? g.scope.teamId === team.id : members.has(g.scope.userId)));
}
