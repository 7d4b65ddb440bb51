// Composes the relay's HTTP and WebSocket surface from one Elysia instance per concern. Kept
// apart from index.ts so tests and tools can build the app without listening on a port.
import { Elysia } from 'elysia';
import { authRoutes } from './auth/index.ts';
import { calendarRoutes } from './calendar/index.ts';
import type { RelayConfig } from './config.ts';
import { workspaceReadAccess } from './http/access.ts';
import { appFiles } from './http/app-files.ts';
import { healthRoutes } from './http/health.ts';
import type { RelayServices } from './services.ts';
import { recordRoutes } from './records/record-routes.ts';
import { recordRowOf, snapshotRoutes } from './snapshots/index.ts';
import { syncRoutes } from './sync/index.ts';
import { createWorkspaceDocKeeper } from './workspace-doc/index.ts';

/**
 * The relay app, its sync hub (whose sockets must be closed before storage on shutdown) and
 * the workspace doc keeper (closed before the hub, so its last writes land).
 */
export function createRelay(config: RelayConfig, services: RelayServices) {
  const sync = syncRoutes({
    auth: services.auth,
    storage: services.storage,
    limits: {
      maxFrameBytes: config.maxMessageBytes,
      messagesPerSecond: config.messagesPerSecond,
      messageBurst: config.messagesPerSecond * 2,
    },
  });
  const workspaceDoc = createWorkspaceDocKeeper({ auth: services.auth, storage: services.storage, hub: sync.hub });
  const app = new Elysia()
    .use(healthRoutes(config.version))
    .use(authRoutes(services.auth))
    // Rows of docs with log entries after their compacted state (at most the log's kept tail)
    // are derived while streaming: measured cheaper end to end than leaving them to the client.
    .use(snapshotRoutes(services.storage, { authorize: workspaceReadAccess(services.auth), rowOf: recordRowOf }))
    .use(sync)
    .use(recordRoutes({ auth: services.auth, storage: services.storage, hub: sync.hub }))
    .use(calendarRoutes({ auth: services.auth, calendar: services.calendar }))
    .use(appFiles(config.appDir));
  return { app, hub: sync.hub, workspaceDoc };
}
