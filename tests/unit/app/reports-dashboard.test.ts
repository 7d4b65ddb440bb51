// The dashboard as the app keeps it: read from the private doc (or the role's default),
// changed by small validated steps, laid out on the grid, with the filter bar laid over each
// widget; and sales goals kept one key each.
import { describe, expect, it } from 'vitest';
import { defaultManagerDashboard, defaultRepDashboard, type Widget } from '@carnet/reports';
import {
  DASHBOARD_KEY, chartsFor, moveBy, newWidget, readDashboard, resizeBy, steppedSize, withChart,
} from '../../../src/lib/reports/dashboard-storage.ts';
import { checkGoal, currentPeriod, goalFromForm, goalKey, periodChoices, readGoals } from '../../../src/lib/reports/goals-storage.ts';
import { gridArea, placements } from '../../../src/lib/reports/grid-placement.ts';
import { NO_PAGE_FILTERS, applyPageFilters, isFiltering, rangeText } from '../../../src/lib/reports/page-filters.ts';
import { viewText } from './reports-text.ts';

const ME = 'me000001';

describe('reading the dashboard', () => {
  it('gives a rep their own dashboard and a manager the team’s until they save one', () => {
    expect(readDashboard({}, ME, 'rep')).toMatchObject({ saved: false, unreadable: false, dashboard: { id: 'rep_default' } });
    expect(readDashboard({}, ME, 'manager').dashboard.id).toBe('manager_default');
    expect(readDashboard({}, ME, 'owner').dashboard.id).toBe('manager_default');
    expect(readDashboard({}, ME, 'viewer').dashboard.id).toBe('rep_default');
  });

  it('reads a saved dashboard, and falls back to the default when it cannot be read', () => {
    const saved = { ...defaultRepDashboard(ME), id: 'mine', widgets: defaultRepDashboard(ME).widgets.slice(0, 2) };
    expect(readDashboard({ [DASHBOARD_KEY]: saved }, ME, 'rep')).toMatchObject({ saved: true, dashboard: { id: 'mine' } });
    const broken = readDashboard({ [DASHBOARD_KEY]: { version: 99 } }, ME, 'rep');
    expect(broken).toMatchObject({ saved: false, unreadable: true, dashboard: { id: 'rep_default' } });
  });
});

describe('changing the dashboard', () => {
  const dashboard = defaultManagerDashboard(ME);

  it('moves a widget one place either way, and not past either end', () => {
    const later = moveBy(dashboard, 'w1', 1);
    expect(later?.ok && later.dashboard.widgets.slice(0, 2).map((w) => w.id)).toEqual(['w2', 'w1']);
    expect(moveBy(dashboard, 'w1', -1)).toBeNull();
    expect(moveBy(dashboard, dashboard.widgets.at(-1)!.id, 1)).toBeNull();
    expect(moveBy(dashboard, 'nope', 1)).toBeNull();
  });

  it('resizes through the grid’s fractions, within each chart kind’s limits', () => {
    const number = dashboard.widgets[0]; // a single number, 3 × 1
    expect(steppedSize(number, 'wider')).toEqual({ w: 4, h: 1 });
    expect(steppedSize(number, 'narrower')).toEqual({ w: 2, h: 1 });
    expect(steppedSize(number, 'shorter')).toBeNull();
    const heatmap = dashboard.widgets.find((w) => w.type === 'heatmap')!; // 12 × 3, at least 6 × 3
    expect(steppedSize(heatmap, 'wider')).toBeNull();
    expect(steppedSize(heatmap, 'narrower')).toEqual({ w: 9, h: 3 });
    expect(steppedSize({ ...heatmap, size: { w: 6, h: 8 } }, 'narrower')).toBeNull();
    expect(steppedSize({ ...heatmap, size: { w: 6, h: 8 } }, 'taller')).toBeNull();
    const grown = resizeBy(dashboard, 'w1', 'taller');
    expect(grown?.ok && grown.dashboard.widgets[0].size).toEqual({ w: 3, h: 2 });
  });

  it('gives a rep’s new widgets their own figures, as their defaults have', () => {
    const rep = defaultRepDashboard(ME);
    const widget = newWidget(rep, 'leaderboard', 'table', ME, 'rep');
    expect(widget).toMatchObject({ id: 'w10', filters: { ownerIds: [ME] }, size: { w: 6, h: 3 } });
    expect(newWidget(dashboard, 'leaderboard', 'table', ME, 'manager').filters).toEqual({});
  });

  it('grows a widget to the smallest size of the chart kind it switches to', () => {
    const number = dashboard.widgets[0];
    expect(withChart(number, 'donut')).toEqual({ type: 'donut', size: { w: 3, h: 2 } });
    expect(chartsFor('activity_heatmap')).toEqual(['heatmap']);
  });

  it('lays widgets out on the grid in order, never overlapping', () => {
    const placed = placements(dashboard);
    expect(placed.get('w1')).toEqual({ id: 'w1', x: 0, y: 0, w: 3, h: 1 });
    expect(placed.get('w4')).toEqual({ id: 'w4', x: 9, y: 0, w: 3, h: 1 });
    expect(placed.get('w5')).toEqual({ id: 'w5', x: 0, y: 1, w: 6, h: 3 });
    expect(gridArea(placed.get('w5')!)).toBe('--col: 1 / span 6; --row: 2 / span 3; --h: 3;');
  });
});

describe('the filter bar over each widget', () => {
  const widget: Widget = {
    id: 'w1', type: 'funnel', report: 'pipeline_funnel', size: { w: 6, h: 4 }, options: {},
    filters: { ownerIds: [ME], range: { relative: 'last_12_months' } },
  };

  it('leaves each widget’s own filters alone until one is set', () => {
    expect(isFiltering(NO_PAGE_FILTERS)).toBe(false);
    expect(applyPageFilters(widget, NO_PAGE_FILTERS)).toEqual(widget);
  });

  it('replaces the period, owners, pipeline and tag the bar sets', () => {
    const applied = applyPageFilters(widget, { ...NO_PAGE_FILTERS, range: { kind: 'relative', relative: 'this_month' }, owner: 'other001', pipelineId: 'renewals', tag: 'vip' });
    expect(applied.filters).toEqual({ ownerIds: ['other001'], range: { relative: 'this_month' }, pipelineIds: ['renewals'], tags: ['vip'] });
    expect(applied.options).toEqual({ pipelineId: 'renewals' });
    expect(applyPageFilters(widget, { ...NO_PAGE_FILTERS, owner: 'all' }).filters).toEqual({ range: { relative: 'last_12_months' } });
  });

  it('reads custom dates given backwards the right way round and drops malformed ones', () => {
    expect(applyPageFilters(widget, { ...NO_PAGE_FILTERS, range: { kind: 'custom', from: '2026-03-31', to: '2026-03-01' } }).filters.range)
      .toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(applyPageFilters(widget, { ...NO_PAGE_FILTERS, range: { kind: 'custom', from: '31/03/2026', to: null } }).filters.range)
      .toEqual({ from: null, to: null });
  });

  it('says which period a widget reads', () => {
    const text = viewText();
    expect(rangeText(text, { relative: 'this_quarter' })).toBe('This quarter');
    expect(rangeText(text, { from: '2026-03-01', to: '2026-03-31' })).toBe('Mar 1, 2026 – Mar 31, 2026');
    expect(rangeText(text, { from: '2026-03-01' })).toBe('Since Mar 1, 2026');
    expect(rangeText(text, undefined)).toBe('All time');
  });
});

describe('sales goals', () => {
  it('builds a goal from the editor, a currency only for an amount', () => {
    const amount = goalFromForm('g1', { scope: ME, metric: 'won_amount', currency: 'EUR', period: '2026-Q2', target: 50000 });
    expect(amount).toEqual({ ok: true, goal: { id: 'g1', scope: { kind: 'rep', userId: ME }, metric: 'won_amount', currency: 'EUR', period: '2026-Q2', target: 50000 } });
    const count = goalFromForm('g2', { scope: 'company', metric: 'won_count', currency: 'EUR', period: '2026-04', target: 12 });
    expect(count.ok && count.goal).toEqual({ id: 'g2', scope: { kind: 'company' }, metric: 'won_count', period: '2026-04', target: 12 });
    expect(goalFromForm('g3', { scope: 'company', metric: 'won_count', currency: 'EUR', period: '2026-04', target: 0 }).ok).toBe(false);
  });

  it('reads one goal per key, leaving out what does not validate or sits under another id', () => {
    const good = checkGoal({ id: 'g1', scope: { kind: 'company' }, metric: 'won_count', period: '2026-04', target: 3 });
    expect(good.ok).toBe(true);
    const data = {
      [goalKey('g1')]: { id: 'g1', scope: { kind: 'company' }, metric: 'won_count', period: '2026-04', target: 3 },
      [goalKey('g0')]: { id: 'g0', scope: { kind: 'company' }, metric: 'won_count', period: '2026-01', target: 1 },
      [goalKey('bad')]: { id: 'bad', scope: { kind: 'company' }, metric: 'won_count', period: 'April', target: 3 },
      [goalKey('moved')]: { id: 'other', scope: { kind: 'company' }, metric: 'won_count', period: '2026-04', target: 3 },
      'view.x': {},
    };
    expect(readGoals(data).map((g) => g.id)).toEqual(['g0', 'g1']);
  });

  it('offers periods from a little before today to a year on, across year ends', () => {
    expect(periodChoices('month', '2026-01-15').slice(0, 3)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(periodChoices('month', '2026-01-15')).toHaveLength(15);
    expect(periodChoices('quarter', '2026-01-15')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(currentPeriod('month', '2026-01-15')).toBe('2026-01');
    expect(currentPeriod('quarter', '2026-08-01')).toBe('2026-Q3');
  });
});
