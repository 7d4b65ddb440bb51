import { describe, expect, it } from 'vitest';
import { createTimeZone, overdueTasks } from '@carnet/reports';
import { ANN, BOB, CAT, activity, context, deleted } from './fixtures.ts';

// Now is 2026-03-15 12:00 UTC.
function rows() {
  const a = {
    yesterday: activity({ ownerId: ANN, type: 'task', dueAt: '2026-03-14T18:00:00Z' }),
    fiveDays: activity({ ownerId: ANN, type: 'task', dueAt: '2026-03-10T09:00:00Z' }),
    // Due earlier today: due today, not overdue (as on the agenda).
    thisMorning: activity({ ownerId: ANN, type: 'task', dueAt: '2026-03-15T09:00:00Z' }),
    done: activity({ ownerId: ANN, type: 'task', dueAt: '2026-03-01T09:00:00Z', done: true, doneAt: '2026-03-02T09:00:00Z' }),
    bobs: activity({ ownerId: BOB, type: 'task', dueAt: '2026-03-01T00:00:00Z' }),
    meeting: activity({ ownerId: BOB, type: 'meeting', dueAt: '2026-03-02T10:00:00Z' }),
    undated: activity({ ownerId: CAT, type: 'task', dueAt: null }),
    gone: deleted(activity({ ownerId: ANN, type: 'task', dueAt: '2026-03-01T09:00:00Z' })),
  };
  return { a, data: { activities: Object.values(a) } };
}

describe('overdue tasks per rep', () => {
  it('counts open tasks due before today per owner with the oldest one', () => {
    const { a, data } = rows();
    const report = overdueTasks(data, context());
    expect(report.total).toBe(3);
    expect(report.reps).toEqual([
      // Mar 15 − Mar 10 = 5 days
      { ownerId: ANN, name: 'Ann Archer', count: 2, oldestDueAt: '2026-03-10T09:00:00.000Z', oldestDays: 5, activityIds: [a.yesterday.id, a.fiveDays.id] },
      // Mar 15 − Mar 1 = 14 days
      { ownerId: BOB, name: 'Bob Baker', count: 1, oldestDueAt: '2026-03-01T00:00:00.000Z', oldestDays: 14, activityIds: [a.bobs.id] },
    ]);
  });

  it('counts other planned types when asked', () => {
    const report = overdueTasks(rows().data, context(), { types: ['task', 'meeting'] });
    expect(report.reps.map((r) => [r.ownerId, r.count])).toEqual([[ANN, 2], [BOB, 2]]);
  });

  it("measures today in the context zone: in Auckland it is already Monday, so this morning's task is late", () => {
    // 12:00 UTC on Mar 15 is 01:00 on Mar 16 in Auckland (UTC+13); 09:00 UTC on Mar 15 is 22:00 on Mar 15 there.
    const report = overdueTasks(rows().data, context({ zone: createTimeZone('Pacific/Auckland') }));
    // Ann's oldest: 09:00 UTC Mar 10 is 22:00 Mar 10 in Auckland, 6 local days before Mar 16.
    expect(report.reps[0]).toMatchObject({ ownerId: ANN, count: 3, oldestDays: 6 });
    expect(report.total).toBe(4);
  });

  it('has nothing overdue over no activities', () => {
    expect(overdueTasks({}, context())).toEqual({ reps: [], total: 0 });
  });
});
