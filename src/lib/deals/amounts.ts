// Money on the board: a deal's weighted amount and totals per currency. Amounts in different
// currencies are never added together; a total is one figure per currency.
import type { Stage } from '@carnet/schema';
import type { DealRow } from './pipelines.ts';

type Priced = Pick<DealRow, 'amount' | 'currency' | 'probability'>;

/** The deal's own probability when set, else its stage's default (percent, 0–100). */
export function effectiveProbability(deal: Pick<DealRow, 'probability'>, stage: Stage): number {
  return deal.probability ?? stage.probability;
}

/** amount × probability; 0 for a deal without an amount. */
export function weightedAmount(deal: Priced, stage: Stage): number {
  if (deal.amount === null || deal.amount === undefined) return 0;
  return (deal.amount * effectiveProbability(deal, stage)) / 100;
}

export interface CurrencyTotal {
  currency: string;
  amount: number;
  weighted: number;
}

/** Totals keyed by currency, built up one deal at a time. */
export class MoneyTotals {
  readonly #byCurrency = new Map<string, CurrencyTotal>();
  count = 0;

  constructor(readonly defaultCurrency: string) {}

  add(deal: Priced, stage: Stage): void {
    this.count++;
    if (deal.amount === null || deal.amount === undefined) return;
    const currency = deal.currency || this.defaultCurrency;
    let total = this.#byCurrency.get(currency);
    if (!total) this.#byCurrency.set(currency, (total = { currency, amount: 0, weighted: 0 }));
    total.amount += deal.amount;
    total.weighted += weightedAmount(deal, stage);
  }

  /** One line per currency: the default currency first, then the others alphabetically. */
  list(): CurrencyTotal[] {
    return [...this.#byCurrency.values()].sort((a, b) =>
      a.currency === this.defaultCurrency ? -1 : b.currency === this.defaultCurrency ? 1 : a.currency < b.currency ? -1 : 1,
    );
  }
}
