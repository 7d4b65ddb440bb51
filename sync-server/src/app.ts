// Composes the relay's HTTP surface from one Elysia instance per concern. Kept apart from
// index.ts so tests and later modules can build the app without listening on a port.
import { Elysia } from 'elysia';
import type { RelayConfig } from './config.ts';
import { appFiles } from './http/app-files.ts';
import { healthRoutes } from './http/health.ts';

export function createRelay(config: RelayConfig) {
  return new Elysia().use(healthRoutes(config.version)).use(appFiles(config.appDir));
}
