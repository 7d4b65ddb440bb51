import { describe, expect, it } from 'vitest';
import { createTimeZone, salesCycle } from '@carnet/reports';
import { ANN, BOB, at, context, deal, deleted } from './fixtures.ts';

function rows() {
  return {
    deals: [
      deal({ ownerId: ANN, stageId: 'won', createdAt: at('2026-01-01T10:00:00Z'), closedAt: '2026-01-31' }), // 30 days
      deal({ ownerId: ANN, stageId: 'won', createdAt: at('2026-01-10T10:00:00Z'), closedAt: '2026-01-20' }), // 10 days
      // Created 23:30 UTC on Feb 1, which is already Feb 2 in Paris: 10 days in UTC, 9 in Paris.
      deal({ ownerId: ANN, stageId: 'won', createdAt: at('2026-02-01T23:30:00Z'), closedAt: '2026-02-11' }),
      deal({ ownerId: BOB, stageId: 'won', createdAt: at('2026-01-01T12:00:00Z'), closedAt: '2026-01-01' }), // 0 days
      // Closed before it was created (imported history): left out.
      deal({ ownerId: ANN, stageId: 'won', createdAt: at('2026-02-10T10:00:00Z'), closedAt: '2026-02-01' }),
      deal({ ownerId: ANN, stageId: 'won', closedAt: null }),
      deal({ ownerId: BOB, stageId: 'lost', createdAt: at('2025-01-01T10:00:00Z'), closedAt: '2026-01-01' }),
      deleted(deal({ ownerId: BOB, stageId: 'won', createdAt: at('2025-01-01T10:00:00Z'), closedAt: '2026-01-01' })),
    ],
  };
}

describe('sales cycle', () => {
  it('measures whole local days from creation to closing of won deals', () => {
    const report = salesCycle(rows(), context());
    // 30, 10, 10, 0: mean 50 / 4 = 12.5, median (10 + 10) / 2 = 10
    expect(report).toMatchObject({ count: 4, meanDays: 12.5, medianDays: 10, minDays: 0, maxDays: 30, withoutCloseDate: 1, closedBeforeCreated: 1 });
    expect(report.byOwner).toEqual([
      // 30, 10, 10: mean 50 / 3
      { ownerId: ANN, name: 'Ann Archer', count: 3, meanDays: 50 / 3, medianDays: 10, minDays: 10, maxDays: 30 },
      { ownerId: BOB, name: 'Bob Baker', count: 1, meanDays: 0, medianDays: 0, minDays: 0, maxDays: 0 },
    ]);
  });

  it('counts the creation day in the context time zone', () => {
    const report = salesCycle(rows(), context({ zone: createTimeZone('Europe/Paris') }));
    // 30, 10, 9, 0: mean 49 / 4 = 12.25, median (9 + 10) / 2 = 9.5
    expect(report).toMatchObject({ count: 4, meanDays: 12.25, medianDays: 9.5 });
  });

  it('has no figures over no won deals', () => {
    expect(salesCycle({}, context())).toEqual({
      count: 0, meanDays: null, medianDays: null, minDays: null, maxDays: null, byOwner: [], withoutCloseDate: 0, closedBeforeCreated: 0,
    });
  });
});
