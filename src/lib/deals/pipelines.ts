// Where a deal sits: its pipeline and its stage, with the fallbacks the board relies on (a
// deal without a pipeline belongs to the first one; an unknown stage shows in the first
// column), so every deal appears exactly once.
import type { Pipeline, Row, Stage } from '@carnet/schema';

export type DealRow = Row<'deals'>;

/** Pipelines in their display order. */
export function orderedPipelines(pipelines: readonly Pipeline[]): Pipeline[] {
  return [...pipelines].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

/** The pipeline with `id`, or the first one when it does not exist (a removed pipeline). */
export function pickPipeline(pipelines: readonly Pipeline[], id: string | null | undefined): Pipeline | undefined {
  const ordered = orderedPipelines(pipelines);
  return ordered.find((p) => p.id === id) ?? ordered[0];
}

/** Whether a deal is shown in `pipeline` (deals without a known pipeline go to the first). */
export function inPipeline(
  deal: Pick<DealRow, 'pipelineId'>,
  pipeline: Pipeline,
  pipelines: readonly Pipeline[],
): boolean {
  if (deal.pipelineId === pipeline.id) return true;
  if (deal.pipelineId && pipelines.some((p) => p.id === deal.pipelineId)) return false;
  return orderedPipelines(pipelines)[0]?.id === pipeline.id;
}

/** The stage a deal is shown in: its own, or the pipeline's first when unknown. */
export function stageOf(pipeline: Pipeline, stageId: string | null | undefined): Stage {
  return pipeline.stages.find((s) => s.id === stageId) ?? pipeline.stages[0];
}

export function stageIndex(pipeline: Pipeline, stageId: string | null | undefined): number {
  const index = pipeline.stages.findIndex((s) => s.id === stageId);
  return index < 0 ? 0 : index;
}

/** The first stage of a kind (the "Won" or "Lost" target of the deal page's buttons). */
export function firstStageOfKind(pipeline: Pipeline, kind: Stage['kind']): Stage | undefined {
  return pipeline.stages.find((s) => s.kind === kind);
}
