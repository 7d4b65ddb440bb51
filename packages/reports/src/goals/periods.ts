// Goal periods: a calendar month (`2026-03`) or quarter (`2026-Q1`), in local days.
import { firstDayOfMonth, monthIndexOfDay, monthKey } from '../calendar.ts';
import { REPORT_ERRORS, ReportError } from '../errors.ts';

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export interface Period {
  key: string;
  kind: 'month' | 'quarter';
  /** First and last month index covered. */
  firstMonth: number;
  lastMonth: number;
  /** First local day and the first day after. */
  startDay: number;
  endDay: number;
}

export function parsePeriod(key: string): Period {
  if (!PERIOD_PATTERN.test(key)) throw new ReportError(REPORT_ERRORS.invalidPeriod, `Expected YYYY-MM or YYYY-Qn, got ${JSON.stringify(key)}`);
  const year = Number(key.slice(0, 4));
  const quarter = key[5] === 'Q';
  const firstMonth = year * 12 + (quarter ? (Number(key[6]) - 1) * 3 : Number(key.slice(5, 7)) - 1);
  const lastMonth = firstMonth + (quarter ? 2 : 0);
  return { key, kind: quarter ? 'quarter' : 'month', firstMonth, lastMonth, startDay: firstDayOfMonth(firstMonth), endDay: firstDayOfMonth(lastMonth + 1) };
}

/** The month or quarter that contains a local day (`2026-03`, `2026-Q1`). */
export function periodContaining(kind: 'month' | 'quarter', dayNumber: number): string {
  const m = monthIndexOfDay(dayNumber);
  return kind === 'month' ? monthKey(m) : `${Math.floor(m / 12)}-Q${Math.floor((m % 12) / 3) + 1}`;
}
