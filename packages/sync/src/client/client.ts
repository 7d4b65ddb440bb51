// The client end of the workspace socket. It drives a local Store: says `hello` with the
// stored log cursor, applies catch-up batches and live updates (each with the cursor in the
// same commit), pushes the outbox once live and on every local change, removes outbox
// entries only on `ack`, re-pushes what was not acknowledged after a reconnect, and
// reconnects with exponential backoff and full jitter. Fatal close codes stop it; a
// `bootstrap` hands over to the injected snapshot download. Presence rides the same socket.
//
// Everything that touches the store runs through one queue, in the order frames arrived, so
// the cursor only moves forward and what is stored is always a prefix of the log (plus
// entries that were skipped on purpose). The socket, timers, clock and random source are
// injected: no globals are read, and tests drive all of it.
import * as Y from 'yjs';
import {
  CloseCode, SyncError, SyncErrorCode, errorCodeForClose, isFatalCloseCode, isFatalErrorCode,
} from '../errors.ts';
import { MAX_PUSH_BYTES, MAX_PUSH_ENTRIES } from '../limits.ts';
import type { BootstrapReason, LogEntry } from '../protocol/catchup.ts';
import type { ErrorMessage } from '../protocol/error.ts';
import {
  decodeRelayMessage, encodeMessage, frameBytes, type ClientMessage, type RelayMessage,
} from '../protocol/message.ts';
import type { AckMessage } from '../protocol/push.ts';
import type { SyncStep1Message, SyncStep2Message } from '../protocol/repair.ts';
import { PROTOCOL_VERSION } from '../version.ts';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.ts';
import type { SyncStore, TimerHandle, Timers, WebSocketLike } from './ports.ts';
import { PresenceRooms, type PresenceListener, type PresenceState } from './presence.ts';

/** The store meta key holding the highest log seq applied. */
export const LAST_SEQ_META_KEY = 'sync.lastSeq';

export type SyncStatus = 'connecting' | 'catching-up' | 'live' | 'offline';

export interface SyncClientState {
  status: SyncStatus;
  /** Local changes not yet acknowledged by the relay (outbox entries). */
  pendingCount: number;
  /** The highest log seq applied locally. */
  lastSeq: number;
  /** Why the client stopped for good (fatal close code or error); undefined while it runs. */
  error: SyncError | undefined;
  /** When the next reconnect attempt is due (on the injected clock), while waiting for it. */
  retryAt: number | undefined;
}

export interface BootstrapRequest {
  workspaceId: string;
  reason: BootstrapReason;
  /** The log head when the relay asked; the bundle will be at least this recent. */
  headSeq: number;
}

export interface SyncClientOptions {
  store: SyncStore;
  url: string;
  workspaceId: string;
  deviceId: string;
  createSocket: (url: string) => WebSocketLike;
  /** Defaults to the host's setTimeout/clearTimeout. */
  timers?: Timers;
  /** Milliseconds; defaults to Date.now. */
  now?: () => number;
  /** A float in [0, 1) for the backoff jitter; defaults to Math.random. */
  random?: () => number;
  /**
   * Downloads the HTTP snapshot bundle and writes it (doc states, rows, and the bundle's seq
   * as `sync.lastSeq`) to the store. Called when the relay answers `bootstrap`; the client
   * reconnects once it resolves. Without it, a `bootstrap` stops the client with
   * `bootstrap_required`.
   */
  bootstrap?: (request: BootstrapRequest) => Promise<void>;
  /** A doc's full state as an update (for answering and asking per-doc repair). */
  docState?: (docId: string) => Promise<Uint8Array | undefined>;
  backoff?: Partial<BackoffOptions>;
  /** Outbox entries and update bytes per push, and pushes awaiting their ack at once. */
  push?: { maxEntries?: number; maxBytes?: number; maxInFlight?: number };
  /** A socket that has not opened after this long is abandoned (default 10 s). */
  connectTimeoutMs?: number;
}

/** One socket's life: what was sent on it and awaits an answer on it. */
interface Connection {
  socket: WebSocketLike;
  openedAt?: number;
  timer?: TimerHandle;
  /** Outbox ids per pushed batch id, until acked. */
  inFlight: Map<number, number[]>;
  inFlightIds: Set<number>;
  /** Outbox ids of batches the relay refused: not pushed again on this connection. */
  refusedIds: Set<number>;
}

declare const globalThis: {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

export class SyncClient {
  readonly url: string;
  readonly workspaceId: string;
  readonly deviceId: string;
  #store: SyncStore;
  #createSocket: (url: string) => WebSocketLike;
  #timers: Timers;
  #now: () => number;
  #random: () => number;
  #bootstrapHook: SyncClientOptions['bootstrap'];
  #docState: SyncClientOptions['docState'];
  #backoff: BackoffOptions;
  #maxEntries: number;
  #maxBytes: number;
  #maxInFlight: number;
  #connectTimeoutMs: number;

  #running = false;
  #conn: Connection | undefined;
  #status: SyncStatus = 'offline';
  #pendingCount = 0;
  #lastSeq = 0;
  #error: SyncError | undefined;
  #retryTimer: TimerHandle | undefined;
  #retryAt: number | undefined;
  /** Consecutive failed attempts: the backoff exponent. */
  #attempt = 0;
  #bootstrapsInARow = 0;
  #nextBatchId = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #pumpQueued = false;
  #unsubscribeStore: (() => void) | undefined;
  #changeListeners = new Set<(state: SyncClientState) => void>();
  #errorListeners = new Set<(error: SyncError) => void>();
  #presence: PresenceRooms;

  constructor(options: SyncClientOptions) {
    this.url = options.url;
    this.workspaceId = options.workspaceId;
    this.deviceId = options.deviceId;
    this.#store = options.store;
    this.#createSocket = options.createSocket;
    this.#timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle),
    };
    this.#now = options.now ?? (() => Date.now());
    this.#random = options.random ?? Math.random;
    this.#bootstrapHook = options.bootstrap;
    this.#docState = options.docState;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#maxEntries = options.push?.maxEntries ?? MAX_PUSH_ENTRIES;
    this.#maxBytes = options.push?.maxBytes ?? MAX_PUSH_BYTES;
    this.#maxInFlight = options.push?.maxInFlight ?? 4;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#presence = new PresenceRooms((docId, update) => this.#sendIfOpen({ type: 'awareness', docId, update }));
  }

  // ---- state for the UI -------------------------------------------------------------------

  get status(): SyncStatus {
    return this.#status;
  }

  get pendingCount(): number {
    return this.#pendingCount;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get error(): SyncError | undefined {
    return this.#error;
  }

  get state(): SyncClientState {
    return { status: this.#status, pendingCount: this.#pendingCount, lastSeq: this.#lastSeq, error: this.#error, retryAt: this.#retryAt };
  }

  /** Called with the new state on every change of status, pending count, cursor or error. */
  onChange(listener: (state: SyncClientState) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Every error met (refused pushes, rejected updates, closes), fatal or not, for logs and toasts. */
  onError(listener: (error: SyncError) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** Starts connecting (again, after a fatal error or `stop`). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#error = undefined;
    this.#attempt = 0;
    this.#unsubscribeStore ??= this.#store.subscribe((event) => {
      if (event.origin !== 'remote') this.#schedulePump();
    });
    this.#schedulePump();
    void this.#connect();
  }

  /** Closes the socket, stops reconnecting and leaves every presence room. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#clearRetry();
    this.#presence.destroy();
    const conn = this.#conn;
    if (conn) this.#detach(conn, CloseCode.Normal, 'client stopped');
    this.#unsubscribeStore?.();
    this.#unsubscribeStore = undefined;
    this.#setStatus('offline');
    await this.idle();
  }

  /** Skips the backoff wait (the app calls it on the browser's `online` event). */
  reconnectNow(): void {
    if (!this.#running || this.#conn) return;
    void this.#connect();
  }

  /**
   * The host says the network is gone (the browser's `offline` event): a socket can stay
   * "open" for a long while after that, so it is dropped now and retried with the backoff;
   * `reconnectNow` on `online` skips the wait. Local work goes on meanwhile.
   */
  connectionLost(): void {
    if (!this.#running || !this.#conn) return;
    this.#abandon(this.#conn, CloseCode.Normal, 'network lost');
  }

  /** Resolves once every frame received and every store step queued so far is done. */
  async idle(): Promise<void> {
    let queue: Promise<unknown>;
    do {
      queue = this.#queue;
      await queue;
    } while (queue !== this.#queue);
  }

  // ---- presence ---------------------------------------------------------------------------

  /** Sets this client's presence on a record doc the UI has open; null leaves it. */
  setPresence(docId: string, state: PresenceState | null): void {
    this.#presence.set(docId, state);
  }

  /** The other peers on a doc, now and on every change; returns an unsubscribe. */
  onPresence(docId: string, listener: PresenceListener): () => void {
    return this.#presence.subscribe(docId, listener);
  }

  /** Leaves a doc's presence room (peers see this client go) and drops its listeners. */
  closePresence(docId: string): void {
    this.#presence.close(docId);
  }

  // ---- repair -----------------------------------------------------------------------------

  /**
   * Asks the relay for whatever it has of one doc beyond the local state (syncStep1); the
   * answer is applied like any update. False when offline or without a `docState` option.
   */
  async repair(docId: string): Promise<boolean> {
    const conn = this.#conn;
    if (!this.#docState || !conn || conn.openedAt === undefined) return false;
    const state = await this.#docState(docId);
    const stateVector = state ? Y.encodeStateVectorFromUpdate(state) : Y.encodeStateVector(new Y.Doc());
    if (this.#conn !== conn) return false;
    this.#send(conn, { type: 'syncStep1', docId, stateVector });
    return true;
  }

  // ---- connection -------------------------------------------------------------------------

  async #connect(): Promise<void> {
    this.#clearRetry();
    if (!this.#running || this.#conn) return;
    this.#setStatus('connecting');
    let lastSeq: number;
    try {
      // Through the queue: frames of the previous connection are applied first.
      lastSeq = await this.#enqueue(() => this.#readCursor());
    } catch (error) {
      this.#report(asSyncError(error));
      this.#scheduleRetry();
      return;
    }
    if (!this.#running || this.#conn) return;
    let socket: WebSocketLike;
    try {
      socket = this.#createSocket(this.url);
      socket.binaryType = 'arraybuffer';
    } catch (error) {
      this.#report(asSyncError(error));
      this.#scheduleRetry();
      return;
    }
    const conn: Connection = { socket, inFlight: new Map(), inFlightIds: new Set(), refusedIds: new Set() };
    this.#conn = conn;
    conn.timer = this.#timers.setTimeout(() => {
      if (this.#conn === conn && conn.openedAt === undefined) this.#abandon(conn, CloseCode.Normal, 'connect timeout');
    }, this.#connectTimeoutMs);
    socket.onopen = () => {
      if (this.#conn !== conn) return;
      conn.openedAt = this.#now();
      this.#timers.clearTimeout(conn.timer);
      this.#send(conn, { type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId: this.workspaceId, lastSeq, deviceId: this.deviceId });
      this.#setStatus('catching-up');
      this.#presence.announceAll();
    };
    socket.onmessage = (event) => {
      if (this.#conn !== conn) return;
      let message: RelayMessage;
      try {
        message = decodeRelayMessage(frameBytes(event.data));
      } catch (error) {
        this.#abandon(conn, CloseCode.BadMessage, 'bad message', asSyncError(error));
        return;
      }
      if (message.type === 'awareness') this.#receivePresence(message.docId, message.update);
      else void this.#enqueue(() => this.#handle(conn, message));
    };
    socket.onclose = (event) => this.#closed(conn, event.code, event.reason);
    socket.onerror = () => {
      // A close event always follows; that is where reconnecting is decided.
    };
  }

  /**
   * Frames are handled in arrival order. Data (entries, acks, repair answers) is applied even
   * if its connection has closed meanwhile: it is still the log, in order. Control messages
   * (live, bootstrap, error, repair requests) only count for the current connection.
   */
  async #handle(conn: Connection, message: RelayMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'catchup':
          return await this.#applyEntries(message.entries);
        case 'update':
          return await this.#applyEntries([message]);
        case 'ack':
          return await this.#acked(conn, message);
        case 'syncStep2':
          return await this.#applyRepair(message);
        case 'live':
          return await this.#goLive(conn, message.headSeq);
        case 'bootstrap':
          return await this.#bootstrap(conn, message.reason, message.headSeq);
        case 'syncStep1':
          return await this.#answerRepair(conn, message);
        case 'error':
          return this.#relayError(conn, message);
      }
    } catch (error) {
      // The store failed (full disk, closed): what was not stored is fetched again.
      if (this.#conn === conn) this.#abandon(conn, CloseCode.Normal, 'client could not store', asSyncError(error));
      else this.#report(asSyncError(error));
    }
  }

  async #applyEntries(entries: readonly LogEntry[]): Promise<void> {
    const fresh = entries.filter((entry) => entry.seq > this.#lastSeq);
    if (!fresh.length) return;
    const seq = Math.max(...fresh.map((entry) => entry.seq));
    const result = await this.#store.applyRemoteBatch(
      fresh.map(({ docId, update }) => ({ docId, update })),
      { meta: [{ key: LAST_SEQ_META_KEY, value: seq }] },
    );
    this.#lastSeq = Math.max(this.#lastSeq, seq);
    for (const rejected of result.rejected) {
      this.#report(new SyncError(SyncErrorCode.BadUpdate, `Refused an update of ${rejected.docId}: ${rejected.message}`, { docId: rejected.docId }));
    }
    this.#emitChange();
  }

  async #goLive(conn: Connection, headSeq: number): Promise<void> {
    if (this.#conn !== conn) return;
    // Every entry up to headSeq this client may read has arrived (catchup.ts's contract):
    // moving the cursor there spares re-reading own pushes or others' private docs.
    if (headSeq > this.#lastSeq) {
      await this.#store.applyRemoteBatch([], { meta: [{ key: LAST_SEQ_META_KEY, value: headSeq }] });
      this.#lastSeq = Math.max(this.#lastSeq, headSeq);
    }
    if (this.#conn !== conn) return;
    this.#bootstrapsInARow = 0;
    this.#setStatus('live');
    await this.#pump(conn);
  }

  async #acked(conn: Connection, ack: AckMessage): Promise<void> {
    const ids = conn.inFlight.get(ack.batchId);
    if (!ids) return;
    await this.#store.ack(ids);
    conn.inFlight.delete(ack.batchId);
    for (const id of ids) conn.inFlightIds.delete(id);
    await this.#refreshPending();
    await this.#pump(conn);
  }

  async #bootstrap(conn: Connection, reason: BootstrapReason, headSeq: number): Promise<void> {
    if (this.#conn !== conn) return;
    this.#detach(conn, CloseCode.Normal, 'bootstrap');
    this.#setStatus('catching-up');
    const hook = this.#bootstrapHook;
    if (!hook) {
      this.#fail(new SyncError(SyncErrorCode.BootstrapRequired, `The relay asks for a snapshot bootstrap (${reason}) and none is configured.`));
      return;
    }
    this.#bootstrapsInARow++;
    try {
      await hook({ workspaceId: this.workspaceId, reason, headSeq });
    } catch (error) {
      this.#report(asSyncError(error));
      this.#scheduleRetry();
      return;
    }
    // Asked again straight after a bootstrap: back off instead of looping on downloads.
    if (this.#bootstrapsInARow > 1) this.#scheduleRetry();
    else void this.#connect();
  }

  async #answerRepair(conn: Connection, message: SyncStep1Message): Promise<void> {
    if (this.#conn !== conn || !this.#docState) return;
    const state = await this.#docState(message.docId);
    let update: Uint8Array;
    try {
      update = state ? Y.diffUpdate(state, message.stateVector) : Y.encodeStateAsUpdate(new Y.Doc());
    } catch (cause) {
      this.#report(new SyncError(SyncErrorCode.BadMessage, `Unreadable state vector for ${message.docId}.`, { cause, docId: message.docId }));
      return;
    }
    if (this.#conn === conn) this.#send(conn, { type: 'syncStep2', docId: message.docId, update });
  }

  async #applyRepair(message: SyncStep2Message): Promise<void> {
    const result = await this.#store.applyRemoteBatch([{ docId: message.docId, update: message.update }], {});
    for (const rejected of result.rejected) {
      this.#report(new SyncError(SyncErrorCode.BadUpdate, `Refused a repair of ${rejected.docId}: ${rejected.message}`, { docId: rejected.docId }));
    }
  }

  #relayError(conn: Connection, message: ErrorMessage): void {
    const error = new SyncError(message.code, message.message, { docId: message.docId, batchId: message.batchId });
    if (message.batchId !== undefined) {
      // A refused push (a viewer's edit, a malformed update): its entries stay in the outbox
      // and are tried again on the next connection, not in a loop on this one.
      this.#report(error);
      const ids = conn.inFlight.get(message.batchId);
      if (ids && this.#conn === conn) {
        conn.inFlight.delete(message.batchId);
        for (const id of ids) {
          conn.inFlightIds.delete(id);
          conn.refusedIds.add(id);
        }
        void this.#schedulePump();
      }
      return;
    }
    const fatal = isFatalErrorCode(message.code) || (message.code === SyncErrorCode.Forbidden && message.docId === undefined);
    if (fatal && this.#conn === conn) this.#fail(error);
    else this.#report(error);
  }

  #receivePresence(docId: string, update: Uint8Array): void {
    try {
      this.#presence.receive(docId, update);
    } catch (cause) {
      this.#report(new SyncError(SyncErrorCode.BadMessage, `Unreadable presence for ${docId}.`, { cause, docId }));
    }
  }

  /** Pushes outbox entries not yet in flight, while the in-flight window has room. */
  async #pump(conn: Connection): Promise<void> {
    while (this.#conn === conn && this.#status === 'live' && conn.inFlight.size < this.#maxInFlight) {
      const skip = conn.inFlightIds.size + conn.refusedIds.size;
      const entries = await this.#store.outbox(skip + this.#maxEntries);
      if (this.#conn !== conn) return;
      const batch: { id: number; docId: string; update: Uint8Array }[] = [];
      let bytes = 0;
      for (const entry of entries) {
        if (conn.inFlightIds.has(entry.id) || conn.refusedIds.has(entry.id)) continue;
        if (batch.length && (batch.length >= this.#maxEntries || bytes + entry.update.length > this.#maxBytes)) break;
        batch.push(entry);
        bytes += entry.update.length;
      }
      if (!batch.length) return;
      const batchId = this.#nextBatchId++;
      const ids = batch.map((entry) => entry.id);
      conn.inFlight.set(batchId, ids);
      for (const id of ids) conn.inFlightIds.add(id);
      this.#send(conn, { type: 'push', batchId, entries: batch.map(({ docId, update }) => ({ docId, update })) });
    }
  }

  #schedulePump(): void {
    if (this.#pumpQueued) return;
    this.#pumpQueued = true;
    void this.#enqueue(async () => {
      this.#pumpQueued = false;
      // Send first: counting the outbox is one more IndexedDB round trip the edit need not wait for.
      if (this.#conn) await this.#pump(this.#conn);
      await this.#refreshPending();
    }).catch((error) => this.#report(asSyncError(error)));
  }

  async #refreshPending(): Promise<void> {
    const count = await this.#store.outboxCount();
    if (count !== this.#pendingCount) {
      this.#pendingCount = count;
      this.#emitChange();
    }
  }

  async #readCursor(): Promise<number> {
    const stored = await this.#store.getMeta(LAST_SEQ_META_KEY);
    const seq = typeof stored === 'number' && Number.isSafeInteger(stored) && stored >= 0 ? stored : 0;
    if (seq !== this.#lastSeq) {
      this.#lastSeq = seq;
      this.#emitChange();
    }
    return seq;
  }

  /** The socket closed on its own (the relay, the network). */
  #closed(conn: Connection, code: number, reason: string): void {
    if (this.#conn !== conn) return;
    this.#detach(conn);
    const errorCode = errorCodeForClose(code);
    const error = errorCode && new SyncError(errorCode, reason || `Connection closed with ${code}.`, { closeCode: code });
    if (error && isFatalCloseCode(code)) {
      this.#fail(error);
      return;
    }
    if (error) this.#report(error);
    this.#afterConnection(conn);
  }

  /** This end gives up on a connection (bad frame, timeout, store failure) and retries. */
  #abandon(conn: Connection, code: number, reason: string, error?: SyncError): void {
    if (error) this.#report(error);
    this.#detach(conn, code, reason);
    this.#afterConnection(conn);
  }

  #afterConnection(conn: Connection): void {
    if (!this.#running) return;
    // Only a connection that lived a while earns a fresh backoff; one that died at once
    // (a crash-looping relay, a refusing proxy) keeps the backoff growing.
    if (conn.openedAt !== undefined && this.#now() - conn.openedAt >= this.#backoff.stableAfterMs) this.#attempt = 0;
    this.#scheduleRetry();
  }

  /** Forgets a connection; with a code, also closes its socket. */
  #detach(conn: Connection, code?: number, reason?: string): void {
    const { socket } = conn;
    socket.onopen = socket.onmessage = socket.onclose = null;
    // Not null: Node's `ws` emits 'error' when a socket still connecting is closed, and an
    // 'error' nobody listens to would crash the process.
    socket.onerror = () => {};
    this.#timers.clearTimeout(conn.timer);
    if (this.#conn === conn) this.#conn = undefined;
    this.#presence.forgetPeers();
    if (code !== undefined) {
      try {
        socket.close(code, reason);
      } catch {
        // Already closed, or a code the host refuses: the socket is gone either way.
      }
    }
  }

  /** Stops for good: the user must sign in, be given access or update the app. */
  #fail(error: SyncError): void {
    this.#running = false;
    this.#error = error;
    this.#clearRetry();
    if (this.#conn) this.#detach(this.#conn, CloseCode.Normal, error.code);
    this.#setStatus('offline');
    this.#report(error);
    this.#emitChange();
  }

  #scheduleRetry(): void {
    if (!this.#running) return;
    this.#clearRetry();
    const delay = backoffDelay(this.#attempt, this.#random, this.#backoff);
    this.#attempt++;
    this.#retryAt = this.#now() + delay;
    this.#retryTimer = this.#timers.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#retryAt = undefined;
      void this.#connect();
    }, delay);
    this.#setStatus('offline', true);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== undefined) this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#retryAt = undefined;
  }

  #send(conn: Connection, message: ClientMessage): void {
    try {
      conn.socket.send(encodeMessage(message));
    } catch (error) {
      this.#report(asSyncError(error));
    }
  }

  #sendIfOpen(message: ClientMessage): void {
    const conn = this.#conn;
    if (conn && conn.openedAt !== undefined) this.#send(conn, message);
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.then(noop, noop);
    return run;
  }

  #setStatus(status: SyncStatus, force = false): void {
    if (status === this.#status && !force) return;
    this.#status = status;
    this.#emitChange();
  }

  #emitChange(): void {
    const state = this.state;
    for (const listener of this.#changeListeners) {
      try {
        listener(state);
      } catch {
        // A failing UI listener must not break syncing.
      }
    }
  }

  #report(error: SyncError): void {
    for (const listener of this.#errorListeners) {
      try {
        listener(error);
      } catch {
        // Same: listeners are observers only.
      }
    }
  }
}

function noop(): void {}

function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError(SyncErrorCode.Internal, error instanceof Error ? error.message : String(error), { cause: error });
}
