// Pipeline funnel: for one pipeline, how many deals sit in each stage and for how much, and how
// deals convert from one stage to the next. Date range: when the deal was created (a cohort).
//
// Conversion is read from where deals are now, since rows keep no stage history:
// - a deal in open stage k has reached every open stage up to k;
// - a won deal has reached every open stage and the won step;
// - a lost deal has reached the open stages up to the one it was lost from, when the caller
//   knows it (`lostFrom`: deal id → stage id, e.g. from the history of stage changes), and
//   only the first open stage otherwise (the most cautious reading).
// The funnel's steps are the open stages in pipeline order followed by one "won" step (every
// won-kind stage together). `conversionToNext` of a step is reached(next) / reached(step): of
// the deals that got this far, the share that got at least one step further. It is null when
// no deal reached the step. Lost-kind stages appear among `stages` (with their count and
// amount) but are not funnel steps.
import type { StageKind } from '@carnet/schema';
import type { ReportContext, ReportData } from '../context.ts';
import { REPORT_ERRORS, ReportError } from '../errors.ts';
import { compileRange, dealMatcher, inInstants, type ReportFilters } from '../filters.ts';
import { CurrencyConverter, MoneySum, isAmount, type MoneyAmount } from '../money.ts';
import { PipelineIndex } from '../pipelines.ts';
import { ratio } from '../stats.ts';

export interface PipelineFunnelOptions {
  filters?: ReportFilters;
  /** The pipeline to draw; the first pipeline in display order when absent. */
  pipelineId?: string;
  /** Deal id → id of the open stage a lost deal was in when it was lost. */
  lostFrom?: ReadonlyMap<string, string>;
}

export interface FunnelStage {
  stageId: string;
  name: string;
  kind: StageKind;
  /** Deals currently in this stage. */
  count: number;
  amount: MoneyAmount[];
  /** Deals in this stage without an amount (counted, not summed). */
  withoutAmount: number;
}

export interface FunnelStep {
  /** An open stage's id, or `won`. */
  stepId: string;
  name: string;
  /** Deals that reached this step or went further. */
  reached: number;
  conversionToNext: number | null;
}

export interface PipelineFunnel {
  pipelineId: string | null;
  stages: FunnelStage[];
  steps: FunnelStep[];
  /** Deals counted (in any stage). */
  total: number;
  won: number;
  lost: number;
  /** won / reached(first step): the share of deals that entered the funnel and were won. */
  overallConversion: number | null;
}

export function pipelineFunnel(data: ReportData, ctx: ReportContext, options: PipelineFunnelOptions = {}): PipelineFunnel {
  const index = new PipelineIndex(ctx.pipelines);
  const pipeline = options.pipelineId ? index.pipeline(options.pipelineId) : index.first;
  if (options.pipelineId && !pipeline) {
    throw new ReportError(REPORT_ERRORS.unknownPipeline, `Unknown pipeline ${JSON.stringify(options.pipelineId)}`);
  }
  if (!pipeline) return { pipelineId: null, stages: [], steps: [], total: 0, won: 0, lost: 0, overallConversion: null };

  const keep = dealMatcher(options.filters, ctx, index);
  const range = compileRange(options.filters?.range, ctx.zone);
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const stageCount = pipeline.stages.length;
  const counts = new Int32Array(stageCount);
  const withoutAmount = new Int32Array(stageCount);
  const sums = pipeline.stages.map(() => new MoneySum());
  const openCount = pipeline.stages.filter((s) => s.kind === 'open').length;
  // furthest[k]: deals whose furthest step is k (0..openCount-1 open stages, openCount = won).
  const furthest = new Int32Array(openCount + 1);
  let total = 0, won = 0, lost = 0;

  for (const deal of data.deals ?? []) {
    const info = index.stageOf(deal.pipelineId, deal.stageId);
    if (!info || info.pipeline !== pipeline) continue;
    if (!inInstants(range, deal.createdAt) || !keep(deal)) continue;
    total++;
    counts[info.position]++;
    if (isAmount(deal.amount)) sums[info.position].add(converter.currencyOf(deal.currency), converter.convert(deal.amount, deal.currency));
    else withoutAmount[info.position]++;
    if (info.kind === 'open') furthest[info.openPosition]++;
    else if (info.kind === 'won') {
      won++;
      furthest[openCount]++;
    } else {
      lost++;
      const from = options.lostFrom?.get(deal.id);
      const fromInfo = from ? index.stageOf(pipeline.id, from) : undefined;
      if (openCount > 0) furthest[fromInfo && fromInfo.stage.id === from && fromInfo.openPosition >= 0 ? fromInfo.openPosition : 0]++;
    }
  }

  const reached = new Int32Array(openCount + 1);
  let running = 0;
  for (let k = openCount; k >= 0; k--) reached[k] = running += furthest[k];
  const hasWon = pipeline.stages.some((s) => s.kind === 'won');
  const steps: FunnelStep[] = [];
  const openStages = pipeline.stages.filter((s) => s.kind === 'open');
  openStages.forEach((stage, k) => {
    const next = k + 1 < openCount || hasWon ? reached[k + 1] : null;
    steps.push({ stepId: stage.id, name: stage.name, reached: reached[k], conversionToNext: next === null ? null : ratio(next, reached[k]) });
  });
  if (hasWon) {
    steps.push({ stepId: 'won', name: pipeline.stages.find((s) => s.kind === 'won')!.name, reached: reached[openCount], conversionToNext: null });
  }

  return {
    pipelineId: pipeline.id,
    stages: pipeline.stages.map((stage, i) => ({
      stageId: stage.id, name: stage.name, kind: stage.kind,
      count: counts[i], amount: sums[i].list(ctx.defaultCurrency), withoutAmount: withoutAmount[i],
    })),
    steps,
    total,
    won,
    lost,
    overallConversion: steps.length && hasWon ? ratio(won, reached[0]) : null,
  };
}
