// One user's calendar feed as iCalendar text. Pure: the activities, the clock, the time zone
// and the app's URL are passed in, so the same input always gives the same bytes (tests pin
// them as golden text, and the relay caches them).
//
// Every item is a VEVENT, tasks included: Google Calendar ignores VTODO in subscribed feeds
// (Apple Calendar and Outlook do not show them either), so a task is an all-day event on its
// due day in the feed's time zone, marked free (TRANSP:TRANSPARENT) so it does not block the
// day; its due time is in the description. A meeting is a timed event from `dueAt` for
// `durationMin` (an hour when unset, Google's default). VEVENT has no "completed" status
// (RFC 5545 3.8.1.11 allows TENTATIVE, CONFIRMED, CANCELLED, and Google hides CANCELLED), so
// items are CONFIRMED and a done task's title starts with "✓ ".
//
// DTSTAMP is the activity's last change: in an object without METHOD, RFC 5545 3.8.7.2 says it
// is when the information was last revised in the calendar store. Using the clock instead
// would change every event on every poll for nothing.
import { activityPath, concerns, isCurrent, type FeedActivity } from './feed-activities.ts';
import { date, text, utcDateTime, writeIcal, type IcalComponent, type IcalProperty } from './ical.ts';

export interface RenderFeedOptions {
  activities: Iterable<FeedActivity>;
  userId: string;
  now: number;
  /** IANA zone the tasks' days are counted in (the user's browser zone when the feed was made). */
  timeZone: string;
  /** The app's origin, e.g. https://crm.example.com (no trailing slash). */
  appUrl: string;
  calendarName: string;
  /** The relay's version, for PRODID. */
  version: string;
}

/** How often clients that honour it should poll (Google polls on its own schedule). */
export const REFRESH_INTERVAL = 'PT15M';
export const DEFAULT_MEETING_MINUTES = 60;
const MINUTE_MS = 60_000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = map.get(timeZone);
  if (!format) map.set(timeZone, (format = make()));
  return format;
}

/** `2026-01-05`: the calendar day of an instant in `timeZone`. */
export function dayIn(epochMs: number, timeZone: string): string {
  const format = cached(dayFormats, timeZone, () =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
  // en-CA writes 2026-01-05; the parts are the fallback should a runtime's data differ.
  const quick = format.format(epochMs);
  if (/^\d{4}-\d{2}-\d{2}$/.test(quick)) return quick;
  const parts = format.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `17:00`: the wall-clock time of an instant in `timeZone`. */
function timeIn(epochMs: number, timeZone: string): string {
  return cached(timeFormats, timeZone, () =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  ).format(epochMs);
}

function nextDay(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function describe(activity: FeedActivity, link: string, timeZone: string): string {
  const lines: string[] = [];
  if (activity.type === 'task') {
    lines.push(`${activity.done ? 'Done. ' : ''}Due at ${timeIn(activity.dueAt, timeZone)} (${timeZone}).`, '');
  }
  const body = activity.text.trim();
  if (body) lines.push(body, '');
  lines.push(`Open in Carnet: ${link}`);
  return lines.join('\n');
}

function eventOf(activity: FeedActivity, options: RenderFeedOptions): IcalComponent {
  const link = options.appUrl + activityPath(activity);
  const title = activity.subject.trim() || (activity.type === 'task' ? 'Task' : 'Meeting');
  const day = activity.type === 'task' ? dayIn(activity.dueAt, options.timeZone) : '';
  const when: IcalProperty[] =
    activity.type === 'task'
      ? [
          { name: 'DTSTART', params: { VALUE: 'DATE' }, value: date(day) },
          { name: 'DTEND', params: { VALUE: 'DATE' }, value: date(nextDay(day)) },
        ]
      : [
          { name: 'DTSTART', value: utcDateTime(activity.dueAt) },
          { name: 'DTEND', value: utcDateTime(activity.dueAt + (activity.durationMin ?? DEFAULT_MEETING_MINUTES) * MINUTE_MS) },
        ];
  return {
    name: 'VEVENT',
    properties: [
      // Activity ids are random and global: the UID stays the same across edits and relays.
      { name: 'UID', value: `${activity.id}@carnet` },
      { name: 'DTSTAMP', value: utcDateTime(activity.updatedAt) },
      { name: 'CREATED', value: utcDateTime(activity.createdAt) },
      { name: 'LAST-MODIFIED', value: utcDateTime(activity.updatedAt) },
      ...when,
      { name: 'SUMMARY', value: text(activity.type === 'task' && activity.done ? `✓ ${title}` : title) },
      { name: 'DESCRIPTION', value: text(describe(activity, link, options.timeZone)) },
      { name: 'URL', value: link },
      { name: 'CATEGORIES', value: activity.type === 'task' ? 'Task' : 'Meeting' },
      { name: 'STATUS', value: 'CONFIRMED' },
      { name: 'TRANSP', value: activity.type === 'task' ? 'TRANSPARENT' : 'OPAQUE' },
    ],
  };
}

/** The activities of the user's feed as of `now`, in due order (ties by id). */
export function feedItems(activities: Iterable<FeedActivity>, userId: string, now: number): FeedActivity[] {
  const items: FeedActivity[] = [];
  for (const activity of activities) if (concerns(activity, userId) && isCurrent(activity, now)) items.push(activity);
  return items.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function renderFeed(options: RenderFeedOptions): string {
  const name = text(options.calendarName);
  return writeIcal({
    name: 'VCALENDAR',
    properties: [
      { name: 'VERSION', value: '2.0' },
      { name: 'PRODID', value: `-//Carnet//Carnet relay ${options.version}//EN` },
      { name: 'CALSCALE', value: 'GREGORIAN' },
      // NAME and REFRESH-INTERVAL are RFC 7986; the X-WR and X-PUBLISHED ones are what
      // Google, Apple and Outlook read.
      { name: 'NAME', value: name },
      { name: 'X-WR-CALNAME', value: name },
      { name: 'REFRESH-INTERVAL', params: { VALUE: 'DURATION' }, value: REFRESH_INTERVAL },
      { name: 'X-PUBLISHED-TTL', value: REFRESH_INTERVAL },
    ],
    components: feedItems(options.activities, options.userId, options.now).map((activity) => eventOf(activity, options)),
  });
}
