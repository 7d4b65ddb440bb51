// Composes the relay's HTTP and WebSocket surface from one Elysia instance per concern. Kept
// apart from index.ts so tests and tools can build the app without listening on a port.
import { Elysia } from 'elysia';
import { authRoutes } from './auth/index.ts';
import type { RelayConfig } from './config.ts';
import { workspaceReadAccess } from './http/access.ts';
import { appFiles } from './http/app-files.ts';
import { healthRoutes } from './http/health.ts';
import type { RelayServices } from './services.ts';
import { snapshotRoutes } from './snapshots/index.ts';

export function createRelay(config: RelayConfig, services: RelayServices) {
  return new Elysia()
    .use(healthRoutes(config.version))
    .use(authRoutes(services.auth))
    .use(snapshotRoutes(services.storage, { authorize: workspaceReadAccess(services.auth) }))
    .use(appFiles(config.appDir));
}
