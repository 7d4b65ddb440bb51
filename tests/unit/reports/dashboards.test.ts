import { describe, expect, it } from 'vitest';
import {
  MAX_WIDGETS, addWidget, defaultManagerDashboard, defaultRepDashboard, layoutDashboard, moveWidget, nextWidgetId,
  removeWidget, reorderWidgets, resizeWidget, runWidget, updateWidget, validateDashboard,
  type Dashboard, type DashboardResult, type WidgetPlacement,
} from '@carnet/reports';
import { ANN, CAT, context, deal } from './fixtures.ts';

function ok(result: DashboardResult): Dashboard {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issue)}`);
  return result.dashboard;
}

const numberWidget = { id: 'extra', type: 'number', report: 'win_rate', size: { w: 3, h: 1 } };

function overlaps(placements: WidgetPlacement[]): boolean {
  return placements.some((a, i) => placements.some((b, j) =>
    i < j && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h));
}

describe('default dashboards', () => {
  it('gives a rep a valid dashboard where every widget shows only their records', () => {
    const rep = defaultRepDashboard(ANN);
    expect(validateDashboard(rep)).toEqual({ ok: true, dashboard: rep });
    expect(rep.widgets.every((w) => w.filters.ownerIds?.[0] === ANN)).toBe(true);
    expect(new Set(rep.widgets.map((w) => w.type))).toEqual(new Set(['number', 'bar', 'funnel', 'table', 'heatmap']));
  });

  it('gives a manager a valid team dashboard, optionally narrowed to teams', () => {
    const manager = defaultManagerDashboard(CAT, ['east']);
    expect(validateDashboard(manager).ok).toBe(true);
    expect(manager.widgets.every((w) => w.filters.teamIds?.[0] === 'east' && !w.filters.ownerIds)).toBe(true);
    expect(manager.widgets.map((w) => w.report)).toContain('leaderboard');
  });

  it('survives a JSON round trip unchanged', () => {
    const manager = defaultManagerDashboard(CAT);
    expect(ok(validateDashboard(JSON.parse(JSON.stringify(manager))))).toEqual(manager);
  });
});

describe('dashboard operations', () => {
  it('adds a widget at the end or at a position, leaving the input untouched', () => {
    const rep = defaultRepDashboard(ANN);
    const before = JSON.stringify(rep);
    const added = ok(addWidget(rep, numberWidget));
    expect(added.widgets.at(-1)!.id).toBe('extra');
    expect(ok(addWidget(rep, numberWidget, 0)).widgets[0].id).toBe('extra');
    expect(JSON.stringify(rep)).toBe(before);
  });

  it('refuses a duplicate id, a chart that cannot draw the report, a size too small, and too many widgets', () => {
    const rep = defaultRepDashboard(ANN);
    expect(addWidget(rep, { ...numberWidget, id: 'w1' })).toMatchObject({ ok: false, issue: { code: 'duplicate_widget' } });
    const heatmapOfWinRate = addWidget(rep, { ...numberWidget, type: 'heatmap', size: { w: 6, h: 3 } });
    expect(heatmapOfWinRate).toMatchObject({ ok: false, issue: { code: 'invalid_widget', details: [{ code: 'incompatible_chart' }] } });
    const tinyFunnel = addWidget(rep, { ...numberWidget, type: 'funnel', report: 'pipeline_funnel', size: { w: 2, h: 1 } });
    expect(tinyFunnel).toMatchObject({ ok: false, issue: { details: [{ code: 'too_small' }] } });
    expect(addWidget(rep, { ...numberWidget, report: 'no_such_report' })).toMatchObject({ ok: false, issue: { code: 'invalid_widget' } });
    let full = rep;
    while (full.widgets.length < MAX_WIDGETS) full = ok(addWidget(full, { ...numberWidget, id: nextWidgetId(full) }));
    expect(addWidget(full, numberWidget)).toMatchObject({ ok: false, issue: { code: 'too_many_widgets' } });
  });

  it('removes, moves and reorders widgets', () => {
    const rep = defaultRepDashboard(ANN);
    const ids = rep.widgets.map((w) => w.id);
    expect(ok(removeWidget(rep, 'w2')).widgets.map((w) => w.id)).toEqual(ids.filter((id) => id !== 'w2'));
    expect(removeWidget(rep, 'nope')).toMatchObject({ ok: false, issue: { code: 'unknown_widget' } });
    expect(ok(moveWidget(rep, 'w9', 0)).widgets.map((w) => w.id).slice(0, 3)).toEqual(['w9', 'w1', 'w2']);
    expect(ok(moveWidget(rep, 'w1', 99)).widgets.at(-1)!.id).toBe('w1');
    const reversed = [...ids].reverse();
    expect(ok(reorderWidgets(rep, reversed)).widgets.map((w) => w.id)).toEqual(reversed);
    expect(reorderWidgets(rep, ids.slice(1))).toMatchObject({ ok: false, issue: { code: 'bad_order' } });
    expect(reorderWidgets(rep, [...ids.slice(1), 'w2'])).toMatchObject({ ok: false, issue: { code: 'bad_order' } });
  });

  it('resizes within the grid and refuses sizes outside it', () => {
    const rep = defaultRepDashboard(ANN);
    expect(ok(resizeWidget(rep, 'w1', { w: 6, h: 2 })).widgets[0].size).toEqual({ w: 6, h: 2 });
    expect(resizeWidget(rep, 'w1', { w: 13, h: 2 })).toMatchObject({ ok: false, issue: { details: [{ path: 'size.w', code: 'out_of_range' }] } });
    expect(resizeWidget(rep, 'w1', { w: 2.5, h: 2 })).toMatchObject({ ok: false });
    expect(resizeWidget(rep, 'nope', { w: 4, h: 2 })).toMatchObject({ ok: false, issue: { code: 'unknown_widget' } });
  });

  it('changes a widget to another chart kind that fits its report', () => {
    const rep = defaultRepDashboard(ANN);
    expect(ok(updateWidget(rep, 'w1', { type: 'donut', size: { w: 3, h: 2 } })).widgets[0].type).toBe('donut');
    expect(updateWidget(rep, 'w1', { type: 'line', size: { w: 3, h: 2 } })).toMatchObject({ ok: false });
  });
});

describe('dashboard layout', () => {
  it('packs widgets in order on 12 columns without overlap', () => {
    const placements = layoutDashboard(defaultManagerDashboard(CAT));
    expect(placements.slice(0, 6)).toEqual([
      { id: 'w1', x: 0, y: 0, w: 3, h: 1 },
      { id: 'w2', x: 3, y: 0, w: 3, h: 1 },
      { id: 'w3', x: 6, y: 0, w: 3, h: 1 },
      { id: 'w4', x: 9, y: 0, w: 3, h: 1 },
      { id: 'w5', x: 0, y: 1, w: 6, h: 3 },
      { id: 'w6', x: 6, y: 1, w: 6, h: 3 },
    ]);
    expect(overlaps(placements)).toBe(false);
    expect(placements.every((p) => p.x + p.w <= 12)).toBe(true);
  });

  it('fills a gap left by a wide widget with a later small one (first fit)', () => {
    const base = defaultRepDashboard(ANN);
    const widgets = [
      { ...base.widgets[4], id: 'a', size: { w: 8, h: 2 } },
      { ...base.widgets[4], id: 'b', size: { w: 8, h: 2 } },
      { ...base.widgets[0], id: 'c', size: { w: 4, h: 1 } },
    ];
    expect(layoutDashboard({ widgets })).toEqual([
      { id: 'a', x: 0, y: 0, w: 8, h: 2 },
      { id: 'b', x: 0, y: 2, w: 8, h: 2 },
      { id: 'c', x: 8, y: 0, w: 4, h: 1 },
    ]);
  });
});

describe('running a widget', () => {
  it("resolves the widget's relative range and owner filter before running its report", () => {
    const rep = defaultRepDashboard(ANN);
    const winRateWidget = rep.widgets.find((w) => w.report === 'win_rate')!;
    const data = {
      deals: [
        deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-02-01' }), // this quarter
        deal({ ownerId: ANN, stageId: 'lost', closedAt: '2025-12-01' }), // last quarter
        deal({ ownerId: CAT, stageId: 'lost', closedAt: '2026-02-01' }), // someone else's
      ],
    };
    const result = runWidget(winRateWidget as typeof winRateWidget & { report: 'win_rate' }, data, context());
    expect([result.won, result.lost, result.rate]).toEqual([1, 0, 1]);
  });
});
