// A fake relay for SyncClient tests: one ordered log, fan-out over in-memory sockets, and
// knobs for the faults the tests need (refuse or crash connections, hold acks, cut a
// catch-up short, replay old entries, ask for a bootstrap). Frames travel as microtasks, in
// order, like a TCP stream. Plus manual timers so tests drive reconnect delays.
import {
  CloseCode, PROTOCOL_VERSION, SyncError, closeCodeFor, decodeClientMessage, encodeMessage, encodeUpdateBroadcast,
  type ClientMessage, type RelayMessage, type SyncStore, type Timers, type WebSocketLike,
} from '@carnet/sync';
import type { Store } from '@carnet/store';

export class ManualTimers implements Timers {
  now = 0;
  /** Every delay ever asked for, in order. */
  readonly requested: number[] = [];
  #next = 1;
  #due = new Map<number, { at: number; run: () => void }>();

  setTimeout = (run: () => void, ms: number): number => {
    const id = this.#next++;
    this.#due.set(id, { at: this.now + ms, run });
    this.requested.push(ms);
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#due.delete(handle as number);
  };

  get pendingCount(): number {
    return this.#due.size;
  }

  /** Moves the clock forward, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      let next: [number, { at: number; run: () => void }] | undefined;
      for (const entry of this.#due) if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.#due.delete(next[0]);
      this.now = next[1].at;
      next[1].run();
    }
    this.now = target;
  }
}

export interface LoggedEntry {
  seq: number;
  docId: string;
  update: Uint8Array;
  by: string;
}

/** The relay's end of one fake socket. */
export class Peer {
  live = false;
  deviceId = '';
  readonly received: ClientMessage[] = [];
  constructor(readonly socket: FakeSocket, public userId: string) {}
}

export class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closedWith: { code: number; reason: string; by: 'client' | 'relay' } | undefined;
  peer!: Peer;

  constructor(readonly relay: FakeRelay) {}

  send(data: Uint8Array<ArrayBuffer>): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    const copy = data.slice();
    queueMicrotask(() => {
      if (this.readyState === 1) this.relay.receive(this.peer, copy);
    });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.closedWith = { code, reason, by: 'client' };
    queueMicrotask(() => {
      this.relay.disconnected(this.peer);
      this.onclose?.({ code, reason });
    });
  }

  // ---- the relay's side -------------------------------------------------------------------

  open(): void {
    queueMicrotask(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  deliver(frame: Uint8Array): void {
    if (this.readyState !== 1) return;
    const buffer = frame.slice().buffer;
    queueMicrotask(() => {
      if (this.readyState === 1) this.onmessage?.({ data: buffer });
    });
  }

  /** The relay (or the network) ends the connection: frames already sent still arrive first. */
  drop(code = 1006, reason = ''): void {
    if (this.readyState >= 2) return;
    queueMicrotask(() => {
      if (this.readyState >= 2) return;
      this.readyState = 3;
      this.closedWith = { code, reason, by: 'relay' };
      this.relay.disconnected(this.peer);
      this.onclose?.({ code, reason });
    });
  }
}

export class FakeRelay {
  readonly workspaceId = 'ws_test';
  readonly log: LoggedEntry[] = [];
  readonly peers = new Set<Peer>();
  /** Every socket ever created, in order. */
  readonly sockets: FakeSocket[] = [];
  /** Entries per catch-up batch. */
  catchupBatch = 50;
  /** Offline: sockets never open and fail after a while (the client's connect timeout). */
  down = false;
  /** Crash loop: every connection is accepted, then closed at once with this code. */
  closeOnOpen: number | undefined;
  /** Refuse `hello` with this error code (and its close code). */
  refuseHello: SyncError['code'] | undefined;
  /** Hold acks (the commit is not durable yet); `releaseAcks` sends them. */
  holdAcks = false;
  /** One-shot: cut the next catch-up after this many batches (network drop, 1006). */
  cutCatchupAfter: number | undefined;
  /** Resend this many entries before the client's lastSeq on hello (a sloppy relay). */
  replayBefore = 0;
  /** Clients whose lastSeq is below this are sent `bootstrap`. */
  compactedThrough = 0;
  /** Pushed entries received, counting duplicates. */
  pushedEntries = 0;
  #heldAcks: { peer: Peer; frame: Uint8Array }[] = [];
  #seq = 0;

  constructor(readonly userOf: (deviceId: string) => string = () => 'user000001') {}

  get headSeq(): number {
    return this.#seq;
  }

  createSocket = (_url: string): WebSocketLike => {
    const socket = new FakeSocket(this);
    this.sockets.push(socket);
    socket.peer = new Peer(socket, 'unknown');
    if (this.down) return socket;
    socket.open();
    if (this.closeOnOpen !== undefined) socket.drop(this.closeOnOpen, 'crash');
    return socket;
  };

  receive(peer: Peer, frame: Uint8Array): void {
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      const typed = error as SyncError;
      this.#send(peer, { type: 'error', code: typed.code, message: typed.message });
      peer.socket.drop(closeCodeFor(typed.code), typed.code);
      return;
    }
    peer.received.push(message);
    switch (message.type) {
      case 'hello':
        return this.#hello(peer, message.lastSeq, message.deviceId);
      case 'push': {
        this.pushedEntries += message.entries.length;
        const seqs = message.entries.map((entry) => this.append(entry.docId, entry.update, peer.userId, peer));
        const ack = encodeMessage({ type: 'ack', batchId: message.batchId, seqs });
        if (this.holdAcks) this.#heldAcks.push({ peer, frame: ack });
        else peer.socket.deliver(ack);
        return;
      }
      case 'awareness':
        for (const other of this.peers) if (other !== peer && other.live) other.socket.deliver(frame);
        return;
      default:
        return;
    }
  }

  /** Appends to the log and broadcasts to every live peer but the author (encoded once). */
  append(docId: string, update: Uint8Array, by: string, author?: Peer): number {
    const entry = { seq: ++this.#seq, docId, update, by };
    this.log.push(entry);
    const frame = encodeUpdateBroadcast(entry);
    for (const peer of this.peers) if (peer !== author && peer.live) peer.socket.deliver(frame);
    return entry.seq;
  }

  releaseAcks(): void {
    for (const { peer, frame } of this.#heldAcks.splice(0)) peer.socket.deliver(frame);
  }

  /** Sends a frame to every live peer (tests use it for garbage and replays). */
  broadcastRaw(frame: Uint8Array): void {
    for (const peer of this.peers) if (peer.live) peer.socket.deliver(frame);
  }

  dropAll(code = 1006): void {
    for (const peer of this.peers) peer.socket.drop(code);
    this.#heldAcks.length = 0;
  }

  disconnected(peer: Peer): void {
    this.peers.delete(peer);
    this.#heldAcks = this.#heldAcks.filter((held) => held.peer !== peer);
  }

  seqOf(docId: string, update: Uint8Array): number[] {
    return this.log.filter((e) => e.docId === docId && equalBytes(e.update, update)).map((e) => e.seq);
  }

  #hello(peer: Peer, lastSeq: number, deviceId: string): void {
    if (this.refuseHello) {
      this.#send(peer, { type: 'error', code: this.refuseHello, message: 'refused by the test' });
      peer.socket.drop(closeCodeFor(this.refuseHello), this.refuseHello);
      return;
    }
    peer.userId = this.userOf(deviceId);
    peer.deviceId = deviceId;
    this.peers.add(peer);
    if (lastSeq < this.compactedThrough) {
      this.#send(peer, { type: 'bootstrap', reason: lastSeq === 0 ? 'new_client' : 'compacted', headSeq: this.#seq });
      return;
    }
    const from = Math.max(0, lastSeq - this.replayBefore);
    const entries = this.log.filter((e) => e.seq > from).map(({ seq, docId, update }) => ({ seq, docId, update }));
    let batches = 0;
    for (let i = 0; i < entries.length; i += this.catchupBatch) {
      if (this.cutCatchupAfter !== undefined && batches === this.cutCatchupAfter) {
        this.cutCatchupAfter = undefined;
        peer.socket.drop(1006, 'network');
        return;
      }
      this.#send(peer, { type: 'catchup', entries: entries.slice(i, i + this.catchupBatch) });
      batches++;
    }
    this.#send(peer, { type: 'live', headSeq: this.#seq });
    peer.live = true;
  }

  #send(peer: Peer, message: RelayMessage): void {
    peer.socket.deliver(encodeMessage(message));
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The store as SyncStore, recording every remote entry it is asked to apply. */
export function recordingStore(store: Store): SyncStore & { applied: { docId: string; update: Uint8Array }[] } {
  const applied: { docId: string; update: Uint8Array }[] = [];
  return {
    applied,
    applyRemoteBatch: (updates, options) => {
      applied.push(...updates);
      return store.applyRemoteBatch(updates, options);
    },
    outbox: (limit) => store.outbox(limit),
    outboxCount: () => store.outboxCount(),
    ack: (ids) => store.ack(ids),
    getMeta: (key) => store.getMeta(key),
    subscribe: (listener) => store.subscribe(listener),
  };
}

/** Lets microtasks and macrotasks run until `condition` holds (or fails with `what`). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, rounds = 20_000): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`Timed out waiting until ${what}`);
}

export { CloseCode, PROTOCOL_VERSION };
