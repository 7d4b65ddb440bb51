// @carnet/reports: the sales reports of issue 5 as pure functions over rows, their filters,
// goals and leaderboard, and the dashboard model. No clock, no zone and no storage of its own:
// the caller passes rows, `now` and a TimeZone (see context.ts), so the app can redraw a
// report whenever rows change, online or not, and tests can pin every input.
export * from './errors.ts';
export * from './calendar.ts';
export * from './time-zone.ts';
export * from './money.ts';
export * from './context.ts';
export * from './pipelines.ts';
export * from './filters.ts';
export * from './activity-time.ts';
export * from './relative-range.ts';
export * from './reports/pipeline-funnel.ts';
export * from './reports/won-lost-by-month.ts';
export * from './reports/win-rate.ts';
export * from './reports/average-deal-size.ts';
export * from './reports/sales-cycle.ts';
export * from './reports/revenue-forecast.ts';
export * from './reports/activities-by-rep.ts';
export * from './reports/overdue-tasks.ts';
export * from './reports/leads-by-source.ts';
export * from './reports/stalled-deals.ts';
export * from './reports/activity-heatmap.ts';
export * from './goals/periods.ts';
export * from './goals/goals.ts';
export * from './goals/leaderboard.ts';
export * from './widget-types.ts';
export * from './registry.ts';
export * from './dashboards/model.ts';
export * from './dashboards/operations.ts';
export * from './dashboards/layout.ts';
export * from './dashboards/run-widget.ts';
export * from './dashboards/defaults.ts';
