// The relay's long-lived parts, opened once: the data directory (locked against a second
// relay or a restore), the SQLite database shared by auth and the sync log, and the timers
// for backups, compaction and expired sessions. `close` releases them in reverse order.
import { createAuth, type Auth } from './auth/index.ts';
import { createCalendarFeeds, type CalendarFeeds } from './calendar/index.ts';
import type { RelayConfig } from './config.ts';
import { backupsDirOf, recordRowOf, startBackupSchedule, type BackupSchedule } from './snapshots/index.ts';
import {
  createSqliteStorage, lockDataDir, openRelayDatabase, startCompactionSchedule,
  type CompactionSchedule, type RelayStorage,
} from './storage/index.ts';

export interface RelayServices {
  auth: Auth;
  storage: RelayStorage;
  calendar: CalendarFeeds;
  close(): Promise<void>;
}

const SESSION_SWEEP_MS = 30_000;

export function openServices(config: RelayConfig, log: (line: string) => void): RelayServices {
  const lock = lockDataDir(config.dataDir);
  const db = openRelayDatabase(config.dataDir);
  const auth = createAuth({
    db,
    config: {
      trustProxy: config.trustProxy,
      secureCookie: config.secureCookie,
      publicUrl: config.publicUrl,
      setupToken: config.setupToken,
    },
  });
  // Rows are kept beside compacted states so that bootstrap bundles carry them.
  const storage = createSqliteStorage(db, { rowOf: recordRowOf });
  const calendar = createCalendarFeeds({ db, auth, storage, version: config.version });
  const backups: BackupSchedule | null =
    config.backups.intervalMs > 0
      ? startBackupSchedule({
          db,
          backupsDir: backupsDirOf(config.dataDir),
          intervalMs: config.backups.intervalMs,
          keep: config.backups.keep,
          onBackup: (backup) => log(`Backup written: ${backup.path}`),
          onError: (error) => log(`Backup failed: ${error instanceof Error ? error.message : String(error)}`),
        })
      : null;
  const compaction: CompactionSchedule | null =
    config.compaction.intervalMs > 0
      ? startCompactionSchedule({
          storage,
          intervalMs: config.compaction.intervalMs,
          keepTail: config.compaction.keepTail,
          onError: (error) => log(`Compaction failed: ${error instanceof Error ? error.message : String(error)}`),
        })
      : null;
  // Expiry is only noticed when a session is used; sweeping tells live sockets too.
  const sweep = setInterval(() => auth.deleteExpiredSessions(), SESSION_SWEEP_MS);

  return {
    auth,
    storage,
    calendar,
    async close() {
      clearInterval(sweep);
      calendar.dispose();
      compaction?.stop();
      backups?.stop();
      await storage.close();
      db.close();
      lock.release();
    },
  };
}
