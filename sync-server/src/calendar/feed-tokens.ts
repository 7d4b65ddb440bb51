// Calendar feed tokens: one per (user, workspace), stored as the SHA-256 of a 256-bit random
// secret, like sessions and API tokens, so a leaked database gives no working feed URL.
// Creating again replaces (rotates) the token; revoking deletes it. The table sits in the
// relay's SQLite file beside the auth tables it references.
import type { Database } from 'bun:sqlite';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { newId } from '@carnet/schema';

export const CALENDAR_SCHEMA = `
CREATE TABLE IF NOT EXISTS calendar_feeds (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,       -- hex SHA-256 of the secret in the URL
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  time_zone    TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  UNIQUE (user_id, workspace_id)
);
`;

export interface CalendarFeed {
  id: string;
  userId: string;
  workspaceId: string;
  timeZone: string;
  createdAt: number;
  lastUsedAt: number | null;
}

interface FeedRow {
  id: string;
  user_id: string;
  workspace_id: string;
  time_zone: string;
  created_at: number;
  last_used_at: number | null;
}

const toFeed = (r: FeedRow): CalendarFeed => ({
  id: r.id, userId: r.user_id, workspaceId: r.workspace_id, timeZone: r.time_zone, createdAt: r.created_at, lastUsedAt: r.last_used_at,
});

/** Feed URLs are polled every few minutes: last use is written at most this often. */
const LAST_USED_RESOLUTION_MS = 60 * 60_000;

/** 32 random bytes as lowercase base32: 52 URL-safe characters. */
function generateFeedSecret(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

function hashFeedSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

const SECRET_SHAPE = /^[a-z2-7]{52}$/;

export function createFeedTokens(db: Database, clock: () => number) {
  db.exec(CALENDAR_SCHEMA);
  const byHash = db.query<FeedRow, [string]>('SELECT * FROM calendar_feeds WHERE token_hash = ?');
  const byOwner = db.query<FeedRow, [string, string]>('SELECT * FROM calendar_feeds WHERE user_id = ? AND workspace_id = ?');
  const remove = db.query<FeedRow, [string, string]>('DELETE FROM calendar_feeds WHERE user_id = ? AND workspace_id = ? RETURNING *');
  const insert = db.query(
    'INSERT INTO calendar_feeds (id, token_hash, user_id, workspace_id, time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const touch = db.query('UPDATE calendar_feeds SET last_used_at = ? WHERE id = ?');

  return {
    /** A new secret for the user's feed of the workspace; any previous one stops working. */
    create(userId: string, workspaceId: string, timeZone: string): { secret: string; feed: CalendarFeed; replaced: CalendarFeed | null } {
      const secret = generateFeedSecret();
      const row: FeedRow = { id: newId(), user_id: userId, workspace_id: workspaceId, time_zone: timeZone, created_at: clock(), last_used_at: null };
      const replaced = db.transaction(() => {
        const old = remove.get(userId, workspaceId);
        insert.run(row.id, hashFeedSecret(secret), userId, workspaceId, timeZone, row.created_at);
        return old;
      }).immediate();
      return { secret, feed: toFeed(row), replaced: replaced ? toFeed(replaced) : null };
    },

    /** Deletes the user's feed of the workspace; returns it, or null if there was none. */
    revoke(userId: string, workspaceId: string): CalendarFeed | null {
      const row = remove.get(userId, workspaceId);
      return row ? toFeed(row) : null;
    },

    get(userId: string, workspaceId: string): CalendarFeed | null {
      const row = byOwner.get(userId, workspaceId);
      return row ? toFeed(row) : null;
    },

    /** The feed a URL secret opens, or null; notes the use (coarsely). */
    resolve(secret: string): CalendarFeed | null {
      if (!SECRET_SHAPE.test(secret)) return null;
      const row = byHash.get(hashFeedSecret(secret));
      if (!row) return null;
      const now = clock();
      if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_RESOLUTION_MS) {
        touch.run(now, row.id);
        row.last_used_at = now;
      }
      return toFeed(row);
    },
  };
}

export type FeedTokens = ReturnType<typeof createFeedTokens>;
