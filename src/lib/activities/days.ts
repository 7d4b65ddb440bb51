// Local calendar days for activities: which day an instant falls on in a time zone (the
// device's unless one is given), and the overdue / today / upcoming buckets of My day. Pure:
// the clock and the time zone are passed in, so tests pin both.
import type { ActivityFields, AnyRow } from '@carnet/schema';

export type ActivityRow = AnyRow & Partial<ActivityFields>;

export type DayBucket = 'overdue' | 'today' | 'upcoming' | 'undated';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(key, format);
  }
  return format;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in `timeZone` (the device's when omitted). */
export function dayKey(time: number, timeZone?: string): string {
  const parts = dayFormat(timeZone).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Epoch ms of an ISO datetime, or null when it is empty or not a date. */
export function instantOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** Where an activity due at `dueAt` sits relative to the day of `now`. */
export function bucketOf(dueAt: string | null | undefined, now: number, timeZone?: string): DayBucket {
  const due = instantOf(dueAt);
  if (due === null) return 'undated';
  const dueDay = dayKey(due, timeZone);
  const today = dayKey(now, timeZone);
  return dueDay < today ? 'overdue' : dueDay === today ? 'today' : 'upcoming';
}

/**
 * Whether an open activity belongs on someone's agenda: tasks always, anything with a due
 * time (a planned call or meeting), and anything that mentions them (so a teammate's note
 * asking for their attention is seen until they mark it done).
 */
export function isOnAgenda(row: ActivityRow, userId: string): boolean {
  if (row.deletedAt !== null || row.done === true) return false;
  const mine = row.ownerId === userId;
  const mentioned = Array.isArray(row.mentions) && row.mentions.includes(userId as never);
  if (!mine && !mentioned) return false;
  return mentioned || row.type === 'task' || !!row.dueAt;
}

/** Whether `userId` finished this activity (or it was finished for them) on the day of `now`. */
export function isDoneToday(row: ActivityRow, userId: string, now: number, timeZone?: string): boolean {
  if (row.deletedAt !== null || row.done !== true) return false;
  const mine = row.ownerId === userId || (Array.isArray(row.mentions) && row.mentions.includes(userId as never));
  const doneAt = instantOf(row.doneAt);
  return mine && doneAt !== null && dayKey(doneAt, timeZone) === dayKey(now, timeZone);
}

const KEEP_DONE_MS = 2 * 86_400_000;

/**
 * Whether a row is worth keeping in memory for `userId`'s agenda: alive, owned by them or
 * mentioning them, and open or done within the last two days.
 */
export function concernsUser(row: ActivityRow, userId: string, now: number): boolean {
  if (row.deletedAt !== null) return false;
  const mine = row.ownerId === userId || (Array.isArray(row.mentions) && row.mentions.includes(userId as never));
  if (!mine) return false;
  if (row.done !== true) return true;
  const doneAt = instantOf(row.doneAt);
  return doneAt !== null && now - doneAt < KEEP_DONE_MS;
}

export interface Agenda {
  overdue: ActivityRow[];
  today: ActivityRow[];
  upcoming: ActivityRow[];
  undated: ActivityRow[];
  doneToday: ActivityRow[];
}

function byDue(a: ActivityRow, b: ActivityRow): number {
  const da = instantOf(a.dueAt) ?? Infinity;
  const db = instantOf(b.dueAt) ?? Infinity;
  if (da !== db) return da - db;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Groups a user's activities into My day's sections, each sorted by due time (undated by creation). */
export function buildAgenda(rows: Iterable<ActivityRow>, userId: string, now: number, timeZone?: string): Agenda {
  const agenda: Agenda = { overdue: [], today: [], upcoming: [], undated: [], doneToday: [] };
  for (const row of rows) {
    if (isOnAgenda(row, userId)) agenda[bucketOf(row.dueAt, now, timeZone)].push(row);
    else if (isDoneToday(row, userId, now, timeZone)) agenda.doneToday.push(row);
  }
  agenda.overdue.sort(byDue);
  agenda.today.sort(byDue);
  agenda.upcoming.sort(byDue);
  agenda.undated.sort(byDue);
  agenda.doneToday.sort((a, b) => (instantOf(b.doneAt) ?? 0) - (instantOf(a.doneAt) ?? 0));
  return agenda;
}
