import { describe, expect, it } from 'vitest';
import { wonLostByMonth } from '@carnet/reports';
import { context, deal, deleted } from './fixtures.ts';

function rows() {
  return {
    deals: [
      deal({ stageId: 'won', closedAt: '2026-01-05', amount: 1000 }),
      deal({ stageId: 'won', closedAt: '2026-01-31', amount: 200, currency: 'USD' }),
      deal({ stageId: 'won', closedAt: '2026-03-01', amount: null }),
      deal({ stageId: 'lost', closedAt: '2026-01-20', amount: 300 }),
      deal({ stageId: 'lost', closedAt: '2025-11-30', amount: 50 }),
      // Won without a closing date: cannot be placed in a month.
      deal({ stageId: 'won', closedAt: null, amount: 10 }),
      // Open with a stray closing date: neither won nor lost.
      deal({ stageId: 'demo', closedAt: '2026-02-02', amount: 99 }),
      deleted(deal({ stageId: 'won', closedAt: '2026-02-10', amount: 5000 })),
    ],
  };
}

const none = { count: 0, amount: [] };

describe('won and lost by month', () => {
  it('counts and sums per closing month and currency, months without deals included', () => {
    const report = wonLostByMonth(rows(), context());
    expect(report.months).toEqual([
      { month: '2025-11', won: none, lost: { count: 1, amount: [{ currency: 'EUR', amount: 50 }] } },
      { month: '2025-12', won: none, lost: none },
      {
        month: '2026-01',
        won: { count: 2, amount: [{ currency: 'EUR', amount: 1000 }, { currency: 'USD', amount: 200 }] },
        lost: { count: 1, amount: [{ currency: 'EUR', amount: 300 }] },
      },
      // The deleted deal closed in February is left out.
      { month: '2026-02', won: none, lost: none },
      // Won without an amount: counted, nothing summed.
      { month: '2026-03', won: { count: 1, amount: [] }, lost: none },
    ]);
    expect(report.undated).toEqual({ won: 1, lost: 0 });
  });

  it('shows every month of a bounded range and no undated deals', () => {
    const report = wonLostByMonth(rows(), context(), { filters: { range: { from: '2026-01-01', to: '2026-02-28' } } });
    expect(report.months.map((m) => [m.month, m.won.count, m.lost.count])).toEqual([['2026-01', 2, 1], ['2026-02', 0, 0]]);
    expect(report.undated).toEqual({ won: 0, lost: 0 });
  });

  it('converts currencies the rate table knows into its base', () => {
    const report = wonLostByMonth(rows(), context({ rates: { base: 'EUR', rates: { USD: 0.5 } } }));
    // 1000 EUR + 200 USD × 0.5 = 1100 EUR
    expect(report.months.find((m) => m.month === '2026-01')!.won.amount).toEqual([{ currency: 'EUR', amount: 1100 }]);
  });

  it('has no months over no deals', () => {
    expect(wonLostByMonth({ deals: [] }, context())).toEqual({ months: [], undated: { won: 0, lost: 0 } });
  });
});
