import { describe, expect, it } from 'vitest';
import { averageDealSize } from '@carnet/reports';
import { context, deal, deleted } from './fixtures.ts';

function rows() {
  return {
    deals: [
      deal({ stageId: 'won', closedAt: '2026-01-10', amount: 1000 }),
      deal({ stageId: 'won', closedAt: '2026-01-11', amount: 3000 }),
      deal({ stageId: 'won', closedAt: '2026-02-12', amount: 2000 }),
      // No currency: the workspace default (EUR).
      deal({ stageId: 'won', closedAt: '2026-02-13', amount: 500, currency: null }),
      deal({ stageId: 'won', closedAt: '2026-02-14', amount: 0.1, currency: 'USD' }),
      deal({ stageId: 'won', closedAt: '2026-02-15', amount: 0.2, currency: 'USD' }),
      deal({ stageId: 'won', closedAt: '2026-02-16', amount: null }),
      deal({ stageId: 'lost', closedAt: '2026-02-16', amount: 10_000 }),
      deal({ stageId: 'demo', amount: 10_000 }),
      deleted(deal({ stageId: 'won', closedAt: '2026-02-16', amount: 10_000 })),
    ],
  };
}

describe('average deal size', () => {
  it('averages won amounts per currency, with the median, and counts won deals without an amount apart', () => {
    const report = averageDealSize(rows(), context());
    expect(report.byCurrency).toEqual([
      // 500, 1000, 2000, 3000: total 6500, mean 1625, median (1000 + 2000) / 2
      { currency: 'EUR', count: 4, total: 6500, mean: 1625, median: 1500 },
      // 0.1 + 0.2 shown to the cent: 0.3, mean 0.15
      { currency: 'USD', count: 2, total: 0.3, mean: 0.15, median: 0.15 },
    ]);
    expect(report.withoutAmount).toBe(1);
  });

  it('converts with a rate table into one currency', () => {
    const report = averageDealSize(rows(), context({ rates: { base: 'EUR', rates: { USD: 2 } } }));
    // 0.2, 0.4, 500, 1000, 2000, 3000: total 6500.6, mean 1083.43, median (500 + 1000) / 2
    expect(report.byCurrency).toEqual([{ currency: 'EUR', count: 6, total: 6500.6, mean: 1083.43, median: 750 }]);
  });

  it('keeps only deals closed in the range', () => {
    const report = averageDealSize(rows(), context(), { filters: { range: { to: '2026-01-31' } } });
    expect(report.byCurrency).toEqual([{ currency: 'EUR', count: 2, total: 4000, mean: 2000, median: 2000 }]);
    expect(report.withoutAmount).toBe(0);
  });

  it('is empty over no deals', () => {
    expect(averageDealSize({ deals: [] }, context())).toEqual({ byCurrency: [], withoutAmount: 0 });
  });
});
