// The dashboards a user starts with. A rep sees their own numbers (every widget filtered to
// them): what to chase today and how their quarter goes. A manager sees the team (optionally
// some teams): outcomes, forecast, pipeline health, who does what. Both are ordinary
// dashboards the user can then change.
import { DASHBOARD_VERSION, type Dashboard, type Widget, type WidgetFilters } from './model.ts';

type Spec = Omit<Widget, 'id' | 'filters' | 'options'> & { filters?: WidgetFilters; options?: Widget['options'] };

function build(id: string, name: string, ownerId: string | null, base: WidgetFilters, specs: Spec[]): Dashboard {
  return {
    version: DASHBOARD_VERSION,
    id,
    name,
    ownerId,
    shared: false,
    widgets: specs.map((spec, i) => ({ ...spec, id: `w${i + 1}`, filters: { ...base, ...spec.filters }, options: spec.options ?? {} })),
  };
}

export function defaultRepDashboard(userId: string, name = 'My dashboard'): Dashboard {
  return build('rep_default', name, userId, { ownerIds: [userId] }, [
    { type: 'number', report: 'win_rate', title: 'Win rate this quarter', size: { w: 3, h: 1 }, filters: { range: { relative: 'this_quarter' } } },
    { type: 'number', report: 'overdue_tasks', title: 'Overdue tasks', size: { w: 3, h: 1 } },
    { type: 'number', report: 'stalled_deals', title: 'Stalled deals', size: { w: 3, h: 1 } },
    { type: 'number', report: 'average_deal_size', title: 'Average deal won this quarter', size: { w: 3, h: 1 }, filters: { range: { relative: 'this_quarter' } } },
    { type: 'bar', report: 'goal_progress', title: 'My goals', size: { w: 6, h: 3 } },
    { type: 'bar', report: 'revenue_forecast', title: 'Forecast, next 6 months', size: { w: 6, h: 3 }, filters: { range: { relative: 'next_6_months' } } },
    { type: 'funnel', report: 'pipeline_funnel', title: 'My pipeline, last 12 months', size: { w: 6, h: 4 }, filters: { range: { relative: 'last_12_months' } } },
    { type: 'table', report: 'stalled_deals', title: 'Deals to revive', size: { w: 6, h: 4 } },
    { type: 'heatmap', report: 'activity_heatmap', title: 'When I work, last 90 days', size: { w: 12, h: 3 }, filters: { range: { relative: 'last_90_days' } } },
  ]);
}

export function defaultManagerDashboard(userId: string, teamIds?: readonly string[], name = 'Team dashboard'): Dashboard {
  return build('manager_default', name, userId, teamIds?.length ? { teamIds: [...teamIds] } : {}, [
    { type: 'number', report: 'win_rate', title: 'Win rate this quarter', size: { w: 3, h: 1 }, filters: { range: { relative: 'this_quarter' } } },
    { type: 'number', report: 'average_deal_size', title: 'Average deal won this quarter', size: { w: 3, h: 1 }, filters: { range: { relative: 'this_quarter' } } },
    { type: 'number', report: 'sales_cycle', title: 'Sales cycle, last 12 months', size: { w: 3, h: 1 }, filters: { range: { relative: 'last_12_months' } } },
    { type: 'number', report: 'stalled_deals', title: 'Stalled deals', size: { w: 3, h: 1 } },
    { type: 'bar', report: 'revenue_forecast', title: 'Forecast, next 6 months', size: { w: 6, h: 3 }, filters: { range: { relative: 'next_6_months' } } },
    { type: 'line', report: 'won_lost_by_month', title: 'Won and lost, last 12 months', size: { w: 6, h: 3 }, filters: { range: { relative: 'last_12_months' } } },
    { type: 'funnel', report: 'pipeline_funnel', title: 'Pipeline, last 12 months', size: { w: 6, h: 4 }, filters: { range: { relative: 'last_12_months' } } },
    { type: 'table', report: 'leaderboard', title: 'Leaderboard this quarter', size: { w: 6, h: 4 }, filters: { range: { relative: 'this_quarter' } }, options: { metric: 'won_amount' } },
    { type: 'bar', report: 'goal_progress', title: 'Goals', size: { w: 6, h: 3 } },
    { type: 'bar', report: 'activities_by_rep', title: 'Activities, last 30 days', size: { w: 6, h: 3 }, filters: { range: { relative: 'last_30_days' } } },
    { type: 'table', report: 'overdue_tasks', title: 'Overdue tasks per rep', size: { w: 4, h: 3 } },
    { type: 'donut', report: 'leads_by_source', title: 'New contacts by source, last 90 days', size: { w: 4, h: 3 }, filters: { range: { relative: 'last_90_days' } } },
    { type: 'table', report: 'stalled_deals', title: 'Stalled deals', size: { w: 4, h: 3 } },
    { type: 'heatmap', report: 'activity_heatmap', title: 'Team activity, last 90 days', size: { w: 12, h: 3 }, filters: { range: { relative: 'last_90_days' } } },
  ]);
}
