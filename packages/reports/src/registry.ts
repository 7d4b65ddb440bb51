// Every report by id: how to run it, which rows it reads, which filters it does not apply
// (so the interface can say so instead of silently ignoring them) and which chart kinds can
// draw it. A dashboard widget names a report by id and the app runs it through runReport.
import type { Collection } from '@carnet/schema';
import type { ReportContext, ReportData } from './context.ts';
import { REPORT_ERRORS, ReportError } from './errors.ts';
import type { FilterKey, ReportFilters } from './filters.ts';
import { goalProgress, type GoalProgress, type GoalProgressOptions } from './goals/goals.ts';
import { leaderboard, type Leaderboard, type LeaderboardOptions } from './goals/leaderboard.ts';
import { activitiesByRep, type ActivitiesByRep, type ActivitiesByRepOptions } from './reports/activities-by-rep.ts';
import { activityHeatmap, type ActivityHeatmap, type ActivityHeatmapOptions } from './reports/activity-heatmap.ts';
import { averageDealSize, type AverageDealSize, type AverageDealSizeOptions } from './reports/average-deal-size.ts';
import { leadsBySource, type LeadsBySource, type LeadsBySourceOptions } from './reports/leads-by-source.ts';
import { overdueTasks, type OverdueTasks, type OverdueTasksOptions } from './reports/overdue-tasks.ts';
import { pipelineFunnel, type PipelineFunnel, type PipelineFunnelOptions } from './reports/pipeline-funnel.ts';
import { revenueForecast, type RevenueForecast, type RevenueForecastOptions } from './reports/revenue-forecast.ts';
import { salesCycle, type SalesCycle, type SalesCycleOptions } from './reports/sales-cycle.ts';
import { stalledDeals, type StalledDeals, type StalledDealsOptions } from './reports/stalled-deals.ts';
import { winRate, type WinRate, type WinRateOptions } from './reports/win-rate.ts';
import { wonLostByMonth, type WonLostByMonth, type WonLostOptions } from './reports/won-lost-by-month.ts';
import type { WidgetType } from './widget-types.ts';

export interface ReportOptionsById {
  pipeline_funnel: PipelineFunnelOptions;
  won_lost_by_month: WonLostOptions;
  win_rate: WinRateOptions;
  average_deal_size: AverageDealSizeOptions;
  sales_cycle: SalesCycleOptions;
  revenue_forecast: RevenueForecastOptions;
  activities_by_rep: ActivitiesByRepOptions;
  overdue_tasks: OverdueTasksOptions;
  leads_by_source: LeadsBySourceOptions;
  stalled_deals: StalledDealsOptions;
  activity_heatmap: ActivityHeatmapOptions;
  goal_progress: GoalProgressOptions;
  leaderboard: LeaderboardOptions;
}

export interface ReportResultById {
  pipeline_funnel: PipelineFunnel;
  won_lost_by_month: WonLostByMonth;
  win_rate: WinRate;
  average_deal_size: AverageDealSize;
  sales_cycle: SalesCycle;
  revenue_forecast: RevenueForecast;
  activities_by_rep: ActivitiesByRep;
  overdue_tasks: OverdueTasks;
  leads_by_source: LeadsBySource;
  stalled_deals: StalledDeals;
  activity_heatmap: ActivityHeatmap;
  goal_progress: GoalProgress[];
  leaderboard: Leaderboard;
}

export type ReportId = keyof ReportOptionsById;

export interface ReportDefinition<K extends ReportId> {
  run: (data: ReportData, ctx: ReportContext, options: ReportOptionsById[K]) => ReportResultById[K];
  /** The rows the report counts (filters' conditions apply to these). */
  reads: Collection;
  /** Filters this report does not apply. */
  ignores: readonly FilterKey[];
  /** Chart kinds that can draw it, the preferred first. */
  charts: readonly WidgetType[];
}

export const REPORTS: { readonly [K in ReportId]: ReportDefinition<K> } = {
  pipeline_funnel: { run: pipelineFunnel, reads: 'deals', ignores: [], charts: ['funnel', 'bar', 'table'] },
  won_lost_by_month: { run: wonLostByMonth, reads: 'deals', ignores: [], charts: ['bar', 'line', 'table'] },
  win_rate: { run: winRate, reads: 'deals', ignores: [], charts: ['number', 'donut', 'bar', 'table'] },
  average_deal_size: { run: averageDealSize, reads: 'deals', ignores: [], charts: ['number', 'bar', 'table'] },
  sales_cycle: { run: salesCycle, reads: 'deals', ignores: [], charts: ['number', 'bar', 'table'] },
  revenue_forecast: { run: revenueForecast, reads: 'deals', ignores: [], charts: ['bar', 'line', 'table'] },
  activities_by_rep: { run: activitiesByRep, reads: 'activities', ignores: [], charts: ['bar', 'table', 'donut'] },
  overdue_tasks: { run: overdueTasks, reads: 'activities', ignores: [], charts: ['bar', 'table', 'number'] },
  leads_by_source: { run: leadsBySource, reads: 'contacts', ignores: ['pipelineIds'], charts: ['bar', 'donut', 'table'] },
  stalled_deals: { run: stalledDeals, reads: 'deals', ignores: ['range'], charts: ['table', 'number', 'bar'] },
  activity_heatmap: { run: activityHeatmap, reads: 'activities', ignores: [], charts: ['heatmap'] },
  goal_progress: { run: goalProgress, reads: 'deals', ignores: ['range'], charts: ['bar', 'table', 'number'] },
  leaderboard: { run: leaderboard, reads: 'deals', ignores: [], charts: ['table', 'bar'] },
};

export const REPORT_IDS = Object.keys(REPORTS) as ReportId[];

export function isReportId(value: unknown): value is ReportId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REPORTS, value);
}

export function runReport<K extends ReportId>(id: K, data: ReportData, ctx: ReportContext, options: ReportOptionsById[K]): ReportResultById[K] {
  const definition = REPORTS[id] as ReportDefinition<K> | undefined;
  if (!definition) throw new ReportError(REPORT_ERRORS.unknownReport, `Unknown report ${JSON.stringify(id)}`);
  return definition.run(data, ctx, options);
}

/** The filters given that the report does not apply, to show them greyed out. */
export function ignoredFilters(id: ReportId, filters: ReportFilters | undefined): FilterKey[] {
  if (!filters) return [];
  return REPORTS[id].ignores.filter((key) => filters[key] !== undefined && filters[key] !== null);
}
