import { describe, expect, it } from 'vitest';
import type { Pipeline } from '@carnet/schema';
import {
  MoneyTotals, effectiveProbability, groupBoard, inPipeline, pickPipeline, weightedAmount,
} from '../../../src/lib/deals/index.ts';
import { PIPELINE, deal, stage } from './deals-fixtures.ts';

describe('weighted amounts', () => {
  it('weighs the amount by the stage probability when the deal has none of its own', () => {
    expect(effectiveProbability(deal({ probability: null }), stage('demo'))).toBe(40);
    expect(weightedAmount(deal({ amount: 5_000, probability: null }), stage('demo'))).toBe(2_000);
  });

  it("uses the deal's own probability when set, even 0", () => {
    expect(weightedAmount(deal({ amount: 5_000, probability: 90 }), stage('demo'))).toBe(4_500);
    expect(weightedAmount(deal({ amount: 5_000, probability: 0 }), stage('demo'))).toBe(0);
  });

  it('counts a deal without an amount as 0', () => {
    expect(weightedAmount(deal({ amount: null }), stage('won'))).toBe(0);
  });
});

describe('money totals', () => {
  it('never adds different currencies and lists the default currency first', () => {
    const totals = new MoneyTotals('EUR');
    totals.add(deal({ amount: 1_000, currency: 'USD' }), stage('proposal'));
    totals.add(deal({ amount: 2_000, currency: 'EUR' }), stage('proposal'));
    totals.add(deal({ amount: 500, currency: null }), stage('qualified'));
    totals.add(deal({ amount: 300, currency: 'GBP' }), stage('won'));
    totals.add(deal({ amount: null }), stage('won'));
    expect(totals.count).toBe(5);
    expect(totals.list()).toEqual([
      // 2000 × 60% + 500 × 10% = 1250
      { currency: 'EUR', amount: 2_500, weighted: 1_250 },
      { currency: 'GBP', amount: 300, weighted: 300 },
      { currency: 'USD', amount: 1_000, weighted: 600 },
    ]);
  });
});

describe('the board', () => {
  it('makes one column per stage in pipeline order, with counts and totals over every deal', () => {
    const deals = [
      deal({ stageId: 'qualified', amount: 1_000 }),
      deal({ stageId: 'qualified', amount: 3_000, probability: 50 }),
      deal({ stageId: 'negotiation', amount: 10_000 }),
      deal({ stageId: 'won', amount: 7_000 }),
      deal({ stageId: 'lost', amount: 2_000 }),
    ];
    const board = groupBoard(deals, PIPELINE, { defaultCurrency: 'EUR' });
    expect(board.columns.map((c) => c.stage.id)).toEqual(['qualified', 'contact_made', 'demo', 'proposal', 'negotiation', 'won', 'lost']);
    expect(board.columns.map((c) => c.count)).toEqual([2, 0, 0, 0, 1, 1, 1]);
    // qualified: 1000 × 10% + 3000 × 50% = 1600
    expect(board.columns[0].totals).toEqual([{ currency: 'EUR', amount: 4_000, weighted: 1_600 }]);
    expect(board.columns[1].totals).toEqual([]);
    expect(board.columns[4].totals).toEqual([{ currency: 'EUR', amount: 10_000, weighted: 8_000 }]);
    expect(board.columns[6].totals).toEqual([{ currency: 'EUR', amount: 2_000, weighted: 0 }]);
    expect(board.count).toBe(5);
    // 1600 + 8000 + 7000 + 0
    expect(board.totals).toEqual([{ currency: 'EUR', amount: 23_000, weighted: 16_600 }]);
    expect(board.openCount).toBe(3);
    expect(board.openTotals).toEqual([{ currency: 'EUR', amount: 14_000, weighted: 9_600 }]);
  });

  it('puts a deal with an unknown or missing stage in the first column', () => {
    const board = groupBoard([deal({ stageId: 'gone' }), deal({ stageId: null })], PIPELINE, { defaultCurrency: 'EUR' });
    expect(board.columns[0].count).toBe(2);
  });

  it('sorts each column: recently updated, soonest close (undated last), largest amount, title', () => {
    const a = deal({ title: 'beta', updatedAt: 3, expectedCloseDate: '2026-05-01', amount: 10 });
    const b = deal({ title: 'Alpha', updatedAt: 2, expectedCloseDate: null, amount: null });
    const c = deal({ title: 'gamma', updatedAt: 1, expectedCloseDate: '2026-04-01', amount: 30 });
    const order = (sort: 'updated' | 'closeDate' | 'amount' | 'title') =>
      groupBoard([a, b, c], PIPELINE, { defaultCurrency: 'EUR', sort }).columns[0].deals.map((d) => d.title);
    expect(order('updated')).toEqual(['beta', 'Alpha', 'gamma']);
    expect(order('closeDate')).toEqual(['gamma', 'beta', 'Alpha']);
    expect(order('amount')).toEqual(['gamma', 'beta', 'Alpha']);
    expect(order('title')).toEqual(['Alpha', 'beta', 'gamma']);
  });

  it('groups 20,000 deals with totals over all of them', () => {
    const deals = Array.from({ length: 20_000 }, (_, i) => deal({ stageId: PIPELINE.stages[i % 7].id, amount: 100 }));
    const board = groupBoard(deals, PIPELINE, { defaultCurrency: 'EUR' });
    expect(board.columns.map((c) => c.count)).toEqual([2858, 2857, 2857, 2857, 2857, 2857, 2857]);
    expect(board.totals[0].amount).toBe(2_000_000);
  });
});

describe('pipelines', () => {
  const second: Pipeline = { id: 'partners', name: 'Partners', order: 1, stages: [{ id: 'intro', name: 'Intro', probability: 5, kind: 'open' }] };
  const pipelines = [second, PIPELINE];

  it('falls back to the first pipeline by order when the remembered one is gone', () => {
    expect(pickPipeline(pipelines, 'partners')!.id).toBe('partners');
    expect(pickPipeline(pipelines, 'removed')!.id).toBe('sales');
  });

  it('shows a deal without a known pipeline in the first pipeline only', () => {
    expect(inPipeline(deal({ pipelineId: null }), PIPELINE, pipelines)).toBe(true);
    expect(inPipeline(deal({ pipelineId: 'removed' }), PIPELINE, pipelines)).toBe(true);
    expect(inPipeline(deal({ pipelineId: null }), second, pipelines)).toBe(false);
    expect(inPipeline(deal({ pipelineId: 'partners' }), second, pipelines)).toBe(true);
    expect(inPipeline(deal({ pipelineId: 'partners' }), PIPELINE, pipelines)).toBe(false);
  });
});
