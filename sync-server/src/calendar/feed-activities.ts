// Which activities a calendar feed lists, and the little of each one it keeps. Pure: rows in,
// plain values out, the clock passed in.
//
// A feed lists tasks and meetings with a due time that concern its user (they own it, or it
// mentions them), and of those the open tasks whatever their date plus everything due in the
// last RECENT_DAYS or later. A done task or an old meeting then falls out of the feed by
// itself, so a five-year-old workspace does not send five years of meetings on every poll.
import type { ActivityType } from '@carnet/schema';

export const FEED_TYPES = ['task', 'meeting'] as const satisfies readonly ActivityType[];
export type FeedType = (typeof FEED_TYPES)[number];

export const RECENT_DAYS = 90;
const DAY_MS = 86_400_000;
/** Bodies are kept up to this many characters: a calendar shows a summary, not a document. */
export const MAX_DESCRIPTION_CHARS = 4_000;

/** What the feed needs of an activity row. */
export interface FeedActivity {
  id: string;
  type: FeedType;
  subject: string;
  /** The body as plain text (mentions as `@Name`), cut at MAX_DESCRIPTION_CHARS. */
  text: string;
  dueAt: number;
  durationMin: number | null;
  done: boolean;
  ownerId: string | null;
  mentions: string[];
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  createdAt: number;
  updatedAt: number;
}

const MENTION = /@\[([^\]\n]{1,100})\]\(([0-9a-z]{8,32})\)/g;

/** The stored body (`@[Name](userId)` tokens) as a person reads it (`@Name`). */
export function plainText(body: string): string {
  return body.replace(MENTION, (_whole, name: string) => `@${name}`);
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The feed's view of an activity row, or null when no feed can ever list it as it stands
 * (deleted, another type, no usable due time, or too old to be listed from `now` on).
 */
export function feedActivityOf(row: Record<string, unknown>, now: number): FeedActivity | null {
  if (row.deletedAt !== null && row.deletedAt !== undefined) return null;
  const type = row.type;
  if (type !== 'task' && type !== 'meeting') return null;
  const dueAt = typeof row.dueAt === 'string' ? Date.parse(row.dueAt) : Number.NaN;
  if (Number.isNaN(dueAt)) return null;
  const activity: FeedActivity = {
    id: String(row.id),
    type,
    subject: str(row.subject) ?? '',
    text: plainText(typeof row.body === 'string' ? row.body : '').slice(0, MAX_DESCRIPTION_CHARS),
    dueAt,
    durationMin: num(row.durationMin),
    done: row.done === true,
    ownerId: str(row.ownerId),
    mentions: Array.isArray(row.mentions) ? row.mentions.filter((m): m is string => typeof m === 'string') : [],
    contactId: str(row.contactId),
    companyId: str(row.companyId),
    dealId: str(row.dealId),
    createdAt: num(row.createdAt) ?? 0,
    updatedAt: num(row.updatedAt) ?? num(row.createdAt) ?? 0,
  };
  return isCurrent(activity, now) ? activity : null;
}

/** Open tasks always; anything else while it is due in the last RECENT_DAYS or later. */
export function isCurrent(activity: FeedActivity, now: number): boolean {
  if (activity.type === 'task' && !activity.done) return true;
  return activity.dueAt >= now - RECENT_DAYS * DAY_MS;
}

/** Whether the activity is on `userId`'s calendar: theirs, or it mentions them. */
export function concerns(activity: FeedActivity, userId: string): boolean {
  return activity.ownerId === userId || activity.mentions.includes(userId);
}

/**
 * Where the app shows the activity: on its deal, contact or company page, else on Today.
 * The same rule as the app's `recordPath('activities', …)` (src/lib/records/paths.ts).
 */
export function activityPath(activity: FeedActivity): string {
  if (activity.dealId) return `/deals/${activity.dealId}#activity-${activity.id}`;
  if (activity.contactId) return `/contacts/${activity.contactId}#activity-${activity.id}`;
  if (activity.companyId) return `/companies/${activity.companyId}#activity-${activity.id}`;
  return `/today#activity-${activity.id}`;
}
