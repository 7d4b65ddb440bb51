// Win rate: of the deals closed (won or lost), the share won — by count, by amount per
// currency, and per owner. Date range: `closedAt` (see closed-deals.ts). Open deals do not
// count: a deal still in play has neither been won nor lost.
import type { ReportContext, ReportData } from '../context.ts';
import { forEachClosedDeal } from '../closed-deals.ts';
import type { ReportFilters } from '../filters.ts';
import { memberNames, byValueThenName } from '../members.ts';
import { CurrencyConverter, MoneySum, isAmount, roundCents, sortMoney } from '../money.ts';
import { ratio } from '../stats.ts';

export interface WinRateOptions {
  filters?: ReportFilters;
}

export interface WinRateByCurrency {
  currency: string;
  won: number;
  lost: number;
  /** won / (won + lost) amounts; null when both are 0. */
  rate: number | null;
}

export interface WinRateByOwner {
  ownerId: string | null;
  name: string | null;
  won: number;
  lost: number;
  rate: number | null;
}

export interface WinRate {
  won: number;
  lost: number;
  /** won / (won + lost) by count; null when no deal was closed. */
  rate: number | null;
  byCurrency: WinRateByCurrency[];
  byOwner: WinRateByOwner[];
}

export function winRate(data: ReportData, ctx: ReportContext, options: WinRateOptions = {}): WinRate {
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const wonSum = new MoneySum();
  const lostSum = new MoneySum();
  const owners = new Map<string | null, { won: number; lost: number }>();
  let won = 0, lost = 0;

  forEachClosedDeal(data, ctx, options.filters, (deal, stage) => {
    const ownerId = typeof deal.ownerId === 'string' ? deal.ownerId : null;
    let owner = owners.get(ownerId);
    if (!owner) owners.set(ownerId, (owner = { won: 0, lost: 0 }));
    const isWon = stage.kind === 'won';
    if (isWon) { won++; owner.won++; } else { lost++; owner.lost++; }
    if (isAmount(deal.amount)) (isWon ? wonSum : lostSum).add(converter.currencyOf(deal.currency), converter.convert(deal.amount, deal.currency));
  });

  const currencies = new Set([...wonSum.currencies(), ...lostSum.currencies()]);
  const byCurrency = sortMoney([...currencies].map((currency) => ({ currency, amount: 0 })), ctx.defaultCurrency).map(({ currency }) => {
    const w = wonSum.get(currency);
    const l = lostSum.get(currency);
    return { currency, won: roundCents(w), lost: roundCents(l), rate: ratio(w, w + l) };
  });
  const names = memberNames(ctx);
  const byOwner = [...owners].map(([ownerId, o]) => ({
    ownerId, name: ownerId === null ? null : names.get(ownerId) ?? null, won: o.won, lost: o.lost, rate: ratio(o.won, o.won + o.lost),
  })).sort(byValueThenName((e) => e.won + e.lost));
  return { won, lost, rate: ratio(won, won + lost), byCurrency, byOwner };
}
