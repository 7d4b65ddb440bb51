// Calendar feeds through the relay's HTTP routes, with the real auth module on a SQLite file and
// activities written by real @carnet/store peers into the relay's storage: creating, rotating
// and revoking a feed URL, who sees what, a removed member's feed, and the feed cache following
// the log (a new update, a compaction past the cached index).
import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { Elysia } from 'elysia';
import { MemoryPersistence, Store } from '@carnet/store';
import { authRoutes } from '../src/auth/index.ts';
import { calendarRoutes, createCalendarFeeds, type CalendarFeeds } from '../src/calendar/index.ts';
import { recordRowOf } from '../src/snapshots/index.ts';
import { createMemoryStorage, type RelayStorage } from '../src/storage/index.ts';
import { addMember, Client, makeAuth, ORIGIN, setUp, T0, type Harness } from './auth-fixtures.ts';

const HOUR = 60 * 60_000;

interface Person {
  client: Client;
  userId: string;
  store: Store;
}

let h: Harness;
let storage: RelayStorage;
let calendar: CalendarFeeds;
let app: { handle(request: Request): Promise<Response> };
let workspaceId: string;
let owner: Person;
let rep: Person;

/** A logged-in client of the calendar app, carrying the session `from` got from the auth app. */
function onApp(from: Client): Client {
  const client = new Client(app, from.ip);
  client.cookie = from.cookie;
  client.bearer = from.bearer;
  return client;
}

async function person(client: Client, userId: string): Promise<Person> {
  const store = await Store.open({
    persistence: new MemoryPersistence(), actor: { userId, deviceId: 'laptop' }, now: () => h.now(), yieldToHost: async () => {},
  });
  return { client: onApp(client), userId, store };
}

/** What the relay does with a peer's push: its outbox appended to the log, attributed. */
async function sync(who: Person): Promise<void> {
  const entries = await who.store.outbox(10_000);
  if (!entries.length) return;
  await storage.append(workspaceId, entries.map((e) => ({ docId: e.docId, update: e.update, userId: who.userId, deviceId: 'laptop', at: h.now() })));
  await who.store.ack(entries.map((e) => e.id));
}

async function activity(who: Person, fields: Record<string, unknown>): Promise<string> {
  const created = await who.store.create('activities', { body: '', done: false, ownerId: who.userId, mentions: [], ...fields });
  await sync(who);
  return created.id;
}

async function createFeed(who: Person, timeZone?: string): Promise<string> {
  const reply = await who.client.post(`/api/workspaces/${workspaceId}/calendar-feed`, timeZone ? { timeZone } : {});
  expect(reply.status).toBe(201);
  return reply.body.url as string;
}

async function fetchFeed(url: string, headers: Record<string, string> = {}) {
  const response = await app.handle(new Request(url, { headers }));
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const secretOf = (url: string) => /\/api\/calendar\/([a-z2-7]+)\.ics$/.exec(url)![1];

beforeEach(async () => {
  h = makeAuth();
  storage = createMemoryStorage({ rowOf: recordRowOf });
  calendar = createCalendarFeeds({ db: h.db, auth: h.auth, storage, version: '0.1.0', now: h.now, yieldToHost: async () => {} });
  app = new Elysia().use(authRoutes(h.auth)).use(calendarRoutes({ auth: h.auth, calendar }));
  const setup = await setUp(h);
  workspaceId = setup.workspaceId;
  owner = await person(setup.owner, setup.ownerId);
  const member = await addMember(h, setup.owner, workspaceId, 'rep', 'rex@example.com');
  rep = await person(member.client, member.userId);
});

afterEach(async () => {
  calendar.dispose();
  await owner.store.close();
  await rep.store.close();
  h.close();
});

describe('calendar feed URLs', () => {
  it('creates a private URL with a long random secret, stores only its hash, and serves text/calendar', async () => {
    await activity(owner, { type: 'meeting', subject: 'Kick-off', dueAt: '2025-01-07T10:00:00.000Z', durationMin: 30 });
    const url = await createFeed(owner, 'Europe/Paris');
    expect(url).toMatch(/^http:\/\/localhost\/api\/calendar\/[a-z2-7]{52}\.ics$/);
    const stored = h.db.query<{ token_hash: string; time_zone: string }, []>('SELECT token_hash, time_zone FROM calendar_feeds').all();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].token_hash).not.toContain(secretOf(url));
    expect(stored[0].time_zone).toBe('Europe/Paris');

    // No cookie: a calendar app has nothing but the URL.
    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toContain('private');
    expect(feed.text).toStartWith('BEGIN:VCALENDAR\r\n');
    expect(feed.text).toContain('SUMMARY:Kick-off\r\n');
    expect(feed.text).toContain('DTSTART:20250107T100000Z\r\nDTEND:20250107T103000Z\r\n');
    expect(feed.text).toContain('X-WR-CALNAME:Carnet – Acme\r\n');

    const status = await owner.client.get(`/api/workspaces/${workspaceId}/calendar-feed`);
    expect(status.body).toEqual({ feed: { createdAt: T0, lastUsedAt: T0, timeZone: 'Europe/Paris' } });
  });

  it('uses PUBLIC_URL for the feed URL and the links to records when it is set', async () => {
    calendar.dispose();
    h.close();
    h = makeAuth({ publicUrl: 'https://crm.example.com' });
    calendar = createCalendarFeeds({ db: h.db, auth: h.auth, storage, version: '0.1.0', now: h.now, yieldToHost: async () => {} });
    app = new Elysia().use(authRoutes(h.auth)).use(calendarRoutes({ auth: h.auth, calendar }));
    const setup = await setUp(h);
    workspaceId = setup.workspaceId;
    await owner.store.close();
    owner = await person(setup.owner, setup.ownerId);
    const id = await activity(owner, { type: 'task', subject: 'Send quote', dueAt: '2025-01-08T16:00:00.000Z' });
    const url = await createFeed(owner);
    expect(url).toStartWith('https://crm.example.com/api/calendar/');
    const feed = await fetchFeed(url.replace('https://crm.example.com', ORIGIN));
    expect(feed.text.replace(/\r\n /g, '')).toContain(`URL:https://crm.example.com/today#activity-${id}\r\n`);
  });

  it('rotates: a new URL replaces the old one, which then answers 404', async () => {
    const first = await createFeed(owner);
    const second = await createFeed(owner);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
  });

  it('revokes: DELETE makes the URL answer 404, and revoking again is harmless', async () => {
    const url = await createFeed(owner);
    expect((await owner.client.delete(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(204);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await owner.client.delete(`/api/workspaces/${workspaceId}/calendar-feed`)).status).toBe(204);
    expect((await owner.client.get(`/api/workspaces/${workspaceId}/calendar-feed`)).body).toEqual({ feed: null });
  });

  it("stops a removed member's feed (404) and deletes it, so joining again does not revive the URL", async () => {
    await activity(rep, { type: 'task', subject: 'Rep task', dueAt: '2025-01-08T16:00:00.000Z' });
    const url = await createFeed(rep);
    expect((await fetchFeed(url)).status).toBe(200);
    expect((await owner.client.delete(`/api/workspaces/${workspaceId}/members/${rep.userId}`)).status).toBe(204);
    expect((await fetchFeed(url)).status).toBe(404);
    expect(calendar.get(rep.userId, workspaceId)).toBeNull();
  });

  it('answers 404 to unknown, malformed and extension-less secrets without touching anything', async () => {
    const url = await createFeed(owner);
    for (const path of [
      `/api/calendar/${'a'.repeat(52)}.ics`, '/api/calendar/nope.ics', `/api/calendar/${secretOf(url)}`,
      `/api/calendar/${secretOf(url).toUpperCase()}.ics`, '/api/calendar/..%2F..%2Fetc.ics',
    ]) {
      const feed = await fetchFeed(ORIGIN + path);
      expect(feed.status).toBe(404);
      expect(JSON.parse(feed.text).error.code).toBe('not_found');
    }
  });

  it('refuses to mint a feed for an API token (403), a stranger (401), a non-member (404) or a bad zone (422)', async () => {
    const token = await owner.client.post('/api/tokens', { name: 'script', workspaceId });
    const script = onApp(new Client(app, '10.0.0.50'));
    script.bearer = token.body.token;
    const byToken = await script.post(`/api/workspaces/${workspaceId}/calendar-feed`, {});
    expect(byToken.status).toBe(403);
    expect(byToken.body.error.code).toBe('session_required');

    expect((await new Client(app, '10.0.0.51').post(`/api/workspaces/${workspaceId}/calendar-feed`, {})).status).toBe(401);
    expect((await owner.client.post('/api/workspaces/zzzzzzzzzzzzzzzz/calendar-feed', {})).status).toBe(404);
    const badZone = await owner.client.post(`/api/workspaces/${workspaceId}/calendar-feed`, { timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(422);
    expect(badZone.body.error.issues).toEqual([{ field: 'timeZone', code: 'unknown_option' }]);

    const crossSite = await owner.client.post(`/api/workspaces/${workspaceId}/calendar-feed`, {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(h.db.query('SELECT COUNT(*) AS n FROM calendar_feeds').get()).toEqual({ n: 0 });
  });
});

describe('what a feed shows', () => {
  it("shows each user their own activities and those mentioning them, never a teammate's others", async () => {
    await activity(owner, { type: 'task', subject: 'Owner private task', dueAt: '2025-01-08T16:00:00.000Z' });
    await activity(owner, { type: 'meeting', subject: 'Owner meeting with rep', dueAt: '2025-01-09T09:00:00.000Z', mentions: [rep.userId] });
    await activity(rep, { type: 'task', subject: 'Rep task', dueAt: '2025-01-08T16:00:00.000Z' });
    await activity(owner, { type: 'note', subject: 'Owner note', dueAt: '2025-01-08T16:00:00.000Z' });

    const ownerFeed = (await fetchFeed(await createFeed(owner))).text;
    const repFeed = (await fetchFeed(await createFeed(rep))).text;
    const summaries = (feed: string) => [...feed.matchAll(/^SUMMARY:(.*)\r$/gm)].map((m) => m[1]);
    expect(summaries(ownerFeed)).toEqual(['Owner private task', 'Owner meeting with rep']);
    expect(summaries(repFeed)).toEqual(['Rep task', 'Owner meeting with rep']);
    // The feed URL of one user opens no one else's: the secret is the only key.
    expect(repFeed).not.toContain('Owner private task');
  });

  it('answers 304 to a poll whose ETag still matches, and a new ETag once the feed changed', async () => {
    await activity(owner, { type: 'task', subject: 'First', dueAt: '2025-01-08T16:00:00.000Z' });
    const url = await createFeed(owner);
    const first = await fetchFeed(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await fetchFeed(url, { 'if-none-match': etag })).status).toBe(304);
    await activity(owner, { type: 'task', subject: 'Second', dueAt: '2025-01-09T16:00:00.000Z' });
    const changed = await fetchFeed(url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('SUMMARY:Second');
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('feed cache', () => {
  it('serves the cached text until the log moves, then catches up from the log alone', async () => {
    const taskId = await activity(owner, { type: 'task', subject: 'Draft', dueAt: '2025-01-08T16:00:00.000Z' });
    const secret = secretOf(await createFeed(owner));
    const base = ORIGIN;

    const first = (await calendar.read(secret, base))!;
    expect(first.source).toBe('rebuilt');
    expect((await calendar.read(secret, base))!.source).toBe('cache');

    // An edit of the task and an unrelated contact reach the log.
    await owner.store.update('activities', taskId, { subject: 'Final', done: true, doneAt: '2025-01-06T10:00:00.000Z' });
    await owner.store.create('contacts', { firstName: 'Ana' });
    await sync(owner);
    const after = (await calendar.read(secret, base))!;
    expect(after.source).toBe('caught-up');
    expect(after.seq).toBe(await storage.headSeq(workspaceId));
    expect(after.body).toContain('SUMMARY:✓ Final');
    expect(after.body).not.toContain('SUMMARY:Draft');
    expect((await calendar.read(secret, base))!.source).toBe('cache');

    // Deleting the task takes it out of the feed.
    await owner.store.delete('activities', taskId);
    await sync(owner);
    const deleted = (await calendar.read(secret, base))!;
    expect(deleted.source).toBe('caught-up');
    expect(deleted.body).not.toContain('BEGIN:VEVENT');
  });

  it('reads the activities again when the log was compacted past the cached index', async () => {
    const taskId = await activity(owner, { type: 'task', subject: 'Before', dueAt: '2025-01-08T16:00:00.000Z' });
    const secret = secretOf(await createFeed(owner));
    expect((await calendar.read(secret, ORIGIN))!.source).toBe('rebuilt');

    await owner.store.update('activities', taskId, { subject: 'After' });
    await activity(owner, { type: 'meeting', subject: 'New meeting', dueAt: '2025-01-09T09:00:00.000Z' });
    await storage.compact(workspaceId, { keepTail: 0 });
    await sync(owner);

    const read = (await calendar.read(secret, ORIGIN))!;
    expect(read.source).toBe('rebuilt');
    expect(read.body).toContain('SUMMARY:After');
    expect(read.body).toContain('SUMMARY:New meeting');
  });

  it('renders again when the hour turns, so items age out without any new update', async () => {
    await activity(owner, { type: 'meeting', subject: 'Old meeting', dueAt: new Date(T0 - 89 * 24 * HOUR).toISOString() });
    const secret = secretOf(await createFeed(owner));
    expect((await calendar.read(secret, ORIGIN))!.body).toContain('SUMMARY:Old meeting');
    h.advance(2 * 24 * HOUR);
    const later = (await calendar.read(secret, ORIGIN))!;
    expect(later.source).not.toBe('cache');
    expect(later.body).not.toContain('Old meeting');
  });
});
