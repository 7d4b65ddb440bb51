// Heat map of activity by weekday and hour, in the context's time zone: how many activities
// happened in each local hour of each weekday (activity-time.ts says when an activity
// happened). Weekdays run Monday (0) to Sunday (6). Date range: that time, in local days.
import { occurredAt } from '../activity-time.ts';
import type { ReportContext, ReportData } from '../context.ts';
import { activityMatcher, compileRange, inInstants, type ReportFilters } from '../filters.ts';
import { PipelineIndex } from '../pipelines.ts';
import { weekHourOf } from '../time-zone.ts';

export interface ActivityHeatmapOptions {
  filters?: ReportFilters;
}

export interface ActivityHeatmap {
  timeZone: string;
  /** `cells[weekday][hour]`, Monday first. */
  cells: number[][];
  /** The largest cell, for the colour scale. */
  max: number;
  total: number;
}

export function activityHeatmap(data: ReportData, ctx: ReportContext, options: ActivityHeatmapOptions = {}): ActivityHeatmap {
  const index = new PipelineIndex(ctx.pipelines);
  const keep = activityMatcher(options.filters, ctx, index, data);
  const range = compileRange(options.filters?.range, ctx.zone);
  const counts = new Int32Array(7 * 24);
  let total = 0;
  for (const activity of data.activities ?? []) {
    if (!keep(activity)) continue;
    const at = occurredAt(activity);
    if (at !== at || !inInstants(range, at)) continue;
    counts[weekHourOf(ctx.zone, at)]++;
    total++;
  }
  let max = 0;
  const cells: number[][] = [];
  for (let day = 0; day < 7; day++) {
    const row = Array.from(counts.subarray(day * 24, day * 24 + 24));
    for (const c of row) if (c > max) max = c;
    cells.push(row);
  }
  return { timeZone: ctx.zone.id, cells, max, total };
}
