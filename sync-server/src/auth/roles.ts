// Pure rules about roles. The roles and what each may do come from @carnet/schema; this
// file only decides who may change whose membership, and caps API tokens.
import { ROLE_CAN, ROLES, type Role } from '@carnet/schema';
import { AuthError } from './errors.ts';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The less powerful of two roles (ROLES runs from most to least powerful). */
export function weakerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** Whether `actor` may hand out `role` (in an invite, a role change or a token cap). */
export function canGrant(actor: Role, role: Role): boolean {
  if (!ROLE_CAN.manageMembers(actor)) return false;
  return role !== 'owner' || actor === 'owner';
}

export type MemberChange = { kind: 'remove' } | { kind: 'role'; role: Role };

export interface MemberChangeRequest {
  actorId: string;
  actorRole: Role;
  targetId: string;
  targetRole: Role;
  ownerCount: number;
  change: MemberChange;
}

/**
 * Returns the refusal for a membership change, or null when it is allowed. Any member may
 * leave; otherwise owners and admins manage members, only owners touch owners, and the last
 * owner can be neither removed nor downgraded.
 */
export function refuseMemberChange(req: MemberChangeRequest): AuthError | null {
  const { actorId, actorRole, targetId, targetRole, ownerCount, change } = req;
  const leaving = change.kind === 'remove' && actorId === targetId;
  if (!leaving) {
    if (!ROLE_CAN.manageMembers(actorRole)) return new AuthError('forbidden', 'Only owners and admins manage members');
    if (targetRole === 'owner' && actorRole !== 'owner') return new AuthError('forbidden', 'Only an owner can change an owner');
    if (change.kind === 'role' && !canGrant(actorRole, change.role)) return new AuthError('forbidden', 'Only an owner can make someone an owner');
  }
  const losesOwner = targetRole === 'owner' && (change.kind === 'remove' || change.role !== 'owner');
  if (losesOwner && ownerCount <= 1) return new AuthError('last_owner', 'A workspace needs at least one owner');
  return null;
}
