// One room per workspace: the sockets that said `hello` (Carnet protocol) and the shared
// docs of y-websocket clients. The room owns the order of the log as sockets see it: every
// append runs through one serial queue, and its ack and broadcast happen in the same turn as
// the durable write resolves, so live sockets receive updates in increasing seq and a socket
// finishing its catch-up inside that queue can neither miss an update nor see one twice.
// Each broadcast is encoded once and the same bytes go to every socket allowed to read it.
import { encodeMessage, encodeUpdateBroadcast } from '@carnet/sync';
import type { AppendEntry, LogEntry, RelayStorage } from '../storage/index.ts';
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

export class Room {
  readonly workspaceId: string;
  readonly #storage: RelayStorage;
  readonly #sockets = new Set<RoomSocket>();
  readonly #docs = new Map<string, SharedYDoc>();
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

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
   * appended before it) in one durable write, calls `onDurable` with the seqs (the ack),
   * then broadcasts each entry to everyone but `origin`. Nothing is sent if the write fails.
   */
  submit(origin: Origin, build: () => AppendEntry[], onDurable: (seqs: number[]) => void): Promise<number[]> {
    return this.serial(async () => {
      const entries = build();
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

  /** Relays presence on a record doc to every other socket and y-websocket client of it. */
  relayAwareness(docId: string, update: Uint8Array, origin: Origin): void {
    if (hasPresence(docId)) {
      const frame = encodeMessage({ type: 'awareness', docId, update });
      for (const socket of this.#sockets) {
        if (socket !== origin && socket.joined) socket.sendFrame(frame);
      }
    }
    this.#docs.get(docId)?.applyAwareness(update, origin);
  }
}
