// kill -9 of the relay during a stream of pushes, in a loop: the relay process (SQLite in one
// DATA_DIR kept across restarts) is killed with SIGKILL at a random moment while a client
// pushes with up to 8 batches in flight; after each restart a reader resumes by its lastSeq. Every
// acknowledged update must be in the log with its exact bytes, the reader must get exactly the
// seqs after its cursor (no duplicates, no gaps), and nothing must appear that was never
// pushed. CARNET_KILL9_RUNS=<n> runs a longer loop (default 40).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningRelay } from '../helpers/relay.ts';
import { RawClient, setUpOwner, startSyncRelay, wsUrl, type Account } from '../helpers/sync-relay.ts';
import { Prng } from '../property/prng.ts';

const RUNS = Number(process.env.CARNET_KILL9_RUNS ?? 40);
const SEED = 9_000;
const DOCS = ['contacts/k9contact00000001', 'contacts/k9contact00000002', 'deals/k9deal0000000001'];

const dataDir = mkdtempSync(join(tmpdir(), 'carnet-kill9-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A distinct update per push: its own Yjs client id, so no two are the same bytes. */
function uniqueUpdate(n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + n;
  doc.getMap('fields').set(`f${n % 7}`, n);
  return Y.encodeStateAsUpdate(doc);
}

const key = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function killed(relay: RunningRelay): Promise<unknown> {
  process.kill(relay.pid, 'SIGKILL');
  return relay.stop(0);
}

describe('kill -9 during pushes', () => {
  it(`loses no acknowledged update over ${RUNS} kills, and readers resume without duplicates or gaps`, async () => {
    const prng = new Prng(SEED);
    let relay = await startSyncRelay({ dataDir });
    const { owner, workspaceId } = await setUpOwner(relay.url);
    /** Everything ever pushed, by bytes → doc; and what the relay acknowledged, by seq. */
    const pushed = new Map<string, string>();
    const acked = new Map<number, { docId: string; update: string }>();
    /** The reader's copy of the log and its cursor, carried across restarts. */
    const log = new Map<number, { docId: string; update: string }>();
    let cursor = 0;
    let counter = 0;

    async function readFrom(account: Account): Promise<void> {
      const reader = await RawClient.open(wsUrl(relay, workspaceId), account);
      reader.hello(workspaceId, cursor, 'reader');
      const live = await reader.next('live', undefined, 20_000);
      const entries = reader.of('catchup').flatMap((m) => m.entries);
      const seqs = entries.map((e) => e.seq);
      expect(seqs, 'catch-up after a restart').toEqual(Array.from({ length: live.headSeq - cursor }, (_, i) => cursor + 1 + i));
      for (const entry of entries) {
        const update = key(entry.update);
        // The relay writes the workspace doc itself (seeded at setup); every other entry was pushed here.
        if (entry.docId !== 'workspace') expect(pushed.get(update), `seq ${entry.seq} was pushed`).toBe(entry.docId);
        log.set(entry.seq, { docId: entry.docId, update });
      }
      cursor = live.headSeq;
      reader.ws.close();
    }

    try {
      for (let run = 0; run < RUNS; run++) {
        await readFrom(owner);
        const pusher = await RawClient.open(wsUrl(relay, workspaceId), owner);
        pusher.hello(workspaceId, cursor, `pusher-${run}`);
        await pusher.next('live', undefined, 20_000);
        const batches = new Map<number, { docId: string; update: Uint8Array }[]>();
        pusher.ws.on('message', () => {
          for (const ack of pusher.of('ack')) {
            const entries = batches.get(ack.batchId);
            if (!entries) continue;
            batches.delete(ack.batchId);
            ack.seqs.forEach((seq, i) => acked.set(seq, { docId: entries[i].docId, update: key(entries[i].update) }));
          }
        });
        // Pushes keep up to 8 batches in flight until the kill.
        let batchId = 0;
        let stopped = false;
        const stream = (async () => {
          while (!stopped && pusher.closeCode === undefined) {
            if (batches.size >= 8) {
              await new Promise((resolve) => setTimeout(resolve, 1));
              continue;
            }
            const entries = Array.from({ length: 1 + (counter % 3) }, () => {
              const update = uniqueUpdate(++counter);
              const docId = DOCS[counter % DOCS.length];
              pushed.set(key(update), docId);
              return { docId, update };
            });
            batches.set(++batchId, entries);
            pusher.send({ type: 'push', batchId, entries });
            await new Promise((resolve) => setImmediate(resolve));
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, prng.int(30, 250)));
        await killed(relay);
        stopped = true;
        await stream;
        relay = await startSyncRelay({ dataDir });
      }
      await readFrom(owner);
      // A reader from scratch sees the whole log: 1..head, every acked update in place.
      cursor = 0;
      log.clear();
      await readFrom(owner);
      expect(acked.size).toBeGreaterThan(RUNS);
      console.log(`kill -9: ${RUNS} kills, ${pushed.size} updates pushed, ${acked.size} acknowledged, all present; log head ${cursor}`);
      for (const [seq, entry] of acked) expect(log.get(seq), `acked seq ${seq}`).toEqual(entry);
    } finally {
      await relay.stop();
    }
  }, 120_000);
});
