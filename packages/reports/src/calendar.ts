// Calendar arithmetic without Date objects: day numbers (days since 1970-01-01), month indexes
// (year × 12 + month − 1) and the parsing of the row tier's date and datetime strings. Reports
// call these once per row, so they allocate nothing and read strings with charCodeAt.
import { REPORT_ERRORS, ReportError } from './errors.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Month index (year × 12 + month − 1) of a day number (H. Hinnant's civil_from_days). */
export function monthIndexOfDay(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** Day of the month (1–31) of a day number. */
export function dayOfMonth(dayNumber: number): number {
  const month = monthIndexOfDay(dayNumber);
  return dayNumber - daysFromCivil(Math.floor(month / 12), (month % 12) + 1, 1) + 1;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** First day number of a month index. */
export function firstDayOfMonth(monthIndex: number): number {
  return daysFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
};
const four = (s: string, i: number) => two(s, i) * 100 + two(s, i + 2);

/**
 * Day number of a `YYYY-MM-DD` string (only the first ten characters are read, so a datetime
 * gives its UTC-written date); NaN when it is not a real date.
 */
export function dayNumberOfDate(value: string | null | undefined): number {
  if (typeof value !== 'string' || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return Number.NaN;
  const year = four(value, 0);
  const month = two(value, 5);
  const day = two(value, 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return Number.NaN;
  const n = daysFromCivil(year, month, day);
  // 2025-02-30 would silently become 2025-03-02: refuse it instead.
  return day > 28 && monthIndexOfDay(n) !== year * 12 + month - 1 ? Number.NaN : n;
}

/** Month index of a `YYYY-MM-DD` (or `YYYY-MM`) string; NaN when malformed. */
export function monthIndexOfDate(value: string | null | undefined): number {
  if (typeof value !== 'string' || value.length < 7 || value.charCodeAt(4) !== 45) return Number.NaN;
  const year = four(value, 0);
  const month = two(value, 5);
  return month >= 1 && month <= 12 ? year * 12 + month - 1 : Number.NaN;
}

/**
 * Epoch milliseconds of an ISO datetime as the schema writes it
 * (`YYYY-MM-DDTHH:MM(:SS(.sss)?)?(Z|±HH:MM)`), parsed by hand because Date.parse costs several
 * times more and this runs once per activity. Anything else goes to Date.parse; NaN when
 * neither understands it.
 */
export function parseDateTime(value: string | null | undefined): number {
  if (typeof value !== 'string') return Number.NaN;
  const n = value.length;
  if (n < 17 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58) return Date.parse(value);
  const day = dayNumberOfDate(value);
  const hour = two(value, 11);
  const minute = two(value, 14);
  let i = 16;
  let second = 0;
  let ms = 0;
  if (value.charCodeAt(i) === 58) {
    second = two(value, i + 1);
    i += 3;
    if (value.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      while (i < n && scale >= 1) {
        const d = digit(value, i);
        if (d < 0 || d > 9) break;
        ms += d * scale;
        scale /= 10;
        i++;
      }
    }
  }
  let offset = 0;
  const zone = value.charCodeAt(i);
  if (zone === 90 && i === n - 1) offset = 0;
  else if ((zone === 43 || zone === 45) && i === n - 6 && value.charCodeAt(i + 3) === 58) {
    offset = (two(value, i + 1) * 60 + two(value, i + 4)) * (zone === 43 ? 1 : -1);
  } else return Date.parse(value);
  const result = day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + ms - offset * MINUTE_MS;
  return hour < 24 && minute < 60 && second < 61 ? result : Number.NaN;
}

/** `2026-03` from a month index. */
export function monthKey(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

/** `2026-Q1` from a quarter index (year × 4 + quarter − 1). */
export function quarterKey(quarterIndex: number): string {
  return `${String(Math.floor(quarterIndex / 4)).padStart(4, '0')}-Q${(quarterIndex % 4) + 1}`;
}

/** Day number of a `YYYY-MM-DD` given by a caller; throws a ReportError when malformed. */
export function requireDate(value: string, what: string): number {
  const day = dayNumberOfDate(value);
  if (Number.isNaN(day) || value.length !== 10) {
    throw new ReportError(REPORT_ERRORS.invalidDate, `${what}: expected a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  }
  return day;
}

/** `YYYY-MM-DD` of a day number. */
export function dateKey(dayNumber: number): string {
  const month = monthIndexOfDay(dayNumber);
  const day = dayOfMonth(dayNumber);
  return `${monthKey(month)}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * The months a monthly report shows: the range's months where it is bounded, else the months
 * seen in the data (`seenMin`/`seenMax`, ±Infinity when none); null when there are none.
 */
export function monthAxis(fromDay: number, endDay: number, seenMin: number, seenMax: number): [number, number] | null {
  const lo = fromDay !== -Infinity ? monthIndexOfDay(fromDay) : seenMin;
  const hi = endDay !== Infinity ? monthIndexOfDay(endDay - 1) : seenMax;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) return null;
  return [lo, hi];
}
