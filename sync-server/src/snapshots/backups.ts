// Point-in-time backups of the relay database into DATA_DIR/backups: `VACUUM INTO` a
// timestamped file (a consistent copy taken while the relay keeps writing), keep the newest
// N, and a schedule whose timer and clock are passed in.
import type { Database } from 'bun:sqlite';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUPS_DIR = 'backups';
export const DEFAULT_BACKUP_KEEP = 7;
export const DEFAULT_BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
const BACKUP_NAME = /^carnet-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-\d+)?\.db$/;

export interface BackupInfo {
  path: string;
  name: string;
  bytes: number;
}

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, BACKUPS_DIR);
}

/** `carnet-2026-11-22T09-38-07-123Z.db`: sorts by time, and is a valid name everywhere. */
export function backupFileName(date: Date): string {
  return `carnet-${date.toISOString().replace(/[:.]/g, '-')}.db`;
}

export interface CreateBackupOptions {
  /** Backups to keep, the newest first; older ones are deleted. At least 1. */
  keep?: number;
  now?: () => Date;
}

/** Writes a backup and prunes old ones; returns the new backup. */
export function createBackup(db: Database, backupsDir: string, options: CreateBackupOptions = {}): BackupInfo {
  mkdirSync(backupsDir, { recursive: true });
  const base = backupFileName((options.now ?? (() => new Date()))());
  let name = base;
  for (let n = 1; existsQuiet(join(backupsDir, name)); n++) name = base.replace(/\.db$/, `-${n}.db`);
  const path = join(backupsDir, name);
  // Written under another name and renamed once complete and synced, so a crash mid-backup
  // never leaves a file that looks like a backup.
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    db.run('VACUUM INTO ?', [partial]);
    fsyncPath(partial);
    renameSync(partial, path);
    fsyncPath(backupsDir);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  pruneBackups(backupsDir, options.keep ?? DEFAULT_BACKUP_KEEP);
  return { path, name, bytes: statSync(path).size };
}

/** Backups in the directory, oldest first. */
export function listBackups(backupsDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .map((name) => {
      const path = join(backupsDir, name);
      return { path, name, bytes: statSync(path).size };
    });
}

/** Deletes all but the newest `keep` backups; returns the deleted paths. */
export function pruneBackups(backupsDir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be an integer >= 1');
  const backups = listBackups(backupsDir);
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const backup of old) rmSync(backup.path, { force: true });
  return old.map((backup) => backup.path);
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface BackupScheduleOptions {
  db: Database;
  backupsDir: string;
  intervalMs: number;
  keep: number;
  timers?: Timers;
  now?: () => Date;
  onBackup?: (backup: BackupInfo) => void;
  onError?: (error: unknown) => void;
}

export interface BackupSchedule {
  /** Takes a backup now (also what each tick does). Errors go to onError, not thrown. */
  runNow(): BackupInfo | null;
  stop(): void;
}

const defaultTimers: Timers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    // A pending backup must not keep a stopping relay alive.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const timers = options.timers ?? defaultTimers;
  let stopped = false;
  const runNow = (): BackupInfo | null => {
    if (stopped) return null;
    try {
      const backup = createBackup(options.db, options.backupsDir, { keep: options.keep, now: options.now });
      options.onBackup?.(backup);
      return backup;
    } catch (error) {
      options.onError?.(error);
      return null;
    }
  };
  const handle = timers.setInterval(runNow, options.intervalMs);
  return {
    runNow,
    stop() {
      if (stopped) return;
      stopped = true;
      timers.clearInterval(handle);
    },
  };
}

export interface BackupSettings {
  /** 0 disables scheduled backups. */
  intervalMs: number;
  keep: number;
}

/** BACKUP_INTERVAL_MINUTES (default 1440, 0 = off) and BACKUP_KEEP (default 7). */
export function backupSettings(env: Record<string, string | undefined>): BackupSettings {
  const minutes = parseNonNegative(env.BACKUP_INTERVAL_MINUTES, DEFAULT_BACKUP_INTERVAL_MS / 60_000, 'BACKUP_INTERVAL_MINUTES');
  const keep = parseNonNegative(env.BACKUP_KEEP, DEFAULT_BACKUP_KEEP, 'BACKUP_KEEP');
  if (keep < 1) throw new RangeError('BACKUP_KEEP must be at least 1');
  return { intervalMs: minutes * 60_000, keep };
}

function parseNonNegative(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function existsQuiet(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
