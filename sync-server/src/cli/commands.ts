// The `carnet` command line: backup, restore and list backups of the relay database, and
// compact its logs now. Output and environment are passed in; index.ts binds them to the
// process. Exit codes: 0 done, 1 refused or failed (nothing changed), 2 usage error.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_KEEP_TAIL } from '../storage/compaction-schedule.ts';
import { openDatabaseFile, RELAY_DB_FILE } from '../storage/database.ts';
import { lockDataDir, resolveDataDir } from '../storage/data-dir.ts';
import { createSqliteStorage } from '../storage/sqlite-storage.ts';
import { recordRowOf } from '../snapshots/record-rows.ts';
import { backupSettings, backupsDirOf, createBackup, listBackups } from '../snapshots/backups.ts';
import { RestoreError, restoreBackup } from '../snapshots/restore.ts';
import { importCommand } from './import-command.ts';

export const ExitCode = { Ok: 0, Failed: 1, Usage: 2 } as const;

export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `Usage: npm run carnet -- <command>

Commands:
  backup [--keep N]   Write a point-in-time backup of DATA_DIR/${RELAY_DB_FILE} into DATA_DIR/backups,
                      keeping the newest N (default BACKUP_KEEP or 7). Safe while the relay runs.
  restore <file>      Replace the database with a backup (a path, or a name from DATA_DIR/backups).
                      Stop the relay first. The current database is kept beside it.
  list                List the backups in DATA_DIR/backups.
  compact             Merge every workspace's log, all but its newest LOG_KEEP_TAIL entries, into
                      doc states and derive their rows (the relay does it every
                      COMPACT_INTERVAL_MINUTES by itself). Stop the relay first.
  import <file> --workspace <id> --type contacts|companies|deals|activities
                      Import a CSV, XLSX or vCard file into a running relay with an owner's or
                      admin's API token (import --help for the options).
  help                Show this help.

Environment: DATA_DIR (default ./data), BACKUP_KEEP, LOG_KEEP_TAIL (default ${DEFAULT_KEEP_TAIL}).`;

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const dataDir = resolveDataDir(io.env, io.cwd);
  try {
    switch (command) {
      case 'backup':
        return backup(dataDir, rest, io);
      case 'restore':
        return restore(dataDir, rest, io);
      case 'list':
        return list(dataDir, io);
      case 'compact':
        return await compact(dataDir, rest, io);
      case 'import':
        return await importCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? ExitCode.Usage : ExitCode.Ok;
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`);
        return ExitCode.Usage;
    }
  } catch (error) {
    io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.Failed;
  }
}

function backup(dataDir: string, args: readonly string[], io: CliIo): number {
  let keep = backupSettings(io.env).keep;
  if (args.length > 0) {
    const keepArg = args[0] === '--keep' ? Number(args[1]) : Number.NaN;
    if (args.length !== 2 || !Number.isInteger(keepArg) || keepArg < 1) {
      io.err('Usage: npm run carnet -- backup [--keep N]   (N a whole number >= 1)');
      return ExitCode.Usage;
    }
    keep = keepArg;
  }
  const dbPath = join(dataDir, RELAY_DB_FILE);
  if (!existsSync(dbPath)) {
    io.err(`No database at ${dbPath}: nothing to back up. Is DATA_DIR right?`);
    return ExitCode.Failed;
  }
  const db = openDatabaseFile(dbPath);
  try {
    const made = createBackup(db, backupsDirOf(dataDir), { keep });
    io.out(`Backup written: ${made.path} (${formatBytes(made.bytes)})`);
    io.out(`Keeping the newest ${keep} backup${keep === 1 ? '' : 's'} in ${backupsDirOf(dataDir)}.`);
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

function restore(dataDir: string, args: readonly string[], io: CliIo): number {
  if (args.length !== 1) {
    io.err('Usage: npm run carnet -- restore <file>');
    return ExitCode.Usage;
  }
  const file = locateBackup(args[0], dataDir, io);
  try {
    const result = restoreBackup(dataDir, file);
    io.out(`Restored ${file}`);
    io.out(`      into ${result.databasePath}`);
    if (result.previousSavedAs) io.out(`The previous database was kept as ${result.previousSavedAs}`);
    io.out('Start the relay again (npm start). Clients that synced after this backup will resync from it.');
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof RestoreError) {
      io.err(`Refused: ${error.message}`);
      io.err('Nothing was changed.');
      return ExitCode.Failed;
    }
    throw error;
  }
}

async function compact(dataDir: string, args: readonly string[], io: CliIo): Promise<number> {
  const keepTail = Number(io.env.LOG_KEEP_TAIL?.trim() || DEFAULT_KEEP_TAIL);
  if (args.length > 0 || !Number.isSafeInteger(keepTail) || keepTail < 0) {
    io.err('Usage: npm run carnet -- compact   (LOG_KEEP_TAIL a whole number >= 0)');
    return ExitCode.Usage;
  }
  const dbPath = join(dataDir, RELAY_DB_FILE);
  if (!existsSync(dbPath)) {
    io.err(`No database at ${dbPath}: nothing to compact. Is DATA_DIR right?`);
    return ExitCode.Failed;
  }
  let lock;
  try {
    lock = lockDataDir(dataDir);
  } catch (error) {
    io.err(`Refused: ${error instanceof Error ? error.message : String(error)}`);
    io.err('Stop the relay first (it compacts by itself every COMPACT_INTERVAL_MINUTES).');
    return ExitCode.Failed;
  }
  const db = openDatabaseFile(dbPath);
  const storage = createSqliteStorage(db, { rowOf: recordRowOf });
  try {
    for (const workspaceId of await storage.workspaceIds()) {
      const result = await storage.compact(workspaceId, { keepTail });
      io.out(`${workspaceId}: ${result.mergedEntries} log entries merged into ${result.docsTouched} docs, ${result.rowsDerived} rows derived; the log starts at seq ${result.oldestSeq}.`);
    }
    return ExitCode.Ok;
  } finally {
    await storage.close();
    db.close();
    lock.release();
  }
}

function list(dataDir: string, io: CliIo): number {
  const backups = listBackups(backupsDirOf(dataDir));
  if (backups.length === 0) {
    io.out(`No backups in ${backupsDirOf(dataDir)}.`);
    return ExitCode.Ok;
  }
  for (const backup of backups) io.out(`${backup.name}  ${formatBytes(backup.bytes)}`);
  return ExitCode.Ok;
}

/** A path as given (relative to where npm was run), or else the name of a file in backups/. */
function locateBackup(arg: string, dataDir: string, io: CliIo): string {
  const given = isAbsolute(arg) ? arg : resolve(io.env.INIT_CWD || io.cwd, arg);
  if (existsSync(given)) return given;
  const inBackups = join(backupsDirOf(dataDir), arg);
  return existsSync(inBackups) ? inBackups : given;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
