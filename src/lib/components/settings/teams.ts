// The teams editor's choices, pure: who may be made a team's manager, who can still be added,
// whether a name is taken, and each edit as the whole team to write (putTeam replaces it).
import { ROLE_CAN, type Member, type Team } from '@carnet/schema';

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1);

/** Members whose role may manage a team, by name. */
export function managerCandidates(members: readonly Member[]): Member[] {
  return members.filter((m) => ROLE_CAN.manageTeam(m.role)).sort(byName);
}

/** Members not yet in the team, by name. */
export function addableMembers(team: Team, members: readonly Member[]): Member[] {
  const inTeam = new Set(team.memberIds);
  return members.filter((m) => !inTeam.has(m.userId)).sort(byName);
}

/** Whether another team already has this name (trimmed, case and accents aside). */
export function teamNameTaken(teams: readonly Team[], name: string, exceptId?: string): boolean {
  const fold = (s: string) => s.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase();
  const wanted = fold(name);
  return teams.some((t) => t.id !== exceptId && fold(t.name) === wanted);
}

export const withMember = (team: Team, userId: string): Team =>
  team.memberIds.includes(userId) ? team : { ...team, memberIds: [...team.memberIds, userId] };

export const withoutMember = (team: Team, userId: string): Team => ({ ...team, memberIds: team.memberIds.filter((id) => id !== userId) });

export const withManager = (team: Team, managerId: string | null): Team => ({ ...team, managerId });

export const renamed = (team: Team, name: string): Team => ({ ...team, name });
