import { describe, expect, it } from 'vitest';
import { activityHeatmap, createTimeZone } from '@carnet/reports';
import { activity, at, context, deleted } from './fixtures.ts';

const call = (iso: string) => activity({ type: 'call', done: true, doneAt: iso, createdAt: at(iso) });

describe('activity heat map by weekday and hour', () => {
  it('places activities in local hours across the Paris spring DST change', () => {
    const data = {
      activities: [
        call('2026-03-28T10:30:00Z'), // Saturday, UTC+1: 11:30
        call('2026-03-29T00:30:00Z'), // Sunday before the change (01:00 UTC), UTC+1: 01:30
        call('2026-03-29T10:30:00Z'), // Sunday after the change, UTC+2: 12:30
        call('2026-03-29T10:45:00Z'), // same hour
        activity({ type: 'task', dueAt: '2026-03-29T10:30:00Z', createdAt: at('2026-03-20T10:00:00Z') }), // not done
        deleted(call('2026-03-29T10:30:00Z')),
      ],
    };
    const map = activityHeatmap(data, context({ zone: createTimeZone('Europe/Paris') }));
    expect(map.timeZone).toBe('Europe/Paris');
    expect(map.cells[5][11]).toBe(1);
    expect(map.cells[6][1]).toBe(1);
    expect(map.cells[6][12]).toBe(2);
    expect([map.total, map.max]).toEqual([4, 2]);
    expect(map.cells.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('moves an activity near midnight to the weekday of the zone', () => {
    const data = { activities: [call('2026-03-15T23:30:00Z'), call('2026-03-16T03:30:00Z')] };
    // UTC: Sunday 23h and Monday 3h.
    const utc = activityHeatmap(data, context());
    expect([utc.cells[6][23], utc.cells[0][3]]).toEqual([1, 1]);
    // Paris (UTC+1): Monday 0h and Monday 4h.
    const paris = activityHeatmap(data, context({ zone: createTimeZone('Europe/Paris') }));
    expect([paris.cells[0][0], paris.cells[0][4]]).toEqual([1, 1]);
    // New York (UTC−4 since Mar 8): Sunday 19h and Sunday 23h.
    const newYork = activityHeatmap(data, context({ zone: createTimeZone('America/New_York') }));
    expect([newYork.cells[6][19], newYork.cells[6][23]]).toEqual([1, 1]);
  });

  it('is 7 × 24 zeros over no activities', () => {
    const map = activityHeatmap({}, context());
    expect(map.cells).toHaveLength(7);
    expect(map.cells.every((row) => row.length === 24 && row.every((c) => c === 0))).toBe(true);
    expect([map.total, map.max]).toEqual([0, 0]);
  });
});
