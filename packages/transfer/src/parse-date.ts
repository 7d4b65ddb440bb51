// Dates as spreadsheets and other CRMs write them: ISO (2024-03-05, 2024-03-05T14:30:00Z),
// slashed or dotted day-first or month-first (05/03/2024, 3/5/24 — the user's setting decides
// when both readings are possible), month names in English and French (5 mars 2024, Mar 5,
// 2024), compact 20240305, Excel serial numbers, and the Date objects XLSX cells give.

/** Which part comes first in an ambiguous slashed date. */
export type DateOrder = 'dmy' | 'mdy';

export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  /** Time of day when given. */
  hour?: number;
  minute?: number;
  second?: number;
  /** Offset from UTC in minutes when the text names one (Z, +02:00). */
  offset?: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janv: 1, janvier: 1, feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2, mar: 3, march: 3, mars: 3,
  apr: 4, april: 4, avr: 4, avril: 4, may: 5, mai: 5, jun: 6, june: 6, juin: 6, jul: 7, july: 7, juil: 7, juillet: 7,
  aug: 8, august: 8, aou: 8, aout: 8, sep: 9, sept: 9, september: 9, septembre: 9, oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11, dec: 12, december: 12, decembre: 12,
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length > 2) return n;
  // Two-digit years: 00–69 are 2000s, 70–99 are 1900s (what spreadsheets do).
  return n < 70 ? 2000 + n : 1900 + n;
}

function valid(date: ParsedDate): ParsedDate | undefined {
  const { year, month, day, hour = 0, minute = 0, second = 0 } = date;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return date;
}

const TIME = /(?:[T\s]+(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

function withTime(date: ParsedDate, match: RegExpExecArray, from: number): ParsedDate {
  const [hour, minute, second, meridiem, zone] = match.slice(from, from + 5);
  if (hour !== undefined) {
    let h = Number(hour);
    if (meridiem) {
      const pm = meridiem.toLowerCase().startsWith('p');
      if (h === 12) h = pm ? 12 : 0;
      else if (pm) h += 12;
    }
    date.hour = h;
    date.minute = Number(minute);
    date.second = Number(second ?? 0);
  }
  if (zone) {
    const z = zone.toUpperCase();
    if (z === 'Z' || z === 'UTC' || z === 'GMT') date.offset = 0;
    else {
      const digits = z.replace(':', '');
      date.offset = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
  }
  return date;
}

const ISO = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME.source}`, 'i');
const NUMERIC = new RegExp(`^(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4}|\\d{2})${TIME.source}`, 'i');
const DAY_MONTH_NAME = new RegExp(`^(\\d{1,2})(?:er)?[\\s\\-]+([a-zéèûô]+)\\.?,?[\\s\\-]+(\\d{4}|\\d{2})${TIME.source}`, 'i');
const MONTH_NAME_DAY = new RegExp(`^([a-zéèûô]+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME.source}`, 'i');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Excel's day 0 is 1899-12-30 (it counts a 29 February 1900 that never was). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function fromEpochMs(ms: number, withClock: boolean): ParsedDate {
  const d = new Date(ms);
  const date: ParsedDate = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  if (withClock) Object.assign(date, { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() });
  return date;
}

export function parseDate(input: string | number | Date, order: DateOrder = 'dmy'): ParsedDate | undefined {
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return undefined;
    // Spreadsheet cells carry no zone: the UTC parts of the Date are the wall-clock time shown.
    return valid(fromEpochMs(ms, ms % DAY_MS !== 0));
  }
  if (typeof input === 'number') {
    // A spreadsheet serial day number (with a fraction for the time of day).
    if (!(input >= 1 && input < 2_958_466)) return undefined;
    const ms = EXCEL_EPOCH + Math.round(input * DAY_MS / 1000) * 1000;
    return valid(fromEpochMs(ms, !Number.isInteger(input)));
  }
  const text = input.trim();
  let m: RegExpExecArray | null;
  if ((m = COMPACT.exec(text))) return valid({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  if ((m = ISO.exec(text))) return valid(withTime({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, m, 4));
  if ((m = NUMERIC.exec(text))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // When one reading is impossible the other is taken, whatever the setting.
    const dayFirst = a > 12 ? true : b > 12 ? false : order === 'dmy';
    return valid(withTime({ year: fullYear(m[3]), month: dayFirst ? b : a, day: dayFirst ? a : b }, m, 4));
  }
  if ((m = DAY_MONTH_NAME.exec(text))) {
    const month = MONTHS[fold(m[2])];
    return month ? valid(withTime({ year: fullYear(m[3]), month, day: Number(m[1]) }, m, 4)) : undefined;
  }
  if ((m = MONTH_NAME_DAY.exec(text))) {
    const month = MONTHS[fold(m[1])];
    return month ? valid(withTime({ year: Number(m[3]), month, day: Number(m[2]) }, m, 4)) : undefined;
  }
  return undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD. */
export function formatDate(date: ParsedDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * An ISO date-time in UTC. A time without a zone is local time at `localOffsetMinutes` east of
 * UTC (what the importing user's clock says); a date alone is local midnight.
 */
export function formatDateTime(date: ParsedDate, localOffsetMinutes = 0): string {
  const offset = date.offset ?? localOffsetMinutes;
  const ms = Date.UTC(date.year, date.month - 1, date.day, date.hour ?? 0, date.minute ?? 0, date.second ?? 0) - offset * 60_000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Which order a column's slashed dates use, from the values that only fit one: 'dmy' when some
 * first part exceeds 12, 'mdy' when some second part does, undefined when none decides (or both).
 */
export function detectDateOrder(values: Iterable<unknown>): DateOrder | undefined {
  let dmy = 0;
  let mdy = 0;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const m = /^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b/.exec(value);
    if (!m) continue;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) dmy++;
    else if (Number(m[2]) > 12 && Number(m[1]) <= 12) mdy++;
  }
  if (dmy && !mdy) return 'dmy';
  if (mdy && !dmy) return 'mdy';
  return undefined;
}
