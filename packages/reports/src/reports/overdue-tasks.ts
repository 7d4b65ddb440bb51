// Overdue tasks per rep: open (not done) tasks due on a local day before today, as the
// agenda's "overdue" bucket reads them (a task due at 9:00 today is due today, not overdue).
// `types` widens it to other planned activities (meetings, calls with a due time). Date
// range: the due time, in local days. Listed per owner with the oldest due time and how many
// whole local days ago that was.
import type { ActivityType } from '@carnet/schema';
import { parseDateTime } from '../calendar.ts';
import type { ReportContext, ReportData } from '../context.ts';
import { activityMatcher, compileRange, inInstants, type ReportFilters } from '../filters.ts';
import { byValueThenName, memberNames } from '../members.ts';
import { PipelineIndex } from '../pipelines.ts';

export interface OverdueTasksOptions {
  filters?: ReportFilters;
  /** Activity types counted; tasks only by default. */
  types?: readonly ActivityType[];
}

export interface RepOverdue {
  ownerId: string | null;
  name: string | null;
  count: number;
  /** ISO instant of the oldest overdue due time. */
  oldestDueAt: string;
  /** Local days between the oldest due day and today. */
  oldestDays: number;
  activityIds: string[];
}

export interface OverdueTasks {
  reps: RepOverdue[];
  total: number;
}

export function overdueTasks(data: ReportData, ctx: ReportContext, options: OverdueTasksOptions = {}): OverdueTasks {
  const index = new PipelineIndex(ctx.pipelines);
  const keep = activityMatcher(options.filters, ctx, index, data);
  const range = compileRange(options.filters?.range, ctx.zone);
  const types = new Set<string>(options.types ?? ['task']);
  const today = ctx.zone.dayOf(ctx.now);
  const startOfToday = ctx.zone.startOfDay(today);
  const reps = new Map<string | null, { count: number; oldest: number; ids: string[] }>();
  let total = 0;

  for (const activity of data.activities ?? []) {
    if (activity.done === true || !types.has(activity.type)) continue;
    const due = parseDateTime(activity.dueAt);
    if (!(due < startOfToday) || !inInstants(range, due) || !keep(activity)) continue;
    const ownerId = typeof activity.ownerId === 'string' ? activity.ownerId : null;
    let rep = reps.get(ownerId);
    if (!rep) reps.set(ownerId, (rep = { count: 0, oldest: Infinity, ids: [] }));
    rep.count++;
    rep.ids.push(activity.id);
    if (due < rep.oldest) rep.oldest = due;
    total++;
  }
  const names = memberNames(ctx);
  return {
    reps: [...reps].map(([ownerId, r]) => ({
      ownerId, name: ownerId === null ? null : names.get(ownerId) ?? null, count: r.count,
      oldestDueAt: new Date(r.oldest).toISOString(), oldestDays: today - ctx.zone.dayOf(r.oldest), activityIds: r.ids,
    })).sort(byValueThenName((r) => r.count)),
    total,
  };
}
