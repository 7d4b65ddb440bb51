// Teams in the workspace doc: the schema's field errors, the store's put/remove ops (invalid
// input never reaches the doc), who counts as a member and a manager when teams are read, and
// two admins' concurrent team edits converging.
import { describe, expect, it } from 'vitest';
import { issueMessage, validateWorkspaceValue, type Member, type Team } from '@carnet/schema';
import { isStoreError } from '@carnet/store';
import { deliver, memoryStore } from '../../helpers/store.ts';

const member = (userId: string, role: Member['role'], name = userId): Member => ({ userId, name, email: `${userId}@example.com`, role });
const ANA = 'ana000000000001';
const BEN = 'ben000000000001';
const MIA = 'mia000000000001';
const team = (over: Partial<Team> = {}): Team => ({ id: 'teamnorth0000001', name: 'North', memberIds: [ANA, BEN], managerId: MIA, ...over });

async function storeWithMembers() {
  const store = await memoryStore();
  await store.updateWorkspace(
    { type: 'putMember', member: member(ANA, 'rep', 'Ana') },
    { type: 'putMember', member: member(BEN, 'rep', 'Ben') },
    { type: 'putMember', member: member(MIA, 'manager', 'Mia') },
  );
  return store;
}

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (isStoreError(error)) return error.issues.map((i) => `${i.field}:${i.code}`);
    throw error;
  }
  return [];
}

describe('the team schema', () => {
  it('accepts a team and fills a missing manager with null', () => {
    const result = validateWorkspaceValue('team', { id: 'teamnorth0000001', name: '  North ', memberIds: [ANA] });
    expect(result).toEqual({ ok: true, value: { id: 'teamnorth0000001', name: 'North', memberIds: [ANA], managerId: null } });
  });

  it('names each wrong field with a code the interface translates', () => {
    const result = validateWorkspaceValue('team', { id: 'Bad Id', name: ' ', memberIds: [ANA, ANA, 'x'], managerId: 7 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual(['id:invalid_id', 'managerId:type', 'memberIds.2:invalid_id', 'memberIds:duplicate_member', 'name:required']);
    const twice = validateWorkspaceValue('team', { id: 'teamnorth0000001', name: 'North', memberIds: [ANA, ANA] });
    expect(twice.ok ? [] : twice.issues).toEqual([{ field: 'memberIds', code: 'duplicate_member' }]);
    expect(issueMessage({ field: 'memberIds', code: 'duplicate_member' }, 'fr')).toBe('Cette personne figure deux fois.');
    expect(issueMessage({ field: 'managerId', code: 'not_a_manager' })).toMatch(/manager, admin or owner/);
  });
});

describe('team operations', () => {
  it('creates, renames, changes members and manager, and removes a team', async () => {
    const store = await storeWithMembers();
    await store.updateWorkspace({ type: 'putTeam', team: team() });
    await store.updateWorkspace({ type: 'putTeam', team: team({ id: 'teamsouth0000001', name: 'South', memberIds: [], managerId: null }) });
    expect(store.teams().map((t) => t.name)).toEqual(['North', 'South']);
    await store.updateWorkspace({ type: 'putTeam', team: team({ name: 'North-East', memberIds: [BEN], managerId: null }) });
    expect(store.teams()[0]).toEqual({ id: 'teamnorth0000001', name: 'North-East', memberIds: [BEN], managerId: null });
    await store.updateWorkspace({ type: 'removeTeam', id: 'teamsouth0000001' });
    expect(store.teams().map((t) => t.id)).toEqual(['teamnorth0000001']);
  });

  it('refuses unknown members and a manager whose role may not manage, writing nothing', async () => {
    const store = await storeWithMembers();
    const before = await store.outboxCount();
    expect(await refusal(store.updateWorkspace({ type: 'putTeam', team: team({ memberIds: [ANA, 'stranger0000001'] }) }))).toEqual(['memberIds.1:unknown_member']);
    expect(await refusal(store.updateWorkspace({ type: 'putTeam', team: team({ managerId: ANA }) }))).toEqual(['managerId:not_a_manager']);
    expect(await refusal(store.updateWorkspace({ type: 'putTeam', team: team({ name: '' }) }))).toEqual(['name:required']);
    expect(store.teams()).toEqual([]);
    expect(await store.outboxCount()).toBe(before);
  });

  it('a member removed from the workspace, or a demoted manager, drops out of teams as read', async () => {
    const store = await storeWithMembers();
    await store.updateWorkspace({ type: 'putTeam', team: team() });
    await store.updateWorkspace({ type: 'removeMember', userId: ANA }, { type: 'putMember', member: member(MIA, 'rep', 'Mia') });
    expect(store.teams()).toEqual([{ id: 'teamnorth0000001', name: 'North', memberIds: [BEN], managerId: null }]);
    // Renaming the team as it is stored still works (members who left are not re-checked).
    await store.updateWorkspace({ type: 'putTeam', team: team({ name: 'Nord' }) });
    expect(store.teams()[0].name).toBe('Nord');
    // Back as a member, Ana is in the team again: membership is read, not rewritten.
    await store.updateWorkspace({ type: 'putMember', member: member(ANA, 'rep', 'Ana') });
    expect(store.teams()[0].memberIds).toEqual([ANA, BEN]);
  });

  it("two admins' edits of different teams both stay, on both peers", async () => {
    const a = await storeWithMembers();
    const b = await memoryStore();
    await deliver(a, [b]);
    await a.updateWorkspace({ type: 'putTeam', team: team() });
    await b.updateWorkspace({ type: 'putTeam', team: team({ id: 'teamsouth0000001', name: 'South', memberIds: [ANA], managerId: null }) });
    await deliver(a, [b]);
    await deliver(b, [a]);
    expect(a.teams()).toEqual(b.teams());
    expect(a.teams().map((t) => t.name)).toEqual(['North', 'South']);
  });
});
