// The in-memory Y.Doc the relay keeps for one doc while y-websocket clients have it open:
// loaded from storage, fed every logged update of that doc, and dropped when its last client
// leaves. Its awareness holds the presence of y-websocket and Carnet peers alike, so a
// client that joins gets everyone's current state. Each outgoing frame is encoded once.
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** y-websocket's message types (y-websocket/src/y-websocket.js). */
export const YMessage = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** A y-websocket client as the shared doc sees it. */
export interface SharedDocClient {
  sendFrame(frame: Uint8Array<ArrayBuffer>): void;
}

export class SharedYDoc {
  readonly docId: string;
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly clients = new Set<SharedDocClient>();
  readonly ready: Promise<void>;

  /**
   * `load` reads the doc's stored state and hands it to `apply`; the hub runs it in the
   * room's queue so that no append slips between the read and the first live update.
   */
  constructor(docId: string, load: (apply: (state: Uint8Array) => void) => Promise<void>) {
    this.docId = docId;
    this.awareness = new Awareness(this.doc);
    // The relay itself has no presence.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.#sendAll(encodeSync((encoder) => syncProtocol.writeUpdate(encoder, update)), origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      this.#sendAll(encodeAwarenessFrame(this.awareness, changed), origin);
    });
    this.ready = load((state) => Y.applyUpdate(this.doc, state, this));
    // A failed load is reported to each client by its connection (it awaits `ready`).
    this.ready.catch(() => {});
  }

  /** A logged update of this doc (from any origin) reaches the y-websocket clients. */
  applyLogged(update: Uint8Array, origin: object): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  applyAwareness(update: Uint8Array, origin: object): void {
    try {
      applyAwarenessUpdate(this.awareness, update, origin);
    } catch {
      // Already checked by readAwarenessUpdate; a state y-protocols still refuses is dropped.
    }
  }

  /** What a client gets on connect: the relay's sync step 1 and everyone's presence. */
  greeting(): Uint8Array<ArrayBuffer>[] {
    const frames = [encodeSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc))];
    const states = [...this.awareness.getStates().keys()];
    if (states.length) frames.push(encodeAwarenessFrame(this.awareness, states));
    return frames;
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  #sendAll(frame: Uint8Array<ArrayBuffer>, origin: unknown): void {
    for (const client of this.clients) if (client !== origin) client.sendFrame(frame);
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

export function encodeSync(write: (encoder: encoding.Encoder) => void): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, YMessage.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessFrame(awareness: Awareness, clients: number[]): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, YMessage.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}
