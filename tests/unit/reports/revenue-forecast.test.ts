import { describe, expect, it } from 'vitest';
import { revenueForecast } from '@carnet/reports';
import { context, deal, deleted } from './fixtures.ts';

// Now is 2026-03-15: the current month is March.
function rows() {
  return {
    deals: [
      deal({ stageId: 'proposal', amount: 1000, expectedCloseDate: '2026-03-20' }), // 60 %
      deal({ stageId: 'negotiation', amount: 2000, expectedCloseDate: '2026-04-10' }), // 80 %
      deal({ stageId: 'qualified', probability: 90, amount: 500, expectedCloseDate: '2026-04-30' }), // own 90 %
      deal({ stageId: 'demo', amount: 300, currency: 'USD', expectedCloseDate: '2026-03-01' }), // 40 %
      deal({ stageId: 'demo', amount: 700, expectedCloseDate: '2026-01-15' }), // late: past due
      deal({ stageId: 'qualified', amount: 100, expectedCloseDate: null }), // undated, 10 %
      deal({ stageId: 'proposal', amount: null, expectedCloseDate: '2026-05-05' }),
      deal({ stageId: 'won', amount: 1000, closedAt: '2026-03-02' }),
      deal({ stageId: 'lost', amount: 5000, expectedCloseDate: '2026-03-20' }),
      deleted(deal({ stageId: 'negotiation', amount: 9999, expectedCloseDate: '2026-03-25' })),
    ],
  };
}

const eur = (amount: number) => ({ currency: 'EUR', amount });
const usd = (amount: number) => ({ currency: 'USD', amount });

describe('revenue forecast', () => {
  it('adds won money to open money weighted, in full (best case) and committed only (worst case)', () => {
    const report = revenueForecast(rows(), context());
    expect(report.commitProbability).toBe(80);
    expect(report.months).toEqual([
      {
        month: '2026-03', wonCount: 1, openCount: 2,
        won: [eur(1000), usd(0)],
        // EUR 1000 won + 1000 × 60 % = 1600; USD 300 × 40 % = 120
        weighted: [eur(1600), usd(120)],
        bestCase: [eur(2000), usd(300)],
        // only the won 1000: the proposal (60 %) and the demo (40 %) are below 80 %
        worstCase: [eur(1000), usd(0)],
      },
      {
        month: '2026-04', wonCount: 0, openCount: 2,
        won: [eur(0)],
        // 2000 × 80 % + 500 × 90 % = 1600 + 450
        weighted: [eur(2050)],
        bestCase: [eur(2500)],
        worstCase: [eur(2500)],
      },
      { month: '2026-05', wonCount: 0, openCount: 1, won: [], weighted: [], bestCase: [], worstCase: [] },
    ]);
    // 700 × 40 % = 280; 100 × 10 % = 10
    expect(report.pastDue).toEqual({ count: 1, amount: [eur(700)], weighted: [eur(280)] });
    expect(report.undated).toEqual({ count: 1, amount: [eur(100)], weighted: [eur(10)] });
  });

  it('takes the commit threshold from the options', () => {
    const report = revenueForecast(rows(), context(), { commitProbability: 50 });
    // March: won 1000 + the 60 % proposal 1000; April: 2000 + 500
    expect(report.months.map((m) => m.worstCase)).toEqual([[eur(2000), usd(0)], [eur(2500)], []]);
  });

  it('shows the months of the range and keeps late deals in past due', () => {
    const report = revenueForecast(rows(), context(), { filters: { range: { from: '2026-04-01', to: '2026-06-30' } } });
    expect(report.months.map((m) => [m.month, m.openCount])).toEqual([['2026-04', 2], ['2026-05', 1], ['2026-06', 0]]);
    expect(report.pastDue.count).toBe(1);
  });

  it('is empty over no deals', () => {
    const empty = { count: 0, amount: [], weighted: [] };
    expect(revenueForecast({}, context())).toEqual({ commitProbability: 80, months: [], pastDue: empty, undated: empty });
  });
});
