// What the client connection needs from the world, as interfaces so tests (and the app) pass
// in real or fake parts: the local store, a WebSocket, timers and a random source.

/**
 * The part of `@carnet/store`'s Store the connection drives (structural: the real Store fits).
 * `applyRemoteBatch` must store `meta` in the same commit as the updates, so the log cursor
 * never gets ahead of, or behind, what is stored.
 */
export interface SyncStore {
  applyRemoteBatch(
    updates: readonly { docId: string; update: Uint8Array }[],
    options: { meta?: { key: string; value: unknown }[] },
  ): Promise<{ applied: number; rejected: { docId: string; code: string; message: string }[] }>;
  /** The oldest outbox entries, in id order. */
  outbox(limit: number): Promise<{ id: number; docId: string; update: Uint8Array }[]>;
  outboxCount(): Promise<number>;
  /** Removes acknowledged outbox entries. */
  ack(ids: readonly number[]): Promise<void>;
  getMeta(key: string): Promise<unknown>;
  /** Change events; `origin` 'local', 'undo' and 'redo' mean new outbox entries. */
  subscribe(listener: (event: { origin: string }) => void): () => void;
}

export interface MessageEventLike {
  data: unknown;
}

export interface CloseEventLike {
  code: number;
  reason: string;
}

// Handlers are typed through a method signature so that they are checked bivariantly: the
// browser's WebSocket and the `ws` package's (whose event types are richer) both fit.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The subset of a WebSocket the client uses (browser WebSocket, `ws`, or a test fake). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<MessageEventLike> | null;
  onclose: Handler<CloseEventLike> | null;
  onerror: Handler<unknown> | null;
}

export type TimerHandle = unknown;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
