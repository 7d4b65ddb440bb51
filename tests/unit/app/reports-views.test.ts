// The report widgets' views: a report's result turned into chart series, a table (the text
// alternative), a headline and notes, in English and French, from the package's own results
// over small hand-made datasets.
import { describe, expect, it } from 'vitest';
import { activitiesByRep, activityHeatmap, goalProgress, leaderboard, pipelineFunnel, revenueForecast, winRate, wonLostByMonth } from '@carnet/reports';
import { viewOf, type ViewEnv } from '../../../src/lib/reports/report-views.ts';
import { chartSummary, pointText } from '../../../src/lib/reports/view-model.ts';
import { formatPeriod, formatTick } from '../../../src/lib/reports/view-text.ts';
import { ANN, BOB, activity, context, deal } from '../reports/fixtures.ts';
import { plain, viewText } from './reports-text.ts';

const env = (overrides: Partial<ViewEnv> = {}): ViewEnv => ({
  text: viewText(),
  type: 'bar',
  currency: 'EUR',
  memberName: (id) => (id === ANN ? 'Ann Archer' : id === BOB ? 'Bob Baker' : null),
  ...overrides,
});

describe('funnel view', () => {
  const deals = [
    deal({ stageId: 'qualified', amount: 1000 }),
    deal({ stageId: 'proposal', amount: 3000 }),
    deal({ stageId: 'proposal', amount: 500, currency: 'USD' }),
    deal({ stageId: 'won', amount: 2000, closedAt: '2026-02-01' }),
    deal({ stageId: 'lost', amount: 700, closedAt: '2026-02-03' }),
  ];
  const result = pipelineFunnel({ deals }, context(), { pipelineId: 'sales' });

  it('names the steps in the interface language and says how many go on', () => {
    const view = viewOf('pipeline_funnel', result, env({ type: 'funnel' }));
    expect(view.funnel!.map((s) => [s.label, s.reached])).toEqual([
      ['Qualified', 5], ['Contact made', 3], ['Demo scheduled', 3], ['Proposal sent', 3], ['Negotiation', 1], ['Won', 1],
    ]);
    expect(view.funnel![0].conversionText).toBe('60% go on');
    expect(view.funnel!.at(-1)!.conversionText).toBeNull();
    const fr = viewOf('pipeline_funnel', result, env({ type: 'funnel', text: viewText('fr') }));
    expect(fr.funnel![0].label).toBe('Qualifiée');
    expect(plain(fr.funnel![0].conversionText!)).toBe('60 % continuent');
  });

  it('totals the open pipeline per currency, never adding currencies together', () => {
    const view = viewOf('pipeline_funnel', result, env({ type: 'funnel' }));
    expect(view.notes[0]).toBe('Open pipeline: €4,000 + $500');
    expect(view.notes[1]).toBe('Won 1 · lost 1 · won of all entered: 20%');
    expect(view.empty).toBe(false);
  });

  it('lists every stage in its table, the lost one included', () => {
    const view = viewOf('pipeline_funnel', result, env({ type: 'table' }));
    expect(view.table.columns.map((c) => c.label)).toEqual(['Stage', 'Deals', 'Amount', 'Go on to the next step']);
    expect(view.table.rows.map((r) => r.cells.slice(0, 3))).toContainEqual(['Proposal sent', '2', '€3,000 + $500']);
    expect(view.table.rows.at(-1)!.cells.slice(0, 2)).toEqual(['Lost', '1']);
  });

  it('is empty when no deal was counted', () => {
    expect(viewOf('pipeline_funnel', pipelineFunnel({ deals: [] }, context(), {}), env()).empty).toBe(true);
  });
});

describe('won and lost by month', () => {
  const deals = [
    deal({ stageId: 'won', closedAt: '2026-01-20', amount: 100 }),
    deal({ stageId: 'won', closedAt: '2026-03-02', amount: 300 }),
    deal({ stageId: 'lost', closedAt: '2026-03-05', amount: 50 }),
  ];

  it('draws a column per month, gaps included, with won and lost as two series', () => {
    const view = viewOf('won_lost_by_month', wonLostByMonth({ deals }, context(), {}), env());
    expect(view.chart!.axis).toBe('months');
    expect(view.chart!.series.map((s) => s.label)).toEqual(['Won', 'Lost']);
    expect(view.chart!.points.map((p) => [p.label, ...p.values])).toEqual([['Jan 2026', 1, 0], ['Feb 2026', 0, 0], ['Mar 2026', 1, 1]]);
    expect(pointText(viewText(), view.chart!, view.chart!.points[2])).toBe('Mar 2026: Won 1, Lost 1');
  });

  it('summarises the chart for screen readers with the highest point of each series', () => {
    const view = viewOf('won_lost_by_month', wonLostByMonth({ deals }, context(), {}), env());
    expect(chartSummary(viewText(), 'bar', 'Won and lost by month', view.chart!)).toBe(
      'Won and lost by month (Bars): 3 items. Highest Won: Jan 2026, 1. Highest Lost: Mar 2026, 1.',
    );
  });
});

describe('win rate', () => {
  const deals = [
    deal({ stageId: 'won', closedAt: '2026-01-20', ownerId: ANN }),
    deal({ stageId: 'won', closedAt: '2026-01-21', ownerId: ANN }),
    deal({ stageId: 'lost', closedAt: '2026-01-22', ownerId: BOB }),
  ];
  const result = winRate({ deals }, context(), {});

  it('shows the rate as one number with what it is made of', () => {
    expect(viewOf('win_rate', result, env({ type: 'number' })).headline).toEqual({ value: '67%', detail: '2 won, 1 lost' });
  });

  it('draws won against lost as a donut, and stacks them per owner as bars', () => {
    expect(viewOf('win_rate', result, env({ type: 'donut' })).chart!.points.map((p) => p.values[0])).toEqual([2, 1]);
    const bars = viewOf('win_rate', result, env({ type: 'bar' })).chart!;
    expect(bars.stacked).toBe(true);
    expect(bars.points.map((p) => [p.label, ...p.values])).toEqual([['Ann Archer', 2, 0], ['Bob Baker', 0, 1]]);
  });

  it('starts its table with everyone together', () => {
    expect(viewOf('win_rate', result, env({ type: 'table' })).table.rows[0].cells).toEqual(['All', '2', '1', '67%']);
  });
});

describe('forecast', () => {
  it('draws the three readings in the workspace currency and names the others in a note', () => {
    const deals = [
      deal({ stageId: 'proposal', amount: 1000, expectedCloseDate: '2026-04-10' }),
      deal({ stageId: 'proposal', amount: 400, currency: 'USD', expectedCloseDate: '2026-04-12' }),
    ];
    const result = revenueForecast({ deals }, context(), { filters: { range: { from: '2026-04-01', to: '2026-04-30' } } });
    const view = viewOf('revenue_forecast', result, env());
    expect(view.chart!.series.map((s) => s.key)).toEqual(['worst', 'weighted', 'best']);
    expect(view.chart!.points).toEqual([{ key: '2026-04', label: 'Apr 2026', values: [0, 600, 1000] }]);
    expect(view.notes[0]).toMatch(/draws amounts in EUR/);
    expect(view.table.rows[0].cells[4]).toBe('€1,000 + $400');
  });
});

describe('people', () => {
  it('stacks activities per rep by type, and gives the types as a donut', () => {
    const activities = [
      activity({ type: 'call', ownerId: ANN }),
      activity({ type: 'call', ownerId: ANN }),
      activity({ type: 'note', ownerId: BOB }),
    ];
    const result = activitiesByRep({ activities }, context(), {});
    const bars = viewOf('activities_by_rep', result, env()).chart!;
    expect(bars.series.map((s) => s.label)).toEqual(['Note', 'Task', 'Call', 'Meeting', 'Email']);
    expect(bars.points[0]).toMatchObject({ label: 'Ann Archer', values: [0, 0, 2, 0, 0] });
    const donut = viewOf('activities_by_rep', result, env({ type: 'donut' })).chart!;
    expect(donut.points.map((p) => p.values[0])).toEqual([1, 0, 2, 0, 0]);
  });

  it('lays the heat map out Monday first with a 24-hour table for screen readers', () => {
    const activities = [activity({ type: 'note', createdAt: Date.UTC(2026, 2, 9, 14, 30) })]; // a Monday, 14:30 UTC
    const view = viewOf('activity_heatmap', activityHeatmap({ activities }, context(), {}), env({ type: 'heatmap' }));
    expect(view.heatmap!.cells[0][14]).toBe(1);
    expect(view.heatmap!.dayLabels[0]).toBe('Mon');
    expect(view.table.columns).toHaveLength(25);
    expect(view.table.rows[0].cells[0]).toBe('Monday');
    expect(view.table.rows[0].cells[15]).toBe('1');
  });

  it('shows goals as progress with their state in words', () => {
    const deals = [deal({ stageId: 'won', closedAt: '2026-03-02', amount: 5000, ownerId: ANN })];
    const goals = [
      { id: 'g1', scope: { kind: 'rep' as const, userId: ANN }, metric: 'won_amount' as const, currency: 'EUR', period: '2026-Q1', target: 10000 },
      { id: 'g2', scope: { kind: 'company' as const }, metric: 'won_count' as const, period: '2026-03', target: 1 },
    ];
    const view = viewOf('goal_progress', goalProgress({ deals }, context(), { goals }), env());
    expect(view.goals!.map((g) => [g.label, g.periodText, g.valueText, g.percentText, g.statusText])).toEqual([
      ['Ann Archer: amount won', 'Q1 2026', '€5,000 of €10,000', '50%', 'Behind'],
      ['The company: deals won', 'March 2026', '1 of 1', '100%', 'Achieved'],
    ]);
    expect(view.headline).toEqual({ value: '1 / 2', detail: 'goals achieved or on track' });
  });

  it('ranks the leaderboard with ties sharing a rank', () => {
    const deals = [
      deal({ stageId: 'won', closedAt: '2026-03-02', amount: 100, ownerId: ANN }),
      deal({ stageId: 'won', closedAt: '2026-03-03', amount: 100, ownerId: BOB }),
    ];
    const view = viewOf('leaderboard', leaderboard({ deals }, context(), {}), env({ type: 'table' }));
    expect(view.table.rows.map((r) => r.cells)).toEqual([['1', 'Ann Archer', '€100'], ['1', 'Bob Baker', '€100'], ['3', 'Cat Carter', '€0']]);
  });
});

describe('words and numbers', () => {
  it('writes periods and axis ticks the way each language does', () => {
    expect(formatPeriod(viewText(), '2026-Q2')).toBe('Q2 2026');
    expect(formatPeriod(viewText('fr'), '2026-Q2')).toBe('T2 2026');
    expect(formatPeriod(viewText('fr'), '2026-03')).toBe('mars 2026');
    expect(formatTick(viewText(), 'money', 12000, 'EUR')).toBe('€12K');
    expect(plain(formatTick(viewText('fr'), 'money', 12000, 'EUR'))).toBe('12 k €');
    expect(formatTick(viewText(), 'count', 3, null)).toBe('3');
  });
});
