// Where a deal sits, looked up through maps built once per report call instead of scanning
// stages per deal. The fallbacks are the board's (src/lib/deals/pipelines.ts): a deal without
// a known pipeline belongs to the first pipeline in display order, and a deal whose stage is
// unknown sits in its pipeline's first stage, so every deal is counted exactly once.
import type { Pipeline, Stage, StageKind } from '@carnet/schema';

export interface StageInfo {
  pipeline: Pipeline;
  stage: Stage;
  kind: StageKind;
  /** Index of the stage in its pipeline. */
  position: number;
  /** Index among the pipeline's open stages; -1 for won and lost stages. */
  openPosition: number;
  probability: number;
}

interface PipelineEntry {
  pipeline: Pipeline;
  stages: Map<string, StageInfo>;
  first: StageInfo;
}

export class PipelineIndex {
  /** Pipelines in display order (by `order`, then id). */
  readonly ordered: readonly Pipeline[];
  readonly #byId = new Map<string, PipelineEntry>();
  readonly #first: PipelineEntry | undefined;

  constructor(pipelines: readonly Pipeline[]) {
    this.ordered = [...pipelines].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const pipeline of this.ordered) {
      if (pipeline.stages.length === 0) continue;
      const stages = new Map<string, StageInfo>();
      let open = 0;
      pipeline.stages.forEach((stage, position) => {
        stages.set(stage.id, {
          pipeline, stage, kind: stage.kind, position,
          openPosition: stage.kind === 'open' ? open++ : -1,
          probability: stage.probability,
        });
      });
      this.#byId.set(pipeline.id, { pipeline, stages, first: stages.get(pipeline.stages[0].id)! });
    }
    this.#first = this.ordered.length ? this.#byId.get(this.ordered[0].id) : undefined;
  }

  /** The stage a deal is counted in; undefined only when the workspace has no pipeline. */
  stageOf(pipelineId: string | null | undefined, stageId: string | null | undefined): StageInfo | undefined {
    const entry = (pipelineId ? this.#byId.get(pipelineId) : undefined) ?? this.#first;
    if (!entry) return undefined;
    return (stageId ? entry.stages.get(stageId) : undefined) ?? entry.first;
  }

  pipeline(id: string): Pipeline | undefined {
    return this.#byId.get(id)?.pipeline;
  }

  get first(): Pipeline | undefined {
    return this.#first?.pipeline;
  }
}

/** The deal's own probability when set, else its stage's (percent, 0–100), as on the board. */
export function effectiveProbability(probability: number | null | undefined, stage: StageInfo): number {
  return typeof probability === 'number' && Number.isFinite(probability) ? probability : stage.probability;
}
