// Leaderboard: reps (or teams) ranked by amount won, deals won or activities done. Date
// range: `closedAt` for won deals, the time an activity happened for activities. Ties share a
// rank and the next rank skips (1, 1, 3). Amounts count only deals in the chosen currency
// (after conversion when the context has rates); the rest are left out, never added. Reps
// are the members the owner and team filters let through, with zero when they won nothing;
// teams are the context's teams (those in the team filter when it is given), a member of two
// teams counting for both.
import { occurredAt } from '../activity-time.ts';
import type { ReportContext, ReportData } from '../context.ts';
import { activityMatcher, allowedOwners, compileRange, inInstants, type ReportFilters } from '../filters.ts';
import { listedMembers, memberNames } from '../members.ts';
import { roundCents } from '../money.ts';
import { PipelineIndex } from '../pipelines.ts';
import { sumWon, wonByOwnerAndMonth } from './won-by-owner.ts';

export const LEADERBOARD_METRICS = ['won_amount', 'won_count', 'activities'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];

export interface LeaderboardOptions {
  filters?: ReportFilters;
  metric?: LeaderboardMetric;
  by?: 'rep' | 'team';
  /** For `won_amount`: the currency ranked (the context's rate base or default currency). */
  currency?: string;
}

export interface LeaderboardEntry {
  /** A user id, or a team id when ranking teams. */
  id: string;
  name: string | null;
  value: number;
  rank: number;
}

export interface Leaderboard {
  metric: LeaderboardMetric;
  by: 'rep' | 'team';
  currency: string | null;
  entries: LeaderboardEntry[];
}

export function leaderboard(data: ReportData, ctx: ReportContext, options: LeaderboardOptions = {}): Leaderboard {
  const metric = options.metric ?? 'won_amount';
  const by = options.by ?? 'rep';
  const currency = metric === 'won_amount' ? options.currency ?? ctx.rates?.base ?? ctx.defaultCurrency : null;
  const range = compileRange(options.filters?.range, ctx.zone);
  const perOwner = new Map<string, number>();

  if (metric === 'activities') {
    const keep = activityMatcher(options.filters, ctx, new PipelineIndex(ctx.pipelines), data);
    for (const activity of data.activities ?? []) {
      if (typeof activity.ownerId !== 'string' || !keep(activity)) continue;
      const at = occurredAt(activity);
      if (at !== at || !inInstants(range, at)) continue;
      perOwner.set(activity.ownerId, (perOwner.get(activity.ownerId) ?? 0) + 1);
    }
  } else {
    const won = wonByOwnerAndMonth(data, ctx, options.filters, range.fromDay, range.endDay);
    for (const ownerId of won.keys()) {
      if (ownerId === null) continue;
      const sum = sumWon(won, new Set([ownerId]), -Infinity, Infinity);
      perOwner.set(ownerId, currency === null ? sum.count : sum.amount.get(currency));
    }
  }

  const names = memberNames(ctx);
  let entries: Omit<LeaderboardEntry, 'rank'>[];
  if (by === 'rep') {
    entries = listedMembers(ctx, allowedOwners(options.filters, ctx)).map((id) => ({ id, name: names.get(id) ?? null, value: perOwner.get(id) ?? 0 }));
  } else {
    const wanted = options.filters?.teamIds ? new Set(options.filters.teamIds) : null;
    entries = (ctx.teams ?? []).filter((t) => !wanted || wanted.has(t.id)).map((team) => {
      let value = 0;
      for (const id of new Set(team.memberIds)) value += perOwner.get(id) ?? 0;
      return { id: team.id, name: team.name, value };
    });
  }
  entries = entries.map((e) => ({ ...e, value: currency === null ? e.value : roundCents(e.value) }));
  entries.sort((a, b) => b.value - a.value || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || (a.id < b.id ? -1 : 1));
  const ranked = entries.map((e, i) => ({ ...e, rank: i > 0 && entries[i - 1].value === e.value ? 0 : i + 1 }));
  for (let i = 1; i < ranked.length; i++) if (ranked[i].rank === 0) ranked[i].rank = ranked[i - 1].rank;
  return { metric, by, currency, entries: ranked };
}
