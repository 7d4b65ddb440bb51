// Activity: a note, task, call, meeting or logged email, attached to a contact, company and/or
// deal. Tasks and meetings have a due time and an optional reminder; @mentions name users.
import type { CompanyId, ContactId, DealId, UserId } from './ids.ts';
import type { FieldSpec } from './fields.ts';

export const ACTIVITY_TYPES = ['note', 'task', 'call', 'meeting', 'email'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const CALL_OUTCOMES = ['connected', 'no_answer', 'voicemail', 'busy', 'wrong_number'] as const;

export interface ActivityFields {
  type: ActivityType;
  subject: string | null;
  body: string;
  dueAt: string | null;
  reminderAt: string | null;
  done: boolean;
  doneAt: string | null;
  durationMin: number | null;
  outcome: string | null;
  contactId: ContactId | null;
  companyId: CompanyId | null;
  dealId: DealId | null;
  ownerId: UserId | null;
  mentions: UserId[];
}

export const ACTIVITY_FIELDS = {
  type: { kind: 'select', required: true, options: ACTIVITY_TYPES },
  subject: { kind: 'text', maxLength: 500 },
  body: { kind: 'longText', collaborative: true },
  dueAt: { kind: 'datetime' },
  reminderAt: { kind: 'datetime' },
  done: { kind: 'boolean' },
  doneAt: { kind: 'datetime' },
  durationMin: { kind: 'number', integer: true, min: 0, max: 60 * 24 * 31 },
  outcome: { kind: 'text', maxLength: 200 },
  contactId: { kind: 'ref' },
  companyId: { kind: 'ref' },
  dealId: { kind: 'ref' },
  ownerId: { kind: 'ref' },
  mentions: { kind: 'refs' },
} as const satisfies Record<keyof ActivityFields, FieldSpec>;

/** User ids mentioned as `@[Name](userId)` in a body, in order, without repeats. */
export function extractMentions(body: string): string[] {
  const ids: string[] = [];
  for (const match of body.matchAll(/@\[[^\]\n]{1,100}\]\(([0-9a-z]{8,32})\)/g)) {
    if (!ids.includes(match[1])) ids.push(match[1]);
  }
  return ids;
}
