// Who may read and write which doc of a workspace: the relay's per-doc rules, as pure
// functions of the role, the user and the doc id (named by @carnet/schema's parseDocId).
// Record docs: everyone reads, every role but viewer writes. The `workspace` doc: everyone
// reads, only owners and admins write — but for a manager's goals of the teams they manage,
// which the connections accept after looking at the update (workspace-writes.ts).
// `users/<id>`: that user alone, both ways. Anything that is not a Carnet doc id is refused.
import { parseDocId, ROLE_CAN, type Role } from '@carnet/schema';
import { SyncErrorCode } from '@carnet/sync';

export function canReadDoc(userId: string, docId: string): boolean {
  const parsed = parseDocId(docId);
  if (!parsed) return false;
  return parsed.kind !== 'user' || parsed.userId === userId;
}

/** Why `role`/`userId` may not write `docId` (a SyncErrorCode), or null when it may. */
export function writeRefusal(role: Role, userId: string, docId: string): SyncErrorCode | null {
  const parsed = parseDocId(docId);
  if (!parsed) return SyncErrorCode.BadUpdate;
  switch (parsed.kind) {
    case 'record':
      return ROLE_CAN.editRecords(role) ? null : SyncErrorCode.Forbidden;
    case 'workspace':
      return ROLE_CAN.editWorkspace(role) ? null : SyncErrorCode.Forbidden;
    case 'user':
      // A viewer keeps their own private doc (preferences, recent items).
      return parsed.userId === userId ? null : SyncErrorCode.Forbidden;
  }
}

/** Presence is only shared on record docs (who is looking at which contact or deal). */
export function hasPresence(docId: string): boolean {
  return parseDocId(docId)?.kind === 'record';
}
