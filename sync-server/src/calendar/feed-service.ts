// Calendar feeds as a relay service: the feed tokens (feed-tokens.ts), the per-workspace
// activity index (activity-index.ts), and the rendered text of each feed cached until the
// workspace's log moves (its head seq), the hour turns (items age out of the feed), or the
// feed's name, zone or URL base change. A feed stops the moment its user stops being a
// member: the membership is checked on every request, and removing a member deletes their
// feeds of that workspace, so joining again does not bring an old URL back to life.
import type { Database } from 'bun:sqlite';
import type { Auth } from '../auth/index.ts';
import type { RelayStorage } from '../storage/index.ts';
import { createActivityIndex, type RefreshKind } from './activity-index.ts';
import { renderFeed } from './feed-render.ts';
import { createFeedTokens, type CalendarFeed } from './feed-tokens.ts';

export interface CalendarFeedsOptions {
  db: Database;
  auth: Pick<Auth, 'roleOf' | 'workspaceById' | 'events'>;
  storage: Pick<RelayStorage, 'headSeq' | 'readLog' | 'docStates' | 'docState'>;
  /** The relay's version, for the calendar's PRODID. */
  version: string;
  now?: () => number;
  yieldToHost?: () => Promise<void>;
}

export interface RenderedFeed {
  body: string;
  /** A strong validator of `body`, for If-None-Match. */
  etag: string;
  /** The log seq the feed reflects (at least). */
  seq: number;
  /** How the text was obtained, for tests and logs. */
  source: 'cache' | RefreshKind;
}

const HOUR_MS = 60 * 60_000;

export function createCalendarFeeds(options: CalendarFeedsOptions) {
  const now = options.now ?? Date.now;
  const tokens = createFeedTokens(options.db, now);
  const index = createActivityIndex({ storage: options.storage, now, yieldToHost: options.yieldToHost });
  /** By feed id: the cache key the text was rendered for, and the text. */
  const rendered = new Map<string, { key: string; feed: RenderedFeed }>();

  const offRemoved = options.auth.events.on('member.removed', ({ workspaceId, userId }) => {
    const feed = tokens.revoke(userId, workspaceId);
    if (feed) rendered.delete(feed.id);
  });

  return {
    /** Creates or rotates the user's feed of a workspace; returns the secret for its URL. */
    create(userId: string, workspaceId: string, timeZone: string): { secret: string; feed: CalendarFeed } {
      const { secret, feed, replaced } = tokens.create(userId, workspaceId, timeZone);
      if (replaced) rendered.delete(replaced.id);
      return { secret, feed };
    },

    revoke(userId: string, workspaceId: string): boolean {
      const feed = tokens.revoke(userId, workspaceId);
      if (feed) rendered.delete(feed.id);
      return feed !== null;
    },

    get: (userId: string, workspaceId: string): CalendarFeed | null => tokens.get(userId, workspaceId),

    /**
     * The feed a URL secret opens, as iCalendar text; null when the secret is unknown or
     * revoked, or its user is no longer a member of the workspace.
     */
    async read(secret: string, appUrl: string): Promise<RenderedFeed | null> {
      const feed = tokens.resolve(secret);
      if (!feed) return null;
      const workspace = options.auth.workspaceById(feed.workspaceId);
      if (!workspace || !options.auth.roleOf(feed.workspaceId, feed.userId)) return null;
      const at = now();
      const head = await options.storage.headSeq(feed.workspaceId);
      const key = JSON.stringify([head, Math.floor(at / HOUR_MS), feed.timeZone, appUrl, workspace.name]);
      const cached = rendered.get(feed.id);
      if (cached?.key === key) return { ...cached.feed, source: 'cache' };

      const activities = await index.current(feed.workspaceId);
      const body = renderFeed({
        activities: activities.items.values(),
        userId: feed.userId,
        now: at,
        timeZone: feed.timeZone,
        appUrl,
        calendarName: `Carnet – ${workspace.name}`,
        version: options.version,
      });
      const etag = `"${new Bun.CryptoHasher('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const result: RenderedFeed = { body, etag, seq: activities.seq, source: activities.refreshed };
      rendered.set(feed.id, { key, feed: result });
      return result;
    },

    dispose(): void {
      offRemoved();
      rendered.clear();
    },
  };
}

export type CalendarFeeds = ReturnType<typeof createCalendarFeeds>;
