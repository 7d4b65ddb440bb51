// When task reminders fire. Pure: the caller owns the clock and remembers which reminders it
// has already shown; these functions only say which are due and when to look again.
import { instantOf, type ActivityRow } from './days.ts';

/** Offsets (minutes before the due time) offered in the composer. */
export const REMINDER_OFFSETS = [0, 15, 60, 24 * 60] as const;

/** The reminder instant `offsetMin` minutes before `dueAt`; null without a due time. */
export function reminderBefore(dueAt: string | null, offsetMin: number): string | null {
  const due = instantOf(dueAt);
  return due === null ? null : new Date(due - offsetMin * 60_000).toISOString();
}

/** The offset in REMINDER_OFFSETS that gives `reminderAt` for `dueAt`, or null (custom / none). */
export function offsetOf(dueAt: string | null, reminderAt: string | null): number | null {
  const due = instantOf(dueAt);
  const at = instantOf(reminderAt);
  if (due === null || at === null) return null;
  const offset = (due - at) / 60_000;
  return (REMINDER_OFFSETS as readonly number[]).includes(offset) ? offset : null;
}

/** A key naming one reminder of one activity: changing its time makes a new reminder. */
export function reminderKey(row: ActivityRow): string {
  return `${row.id}@${row.reminderAt ?? ''}`;
}

/**
 * Reminders that came due in `(since, now]` and were not shown yet: open, alive activities whose
 * reminder time passed while the app was watching. Oldest first.
 */
export function dueReminders(rows: Iterable<ActivityRow>, since: number, now: number, shown: ReadonlySet<string> = new Set()): ActivityRow[] {
  const due: ActivityRow[] = [];
  for (const row of rows) {
    if (row.deletedAt !== null || row.done === true) continue;
    const at = instantOf(row.reminderAt);
    if (at === null || at <= since || at > now || shown.has(reminderKey(row))) continue;
    due.push(row);
  }
  return due.sort((a, b) => (instantOf(a.reminderAt) ?? 0) - (instantOf(b.reminderAt) ?? 0));
}

/** The next reminder after `now` among open activities, to set a timer for; null if none. */
export function nextReminder(rows: Iterable<ActivityRow>, now: number): number | null {
  let next: number | null = null;
  for (const row of rows) {
    if (row.deletedAt !== null || row.done === true) continue;
    const at = instantOf(row.reminderAt);
    if (at !== null && at > now && (next === null || at < next)) next = at;
  }
  return next;
}
