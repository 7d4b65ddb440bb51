// The rows behind the reports: read once per collection, patched from change events (those
// arriving during the first read applied after it), and the widgets' needs and input keys.
import { describe, expect, it } from 'vitest';
import type { AnyRow } from '@carnet/schema';
import type { RowChange } from '@carnet/store';
import type { Widget } from '@carnet/reports';
import { RowCache } from '../../../src/lib/reports/row-cache.ts';
import { collectionsFor, inputKey, runOne } from '../../../src/lib/reports/widget-runs.ts';
import { context, deal } from '../reports/fixtures.ts';

const change = (collection: RowChange['collection'], row: AnyRow, deleted = false): RowChange => ({
  collection, id: row.id, row: { ...row, deletedAt: deleted ? 1 : null } as AnyRow, previous: undefined, origin: 'remote', version: 1,
});

describe('the row cache', () => {
  it('applies changes seen during the first read after it, in order', () => {
    const cache = new RowCache();
    const a = deal({ title: 'A' });
    const b = deal({ title: 'B' });
    cache.startLoading('deals');
    expect(cache.apply([change('deals', { ...a, title: 'A2' } as AnyRow), change('deals', b as AnyRow, true)])).toBe(false);
    cache.finishLoading('deals', [a as AnyRow, b as AnyRow]);
    const { data, revisions } = cache.snapshot();
    expect(data.deals!.map((d) => d.title)).toEqual(['A2']);
    expect(revisions.deals).toBe(1);
  });

  it('patches rows one by one and rebuilds only the collections that changed', () => {
    const cache = new RowCache();
    cache.startLoading('deals');
    cache.finishLoading('deals', [deal() as AnyRow]);
    cache.startLoading('activities');
    cache.finishLoading('activities', []);
    const first = cache.snapshot();
    const added = deal({ title: 'New' });
    expect(cache.apply([change('deals', added as AnyRow)])).toBe(true);
    const second = cache.snapshot();
    expect(second.data.deals).toHaveLength(2);
    expect(second.data.activities).toBe(first.data.activities);
    expect(second.revisions).toEqual({ ...first.revisions, deals: first.revisions.deals + 1 });
    expect(cache.apply([change('deals', added as AnyRow, true)])).toBe(true);
    expect(cache.snapshot().data.deals).toHaveLength(1);
  });

  it('ignores collections it does not hold and rows that arrive deleted', () => {
    const cache = new RowCache();
    expect(cache.apply([change('contacts', deal() as unknown as AnyRow)])).toBe(false);
    cache.startLoading('deals');
    cache.finishLoading('deals', [{ ...deal(), deletedAt: 5 } as AnyRow]);
    expect(cache.snapshot().data.deals).toEqual([]);
    expect(cache.has('contacts')).toBe(false);
    expect(cache.isLoaded('deals')).toBe(true);
  });

  it('lets a failed read be asked for again', () => {
    const cache = new RowCache();
    cache.startLoading('contacts');
    expect(cache.has('contacts')).toBe(true);
    cache.failLoading('contacts');
    expect(cache.has('contacts')).toBe(false);
  });
});

describe('running widgets', () => {
  const widget = (report: Widget['report'], filters: Widget['filters'] = {}, options: Widget['options'] = {}): Widget =>
    ({ id: 'w1', type: 'table', report, filters, options, size: { w: 6, h: 3 } });

  it('reads only the collections a widget needs, with those its filters look through', () => {
    expect(collectionsFor(widget('win_rate'))).toEqual(['deals']);
    expect(collectionsFor(widget('activity_heatmap'))).toEqual(['activities']);
    expect(collectionsFor(widget('activity_heatmap', { pipelineIds: ['sales'] }))).toEqual(['activities', 'deals']);
    expect(collectionsFor(widget('overdue_tasks', { tags: ['vip'] })).sort()).toEqual(['activities', 'companies', 'contacts', 'deals']);
    expect(collectionsFor(widget('stalled_deals'))).toEqual(['deals', 'activities']);
    expect(collectionsFor(widget('leads_by_source'))).toEqual(['contacts']);
    expect(collectionsFor(widget('leaderboard', {}, { metric: 'activities' }))).toEqual(['deals', 'activities']);
  });

  it('computes again only when something the widget reads changed', () => {
    const revisions = { deals: 1, activities: 1, contacts: 1, companies: 1 };
    const key = inputKey(widget('win_rate'), revisions, 'ctx');
    expect(inputKey(widget('win_rate'), { ...revisions, activities: 2 }, 'ctx')).toBe(key);
    expect(inputKey(widget('win_rate'), { ...revisions, deals: 2 }, 'ctx')).not.toBe(key);
    expect(inputKey(widget('win_rate'), revisions, 'ctx2')).not.toBe(key);
    expect(inputKey(widget('win_rate', { tags: ['vip'] }), revisions, 'ctx')).not.toBe(key);
  });

  it('passes the goals and the workspace’s stalled threshold, and reports a failure for that widget alone', () => {
    const old = deal({ stageId: 'proposal', createdAt: Date.UTC(2026, 0, 1) });
    const stalled = runOne(widget('stalled_deals'), { deals: [old], activities: [] }, context(), { goals: [], stalledDays: 100 });
    expect(stalled.ok && (stalled.result as { stalledDays: number; deals: unknown[] })).toMatchObject({ stalledDays: 100, deals: [] });
    const goals = runOne(widget('goal_progress'), { deals: [] }, context(), {
      goals: [{ id: 'g', scope: { kind: 'company' }, metric: 'won_count', period: '2026-03', target: 1 }], stalledDays: 14,
    });
    expect(goals.ok && (goals.result as unknown[])).toHaveLength(1);
    const failed = runOne(widget('pipeline_funnel', {}, { pipelineId: 'gone' }), { deals: [] }, context(), { goals: [], stalledDays: 14 });
    expect(failed).toMatchObject({ ok: false, code: 'unknown_pipeline' });
  });
});
