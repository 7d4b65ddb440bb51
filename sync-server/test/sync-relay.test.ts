// The Carnet socket in process: upgrade auth, hello → catch-up → live, push → durable ack →
// one broadcast, per-doc permissions (viewers, the workspace doc, private docs), bootstrap,
// and repair with state vectors.
import { afterEach, describe, expect, test } from 'bun:test';
import * as Y from 'yjs';
import { CloseCode, SyncErrorCode } from '@carnet/sync';
import { CONTACT, CONTACT_2, fieldUpdate, makeSyncRelay, RawSocket, storedFields, type SyncRelay } from './sync-fixtures.ts';

let relay: SyncRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url.replace(/^ws/, 'http'), {
    headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13', ...headers },
  });
  await response.body?.cancel();
  return response.status;
}

describe('upgrade', () => {
  test('refuses a socket without credentials (401) and one for a workspace the user is not in (403)', async () => {
    relay = await makeSyncRelay();
    const url = `${relay.base}/sync?workspace=${relay.workspaceId}`;
    expect(await upgradeStatus(url)).toBe(401);
    expect(await upgradeStatus(url, { cookie: 'carnet_session=forged' })).toBe(401);
    const cookie = `carnet_session=${relay.owner.client.cookie}`;
    expect(await upgradeStatus(`${relay.base}/sync?workspace=someoneelses1`, { cookie })).toBe(403);
    expect(await upgradeStatus(`${relay.base}/sync`, { cookie })).toBe(400);
    await expect(RawSocket.open(url)).rejects.toThrow();
  });

  test('a hello naming another workspace closes the socket with 4403', async () => {
    relay = await makeSyncRelay();
    const socket = await RawSocket.open(`${relay.base}/sync?workspace=${relay.workspaceId}`, relay.owner.client);
    socket.send({ type: 'hello', protocolVersion: 1, workspaceId: 'another0workspace', lastSeq: 0, deviceId: 'd' });
    expect(await socket.closed).toBe(CloseCode.Forbidden);
    expect(socket.of('error')[0]?.code).toBe(SyncErrorCode.Forbidden);
  });
});

describe('log', () => {
  test('a push is acked with its seqs and broadcast once to the others, not the sender', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const a = await relay.connect(relay.owner);
    const b = await relay.connect(rep);
    const c = await relay.connect(rep, { deviceId: 'device-2' });
    for (const s of [a, b, c]) expect((await s.next('live')).headSeq).toBe(0);
    a.send({ type: 'push', batchId: 7, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Ada') }, { docId: CONTACT_2, update: fieldUpdate('firstName', 'Bo') }] });
    expect(await a.next('ack')).toEqual({ type: 'ack', batchId: 7, seqs: [1, 2] });
    for (const s of [b, c]) {
      const updates = await s.until(() => s.of('update').length === 2 && s.of('update'), 'two updates');
      expect(updates.map((u) => [u.seq, u.docId, u.by])).toEqual([[1, CONTACT, relay.owner.userId], [2, CONTACT_2, relay.owner.userId]]);
    }
    // Encoded once: both readers got byte-identical frames.
    expect(new Uint8Array(b.raw.at(-1) as ArrayBuffer)).toEqual(new Uint8Array(c.raw.at(-1) as ArrayBuffer));
    expect(a.of('update')).toHaveLength(0);
    expect(await storedFields(relay.storage, relay.workspaceId, CONTACT)).toEqual({ firstName: 'Ada' });
    const history = await relay.storage.docHistory(relay.workspaceId, CONTACT, 10);
    expect(history[0]).toMatchObject({ userId: relay.owner.userId, deviceId: 'device-1' });
  });

  test('a socket that has not said hello yet keeps its room: the last other socket leaving does not orphan it', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    // B is open but silent while A, the room's only joined socket, leaves: the hub drops rooms
    // with nobody in them, and B must count as somebody.
    const a = await relay.connect(relay.owner);
    await a.next('live');
    const b = await relay.connect(rep, { hello: false });
    a.ws.close();
    await a.closed;
    await Bun.sleep(50);
    b.send({ type: 'hello', protocolVersion: 1, workspaceId: relay.workspaceId, lastSeq: 0, deviceId: 'late' });
    await b.next('live');
    const c = await relay.connect(relay.owner, { deviceId: 'device-3' });
    await c.next('live');
    c.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Ada') }] });
    await c.next('ack');
    const [update] = await b.until(() => b.of('update').length > 0 && b.of('update'), 'the update pushed by C');
    expect(update).toMatchObject({ seq: 1, docId: CONTACT });
  });

  test('a client catches up from its lastSeq in batches, then goes live', async () => {
    relay = await makeSyncRelay({ limits: { catchupBatchEntries: 3 } });
    const writer = await relay.connect(relay.owner);
    await writer.next('live');
    for (let i = 1; i <= 10; i++) {
      writer.send({ type: 'push', batchId: i, entries: [{ docId: CONTACT, update: fieldUpdate('n', i, 1000 + i) }] });
    }
    await writer.next('ack', (m) => m.batchId === 10);
    const reader = await relay.connect(relay.owner, { lastSeq: 4, deviceId: 'device-2' });
    expect((await reader.next('live')).headSeq).toBe(10);
    const seqs = reader.of('catchup').flatMap((m) => m.entries.map((e) => e.seq));
    expect(seqs).toEqual([5, 6, 7, 8, 9, 10]);
    expect(reader.of('catchup').length).toBeGreaterThan(1);
    // Live after catch-up: the next push arrives as an update.
    writer.send({ type: 'push', batchId: 11, entries: [{ docId: CONTACT, update: fieldUpdate('n', 11, 2000) }] });
    expect((await reader.next('update')).seq).toBe(11);
  });

  test('a client ahead of the log or behind its compacted start is sent to bootstrap', async () => {
    relay = await makeSyncRelay();
    const ahead = await relay.connect(relay.owner, { lastSeq: 5 });
    expect(await ahead.next('bootstrap')).toEqual({ type: 'bootstrap', reason: 'compacted', headSeq: 0 });
    expect(await ahead.closed).toBe(CloseCode.Normal);

    const writer = await relay.connect(relay.owner);
    await writer.next('live');
    for (let i = 1; i <= 6; i++) writer.send({ type: 'push', batchId: i, entries: [{ docId: CONTACT, update: fieldUpdate('n', i, 3000 + i) }] });
    await writer.next('ack', (m) => m.batchId === 6);
    await relay.storage.compact(relay.workspaceId, { keepTail: 2 });
    const behind = await relay.connect(relay.owner, { lastSeq: 1 });
    expect(await behind.next('bootstrap')).toEqual({ type: 'bootstrap', reason: 'compacted', headSeq: 6 });
    const fresh = await relay.connect(relay.owner, { lastSeq: 0 });
    expect((await fresh.next('bootstrap')).reason).toBe('new_client');
    const recent = await relay.connect(relay.owner, { lastSeq: 4 });
    expect((await recent.next('live')).headSeq).toBe(6);
  });
});

describe('permissions', () => {
  test("rejects a viewer's push with forbidden, leaves the doc unchanged and relays nothing", async () => {
    relay = await makeSyncRelay();
    const viewer = await relay.member('viewer', 'vera');
    const v = await relay.connect(viewer);
    const o = await relay.connect(relay.owner);
    await v.next('live');
    await o.next('live');
    v.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Hacked') }] });
    const error = await v.next('error');
    expect(error).toMatchObject({ code: SyncErrorCode.Forbidden, batchId: 1, docId: CONTACT });
    expect(v.of('ack')).toHaveLength(0);
    expect(await relay.storage.headSeq(relay.workspaceId)).toBe(0);
    expect(await storedFields(relay.storage, relay.workspaceId, CONTACT)).toBeNull();
    // The socket stays open: a viewer still reads.
    o.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Ada') }] });
    expect((await v.next('update')).seq).toBe(1);
    expect(o.of('update')).toHaveLength(0);
    expect(v.closeCode).toBeUndefined();
  });

  test('only owners and admins write the workspace doc; the whole batch is refused', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const admin = await relay.member('admin', 'adam');
    const r = await relay.connect(rep);
    const a = await relay.connect(admin);
    await r.next('live');
    await a.next('live');
    r.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('x', 1) }, { docId: 'workspace', update: fieldUpdate('pipeline', 'mine') }] });
    expect(await r.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, batchId: 1, docId: 'workspace' });
    expect(await relay.storage.headSeq(relay.workspaceId)).toBe(0);
    a.send({ type: 'push', batchId: 1, entries: [{ docId: 'workspace', update: fieldUpdate('pipeline', 'sales') }] });
    expect((await a.next('ack')).seqs).toEqual([1]);
    expect((await r.next('update')).docId).toBe('workspace');
  });

  test("a private doc reaches only its user's sockets, live and in catch-up", async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const mine = `users/${rep.userId}`;
    const r1 = await relay.connect(rep);
    const r2 = await relay.connect(rep, { deviceId: 'phone' });
    const o = await relay.connect(relay.owner);
    for (const s of [r1, r2, o]) await s.next('live');
    r1.send({ type: 'push', batchId: 1, entries: [{ docId: mine, update: fieldUpdate('theme', 'dark') }] });
    o.send({ type: 'push', batchId: 1, entries: [{ docId: `users/${rep.userId}`, update: fieldUpdate('theme', 'pink') }] });
    expect(await o.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, docId: mine });
    expect((await r2.next('update')).docId).toBe(mine);
    o.send({ type: 'push', batchId: 2, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Ada') }] });
    await r2.next('update', (u) => u.seq === 2);
    expect(o.of('update')).toHaveLength(0);
    const late = await relay.connect(relay.owner, { deviceId: 'late' });
    expect((await late.next('live')).headSeq).toBe(2);
    expect(late.of('catchup').flatMap((m) => m.entries.map((e) => e.docId))).toEqual([CONTACT]);
    // Nor can another user repair their way into it.
    o.send({ type: 'syncStep1', docId: mine, stateVector: Y.encodeStateVector(new Y.Doc()) });
    expect(await o.next('error', (e) => e.docId === mine && e.batchId === undefined)).toMatchObject({ code: SyncErrorCode.Forbidden });
  });

  test('malformed Yjs bytes and unknown doc ids are refused before they reach the log', async () => {
    relay = await makeSyncRelay();
    const o = await relay.connect(relay.owner);
    await o.next('live');
    o.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: new Uint8Array([1, 2, 3, 250, 7]) }] });
    expect(await o.next('error', (e) => e.batchId === 1)).toMatchObject({ code: SyncErrorCode.BadUpdate });
    o.send({ type: 'push', batchId: 2, entries: [{ docId: 'secrets/abcdefgh1', update: fieldUpdate('a', 1) }] });
    expect(await o.next('error', (e) => e.batchId === 2)).toMatchObject({ code: SyncErrorCode.BadUpdate });
    expect(await relay.storage.headSeq(relay.workspaceId)).toBe(0);
    expect(o.closeCode).toBeUndefined();
  });
});

describe('repair', () => {
  test('syncStep1 is answered with what the relay has beyond the state vector', async () => {
    relay = await makeSyncRelay();
    const o = await relay.connect(relay.owner);
    await o.next('live');
    const doc = new Y.Doc();
    doc.getMap('fields').set('firstName', 'Ada');
    const before = Y.encodeStateVector(doc);
    const first = Y.encodeStateAsUpdate(doc);
    doc.getMap('fields').set('lastName', 'Lovelace');
    const second = Y.encodeStateAsUpdate(doc, before);
    o.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: first }, { docId: CONTACT, update: second }] });
    await o.next('ack');
    const local = new Y.Doc();
    Y.applyUpdate(local, first);
    o.send({ type: 'syncStep1', docId: CONTACT, stateVector: Y.encodeStateVector(local) });
    const answer = await o.next('syncStep2');
    Y.applyUpdate(local, answer.update);
    expect(local.getMap('fields').toJSON()).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    o.send({ type: 'syncStep1', docId: CONTACT, stateVector: new Uint8Array([200, 200]) });
    expect(await o.next('error', (e) => e.docId === CONTACT)).toMatchObject({ code: SyncErrorCode.BadMessage });
  });
});
