// Helpers for store tests: in-memory stores with a controllable clock, and a function that
// delivers one store's outbox to others (what the relay does, without the network).
import { MemoryPersistence, Store, type StoreOptions } from '@carnet/store';

export interface TestClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function testClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

let userCounter = 0;
export function testUserId(): string {
  return `user${String(++userCounter).padStart(6, '0')}`;
}

export async function memoryStore(options: Partial<StoreOptions> & { userId?: string } = {}): Promise<Store & { mem: MemoryPersistence }> {
  const persistence = (options.persistence as MemoryPersistence) ?? new MemoryPersistence();
  const store = await Store.open({
    persistence,
    actor: { userId: options.userId ?? testUserId(), deviceId: 'device-test' },
    now: options.now ?? testClock().now,
    yieldToHost: async () => {},
    maxCachedDocs: options.maxCachedDocs,
  });
  return Object.assign(store, { mem: persistence });
}

/** Sends every outbox entry of `from` to each of `to` (and acks them in `from`). */
export async function deliver(from: Store, to: Store[]): Promise<number> {
  const entries = await from.outbox(100_000);
  for (const peer of to) await peer.applyRemoteBatch(entries.map((e) => ({ docId: e.docId, update: e.update })));
  await from.ack(entries.map((e) => e.id));
  return entries.length;
}
