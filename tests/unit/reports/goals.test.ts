import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { GoalSchema, goalProgress, type Goal } from '@carnet/reports';
import { ANN, BOB, CAT, context, deal, deleted } from './fixtures.ts';

// Now is 2026-03-15. Q1 2026 has 31 + 28 + 31 = 90 days, and Mar 15 is its 74th (31 + 28 + 15);
// March has 31 days, Mar 15 is its 15th.
function rows() {
  return {
    deals: [
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-03-02', amount: 3000 }),
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-01-20', amount: 1000 }),
      deal({ ownerId: BOB, stageId: 'won', closedAt: '2026-03-10', amount: 2000 }),
      deal({ ownerId: BOB, stageId: 'won', closedAt: '2026-03-11', amount: 500, currency: 'USD' }),
      deal({ ownerId: CAT, stageId: 'won', closedAt: '2026-02-14', amount: 4000 }),
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2025-12-31', amount: 9999 }),
      deal({ ownerId: ANN, stageId: 'lost', closedAt: '2026-03-03', amount: 7777 }),
      deleted(deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-03-03', amount: 7777 })),
    ],
  };
}

const goals: Goal[] = [
  { id: 'ann_march', scope: { kind: 'rep', userId: ANN }, metric: 'won_amount', currency: 'EUR', period: '2026-03', target: 6000 },
  { id: 'east_q1', name: 'East Q1', scope: { kind: 'team', teamId: 'east' }, metric: 'won_count', period: '2026-Q1', target: 10 },
  { id: 'company_q1', scope: { kind: 'company' }, metric: 'won_amount', period: '2026-Q1', target: 10_000 },
  { id: 'bob_feb', scope: { kind: 'rep', userId: BOB }, metric: 'won_amount', period: '2026-02', target: 1000 },
  { id: 'cat_april', scope: { kind: 'rep', userId: CAT }, metric: 'won_count', period: '2026-04', target: 1 },
];

describe('sales goals', () => {
  it('measures progress and pace for a rep, a team and the company', () => {
    const [ann, east, company, bob, cat] = goalProgress(rows(), context(), { goals });
    // Ann won 3000 EUR in March; expected 6000 × 15 / 31 = 2903.23: on track.
    expect(ann).toMatchObject({ actual: 3000, progress: 0.5, elapsed: 15 / 31, expected: 2903.23, status: 'on_track', currency: 'EUR', from: '2026-03-01', to: '2026-03-31' });
    // East (Ann + Bob) won 2 + 2 deals in Q1; expected 10 × 74 / 90 = 8.22: behind.
    expect(east).toMatchObject({ name: 'East Q1', actual: 4, expected: (10 * 74) / 90, status: 'behind', currency: null, from: '2026-01-01', to: '2026-03-31' });
    // 3000 + 1000 + 2000 + 4000 EUR = 10000: achieved; Bob's 500 USD cannot count and is shown apart.
    expect(company).toMatchObject({ actual: 10_000, status: 'achieved', otherCurrencies: [{ currency: 'USD', amount: 500 }] });
    // February is over and Bob won nothing in it.
    expect(bob).toMatchObject({ actual: 0, elapsed: 1, status: 'missed' });
    expect(cat).toMatchObject({ actual: 0, elapsed: 0, expected: 0, status: 'upcoming' });
  });

  it('counts only the deals the filters keep', () => {
    const [, , company] = goalProgress(rows(), context(), { goals, filters: { pipelineIds: ['renewals'] } });
    expect(company.actual).toBe(0);
  });

  it('counts other currencies once a rate table converts them', () => {
    const [, , company] = goalProgress(rows(), context({ rates: { base: 'EUR', rates: { USD: 2 } } }), { goals });
    // 10000 + 500 × 2
    expect(company).toMatchObject({ actual: 11_000, otherCurrencies: [] });
  });

  it('validates goals: a positive target, a month or quarter period', () => {
    expect(v.safeParse(GoalSchema, goals[1]).success).toBe(true);
    expect(v.safeParse(GoalSchema, { ...goals[1], target: 0 }).success).toBe(false);
    expect(v.safeParse(GoalSchema, { ...goals[1], period: '2026-Q5' }).success).toBe(false);
    expect(v.safeParse(GoalSchema, { ...goals[1], scope: { kind: 'team' } }).success).toBe(false);
  });

  it('reports nothing without goals', () => {
    expect(goalProgress(rows(), context(), { goals: [] })).toEqual([]);
  });
});
