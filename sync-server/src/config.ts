// Relay configuration, read once from the environment at startup. Pure: the environment
// is passed in, so tests can build a config without touching process.env.
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };

export interface RelayConfig {
  /** TCP port to listen on; 0 lets the OS pick a free one. */
  port: number;
  /** Directory holding the built app (`npm run build` writes it to build/ at the root). */
  appDir: string;
  /** Relay version reported by /api/health. */
  version: string;
}

export const DEFAULT_PORT = 8787;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

export function loadConfig(env: Record<string, string | undefined>): RelayConfig {
  return {
    port: parsePort(env.PORT),
    appDir: fileURLToPath(new URL('../../build/', import.meta.url)),
    version: pkg.version,
  };
}
