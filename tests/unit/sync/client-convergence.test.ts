// Seeded convergence: 3 clients edit random contacts while the fake relay drops connections,
// holds acks and cuts catch-ups. Afterwards every store has the same rows, every outbox is
// empty. On failure the seed and the operations are printed; pin any seed that ever failed in
// PINNED. CARNET_FUZZ_SEEDS=<n> runs n more seeds (long mode).
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '@carnet/store';
import { SyncClient } from '@carnet/sync';
import { memoryStore } from '../../helpers/store.ts';
import { Prng } from '../../property/prng.ts';
import { FakeRelay, ManualTimers, waitUntil } from './fake-relay.ts';

const PINNED: number[] = [];
const extra = Number(process.env.CARNET_FUZZ_SEEDS ?? 0);
const SEEDS = [...PINNED, 11, 22, 33, 44, ...Array.from({ length: extra }, (_, i) => 1000 + i)];

const clients: SyncClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
});

async function rowsJson(store: Store): Promise<string> {
  const { rows } = await store.query('contacts', { deleted: 'all', limit: 100_000 });
  return JSON.stringify(rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
}

describe('SyncClient convergence under faults', () => {
  it.each(SEEDS)('3 clients converge (seed %i)', async (seed) => {
    const prng = new Prng(seed);
    const ops: string[] = [];
    try {
      const relay = new FakeRelay();
      relay.catchupBatch = 7;
      const timers = new ManualTimers();
      const stores = await Promise.all([0, 1, 2].map(() => memoryStore()));
      for (const [i, store] of stores.entries()) {
        const client = new SyncClient({
          store, url: 'ws://x', workspaceId: relay.workspaceId, deviceId: `d${i}`, createSocket: relay.createSocket,
          timers, now: () => timers.now, random: () => prng.next(), push: { maxEntries: 5 },
        });
        clients.push(client);
        client.start();
      }
      const ids: string[] = [];
      for (let step = 0; step < 60; step++) {
        const op = prng.weighted({ create: 2, edit: 6, drop: 1, holdAcks: 1, cut: 1, time: 2 });
        const who = prng.int(0, 2);
        if (op === 'create' || (op === 'edit' && ids.length === 0)) {
          const row = await stores[who].create('contacts', { firstName: `N${step}` });
          ids.push(row.id);
          ops.push(`${who} create ${row.id}`);
        } else if (op === 'edit') {
          const id = prng.pick(ids);
          const field = prng.pick(['city', 'title', 'lastName']);
          // A client may not have the record yet: then it cannot edit it, like a real user.
          if (await stores[who].get('contacts', id)) {
            await stores[who].update('contacts', id, { [field]: `${field} ${step}` });
            ops.push(`${who} edit ${id} ${field}`);
          }
        } else if (op === 'drop') {
          relay.dropAll(prng.pick([1001, 1006, 1011]));
          ops.push('drop all');
        } else if (op === 'holdAcks') {
          relay.holdAcks = !relay.holdAcks;
          if (!relay.holdAcks) relay.releaseAcks();
          ops.push(`holdAcks ${relay.holdAcks}`);
        } else if (op === 'cut') {
          relay.cutCatchupAfter = prng.int(0, 2);
          ops.push(`cut after ${relay.cutCatchupAfter}`);
        } else {
          const ms = prng.int(0, 40_000);
          timers.advance(ms);
          ops.push(`advance ${ms}`);
        }
        for (let i = 0; i < prng.int(0, 30); i++) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      relay.holdAcks = false;
      relay.releaseAcks();
      relay.cutCatchupAfter = undefined;
      await waitUntil(async () => {
        timers.advance(30_000);
        if (!clients.every((c) => c.status === 'live')) return false;
        for (const store of stores) if ((await store.outboxCount()) > 0) return false;
        const [a, b, c] = await Promise.all(stores.map(rowsJson));
        return a === b && b === c;
      }, 'all stores converge');
      for (const client of clients) await client.idle();
      expect(new Set(await Promise.all(stores.map(rowsJson))).size).toBe(1);
      expect(JSON.parse(await rowsJson(stores[0]))).toHaveLength(ids.length);
    } catch (error) {
      console.error(`seed ${seed} failed after:\n${ops.join('\n')}`);
      throw error;
    }
  });
});
