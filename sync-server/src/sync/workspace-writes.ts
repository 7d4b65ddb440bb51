// What a manager may write to the workspace doc, judged from what an update changes rather
// than from the doc id alone: the goals of the teams they manage (added, changed or removed),
// nothing else. Owners and admins write the whole doc (permissions.ts); everyone else none of it.
//
// The update is applied to the doc as the relay stores it and every root map is compared as
// JSON before and after, so whatever way the bytes are put together (several maps in one
// update, deletions alone), only the outcome counts; one that would wait for structs the relay
// lacks is refused, since it would take effect later without being judged. The
// teams and their managers are read from the doc before the update, with the store's own
// rules (readTeams: a removed or demoted manager manages nothing), so a manager can neither
// make themselves manager of a team nor write a goal for a team in the same update.
import * as Y from 'yjs';
import { ROLE_CAN, validateWorkspaceValue, type Role } from '@carnet/schema';
import { WORKSPACE_MAPS, readTeams } from '@carnet/store';

/** Whether a role may have some of its workspace doc updates accepted after a look at them. */
export function mayWriteTeamGoals(role: Role): boolean {
  return ROLE_CAN.manageTeam(role) && !ROLE_CAN.editWorkspace(role);
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function rootMaps(doc: Y.Doc): Map<string, Record<string, unknown>> | null {
  const maps = new Map<string, Record<string, unknown>>();
  for (const name of doc.share.keys()) {
    try {
      maps.set(name, doc.getMap(name).toJSON() as Record<string, unknown>);
    } catch {
      return null; // a root that is not a map: nothing a Carnet peer writes
    }
  }
  return maps;
}

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/** A shared goal item for one of `teams`, well formed. */
function isTeamGoal(item: unknown, teams: ReadonlySet<string>): boolean {
  const checked = validateWorkspaceValue('sharedReportItem', item);
  if (!checked.ok) return false;
  const scope = checked.value.setup.scope as { kind?: unknown; teamId?: unknown } | undefined;
  return scope?.kind === 'team' && typeof scope.teamId === 'string' && teams.has(scope.teamId);
}

/**
 * Why `userId` (a manager) may not apply `update` to the workspace doc whose stored state is
 * `state`, in words for the refusal, or null when every change is to a goal of a team they manage.
 */
export function teamGoalsRefusal(state: Uint8Array | null, update: Uint8Array, userId: string): string | null {
  const doc = new Y.Doc();
  try {
    if (state) Y.applyUpdate(doc, state);
    const managed = new Set(readTeams(doc).filter((t) => t.managerId === userId).map((t) => t.id));
    const before = rootMaps(doc);
    const waiting = hasPending(doc);
    Y.applyUpdate(doc, update);
    // An update that cannot be applied yet would take effect when what it waits for arrives,
    // unjudged; a Carnet client always sends what an update depends on first.
    if (!waiting && hasPending(doc)) return 'The update depends on changes the relay does not have.';
    const after = rootMaps(doc);
    if (!before || !after) return 'The update changes something that is not part of the workspace.';
    for (const name of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(name) ?? {};
      const now = after.get(name) ?? {};
      if (name !== WORKSPACE_MAPS.goals) {
        if (canonical(was) !== canonical(now)) return `A manager may not change the workspace's ${name}.`;
        continue;
      }
      for (const id of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (canonical(was[id]) === canonical(now[id])) continue;
        if ((id in was && !isTeamGoal(was[id], managed)) || (id in now && !isTeamGoal(now[id], managed))) {
          return 'A manager may only set goals for the teams they manage.';
        }
      }
    }
    return null;
  } catch {
    return 'The update could not be read.';
  } finally {
    doc.destroy();
  }
}
