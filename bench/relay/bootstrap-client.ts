// A fresh client bootstrapping from the relay, in its own Node process (a large heap for L):
// GET /api/workspaces/:id/bundle streamed and decoded by @carnet/sync's bootstrapFromBundle
// into a Store over MemoryPersistence (importSnapshot in batches), then a query that
// returns rows, then `hello {lastSeq: headSeq}` → `live`. Prints one JSON line with timings.
//   node --import tsx bench/relay/bootstrap-client.ts <baseUrl> <workspaceId> <userId> <cookie> [decode-only]
import { bootstrapFromBundle, bundleUrl, readBundle } from '@carnet/sync';
import { MemoryPersistence, Store } from '@carnet/store';
import { CarnetSocket } from './writer.ts';

const [base, workspaceId, userId, cookie, mode] = process.argv.slice(2);
const t = () => performance.now();

async function main() {
  const url = bundleUrl(base, workspaceId);
  if (mode === 'decode-only') {
    // Download and decode without applying: what the network and the bundle reader cost.
    const t0 = t();
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok) throw new Error(`bundle ${response.status}`);
    let docs = 0;
    let rows = 0;
    let bytes = 0;
    async function* counted(body: ReadableStream<Uint8Array>) {
      const reader = body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        bytes += value.length;
        yield value;
      }
    }
    for await (const item of readBundle(counted(response.body!))) {
      if (item.type === 'doc') {
        docs++;
        if (item.row) rows++;
      }
    }
    console.log(JSON.stringify({ mode, docs, rows, bytes, ms: t() - t0 }));
    return;
  }
  const t0 = t();
  const cpu0 = process.cpuUsage();
  const store = await Store.open({ persistence: new MemoryPersistence(), actor: { userId, deviceId: 'bench-bootstrap' } });
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`bundle ${response.status}`);
  const tFirstByte = t();
  let applyMs = 0;
  const timedStore = {
    async importSnapshot(...args: Parameters<Store['importSnapshot']>) {
      const s = t();
      try {
        return await store.importSnapshot(...args);
      } finally {
        applyMs += t() - s;
      }
    },
  };
  const result = await bootstrapFromBundle({ source: response.body!, store: timedStore, workspaceId, batchSize: 500 });
  const tBundle = t();
  const query = await store.query('contacts', { limit: 50, total: false });
  if (!query.rows.length) throw new Error('query returned no rows after bootstrap');
  const tQueryable = t();
  const socket = await CarnetSocket.open(`${base.replace(/^http/, 'ws')}/sync?workspace=${workspaceId}`, cookie, workspaceId, result.headSeq);
  const tLive = t();
  const cpu = process.cpuUsage(cpu0);
  socket.close();
  const contacts = await store.count('contacts');
  console.log(
    JSON.stringify({
      mode: 'full',
      docs: result.docs,
      imported: result.imported,
      rejected: result.rejected.length,
      headSeq: result.headSeq,
      contacts,
      firstByteMs: tFirstByte - t0,
      bundleAppliedMs: tBundle - t0,
      applyMs,
      queryMs: tQueryable - tBundle,
      queryableMs: tQueryable - t0,
      liveMs: tLive - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    }),
  );
  await store.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
