// One socket speaking the standard y-websocket protocol (`/yjs/<workspaceId>/<docId>`), so
// the official WebsocketProvider and any Yjs binding can open a Carnet doc. Reads are those
// of the Carnet socket; an update the user may write is appended to the workspace log
// (attributed to the user, device 'yjs'), reaches Carnet sockets as a normal `update` and the
// doc's other y-websocket clients through the shared doc. A read-only user's updates (and a
// manager's workspace doc updates that change more than their teams' goals) are
// ignored without a reply, as y-websocket servers do for read-only connections. Malformed
// frames close the socket with the shared close codes (stock clients have no `error` message).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WORKSPACE_DOC_ID } from '@carnet/schema';
import { closeCodeFor, SyncErrorCode } from '@carnet/sync';
import { isWellFormedUpdate } from '../storage/index.ts';
import { AwarenessClients, readAwarenessUpdate } from './awareness.ts';
import { isEmptyUpdate } from './carnet-connection.ts';
import { writeRefusal } from './permissions.ts';
import type { Room } from './room.ts';
import { mayWriteTeamGoals, teamGoalsRefusal } from './workspace-writes.ts';
import { encodeAwarenessFrame, encodeSync, YMessage, type SharedDocClient, type SharedYDoc } from './shared-ydoc.ts';
import { asSyncError, SocketSession, type Peer, type SessionContext, type SocketGrant } from './socket-session.ts';

export const YJS_DEVICE_ID = 'yjs';

export interface YjsContext extends SessionContext {
  room: Room;
  shared: SharedYDoc;
}

export class YjsConnection extends SocketSession implements SharedDocClient {
  readonly docId: string;
  readonly #room: Room;
  readonly #shared: SharedYDoc;
  readonly #presence = new AwarenessClients();
  #chain: Promise<void>;

  constructor(peer: Peer, grant: SocketGrant, context: YjsContext) {
    super(peer, grant, context);
    this.#room = context.room;
    this.#shared = context.shared;
    this.docId = context.shared.docId;
    this.#chain = this.#shared.ready.then(
      () => {
        if (this.closed) return;
        this.#shared.clients.add(this);
        for (const frame of this.#shared.greeting()) this.sendFrame(frame);
      },
      (error) => {
        console.error(`sync: could not load ${this.docId} of ${this.workspaceId}:`, error);
        this.fail(SyncErrorCode.Internal, 'could not load the doc');
      },
    );
  }

  receive(data: unknown): void {
    const frame = this.admit(data);
    if (!frame) return;
    this.#chain = this.#chain.then(async () => {
      if (this.closed) return;
      try {
        await this.#handle(frame);
      } catch (error) {
        const e = asSyncError(error);
        if (e.code === SyncErrorCode.Internal) console.error(`sync: y-websocket socket of ${this.userId} failed:`, e.cause ?? e);
        this.fail(e.code, e.message);
      }
    });
  }

  fail(code: SyncErrorCode, message: string): void {
    this.close(closeCodeFor(code), message);
  }

  protected release(): void {
    this.#shared.clients.delete(this);
    for (const { docId, update } of this.#presence.removals()) this.#room.relayAwareness(docId, update, this);
  }

  async #handle(frame: Uint8Array): Promise<void> {
    const decoder = decoding.createDecoder(frame);
    let type: number;
    try {
      type = decoding.readVarUint(decoder);
    } catch {
      return this.fail(SyncErrorCode.BadMessage, 'empty frame');
    }
    switch (type) {
      case YMessage.sync:
        return this.#sync(decoder);
      case YMessage.awareness:
        return this.#awareness(decoder);
      case YMessage.queryAwareness: {
        const states = [...this.#shared.awareness.getStates().keys()];
        if (states.length) this.sendFrame(encodeAwarenessFrame(this.#shared.awareness, states));
        return;
      }
      case YMessage.auth:
        // Auth happened at upgrade; y-websocket's permission messages are not used.
        return;
      default:
        return this.fail(SyncErrorCode.BadMessage, `unknown y-websocket message ${type}`);
    }
  }

  async #sync(decoder: decoding.Decoder): Promise<void> {
    let step: number;
    let payload: Uint8Array;
    try {
      step = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      return this.fail(SyncErrorCode.BadMessage, 'truncated sync message');
    }
    if (step === syncProtocol.messageYjsSyncStep1) {
      let reply: Uint8Array<ArrayBuffer>;
      try {
        reply = encodeSync((encoder) => {
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.#shared.doc, payload));
        });
      } catch {
        return this.fail(SyncErrorCode.BadMessage, 'unreadable state vector');
      }
      this.sendFrame(reply);
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      return this.fail(SyncErrorCode.BadMessage, `unknown sync step ${step}`);
    }
    if (!isWellFormedUpdate(payload)) return this.fail(SyncErrorCode.BadUpdate, 'malformed Yjs update');
    const docId = this.docId;
    await this.#room.submit(
      this,
      () => {
        // Read-only here (a viewer, another user's role change): ignored, never logged. A
        // manager's workspace doc update is kept only if it changes nothing but their teams' goals.
        const refusal = writeRefusal(this.role, this.userId, docId);
        const judged = refusal === SyncErrorCode.Forbidden && docId === WORKSPACE_DOC_ID && mayWriteTeamGoals(this.role);
        if (refusal !== null && !judged) return [];
        // Only what the relay does not have yet is logged: a reconnecting provider resends
        // its whole state as sync step 2.
        const fresh = Y.diffUpdate(payload, Y.encodeStateVector(this.#shared.doc));
        if (isEmptyUpdate(fresh)) return [];
        if (judged && teamGoalsRefusal(Y.encodeStateAsUpdate(this.#shared.doc), fresh, this.userId) !== null) return [];
        return [{ docId, update: fresh, userId: this.userId, deviceId: YJS_DEVICE_ID, at: this.context.now() }];
      },
      () => {},
    );
  }

  #awareness(decoder: decoding.Decoder): void {
    let update: Uint8Array;
    try {
      update = decoding.readVarUint8Array(decoder);
    } catch {
      return this.fail(SyncErrorCode.BadMessage, 'truncated awareness message');
    }
    const entries = readAwarenessUpdate(update);
    if (!entries) return this.fail(SyncErrorCode.BadMessage, 'malformed awareness update');
    this.#presence.record(this.docId, entries);
    this.#room.relayAwareness(this.docId, update, this);
  }
}
