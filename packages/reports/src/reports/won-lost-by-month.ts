// Won and lost deals per month: how many and for how much, per currency. A deal is won or lost
// by the kind of the stage it sits in; its month is the month of its `closedAt` date (a
// calendar date, so no time zone applies). Date range: `closedAt`. Closed deals without a
// `closedAt` cannot be placed in a month: they are counted in `undated` (and left out
// entirely when a date range is given, since they cannot be shown to fall inside it).
// The months run without gaps over the range when it is bounded, else over the months seen.
import type { ReportContext, ReportData } from '../context.ts';
import { dayNumberOfDate, monthAxis, monthIndexOfDay, monthKey } from '../calendar.ts';
import { compileRange, dealMatcher, inDays, type ReportFilters } from '../filters.ts';
import { CurrencyConverter, MoneySum, isAmount, type MoneyAmount } from '../money.ts';
import { PipelineIndex } from '../pipelines.ts';

export interface WonLostOptions {
  filters?: ReportFilters;
}

export interface ClosedFigures {
  count: number;
  amount: MoneyAmount[];
}

export interface WonLostMonth {
  /** `YYYY-MM`. */
  month: string;
  won: ClosedFigures;
  lost: ClosedFigures;
}

export interface WonLostByMonth {
  months: WonLostMonth[];
  /** Won and lost deals without a closing date (only when no date range is given). */
  undated: { won: number; lost: number };
}

interface Bucket {
  won: number;
  lost: number;
  wonSum: MoneySum;
  lostSum: MoneySum;
}

export function wonLostByMonth(data: ReportData, ctx: ReportContext, options: WonLostOptions = {}): WonLostByMonth {
  const index = new PipelineIndex(ctx.pipelines);
  const keep = dealMatcher(options.filters, ctx, index);
  const range = compileRange(options.filters?.range, ctx.zone);
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const buckets = new Map<number, Bucket>();
  const undated = { won: 0, lost: 0 };
  let seenMin = Infinity, seenMax = -Infinity;

  for (const deal of data.deals ?? []) {
    const info = index.stageOf(deal.pipelineId, deal.stageId);
    if (!info || info.kind === 'open' || !keep(deal)) continue;
    const day = dayNumberOfDate(deal.closedAt);
    if (day !== day) {
      if (!range.bounded) undated[info.kind]++;
      continue;
    }
    if (!inDays(range, day)) continue;
    const month = monthIndexOfDay(day);
    let bucket = buckets.get(month);
    if (!bucket) buckets.set(month, (bucket = { won: 0, lost: 0, wonSum: new MoneySum(), lostSum: new MoneySum() }));
    if (month < seenMin) seenMin = month;
    if (month > seenMax) seenMax = month;
    const sum = info.kind === 'won' ? (bucket.won++, bucket.wonSum) : (bucket.lost++, bucket.lostSum);
    if (isAmount(deal.amount)) sum.add(converter.currencyOf(deal.currency), converter.convert(deal.amount, deal.currency));
  }

  const months: WonLostMonth[] = [];
  const axis = monthAxis(range.fromDay, range.endDay, seenMin, seenMax);
  if (axis) {
    for (let m = axis[0]; m <= axis[1]; m++) {
      const b = buckets.get(m);
      months.push({
        month: monthKey(m),
        won: { count: b?.won ?? 0, amount: b ? b.wonSum.list(ctx.defaultCurrency) : [] },
        lost: { count: b?.lost ?? 0, amount: b ? b.lostSum.list(ctx.defaultCurrency) : [] },
      });
    }
  }
  return { months, undated };
}
