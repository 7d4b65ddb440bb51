// What the activity composer holds while someone types, and how it becomes the fields of an
// activity. Checks here catch what the schema cannot (a reminder without a due time, a date
// the input could not read); the store's own validation runs after and is shown the same way.
import { ACTIVITY_TYPES, type ActivityType, type AnyRow } from '@carnet/schema';
import { isoToLocalInput, localInputToIso } from './datetime-input.ts';
import { decodeMentions, encodeMentions, type MentionPick } from './mentions.ts';
import { instantOf } from './days.ts';
import { offsetOf, reminderBefore } from './reminders.ts';

export type ReminderChoice = 'none' | '0' | '15' | '60' | '1440' | 'custom';

export interface ActivityDraft {
  type: ActivityType;
  subject: string;
  /** The body as typed, with `@Name` for mentions (see `picks`). */
  body: string;
  picks: MentionPick[];
  /** datetime-local value (device time) or ''. */
  due: string;
  reminder: ReminderChoice;
  reminderCustom: string;
  duration: string;
  outcome: string;
  ownerId: string | null;
}

export type DraftField = 'type' | 'subject' | 'body' | 'due' | 'reminder' | 'duration' | 'outcome' | 'ownerId';

/** Why a draft cannot be saved yet, per field; each code has a message `activities.<code>`. */
export type DraftProblem = 'needText' | 'badDateTime' | 'needDue' | 'badDuration' | 'reminderAfterDue';

export interface ActivityLinks {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

/** Kinds that are planned for a time (and so can have a due time and a reminder). */
export const hasDue = (type: ActivityType) => type === 'task' || type === 'call' || type === 'meeting';
/** Kinds that last a while and end somehow. */
export const hasDuration = (type: ActivityType) => type === 'call' || type === 'meeting';

export function emptyDraft(ownerId: string | null, type: ActivityType = 'note'): ActivityDraft {
  return { type, subject: '', body: '', picks: [], due: '', reminder: 'none', reminderCustom: '', duration: '', outcome: '', ownerId };
}

/** A stored activity as the composer edits it. */
export function draftFromRow(row: AnyRow): ActivityDraft {
  const type = (ACTIVITY_TYPES as readonly string[]).includes(row.type as string) ? (row.type as ActivityType) : 'note';
  const { plain, picks } = decodeMentions(typeof row.body === 'string' ? row.body : '');
  const dueAt = (row.dueAt as string | null) ?? null;
  const reminderAt = (row.reminderAt as string | null) ?? null;
  const offset = offsetOf(dueAt, reminderAt);
  return {
    type,
    subject: (row.subject as string | null) ?? '',
    body: plain,
    picks,
    due: isoToLocalInput(dueAt),
    reminder: reminderAt === null ? 'none' : offset === null ? 'custom' : (String(offset) as ReminderChoice),
    reminderCustom: offset === null ? isoToLocalInput(reminderAt) : '',
    duration: typeof row.durationMin === 'number' ? String(row.durationMin) : '',
    outcome: (row.outcome as string | null) ?? '',
    ownerId: (row.ownerId as string | null) ?? null,
  };
}

export type DraftResult =
  | { ok: true; fields: Record<string, unknown> }
  | { ok: false; problems: Partial<Record<DraftField, DraftProblem>> };

/** The activity fields a draft stands for (links included), or what is wrong with it. */
export function draftToFields(draft: ActivityDraft, links: ActivityLinks = {}): DraftResult {
  const problems: Partial<Record<DraftField, DraftProblem>> = {};
  const subject = draft.subject.trim();
  const { body, mentions } = encodeMentions(draft.body.trim(), draft.picks);
  if (!subject && !body) problems.subject = 'needText';

  let dueAt: string | null = null;
  let reminderAt: string | null = null;
  if (hasDue(draft.type)) {
    if (draft.due.trim()) {
      dueAt = localInputToIso(draft.due);
      if (dueAt === null) problems.due = 'badDateTime';
    }
    if (draft.reminder === 'custom') {
      reminderAt = draft.reminderCustom.trim() ? localInputToIso(draft.reminderCustom) : null;
      if (reminderAt === null) problems.reminder = 'badDateTime';
    } else if (draft.reminder !== 'none') {
      if (!draft.due.trim()) problems.reminder = 'needDue';
      else if (dueAt !== null) reminderAt = reminderBefore(dueAt, Number(draft.reminder));
    }
    if (!problems.reminder && draft.reminder === 'custom' && dueAt !== null && (instantOf(reminderAt) ?? 0) > (instantOf(dueAt) ?? 0)) {
      problems.reminder = 'reminderAfterDue';
    }
  }

  let durationMin: number | null = null;
  let outcome: string | null = null;
  if (hasDuration(draft.type)) {
    const text = draft.duration.trim();
    if (text) {
      durationMin = /^\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(durationMin)) problems.duration = 'badDuration';
    }
    outcome = draft.outcome.trim() || null;
  }

  if (Object.keys(problems).length) return { ok: false, problems };
  const fields: Record<string, unknown> = {
    type: draft.type,
    subject: subject || null,
    body,
    dueAt,
    reminderAt,
    durationMin,
    outcome,
    ownerId: draft.ownerId,
    mentions,
  };
  if (links.contactId !== undefined) fields.contactId = links.contactId;
  if (links.companyId !== undefined) fields.companyId = links.companyId;
  if (links.dealId !== undefined) fields.dealId = links.dealId;
  return { ok: true, fields };
}

/** The draft field a store validation issue belongs to (`dueAt` → `due`, …). */
export function draftFieldOf(storeField: string): DraftField {
  switch (storeField) {
    case 'dueAt':
      return 'due';
    case 'reminderAt':
      return 'reminder';
    case 'durationMin':
      return 'duration';
    case 'subject':
    case 'body':
    case 'outcome':
    case 'ownerId':
    case 'type':
      return storeField;
    default:
      return 'subject';
  }
}

/** Only the fields that differ from the stored row, so an edit does not rewrite the body others type in. */
export function changedFields(row: AnyRow, fields: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const before = row[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(value ?? null)) patch[key] = value;
  }
  return patch;
}
