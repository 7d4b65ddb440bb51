import { describe, expect, it } from 'vitest';
import { revertPatch, stageMovePatch } from '../../../src/lib/deals/index.ts';
import { deal, stage } from './deals-fixtures.ts';

const TODAY = '2026-03-15';

describe('moving a deal to another stage', () => {
  it('changes the stage and leaves a probability that follows the stage (null) alone', () => {
    expect(stageMovePatch(deal({ probability: null }), stage('qualified'), stage('demo'), 'sales', TODAY)).toEqual({
      stageId: 'demo', pipelineId: 'sales',
    });
  });

  it("moves a probability equal to the old stage's default to the new stage's default", () => {
    expect(stageMovePatch(deal({ probability: 10 }), stage('qualified'), stage('demo'), 'sales', TODAY)).toEqual({
      stageId: 'demo', pipelineId: 'sales', probability: 40,
    });
  });

  it('keeps a probability the rep set by hand', () => {
    expect(stageMovePatch(deal({ probability: 35 }), stage('qualified'), stage('demo'), 'sales', TODAY)).not.toHaveProperty('probability');
  });

  it('sets the close date on entering won or lost from an open stage', () => {
    expect(stageMovePatch(deal(), stage('negotiation'), stage('won'), 'sales', TODAY).closedAt).toBe(TODAY);
    expect(stageMovePatch(deal(), stage('demo'), stage('lost'), 'sales', TODAY).closedAt).toBe(TODAY);
  });

  it('keeps the close date between won and lost, and clears it on going back to an open stage', () => {
    expect(stageMovePatch(deal({ closedAt: '2026-02-01' }), stage('won'), stage('lost'), 'sales', TODAY)).not.toHaveProperty('closedAt');
    expect(stageMovePatch(deal({ closedAt: null }), stage('won'), stage('lost'), 'sales', TODAY).closedAt).toBe(TODAY);
    expect(stageMovePatch(deal({ closedAt: '2026-02-01' }), stage('won'), stage('proposal'), 'sales', TODAY).closedAt).toBeNull();
  });

  it('reverts exactly what the move changed', () => {
    const before = deal({ stageId: 'negotiation', probability: 80, closedAt: null, pipelineId: null });
    const patch = stageMovePatch(before, stage('negotiation'), stage('won'), 'sales', TODAY);
    expect(patch).toEqual({ stageId: 'won', pipelineId: 'sales', probability: 100, closedAt: TODAY });
    expect(revertPatch(before, patch)).toEqual({ stageId: 'negotiation', pipelineId: null, probability: 80, closedAt: null });
  });
});
