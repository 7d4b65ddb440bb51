import { describe, expect, it } from 'vitest';
import { createTimeZone, resolveRelativeRange, type RelativeRange } from '@carnet/reports';
import { NOW } from './fixtures.ts';

describe('relative date ranges', () => {
  it('resolves each range from today, Sunday 2026-03-15 in UTC', () => {
    const utc = createTimeZone('UTC');
    const cases: [RelativeRange, string, string][] = [
      ['today', '2026-03-15', '2026-03-15'],
      ['this_week', '2026-03-09', '2026-03-15'],
      ['this_month', '2026-03-01', '2026-03-31'],
      ['last_month', '2026-02-01', '2026-02-28'],
      ['this_quarter', '2026-01-01', '2026-03-31'],
      ['last_quarter', '2025-10-01', '2025-12-31'],
      ['this_year', '2026-01-01', '2026-12-31'],
      ['last_7_days', '2026-03-09', '2026-03-15'],
      ['last_30_days', '2026-02-14', '2026-03-15'],
      ['last_90_days', '2025-12-16', '2026-03-15'],
      ['last_12_months', '2025-04-01', '2026-03-31'],
      ['next_3_months', '2026-03-01', '2026-05-31'],
      ['next_6_months', '2026-03-01', '2026-08-31'],
    ];
    for (const [relative, from, to] of cases) expect(resolveRelativeRange(relative, NOW, utc), relative).toEqual({ from, to });
  });

  it('reads today in the zone: in Auckland it is already Monday the 16th', () => {
    const auckland = createTimeZone('Pacific/Auckland');
    expect(resolveRelativeRange('today', NOW, auckland)).toEqual({ from: '2026-03-16', to: '2026-03-16' });
    expect(resolveRelativeRange('this_week', NOW, auckland)).toEqual({ from: '2026-03-16', to: '2026-03-22' });
  });
});
