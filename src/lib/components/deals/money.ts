// Totals per currency as one line of text ("€12,000 + $3,500"), in the interface language;
// no amount at all reads as zero in the workspace's default currency.
import { formatMoney } from '$lib/i18n';
import type { CurrencyTotal } from '$lib/deals';

export function formatTotals(tag: string, totals: readonly CurrencyTotal[], pick: 'amount' | 'weighted', defaultCurrency: string): string {
  if (!totals.length) return formatMoney(tag, 0, defaultCurrency);
  return totals.map((t) => formatMoney(tag, Math.round(t[pick]), t.currency)).join(' + ');
}
