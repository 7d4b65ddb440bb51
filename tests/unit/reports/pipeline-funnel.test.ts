import { describe, expect, it } from 'vitest';
import { ReportError, pipelineFunnel } from '@carnet/reports';
import { at, context, deal, deleted } from './fixtures.ts';

// Sales pipeline: open stages qualified, contact_made, demo, proposal, negotiation; won; lost.
function rows() {
  const d = {
    q1: deal({ stageId: 'qualified', amount: 1000, createdAt: at('2025-06-01T09:00:00Z') }),
    q2: deal({ stageId: 'qualified', amount: 500, currency: 'USD' }),
    demo1: deal({ stageId: 'demo', amount: 2000 }),
    neg: deal({ stageId: 'negotiation', amount: null }),
    won1: deal({ stageId: 'won', amount: 3000 }),
    won2: deal({ stageId: 'won', amount: 1000 }),
    lost1: deal({ stageId: 'lost', amount: 400 }),
    lost2: deal({ stageId: 'lost', amount: 100 }),
    renewal: deal({ pipelineId: 'renewals', stageId: 'due', amount: 50 }),
    gone: deleted(deal({ stageId: 'qualified', amount: 7777 })),
    // No pipeline: counted in the first pipeline (as on the board).
    noPipeline: deal({ pipelineId: null, stageId: 'demo', amount: 100 }),
    // A stage that no longer exists: counted in the pipeline's first stage.
    oldStage: deal({ stageId: 'vanished', amount: null }),
  };
  return { d, data: { deals: Object.values(d) } };
}

describe('pipeline funnel', () => {
  it('counts deals and sums amounts per stage and currency, leaving out deleted and other pipelines', () => {
    const { data } = rows();
    const funnel = pipelineFunnel(data, context());
    expect(funnel.pipelineId).toBe('sales');
    expect(funnel.stages.map((s) => [s.stageId, s.count, s.amount, s.withoutAmount])).toEqual([
      // q1 1000 EUR + q2 500 USD + oldStage (no amount)
      ['qualified', 3, [{ currency: 'EUR', amount: 1000 }, { currency: 'USD', amount: 500 }], 1],
      ['contact_made', 0, [], 0],
      // demo1 2000 + noPipeline 100
      ['demo', 2, [{ currency: 'EUR', amount: 2100 }], 0],
      ['proposal', 0, [], 0],
      ['negotiation', 1, [], 1],
      // 3000 + 1000
      ['won', 2, [{ currency: 'EUR', amount: 4000 }], 0],
      // 400 + 100
      ['lost', 2, [{ currency: 'EUR', amount: 500 }], 0],
    ]);
    expect([funnel.total, funnel.won, funnel.lost]).toEqual([10, 2, 2]);
  });

  it('converts between steps from how far deals got, lost deals counting at the first stage', () => {
    const { data } = rows();
    const funnel = pipelineFunnel(data, context());
    // Furthest step: qualified 3 + 2 lost = 5, demo 2, negotiation 1, won 2.
    // Reached (this step or further): won 2, negotiation 3, proposal 3, demo 5, contact_made 5, qualified 10.
    expect(funnel.steps.map((s) => [s.stepId, s.reached])).toEqual([
      ['qualified', 10], ['contact_made', 5], ['demo', 5], ['proposal', 3], ['negotiation', 3], ['won', 2],
    ]);
    expect(funnel.steps.map((s) => s.conversionToNext)).toEqual([5 / 10, 5 / 5, 3 / 5, 3 / 3, 2 / 3, null]);
    expect(funnel.overallConversion).toBe(2 / 10);
  });

  it('counts a lost deal up to the stage it was lost from when the caller knows it', () => {
    const { d, data } = rows();
    const funnel = pipelineFunnel(data, context(), { lostFrom: new Map([[d.lost1.id, 'proposal']]) });
    // lost1 now reaches qualified..proposal: reached won 2, negotiation 3, proposal 4, demo 6, contact_made 6, qualified 10.
    expect(funnel.steps.map((s) => s.reached)).toEqual([10, 6, 6, 4, 3, 2]);
    expect(funnel.steps.map((s) => s.conversionToNext)).toEqual([6 / 10, 6 / 6, 4 / 6, 3 / 4, 2 / 3, null]);
  });

  it('keeps only deals created in the date range', () => {
    const { data } = rows();
    const funnel = pipelineFunnel(data, context(), { filters: { range: { from: '2026-01-01' } } });
    // q1 was created in 2025: qualified keeps q2 and oldStage.
    expect(funnel.stages[0].count).toBe(2);
    expect(funnel.total).toBe(9);
  });

  it('draws another pipeline by id with its own won step', () => {
    const { data } = rows();
    const funnel = pipelineFunnel(data, context(), { pipelineId: 'renewals' });
    expect(funnel.stages.map((s) => [s.stageId, s.count])).toEqual([['due', 1], ['renewed', 0], ['churned', 0]]);
    expect(funnel.steps).toEqual([
      { stepId: 'due', name: 'Due', reached: 1, conversionToNext: 0 },
      { stepId: 'won', name: 'Renewed', reached: 0, conversionToNext: null },
    ]);
  });

  it('refuses an unknown pipeline with unknown_pipeline', () => {
    expect(() => pipelineFunnel({}, context(), { pipelineId: 'nope' })).toThrowError(ReportError);
  });

  it('shows empty stages and unknown conversions over no deals', () => {
    const funnel = pipelineFunnel({}, context());
    expect(funnel.total).toBe(0);
    expect(funnel.stages.every((s) => s.count === 0 && s.amount.length === 0)).toBe(true);
    expect(funnel.steps.every((s) => s.reached === 0 && s.conversionToNext === null)).toBe(true);
    expect(funnel.overallConversion).toBeNull();
  });

  it('returns an empty funnel when the workspace has no pipeline', () => {
    expect(pipelineFunnel(rows().data, context({ pipelines: [] })).stages).toEqual([]);
  });
});
