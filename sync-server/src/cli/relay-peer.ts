// The command line as a sync peer of a running relay, with an API token: who the token is
// (GET /api/auth/me), the workspace downloaded into a Store over MemoryPersistence (the
// snapshot bundle), a SyncClient to catch up and to push local changes, and a wait until the
// relay acknowledged every one of them (an ack means the update is durable in the log).
// Network and clock are passed in, so tests run it against an in-process relay.
import type { Role } from '@carnet/schema';
import { MemoryPersistence, Store } from '@carnet/store';
import { bootstrapFromBundle, bundleUrl, SyncClient, type SyncError, type WebSocketLike } from '@carnet/sync';

export const RelayPeerErrorCode = {
  /** The relay could not be reached at all. */
  Unreachable: 'unreachable',
  /** The relay refused the token. */
  Unauthorized: 'unauthorized',
  /** The token does not reach this workspace. */
  NoAccess: 'no_access',
  /** An HTTP answer the peer cannot use. */
  BadAnswer: 'bad_answer',
  /** The socket could not catch up (closed for good, or not live in time). */
  SyncFailed: 'sync_failed',
  /** The relay refused pushed changes. */
  Refused: 'refused',
  /** Changes still unacknowledged when the relay went quiet. */
  NotAcknowledged: 'not_acknowledged',
} as const;
export type RelayPeerErrorCode = (typeof RelayPeerErrorCode)[keyof typeof RelayPeerErrorCode];

export class RelayPeerError extends Error {
  override name = 'RelayPeerError';
  constructor(
    readonly code: RelayPeerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RelayPeerOptions {
  relayUrl: string;
  token: string;
  workspaceId: string;
  /** Attributed to every update this peer writes (the relay's history shows it). */
  deviceId: string;
  fetch?: typeof fetch;
  /** Opens a WebSocket sending the given headers (Bun's WebSocket takes them as an option). */
  openSocket?: (url: string, headers: Record<string, string>) => WebSocketLike;
  /** How long to wait for the socket to be live. Default 30 s. */
  liveTimeoutMs?: number;
  /** Without any acknowledgement for this long, pushing gives up. Default 60 s. */
  stallTimeoutMs?: number;
  onProgress?: (stage: 'download' | 'send', done: number, total?: number) => void;
}

export interface Identity {
  userId: string;
  userName: string;
  workspaceName: string;
  /** The role the token acts with in the workspace (capped by the token). */
  role: Role;
}

const bunSocket = (url: string, headers: Record<string, string>) =>
  new WebSocket(url, { headers } as unknown as string[]) as unknown as WebSocketLike;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function relayPeer(options: RelayPeerOptions) {
  const doFetch = options.fetch ?? fetch;
  const openSocket = options.openSocket ?? bunSocket;
  const authorization = `Bearer ${options.token}`;
  const { relayUrl, workspaceId } = options;

  async function get(path: string): Promise<Response> {
    try {
      return await doFetch(relayUrl + path, { headers: { authorization } });
    } catch (error) {
      throw new RelayPeerError(RelayPeerErrorCode.Unreachable, `Cannot reach the relay at ${relayUrl} (${error instanceof Error ? error.message : String(error)}). Is it running? Set --relay or CARNET_RELAY.`);
    }
  }

  async function download(store: Store): Promise<number> {
    const response = await get(new URL(bundleUrl(relayUrl, workspaceId)).pathname);
    if (!response.ok || !response.body) {
      throw new RelayPeerError(RelayPeerErrorCode.BadAnswer, `The relay answered ${response.status} to the workspace download.`);
    }
    const result = await bootstrapFromBundle({
      source: response.body, store, workspaceId, onProgress: (docs) => options.onProgress?.('download', docs),
    });
    return result.docs;
  }

  return {
    /** Who the token is, and its role in the workspace; throws when it has none. */
    async identify(): Promise<Identity> {
      const response = await get('/api/auth/me');
      if (response.status === 401) {
        throw new RelayPeerError(RelayPeerErrorCode.Unauthorized, `The relay at ${relayUrl} refused the token: it is wrong, revoked, or from another relay.`);
      }
      if (!response.ok) throw new RelayPeerError(RelayPeerErrorCode.BadAnswer, `The relay answered ${response.status} to GET /api/auth/me.`);
      const me = (await response.json()) as { user: { id: string; name: string }; workspaces: { id: string; name: string; role: Role }[] };
      const workspace = me.workspaces.find((ws) => ws.id === workspaceId);
      if (!workspace) {
        throw new RelayPeerError(RelayPeerErrorCode.NoAccess, `This token gives no access to workspace ${workspaceId} (a token reaches only the workspace it was created for).`);
      }
      return { userId: me.user.id, userName: me.user.name, workspaceName: workspace.name, role: workspace.role };
    },

    /** A Store over MemoryPersistence holding the whole workspace, caught up with the log. */
    async open(userId: string): Promise<Connected> {
      const store = await Store.open({ persistence: new MemoryPersistence(), actor: { userId, deviceId: options.deviceId } });
      const docs = await download(store);
      const errors: SyncError[] = [];
      const wsUrl = `${relayUrl.replace(/^http/, 'ws')}/sync?workspace=${encodeURIComponent(workspaceId)}`;
      const client = new SyncClient({
        store, url: wsUrl, workspaceId, deviceId: options.deviceId,
        createSocket: (url) => openSocket(url, { authorization }),
        // The log was compacted past the bundle meanwhile: download it again.
        bootstrap: async () => void (await download(store)),
        docState: (docId) => store.docState(docId),
        backoff: { baseMs: 250, capMs: 5_000 },
      });
      client.onError((error) => errors.push(error));

      const live = async () => {
        client.start();
        const deadline = Date.now() + (options.liveTimeoutMs ?? 30_000);
        while (client.status !== 'live') {
          if (client.error) throw new RelayPeerError(RelayPeerErrorCode.SyncFailed, `The relay closed the sync connection: ${client.error.message}`);
          if (Date.now() > deadline) {
            const last = errors.at(-1);
            throw new RelayPeerError(RelayPeerErrorCode.SyncFailed, `Could not sync with the relay at ${relayUrl}${last ? `: ${last.message}` : ''}.`);
          }
          await sleep(20);
        }
      };

      await live();
      return {
        store,
        docs,
        /** Stops syncing, so local changes stay local until `push`. */
        pause: () => client.stop(),
        /**
         * Syncs again and resolves once the relay acknowledged every local change; throws if
         * it refuses some or stops acknowledging for `stallTimeoutMs`.
         */
        async push(): Promise<number> {
          const total = await store.outboxCount();
          errors.length = 0;
          await live();
          const stallMs = options.stallTimeoutMs ?? 60_000;
          let left = total;
          let lastProgress = Date.now();
          while (left > 0) {
            const refused = errors.find((error) => error.batchId !== undefined);
            if (refused) throw new RelayPeerError(RelayPeerErrorCode.Refused, `The relay refused changes: ${refused.message}`);
            if (client.error) throw new RelayPeerError(RelayPeerErrorCode.SyncFailed, `The relay closed the sync connection: ${client.error.message}`);
            await sleep(50);
            const now = await store.outboxCount();
            if (now < left) {
              lastProgress = Date.now();
              options.onProgress?.('send', total - now, total);
            } else if (Date.now() - lastProgress > stallMs) {
              throw new RelayPeerError(RelayPeerErrorCode.NotAcknowledged, `The relay acknowledged ${total - now} of ${total} changes, then nothing for ${Math.round(stallMs / 1000)} s.`);
            }
            left = now;
          }
          return total;
        },
        async close(): Promise<void> {
          await client.stop();
          await store.close();
        },
      };
    },
  };
}

export interface Connected {
  store: Store;
  /** Docs the workspace download held. */
  docs: number;
  pause(): Promise<void>;
  push(): Promise<number>;
  close(): Promise<void>;
}
