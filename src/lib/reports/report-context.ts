// The parts of a report context the app assembles from the workspace: who the members are
// (the relay's list when known, else the workspace doc's, and always the user themself, so
// offline a rep still sees their own name), the teams (as the workspace doc has them, of
// current members only) and a string of everything else the figures depend on, for telling
// when a widget must be computed again.
import type { Member, Pipeline, Role, Team as WorkspaceTeam } from '@carnet/schema';
import type { Goal, Team } from '@carnet/reports';

export interface MemberLike {
  userId: string;
  name: string;
  email?: string;
  role: Role;
}

export function reportMembers(fromRelay: readonly MemberLike[], fromDoc: readonly MemberLike[], self: MemberLike): Member[] {
  const byId = new Map<string, Member>();
  const put = (m: MemberLike) => byId.set(m.userId, { userId: m.userId, name: m.name, email: m.email ?? '', role: m.role } as Member);
  for (const m of fromDoc) put(m);
  for (const m of fromRelay) put(m);
  if (!byId.has(self.userId)) put(self);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The workspace's teams as the reports take them (their manager plays no part in a report). */
export function reportTeams(teams: readonly WorkspaceTeam[]): Team[] {
  return teams.map(({ id, name, memberIds }) => ({ id, name, memberIds }));
}

export function contextKey(parts: {
  now: number;
  pipelines: readonly Pipeline[];
  members: readonly Member[];
  teams?: readonly Team[];
  currency: string;
  goals: readonly Goal[];
  stalledDays: number;
}): string {
  return JSON.stringify([parts.now, parts.pipelines, parts.members.map((m) => [m.userId, m.name]), parts.teams ?? [], parts.currency, parts.goals, parts.stalledDays]);
}
