// The sync layer in a real relay process (Bun, SQLite in a temporary DATA_DIR), driven by
// @carnet/sync's SyncClient over real Stores: seeded random concurrent edits by 2-5 clients
// converge, a client offline for many edits merges on reconnect, a client cut off in the
// middle of its catch-up ends consistent. On failure the seed and operations are printed;
// pin any seed that ever failed in PINNED.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Store } from '@carnet/store';
import { SyncClient, type WebSocketLike } from '@carnet/sync';
import type { RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';
import { addMember, setUpOwner, socketAs, startSyncRelay, wsUrl, type Account } from '../helpers/sync-relay.ts';
import { Prng } from '../property/prng.ts';

const PINNED: number[] = [];
const SEEDS = [...PINNED, 101, 202, 303, 404];

let relay: RunningRelay;
let owner: Account;
let workspaceId: string;
const clients: SyncClient[] = [];

beforeAll(async () => {
  relay = await startSyncRelay();
  ({ owner, workspaceId } = await setUpOwner(relay.url));
});
afterAll(async () => {
  await relay?.stop();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
});

interface Peer {
  account: Account;
  store: Store;
  client: SyncClient;
}

async function peer(account: Account, deviceId: string, wrap?: (socket: WebSocket) => void): Promise<Peer> {
  const store = await memoryStore({ userId: account.userId });
  const client = new SyncClient({
    store, url: wsUrl(relay, workspaceId), workspaceId, deviceId,
    createSocket: (url) => {
      const socket = socketAs(url, account);
      // ws emits 'error' when closed while connecting; with no listener (the client detached
      // its handlers) Node would throw it. A browser socket just fires the event.
      socket.on('error', () => {});
      wrap?.(socket);
      return socket as unknown as WebSocketLike;
    },
    backoff: { baseMs: 20, capMs: 200, stableAfterMs: 1_000 },
  });
  clients.push(client);
  client.start();
  return { account, store, client };
}

async function rowsJson(store: Store): Promise<string> {
  const { rows } = await store.query('contacts', { deleted: 'all', limit: 100_000 });
  return JSON.stringify(rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
}

async function waitUntil(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Every outbox empty, every client live, every store the same rows. (A client's cursor can
 * stay below the head: its own pushes are not echoed back to it.)
 */
async function expectConverged(peers: Peer[]): Promise<void> {
  await waitUntil(async () => {
    for (const p of peers) if (p.client.status !== 'live' || (await p.store.outboxCount()) > 0) return false;
    return true;
  }, 'every outbox to drain');
  let rows: string[] = [];
  try {
    await waitUntil(async () => {
      rows = await Promise.all(peers.map((p) => rowsJson(p.store)));
      return rows.every((r) => r === rows[0]);
    }, 'every store to hold the same rows');
  } finally {
    const [first, ...rest] = rows;
    if (rest.some((other) => other !== first)) console.error(await divergence(peers));
    for (const other of rest) expect(other).toBe(first);
  }
}

/** What differs between the peers' rows, field by field, with each peer's cursor and status. */
async function divergence(peers: Peer[]): Promise<string> {
  const all = await Promise.all(peers.map(async (p) => new Map((await p.store.query('contacts', { deleted: 'all', limit: 100_000 })).rows.map((row) => [row.id, row as unknown as Record<string, unknown>]))));
  const lines = peers.map((p, i) => `peer ${i}: status ${p.client.status}, lastSeq ${p.client.lastSeq}, ${all[i].size} rows`);
  const ids = new Set(all.flatMap((rows) => [...rows.keys()]));
  for (const id of ids) {
    const versions = all.map((rows) => rows.get(id));
    const fields = new Set(versions.flatMap((row) => Object.keys(row ?? {})));
    for (const field of fields) {
      const values = versions.map((row) => (row ? JSON.stringify(row[field] ?? null) : 'missing'));
      if (values.some((value) => value !== values[0])) lines.push(`${id}.${field}: ${values.join(' | ')}`);
    }
  }
  return lines.join('\n');
}

describe('convergence through a real relay', () => {
  it.each(SEEDS)('2-5 clients converge on random concurrent edits (seed %i)', async (seed) => {
    const prng = new Prng(seed);
    const ops: string[] = [];
    try {
      const count = 2 + (seed % 4);
      const accounts = [owner];
      while (accounts.length < count) accounts.push(await addMember(relay.url, owner, workspaceId, prng.pick(['rep', 'manager', 'admin'])));
      const peers = await Promise.all(accounts.map((account, i) => peer(account, `seed${seed}-d${i}`)));
      const ids: string[] = [];
      for (let step = 0; step < 80; step++) {
        const who = prng.int(0, count - 1);
        const p = peers[who];
        const op = prng.weighted({ create: 2, edit: 7, bounce: 1, pause: 1 });
        if (op === 'create' || (op === 'edit' && ids.length === 0)) {
          const row = await p.store.create('contacts', { firstName: `N${step}` });
          ids.push(row.id);
          ops.push(`${who} create ${row.id}`);
        } else if (op === 'edit') {
          const id = prng.pick(ids);
          const field = prng.pick(['city', 'title', 'lastName']);
          if (await p.store.get('contacts', id)) {
            await p.store.update('contacts', id, { [field]: `${field} ${step} by ${who}` });
            ops.push(`${who} edit ${id} ${field}`);
          }
        } else if (op === 'bounce') {
          await p.client.stop();
          p.client.start();
          ops.push(`${who} reconnect`);
        } else {
          await new Promise((resolve) => setTimeout(resolve, prng.int(1, 30)));
          ops.push('pause');
        }
      }
      await expectConverged(peers);
    } catch (error) {
      console.error(`seed ${seed} failed after:\n${ops.join('\n')}`);
      throw error;
    }
  });

  it('a client offline for many edits merges field by field on reconnect', async () => {
    const rep = await addMember(relay.url, owner, workspaceId, 'rep');
    const a = await peer(owner, 'online');
    const b = await peer(rep, 'laptop');
    const row = await a.store.create('contacts', { firstName: 'Ada', city: 'Paris' });
    await waitUntil(async () => (await b.store.get('contacts', row.id)) !== undefined, 'the record to reach the laptop');
    await b.client.stop();
    for (let i = 0; i < 150; i++) {
      await b.store.update('contacts', row.id, { title: `offline ${i}` });
      await a.store.update('contacts', row.id, { city: `city ${i}` });
    }
    const created = await b.store.create('contacts', { firstName: 'Made offline' });
    b.client.start();
    await expectConverged([a, b]);
    expect(await a.store.get('contacts', row.id)).toMatchObject({ title: 'offline 149', city: 'city 149' });
    expect(await a.store.get('contacts', created.id)).toMatchObject({ firstName: 'Made offline' });
  });

  it('a client cut off in the middle of its catch-up resumes from its lastSeq and ends consistent', async () => {
    const writer = await peer(owner, 'writer');
    const created = await writer.store.createMany('contacts', Array.from({ length: 1500 }, (_, i) => ({ firstName: `Bulk ${i}` })));
    expect(created).toHaveLength(1500);
    await waitUntil(async () => (await writer.store.outboxCount()) === 0, 'the bulk push', 60_000);
    let cuts = 0;
    const reader = await peer(owner, 'reader', (socket) => {
      let frames = 0;
      socket.on('message', () => {
        // Cut the first two connections after a couple of catch-up batches.
        if (++frames === 2 && cuts < 2) {
          cuts++;
          socket.terminate();
        }
      });
    });
    await expectConverged([writer, reader]);
    expect(cuts).toBe(2);
    expect(await reader.store.count('contacts')).toBe(await writer.store.count('contacts'));
  });
});
