import { describe, expect, it } from 'vitest';
import { winRate } from '@carnet/reports';
import { ANN, BOB, CAT, context, deal, deleted } from './fixtures.ts';

function rows() {
  return {
    deals: [
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-02-01', amount: 1000 }),
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-02-10', amount: 500 }),
      deal({ ownerId: ANN, stageId: 'lost', closedAt: '2026-02-15', amount: 500 }),
      deal({ ownerId: BOB, stageId: 'lost', closedAt: '2026-02-20', amount: 2000, currency: 'USD' }),
      deal({ ownerId: BOB, stageId: 'won', closedAt: '2026-01-15', amount: 1000, currency: 'USD' }),
      deal({ ownerId: CAT, stageId: 'won', closedAt: '2026-02-05', amount: null }),
      deal({ ownerId: null, stageId: 'lost', closedAt: '2026-03-01', amount: 100 }),
      deal({ ownerId: ANN, stageId: 'proposal', amount: 9000 }),
      deleted(deal({ ownerId: ANN, stageId: 'lost', closedAt: '2026-02-01', amount: 100 })),
    ],
  };
}

describe('win rate', () => {
  it('divides won by closed deals, by count, by amount per currency and per owner', () => {
    const report = winRate(rows(), context());
    // won: Ann 2, Bob 1, Cat 1 = 4; lost: Ann 1, Bob 1, unassigned 1 = 3.
    expect([report.won, report.lost, report.rate]).toEqual([4, 3, 4 / 7]);
    expect(report.byCurrency).toEqual([
      // EUR: won 1000 + 500, lost 500 + 100 → 1500 / 2100
      { currency: 'EUR', won: 1500, lost: 600, rate: 1500 / 2100 },
      // USD: won 1000, lost 2000 → 1000 / 3000
      { currency: 'USD', won: 1000, lost: 2000, rate: 1 / 3 },
    ]);
    expect(report.byOwner).toEqual([
      { ownerId: ANN, name: 'Ann Archer', won: 2, lost: 1, rate: 2 / 3 },
      { ownerId: BOB, name: 'Bob Baker', won: 1, lost: 1, rate: 0.5 },
      { ownerId: CAT, name: 'Cat Carter', won: 1, lost: 0, rate: 1 },
      { ownerId: null, name: null, won: 0, lost: 1, rate: 0 },
    ]);
  });

  it('counts only deals closed in the range', () => {
    const report = winRate(rows(), context(), { filters: { range: { from: '2026-02-01', to: '2026-02-28' } } });
    // February: Ann won 2 lost 1, Bob lost 1, Cat won 1 → 3 / 5
    expect([report.won, report.lost, report.rate]).toEqual([3, 2, 0.6]);
  });

  it('has an unknown rate, not zero, when nothing was closed', () => {
    expect(winRate({}, context())).toEqual({ won: 0, lost: 0, rate: null, byCurrency: [], byOwner: [] });
  });
});
