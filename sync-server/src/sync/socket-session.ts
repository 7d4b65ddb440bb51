// What the Carnet socket and the y-websocket socket share: who is on the other end (principal,
// user, live role), the checks every incoming frame passes before it is decoded (binary only,
// size limit, per-socket rate limits), and closing exactly once. The transport is a `Peer`,
// so the same code runs over Bun's ServerWebSocket and over test fakes.
import type { Role } from '@carnet/schema';
import { SyncError, SyncErrorCode } from '@carnet/sync';
import type { Principal } from '../auth/index.ts';
import type { SyncLimits } from './limits.ts';
import { TokenBucket } from './rate-limit.ts';

/** One WebSocket as the sync layer drives it. */
export interface Peer {
  /** Sends a binary frame (never JSON text). */
  send(frame: Uint8Array<ArrayBuffer>): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet written to the network. */
  bufferedAmount(): number;
}

/** Who may open a socket, decided at upgrade. */
export interface SocketGrant {
  principal: Principal;
  workspaceId: string;
  role: Role;
}

export interface SessionContext {
  limits: SyncLimits;
  now: () => number;
  /** Called once when the socket is closed (by either end). */
  onClosed: (session: SocketSession) => void;
}

export abstract class SocketSession {
  readonly principal: Principal;
  readonly userId: string;
  readonly workspaceId: string;
  role: Role;
  protected readonly peer: Peer;
  protected readonly context: SessionContext;
  #closed = false;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;

  constructor(peer: Peer, grant: SocketGrant, context: SessionContext) {
    this.peer = peer;
    this.principal = grant.principal;
    this.userId = grant.principal.userId;
    this.workspaceId = grant.workspaceId;
    this.role = grant.role;
    this.context = context;
    const { limits, now } = context;
    this.#messages = new TokenBucket({ rate: limits.messagesPerSecond, burst: limits.messageBurst }, now);
    this.#bytes = new TokenBucket({ rate: limits.bytesPerSecond, burst: limits.byteBurst }, now);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Handles one incoming WebSocket message (binary or, wrongly, text). */
  abstract receive(data: unknown): void;

  /** Ends the socket because of `code`: the Carnet socket says why first. */
  abstract fail(code: SyncErrorCode, message: string): void;

  /** The frame's bytes if it passes the transport checks; otherwise the socket is failed. */
  protected admit(data: unknown): Uint8Array | null {
    if (this.#closed) return null;
    if (!(data instanceof Uint8Array)) {
      this.fail(SyncErrorCode.BadMessage, 'Text frames are not part of the protocol.');
      return null;
    }
    if (data.byteLength > this.context.limits.maxFrameBytes) {
      this.fail(SyncErrorCode.TooLarge, `Frame of ${data.byteLength} bytes exceeds the limit of ${this.context.limits.maxFrameBytes}.`);
      return null;
    }
    if (!this.#messages.take(1) || !this.#bytes.take(data.byteLength)) {
      this.fail(SyncErrorCode.RateLimited, 'Too many messages on this socket.');
      return null;
    }
    return data;
  }

  sendFrame(frame: Uint8Array<ArrayBuffer>): void {
    if (this.#closed) return;
    try {
      this.peer.send(frame);
    } catch {
      // The socket went away under us; its close event cleans up.
    }
  }

  /** Closes the socket (once) and tells the hub. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      // Close reasons are limited to 123 bytes by the WebSocket protocol.
      this.peer.close(code, reason.slice(0, 120));
    } catch {
      // Already closed by the other end.
    }
    this.#release();
  }

  /** The transport reports the socket closed (by the client, or after `close`). */
  transportClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
  }

  #release(): void {
    try {
      this.release();
    } finally {
      this.context.onClosed(this);
    }
  }

  /** Lets go of what the socket holds (room membership, presence); runs once. */
  protected abstract release(): void;
}

export function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError(SyncErrorCode.Internal, error instanceof Error ? error.message : String(error), { cause: error });
}
