// Dates, numbers and amounts formatted for the interface language, with Intl. Formatters are
// cached per locale because building one costs far more than using it (tables of 100k rows).
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

/** A calendar date stored as `YYYY-MM-DD` (no time zone), e.g. "12 Mar 2026". */
export function formatDay(tag: string, day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  const f = cached(`day:${tag}`, () => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
  return f.format(Date.UTC(y, m - 1, d));
}

/** An instant (epoch ms or ISO string) as local date and time. */
export function formatDateTime(tag: string, value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) return String(value);
  const f = cached(`dt:${tag}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }));
  return f.format(time);
}

/** An instant's time of day only, e.g. "14:30" or "2:30 PM". */
export function formatTime(tag: string, value: number | string): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) return '';
  return cached(`t:${tag}`, () => new Intl.DateTimeFormat(tag, { timeStyle: 'short' })).format(time);
}

export function formatNumber(tag: string, value: number | null | undefined, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return cached(`n:${tag}:${maximumFractionDigits}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits })).format(value);
}

/** An amount in its currency, without cents for whole amounts (pipeline totals read better). */
export function formatMoney(tag: string, value: number | null | undefined, currency = 'EUR'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const whole = Number.isInteger(value);
  const key = `m:${tag}:${currency}:${whole}`;
  try {
    return cached(key, () =>
      new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: whole ? 0 : 2, minimumFractionDigits: whole ? 0 : 2 }),
    ).format(value);
  } catch {
    return `${formatNumber(tag, value)} ${currency}`;
  }
}

/** "3 days ago", "in 2 hours", relative to `now`. */
export function formatRelative(tag: string, value: number, now: number): string {
  const f = cached(`r:${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }));
  const seconds = Math.round((value - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return f.format(seconds, 'second');
  if (abs < 3600) return f.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return f.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return f.format(Math.round(seconds / 86_400), 'day');
  if (abs < 365 * 86_400) return f.format(Math.round(seconds / (30 * 86_400)), 'month');
  return f.format(Math.round(seconds / (365 * 86_400)), 'year');
}

/** Today's date as `YYYY-MM-DD` in the device's time zone. */
export function localDay(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
