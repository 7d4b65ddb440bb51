import { describe, expect, it } from 'vitest';
import { ignoredFilters, leadsBySource } from '@carnet/reports';
import { at, contact, context, deleted } from './fixtures.ts';

function rows() {
  return {
    contacts: [
      contact({ source: 'website', lifecycle: 'lead' }),
      contact({ source: 'website', lifecycle: 'lead', tags: ['vip'] }),
      contact({ source: 'website', lifecycle: 'customer' }),
      contact({ source: 'website', lifecycle: null }),
      contact({ source: 'website', lifecycle: 'lead', createdAt: at('2025-06-01T10:00:00Z') }),
      contact({ source: 'referral', lifecycle: 'lead', tags: ['vip'] }),
      contact({ source: null, lifecycle: 'prospect' }),
      deleted(contact({ source: 'website', lifecycle: 'lead' })),
    ],
  };
}

const counts = (lead: number, prospect: number, customer: number, churned: number, none: number) => ({ lead, prospect, customer, churned, none });

describe('leads by source and lifecycle stage', () => {
  it('counts contacts in a source by lifecycle table, unknown source last', () => {
    const report = leadsBySource(rows(), context());
    expect(report.sources).toEqual([
      { source: 'website', byLifecycle: counts(3, 0, 1, 0, 1), total: 5 },
      { source: 'referral', byLifecycle: counts(1, 0, 0, 0, 0), total: 1 },
      { source: null, byLifecycle: counts(0, 1, 0, 0, 0), total: 1 },
    ]);
    expect(report.byLifecycle).toEqual(counts(4, 1, 1, 0, 1));
    expect(report.total).toBe(7);
  });

  it('keeps contacts created in the range', () => {
    const report = leadsBySource(rows(), context(), { filters: { range: { from: '2026-01-01' } } });
    expect(report.sources[0]).toEqual({ source: 'website', byLifecycle: counts(2, 0, 1, 0, 1), total: 4 });
  });

  it('filters by tag, and says that the pipeline filter does not apply to contacts', () => {
    const report = leadsBySource(rows(), context(), { filters: { tags: ['vip'], pipelineIds: ['renewals'] } });
    expect(report.sources.map((s) => [s.source, s.total])).toEqual([['referral', 1], ['website', 1]]);
    expect(ignoredFilters('leads_by_source', { tags: ['vip'], pipelineIds: ['renewals'] })).toEqual(['pipelineIds']);
  });

  it('is empty over no contacts', () => {
    expect(leadsBySource({}, context())).toEqual({ sources: [], byLifecycle: counts(0, 0, 0, 0, 0), total: 0 });
  });
});
