// Restores the relay database from a backup while the relay is stopped: checks the file is an
// intact Carnet database, keeps the current database beside it (nothing is ever deleted),
// puts the backup in place atomically and gives it a new epoch, so clients that synced past
// the backup's head know their lastSeq no longer means anything here.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspectCarnetDatabase, openDatabaseFile, RELAY_DB_FILE } from '../storage/database.ts';
import { lockDataDir } from '../storage/data-dir.ts';

export const RestoreErrorCode = {
  NotCarnetDatabase: 'not_carnet_database',
  RelayRunning: 'relay_running',
} as const;
export type RestoreErrorCode = (typeof RestoreErrorCode)[keyof typeof RestoreErrorCode];

export class RestoreError extends Error {
  override name = 'RestoreError';
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RestoreResult {
  databasePath: string;
  /** Where the database that was replaced now is, or null if there was none. */
  previousSavedAs: string | null;
}

export function restoreBackup(dataDir: string, backupFile: string, now: () => Date = () => new Date()): RestoreResult {
  const source = resolve(backupFile);
  const check = inspectCarnetDatabase(source);
  if (!check.ok) throw new RestoreError(RestoreErrorCode.NotCarnetDatabase, `${source}: ${check.reason}`);

  mkdirSync(dataDir, { recursive: true });
  let lock;
  try {
    lock = lockDataDir(dataDir);
  } catch (error) {
    throw new RestoreError(RestoreErrorCode.RelayRunning, error instanceof Error ? error.message : String(error));
  }
  try {
    const target = join(dataDir, RELAY_DB_FILE);
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    let previousSavedAs: string | null = null;
    if (existsSync(target)) {
      previousSavedAs = `${target}.before-restore-${stamp}`;
      // The WAL goes along: it may hold the newest commits of the database being replaced.
      renameSync(target, previousSavedAs);
      if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${previousSavedAs}-wal`);
    }
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });

    const incoming = `${target}.restoring`;
    copyFileSync(source, incoming);
    const fd = openSync(incoming, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(incoming, target);

    const db = openDatabaseFile(target);
    try {
      db.transaction(() => {
        const set = db.query('INSERT OR REPLACE INTO relay_meta (key, value) VALUES (?, ?)');
        set.run('epoch', crypto.randomUUID());
        set.run('restored_at', now().toISOString());
        set.run('restored_from', source);
      })();
    } finally {
      db.close();
    }
    return { databasePath: target, previousSavedAs };
  } finally {
    lock.release();
  }
}
