// Relay configuration, read once from the environment at startup. Pure: the environment
// is passed in, so tests can build a config without touching process.env.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { backupSettings, type BackupSettings } from './snapshots/backups.ts';
import { DEFAULT_KEEP_TAIL, resolveDataDir } from './storage/index.ts';

export interface RelayConfig {
  /** TCP port to listen on; 0 lets the OS pick a free one. */
  port: number;
  /** Directory holding the built app (`npm run build` writes it to build/ at the root; APP_DIR overrides). */
  appDir: string;
  /** Relay version reported by /api/health. */
  version: string;
  /** Where the SQLite database, its backups and the lock file live. */
  dataDir: string;
  /** Public base URL (for invite links) when the relay sits behind a proxy or a domain. */
  publicUrl?: string;
  /** Trust X-Forwarded-* headers (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Secure cookies: `auto` follows the request's scheme. */
  secureCookie: boolean | 'auto';
  /** When set, creating the owner account requires it (for relays reachable by others). */
  setupToken?: string;
  backups: BackupSettings;
  /** Log compaction: how often, and how many recent entries stay for catch-up. */
  compaction: { intervalMs: number; keepTail: number };
  /** Largest WebSocket frame accepted (bytes). */
  maxMessageBytes: number;
  /** Messages per second per socket (a burst of twice that is allowed). */
  messagesPerSecond: number;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MESSAGES_PER_SECOND = 200;

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

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function parsePublicUrl(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.origin;
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL such as https://crm.example.com, got "${raw}"`);
  }
}

export function loadConfig(env: Record<string, string | undefined>): RelayConfig {
  let backups: BackupSettings;
  try {
    backups = backupSettings(env);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  const secure = env.SECURE_COOKIE?.trim();
  return {
    port: parsePort(env.PORT),
    appDir: env.APP_DIR?.trim() ? resolve(env.APP_DIR.trim()) : fileURLToPath(new URL('../../build/', import.meta.url)),
    version: pkg.version,
    dataDir: resolveDataDir(env),
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    trustProxy: parseBoolean('TRUST_PROXY', env.TRUST_PROXY, false),
    secureCookie: !secure || secure === 'auto' ? 'auto' : parseBoolean('SECURE_COOKIE', secure, false),
    setupToken: env.SETUP_TOKEN?.trim() || undefined,
    backups,
    compaction: {
      intervalMs: parseInteger('COMPACT_INTERVAL_MINUTES', env.COMPACT_INTERVAL_MINUTES, 10, 0) * 60_000,
      keepTail: parseInteger('LOG_KEEP_TAIL', env.LOG_KEEP_TAIL, DEFAULT_KEEP_TAIL, 0),
    },
    maxMessageBytes: parseInteger('MAX_MESSAGE_BYTES', env.MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 1024),
    messagesPerSecond: parseInteger('MESSAGES_PER_SECOND', env.MESSAGES_PER_SECOND, DEFAULT_MESSAGES_PER_SECOND, 1),
  };
}
