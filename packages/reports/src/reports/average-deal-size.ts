// Average deal size of won deals, per currency: how many, the total, the mean and the median.
// Date range: `closedAt` (see closed-deals.ts). Won deals without an amount are counted in
// `withoutAmount` and left out of the averages (an unknown amount is not a zero amount).
import type { ReportContext, ReportData } from '../context.ts';
import { forEachClosedDeal } from '../closed-deals.ts';
import type { ReportFilters } from '../filters.ts';
import { CurrencyConverter, isAmount, roundCents, sortMoney } from '../money.ts';
import { median } from '../stats.ts';

export interface AverageDealSizeOptions {
  filters?: ReportFilters;
}

export interface DealSizeByCurrency {
  currency: string;
  count: number;
  total: number;
  mean: number;
  median: number;
}

export interface AverageDealSize {
  byCurrency: DealSizeByCurrency[];
  /** Won deals counted without an amount. */
  withoutAmount: number;
}

export function averageDealSize(data: ReportData, ctx: ReportContext, options: AverageDealSizeOptions = {}): AverageDealSize {
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const amounts = new Map<string, number[]>();
  let withoutAmount = 0;
  forEachClosedDeal(data, ctx, options.filters, (deal, stage) => {
    if (stage.kind !== 'won') return;
    if (!isAmount(deal.amount)) {
      withoutAmount++;
      return;
    }
    const currency = converter.currencyOf(deal.currency);
    let list = amounts.get(currency);
    if (!list) amounts.set(currency, (list = []));
    list.push(converter.convert(deal.amount, deal.currency));
  });
  const byCurrency = sortMoney([...amounts.keys()].map((currency) => ({ currency, amount: 0 })), ctx.defaultCurrency).map(({ currency }) => {
    const list = amounts.get(currency)!;
    let total = 0;
    for (const a of list) total += a;
    return { currency, count: list.length, total: roundCents(total), mean: roundCents(total / list.length), median: roundCents(median(list)!) };
  });
  return { byCurrency, withoutAmount };
}
