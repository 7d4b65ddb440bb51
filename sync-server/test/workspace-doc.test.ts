// The relay as a peer of the workspace doc: a new workspace's doc is seeded (settings with its
// name, the default pipeline, the owner), the members map follows invites, role changes and
// removals, and each write is an update in the log by the relay that reaches sockets live.
import { afterEach, describe, expect, it } from 'bun:test';
import { Elysia } from 'elysia';
import * as Y from 'yjs';
import { WORKSPACE_DOC_ID, defaultPipeline } from '@carnet/schema';
import { readMembers, readPipelines, readSettings } from '@carnet/store';
import { createMemoryStorage, type RelayStorage } from '../src/storage/index.ts';
import { syncRoutes } from '../src/sync/index.ts';
import { RELAY_AUTHOR, createWorkspaceDocKeeper, type WorkspaceDocKeeper } from '../src/workspace-doc/index.ts';
import { OWNER, addMember, makeAuth, setUp } from './auth-fixtures.ts';
import { PROTOCOL_VERSION } from '@carnet/sync';
import { RawSocket } from './sync-fixtures.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** Auth, memory storage, the sync hub on a free port and the keeper, wired as app.ts does. */
function makeRelay() {
  const h = makeAuth();
  const storage = createMemoryStorage();
  const sync = syncRoutes({ auth: h.auth, storage, clock: h.now });
  const keeper = createWorkspaceDocKeeper({ auth: h.auth, storage, hub: sync.hub, now: h.now });
  const app = new Elysia().use(sync).listen({ port: 0, reusePort: false });
  cleanup = async () => {
    await keeper.close();
    await sync.hub.closeAll();
    sync.hub.dispose();
    await app.stop(true);
    h.close();
  };
  return { h, storage, sync, keeper, base: `ws://127.0.0.1:${app.server!.port}` };
}

async function workspaceDoc(storage: RelayStorage, workspaceId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await storage.docState(workspaceId, WORKSPACE_DOC_ID);
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

async function workspaceLog(storage: RelayStorage, workspaceId: string) {
  return (await storage.readLog(workspaceId, 0, 1000)).filter((e) => e.docId === WORKSPACE_DOC_ID);
}

describe('the workspace doc kept by the relay', () => {
  it('is seeded at setup with the settings name, the default pipeline and the owner, by the relay', async () => {
    const { h, storage, keeper } = makeRelay();
    const { workspaceId, ownerId } = await setUp(h);
    await keeper.idle();

    const doc = await workspaceDoc(storage, workspaceId);
    expect(readSettings(doc).name).toBe(OWNER.workspaceName);
    expect(doc.getMap('settings').get('name')).toBe(OWNER.workspaceName);
    expect(readPipelines(doc)).toEqual([defaultPipeline()]);
    expect(readMembers(doc)).toEqual([{ userId: ownerId, name: OWNER.name, email: OWNER.email.toLowerCase(), role: 'owner' }]);
    const log = await workspaceLog(storage, workspaceId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ userId: RELAY_AUTHOR.userId, deviceId: RELAY_AUTHOR.deviceId, at: h.now() });
  });

  it('follows an accepted invite, a role change and a removal, live on a connected socket', async () => {
    const { h, storage, keeper, base } = makeRelay();
    const { owner, workspaceId } = await setUp(h);
    await keeper.idle();
    const socket = await RawSocket.open(`${base}/sync?workspace=${workspaceId}`, owner);
    socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId, lastSeq: 0, deviceId: 'device-1' });
    await socket.next('live');
    const mirror = new Y.Doc();
    const updates = () => socket.of('update').filter((m) => m.docId === WORKSPACE_DOC_ID);
    const apply = () => {
      for (const m of [...socket.of('catchup').flatMap((c) => c.entries), ...updates()]) if (m.docId === WORKSPACE_DOC_ID) Y.applyUpdate(mirror, m.update);
    };

    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    await socket.until(() => updates().length === 1, 'the member update');
    expect(updates()[0]).toMatchObject({ by: RELAY_AUTHOR.userId });
    apply();
    expect(readMembers(mirror).find((m) => m.userId === rep.userId)).toEqual({ userId: rep.userId, name: 'rita', email: 'rita@example.com', role: 'rep' });

    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${rep.userId}`, { role: 'manager' })).status).toBe(200);
    await socket.until(() => updates().length === 2, 'the role update');
    expect(readMembers(await workspaceDoc(storage, workspaceId)).find((m) => m.userId === rep.userId)?.role).toBe('manager');

    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${rep.userId}`)).status).toBe(204);
    await socket.until(() => updates().length === 3, 'the removal');
    await keeper.idle();
    expect(readMembers(await workspaceDoc(storage, workspaceId)).map((m) => m.role)).toEqual(['owner']);
    expect((await workspaceLog(storage, workspaceId)).every((e) => e.userId === RELAY_AUTHOR.userId)).toBe(true);
    socket.close();
  });

  it("leaves an admin's renamed workspace and edited pipelines alone when members change", async () => {
    const { h, storage, keeper, sync } = makeRelay();
    const { owner, workspaceId } = await setUp(h);
    await keeper.idle();
    // An admin renames the workspace and drops the default pipeline, as the app would.
    const doc = await workspaceDoc(storage, workspaceId);
    const before = Y.encodeStateVector(doc);
    doc.getMap('settings').set('name', 'Acme Europe');
    doc.getMap('pipelines').delete('sales');
    await sync.hub.appendFromRelay(workspaceId, { docId: WORKSPACE_DOC_ID, update: Y.encodeStateAsUpdate(doc, before), userId: 'admin', deviceId: 'd', at: 1 });

    await addMember(h, owner, workspaceId, 'viewer', 'vic@example.com');
    await keeper.idle();
    const after = await workspaceDoc(storage, workspaceId);
    expect(readSettings(after).name).toBe('Acme Europe');
    expect(readPipelines(after)).toEqual([]);
    expect(readMembers(after).map((m) => m.role).sort()).toEqual(['owner', 'viewer']);
  });

  it('seeds, at start, a workspace created before the relay kept its doc, and writes nothing when in step', async () => {
    const { h, storage, keeper } = makeRelay();
    await keeper.close();
    const { workspaceId, ownerId } = await setUp(h);
    expect(await storage.docState(workspaceId, WORKSPACE_DOC_ID)).toBeNull();
    // An admin's setting written before the relay seeded the doc.
    const early = new Y.Doc();
    early.getMap('settings').set('stalledDays', 30);
    await storage.append(workspaceId, [{ docId: WORKSPACE_DOC_ID, update: Y.encodeStateAsUpdate(early), userId: ownerId, deviceId: 'd', at: 1 }]);

    const restarted = createWorkspaceDocKeeper({ auth: h.auth, storage, hub: makeHub(h, storage), now: h.now });
    await restarted.reconcileAll();
    const doc = await workspaceDoc(storage, workspaceId);
    expect(readMembers(doc).map((m) => m.userId)).toEqual([ownerId]);
    expect(readSettings(doc)).toMatchObject({ name: OWNER.workspaceName, stalledDays: 30 });
    expect(readPipelines(doc)).toEqual([defaultPipeline()]);
    expect(await restarted.reconcile(workspaceId)).toBeNull();
    expect(await workspaceLog(storage, workspaceId)).toHaveLength(2);
    await restarted.close();
  });

  it('removes from the members map whoever the auth database does not hold as a member', async () => {
    const { h, storage, keeper, sync } = makeRelay();
    const { owner, workspaceId } = await setUp(h);
    await keeper.idle();
    const stray = new Y.Doc();
    stray.getMap('members').set('zz00000000000001', { userId: 'zz00000000000001', name: 'Ghost', email: 'g@example.com', role: 'owner' });
    await sync.hub.appendFromRelay(workspaceId, { docId: WORKSPACE_DOC_ID, update: Y.encodeStateAsUpdate(stray), userId: 'x', deviceId: 'd', at: 1 });
    await addMember(h, owner, workspaceId, 'rep', 'ron@example.com');
    await keeper.idle();
    expect(readMembers(await workspaceDoc(storage, workspaceId)).map((m) => m.name).sort()).toEqual([OWNER.name, 'ron']);
  });
});

function makeHub(h: ReturnType<typeof makeAuth>, storage: RelayStorage) {
  const sync = syncRoutes({ auth: h.auth, storage, clock: h.now });
  const previous = cleanup;
  cleanup = async () => {
    await sync.hub.closeAll();
    sync.hub.dispose();
    await previous?.();
  };
  return sync.hub;
}
