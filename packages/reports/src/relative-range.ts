// Date ranges relative to today ("this quarter", "last 30 days"), as a dashboard stores
// them: a widget saved today must show next month's figures next month. Resolved into the
// inclusive local dates every report takes, from the context's clock and time zone.
import { dateKey, firstDayOfMonth, monthIndexOfDay } from './calendar.ts';
import type { DateRange } from './filters.ts';
import type { TimeZone } from './time-zone.ts';

export const RELATIVE_RANGES = [
  'today', 'this_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year',
  'last_7_days', 'last_30_days', 'last_90_days', 'last_12_months', 'next_3_months', 'next_6_months',
] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/** Weeks start on Monday. "last N days" and "last 12 months" end today, included. */
export function resolveRelativeRange(relative: RelativeRange, now: number, zone: TimeZone): Required<DateRange> {
  const today = zone.dayOf(now);
  const month = monthIndexOfDay(today);
  const quarter = month - (month % 3);
  const days = (first: number, last: number) => ({ from: dateKey(first), to: dateKey(last) });
  const months = (first: number, last: number) => days(firstDayOfMonth(first), firstDayOfMonth(last + 1) - 1);
  switch (relative) {
    case 'today': return days(today, today);
    case 'this_week': {
      const monday = today - ((((today + 3) % 7) + 7) % 7);
      return days(monday, monday + 6);
    }
    case 'this_month': return months(month, month);
    case 'last_month': return months(month - 1, month - 1);
    case 'this_quarter': return months(quarter, quarter + 2);
    case 'last_quarter': return months(quarter - 3, quarter - 1);
    case 'this_year': return months(month - (month % 12), month - (month % 12) + 11);
    case 'last_7_days': return days(today - 6, today);
    case 'last_30_days': return days(today - 29, today);
    case 'last_90_days': return days(today - 89, today);
    case 'last_12_months': return months(month - 11, month);
    case 'next_3_months': return months(month, month + 2);
    case 'next_6_months': return months(month, month + 5);
  }
}
