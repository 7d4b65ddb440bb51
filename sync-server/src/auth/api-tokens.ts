// API tokens for scripts and integrations: `Authorization: Bearer carnet_<secret>`. Each is
// scoped to one workspace and capped at a role (the holder acts with the weaker of the cap
// and their current role). Only the hash is stored; the secret is shown once at creation.
import { newId, type Role } from '@carnet/schema';
import type { AuthDeps } from './context.ts';
import { AuthError } from './errors.ts';
import { weakerRole } from './roles.ts';
import { API_TOKEN_PREFIX, generateSecret, hashSecret } from './tokens.ts';
import { roleOf } from './workspaces.ts';

export interface ApiToken {
  id: string;
  userId: string;
  workspaceId: string;
  name: string;
  roleCap: Role;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
interface ApiTokenRow {
  id: string;
  token_hash: string;
  user_id: string;
  workspace_id: string;
  name: string;
  role_cap: Role;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
const toToken = (r: ApiTokenRow): ApiToken => ({
  id: r.id, userId: r.user_id, workspaceId: r.workspace_id, name: r.name, roleCap: r.role_cap,
  createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

const LAST_USED_RESOLUTION_MS = 60_000;

export function createApiToken(
  { db, clock }: AuthDeps,
  userId: string,
  input: { workspaceId: string; name: string; role?: Role },
): { token: string; apiToken: ApiToken } {
  const memberRole = roleOf(db, input.workspaceId, userId);
  if (!memberRole) throw new AuthError('forbidden', 'You are not a member of this workspace');
  const roleCap = input.role ?? memberRole;
  // A token never carries more than its creator has.
  if (weakerRole(roleCap, memberRole) !== roleCap) {
    throw new AuthError('forbidden', 'A token cannot have more power than its creator');
  }
  const secret = generateSecret();
  const row: ApiTokenRow = {
    id: newId(), token_hash: hashSecret(secret), user_id: userId, workspace_id: input.workspaceId, name: input.name,
    role_cap: roleCap, created_at: clock(), last_used_at: null, revoked_at: null,
  };
  db.query(
    'INSERT INTO api_tokens (id, token_hash, user_id, workspace_id, name, role_cap, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(row.id, row.token_hash, row.user_id, row.workspace_id, row.name, row.role_cap, row.created_at);
  return { token: API_TOKEN_PREFIX + secret, apiToken: toToken(row) };
}

export function listApiTokens({ db }: AuthDeps, userId: string): ApiToken[] {
  return db.query<ApiTokenRow, [string]>('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC').all(userId).map(toToken);
}

export function revokeApiToken({ db, clock, events }: AuthDeps, userId: string, tokenId: string): void {
  const row = db.query<ApiTokenRow, [string, string]>('SELECT * FROM api_tokens WHERE id = ? AND user_id = ?').get(tokenId, userId);
  if (!row) throw new AuthError('not_found', 'No such token');
  if (row.revoked_at !== null) return;
  db.query('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(clock(), tokenId);
  events.emit('token.revoked', { tokenId });
}

/** Resolves a bearer value (`carnet_...`) to its live token, or null. */
export function validateApiToken({ db, clock }: AuthDeps, bearer: string): ApiToken | null {
  if (!bearer.startsWith(API_TOKEN_PREFIX)) return null;
  const row = db.query<ApiTokenRow, [string]>('SELECT * FROM api_tokens WHERE token_hash = ?').get(hashSecret(bearer.slice(API_TOKEN_PREFIX.length)));
  if (!row || row.revoked_at !== null) return null;
  const now = clock();
  if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_RESOLUTION_MS) {
    db.query('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    row.last_used_at = now;
  }
  return toToken(row);
}

export function isApiTokenLive({ db }: AuthDeps, tokenId: string): boolean {
  return db.query<{ n: number }, [string]>('SELECT COUNT(*) AS n FROM api_tokens WHERE id = ? AND revoked_at IS NULL').get(tokenId)?.n === 1;
}
