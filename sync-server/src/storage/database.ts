// Opens the relay's one SQLite file (DATA_DIR/carnet.db) with durable settings, and marks it
// as a Carnet database so that backups and restores can tell it from any other file. Each
// module (storage, auth, …) creates its own tables on the shared handle with CREATE TABLE IF
// NOT EXISTS; this file owns only `relay_meta`.
import { Database } from 'bun:sqlite';
import { mkdirSync, openSync, readSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const RELAY_DB_FILE = 'carnet.db';
export const CARNET_DB_FORMAT = 'carnet-relay';
/** Bumped when a change to any table makes older relays unable to read the file. */
export const CARNET_DB_FORMAT_VERSION = 1;

export interface OpenDatabaseOptions {
  /** How long a writer waits for another connection's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) DATA_DIR/carnet.db. */
export function openRelayDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Database {
  mkdirSync(dataDir, { recursive: true });
  return openDatabaseFile(join(dataDir, RELAY_DB_FILE), options);
}

/**
 * Opens a database file with WAL and synchronous=FULL, so a commit that returned survives a
 * power cut, not only a crash of the process; marks it as a Carnet database.
 */
export function openDatabaseFile(path: string, options: OpenDatabaseOptions = {}): Database {
  const db = new Database(path, { create: true, strict: true });
  try {
    db.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    const mode = db.query<{ journal_mode: string }, []>('PRAGMA journal_mode = WAL').get();
    if (mode?.journal_mode.toLowerCase() !== 'wal') {
      throw new Error(`cannot enable WAL on ${path} (journal mode is ${mode?.journal_mode})`);
    }
    db.run('PRAGMA synchronous = FULL');
    db.run('PRAGMA foreign_keys = ON');
    ensureRelayMeta(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function ensureRelayMeta(db: Database): void {
  db.run('CREATE TABLE IF NOT EXISTS relay_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  const insert = db.query('INSERT OR IGNORE INTO relay_meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    insert.run('format', CARNET_DB_FORMAT);
    insert.run('format_version', String(CARNET_DB_FORMAT_VERSION));
    insert.run('created_at', new Date().toISOString());
    insert.run('epoch', crypto.randomUUID());
  })();
  const version = Number(readMeta(db, 'format_version'));
  if (readMeta(db, 'format') !== CARNET_DB_FORMAT || !(version <= CARNET_DB_FORMAT_VERSION)) {
    throw new Error(`not a Carnet database this relay can open (format version ${version})`);
  }
}

export function readMeta(db: Database, key: string): string | null {
  const row = db.query<{ value: string }, [string]>('SELECT value FROM relay_meta WHERE key = ?').get(key);
  return row?.value ?? null;
}

/**
 * A random id that changes when the database is restored from a backup: a client that saw a
 * different epoch knows seqs were reused and must bootstrap rather than trust its lastSeq.
 */
export function relayEpoch(db: Database): string {
  return readMeta(db, 'epoch') ?? '';
}

export type DatabaseCheck =
  | { ok: true; formatVersion: number; createdAt: string | null }
  | { ok: false; reason: string };

const SQLITE_HEADER = 'SQLite format 3\0';

/** Whether `path` is a readable, intact Carnet relay database. Never modifies the file. */
export function inspectCarnetDatabase(path: string): DatabaseCheck {
  if (!existsSync(path)) return { ok: false, reason: `no such file: ${path}` };
  const header = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, header, 0, 16, 0);
  } catch (error) {
    return { ok: false, reason: `cannot read ${path}: ${messageOf(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) return { ok: false, reason: 'not an SQLite database' };
  let db: Database | undefined;
  try {
    db = new Database(path, { readonly: true });
    const hasMeta = db
      .query<{ n: number }, []>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'relay_meta'")
      .get();
    if (!hasMeta?.n) return { ok: false, reason: 'an SQLite database, but not a Carnet one (no relay_meta table)' };
    if (readMeta(db, 'format') !== CARNET_DB_FORMAT) return { ok: false, reason: 'not a Carnet relay database' };
    const formatVersion = Number(readMeta(db, 'format_version'));
    if (!Number.isInteger(formatVersion) || formatVersion > CARNET_DB_FORMAT_VERSION) {
      return { ok: false, reason: `format version ${formatVersion} is newer than this relay supports` };
    }
    const integrity = db.query<{ quick_check: string }, []>('PRAGMA quick_check').get();
    if (integrity?.quick_check !== 'ok') return { ok: false, reason: `damaged: ${integrity?.quick_check}` };
    return { ok: true, formatVersion, createdAt: readMeta(db, 'created_at') };
  } catch (error) {
    return { ok: false, reason: `unreadable database: ${messageOf(error)}` };
  } finally {
    db?.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
