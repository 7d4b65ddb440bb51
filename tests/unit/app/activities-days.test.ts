// My day's calendar logic with pinned clocks and time zones: which local day an instant is,
// which bucket a due time falls in, and how a user's activities are grouped.
import { describe, expect, it } from 'vitest';
import { bucketOf, buildAgenda, concernsUser, dayKey, isDoneToday, isOnAgenda, type ActivityRow } from '../../../src/lib/activities/days.ts';

const ME = 'user0000me';
const OTHER = 'user00other';

function activity(id: string, fields: Record<string, unknown> = {}): ActivityRow {
  return {
    id, createdAt: 1_000, createdBy: ME, updatedAt: 1_000, updatedBy: ME, deletedAt: null,
    type: 'task', subject: id, body: '', dueAt: null, reminderAt: null, done: false, doneAt: null,
    durationMin: null, outcome: null, contactId: null, companyId: null, dealId: null, ownerId: ME, mentions: [],
    ...fields,
  } as unknown as ActivityRow;
}

describe('dayKey', () => {
  // 2026-03-12 23:30 UTC: Paris is UTC+1 (summer time starts 29 March), New York already
  // UTC-4 (summer time started 8 March), Tokyo UTC+9.
  const instant = Date.UTC(2026, 2, 12, 23, 30);

  it('names the calendar day of an instant in the given time zone', () => {
    expect(dayKey(instant, 'UTC')).toBe('2026-03-12');
    expect(dayKey(instant, 'Europe/Paris')).toBe('2026-03-13');
    expect(dayKey(instant, 'America/New_York')).toBe('2026-03-12');
    expect(dayKey(instant, 'Asia/Tokyo')).toBe('2026-03-13');
  });

  it('handles the first minutes of a year and a zone fourteen hours ahead', () => {
    expect(dayKey(Date.UTC(2025, 11, 31, 10, 0), 'Pacific/Kiritimati')).toBe('2026-01-01');
    expect(dayKey(Date.UTC(2026, 0, 1, 0, 0), 'America/Los_Angeles')).toBe('2025-12-31');
  });
});

describe('bucketOf', () => {
  // Now: 2026-03-12 10:00 UTC = 11:00 in Paris, 06:00 in New York.
  const now = Date.UTC(2026, 2, 12, 10, 0);

  it('puts a time earlier today in Today, not Overdue (buckets are by day)', () => {
    expect(bucketOf('2026-03-12T08:00:00.000Z', now, 'Europe/Paris')).toBe('today');
  });

  it('reads the same instant as today in Paris and overdue in New York', () => {
    // 2026-03-11 23:30 UTC: 00:30 on the 12th in Paris, 19:30 on the 11th in New York.
    expect(bucketOf('2026-03-11T23:30:00.000Z', now, 'Europe/Paris')).toBe('today');
    expect(bucketOf('2026-03-11T23:30:00.000Z', now, 'America/New_York')).toBe('overdue');
  });

  it('puts tomorrow in Upcoming even when it is only an hour away', () => {
    // 2026-03-12 23:30 UTC is 00:30 on the 13th in Paris.
    expect(bucketOf('2026-03-12T23:30:00.000Z', now, 'Europe/Paris')).toBe('upcoming');
    expect(bucketOf('2026-03-12T23:30:00.000Z', now, 'UTC')).toBe('today');
  });

  it('counts days across a daylight saving change', () => {
    // New York springs forward on 2026-03-08. Now 2026-03-08 04:30 UTC = 23:30 on the 7th (EST).
    const lateSaturday = Date.UTC(2026, 2, 8, 4, 30);
    expect(bucketOf('2026-03-08T05:30:00.000Z', lateSaturday, 'America/New_York')).toBe('upcoming'); // 00:30 on the 8th
    expect(bucketOf('2026-03-08T04:00:00.000Z', lateSaturday, 'America/New_York')).toBe('today'); // 23:00 on the 7th
  });

  it('says undated for a missing or unreadable due time', () => {
    expect(bucketOf(null, now, 'UTC')).toBe('undated');
    expect(bucketOf('', now, 'UTC')).toBe('undated');
    expect(bucketOf('not a date', now, 'UTC')).toBe('undated');
  });
});

describe('agenda membership', () => {
  const now = Date.UTC(2026, 2, 12, 10, 0);

  it('keeps my open tasks, my dated calls and what mentions me; leaves out my undated notes and others’ work', () => {
    expect(isOnAgenda(activity('a'), ME)).toBe(true);
    expect(isOnAgenda(activity('b', { type: 'call', dueAt: '2026-03-12T14:00:00.000Z' }), ME)).toBe(true);
    expect(isOnAgenda(activity('c', { type: 'note' }), ME)).toBe(false);
    expect(isOnAgenda(activity('d', { type: 'note', ownerId: OTHER, mentions: [ME] }), ME)).toBe(true);
    expect(isOnAgenda(activity('e', { ownerId: OTHER }), ME)).toBe(false);
    expect(isOnAgenda(activity('f', { done: true, doneAt: '2026-03-12T09:00:00.000Z' }), ME)).toBe(false);
    expect(isOnAgenda(activity('g', { deletedAt: 5 }), ME)).toBe(false);
  });

  it('counts as done today only what was done on today’s local date', () => {
    const doneLastNightParis = activity('h', { done: true, doneAt: '2026-03-11T23:30:00.000Z' }); // 00:30 on the 12th in Paris
    expect(isDoneToday(doneLastNightParis, ME, now, 'Europe/Paris')).toBe(true);
    expect(isDoneToday(doneLastNightParis, ME, now, 'UTC')).toBe(false);
  });

  it('keeps in memory open rows and rows done in the last two days only', () => {
    expect(concernsUser(activity('i', { type: 'note' }), ME, now)).toBe(true);
    expect(concernsUser(activity('j', { done: true, doneAt: '2026-03-10T11:00:00.000Z' }), ME, now)).toBe(true); // 47 h ago
    expect(concernsUser(activity('k', { done: true, doneAt: '2026-03-10T09:00:00.000Z' }), ME, now)).toBe(false); // 49 h ago
    expect(concernsUser(activity('l', { ownerId: OTHER }), ME, now)).toBe(false);
  });
});

describe('buildAgenda', () => {
  it('groups by local day and sorts each group by due time', () => {
    const now = Date.UTC(2026, 2, 12, 10, 0);
    const rows = [
      activity('late2', { dueAt: '2026-03-11T09:00:00.000Z' }),
      activity('late1', { dueAt: '2026-03-02T09:00:00.000Z' }),
      activity('today2', { dueAt: '2026-03-12T16:00:00.000Z' }),
      activity('today1', { dueAt: '2026-03-12T07:00:00.000Z' }),
      activity('soon', { dueAt: '2026-03-20T09:00:00.000Z' }),
      activity('someday'),
      activity('finished', { done: true, doneAt: '2026-03-12T09:30:00.000Z' }),
      activity('finishedYesterday', { done: true, doneAt: '2026-03-11T09:30:00.000Z' }),
      activity('notMine', { ownerId: OTHER, dueAt: '2026-03-12T16:00:00.000Z' }),
    ];
    const agenda = buildAgenda(rows, ME, now, 'UTC');
    const ids = (list: ActivityRow[]) => list.map((r) => r.id);
    expect(ids(agenda.overdue)).toEqual(['late1', 'late2']);
    expect(ids(agenda.today)).toEqual(['today1', 'today2']);
    expect(ids(agenda.upcoming)).toEqual(['soon']);
    expect(ids(agenda.undated)).toEqual(['someday']);
    expect(ids(agenda.doneToday)).toEqual(['finished']);
  });
});
