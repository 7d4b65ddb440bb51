// Workspaces and their members. Membership changes are checked (roles.ts) and applied in one
// transaction, so two admins racing cannot both remove the last two owners; the socket layer
// hears about each change through the auth events.
import { newId, type Role } from '@carnet/schema';
import type { Database } from 'bun:sqlite';
import type { AuthDeps } from './context.ts';
import { AuthError } from './errors.ts';
import { refuseMemberChange, type MemberChange } from './roles.ts';

export interface Workspace {
  id: string;
  name: string;
  createdAt: number;
}
export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: number;
}
export interface WorkspaceWithRole extends Workspace {
  role: Role;
}

export function insertWorkspace(db: Database, name: string, now: number): Workspace {
  const ws = { id: newId(), name, createdAt: now };
  db.query('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run(ws.id, ws.name, ws.createdAt);
  return ws;
}

export function getWorkspace(db: Database, id: string): Workspace | null {
  const row = db.query<{ id: string; name: string; created_at: number }, [string]>('SELECT * FROM workspaces WHERE id = ?').get(id);
  return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
}

export function listWorkspaces(db: Database): Workspace[] {
  return db
    .query<{ id: string; name: string; created_at: number }, []>('SELECT id, name, created_at FROM workspaces ORDER BY created_at, id')
    .all()
    .map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

export function insertMember(db: Database, workspaceId: string, userId: string, role: Role, now: number): void {
  db.query('INSERT INTO members (workspace_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)').run(workspaceId, userId, role, now);
}

export function roleOf(db: Database, workspaceId: string, userId: string): Role | null {
  return db.query<{ role: Role }, [string, string]>('SELECT role FROM members WHERE workspace_id = ? AND user_id = ?').get(workspaceId, userId)?.role ?? null;
}

export function listMembers(db: Database, workspaceId: string): MemberView[] {
  return db
    .query<{ user_id: string; email: string; name: string; role: Role; joined_at: number }, [string]>(
      `SELECT m.user_id, u.email, u.name, m.role, m.joined_at FROM members m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = ? ORDER BY m.joined_at, u.email`,
    )
    .all(workspaceId)
    .map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role, joinedAt: r.joined_at }));
}

export function listUserWorkspaces(db: Database, userId: string): WorkspaceWithRole[] {
  return db
    .query<{ id: string; name: string; created_at: number; role: Role }, [string]>(
      `SELECT w.id, w.name, w.created_at, m.role FROM members m JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.user_id = ? ORDER BY w.created_at, w.name`,
    )
    .all(userId)
    .map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, role: r.role }));
}

function countOwners(db: Database, workspaceId: string): number {
  return db.query<{ n: number }, [string]>("SELECT COUNT(*) AS n FROM members WHERE workspace_id = ? AND role = 'owner'").get(workspaceId)?.n ?? 0;
}

/**
 * Changes or removes a membership on behalf of `actor` (whose role in the workspace is
 * `actorRole`, already capped if they act through an API token).
 */
export function changeMembership(
  deps: AuthDeps,
  actor: { userId: string; role: Role },
  workspaceId: string,
  targetId: string,
  change: MemberChange,
): void {
  const { db, events } = deps;
  const changed = db.transaction((): boolean => {
    const targetRole = roleOf(db, workspaceId, targetId);
    if (!targetRole) throw new AuthError('not_found', 'No such member');
    const refusal = refuseMemberChange({
      actorId: actor.userId, actorRole: actor.role, targetId, targetRole, ownerCount: countOwners(db, workspaceId), change,
    });
    if (refusal) throw refusal;
    if (change.kind === 'remove') {
      db.query('DELETE FROM members WHERE workspace_id = ? AND user_id = ?').run(workspaceId, targetId);
      // The member's tokens for this workspace are useless now; revoke them with it.
      revokeWorkspaceTokens(deps, workspaceId, targetId);
      return true;
    }
    if (change.role === targetRole) return false;
    db.query('UPDATE members SET role = ? WHERE workspace_id = ? AND user_id = ?').run(change.role, workspaceId, targetId);
    return true;
  }).immediate();
  if (!changed) return;
  if (change.kind === 'remove') events.emit('member.removed', { workspaceId, userId: targetId });
  else events.emit('member.role_changed', { workspaceId, userId: targetId, role: change.role });
}

function revokeWorkspaceTokens({ db, clock }: AuthDeps, workspaceId: string, userId: string): void {
  // No token.revoked events: member.removed already tells sockets to drop this user there.
  db.query('UPDATE api_tokens SET revoked_at = ? WHERE workspace_id = ? AND user_id = ? AND revoked_at IS NULL').run(clock(), workspaceId, userId);
}
