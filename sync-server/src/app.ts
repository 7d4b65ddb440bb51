// Composes the relay's HTTP and WebSocket surface from one Elysia instance per concern. Kept
// apart from index.ts so tests and tools can build the app without listening on a port.
import { Elysia } from 'elysia';
import { authRoutes } from './auth/index.ts';
import type { RelayConfig } from './config.ts';
import { workspaceReadAccess } from './http/access.ts';
import { appFiles } from './http/app-files.ts';
import { healthRoutes } from './http/health.ts';
import type { RelayServices } from './services.ts';
import { recordRoutes } from './records/record-routes.ts';
import { snapshotRoutes } from './snapshots/index.ts';
import { syncRoutes } from './sync/index.ts';

/** The relay app and its sync hub (whose sockets must be closed before storage on shutdown). */
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
  const app = new Elysia()
    .use(healthRoutes(config.version))
    .use(authRoutes(services.auth))
    .use(snapshotRoutes(services.storage, { authorize: workspaceReadAccess(services.auth) }))
    .use(sync)
    .use(recordRoutes({ auth: services.auth, storage: services.storage, hub: sync.hub }))
    .use(appFiles(config.appDir));
  return { app, hub: sync.hub };
}
