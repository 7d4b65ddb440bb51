// Revenue forecast per month, per currency. A month's money is what was already won in it
// (won deals by `closedAt`) plus what open deals expected to close in it (`expectedCloseDate`)
// may bring, read three ways:
// - weighted:   won + Σ open amount × probability / 100 (the deal's own probability when set,
//               else its stage's, as on the board);
// - best case:  won + Σ open amount (every open deal closes);
// - worst case: won + Σ open amount of committed deals only, those whose probability is at
//               least `commitProbability` (80 by default): what is nearly certain.
// Date range: the month dates above. Open deals expected to close before the current local
// month are late: they are not spread over past months but summed in `pastDue`, whatever the
// range (they are still in play now). Open deals without an expected close date are summed
// in `undated`. Lost deals play no part. Deals without an amount are counted, not summed.
import type { ReportContext, ReportData } from '../context.ts';
import { dayNumberOfDate, monthAxis, monthIndexOfDay, monthKey } from '../calendar.ts';
import { compileRange, dealMatcher, inDays, type ReportFilters } from '../filters.ts';
import { CurrencyConverter, MoneySum, isAmount, type MoneyAmount } from '../money.ts';
import { PipelineIndex, effectiveProbability } from '../pipelines.ts';

export const DEFAULT_COMMIT_PROBABILITY = 80;

export interface RevenueForecastOptions {
  filters?: ReportFilters;
  commitProbability?: number;
}

export interface ForecastMonth {
  /** `YYYY-MM`. */
  month: string;
  wonCount: number;
  openCount: number;
  won: MoneyAmount[];
  weighted: MoneyAmount[];
  bestCase: MoneyAmount[];
  worstCase: MoneyAmount[];
}

export interface OpenFigures {
  count: number;
  amount: MoneyAmount[];
  weighted: MoneyAmount[];
}

export interface RevenueForecast {
  commitProbability: number;
  months: ForecastMonth[];
  pastDue: OpenFigures;
  undated: OpenFigures;
}

interface Bucket {
  wonCount: number;
  openCount: number;
  won: MoneySum;
  weighted: MoneySum;
  best: MoneySum;
  worst: MoneySum;
}

const newBucket = (): Bucket => ({ wonCount: 0, openCount: 0, won: new MoneySum(), weighted: new MoneySum(), best: new MoneySum(), worst: new MoneySum() });

export function revenueForecast(data: ReportData, ctx: ReportContext, options: RevenueForecastOptions = {}): RevenueForecast {
  const commit = options.commitProbability ?? DEFAULT_COMMIT_PROBABILITY;
  const index = new PipelineIndex(ctx.pipelines);
  const keep = dealMatcher(options.filters, ctx, index);
  const range = compileRange(options.filters?.range, ctx.zone);
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const currentMonth = monthIndexOfDay(ctx.zone.dayOf(ctx.now));
  const buckets = new Map<number, Bucket>();
  const pastDue = { count: 0, amount: new MoneySum(), weighted: new MoneySum() };
  const undated = { count: 0, amount: new MoneySum(), weighted: new MoneySum() };
  let seenMin = Infinity, seenMax = -Infinity;

  for (const deal of data.deals ?? []) {
    const info = index.stageOf(deal.pipelineId, deal.stageId);
    if (!info || info.kind === 'lost' || !keep(deal)) continue;
    const hasAmount = isAmount(deal.amount);
    const currency = converter.currencyOf(deal.currency);
    const amount = hasAmount ? converter.convert(deal.amount as number, deal.currency) : 0;
    const day = dayNumberOfDate(info.kind === 'won' ? deal.closedAt : deal.expectedCloseDate);
    if (info.kind === 'open') {
      const probability = effectiveProbability(deal.probability, info);
      const late = day === day && monthIndexOfDay(day) < currentMonth;
      if (day !== day || late) {
        const into = late ? pastDue : undated;
        into.count++;
        if (hasAmount) {
          into.amount.add(currency, amount);
          into.weighted.add(currency, (amount * probability) / 100);
        }
        continue;
      }
      if (!inDays(range, day)) continue;
      const bucket = bucketOf(buckets, monthIndexOfDay(day));
      bucket.openCount++;
      if (hasAmount) {
        // Zeros too, so that every series of a month lists the same currencies.
        bucket.won.add(currency, 0);
        bucket.weighted.add(currency, (amount * probability) / 100);
        bucket.best.add(currency, amount);
        bucket.worst.add(currency, probability >= commit ? amount : 0);
      }
    } else {
      if (day !== day || !inDays(range, day)) continue;
      const bucket = bucketOf(buckets, monthIndexOfDay(day));
      bucket.wonCount++;
      if (hasAmount) {
        bucket.won.add(currency, amount);
        bucket.weighted.add(currency, amount);
        bucket.best.add(currency, amount);
        bucket.worst.add(currency, amount);
      }
    }
    const month = monthIndexOfDay(day);
    if (month < seenMin) seenMin = month;
    if (month > seenMax) seenMax = month;
  }

  const dc = ctx.defaultCurrency;
  const months: ForecastMonth[] = [];
  const axis = monthAxis(range.fromDay, range.endDay, seenMin, seenMax);
  if (axis) {
    for (let m = axis[0]; m <= axis[1]; m++) {
      const b = buckets.get(m) ?? newBucket();
      months.push({
        month: monthKey(m), wonCount: b.wonCount, openCount: b.openCount,
        won: b.won.list(dc), weighted: b.weighted.list(dc), bestCase: b.best.list(dc), worstCase: b.worst.list(dc),
      });
    }
  }
  const open = (o: typeof pastDue): OpenFigures => ({ count: o.count, amount: o.amount.list(dc), weighted: o.weighted.list(dc) });
  return { commitProbability: commit, months, pastDue: open(pastDue), undated: open(undated) };
}

function bucketOf(buckets: Map<number, Bucket>, month: number): Bucket {
  let bucket = buckets.get(month);
  if (!bucket) buckets.set(month, (bucket = newBucket()));
  return bucket;
}
