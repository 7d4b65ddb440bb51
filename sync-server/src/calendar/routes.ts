// HTTP surface of calendar feeds. Managing a feed is an ordinary authenticated API call; the
// feed itself is read with nothing but the secret in its URL, because that is all Google,
// Apple and Outlook send when they poll a subscription.
//
//   GET    /api/workspaces/:id/calendar-feed   whether the caller has a feed (never its URL)
//   POST   /api/workspaces/:id/calendar-feed   create or rotate: 201 { url, webcalUrl, feed }
//   DELETE /api/workspaces/:id/calendar-feed   revoke: 204
//   GET    /api/calendar/<secret>.ics          the feed, text/calendar; 404 once revoked
import { Elysia } from 'elysia';
import { AuthError, type Auth, type Principal } from '../auth/index.ts';
import { checkOrigin, handleAuthError } from '../auth/routes/http.ts';
import { isTimeZone } from './feed-render.ts';
import type { CalendarFeeds } from './feed-service.ts';
import type { CalendarFeed } from './feed-tokens.ts';

export interface CalendarRoutesOptions {
  auth: Auth;
  calendar: CalendarFeeds;
}

export const FEED_PATH = '/api/calendar/';
const FEED_FILE = /^([a-z2-7]+)\.ics$/;

const view = (feed: CalendarFeed) => ({ createdAt: feed.createdAt, lastUsedAt: feed.lastUsedAt, timeZone: feed.timeZone });

function notFound(): Response {
  return Response.json({ error: { code: 'not_found', message: 'No such calendar feed.' } }, { status: 404 });
}

export function calendarRoutes(options: CalendarRoutesOptions) {
  const { auth, calendar } = options;
  /** Where the app and the feeds are reached: PUBLIC_URL, else the request's own origin. */
  const baseOf = (request: Request) => auth.config.publicUrl ?? new URL(request.url).origin;

  function member(request: Request, workspaceId: string): Principal {
    const principal = auth.authenticate(request);
    if (!principal) throw new AuthError('unauthenticated', 'Log in or send an API token');
    if (!auth.roleFor(principal, workspaceId)) throw new AuthError('not_found', 'No such workspace');
    return principal;
  }

  const manage = new Elysia()
    .onError(handleAuthError)
    .onBeforeHandle(({ request }) => checkOrigin(auth, request))
    .get('/api/workspaces/:id/calendar-feed', ({ params, request }) => {
      const principal = member(request, params.id);
      const feed = calendar.get(principal.userId, params.id);
      return { feed: feed ? view(feed) : null };
    })
    .post('/api/workspaces/:id/calendar-feed', ({ params, body, request, set }) => {
      const principal = member(request, params.id);
      // A feed URL outlives any API token, so only a signed-in person mints one.
      if (!principal.sessionId) throw new AuthError('session_required', 'Creating a calendar feed needs a logged-in session, not an API token');
      const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as { timeZone?: unknown };
      const timeZone = input.timeZone ?? 'UTC';
      if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
        throw new AuthError('invalid_input', 'timeZone must be an IANA time zone such as Europe/Paris', {
          issues: [{ field: 'timeZone', code: 'unknown_option' }],
        });
      }
      const { secret, feed } = calendar.create(principal.userId, params.id, timeZone);
      const url = new URL(`${FEED_PATH}${secret}.ics`, baseOf(request)).href;
      set.status = 201;
      return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), feed: view(feed) };
    })
    .delete('/api/workspaces/:id/calendar-feed', ({ params, request, set }) => {
      const principal = member(request, params.id);
      calendar.revoke(principal.userId, params.id);
      set.status = 204;
    });

  const serve = new Elysia().get(`${FEED_PATH}:file`, async ({ params, request }) => {
    const secret = FEED_FILE.exec(params.file)?.[1];
    const feed = secret ? await calendar.read(secret, baseOf(request)) : null;
    if (!feed) return notFound();
    const headers = {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="carnet.ics"',
      // The URL is a credential: no shared cache may keep the answer.
      'cache-control': 'private, no-cache',
      etag: feed.etag,
    };
    if (request.headers.get('if-none-match') === feed.etag) return new Response(null, { status: 304, headers });
    return new Response(feed.body, { headers });
  });

  return new Elysia().use(manage).use(serve);
}
