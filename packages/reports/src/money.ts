// Money in reports: amounts in different currencies are never added together. A sum is one
// figure per currency, unless the caller passes a rate table, in which case every currency
// the table knows is converted into its base currency and the rest stay apart.

/** `rates[c]` is the value of one unit of currency `c` in `base` (`{ base: 'EUR', rates: { USD: 0.92 } }`). */
export interface RateTable {
  base: string;
  rates: Readonly<Record<string, number>>;
}

export interface MoneyAmount {
  currency: string;
  amount: number;
}

/** How a deal's currency is read: a missing currency is the workspace default (as on the board). */
export class CurrencyConverter {
  readonly defaultCurrency: string;
  readonly #rates: RateTable | undefined;

  constructor(defaultCurrency: string, rates?: RateTable) {
    this.defaultCurrency = defaultCurrency;
    this.#rates = rates;
  }

  /** The currency a deal's amount is summed in (after conversion when a rate is known). */
  currencyOf(currency: string | null | undefined): string {
    const c = currency || this.defaultCurrency;
    const rates = this.#rates;
    if (rates && c !== rates.base && rates.rates[c] !== undefined) return rates.base;
    return c;
  }

  /** The amount in `currencyOf(currency)`. */
  convert(amount: number, currency: string | null | undefined): number {
    const rates = this.#rates;
    if (!rates) return amount;
    const c = currency || this.defaultCurrency;
    if (c === rates.base) return amount;
    const rate = rates.rates[c];
    return rate === undefined ? amount : amount * rate;
  }
}

/** A running sum per currency. */
export class MoneySum {
  readonly #byCurrency = new Map<string, number>();

  add(currency: string, amount: number): void {
    this.#byCurrency.set(currency, (this.#byCurrency.get(currency) ?? 0) + amount);
  }

  get(currency: string): number {
    return this.#byCurrency.get(currency) ?? 0;
  }

  currencies(): IterableIterator<string> {
    return this.#byCurrency.keys();
  }

  get isEmpty(): boolean {
    return this.#byCurrency.size === 0;
  }

  /** One line per currency, rounded to cents: the default currency first, then alphabetical. */
  list(defaultCurrency: string): MoneyAmount[] {
    return sortMoney([...this.#byCurrency].map(([currency, amount]) => ({ currency, amount: roundCents(amount) })), defaultCurrency);
  }
}

export function sortMoney(amounts: MoneyAmount[], defaultCurrency: string): MoneyAmount[] {
  return amounts.sort((a, b) =>
    a.currency === b.currency ? 0
      : a.currency === defaultCurrency ? -1
        : b.currency === defaultCurrency ? 1
          : a.currency < b.currency ? -1 : 1,
  );
}

/** Sums of floating amounts drift (0.1 + 0.2); figures are shown to the cent. */
export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Whether a row's amount can be summed. */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
