// One Carnet-protocol socket (`/sync`): `hello`, then catch-up from the log and `live`, then
// pushes (checked per doc, appended in one durable write, acked, broadcast), presence and
// per-doc repair. Frames are handled in arrival order through one chain per socket, except
// presence, which is relayed at once. Anything malformed ends the socket with an `error`
// and the shared close code; a refused push only answers `error {batchId}`.
import {
  BootstrapReason, closeCodeFor, CloseCode, decodeClientMessage, encodeMessage, isSyncError, SyncError, SyncErrorCode,
  type HelloMessage, type LogEntry as WireEntry, type PushMessage, type RelayMessage, type SyncStep1Message, type SyncStep2Message,
} from '@carnet/sync';
import * as Y from 'yjs';
import { WORKSPACE_DOC_ID } from '@carnet/schema';
import { isWellFormedUpdate, StorageError, StorageErrorCode, type RelayStorage } from '../storage/index.ts';
import { AwarenessClients, readAwarenessUpdate } from './awareness.ts';
import { canReadDoc, hasPresence, writeRefusal } from './permissions.ts';
import type { Room, RoomSocket } from './room.ts';
import { mayWriteTeamGoals, teamGoalsRefusal } from './workspace-writes.ts';
import { asSyncError, SocketSession, type Peer, type SessionContext, type SocketGrant } from './socket-session.ts';

export interface CarnetContext extends SessionContext {
  room: Room;
  storage: RelayStorage;
}

type Phase = 'hello' | 'catching-up' | 'live';

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export class CarnetConnection extends SocketSession implements RoomSocket {
  deviceId = '';
  #phase: Phase = 'hello';
  #saidHello = false;
  #chain: Promise<void> = Promise.resolve();
  #helloTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #presence = new AwarenessClients();
  readonly #room: Room;
  readonly #storage: RelayStorage;

  constructor(peer: Peer, grant: SocketGrant, context: CarnetContext) {
    super(peer, grant, context);
    this.#room = context.room;
    this.#storage = context.storage;
    // In the room from the start, not from `hello`: a room with no socket may be dropped by the
    // hub, and a socket that joined a dropped room would never see the others' updates live.
    this.#room.add(this);
    this.#helloTimer = setTimeout(() => {
      if (!this.#saidHello) this.fail(SyncErrorCode.BadMessage, 'No hello received.');
    }, context.limits.helloTimeoutMs);
  }

  get joined(): boolean {
    return this.#phase !== 'hello' && !this.closed;
  }

  get live(): boolean {
    return this.#phase === 'live' && !this.closed;
  }

  receive(data: unknown): void {
    const frame = this.admit(data);
    if (!frame) return;
    let message;
    try {
      message = decodeClientMessage(frame, { maxBytes: this.context.limits.maxFrameBytes });
    } catch (error) {
      const e = asSyncError(error);
      this.fail(e.code, e.message);
      return;
    }
    if (!this.#saidHello) {
      if (message.type !== 'hello') {
        this.fail(SyncErrorCode.BadMessage, `Expected hello, got ${message.type}.`);
        return;
      }
      this.#saidHello = true;
      clearTimeout(this.#helloTimer);
      this.#then(() => this.#hello(message));
      return;
    }
    switch (message.type) {
      case 'hello':
        return this.fail(SyncErrorCode.BadMessage, 'hello sent twice.');
      case 'awareness':
        return this.#awareness(message.docId, message.update);
      case 'push':
        return this.#then(() => this.#push(message));
      case 'syncStep1':
        return this.#then(() => this.#syncStep1(message));
      case 'syncStep2':
        return this.#then(() => this.#syncStep2(message));
    }
  }

  fail(code: SyncErrorCode, message: string): void {
    if (this.closed) return;
    this.send({ type: 'error', code, message });
    this.close(closeCodeFor(code), code);
  }

  send(message: RelayMessage): void {
    this.sendFrame(encodeMessage(message));
  }

  protected release(): void {
    clearTimeout(this.#helloTimer);
    this.#room.remove(this);
    for (const { docId, update } of this.#presence.removals()) this.#room.relayAwareness(docId, update, this);
  }

  #then(step: () => Promise<void>): void {
    this.#chain = this.#chain.then(async () => {
      if (this.closed) return;
      try {
        await step();
      } catch (error) {
        // Storage failed (disk, database closed): the client reconnects and re-pushes.
        const e = asSyncError(error);
        console.error(`sync: socket of ${this.userId} in ${this.workspaceId} failed:`, e.cause ?? e);
        this.fail(SyncErrorCode.Internal, 'The relay failed; reconnect later.');
      }
    });
  }

  // ---- hello and catch-up ------------------------------------------------------------------

  async #hello(hello: HelloMessage): Promise<void> {
    if (hello.workspaceId !== this.workspaceId) {
      this.fail(SyncErrorCode.Forbidden, 'hello names another workspace than the socket was opened for.');
      return;
    }
    this.deviceId = hello.deviceId;
    this.#phase = 'catching-up';
    const [oldestSeq, headSeq] = await Promise.all([
      this.#storage.oldestSeq(this.workspaceId),
      this.#storage.headSeq(this.workspaceId),
    ]);
    if (hello.lastSeq > headSeq || hello.lastSeq < oldestSeq - 1) return this.#bootstrap(hello.lastSeq, headSeq);
    const cursor = await this.#catchUp(hello.lastSeq);
    if (cursor === null || this.closed) return;
    // The last stretch runs in the room's queue: no append completes between reading the
    // log's end and joining the live broadcast, so nothing is missed or sent twice.
    await this.#room.serial(async () => {
      if (this.closed) return;
      const end = await this.#catchUp(cursor);
      if (end === null || this.closed) return;
      const head = await this.#storage.headSeq(this.workspaceId);
      this.send({ type: 'live', headSeq: Math.max(end, head) });
      this.#phase = 'live';
    });
  }

  #bootstrap(lastSeq: number, headSeq: number): void {
    const reason = lastSeq === 0 ? BootstrapReason.NewClient : BootstrapReason.Compacted;
    this.send({ type: 'bootstrap', reason, headSeq });
    this.close(CloseCode.Normal, 'bootstrap');
  }

  /**
   * Sends the log after `cursor` in batches, skipping docs this user may not read, until the
   * log's end; returns the last seq read, or null if the socket was sent to bootstrap
   * because compaction removed entries it still needed.
   */
  async #catchUp(cursor: number): Promise<number | null> {
    const { catchupBatchEntries, catchupBatchBytes } = this.context.limits;
    for (;;) {
      await this.#drained();
      if (this.closed) return null;
      const entries = await this.#storage.readLog(this.workspaceId, cursor, catchupBatchEntries);
      if (entries.length === 0) return cursor;
      if (entries[0].seq !== cursor + 1) {
        this.#bootstrap(cursor, await this.#storage.headSeq(this.workspaceId));
        return null;
      }
      let batch: WireEntry[] = [];
      let bytes = 0;
      for (const entry of entries) {
        if (!canReadDoc(this.userId, entry.docId)) continue;
        if (batch.length && bytes + entry.update.byteLength > catchupBatchBytes) {
          this.send({ type: 'catchup', entries: batch });
          batch = [];
          bytes = 0;
        }
        batch.push({ seq: entry.seq, docId: entry.docId, update: entry.update });
        bytes += entry.update.byteLength;
      }
      if (batch.length) this.send({ type: 'catchup', entries: batch });
      cursor = entries[entries.length - 1].seq;
      if (entries.length < catchupBatchEntries) return cursor;
    }
  }

  /** Waits while the socket's send buffer is over the high-water mark (a slow reader). */
  async #drained(): Promise<void> {
    while (!this.closed && this.peer.bufferedAmount() > this.context.limits.highWaterBytes) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  // ---- pushes -----------------------------------------------------------------------------

  async #push(push: PushMessage): Promise<void> {
    const { batchId, entries } = push;
    const malformed = entries.find((entry) => !isWellFormedUpdate(entry.update));
    if (malformed) {
      this.send({ type: 'error', code: SyncErrorCode.BadUpdate, message: `Malformed Yjs update for ${malformed.docId}.`, batchId, docId: malformed.docId });
      return;
    }
    try {
      await this.#room.submit(
        this,
        async () => {
          // Checked inside the queue: a role changed while the push waited counts.
          await this.#mayWrite(entries);
          const at = this.context.now();
          return entries.map(({ docId, update }) => ({ docId, update, userId: this.userId, deviceId: this.deviceId, at }));
        },
        (seqs) => this.send({ type: 'ack', batchId, seqs }),
      );
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      this.send({ type: 'error', code: refusal.code, message: refusal.message, batchId, ...(refusal.docId ? { docId: refusal.docId } : {}) });
    }
  }

  /**
   * Throws the refusal of the first entry this socket may not write. A manager's workspace
   * doc updates are judged by what they change (workspace-writes.ts), each against the
   * stored state plus the entries before it in the same push.
   */
  async #mayWrite(entries: readonly { docId: string; update: Uint8Array }[]): Promise<void> {
    let workspace: Uint8Array | null | undefined;
    for (const { docId, update } of entries) {
      const code = writeRefusal(this.role, this.userId, docId);
      if (code === null) continue;
      if (code === SyncErrorCode.Forbidden && docId === WORKSPACE_DOC_ID && mayWriteTeamGoals(this.role)) {
        if (workspace === undefined) workspace = await this.#storage.docState(this.workspaceId, docId);
        const reason = teamGoalsRefusal(workspace, update, this.userId);
        if (reason !== null) throw new SyncError(code, reason, { docId });
        workspace = workspace ? Y.mergeUpdates([workspace, update]) : update;
        continue;
      }
      const message = code === SyncErrorCode.Forbidden
        ? `A ${this.role} may not change ${docId}.`
        : `${docId} is not a Carnet doc id.`;
      throw new SyncError(code, message, { docId });
    }
  }

  // ---- presence and repair ----------------------------------------------------------------

  #awareness(docId: string, update: Uint8Array): void {
    if (!hasPresence(docId)) return;
    const entries = readAwarenessUpdate(update);
    if (!entries) {
      this.fail(SyncErrorCode.BadMessage, `Malformed awareness update for ${docId}.`);
      return;
    }
    this.#presence.record(docId, entries);
    this.#room.relayAwareness(docId, update, this);
  }

  async #syncStep1(message: SyncStep1Message): Promise<void> {
    const { docId, stateVector } = message;
    if (!canReadDoc(this.userId, docId)) {
      this.send({ type: 'error', code: SyncErrorCode.Forbidden, message: `No access to ${docId}.`, docId });
      return;
    }
    const state = await this.#storage.docState(this.workspaceId, docId);
    let update: Uint8Array = EMPTY_UPDATE;
    try {
      if (state) update = Y.diffUpdate(state, stateVector);
    } catch {
      this.send({ type: 'error', code: SyncErrorCode.BadMessage, message: `Unreadable state vector for ${docId}.`, docId });
      return;
    }
    this.send({ type: 'syncStep2', docId, update });
  }

  /** A repair answer from the client: logged like a push when it holds anything new. */
  async #syncStep2(message: SyncStep2Message): Promise<void> {
    const { docId, update } = message;
    if (!isWellFormedUpdate(update)) {
      this.send({ type: 'error', code: SyncErrorCode.BadUpdate, message: `Malformed Yjs update for ${docId}.`, docId });
      return;
    }
    try {
      await this.#room.submit(
        this,
        async () => {
          await this.#mayWrite([{ docId, update }]);
          if (isEmptyUpdate(update)) return [];
          return [{ docId, update, userId: this.userId, deviceId: this.deviceId, at: this.context.now() }];
        },
        () => {},
      );
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      this.send({ type: 'error', code: refusal.code, message: refusal.message, docId });
    }
  }
}

/** A push refused for what it is (permissions, bad bytes), as opposed to a relay failure. */
function refusalOf(error: unknown): { code: SyncErrorCode; message: string; docId?: string } | null {
  if (isSyncError(error)) return { code: error.code, message: error.message, docId: error.docId };
  if (error instanceof StorageError && error.code !== StorageErrorCode.Closed) {
    const code = error.code === StorageErrorCode.UpdateTooLarge ? SyncErrorCode.TooLarge : SyncErrorCode.BadUpdate;
    return { code, message: error.message };
  }
  return null;
}

/** An update with no structs and no deletions (what a diff against an up-to-date peer is). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
