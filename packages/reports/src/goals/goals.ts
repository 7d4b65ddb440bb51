// Sales goals and progress against them. A goal is a target for a rep, a team or the whole
// company, over a month or a quarter, on the amount won (in one currency) or the number of
// deals won. Progress counts won deals whose `closedAt` falls in the period and whose owner is
// in the goal's scope (a team's members, from the context's teams). Amounts in other
// currencies are not converted unless the context has rates; they are reported apart in
// `otherCurrencies` so a shortfall is never silent.
//
// Pace: `expected` is the target times the share of the period's local days elapsed,
// today included. Status: `upcoming` before the period, `achieved` once the target is met,
// `missed` after the period if not, and in between `on_track` when actual ≥ expected, else
// `behind`. The filters narrow the deals counted; their date range does not apply (each goal
// has its period).
import * as v from 'valibot';
import type { ReportContext, ReportData } from '../context.ts';
import { dateKey } from '../calendar.ts';
import type { ReportFilters } from '../filters.ts';
import type { MoneyAmount } from '../money.ts';
import { roundCents } from '../money.ts';
import { PERIOD_PATTERN, parsePeriod } from './periods.ts';
import { sumWon, wonByOwnerAndMonth } from './won-by-owner.ts';

export const GOAL_METRICS = ['won_amount', 'won_count'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

const id = v.pipe(v.string('type'), v.regex(/^[0-9a-z_-]{1,64}$/i, 'invalid_id'));

export const GoalScopeSchema = v.variant('kind', [
  v.object({ kind: v.literal('rep'), userId: id }),
  v.object({ kind: v.literal('team'), teamId: id }),
  v.object({ kind: v.literal('company') }),
]);
export type GoalScope = v.InferOutput<typeof GoalScopeSchema>;

export const GoalSchema = v.object({
  id,
  name: v.optional(v.pipe(v.string('type'), v.trim(), v.maxLength(120, 'too_long'))),
  scope: GoalScopeSchema,
  metric: v.picklist(GOAL_METRICS, 'unknown_option'),
  /** The currency of an amount goal; the context's default (or rate base) when absent. */
  currency: v.optional(v.pipe(v.string('type'), v.regex(/^[A-Z]{3}$/, 'invalid_currency'))),
  /** `YYYY-MM` or `YYYY-Qn`. */
  period: v.pipe(v.string('type'), v.regex(PERIOD_PATTERN, 'invalid_period')),
  target: v.pipe(v.number('type'), v.finite('type'), v.gtValue(0, 'out_of_range')),
});
export type Goal = v.InferOutput<typeof GoalSchema>;

export type GoalStatus = 'upcoming' | 'on_track' | 'behind' | 'achieved' | 'missed';

export interface GoalProgress {
  goalId: string;
  name: string | null;
  scope: GoalScope;
  metric: GoalMetric;
  /** The currency of an amount goal; null for a count goal. */
  currency: string | null;
  period: string;
  /** First and last local date of the period. */
  from: string;
  to: string;
  target: number;
  actual: number;
  /** actual / target. */
  progress: number;
  /** Share of the period elapsed, 0 to 1. */
  elapsed: number;
  expected: number;
  status: GoalStatus;
  /** Won amounts in the period and scope that an amount goal could not count. */
  otherCurrencies: MoneyAmount[];
}

export interface GoalProgressOptions {
  goals: readonly Goal[];
  filters?: ReportFilters;
}

export function goalProgress(data: ReportData, ctx: ReportContext, options: GoalProgressOptions): GoalProgress[] {
  // A widget run without goals (the app has not passed them) shows none rather than failing.
  const goals = options.goals ?? [];
  const periods = goals.map((goal) => parsePeriod(goal.period));
  if (periods.length === 0) return [];
  const fromDay = Math.min(...periods.map((p) => p.startDay));
  const endDay = Math.max(...periods.map((p) => p.endDay));
  const won = wonByOwnerAndMonth(data, ctx, options.filters, fromDay, endDay);
  const today = ctx.zone.dayOf(ctx.now);
  const teams = new Map((ctx.teams ?? []).map((t) => [t.id, new Set(t.memberIds)]));
  const fallbackCurrency = ctx.rates?.base ?? ctx.defaultCurrency;

  return goals.map((goal, i) => {
    const period = periods[i];
    const owners = goal.scope.kind === 'rep' ? new Set([goal.scope.userId])
      : goal.scope.kind === 'team' ? teams.get(goal.scope.teamId) ?? new Set<string>()
        : null;
    const sum = sumWon(won, owners, period.firstMonth, period.lastMonth);
    const currency = goal.metric === 'won_amount' ? goal.currency ?? fallbackCurrency : null;
    const actual = currency === null ? sum.count : roundCents(sum.amount.get(currency));
    const days = period.endDay - period.startDay;
    const elapsed = Math.min(1, Math.max(0, (today - period.startDay + 1) / days));
    const expected = goal.target * elapsed;
    const status: GoalStatus = today < period.startDay ? 'upcoming'
      : actual >= goal.target ? 'achieved'
        : today >= period.endDay ? 'missed'
          : actual >= expected ? 'on_track' : 'behind';
    return {
      goalId: goal.id,
      name: goal.name ?? null,
      scope: goal.scope,
      metric: goal.metric,
      currency,
      period: period.key,
      from: dateKey(period.startDay),
      to: dateKey(period.endDay - 1),
      target: goal.target,
      actual,
      progress: actual / goal.target,
      elapsed,
      expected: currency === null ? expected : roundCents(expected),
      status,
      otherCurrencies: currency === null ? [] : sum.amount.list(ctx.defaultCurrency).filter((m) => m.currency !== currency),
    };
  });
}
