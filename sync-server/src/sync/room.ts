// One room per workspace: the sockets that said `hello` (Carnet protocol) and the shared
// docs of y-websocket clients. The room owns the order of the log as sockets see it: every
// append runs through one serial queue, and its ack and broadcast happen in the same turn as
// the durable write resolves, so live sockets receive updates in increasing seq and a socket
// finishing its catch-up inside that queue can neither miss an update nor see one twice.
// Each broadcast is encoded once and the same bytes go to every socket allowed to read it.
import { encodeMessage, encodeUpdateBroadcast } from '@carnet/sync';
import type { AppendEntry, LogEntry, RelayStorage } from '../storage/index.ts';
import { encodeAwarenessEntries, readAwarenessEntries, type RawAwarenessEntry } from './awareness.ts';
import { canReadDoc, hasPresence } from './permissions.ts';
import type { SharedYDoc } from './shared-ydoc.ts';

/** A Carnet socket as the room sees it. */
export interface RoomSocket {
  readonly userId: string;
  /** True once the socket's catch-up ended: from then on it gets live updates. */
  readonly live: boolean;
  /** True once the socket said `hello` (it gets presence from then on). */
  readonly joined: boolean;
  sendFrame(frame: Uint8Array<ArrayBuffer>): void;
}

/** Who sent something to the room: excluded from its own broadcast. */
export type Origin = object;

/**
 * Presence is merged per doc for this long, then sent as one awareness update. At 1 Hz from
 * 500 clients on one record, sending each update on its own is 250,000 frames a second on the
 * relay; merged, each socket gets one frame per doc per tick. Presence is late by this much
 * at most; record updates are never held back.
 */
export const PRESENCE_TICK_MS = 50;

interface PendingPresence extends RawAwarenessEntry {
  origin: Origin;
}

export class Room {
  readonly workspaceId: string;
  readonly #storage: RelayStorage;
  readonly #sockets = new Set<RoomSocket>();
  readonly #docs = new Map<string, SharedYDoc>();
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  /** Presence waiting for the next tick: per doc, the latest entry of each awareness client. */
  readonly #presence = new Map<string, Map<number, PendingPresence>>();
  #presenceTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(workspaceId: string, storage: RelayStorage) {
    this.workspaceId = workspaceId;
    this.#storage = storage;
  }

  get size(): number {
    return this.#sockets.size + this.#docs.size;
  }

  get sharedDocCount(): number {
    return this.#docs.size;
  }

  /** True when nothing is connected and nothing is queued: the hub may drop the room. */
  get idle(): boolean {
    return this.size === 0 && this.#pending === 0;
  }

  add(socket: RoomSocket): void {
    this.#sockets.add(socket);
  }

  remove(socket: RoomSocket): void {
    this.#sockets.delete(socket);
  }

  sharedDoc(docId: string): SharedYDoc | undefined {
    return this.#docs.get(docId);
  }

  addSharedDoc(doc: SharedYDoc): void {
    this.#docs.set(doc.docId, doc);
  }

  removeSharedDoc(doc: SharedYDoc): void {
    if (this.#docs.get(doc.docId) === doc) this.#docs.delete(doc.docId);
  }

  /** Runs `task` after every task queued before it: appends and catch-up ends. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const run = this.#queue.then(task);
    this.#queue = run.then(
      () => this.#pending--,
      () => this.#pending--,
    );
    return run;
  }

  /** Resolves once every task queued so far has finished. */
  async drain(): Promise<void> {
    let queue: Promise<unknown>;
    do {
      queue = this.#queue;
      await queue;
    } while (queue !== this.#queue);
  }

  /**
   * Appends what `build` returns (built inside the queue, so it may depend on what was
   * appended before it, such as a doc's stored state) in one durable write, calls `onDurable` with the seqs (the ack),
   * then broadcasts each entry to everyone but `origin`. Nothing is sent if the write fails.
   */
  submit(origin: Origin, build: () => AppendEntry[] | Promise<AppendEntry[]>, onDurable: (seqs: number[]) => void): Promise<number[]> {
    return this.serial(async () => {
      const entries = await build();
      const seqs = entries.length ? await this.#storage.append(this.workspaceId, entries) : [];
      onDurable(seqs);
      entries.forEach((entry, i) => this.#broadcast({ ...entry, seq: seqs[i] }, origin));
      return seqs;
    });
  }

  #broadcast(entry: LogEntry, origin: Origin): void {
    const frame = encodeUpdateBroadcast({ seq: entry.seq, docId: entry.docId, update: entry.update, by: entry.userId });
    const everyone = canReadDoc('', entry.docId);
    for (const socket of this.#sockets) {
      if (socket === origin || !socket.live) continue;
      if (everyone || canReadDoc(socket.userId, entry.docId)) socket.sendFrame(frame);
    }
    this.#docs.get(entry.docId)?.applyLogged(entry.update, origin);
  }

  /**
   * Relays presence on a record doc: to y-websocket clients of it at once, and to Carnet
   * sockets merged with the doc's other presence at the next tick (see PRESENCE_TICK_MS).
   * `update` has been checked by the connection (readAwarenessUpdate).
   */
  relayAwareness(docId: string, update: Uint8Array, origin: Origin): void {
    if (hasPresence(docId)) {
      let clients = this.#presence.get(docId);
      if (!clients) this.#presence.set(docId, (clients = new Map()));
      for (const entry of readAwarenessEntries(update)) {
        const queued = clients.get(entry.clientId);
        // Keep the newest; at equal clocks a removal wins, as in y-protocols.
        if (!queued || entry.clock > queued.clock || (entry.clock === queued.clock && entry.state === 'null')) {
          clients.set(entry.clientId, { ...entry, origin });
        }
      }
      this.#presenceTimer ??= setTimeout(() => this.#flushPresence(), PRESENCE_TICK_MS);
    }
    this.#docs.get(docId)?.applyAwareness(update, origin);
  }

  /** Sends each doc's merged presence once, encoded once, to every joined socket. */
  #flushPresence(): void {
    this.#presenceTimer = null;
    for (const [docId, clients] of this.#presence) {
      const frame = encodeMessage({ type: 'awareness', docId, update: encodeAwarenessEntries(clients.values()) });
      const origins = new Set([...clients.values()].map((entry) => entry.origin));
      for (const socket of this.#sockets) {
        // A socket is not sent a frame made only of its own presence.
        if (socket.joined && !(origins.size === 1 && origins.has(socket))) socket.sendFrame(frame);
      }
    }
    this.#presence.clear();
  }
}
