// What changes when a deal moves to another stage: the stage, the probability when it was
// following the stage's default, and the close date (set on entering a won or lost stage from
// an open one, cleared on going back to an open stage).
import type { Stage } from '@carnet/schema';
import type { DealRow } from './pipelines.ts';

export interface StageMovePatch {
  stageId: string;
  pipelineId: string;
  probability?: number | null;
  closedAt?: string | null;
}

export function stageMovePatch(
  deal: Pick<DealRow, 'probability' | 'closedAt'>,
  from: Stage,
  to: Stage,
  pipelineId: string,
  today: string,
): StageMovePatch {
  const patch: StageMovePatch = { stageId: to.id, pipelineId };
  if (deal.probability !== null && deal.probability === from.probability) patch.probability = to.probability;
  if (to.kind === 'open') {
    if (deal.closedAt) patch.closedAt = null;
  } else if (from.kind === 'open' || !deal.closedAt) {
    patch.closedAt = today;
  }
  return patch;
}

/** The patch that puts back what `patch` changed (the "Undo" of a move notice). */
export function revertPatch(
  deal: Pick<DealRow, 'stageId' | 'pipelineId' | 'probability' | 'closedAt'>,
  patch: StageMovePatch,
): Record<string, unknown> {
  const back: Record<string, unknown> = { stageId: deal.stageId, pipelineId: deal.pipelineId };
  if ('probability' in patch) back.probability = deal.probability;
  if ('closedAt' in patch) back.closedAt = deal.closedAt;
  return back;
}
