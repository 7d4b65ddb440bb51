// Reminders: which come due between two clock readings, which is next, and the offsets the
// composer offers.
import { describe, expect, it } from 'vitest';
import { dueReminders, nextReminder, offsetOf, reminderBefore, reminderKey } from '../../../src/lib/activities/reminders.ts';
import type { ActivityRow } from '../../../src/lib/activities/days.ts';

function activity(id: string, reminderAt: string | null, fields: Record<string, unknown> = {}): ActivityRow {
  return {
    id, createdAt: 0, createdBy: null, updatedAt: 0, updatedBy: null, deletedAt: null,
    type: 'task', subject: id, done: false, doneAt: null, dueAt: null, reminderAt, ownerId: 'me00000001', mentions: [],
    ...fields,
  } as unknown as ActivityRow;
}

const T = (hhmm: string) => Date.parse(`2026-03-12T${hhmm}:00.000Z`);

describe('dueReminders', () => {
  const rows = [
    activity('nine', '2026-03-12T09:00:00.000Z'),
    activity('nineThirty', '2026-03-12T09:30:00.000Z'),
    activity('ten', '2026-03-12T10:00:00.000Z'),
    activity('doneNine', '2026-03-12T09:10:00.000Z', { done: true }),
    activity('deletedNine', '2026-03-12T09:10:00.000Z', { deletedAt: 1 }),
    activity('none', null),
  ];

  it('returns the open reminders whose time passed after `since` and by `now`, oldest first', () => {
    expect(dueReminders(rows, T('08:59'), T('09:30')).map((r) => r.id)).toEqual(['nine', 'nineThirty']);
  });

  it('does not fire a reminder that had passed before the app started watching', () => {
    expect(dueReminders(rows, T('09:15'), T('09:45')).map((r) => r.id)).toEqual(['nineThirty']);
  });

  it('skips reminders already shown, by activity and time', () => {
    const shown = new Set([reminderKey(rows[0])]);
    expect(dueReminders(rows, T('08:00'), T('09:45'), shown).map((r) => r.id)).toEqual(['nineThirty']);
    // Moving the reminder makes it a new one.
    const moved = activity('nine', '2026-03-12T09:40:00.000Z');
    expect(dueReminders([moved], T('08:00'), T('09:45'), shown).map((r) => r.id)).toEqual(['nine']);
  });

  it('names the next reminder to wait for, ignoring done and past ones', () => {
    expect(nextReminder(rows, T('09:05'))).toBe(T('09:30'));
    expect(nextReminder(rows, T('10:00'))).toBeNull();
  });
});

describe('reminder offsets', () => {
  it('computes a reminder before the due time and recognises the offered offsets', () => {
    expect(reminderBefore('2026-03-12T10:00:00.000Z', 15)).toBe('2026-03-12T09:45:00.000Z');
    expect(reminderBefore('2026-03-12T10:00:00.000Z', 1440)).toBe('2026-03-11T10:00:00.000Z');
    expect(reminderBefore(null, 15)).toBeNull();
    expect(offsetOf('2026-03-12T10:00:00.000Z', '2026-03-12T09:00:00.000Z')).toBe(60);
    expect(offsetOf('2026-03-12T10:00:00.000Z', '2026-03-12T09:59:00.000Z')).toBeNull();
    expect(offsetOf('2026-03-12T10:00:00.000Z', null)).toBeNull();
  });
});
