// Single-use invite links. The link carries a random secret; only its hash is stored. An
// invite is consumed in the same transaction that adds the member, so a link can never admit
// two people even when two clicks race.
import { newId, type Role } from '@carnet/schema';
import type { Database } from 'bun:sqlite';
import type { AuthDeps } from './context.ts';
import { AuthError } from './errors.ts';
import { canGrant } from './roles.ts';
import { generateSecret, hashSecret } from './tokens.ts';
import { normalizeEmail } from './users.ts';

export interface Invite {
  id: string;
  workspaceId: string;
  role: Role;
  email: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}
interface InviteRow {
  id: string;
  token_hash: string;
  workspace_id: string;
  role: Role;
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_by: string | null;
  used_at: number | null;
}
const toInvite = (r: InviteRow): Invite => ({
  id: r.id, workspaceId: r.workspace_id, role: r.role, email: r.email, createdBy: r.created_by,
  createdAt: r.created_at, expiresAt: r.expires_at, usedBy: r.used_by, usedAt: r.used_at,
});

export function createInvite(
  { db, clock, config }: AuthDeps,
  actor: { userId: string; role: Role },
  workspaceId: string,
  input: { role: Role; email?: string | null },
): { token: string; invite: Invite } {
  if (!canGrant(actor.role, input.role)) {
    throw new AuthError('forbidden', input.role === 'owner' ? 'Only an owner can invite an owner' : 'Only owners and admins invite members');
  }
  const token = generateSecret();
  const now = clock();
  const row: InviteRow = {
    id: newId(), token_hash: hashSecret(token), workspace_id: workspaceId, role: input.role,
    email: input.email ? normalizeEmail(input.email) : null, created_by: actor.userId, created_at: now,
    expires_at: now + config.inviteTtlMs, used_by: null, used_at: null,
  };
  db.query(
    'INSERT INTO invites (id, token_hash, workspace_id, role, email, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.id, row.token_hash, row.workspace_id, row.role, row.email, row.created_by, row.created_at, row.expires_at);
  return { token, invite: toInvite(row) };
}

/** The invite behind a link if it can still be used; otherwise 404, or 410 when used or expired. */
export function usableInvite(db: Database, token: string, now: number): Invite {
  const row = db.query<InviteRow, [string]>('SELECT * FROM invites WHERE token_hash = ?').get(hashSecret(token));
  if (!row) throw new AuthError('not_found', 'No such invite');
  if (row.used_at !== null) throw new AuthError('invite_used', 'This invite has already been used');
  if (now >= row.expires_at) throw new AuthError('invite_expired', 'This invite has expired');
  return toInvite(row);
}

/** Marks the invite used by `userId`; call inside the transaction that adds the member. */
export function consumeInvite(db: Database, inviteId: string, userId: string, now: number): void {
  const { changes } = db.query('UPDATE invites SET used_by = ?, used_at = ? WHERE id = ? AND used_at IS NULL').run(userId, now, inviteId);
  if (changes !== 1) throw new AuthError('invite_used', 'This invite has already been used');
}
