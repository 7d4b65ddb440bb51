// The relay as a peer of the workspace doc: it seeds a new workspace's doc (settings with its
// name, the default pipeline, the owner as a member) and keeps the doc's members map in step
// with the memberships in the auth database (invite accepted, role changed, member removed).
// Each change is an ordinary update, attributed to the relay, appended to the workspace's log
// through the sync hub: durable first, then broadcast live to every socket like a teammate's
// edit. The doc is loaded from what the relay stores (compacted state merged with the log
// tail) and written with the store's own validation (prepareWorkspaceOp).
//
// Work for one workspace runs one job at a time, each loading the doc after the previous
// append, and every job reconciles the whole doc against the auth database rather than
// replaying an event: an event missed (a crash between the commit and the append) is made
// good by the next one, or by `reconcileAll` at start.
import * as Y from 'yjs';
import { WORKSPACE_DOC_ID, type Member } from '@carnet/schema';
import { LOCAL_ORIGIN, prepareWorkspaceOp } from '@carnet/store';
import type { Auth } from '../auth/index.ts';
import type { RelayStorage } from '../storage/index.ts';
import type { SyncHub } from '../sync/index.ts';
import { workspaceDocOps } from './workspace-doc-ops.ts';

/** Who the log names as the author of what the relay writes on its own account. */
export const RELAY_AUTHOR = { userId: 'relay', deviceId: 'relay' } as const;

export interface WorkspaceDocKeeperOptions {
  auth: Pick<Auth, 'events' | 'workspaceById' | 'membersOf' | 'allWorkspaces'>;
  storage: Pick<RelayStorage, 'docState'>;
  hub: Pick<SyncHub, 'appendFromRelay'>;
  now?: () => number;
  /** A write that failed (it is retried by the next change of that workspace). */
  onError?: (error: unknown, workspaceId: string) => void;
}

export interface WorkspaceDocKeeper {
  /** Brings one workspace's doc in line with the auth database; resolves with the seq written, or null. */
  reconcile(workspaceId: string): Promise<number | null>;
  /** Reconciles every workspace (at start: workspaces created before the relay kept their doc). */
  reconcileAll(): Promise<void>;
  /** Resolves once every queued job has run. */
  idle(): Promise<void>;
  /** Stops listening to auth events and waits for queued jobs. */
  close(): Promise<void>;
}

export function createWorkspaceDocKeeper(options: WorkspaceDocKeeperOptions): WorkspaceDocKeeper {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error, workspaceId) => console.error(`Workspace doc of ${workspaceId} not updated:`, error));
  const queues = new Map<string, Promise<unknown>>();
  let closed = false;

  async function write(workspaceId: string): Promise<number | null> {
    const workspace = options.auth.workspaceById(workspaceId);
    if (!workspace) return null;
    const members: Member[] = options.auth.membersOf(workspaceId).map(({ userId, name, email, role }) => ({ userId, name, email, role }));
    const doc = new Y.Doc({ guid: WORKSPACE_DOC_ID });
    try {
      const state = await options.storage.docState(workspaceId, WORKSPACE_DOC_ID);
      if (state) Y.applyUpdate(doc, state);
      const appliers: (() => void)[] = [];
      for (const op of workspaceDocOps(doc, { name: workspace.name, members })) {
        try {
          appliers.push(prepareWorkspaceOp(doc, op));
        } catch (error) {
          // One member the schema refuses (a name too long, …) must not block the others.
          onError(error, workspaceId);
        }
      }
      if (!appliers.length) return null;
      // A client id of its own per write (set after loading), so the relay's items never clash
      // with a browser's or with another relay's.
      doc.clientID = Math.floor(Math.random() * 0xffffffff);
      const before = Y.encodeStateVector(doc);
      doc.transact(() => appliers.forEach((apply) => apply()), LOCAL_ORIGIN);
      const update = Y.encodeStateAsUpdate(doc, before);
      return await options.hub.appendFromRelay(workspaceId, { docId: WORKSPACE_DOC_ID, update, ...RELAY_AUTHOR, at: now() });
    } finally {
      doc.destroy();
    }
  }

  function reconcile(workspaceId: string): Promise<number | null> {
    const previous = queues.get(workspaceId) ?? Promise.resolve();
    const job = previous.then(() => write(workspaceId));
    const settled = job.catch((error: unknown) => onError(error, workspaceId));
    queues.set(workspaceId, settled);
    void settled.then(() => {
      if (queues.get(workspaceId) === settled) queues.delete(workspaceId);
    });
    return job;
  }

  const onChange = ({ workspaceId }: { workspaceId: string }) => {
    if (!closed) void reconcile(workspaceId).catch(() => {});
  };
  const unsubscribe = [
    options.auth.events.on('workspace.created', onChange),
    options.auth.events.on('member.added', onChange),
    options.auth.events.on('member.role_changed', onChange),
    options.auth.events.on('member.removed', onChange),
  ];

  async function idle(): Promise<void> {
    while (queues.size) await Promise.all([...queues.values()]);
  }

  return {
    reconcile,
    async reconcileAll() {
      await Promise.all(options.auth.allWorkspaces().map((ws) => reconcile(ws.id).catch(() => null)));
    },
    idle,
    async close() {
      closed = true;
      for (const stop of unsubscribe) stop();
      await idle();
    },
  };
}
