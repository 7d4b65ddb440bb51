// Activities per rep and type: how many notes, tasks, calls, meetings and emails each owner
// got done. Only activities that happened count, at the time they happened (activity-time.ts:
// planned tasks and meetings not done yet are left out). Date range: that time, in local days.
// Every member the owner and team filters let through is listed, with zeros when idle; owners
// who are no longer members and unassigned activities (ownerId null) follow when they have any.
import type { ActivityType } from '@carnet/schema';
import { occurredAt } from '../activity-time.ts';
import type { ReportContext, ReportData } from '../context.ts';
import { activityMatcher, allowedOwners, compileRange, inInstants, type ReportFilters } from '../filters.ts';
import { byValueThenName, listedMembers, memberNames } from '../members.ts';
import { PipelineIndex } from '../pipelines.ts';

export interface ActivitiesByRepOptions {
  filters?: ReportFilters;
}

export type ActivityCounts = Record<ActivityType, number>;

export interface RepActivities {
  ownerId: string | null;
  name: string | null;
  byType: ActivityCounts;
  total: number;
}

export interface ActivitiesByRep {
  reps: RepActivities[];
  byType: ActivityCounts;
  total: number;
}

export const emptyCounts = (): ActivityCounts => ({ note: 0, task: 0, call: 0, meeting: 0, email: 0 });

export function activitiesByRep(data: ReportData, ctx: ReportContext, options: ActivitiesByRepOptions = {}): ActivitiesByRep {
  const index = new PipelineIndex(ctx.pipelines);
  const keep = activityMatcher(options.filters, ctx, index, data);
  const range = compileRange(options.filters?.range, ctx.zone);
  const names = memberNames(ctx);
  const reps = new Map<string | null, RepActivities>();
  for (const id of listedMembers(ctx, allowedOwners(options.filters, ctx))) {
    reps.set(id, { ownerId: id, name: names.get(id) ?? null, byType: emptyCounts(), total: 0 });
  }
  const totals = emptyCounts();
  let total = 0;

  for (const activity of data.activities ?? []) {
    const type = activity.type;
    if (!(type in totals) || !keep(activity)) continue;
    const at = occurredAt(activity);
    if (at !== at || !inInstants(range, at)) continue;
    const ownerId = typeof activity.ownerId === 'string' ? activity.ownerId : null;
    let rep = reps.get(ownerId);
    if (!rep) reps.set(ownerId, (rep = { ownerId, name: ownerId === null ? null : names.get(ownerId) ?? null, byType: emptyCounts(), total: 0 }));
    rep.byType[type]++;
    rep.total++;
    totals[type]++;
    total++;
  }
  return { reps: [...reps.values()].sort(byValueThenName((r) => r.total)), byType: totals, total };
}
