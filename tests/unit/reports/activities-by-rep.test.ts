import { describe, expect, it } from 'vitest';
import { activitiesByRep, createTimeZone } from '@carnet/reports';
import { ANN, BOB, CAT, GONE, activity, at, context, deleted } from './fixtures.ts';

function rows() {
  return {
    activities: [
      activity({ ownerId: ANN, type: 'note', createdAt: at('2026-03-01T09:00:00Z') }),
      activity({ ownerId: ANN, type: 'call', done: true, doneAt: '2026-03-02T10:00:00Z', createdAt: at('2026-03-02T10:00:00Z') }),
      activity({ ownerId: ANN, type: 'task', done: true, doneAt: '2026-03-03T10:00:00Z', createdAt: at('2026-03-01T10:00:00Z') }),
      // Planned and not done: has not happened.
      activity({ ownerId: ANN, type: 'task', dueAt: '2026-03-04T10:00:00Z', createdAt: at('2026-03-01T10:00:00Z') }),
      activity({ ownerId: ANN, type: 'meeting', dueAt: '2026-04-01T10:00:00Z', createdAt: at('2026-03-01T10:00:00Z') }),
      activity({ ownerId: ANN, type: 'call', dueAt: '2026-03-20T10:00:00Z', createdAt: at('2026-03-01T10:00:00Z') }),
      // Done without a done time: happened at its due time.
      activity({ ownerId: ANN, type: 'meeting', done: true, dueAt: '2026-03-05T09:00:00Z', createdAt: at('2026-03-01T10:00:00Z') }),
      activity({ ownerId: BOB, type: 'email', done: true, doneAt: '2026-02-27T23:30:00Z', createdAt: at('2026-02-27T23:30:00Z') }),
      deleted(activity({ ownerId: BOB, type: 'note', createdAt: at('2026-03-01T09:00:00Z') })),
      activity({ ownerId: GONE, type: 'note', createdAt: at('2026-03-01T09:00:00Z') }),
      activity({ ownerId: null, type: 'call', done: true, doneAt: '2026-03-06T09:00:00Z', createdAt: at('2026-03-06T09:00:00Z') }),
    ],
  };
}

const counts = (note: number, task: number, call: number, meeting: number, email: number) => ({ note, task, call, meeting, email });

describe('activities per rep and type', () => {
  it('counts what each owner got done, idle members included, former and unassigned owners last', () => {
    const report = activitiesByRep(rows(), context());
    expect(report.reps).toEqual([
      { ownerId: ANN, name: 'Ann Archer', byType: counts(1, 1, 1, 1, 0), total: 4 },
      { ownerId: BOB, name: 'Bob Baker', byType: counts(0, 0, 0, 0, 1), total: 1 },
      { ownerId: GONE, name: null, byType: counts(1, 0, 0, 0, 0), total: 1 },
      { ownerId: null, name: null, byType: counts(0, 0, 1, 0, 0), total: 1 },
      { ownerId: CAT, name: 'Cat Carter', byType: counts(0, 0, 0, 0, 0), total: 0 },
    ]);
    expect(report.byType).toEqual(counts(2, 1, 2, 1, 1));
    expect(report.total).toBe(7);
  });

  it('reads the date range as local days of the context zone', () => {
    // Bob's email at 23:30 UTC on Feb 27 is 00:30 on Feb 28 in Paris.
    const range = { from: '2026-02-28', to: '2026-02-28' };
    expect(activitiesByRep(rows(), context(), { filters: { range } }).total).toBe(0);
    const paris = activitiesByRep(rows(), context({ zone: createTimeZone('Europe/Paris') }), { filters: { range } });
    expect(paris.total).toBe(1);
    expect(paris.reps[0]).toMatchObject({ ownerId: BOB, total: 1 });
  });

  it('lists only the owners asked for', () => {
    const report = activitiesByRep(rows(), context(), { filters: { ownerIds: [BOB] } });
    expect(report.reps.map((r) => [r.ownerId, r.total])).toEqual([[BOB, 1]]);
    expect(report.total).toBe(1);
  });

  it('lists every member with zeros over no activities', () => {
    const report = activitiesByRep({}, context());
    expect(report.reps.map((r) => r.total)).toEqual([0, 0, 0]);
    expect(report.total).toBe(0);
  });
});
