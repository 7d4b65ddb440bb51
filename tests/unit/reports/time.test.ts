import { describe, expect, it } from 'vitest';
import {
  DAY_MS, ReportError, createTimeZone, dateKey, dayNumberOfDate, monthIndexOfDay, monthKey, parseDateTime, weekHourOf, weekdayOfDay,
} from '@carnet/reports';
import { at } from './fixtures.ts';

describe('calendar arithmetic', () => {
  it('numbers days from 1970-01-01 and reads them back as dates and months', () => {
    expect(dayNumberOfDate('1970-01-01')).toBe(0);
    expect(dayNumberOfDate('2026-03-15')).toBe(Date.UTC(2026, 2, 15) / DAY_MS);
    expect(dayNumberOfDate('1969-12-31')).toBe(-1);
    expect(monthKey(monthIndexOfDay(dayNumberOfDate('2024-02-29')))).toBe('2024-02');
    for (const date of ['1999-12-31', '2000-02-29', '2026-01-01', '2100-03-01']) expect(dateKey(dayNumberOfDate(date))).toBe(date);
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2025-00-10', 'tomorrow', '', null, undefined]) {
      expect(dayNumberOfDate(bad as string), String(bad)).toBeNaN();
    }
  });

  it('parses every datetime form the schema accepts exactly as Date.parse does', () => {
    for (const iso of [
      '2026-03-15T10:20Z', '2026-03-15T10:20:30Z', '2026-03-15T10:20:30.5Z', '2026-03-15T10:20:30.123Z',
      '2026-03-15T10:20:30.123+02:00', '2026-03-15T00:10:00-05:30', '1969-07-20T20:17:40Z',
    ]) expect(parseDateTime(iso), iso).toBe(Date.parse(iso));
  });

  it('falls back to Date.parse for other forms and gives NaN for nonsense', () => {
    expect(parseDateTime('2026-03-15')).toBe(Date.UTC(2026, 2, 15));
    expect(parseDateTime('next tuesday')).toBeNaN();
    expect(parseDateTime(null)).toBeNaN();
  });

  it('counts weekdays from Monday: 2026-03-16 is a Monday, 2026-03-15 a Sunday', () => {
    expect(weekdayOfDay(dayNumberOfDate('2026-03-16'))).toBe(0);
    expect(weekdayOfDay(dayNumberOfDate('2026-03-15'))).toBe(6);
    expect(weekdayOfDay(dayNumberOfDate('1969-12-29'))).toBe(0);
  });
});

describe('time zones', () => {
  const paris = createTimeZone('Europe/Paris');
  const newYork = createTimeZone('America/New_York');
  const HOUR = 3_600_000;

  it('reads the Paris offset on both sides of the spring change (2026-03-29 01:00 UTC)', () => {
    expect(paris.offsetAt(at('2026-03-29T00:59:59Z'))).toBe(HOUR);
    expect(paris.offsetAt(at('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    expect(paris.offsetAt(at('2026-07-01T12:00:00Z'))).toBe(2 * HOUR);
  });

  it("reads New York's offset on both sides of the autumn change (2026-11-01 06:00 UTC)", () => {
    expect(newYork.offsetAt(at('2026-11-01T05:59:00Z'))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(at('2026-11-01T06:00:00Z'))).toBe(-5 * HOUR);
  });

  it('puts an instant near midnight on its local day', () => {
    // 23:30 UTC on the 15th is 00:30 on the 16th in Paris (UTC+1) and 19:30 on the 15th in New York (UTC−4).
    const lateEvening = at('2026-03-15T23:30:00Z');
    expect(dateKey(createTimeZone('UTC').dayOf(lateEvening))).toBe('2026-03-15');
    expect(dateKey(paris.dayOf(lateEvening))).toBe('2026-03-16');
    expect(dateKey(newYork.dayOf(lateEvening))).toBe('2026-03-15');
    // 03:30 UTC on the 16th is still 23:30 on the 15th in New York.
    expect(dateKey(newYork.dayOf(at('2026-03-16T03:30:00Z')))).toBe('2026-03-15');
  });

  it('starts each local day at local midnight, on DST change days too', () => {
    expect(paris.startOfDay(dayNumberOfDate('2026-03-29'))).toBe(at('2026-03-28T23:00:00Z'));
    expect(paris.startOfDay(dayNumberOfDate('2026-03-30'))).toBe(at('2026-03-29T22:00:00Z'));
    expect(newYork.startOfDay(dayNumberOfDate('2026-11-01'))).toBe(at('2026-11-01T04:00:00Z'));
    expect(newYork.startOfDay(dayNumberOfDate('2026-11-02'))).toBe(at('2026-11-02T05:00:00Z'));
  });

  it('starts a day whose midnight a DST change skipped at the change itself', () => {
    // São Paulo jumped from 00:00 to 01:00 on 2018-11-04 (UTC−3 to UTC−2).
    const saoPaulo = createTimeZone('America/Sao_Paulo');
    expect(saoPaulo.startOfDay(dayNumberOfDate('2018-11-04'))).toBe(at('2018-11-04T03:00:00Z'));
    expect(dateKey(saoPaulo.dayOf(at('2018-11-04T02:59:00Z')))).toBe('2018-11-03');
  });

  it('gives the local weekday and hour of an instant', () => {
    // Sunday 2026-03-15 23:30 UTC: Sunday 23h in UTC, Monday 0h in Paris.
    expect(weekHourOf(createTimeZone('UTC'), at('2026-03-15T23:30:00Z'))).toBe(6 * 24 + 23);
    expect(weekHourOf(paris, at('2026-03-15T23:30:00Z'))).toBe(0 * 24 + 0);
  });

  it('refuses an unknown zone with invalid_time_zone', () => {
    expect(() => createTimeZone('Mars/Olympus_Mons')).toThrowError(ReportError);
    try {
      createTimeZone('Mars/Olympus_Mons');
    } catch (error) {
      expect((error as ReportError).code).toBe('invalid_time_zone');
    }
  });
});
