// Public surface of relay storage, for the integrator (app.ts/index.ts) and the sync layer.
export { StorageError, StorageErrorCode } from './errors.ts';
export {
  DEFAULT_STORAGE_LIMITS,
  type AppendEntry,
  type CompactOptions,
  type CompactResult,
  type DocState,
  type HistoryEntry,
  type LogEntry,
  type RelayStorage,
  type RowOf,
  type StorageLimits,
} from './relay-storage.ts';
export {
  CARNET_DB_FORMAT_VERSION,
  RELAY_DB_FILE,
  inspectCarnetDatabase,
  openDatabaseFile,
  openRelayDatabase,
  relayEpoch,
} from './database.ts';
export { DataDirLockedError, lockDataDir, resolveDataDir, type DataDirLock } from './data-dir.ts';
export { createSqliteStorage, SQLITE_STORAGE_SCHEMA, type SqliteStorageOptions } from './sqlite-storage.ts';
export { createMemoryStorage } from './memory-storage.ts';
export { DEFAULT_KEEP_TAIL, startCompactionSchedule, type CompactionSchedule } from './compaction-schedule.ts';
export { isWellFormedUpdate } from './validate-entry.ts';
