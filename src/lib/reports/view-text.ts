// Words and numbers of the report widgets in the interface language. Report views are pure
// functions of a report's result and this object: the app builds it from the Locale, tests
// from a dictionary, so the views never reach for a rune or a global.
import { defaultPipeline } from '@carnet/schema';
import type { MoneyAmount } from '@carnet/reports';
import { formatMoney, formatNumber } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';

export interface ViewText {
  /** BCP 47 tag for numbers and dates. */
  tag: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A key built at run time, with a fallback when the dictionary has none. */
  label(key: string, fallback: string): string;
}

export type ValueFormat = 'count' | 'money' | 'percent' | 'days';

const DEFAULT_PIPELINE = defaultPipeline();

export function formatCount(text: ViewText, value: number): string {
  return formatNumber(text.tag, value, 0);
}

/** A share between 0 and 1 as a whole percentage ("45%", "45 %"); a dash when unknown. */
export function formatPercent(text: ViewText, ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return text.t('value.none');
  return new Intl.NumberFormat(text.tag, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

export function formatDays(text: ViewText, days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return text.t('value.none');
  const n = Math.round(days * 10) / 10;
  return text.t(n === 1 ? 'reports.value.day' : 'reports.value.days', { n: formatNumber(text.tag, n, 1) });
}

export function formatValue(text: ViewText, format: ValueFormat, value: number | null | undefined, currency: string | null): string {
  if (value === null || value === undefined || Number.isNaN(value)) return text.t('value.none');
  switch (format) {
    case 'count': return formatCount(text, value);
    case 'money': return formatMoney(text.tag, value, currency ?? 'EUR');
    case 'percent': return formatPercent(text, value);
    case 'days': return formatDays(text, value);
  }
}

/** Amounts in several currencies, never added together: "12,000 € + $3,500". */
export function formatMoneyList(text: ViewText, amounts: readonly MoneyAmount[], fallbackCurrency: string): string {
  if (amounts.length === 0) return formatMoney(text.tag, 0, fallbackCurrency);
  return amounts.map((m) => formatMoney(text.tag, m.amount, m.currency)).join(' + ');
}

/** The amount in one currency of a per-currency list (0 when absent). */
export function amountIn(amounts: readonly MoneyAmount[], currency: string): number {
  return amounts.find((m) => m.currency === currency)?.amount ?? 0;
}

/** Whether a list holds amounts in currencies other than `currency` (they are not drawn). */
export function hasOtherCurrencies(amounts: readonly MoneyAmount[], currency: string): boolean {
  return amounts.some((m) => m.currency !== currency && m.amount !== 0);
}

/** `2026-03` as "Mar 2026". */
export function formatMonth(text: ViewText, key: string): string {
  const [y, m] = key.split('-').map(Number);
  if (!y || !m) return key;
  return new Intl.DateTimeFormat(text.tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** A goal period, `2026-03` or `2026-Q1`, as "March 2026" or "Q1 2026". */
export function formatPeriod(text: ViewText, key: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return text.t('reports.period.quarter', { q: quarter[2], year: quarter[1] });
  const [y, m] = key.split('-').map(Number);
  if (!y || !m) return key;
  return new Intl.DateTimeFormat(text.tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** A person a report lists: their name, "Former member", or "Unassigned". */
export function personName(text: ViewText, ownerId: string | null, name: string | null): string {
  if (name) return name;
  return ownerId === null ? text.t('reports.unassigned') : text.t('value.unknownUser');
}

/** A stage's name, in the interface language while the workspace kept the default one. */
export function stageLabel(text: ViewText, stageId: string, name: string): string {
  const standard = DEFAULT_PIPELINE.stages.find((s) => s.id === stageId);
  return standard && standard.name === name ? text.label(`deals.stage.${stageId}`, name) : name;
}

export function sourceLabel(text: ViewText, source: string | null): string {
  return source === null ? text.t('reports.noSource') : text.label(`source.${source}`, source);
}

/** An axis tick, short: "12K", "€12K", "40%", "3". */
export function formatTick(text: ViewText, format: ValueFormat, value: number, currency: string | null): string {
  if (format === 'percent') return formatPercent(text, value);
  if (format === 'money' && currency) {
    try {
      return new Intl.NumberFormat(text.tag, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
    } catch {
      // An unknown currency code: the number alone.
    }
  }
  return new Intl.NumberFormat(text.tag, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
