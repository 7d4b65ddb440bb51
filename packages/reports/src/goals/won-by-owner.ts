// Won deals summed per owner and month, in one pass, for goals and the leaderboard: each goal
// or entry then adds up a few months of a few owners instead of reading every deal again.
import { dayNumberOfDate, monthIndexOfDay } from '../calendar.ts';
import type { ReportContext, ReportData } from '../context.ts';
import { dealMatcher, type ReportFilters } from '../filters.ts';
import { CurrencyConverter, MoneySum, isAmount } from '../money.ts';
import { PipelineIndex } from '../pipelines.ts';

export interface WonMonth {
  count: number;
  amount: MoneySum;
}

/** owner id (null: unassigned) → month index → won figures. */
export type WonByOwner = Map<string | null, Map<number, WonMonth>>;

/**
 * Won deals with a closing date between two local days (`fromDay` included, `endDay` not),
 * passing the filters but their date range.
 */
export function wonByOwnerAndMonth(data: ReportData, ctx: ReportContext, filters: ReportFilters | undefined, fromDay: number, endDay: number): WonByOwner {
  const index = new PipelineIndex(ctx.pipelines);
  const keep = dealMatcher(filters, ctx, index);
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const result: WonByOwner = new Map();
  for (const deal of data.deals ?? []) {
    const info = index.stageOf(deal.pipelineId, deal.stageId);
    if (!info || info.kind !== 'won') continue;
    const day = dayNumberOfDate(deal.closedAt);
    if (!(day >= fromDay && day < endDay) || !keep(deal)) continue;
    const ownerId = typeof deal.ownerId === 'string' ? deal.ownerId : null;
    let months = result.get(ownerId);
    if (!months) result.set(ownerId, (months = new Map()));
    const month = monthIndexOfDay(day);
    let figures = months.get(month);
    if (!figures) months.set(month, (figures = { count: 0, amount: new MoneySum() }));
    figures.count++;
    if (isAmount(deal.amount)) figures.amount.add(converter.currencyOf(deal.currency), converter.convert(deal.amount, deal.currency));
  }
  return result;
}

/** Sum over some owners (every owner when null) and months of a WonByOwner. */
export function sumWon(won: WonByOwner, owners: ReadonlySet<string> | null, firstMonth: number, lastMonth: number): { count: number; amount: MoneySum } {
  const total = { count: 0, amount: new MoneySum() };
  for (const [ownerId, months] of won) {
    if (owners && (ownerId === null || !owners.has(ownerId))) continue;
    for (const [month, figures] of months) {
      if (month < firstMonth || month > lastMonth) continue;
      total.count += figures.count;
      for (const currency of figures.amount.currencies()) total.amount.add(currency, figures.amount.get(currency));
    }
  }
  return total;
}
