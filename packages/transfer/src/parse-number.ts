// Numbers as people type them in spreadsheets: "1 234,56 €", "1,234.56", "$1,200", "12%",
// "(150)". With both separators the last one is the decimal mark; with one, a lone group of
// three digits after it is read as thousands only in the locale that writes it so.

export type DecimalSeparator = ',' | '.';

export interface ParsedNumber {
  value: number;
  /** ISO code of a currency symbol or code found beside the number. */
  currency?: string;
  percent?: boolean;
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', 'CHF': 'CHF', 'Fr.': 'CHF', 'fr.': 'CHF' };
const CURRENCY = /^(€|\$|£|¥|US\$|CA\$|A\$|[A-Z]{3}(?![a-z])|Fr\.|fr\.)\s*|\s*(€|\$|£|¥|[A-Z]{3}|Fr\.|fr\.)$/;
const SPACES = /[\s\u00a0\u202f\u2009']/g;

function currencyCode(symbol: string): string {
  if (symbol === 'US$') return 'USD';
  if (symbol === 'CA$') return 'CAD';
  if (symbol === 'A$') return 'AUD';
  return CURRENCY_SYMBOLS[symbol] ?? symbol;
}

export function parseNumber(input: string | number, decimal: DecimalSeparator = '.'): ParsedNumber | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input } : undefined;
  let text = input.trim();
  if (!text) return undefined;
  const out: Omit<ParsedNumber, 'value'> = {};
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = !negative;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  const currency = CURRENCY.exec(text);
  if (currency) {
    out.currency = currencyCode((currency[1] ?? currency[2]).trim());
    text = (text.slice(0, currency.index) + text.slice(currency.index + currency[0].length)).trim();
    if (text.startsWith('-')) {
      negative = !negative;
      text = text.slice(1);
    }
  }
  if (text.endsWith('%')) {
    out.percent = true;
    text = text.slice(0, -1);
  }
  text = text.replace(SPACES, '');
  if (!/^(\d[\d.,]*)?\d$|^\d+[.,]$|^[.,]\d+$/.test(text)) return undefined;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const mark = lastComma > lastDot ? ',' : '.';
    const group = mark === ',' ? '.' : ',';
    if (text.indexOf(mark) !== text.lastIndexOf(mark)) return undefined;
    normalized = text.split(group).join('').replace(mark, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const thousands = new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`);
    const count = text.split(mark).length - 1;
    if (thousands.test(text) && (count > 1 || mark !== decimal)) normalized = text.split(mark).join('');
    else if (count === 1) normalized = text.replace(mark, '.');
    else return undefined;
  } else {
    normalized = text;
  }
  const value = Number(normalized);
  if (!Number.isFinite(value)) return undefined;
  return { ...out, value: negative ? -value : value };
}

/** Durations as minutes: "90", "1:30", "1h30", "1 h 30 min", "45 min", "2h". */
export function parseMinutes(input: string | number): number | undefined {
  if (typeof input === 'number') return input;
  const text = input.trim().toLowerCase();
  const clock = /^(\d{1,3}):(\d{2})(?::\d{2})?$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const hours = /^(\d+(?:[.,]\d+)?)\s*h(?:ours?|eures?|rs?)?\s*(?:(\d{1,2})\s*(?:m|min|mins|minutes?)?)?$/.exec(text);
  if (hours) return Math.round(Number(hours[1].replace(',', '.')) * 60) + Number(hours[2] ?? 0);
  const minutes = /^(\d+)\s*(?:m|min|mins|minutes?|mn)?$/.exec(text);
  return minutes ? Number(minutes[1]) : undefined;
}
