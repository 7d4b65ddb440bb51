// The time zone reports count days, months and hours in: an IANA zone read through
// Intl.DateTimeFormat. Asking Intl costs microseconds, so the UTC offset is asked twice per
// UTC day and remembered in the TimeZone object (never in module state); the one day of a DST
// change is found by bisection to the minute. The caller creates a TimeZone once and passes
// it to every report, so the cache serves them all.
import { DAY_MS, MINUTE_MS, monthIndexOfDay, weekdayOfDay } from './calendar.ts';
import { REPORT_ERRORS, ReportError } from './errors.ts';

/** A day whose offset changes: `before` until `at` (epoch ms), `after` from it. */
interface Transition {
  before: number;
  after: number;
  at: number;
}

export interface TimeZone {
  readonly id: string;
  /** Milliseconds to add to an instant to get its wall-clock time in this zone. */
  offsetAt(ms: number): number;
  /** Local calendar day (days since 1970-01-01) of an instant. */
  dayOf(ms: number): number;
  /** The instant local midnight starts a day (the first instant of that day when a DST
   * change skips midnight). */
  startOfDay(dayNumber: number): number;
}

function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const part of format.formatToParts(ms)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value) % 24; break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
    }
  }
  const floored = ms - (((ms % 1000) + 1000) % 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second) - floored;
}

class IntlTimeZone implements TimeZone {
  readonly id: string;
  readonly #format: Intl.DateTimeFormat;
  /** UTC day number → its offset, or its transition on a DST day. */
  readonly #days = new Map<number, number | Transition>();

  constructor(id: string, format: Intl.DateTimeFormat) {
    this.id = id;
    this.#format = format;
  }

  offsetAt(ms: number): number {
    const utcDay = Math.floor(ms / DAY_MS);
    let entry = this.#days.get(utcDay);
    if (entry === undefined) this.#days.set(utcDay, (entry = this.#learnDay(utcDay)));
    if (typeof entry === 'number') return entry;
    return ms < entry.at ? entry.before : entry.after;
  }

  #learnDay(utcDay: number): number | Transition {
    const start = utcDay * DAY_MS;
    const before = intlOffset(this.#format, start);
    const after = intlOffset(this.#format, start + DAY_MS - 1);
    if (before === after) return before;
    // Zones change offset on a whole minute (most on the hour): bisect minutes.
    let lo = 0;
    let hi = DAY_MS / MINUTE_MS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (intlOffset(this.#format, start + mid * MINUTE_MS) === before) lo = mid + 1;
      else hi = mid;
    }
    return { before, after, at: start + lo * MINUTE_MS };
  }

  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  startOfDay(dayNumber: number): number {
    // The offsets a day before and a day after bracket any change on this day; local midnight
    // is the earliest instant that reads 00:00 with its own offset. When a change skips
    // midnight, nothing reads 00:00 and the day starts at the change, which is wall − before.
    const wall = dayNumber * DAY_MS;
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    const early = wall - Math.max(before, after);
    const late = wall - Math.min(before, after);
    const earlyOffset = wall - early;
    if (this.offsetAt(early) === earlyOffset) return early;
    if (this.offsetAt(late) === wall - late) return late;
    return wall - before;
  }
}

const UTC_ZONE: TimeZone = {
  id: 'UTC',
  offsetAt: () => 0,
  dayOf: (ms) => Math.floor(ms / DAY_MS),
  startOfDay: (dayNumber) => dayNumber * DAY_MS,
};

/** A TimeZone for an IANA name (`Europe/Paris`); throws ReportError on an unknown name. */
export function createTimeZone(id: string): TimeZone {
  if (id === 'UTC' || id === 'Etc/UTC') return UTC_ZONE;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new ReportError(REPORT_ERRORS.invalidTimeZone, `Unknown time zone ${JSON.stringify(id)}`);
  }
  return new IntlTimeZone(id, format);
}

/** Local weekday (Monday = 0) and hour (0–23) of an instant, packed as weekday × 24 + hour. */
export function weekHourOf(zone: TimeZone, ms: number): number {
  const local = ms + zone.offsetAt(ms);
  const day = Math.floor(local / DAY_MS);
  return weekdayOfDay(day) * 24 + Math.floor((local - day * DAY_MS) / 3_600_000);
}

/** Local month index of an instant. */
export function monthIndexAt(zone: TimeZone, ms: number): number {
  return monthIndexOfDay(zone.dayOf(ms));
}

