// The relay's writes to the workspace doc: seeding a new workspace and mirroring memberships.
//
// Wiring (sync-server/src/app.ts): after the sync hub exists,
//   const workspaceDoc = createWorkspaceDocKeeper({ auth, storage, hub: sync.hub });
//   void workspaceDoc.reconcileAll();            // once listening (index.ts)
//   await workspaceDoc.close();                  // on shutdown, before hub.closeAll()
export { createWorkspaceDocKeeper, RELAY_AUTHOR, type WorkspaceDocKeeper, type WorkspaceDocKeeperOptions } from './workspace-doc-keeper.ts';
export { workspaceDocOps, type WorkspaceFacts } from './workspace-doc-ops.ts';
