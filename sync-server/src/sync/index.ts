// The relay's sync layer: the Carnet socket (`/sync?workspace=<id>`), the standard
// y-websocket socket (`/yjs/<workspaceId>/<docId>`), rooms per workspace over the durable log,
// per-doc permissions, limits, and live permission changes from auth events.
//
// Wiring (sync-server/src/app.ts):
//   const sync = syncRoutes({ auth, storage, limits: { maxFrameBytes } });
//   app.use(sync);
//   // on SIGTERM, before closing storage: await sync.hub.closeAll(); sync.hub.dispose();
import { SyncHub, type SyncOptions } from './hub.ts';
import { syncWebSocketRoutes } from './routes.ts';

export function syncRoutes(options: SyncOptions) {
  const hub = new SyncHub(options);
  return Object.assign(syncWebSocketRoutes(hub), { hub });
}

export { SyncHub, type SyncAuth, type SyncOptions, type SyncStats, type UpgradeDecision } from './hub.ts';
export { DEFAULT_SYNC_LIMITS, syncLimits, type SyncLimits } from './limits.ts';
export { canReadDoc, hasPresence, writeRefusal } from './permissions.ts';
export { mayWriteTeamGoals, teamGoalsRefusal } from './workspace-writes.ts';
export { SYNC_PATH, YJS_PATH_PREFIX } from './routes.ts';
export { YJS_DEVICE_ID } from './yjs-connection.ts';
