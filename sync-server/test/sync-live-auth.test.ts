// Permission changes reach live sockets: a revoked session or API token closes the socket
// with 4401, a removed member's socket closes with 4403, a role downgraded to viewer makes
// the next pushes refused on the same socket. Presence is relayed (a viewer's too) and
// withdrawn when a socket goes.
import { afterEach, describe, expect, test } from 'bun:test';
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, SyncErrorCode } from '@carnet/sync';
import { Client } from './auth-fixtures.ts';
import { CONTACT, fieldUpdate, makeSyncRelay, RawSocket, type SyncRelay } from './sync-fixtures.ts';

let relay: SyncRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

describe('live permission changes', () => {
  test('logging out closes that session’s live socket with 4401 within a second', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const socket = await relay.connect(rep);
    const other = await relay.connect(relay.owner);
    await socket.next('live');
    await other.next('live');
    const started = Date.now();
    expect((await rep.client.post('/api/auth/logout')).status).toBe(204);
    expect(await socket.closed).toBe(CloseCode.Unauthorized);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(socket.of('error')[0]?.code).toBe(SyncErrorCode.Unauthorized);
    expect(other.closeCode).toBeUndefined();
  });

  test('a revoked API token closes its socket with 4401', async () => {
    relay = await makeSyncRelay();
    const created = await relay.owner.client.post('/api/tokens', { name: 'script', workspaceId: relay.workspaceId, role: 'rep' });
    expect(created.status).toBe(201);
    const script = { client: new Client(relay.h.app, '10.0.2.1') };
    script.client.bearer = created.body.token;
    const socket = await relay.connect(script);
    await socket.next('live');
    expect((await relay.owner.client.delete(`/api/tokens/${created.body.apiToken.id}`)).status).toBe(204);
    expect(await socket.closed).toBe(CloseCode.Unauthorized);
  });

  test('a removed member’s socket closes with 4403', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const socket = await relay.connect(rep);
    await socket.next('live');
    expect((await relay.owner.client.delete(`/api/workspaces/${relay.workspaceId}/members/${rep.userId}`)).status).toBe(204);
    expect(await socket.closed).toBe(CloseCode.Forbidden);
    expect(socket.of('error')[0]?.code).toBe(SyncErrorCode.Forbidden);
  });

  test('a rep downgraded to viewer has the next push refused on the same socket', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const socket = await relay.connect(rep);
    await socket.next('live');
    socket.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('a', 1) }] });
    await socket.next('ack');
    expect((await relay.owner.client.patch(`/api/workspaces/${relay.workspaceId}/members/${rep.userId}`, { role: 'viewer' })).status).toBe(200);
    socket.send({ type: 'push', batchId: 2, entries: [{ docId: CONTACT, update: fieldUpdate('b', 2) }] });
    expect(await socket.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, batchId: 2 });
    expect(await relay.storage.headSeq(relay.workspaceId)).toBe(1);
    expect(socket.closeCode).toBeUndefined();
  });

  test('closeAll closes every socket with 1001 and refuses new ones', async () => {
    relay = await makeSyncRelay();
    const socket = await relay.connect(relay.owner);
    await socket.next('live');
    await relay.sync.hub.closeAll();
    expect(await socket.closed).toBe(CloseCode.GoingAway);
    await expect(RawSocket.open(`${relay.base}/sync?workspace=${relay.workspaceId}`, relay.owner.client)).rejects.toThrow();
  });
});

describe('presence', () => {
  function presence(state: Record<string, unknown> | null, clientId: number) {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const awareness = new Awareness(doc);
    awareness.setLocalState(state);
    const update = encodeAwarenessUpdate(awareness, [clientId]);
    awareness.destroy();
    return update;
  }

  test("a viewer's presence on a record is relayed; it is withdrawn when the socket closes", async () => {
    relay = await makeSyncRelay();
    const viewer = await relay.member('viewer', 'vera');
    const v = await relay.connect(viewer);
    const o = await relay.connect(relay.owner);
    await v.next('live');
    await o.next('live');
    v.send({ type: 'awareness', docId: CONTACT, update: presence({ user: 'vera' }, 42) });
    const seen = await o.next('awareness');
    const watcher = new Awareness(new Y.Doc());
    applyAwarenessUpdate(watcher, seen.update, 'test');
    expect(watcher.getStates().get(42)).toEqual({ user: 'vera' });
    // Presence is for records only: none on the workspace doc.
    v.send({ type: 'awareness', docId: 'workspace', update: presence({ user: 'vera' }, 42) });
    v.close();
    const gone = await o.next('awareness', (m) => m !== seen);
    applyAwarenessUpdate(watcher, gone.update, 'test');
    expect(watcher.getStates().has(42)).toBe(false);
    expect(o.of('awareness').every((m) => m.docId === CONTACT)).toBe(true);
    watcher.destroy();
  });

  test('malformed presence closes the socket with 4400', async () => {
    relay = await makeSyncRelay();
    const o = await relay.connect(relay.owner);
    await o.next('live');
    o.send({ type: 'awareness', docId: CONTACT, update: new Uint8Array([5, 1, 2]) });
    expect(await o.closed).toBe(CloseCode.BadMessage);
  });
});
