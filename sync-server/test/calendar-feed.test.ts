// What a calendar feed says: the golden text of one user's feed at a fixed clock (which
// activities are listed, all-day tasks on the right day in the feed's zone, timed meetings in
// UTC, escaping, folding, CRLF), and the rules for what is listed.
import { describe, expect, it } from 'bun:test';
import { activityPath, feedActivityOf, isCurrent, plainText, RECENT_DAYS } from '../src/calendar/feed-activities.ts';
import { dayIn, feedItems, renderFeed } from '../src/calendar/feed-render.ts';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const DAY = 86_400_000;
const ANA = 'anaaaaaaaaaaaaaa';
const BEN = 'benbbbbbbbbbbbbb';

/** An activity row as the store derives it (every field present, metadata included). */
function row(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    createdAt: Date.UTC(2025, 11, 1, 8, 0, 0), createdBy: ANA, updatedBy: ANA, deletedAt: null,
    subject: null, body: '', reminderAt: null, done: false, doneAt: null, durationMin: null, outcome: null,
    contactId: null, companyId: null, dealId: null, ownerId: ANA, mentions: [],
    ...fields,
  };
}

const ROWS = [
  row({
    id: 'meet0001aaaaaaaa', type: 'meeting', subject: 'Demo, pricing; next steps', body: 'Agenda:\n- show the board\n- talk about C:\\exports',
    dueAt: '2026-01-06T14:30:00.000Z', durationMin: 45, dealId: 'deal0001aaaaaaaa', updatedAt: Date.UTC(2026, 0, 2, 10, 0, 0),
  }),
  // Due 23:30 UTC = 00:30 the next day in Paris: the all-day event is on the 8th.
  row({
    id: 'task0001aaaaaaaa', type: 'task', subject: 'Call back Élodie',
    body: 'Ask @[Ben Martin](benbbbbbbbbbbbbb) for the quote first. ' + 'Long notes that go on and on. '.repeat(4),
    dueAt: '2026-01-07T23:30:00.000Z', contactId: 'cont0001aaaaaaaa', updatedAt: Date.UTC(2026, 0, 3, 11, 15, 0),
  }),
  row({
    id: 'task0002aaaaaaaa', type: 'task', subject: 'Send the contract', dueAt: '2025-12-20T16:00:00.000Z', done: true,
    doneAt: '2025-12-20T15:00:00.000Z', companyId: 'comp0001aaaaaaaa', updatedAt: Date.UTC(2025, 11, 20, 15, 0, 0),
  }),
  // Ben's meeting that mentions Ana, with no subject and no duration.
  row({
    id: 'meet0002aaaaaaaa', type: 'meeting', subject: '', ownerId: BEN, mentions: [ANA], body: 'Bring @[Ana Lopez](anaaaaaaaaaaaaaa)',
    dueAt: '2026-01-05T08:00:00.000Z', updatedAt: Date.UTC(2026, 0, 4, 9, 0, 0),
  }),
  // Not listed: a note, Ben's own task, a done task due 100 days ago, a deleted meeting, a task without a due date.
  row({ id: 'note0001aaaaaaaa', type: 'note', dueAt: '2026-01-06T10:00:00.000Z', updatedAt: NOW }),
  row({ id: 'task0003aaaaaaaa', type: 'task', ownerId: BEN, dueAt: '2026-01-06T10:00:00.000Z', updatedAt: NOW }),
  row({ id: 'task0004aaaaaaaa', type: 'task', done: true, dueAt: new Date(NOW - 100 * DAY).toISOString(), updatedAt: NOW }),
  row({ id: 'meet0003aaaaaaaa', type: 'meeting', deletedAt: NOW, dueAt: '2026-01-06T10:00:00.000Z', updatedAt: NOW }),
  row({ id: 'task0005aaaaaaaa', type: 'task', dueAt: null, updatedAt: NOW }),
];

const GOLDEN = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Carnet//Carnet relay 0.1.0//EN',
  'CALSCALE:GREGORIAN',
  'NAME:Carnet – Acme',
  'X-WR-CALNAME:Carnet – Acme',
  'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
  'X-PUBLISHED-TTL:PT15M',
  'BEGIN:VEVENT',
  'UID:task0002aaaaaaaa@carnet',
  'DTSTAMP:20251220T150000Z',
  'CREATED:20251201T080000Z',
  'LAST-MODIFIED:20251220T150000Z',
  'DTSTART;VALUE=DATE:20251220',
  'DTEND;VALUE=DATE:20251221',
  'SUMMARY:✓ Send the contract',
  'DESCRIPTION:Done. Due at 17:00 (Europe/Paris).\\n\\nOpen in Carnet: https://c',
  ' rm.example.com/companies/comp0001aaaaaaaa#activity-task0002aaaaaaaa',
  'URL:https://crm.example.com/companies/comp0001aaaaaaaa#activity-task0002aaa',
  ' aaaaa',
  'CATEGORIES:Task',
  'STATUS:CONFIRMED',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meet0002aaaaaaaa@carnet',
  'DTSTAMP:20260104T090000Z',
  'CREATED:20251201T080000Z',
  'LAST-MODIFIED:20260104T090000Z',
  'DTSTART:20260105T080000Z',
  'DTEND:20260105T090000Z',
  'SUMMARY:Meeting',
  'DESCRIPTION:Bring @Ana Lopez\\n\\nOpen in Carnet: https://crm.example.com/tod',
  ' ay#activity-meet0002aaaaaaaa',
  'URL:https://crm.example.com/today#activity-meet0002aaaaaaaa',
  'CATEGORIES:Meeting',
  'STATUS:CONFIRMED',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meet0001aaaaaaaa@carnet',
  'DTSTAMP:20260102T100000Z',
  'CREATED:20251201T080000Z',
  'LAST-MODIFIED:20260102T100000Z',
  'DTSTART:20260106T143000Z',
  'DTEND:20260106T151500Z',
  'SUMMARY:Demo\\, pricing\\; next steps',
  'DESCRIPTION:Agenda:\\n- show the board\\n- talk about C:\\\\exports\\n\\nOpen in ',
  ' Carnet: https://crm.example.com/deals/deal0001aaaaaaaa#activity-meet0001aa',
  ' aaaaaa',
  'URL:https://crm.example.com/deals/deal0001aaaaaaaa#activity-meet0001aaaaaaa',
  ' a',
  'CATEGORIES:Meeting',
  'STATUS:CONFIRMED',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:task0001aaaaaaaa@carnet',
  'DTSTAMP:20260103T111500Z',
  'CREATED:20251201T080000Z',
  'LAST-MODIFIED:20260103T111500Z',
  'DTSTART;VALUE=DATE:20260108',
  'DTEND;VALUE=DATE:20260109',
  'SUMMARY:Call back Élodie',
  'DESCRIPTION:Due at 00:30 (Europe/Paris).\\n\\nAsk @Ben Martin for the quote f',
  ' irst. Long notes that go on and on. Long notes that go on and on. Long not',
  ' es that go on and on. Long notes that go on and on.\\n\\nOpen in Carnet: htt',
  ' ps://crm.example.com/contacts/cont0001aaaaaaaa#activity-task0001aaaaaaaa',
  'URL:https://crm.example.com/contacts/cont0001aaaaaaaa#activity-task0001aaaa',
  ' aaaa',
  'CATEGORIES:Task',
  'STATUS:CONFIRMED',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n') + '\r\n';

function anaFeed(now = NOW): string {
  const activities = ROWS.map((r) => feedActivityOf(r, now)).filter((a) => a !== null);
  return renderFeed({
    activities, userId: ANA, now, timeZone: 'Europe/Paris', appUrl: 'https://crm.example.com',
    calendarName: 'Carnet – Acme', version: '0.1.0',
  });
}

describe('calendar feed text', () => {
  it('matches the golden feed of a user at a fixed clock', () => {
    expect(anaFeed()).toBe(GOLDEN);
  });

  it('is the same bytes on every render of the same data (DTSTAMP is the last change, not the clock)', () => {
    expect(anaFeed(NOW + 30 * 60_000)).toBe(GOLDEN);
  });

  it('keeps every physical line within 75 octets and ends each with CRLF', () => {
    const feed = anaFeed();
    expect(feed.endsWith('\r\n')).toBe(true);
    for (const line of feed.slice(0, -2).split('\r\n')) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
  });
});

describe('which activities a feed lists', () => {
  const activity = (fields: Record<string, unknown>) => feedActivityOf(row({ id: 'act00001aaaaaaaa', updatedAt: NOW, ...fields }), NOW);

  it('lists tasks and meetings with a due time, and nothing else', () => {
    expect(activity({ type: 'task', dueAt: '2026-01-06T10:00:00Z' })?.type).toBe('task');
    expect(activity({ type: 'meeting', dueAt: '2026-01-06T10:00:00Z' })?.type).toBe('meeting');
    for (const type of ['note', 'call', 'email']) expect(activity({ type, dueAt: '2026-01-06T10:00:00Z' })).toBeNull();
    expect(activity({ type: 'task', dueAt: null })).toBeNull();
    expect(activity({ type: 'task', dueAt: 'next tuesday' })).toBeNull();
    expect(activity({ type: 'task', dueAt: '2026-01-06T10:00:00Z', deletedAt: NOW })).toBeNull();
  });

  it('keeps open tasks whatever their date, and the rest only while due in the last RECENT_DAYS or later', () => {
    const old = new Date(NOW - (RECENT_DAYS + 1) * DAY).toISOString();
    const recent = new Date(NOW - (RECENT_DAYS - 1) * DAY).toISOString();
    expect(activity({ type: 'task', dueAt: old })).not.toBeNull();
    expect(activity({ type: 'task', dueAt: old, done: true })).toBeNull();
    expect(activity({ type: 'meeting', dueAt: old })).toBeNull();
    expect(activity({ type: 'meeting', dueAt: recent })).not.toBeNull();
    // An item listed today falls out by itself once it is old enough.
    const meeting = activity({ type: 'meeting', dueAt: recent })!;
    expect(isCurrent(meeting, NOW + 2 * DAY)).toBe(false);
  });

  it("lists a user's own activities and those mentioning them, never a teammate's others", () => {
    const mine = activity({ type: 'task', dueAt: '2026-01-06T10:00:00Z', ownerId: ANA })!;
    const mentioning = activity({ type: 'task', dueAt: '2026-01-06T10:00:00Z', ownerId: BEN, mentions: [ANA] })!;
    const bens = activity({ type: 'task', dueAt: '2026-01-06T10:00:00Z', ownerId: BEN })!;
    expect(feedItems([mine, mentioning, bens], ANA, NOW)).toEqual([mine, mentioning]);
    expect(feedItems([mine, mentioning, bens], BEN, NOW)).toEqual([mentioning, bens]);
  });

  it('links each activity where the app shows it', () => {
    const at = (fields: Record<string, unknown>) => activityPath(activity({ type: 'task', dueAt: '2026-01-06T10:00:00Z', ...fields })!);
    expect(at({ dealId: 'deal0001aaaaaaaa', contactId: 'cont0001aaaaaaaa' })).toBe('/deals/deal0001aaaaaaaa#activity-act00001aaaaaaaa');
    expect(at({ contactId: 'cont0001aaaaaaaa' })).toBe('/contacts/cont0001aaaaaaaa#activity-act00001aaaaaaaa');
    expect(at({ companyId: 'comp0001aaaaaaaa' })).toBe('/companies/comp0001aaaaaaaa#activity-act00001aaaaaaaa');
    expect(at({})).toBe('/today#activity-act00001aaaaaaaa');
  });

  it('shows mentions as @Name in the plain text of a body', () => {
    expect(plainText('Hi @[Ana Lopez](anaaaaaaaaaaaaaa), see @[Ben](benbbbbbbbbbbbbb).')).toBe('Hi @Ana Lopez, see @Ben.');
  });

  it('counts task days in the feed zone, across DST changes', () => {
    expect(dayIn(Date.UTC(2026, 2, 28, 23, 30), 'Europe/Paris')).toBe('2026-03-29');
    expect(dayIn(Date.UTC(2026, 2, 29, 21, 59), 'Europe/Paris')).toBe('2026-03-29');
    expect(dayIn(Date.UTC(2026, 2, 29, 22, 0), 'Europe/Paris')).toBe('2026-03-30');
    expect(dayIn(Date.UTC(2026, 0, 6, 3, 0), 'America/Los_Angeles')).toBe('2026-01-05');
  });
});
