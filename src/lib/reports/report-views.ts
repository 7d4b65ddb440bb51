// A report's result as the widget shows it: one view builder per report id. The registry
// type ties each builder to its report's result, so a new report without a view fails the
// type check.
import type { ReportId, ReportResultById } from '@carnet/reports';
import type { WidgetView } from './view-model.ts';
import { dealSizeView, forecastView, funnelView, salesCycleView, stalledView, winRateView, wonLostView, type ViewEnv } from './views-deals.ts';
import { activitiesView, goalsView, heatmapView, leaderboardView, leadsView, overdueView } from './views-people.ts';

const VIEWS: { [K in ReportId]: (result: ReportResultById[K], env: ViewEnv) => WidgetView } = {
  pipeline_funnel: funnelView,
  won_lost_by_month: wonLostView,
  win_rate: winRateView,
  average_deal_size: dealSizeView,
  sales_cycle: salesCycleView,
  revenue_forecast: forecastView,
  activities_by_rep: activitiesView,
  overdue_tasks: overdueView,
  leads_by_source: leadsView,
  stalled_deals: stalledView,
  activity_heatmap: heatmapView,
  goal_progress: goalsView,
  leaderboard: leaderboardView,
};

export function viewOf<K extends ReportId>(report: K, result: ReportResultById[K], env: ViewEnv): WidgetView {
  return (VIEWS[report] as (result: ReportResultById[K], env: ViewEnv) => WidgetView)(result, env);
}

export type { ViewEnv };
