// Public surface of snapshots: bundles, routes, backups, restore. The browser imports
// bundle-reader.ts and bundle-format.ts directly (they are pure); this barrel pulls in Bun.
export { BUNDLE_CONTENT_TYPE, BUNDLE_FORMAT_VERSION, BundleError, BundleErrorCode, type BundleHeader } from './bundle-format.ts';
export { readBundle, type BundleItem } from './bundle-reader.ts';
export { writeBundle, type WriteBundleOptions } from './bundle-writer.ts';
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
