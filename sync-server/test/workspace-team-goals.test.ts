// A manager writes the goals of the teams they manage into the workspace doc, and nothing
// else of it: the rule on its own (teamGoalsRefusal over real updates made with the store's
// workspace ops) and through the Carnet socket, where a refused push leaves the log unchanged.
import { afterEach, describe, expect, test } from 'bun:test';
import * as Y from 'yjs';
import { SyncErrorCode } from '@carnet/sync';
import { prepareWorkspaceOp, readSharedReportItems, type WorkspaceOp } from '@carnet/store';
import type { Member } from '@carnet/schema';
import { teamGoalsRefusal } from '../src/sync/index.ts';
import { makeSyncRelay, type SyncRelay } from './sync-fixtures.ts';

const member = (userId: string, role: Member['role']): Member => ({ userId, name: userId, email: `${userId}@example.com`, role });
const goal = (id: string, scope: Record<string, unknown>, ownerId: string) => ({
  id, ownerId, updatedAt: 1, setup: { id, scope, metric: 'won_count', period: '2026-Q2', target: 5 },
});

/** A peer's copy of the workspace doc; `write` returns the update its ops made. */
function peer(state?: Uint8Array) {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return {
    doc,
    write(...ops: WorkspaceOp[]): Uint8Array {
      const before = Y.encodeStateVector(doc);
      const appliers = ops.map((op) => prepareWorkspaceOp(doc, op));
      doc.transact(() => appliers.forEach((apply) => apply()));
      return Y.encodeStateAsUpdate(doc, before);
    },
    state: () => Y.encodeStateAsUpdate(doc),
  };
}

const MANAGER = 'manager00000001';
const OTHER_MANAGER = 'manager00000002';
const REP = 'rep0000000000001';

function seeded() {
  const admin = peer();
  admin.write(
    { type: 'putMember', member: member(MANAGER, 'manager') },
    { type: 'putMember', member: member(OTHER_MANAGER, 'manager') },
    { type: 'putMember', member: member(REP, 'rep') },
  );
  admin.write(
    { type: 'putTeam', team: { id: 'teamnorth0000001', name: 'North', memberIds: [REP], managerId: MANAGER } },
    { type: 'putTeam', team: { id: 'teamsouth0000001', name: 'South', memberIds: [], managerId: OTHER_MANAGER } },
  );
  return admin;
}

describe('teamGoalsRefusal', () => {
  test("accepts adding, changing and removing a goal of the manager's own team", () => {
    const admin = seeded();
    const manager = peer(admin.state());
    const add = manager.write({ type: 'putShared', kind: 'goals', item: goal('g1', { kind: 'team', teamId: 'teamnorth0000001' }, MANAGER) });
    expect(teamGoalsRefusal(admin.state(), add, MANAGER)).toBeNull();
    const stored = Y.mergeUpdates([admin.state(), add]);
    const change = manager.write({ type: 'putShared', kind: 'goals', item: { ...goal('g1', { kind: 'team', teamId: 'teamnorth0000001' }, MANAGER), updatedAt: 2 } });
    expect(teamGoalsRefusal(stored, change, MANAGER)).toBeNull();
    const remove = manager.write({ type: 'removeShared', kind: 'goals', id: 'g1' });
    expect(teamGoalsRefusal(Y.mergeUpdates([stored, change]), remove, MANAGER)).toBeNull();
  });

  test("refuses a company goal, another team's goal, and removing an admin's company goal", () => {
    const admin = seeded();
    admin.write({ type: 'putShared', kind: 'goals', item: goal('company1', { kind: 'company' }, 'owner0000000001') });
    const company = peer(admin.state()).write({ type: 'putShared', kind: 'goals', item: goal('g2', { kind: 'company' }, MANAGER) });
    expect(teamGoalsRefusal(admin.state(), company, MANAGER)).toMatch(/teams they manage/);
    const south = peer(admin.state()).write({ type: 'putShared', kind: 'goals', item: goal('g3', { kind: 'team', teamId: 'teamsouth0000001' }, MANAGER) });
    expect(teamGoalsRefusal(admin.state(), south, MANAGER)).toMatch(/teams they manage/);
    const fresh = peer(admin.state());
    const removal = fresh.write({ type: 'removeShared', kind: 'goals', id: 'company1' });
    expect(teamGoalsRefusal(admin.state(), removal, MANAGER)).toMatch(/teams they manage/);
    // The South team's own manager may write that one.
    expect(teamGoalsRefusal(admin.state(), south, OTHER_MANAGER)).toBeNull();
  });

  test('refuses any change to teams, members or settings, even together with an allowed goal', () => {
    const admin = seeded();
    const manager = peer(admin.state());
    const rename = manager.write({ type: 'putTeam', team: { id: 'teamnorth0000001', name: 'Mine', memberIds: [REP], managerId: MANAGER } });
    expect(teamGoalsRefusal(admin.state(), rename, MANAGER)).toMatch(/teams/);
    const takeOver = peer(admin.state()).write(
      { type: 'putTeam', team: { id: 'teamsouth0000001', name: 'South', memberIds: [], managerId: MANAGER } },
      { type: 'putShared', kind: 'goals', item: goal('g4', { kind: 'team', teamId: 'teamsouth0000001' }, MANAGER) },
    );
    expect(teamGoalsRefusal(admin.state(), takeOver, MANAGER)).not.toBeNull();
    const mixed = peer(admin.state()).write(
      { type: 'putShared', kind: 'goals', item: goal('g5', { kind: 'team', teamId: 'teamnorth0000001' }, MANAGER) },
      { type: 'settings', patch: { stalledDays: 30 } },
    );
    expect(teamGoalsRefusal(admin.state(), mixed, MANAGER)).toMatch(/settings/);
  });

  test('refuses an update that waits for changes the relay does not have', () => {
    const admin = seeded();
    const manager = peer(admin.state());
    manager.write({ type: 'putShared', kind: 'goals', item: goal('g7', { kind: 'company' }, MANAGER) });
    const dependent = manager.write({ type: 'putShared', kind: 'goals', item: goal('g8', { kind: 'team', teamId: 'teamnorth0000001' }, MANAGER) });
    expect(teamGoalsRefusal(admin.state(), dependent, MANAGER)).toMatch(/depends on/);
  });

  test('a manager who was demoted or removed manages no team any more', () => {
    const admin = seeded();
    const goalUpdate = peer(admin.state()).write({ type: 'putShared', kind: 'goals', item: goal('g6', { kind: 'team', teamId: 'teamnorth0000001' }, MANAGER) });
    admin.write({ type: 'putMember', member: member(MANAGER, 'rep') });
    expect(teamGoalsRefusal(admin.state(), goalUpdate, MANAGER)).not.toBeNull();
    admin.write({ type: 'removeMember', userId: MANAGER });
    expect(teamGoalsRefusal(admin.state(), goalUpdate, MANAGER)).not.toBeNull();
  });
});

let relay: SyncRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe('through the Carnet socket', () => {
  test("a manager's team goal is logged and relayed; a company goal is refused with forbidden and not logged", async () => {
    relay = await makeSyncRelay();
    const manager = await relay.member('manager', 'maya');
    const rep = await relay.member('rep', 'rita');
    const admin = peer();
    admin.write(
      { type: 'putMember', member: member(manager.userId, 'manager') },
      { type: 'putMember', member: member(rep.userId, 'rep') },
    );
    admin.write(
      { type: 'putTeam', team: { id: 'teamnorth0000001', name: 'North', memberIds: [rep.userId], managerId: manager.userId } },
    );
    const o = await relay.connect(relay.owner);
    const m = await relay.connect(manager, { deviceId: 'maya-laptop' });
    const r = await relay.connect(rep);
    await Promise.all([o.next('live'), m.next('live'), r.next('live')]);
    o.send({ type: 'push', batchId: 1, entries: [{ docId: 'workspace', update: admin.state() }] });
    expect((await o.next('ack')).seqs).toEqual([1]);

    const mine = peer(admin.state());
    const allowed = mine.write({ type: 'putShared', kind: 'goals', item: goal('g1', { kind: 'team', teamId: 'teamnorth0000001' }, manager.userId) });
    m.send({ type: 'push', batchId: 1, entries: [{ docId: 'workspace', update: allowed }] });
    expect((await m.next('ack')).seqs).toEqual([2]);
    expect((await r.next('update', (u) => u.seq === 2)).docId).toBe('workspace');

    const refused = mine.write({ type: 'putShared', kind: 'goals', item: goal('g2', { kind: 'company' }, manager.userId) });
    m.send({ type: 'push', batchId: 2, entries: [{ docId: 'workspace', update: refused }] });
    expect(await m.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, batchId: 2, docId: 'workspace' });
    expect(await relay.storage.headSeq(relay.workspaceId)).toBe(2);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await relay.storage.docState(relay.workspaceId, 'workspace'))!);
    expect(readSharedReportItems(stored, 'goals').map((g) => g.id)).toEqual(['g1']);

    // A rep may not write even their team's goal.
    const repGoal = peer(admin.state()).write({ type: 'putShared', kind: 'goals', item: goal('g3', { kind: 'team', teamId: 'teamnorth0000001' }, rep.userId) });
    r.send({ type: 'push', batchId: 1, entries: [{ docId: 'workspace', update: repGoal }] });
    expect(await r.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, batchId: 1 });
    expect(m.closeCode).toBeUndefined();
  });
});
