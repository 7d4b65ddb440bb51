// The sync layer's state for one relay process: rooms by workspace, every open socket, the
// upgrade decision (who may open which socket), live permission changes from auth events,
// a periodic re-check of sessions, and the shutdown that closes every socket.
import type { Role } from '@carnet/schema';
import { CloseCode, SyncErrorCode } from '@carnet/sync';
import type { Auth, Principal } from '../auth/index.ts';
import type { AppendEntry, RelayStorage } from '../storage/index.ts';
import { CarnetConnection } from './carnet-connection.ts';
import { syncLimits, type SyncLimits } from './limits.ts';
import { canReadDoc } from './permissions.ts';
import { Room } from './room.ts';
import { SharedYDoc } from './shared-ydoc.ts';
import type { Peer, SessionContext, SocketGrant, SocketSession } from './socket-session.ts';
import { YjsConnection } from './yjs-connection.ts';

/** The part of the auth module the sync layer uses. */
export type SyncAuth = Pick<Auth, 'authenticate' | 'roleFor' | 'isLive' | 'events'>;

export interface SyncOptions {
  auth: SyncAuth;
  storage: RelayStorage;
  limits?: Partial<SyncLimits>;
  /** Milliseconds since the epoch (attribution times, rate limits); default Date.now. */
  clock?: () => number;
}

export type UpgradeDecision =
  | { ok: true; grant: SocketGrant }
  | { ok: false; status: 400 | 401 | 403 | 503; code: string; message: string };

export interface SyncStats {
  rooms: number;
  carnetSockets: number;
  yjsSockets: number;
  sharedDocs: number;
}

/** The origin of updates the relay makes itself: no socket is excluded from their broadcast. */
const RELAY_ORIGIN = Object.freeze({ relay: true });

export class SyncHub {
  readonly limits: SyncLimits;
  readonly #auth: SyncAuth;
  readonly #storage: RelayStorage;
  readonly #now: () => number;
  readonly #rooms = new Map<string, Room>();
  readonly #sockets = new Set<SocketSession>();
  readonly #unsubscribe: (() => void)[];
  readonly #liveCheck: ReturnType<typeof setInterval>;
  #closing = false;

  constructor(options: SyncOptions) {
    this.limits = syncLimits(options.limits);
    this.#auth = options.auth;
    this.#storage = options.storage;
    this.#now = options.clock ?? Date.now;
    const { events } = options.auth;
    this.#unsubscribe = [
      events.on('session.revoked', ({ sessionId }) =>
        this.#revoke((s) => s.principal.sessionId === sessionId, SyncErrorCode.Unauthorized, 'The session was revoked.')),
      events.on('token.revoked', ({ tokenId }) =>
        this.#revoke((s) => s.principal.tokenId === tokenId, SyncErrorCode.Unauthorized, 'The API token was revoked.')),
      events.on('member.removed', ({ workspaceId, userId }) =>
        this.#revoke((s) => s.workspaceId === workspaceId && s.userId === userId, SyncErrorCode.Forbidden, 'No longer a member of this workspace.')),
      events.on('member.role_changed', ({ workspaceId, userId }) => this.#roleChanged(workspaceId, userId)),
    ];
    this.#liveCheck = setInterval(() => this.#checkSessions(), this.limits.liveCheckIntervalMs);
    this.#liveCheck.unref?.();
  }

  get stats(): SyncStats {
    let carnetSockets = 0;
    let sharedDocs = 0;
    for (const socket of this.#sockets) if (socket instanceof CarnetConnection) carnetSockets++;
    for (const room of this.#rooms.values()) sharedDocs += room.sharedDocCount;
    return { rooms: this.#rooms.size, carnetSockets, yjsSockets: this.#sockets.size - carnetSockets, sharedDocs };
  }

  /**
   * Who may open a socket on `workspaceId` (and, for y-websocket, on `docId`): decided from
   * the request's cookie or bearer token before the upgrade.
   */
  authorize(request: Request, workspaceId: string | undefined, docId?: string): UpgradeDecision {
    if (this.#closing) return { ok: false, status: 503, code: 'going_away', message: 'The relay is shutting down.' };
    if (!workspaceId) return { ok: false, status: 400, code: 'bad_request', message: 'The workspace query parameter is required.' };
    const principal = this.#auth.authenticate(request);
    if (!principal) return { ok: false, status: 401, code: 'unauthorized', message: 'Sign in first.' };
    const role = this.#auth.roleFor(principal, workspaceId);
    if (!role) return { ok: false, status: 403, code: 'forbidden', message: 'No access to this workspace.' };
    if (docId !== undefined && !canReadDoc(principal.userId, docId)) {
      return { ok: false, status: 403, code: 'forbidden', message: 'No access to this doc.' };
    }
    return { ok: true, grant: { principal, workspaceId, role } };
  }

  /** A Carnet-protocol socket opened with `grant`. */
  openCarnet(peer: Peer, grant: SocketGrant): CarnetConnection {
    const room = this.#room(grant.workspaceId);
    const socket = new CarnetConnection(peer, grant, { ...this.#context(), room, storage: this.#storage });
    this.#sockets.add(socket);
    return socket;
  }

  /** A y-websocket socket on one doc, opened with `grant`. */
  openYjs(peer: Peer, grant: SocketGrant, docId: string): YjsConnection {
    const room = this.#room(grant.workspaceId);
    let shared = room.sharedDoc(docId);
    if (!shared) {
      shared = new SharedYDoc(docId, (apply) =>
        room.serial(async () => {
          const state = await this.#storage.docState(room.workspaceId, docId);
          if (state) apply(state);
        }),
      );
      room.addSharedDoc(shared);
    }
    const socket = new YjsConnection(peer, grant, { ...this.#context(), room, shared });
    this.#sockets.add(socket);
    return socket;
  }

  /**
   * Refuses new sockets, closes every open one with `code` (1001 "going away" on SIGTERM),
   * and resolves once every accepted push has been written.
   */
  async closeAll(code: number = CloseCode.GoingAway, reason = 'going away'): Promise<void> {
    this.#closing = true;
    for (const socket of [...this.#sockets]) socket.close(code, reason);
    await Promise.all([...this.#rooms.values()].map((room) => room.drain()));
  }

  /** Stops listening to auth events and the session re-check (after closeAll, in tests). */
  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    clearInterval(this.#liveCheck);
  }

  /**
   * Appends an update the relay made itself (restoring a past value, later hooks and
   * automation): durable first, then broadcast to every socket of the workspace like a push,
   * so what the relay writes reaches every browser live. Resolves with its seq.
   */
  async appendFromRelay(workspaceId: string, entry: AppendEntry): Promise<number> {
    const room = this.#room(workspaceId);
    const [seq] = await room.submit(RELAY_ORIGIN, () => [entry], () => {});
    void this.#dropIfIdle(room);
    return seq;
  }

  #context(): SessionContext {
    return { limits: this.limits, now: this.#now, onClosed: (socket) => this.#closed(socket) };
  }

  #room(workspaceId: string): Room {
    let room = this.#rooms.get(workspaceId);
    if (!room) this.#rooms.set(workspaceId, (room = new Room(workspaceId, this.#storage)));
    return room;
  }

  #closed(socket: SocketSession): void {
    this.#sockets.delete(socket);
    const room = this.#rooms.get(socket.workspaceId);
    if (!room) return;
    if (socket instanceof YjsConnection) {
      const shared = room.sharedDoc(socket.docId);
      if (shared && shared.clients.size === 0 && !this.#hasYjsSocket(room.workspaceId, socket.docId)) {
        room.removeSharedDoc(shared);
        shared.destroy();
      }
    }
    void this.#dropIfIdle(room);
  }

  #hasYjsSocket(workspaceId: string, docId: string): boolean {
    for (const s of this.#sockets) if (s instanceof YjsConnection && s.workspaceId === workspaceId && s.docId === docId) return true;
    return false;
  }

  async #dropIfIdle(room: Room): Promise<void> {
    await room.drain();
    if (room.idle && this.#rooms.get(room.workspaceId) === room) this.#rooms.delete(room.workspaceId);
  }

  #revoke(match: (socket: SocketSession) => boolean, code: SyncErrorCode, message: string): void {
    for (const socket of [...this.#sockets]) if (match(socket)) socket.fail(code, message);
  }

  #roleChanged(workspaceId: string, userId: string): void {
    for (const socket of [...this.#sockets]) {
      if (socket.workspaceId !== workspaceId || socket.userId !== userId) continue;
      // Recomputed rather than taken from the event: an API token stays capped at its role.
      const role: Role | null = this.#auth.roleFor(socket.principal, workspaceId);
      if (role) socket.role = role;
      else socket.fail(SyncErrorCode.Forbidden, 'No longer a member of this workspace.');
    }
  }

  #checkSessions(): void {
    const verdicts = new Map<Principal, boolean>();
    for (const socket of [...this.#sockets]) {
      let live = verdicts.get(socket.principal);
      if (live === undefined) verdicts.set(socket.principal, (live = this.#auth.isLive(socket.principal)));
      if (!live) socket.fail(SyncErrorCode.Unauthorized, 'The session ended.');
    }
  }
}
