// Moving a deal to another stage through the store (one undo step), returning what the
// "Undo" of the move notice writes back. Shared by the board, the table and the deal page.
import type { Pipeline, Stage } from '@carnet/schema';
import type { Store } from '@carnet/store';
import { revertPatch, stageMovePatch, stageOf, type DealRow } from '$lib/deals';

export interface DealMove {
  from: Stage;
  to: Stage;
  /** The fields to write to put the deal back where it was. */
  revert: Record<string, unknown>;
}

/** Moves `deal` to `toStageId` (with `extra` fields, e.g. a lost reason); null when it is already there. */
export async function moveDeal(
  store: Store,
  deal: DealRow,
  pipeline: Pipeline,
  toStageId: string,
  today: string,
  extra: Record<string, unknown> = {},
): Promise<DealMove | null> {
  const from = stageOf(pipeline, deal.stageId);
  const to = pipeline.stages.find((s) => s.id === toStageId);
  if (!to || (to.id === deal.stageId && deal.pipelineId === pipeline.id && !Object.keys(extra).length)) return null;
  const patch = stageMovePatch(deal, from, to, pipeline.id, today);
  const revert = revertPatch(deal, patch);
  for (const key of Object.keys(extra)) revert[key] = deal[key] ?? null;
  await store.update('deals', deal.id, { ...patch, ...extra });
  return { from, to, revert };
}
