// The closed deals a report over outcomes reads (win rate, deal size, sales cycle): alive
// deals in a won or lost stage that pass the filters, with their closing day. Date range:
// `closedAt`. A closed deal without a `closedAt` is passed with a NaN day when no range is
// given, and left out when one is (it cannot be shown to fall inside it).
import { dayNumberOfDate } from './calendar.ts';
import type { DealRow, ReportContext, ReportData } from './context.ts';
import { compileRange, dealMatcher, inDays, type ReportFilters } from './filters.ts';
import { PipelineIndex, type StageInfo } from './pipelines.ts';

export function forEachClosedDeal(
  data: ReportData,
  ctx: ReportContext,
  filters: ReportFilters | undefined,
  visit: (deal: DealRow, stage: StageInfo, closedDay: number) => void,
): void {
  const index = new PipelineIndex(ctx.pipelines);
  const keep = dealMatcher(filters, ctx, index);
  const range = compileRange(filters?.range, ctx.zone);
  for (const deal of data.deals ?? []) {
    const info = index.stageOf(deal.pipelineId, deal.stageId);
    if (!info || info.kind === 'open' || !keep(deal)) continue;
    const day = dayNumberOfDate(deal.closedAt);
    if (day !== day ? range.bounded : !inDays(range, day)) continue;
    visit(deal, info, day);
  }
}
