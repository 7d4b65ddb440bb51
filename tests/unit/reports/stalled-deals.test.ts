import { describe, expect, it } from 'vitest';
import { stalledDeals } from '@carnet/reports';
import { ANN, BOB, activity, at, context, deal, deleted } from './fixtures.ts';

// Now is 2026-03-15 12:00 UTC; 14 days before is 2026-03-01 12:00 UTC.
function rows() {
  const old = at('2026-02-01T12:00:00Z');
  const d = {
    untouched: deal({ ownerId: ANN, stageId: 'demo', amount: 1000, createdAt: old }),
    recentActivity: deal({ ownerId: ANN, stageId: 'demo', amount: 1, createdAt: old }),
    doneLater: deal({ ownerId: BOB, stageId: 'proposal', amount: 200, currency: 'USD', createdAt: old }),
    editedRecently: deal({ ownerId: ANN, stageId: 'demo', amount: 1, createdAt: old, updatedAt: at('2026-03-05T12:00:00Z') }),
    won: deal({ ownerId: ANN, stageId: 'won', amount: 1, createdAt: at('2026-01-01T12:00:00Z') }),
    onlyDeletedActivity: deal({ ownerId: ANN, stageId: 'qualified', amount: null, createdAt: old }),
    gone: deleted(deal({ ownerId: ANN, stageId: 'demo', amount: 1, createdAt: old })),
    // Exactly 14 days: stalled (the board's rule is "at or before").
    onTheDay: deal({ ownerId: ANN, stageId: 'demo', amount: 50, createdAt: at('2026-03-01T12:00:00Z') }),
  };
  const activities = [
    activity({ dealId: d.recentActivity.id, createdAt: at('2026-03-10T09:00:00Z') }),
    // Created long ago but done on Feb 20: it touched the deal on Feb 20.
    activity({ dealId: d.doneLater.id, type: 'task', createdAt: at('2026-01-01T09:00:00Z'), done: true, doneAt: '2026-02-20T12:00:00Z' }),
    deleted(activity({ dealId: d.onlyDeletedActivity.id, createdAt: at('2026-03-10T09:00:00Z') })),
  ];
  return { d, data: { deals: Object.values(d), activities } };
}

describe('stalled deals', () => {
  it('lists open deals without an edit or activity for 14 days, longest idle first', () => {
    const { d, data } = rows();
    const report = stalledDeals(data, context());
    expect(report.deals.map((s) => [s.dealId, s.daysIdle])).toEqual([
      [d.untouched.id, 42], // Feb 1 → Mar 15
      [d.onlyDeletedActivity.id, 42],
      [d.doneLater.id, 23], // Feb 20 → Mar 15
      [d.onTheDay.id, 14],
    ]);
    expect(report.deals[2]).toMatchObject({ ownerId: BOB, pipelineId: 'sales', stageId: 'proposal', lastTouchAt: at('2026-02-20T12:00:00Z') });
    expect(report.byOwner).toEqual([{ ownerId: ANN, name: 'Ann Archer', count: 3 }, { ownerId: BOB, name: 'Bob Baker', count: 1 }]);
    // 1000 + 50 EUR; 200 USD
    expect(report.amount).toEqual([{ currency: 'EUR', amount: 1050 }, { currency: 'USD', amount: 200 }]);
  });

  it('takes the number of days from the options', () => {
    const { d, data } = rows();
    const report = stalledDeals(data, context(), { stalledDays: 30 });
    expect(report.deals.map((s) => s.dealId)).toEqual([d.untouched.id, d.onlyDeletedActivity.id]);
  });

  it('is empty over no deals', () => {
    expect(stalledDeals({ activities: rows().data.activities }, context())).toEqual({ stalledDays: 14, deals: [], byOwner: [], amount: [] });
  });
});
