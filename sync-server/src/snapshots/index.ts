// Public surface of snapshots: bundle writing and routes, backups, restore. The bundle's wire
// format and its reader live in @carnet/sync, shared with the browser.
export { writeBundle, type WriteBundleOptions } from './bundle-writer.ts';
export { recordRowOf } from './record-rows.ts';
export { snapshotRoutes, type AccessDecision, type Authorize, type SnapshotRoutesOptions } from './routes.ts';
export {
  backupSettings,
  backupsDirOf,
  createBackup,
  listBackups,
  pruneBackups,
  startBackupSchedule,
  type BackupInfo,
  type BackupSchedule,
} from './backups.ts';
export { RestoreError, RestoreErrorCode, restoreBackup } from './restore.ts';
