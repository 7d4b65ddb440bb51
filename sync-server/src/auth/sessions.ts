// Lucia-style sessions: the client holds a random token, the database only its SHA-256
// (the session id). Sliding expiry: a session used after half its lifetime is extended to a
// full one, so active users stay logged in and idle sessions die.
import type { AuthDeps } from './context.ts';
import { generateSecret, hashSecret } from './tokens.ts';

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string | null;
  ip: string | null;
}
interface SessionRow {
  id: string;
  user_id: string;
  expires_at: number;
  created_at: number;
  last_seen_at: number;
  user_agent: string | null;
  ip: string | null;
}
const toSession = (r: SessionRow): Session => ({
  id: r.id, userId: r.user_id, expiresAt: r.expires_at, createdAt: r.created_at, lastSeenAt: r.last_seen_at, userAgent: r.user_agent, ip: r.ip,
});

/** last_seen_at is written at most this often, so busy sessions do not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Pure: the new expiry when a session used at `now` should be renewed, else null. */
export function renewedExpiry(expiresAt: number, now: number, ttlMs: number): number | null {
  return now >= expiresAt - ttlMs / 2 ? now + ttlMs : null;
}

export interface ClientMeta {
  userAgent?: string | null;
  ip?: string | null;
}

export function createSession({ db, clock, config }: AuthDeps, userId: string, meta: ClientMeta = {}): { token: string; session: Session } {
  const token = generateSecret();
  const now = clock();
  const row: SessionRow = {
    id: hashSecret(token), user_id: userId, expires_at: now + config.sessionTtlMs, created_at: now, last_seen_at: now,
    user_agent: meta.userAgent?.slice(0, 512) ?? null, ip: meta.ip ?? null,
  };
  db.query('INSERT INTO sessions (id, user_id, expires_at, created_at, last_seen_at, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.id, row.user_id, row.expires_at, row.created_at, row.last_seen_at, row.user_agent, row.ip,
  );
  return { token, session: toSession(row) };
}

export function getSession(db: AuthDeps['db'], sessionId: string): Session | null {
  const row = db.query<SessionRow, [string]>('SELECT * FROM sessions WHERE id = ?').get(sessionId);
  return row ? toSession(row) : null;
}

/**
 * Resolves a token to its live session, renewing it when past half-life. An expired
 * session is deleted (and announced as revoked, so a socket opened on it closes).
 */
export function validateSessionToken(deps: AuthDeps, token: string): { session: Session; renewed: boolean } | null {
  const { db, clock, config } = deps;
  const session = getSession(db, hashSecret(token));
  if (!session) return null;
  const now = clock();
  if (now >= session.expiresAt) {
    revokeSession(deps, session.id);
    return null;
  }
  const expiresAt = renewedExpiry(session.expiresAt, now, config.sessionTtlMs);
  if (expiresAt !== null) {
    db.query('UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE id = ?').run(expiresAt, now, session.id);
    return { session: { ...session, expiresAt, lastSeenAt: now }, renewed: true };
  }
  if (now - session.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
    db.query('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now, session.id);
    return { session: { ...session, lastSeenAt: now }, renewed: false };
  }
  return { session, renewed: false };
}

export function revokeSession({ db, events }: AuthDeps, sessionId: string): boolean {
  const row = db.query<{ user_id: string }, [string]>('DELETE FROM sessions WHERE id = ? RETURNING user_id').get(sessionId);
  if (!row) return false;
  events.emit('session.revoked', { sessionId, userId: row.user_id });
  return true;
}

/** Revokes every session of a user, optionally keeping one (the caller's). Returns how many. */
export function revokeUserSessions({ db, events }: AuthDeps, userId: string, keepSessionId?: string): number {
  const rows = db
    .query<{ id: string }, [string, string]>('DELETE FROM sessions WHERE user_id = ? AND id != ? RETURNING id')
    .all(userId, keepSessionId ?? '');
  for (const { id } of rows) events.emit('session.revoked', { sessionId: id, userId });
  return rows.length;
}

/** Deletes expired sessions; the relay may call it on a timer. Returns how many. */
export function deleteExpiredSessions(deps: AuthDeps): number {
  const rows = deps.db.query<{ id: string; user_id: string }, [number]>('DELETE FROM sessions WHERE expires_at <= ? RETURNING id, user_id').all(deps.clock());
  for (const r of rows) deps.events.emit('session.revoked', { sessionId: r.id, userId: r.user_id });
  return rows.length;
}
