// SyncClient against a fake in-memory relay and real Stores over MemoryPersistence. Time is
// driven by ManualTimers (reconnect delays); frames flow as microtasks.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@carnet/store';
import { LAST_SEQ_META_KEY, SyncClient, encodeUpdateBroadcast, type SyncClientOptions, type SyncError } from '@carnet/sync';
import { memoryStore } from '../../helpers/store.ts';
import { FakeRelay, ManualTimers, recordingStore, waitUntil } from './fake-relay.ts';

const running: SyncClient[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((client) => client.stop()));
});

let deviceCounter = 0;

async function connectClient(relay: FakeRelay, timers: ManualTimers, options: Partial<SyncClientOptions> = {}) {
  const store = await memoryStore();
  const port = recordingStore(store);
  const errors: SyncError[] = [];
  const client = new SyncClient({
    store: port,
    url: 'ws://relay.test/sync',
    workspaceId: relay.workspaceId,
    deviceId: `device${++deviceCounter}`,
    createSocket: relay.createSocket,
    timers,
    now: () => timers.now,
    random: () => 0.5,
    ...options,
  });
  client.onError((error) => errors.push(error));
  running.push(client);
  client.start();
  return { store, port, client, errors };
}

async function rowsOf(store: Store): Promise<unknown[]> {
  const { rows } = await store.query('contacts', { deleted: 'all', limit: 100_000 });
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function synced(...stores: Store[]): Promise<boolean> {
  for (const store of stores) if ((await store.outboxCount()) > 0) return false;
  const [first, ...rest] = await Promise.all(stores.map(rowsOf));
  return rest.every((rows) => JSON.stringify(rows) === JSON.stringify(first));
}

describe('SyncClient', () => {
  it('two clients converge on concurrent edits', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    const bob = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live' && bob.client.status === 'live', 'both are live');

    const a = await ana.store.create('contacts', { firstName: 'Ana' });
    const b = await bob.store.create('contacts', { firstName: 'Bob' });
    await waitUntil(() => synced(ana.store, bob.store), 'both see both contacts');
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        ana.store.update('contacts', b.id, { city: `Caen ${round}` }),
        bob.store.update('contacts', b.id, { title: `CEO ${round}` }),
        bob.store.update('contacts', a.id, { city: `Rennes ${round}` }),
      ]);
    }
    await waitUntil(() => synced(ana.store, bob.store), 'the stores converge');
    expect(await ana.store.get('contacts', b.id)).toMatchObject({ city: 'Caen 4', title: 'CEO 4' });
    expect(ana.client.pendingCount).toBe(0);
    expect(bob.client.pendingCount).toBe(0);
  });

  it('pushes 200 edits made offline when the relay comes back, in batches', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    const bob = await connectClient(relay, timers, { push: { maxEntries: 64 }, connectTimeoutMs: 5_000 });
    await waitUntil(() => bob.client.status === 'live' && ana.client.status === 'live', 'both are live');
    const contacts = await bob.store.createMany('contacts', Array.from({ length: 20 }, (_, i) => ({ firstName: `P${i}` })));
    await waitUntil(() => synced(ana.store, bob.store), 'the contacts reach ana');

    relay.down = true;
    relay.dropAll();
    await waitUntil(() => bob.client.status === 'offline', 'bob is offline');
    for (let i = 0; i < 200; i++) await bob.store.update('contacts', contacts[i % 20].id, { city: `City ${i}` });
    await waitUntil(() => bob.client.pendingCount === 200, 'bob counts 200 pending edits');
    timers.advance(60_000);
    expect(bob.client.status).not.toBe('live');

    relay.down = false;
    const pushedBefore = relay.pushedEntries;
    timers.advance(60_000);
    await waitUntil(() => synced(ana.store, bob.store), 'ana has the 200 edits');
    expect(relay.pushedEntries - pushedBefore).toBe(200);
    const pushes = relay.sockets.flatMap((s) => s.peer.received).filter((m) => m.type === 'push');
    expect(Math.max(...pushes.map((m) => (m.type === 'push' ? m.entries.length : 0)))).toBeLessThanOrEqual(64);
    expect(await ana.store.get('contacts', contacts[19].id)).toMatchObject({ city: 'City 199' });
    expect(bob.client.pendingCount).toBe(0);
  });

  it('ends a catch-up cut short by reconnecting consistent, with no duplicates and no gaps', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live', 'ana is live');
    const contacts = await ana.store.createMany('contacts', Array.from({ length: 50 }, (_, i) => ({ firstName: `P${i}` })));
    for (let i = 0; i < 250; i++) await ana.store.update('contacts', contacts[i % 50].id, { city: `C${i}` });
    await waitUntil(async () => (await ana.store.outboxCount()) === 0, 'ana pushed everything');
    const head = relay.headSeq;
    expect(head).toBe(300);

    relay.catchupBatch = 40;
    relay.cutCatchupAfter = 3;
    const bob = await connectClient(relay, timers);
    await waitUntil(() => relay.sockets.length >= 2 && relay.sockets[1].closedWith !== undefined, 'the first catch-up is cut');
    relay.cutCatchupAfter = 0; // the second attempt is cut before its first batch
    timers.advance(1_000);
    await waitUntil(() => relay.sockets.length >= 3 && relay.sockets[2].closedWith !== undefined, 'the second catch-up is cut');
    timers.advance(2_000);
    await waitUntil(() => bob.client.status === 'live', 'bob is live');
    await bob.client.idle();

    expect(await rowsOf(bob.store)).toEqual(await rowsOf(ana.store));
    expect(bob.client.lastSeq).toBe(head);
    expect(await bob.store.getMeta(LAST_SEQ_META_KEY)).toBe(head);
    const seqs = bob.port.applied.flatMap((entry) => relay.seqOf(entry.docId, entry.update));
    expect(seqs).toHaveLength(head); // each seq applied once...
    expect(new Set(seqs).size).toBe(head); // ...and none missing
    const hellos = relay.sockets.slice(1).map((s) => s.peer.received.find((m) => m.type === 'hello'));
    expect(hellos.map((m) => (m?.type === 'hello' ? m.lastSeq : -1))).toEqual([0, 120, 120]);
  });

  it('removes outbox entries only once the relay acknowledges them', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const bob = await connectClient(relay, timers);
    await waitUntil(() => bob.client.status === 'live', 'bob is live');
    relay.holdAcks = true;
    await bob.store.createMany('contacts', [{ firstName: 'A' }, { firstName: 'B' }, { firstName: 'C' }]);
    await waitUntil(() => relay.log.length === 3, 'the relay logged the push');
    await bob.client.idle();
    expect(await bob.store.outboxCount()).toBe(3);
    expect(bob.client.pendingCount).toBe(3);

    relay.releaseAcks();
    await waitUntil(async () => (await bob.store.outboxCount()) === 0, 'the ack empties the outbox');
    await waitUntil(() => bob.client.pendingCount === 0, 'pendingCount follows');
  });

  it('re-pushes a batch whose ack was lost, and the stores still converge', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    const bob = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live' && bob.client.status === 'live', 'both are live');
    relay.holdAcks = true;
    const row = await bob.store.create('contacts', { firstName: 'Zoé', city: 'Lyon' });
    await waitUntil(() => relay.log.length === 1, 'the relay logged the push');
    relay.dropAll(); // the acks die with the connection
    relay.holdAcks = false;
    await waitUntil(() => bob.client.status === 'offline', 'bob sees the drop');
    timers.advance(1_000);
    await waitUntil(() => synced(ana.store, bob.store), 'the stores converge');
    expect(relay.pushedEntries).toBe(2);
    expect(await ana.store.get('contacts', row.id)).toMatchObject({ firstName: 'Zoé', city: 'Lyon' });
  });

  it('ignores updates it already has (replayed catch-up, repeated broadcast)', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    const bob = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live' && bob.client.status === 'live', 'both are live');
    await ana.store.createMany('contacts', Array.from({ length: 10 }, (_, i) => ({ firstName: `P${i}` })));
    await waitUntil(() => synced(ana.store, bob.store), 'bob has the contacts');
    await bob.client.idle();
    const appliedBefore = bob.port.applied.length;
    expect(appliedBefore).toBe(10);

    for (const entry of relay.log.slice(-3)) relay.broadcastRaw(encodeUpdateBroadcast(entry));
    relay.replayBefore = 5;
    relay.dropAll();
    await waitUntil(() => bob.client.status === 'offline' && ana.client.status === 'offline', 'both see the drop');
    timers.advance(1_000);
    await waitUntil(() => bob.client.status === 'live' && ana.client.status === 'live', 'both are live again');
    await bob.client.idle();
    expect(bob.port.applied.length).toBe(appliedBefore);
    expect(bob.client.lastSeq).toBe(relay.headSeq);
  });

  it('backs off exponentially with full jitter and does not reset for connections that die at once', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const rolls = [0.99, 0.5, 0.25, 0.99, 0.99, 0.99, 0.99, 0.99, 0.1];
    let roll = 0;
    relay.closeOnOpen = 1011; // accepted, then dead: a crash-looping relay
    const bob = await connectClient(relay, timers, { random: () => rolls[roll++ % rolls.length], connectTimeoutMs: 123_456 });
    const retries = () => timers.requested.filter((ms) => ms !== 123_456);
    for (let attempt = 0; attempt < rolls.length; attempt++) {
      await waitUntil(() => retries().length === attempt + 1, `retry ${attempt} is scheduled`);
      expect(bob.client.status).toBe('offline');
      timers.advance(retries()[attempt]);
    }
    const ceilings = [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000];
    expect(retries()).toEqual(ceilings.map((ceiling, i) => Math.floor(rolls[i] * ceiling)));
    await waitUntil(() => relay.sockets.length === rolls.length + 1, 'one socket per attempt');

    // A connection that stays up past `stableAfterMs` earns a fresh backoff.
    relay.closeOnOpen = undefined;
    await waitUntil(() => retries().length === rolls.length + 1, 'the next retry is scheduled');
    timers.advance(retries().at(-1)!);
    await waitUntil(() => bob.client.status === 'live', 'bob is live');
    timers.advance(6_000);
    relay.dropAll(1001);
    await waitUntil(() => retries().length === rolls.length + 2, 'a retry after the stable connection');
    expect(retries().at(-1)).toBeLessThan(500);
  });

  it('stops reconnecting after a fatal close code and reports why', async () => {
    for (const code of ['unauthorized', 'forbidden', 'unsupported_version', 'session_revoked'] as const) {
      const relay = new FakeRelay();
      const timers = new ManualTimers();
      relay.refuseHello = code;
      const bob = await connectClient(relay, timers);
      await waitUntil(() => bob.client.error !== undefined, `${code} stops the client`);
      expect(bob.client.error?.code).toBe(code);
      expect(bob.client.status).toBe('offline');
      timers.advance(10 * 60_000);
      await bob.client.idle();
      expect(relay.sockets).toHaveLength(1);
      expect(bob.errors.map((e) => e.code)).toContain(code);
    }
  });

  it('keeps reconnecting after non-fatal closes (going away, rate limited, internal)', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const bob = await connectClient(relay, timers);
    for (const [i, code] of [1001, 4429, 1011, 1006].entries()) {
      await waitUntil(() => bob.client.status === 'live', 'bob is live');
      relay.dropAll(code);
      await waitUntil(() => bob.client.status === 'offline', 'bob sees the close');
      timers.advance(60_000);
      await waitUntil(() => relay.sockets.length === i + 2, `reconnects after ${code}`);
    }
    expect(bob.client.error).toBeUndefined();
  });

  it('abandons a socket that sends garbage with 4400 and reconnects', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const bob = await connectClient(relay, timers);
    await waitUntil(() => bob.client.status === 'live', 'bob is live');
    relay.broadcastRaw(new Uint8Array([0xff, 0xff, 0xff]));
    await waitUntil(() => relay.sockets[0].closedWith !== undefined, 'bob closes the socket');
    expect(relay.sockets[0].closedWith).toMatchObject({ code: 4400, by: 'client' });
    expect(bob.errors.map((e) => e.code)).toContain('bad_message');
    timers.advance(1_000);
    await waitUntil(() => bob.client.status === 'live', 'bob is live again');
  });

  it('bootstraps through the hook when the relay says so, then catches up the rest', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live', 'ana is live');
    await ana.store.createMany('contacts', Array.from({ length: 30 }, (_, i) => ({ firstName: `P${i}` })));
    await waitUntil(() => relay.log.length === 30, 'the relay has 30 entries');
    relay.compactedThrough = 20;

    const requests: unknown[] = [];
    const bob = await connectClient(relay, timers, {
      bootstrap: async (request) => {
        requests.push(request);
        // What the HTTP bundle gives: compacted states up to a seq, and that seq as the cursor.
        const bundle = relay.log.filter((e) => e.seq <= 20);
        await bobStore().applyRemoteBatch(bundle, { meta: [{ key: LAST_SEQ_META_KEY, value: 20 }] });
      },
    });
    const bobStore = () => bob.store;
    await waitUntil(async () => bob.client.status === 'live' && (await synced(ana.store, bob.store)), 'bob is live with everything');
    expect(requests).toEqual([{ workspaceId: relay.workspaceId, reason: 'new_client', headSeq: 30 }]);
    const hellos = relay.sockets.slice(1).map((s) => s.peer.received.find((m) => m.type === 'hello'));
    expect(hellos.map((m) => (m?.type === 'hello' ? m.lastSeq : -1))).toEqual([0, 20]);
  });

  it('stops with bootstrap_required when asked to bootstrap without a hook', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    relay.compactedThrough = 1;
    const bob = await connectClient(relay, timers);
    await waitUntil(() => bob.client.error !== undefined, 'bob stops');
    expect(bob.client.error?.code).toBe('bootstrap_required');
  });

  it('abandons a socket that never opens and retries', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    relay.down = true;
    const bob = await connectClient(relay, timers, { connectTimeoutMs: 4_000 });
    await waitUntil(() => relay.sockets.length === 1 && bob.client.status === 'connecting', 'bob is connecting');
    relay.down = false;
    timers.advance(4_000);
    expect(relay.sockets[0].closedWith?.by).toBe('client');
    timers.advance(1_000);
    await waitUntil(() => bob.client.status === 'live', 'bob is live');
  });

  it('drops the socket at once when the host says the network is gone, and reconnects on request', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const bob = await connectClient(relay, timers);
    await waitUntil(() => bob.client.status === 'live', 'bob is live');
    bob.client.connectionLost();
    expect(bob.client.status).toBe('offline');
    expect(relay.sockets[0].closedWith?.by).toBe('client');
    await bob.store.create('contacts', { firstName: 'Hors ligne' });
    await waitUntil(() => bob.client.pendingCount === 1, 'the edit waits in the outbox');
    bob.client.reconnectNow();
    await waitUntil(() => bob.client.status === 'live' && bob.client.pendingCount === 0, 'bob is live and synced');
    expect(relay.sockets).toHaveLength(2);
    expect(bob.errors).toEqual([]);
  });

  it('drives a real Store directly and reports status changes to listeners', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const store = await memoryStore();
    const client = new SyncClient({
      store, url: 'ws://x', workspaceId: relay.workspaceId, deviceId: 'd', createSocket: relay.createSocket,
      timers, now: () => timers.now, random: () => 0,
    });
    running.push(client);
    const statuses: string[] = [];
    client.onChange((state) => {
      if (statuses.at(-1) !== state.status) statuses.push(state.status);
    });
    client.start();
    await waitUntil(() => client.status === 'live', 'live');
    expect(statuses).toEqual(['connecting', 'catching-up', 'live']);
    await client.stop();
    expect(client.status).toBe('offline');
  });
});

describe('SyncClient presence', () => {
  it('a newcomer sees who was already on the record at once, not at their next renewal', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    const bob = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live' && bob.client.status === 'live', 'both are live');
    let seenByAna: unknown[] = [];
    let seenByBob: unknown[] = [];
    ana.client.onPresence('contacts/c1', (peers) => (seenByAna = peers.map((p) => p.state)));
    ana.client.setPresence('contacts/c1', { name: 'Ana' });
    await ana.client.idle();
    // Bob arrives later: Ana's one announcement is long gone.
    bob.client.onPresence('contacts/c1', (peers) => (seenByBob = peers.map((p) => p.state)));
    bob.client.setPresence('contacts/c1', { name: 'Bob' });
    await waitUntil(() => seenByAna.length === 1 && seenByBob.length === 1, 'each sees the other');
    expect(seenByBob).toEqual([{ name: 'Ana' }]);
    expect(seenByAna).toEqual([{ name: 'Bob' }]);
  });

  it('shows each peer on an open record and forgets a peer that leaves', async () => {
    const relay = new FakeRelay();
    const timers = new ManualTimers();
    const ana = await connectClient(relay, timers);
    const bob = await connectClient(relay, timers);
    await waitUntil(() => ana.client.status === 'live' && bob.client.status === 'live', 'both are live');
    let seenByBob: unknown[] = [];
    bob.client.onPresence('contacts/c1', (peers) => (seenByBob = peers.map((p) => p.state)));
    bob.client.setPresence('contacts/c1', { name: 'Bob' });
    ana.client.setPresence('contacts/c1', { name: 'Ana', editing: 'city' });
    await waitUntil(() => seenByBob.length === 1, 'bob sees ana');
    expect(seenByBob).toEqual([{ name: 'Ana', editing: 'city' }]);

    ana.client.closePresence('contacts/c1');
    await waitUntil(() => seenByBob.length === 0, 'bob sees ana leave');

    // Presence on a doc bob does not have open is not kept.
    ana.client.setPresence('contacts/c2', { name: 'Ana' });
    await ana.client.idle();
    const received = relay.sockets.flatMap((s) => s.peer.received).filter((m) => m.type === 'awareness');
    expect(received.some((m) => m.type === 'awareness' && m.docId === 'contacts/c2')).toBe(true);
  });
});
