// A relay entry point for the sync integration tests (tests/integration/relay-*.test.ts)
// while src/app.ts does not yet mount the sync layer: the same parts wired the way the
// storage and auth READMEs describe (DATA_DIR lock, SQLite with durable commits, auth routes,
// syncRoutes), the same "listening on" line and the same SIGTERM handling. Argon2 is cheap
// here: tests create accounts in a loop. Once app.ts mounts syncRoutes, the tests switch to
// src/index.ts (tests/helpers/sync-relay.ts, RELAY_ENTRY) and this file can go.
import { Elysia } from 'elysia';
import { authRoutes, createAuth } from '../src/auth/index.ts';
import { createSqliteStorage, lockDataDir, openRelayDatabase, resolveDataDir } from '../src/storage/index.ts';
import { syncRoutes } from '../src/sync/index.ts';

const dataDir = resolveDataDir(process.env);
const lock = lockDataDir(dataDir);
const db = openRelayDatabase(dataDir);
const storage = createSqliteStorage(db);
const auth = createAuth({ db, config: { argon2: { memoryCost: 1024, timeCost: 1 } } });
const maxFrameBytes = process.env.SYNC_MAX_FRAME_BYTES ? Number(process.env.SYNC_MAX_FRAME_BYTES) : undefined;
const messagesPerSecond = process.env.SYNC_MESSAGES_PER_SECOND ? Number(process.env.SYNC_MESSAGES_PER_SECOND) : undefined;
const sync = syncRoutes({
  auth,
  storage,
  limits: {
    ...(maxFrameBytes ? { maxFrameBytes } : {}),
    ...(messagesPerSecond ? { messagesPerSecond, messageBurst: messagesPerSecond * 2 } : {}),
  },
});
const app = new Elysia().use(authRoutes(auth)).use(sync);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sync.hub.closeAll();
  sync.hub.dispose();
  await app.stop();
  await storage.close();
  db.close();
  lock.release();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

app.listen({ port: Number(process.env.PORT ?? 0), reusePort: false });
console.log(`Carnet relay (sync test entry) listening on http://localhost:${app.server!.port}`);
