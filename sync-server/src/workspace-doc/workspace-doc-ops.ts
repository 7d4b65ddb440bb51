// What the relay writes into a workspace doc, decided from the doc as it is and the auth
// database: pure. A workspace doc never seeded (no settings name) gets the settings it lacks,
// with the workspace's name, and, if it has no pipeline yet, the default pipeline; the members map is
// made to mirror the workspace's memberships (name, email, role). The result is a list of
// the store's own workspace ops, so the relay validates and writes them with the same code
// as the browser (prepareWorkspaceOp). Nothing to change gives an empty list.
import type * as Y from 'yjs';
import { defaultPipeline, defaultSettings, type Member } from '@carnet/schema';
import { WORKSPACE_MAPS, readMembers, readPipelines, type WorkspaceOp } from '@carnet/store';

export interface WorkspaceFacts {
  name: string;
  members: readonly Member[];
}

const sameMember = (a: Member, b: Member) => a.name === b.name && a.email === b.email && a.role === b.role;

export function workspaceDocOps(doc: Y.Doc, facts: WorkspaceFacts): WorkspaceOp[] {
  const ops: WorkspaceOp[] = [];
  // Seeded once: afterwards the name and pipelines are the admins' to change (or remove).
  // Settings an admin wrote before the seed arrived are kept.
  const settings = doc.getMap(WORKSPACE_MAPS.settings);
  if (!settings.has('name')) {
    const patch = Object.fromEntries(Object.entries(defaultSettings(facts.name)).filter(([key]) => !settings.has(key)));
    ops.push({ type: 'settings', patch });
    if (readPipelines(doc).length === 0) ops.push({ type: 'putPipeline', pipeline: defaultPipeline() });
  }
  const current = new Map(readMembers(doc).map((m) => [m.userId, m]));
  const wanted = new Set<string>();
  for (const member of facts.members) {
    wanted.add(member.userId);
    const now = current.get(member.userId);
    if (!now || !sameMember(now, member)) ops.push({ type: 'putMember', member: { ...member } });
  }
  for (const userId of current.keys()) if (!wanted.has(userId)) ops.push({ type: 'removeMember', userId });
  return ops;
}
