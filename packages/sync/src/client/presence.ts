// Presence per open record doc: one y-protocols Awareness per doc the UI has open (never one
// per doc in the workspace), whose local changes go out as `awareness` messages and whose
// peers' states come in from them. The Y.Doc each Awareness needs only lends its client id;
// no content ever goes into it.
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';

export type PresenceState = Record<string, unknown>;

export interface PresencePeer {
  /** The peer's awareness client id (one per browser tab session). */
  clientId: number;
  state: PresenceState;
}

export type PresenceListener = (peers: PresencePeer[]) => void;

interface Room {
  doc: Y.Doc;
  awareness: Awareness;
  listeners: Set<PresenceListener>;
}

const LOCAL = 'local';
const REMOTE = 'remote';

export class PresenceRooms {
  #rooms = new Map<string, Room>();
  #send: (docId: string, update: Uint8Array) => void;

  constructor(send: (docId: string, update: Uint8Array) => void) {
    this.#send = send;
  }

  /** Sets (or with null clears) this client's presence on a doc, opening the doc's room. */
  set(docId: string, state: PresenceState | null): void {
    const room = this.#rooms.get(docId) ?? (state === null ? undefined : this.#open(docId));
    if (!room) return;
    room.awareness.setLocalState(state);
    this.#closeIfUnused(docId, room);
  }

  /** Calls `listener` with the other peers on a doc now and on every change; returns an unsubscribe. */
  subscribe(docId: string, listener: PresenceListener): () => void {
    const room = this.#rooms.get(docId) ?? this.#open(docId);
    room.listeners.add(listener);
    listener(peersOf(room));
    return () => {
      room.listeners.delete(listener);
      if (this.#rooms.get(docId) === room) this.#closeIfUnused(docId, room);
    };
  }

  /** Leaves a doc: peers are told this client is gone and the room is dropped. */
  close(docId: string): void {
    const room = this.#rooms.get(docId);
    if (!room) return;
    if (room.awareness.getLocalState() !== null) room.awareness.setLocalState(null);
    this.#drop(docId, room);
  }

  /** Applies a peer's awareness update; false when the doc is not open here (ignored). */
  receive(docId: string, update: Uint8Array): boolean {
    const room = this.#rooms.get(docId);
    if (!room) return false;
    applyAwarenessUpdate(room.awareness, update, REMOTE);
    return true;
  }

  /**
   * After a (re)connect: re-announces every local state with a new clock (peers that dropped
   * us on the disconnect ignore a repeat of the old clock).
   */
  announceAll(): void {
    for (const room of this.#rooms.values()) {
      const state = room.awareness.getLocalState();
      if (state !== null) room.awareness.setLocalState(state);
    }
  }

  /** After a disconnect: peers' states are unknown until they announce again. */
  forgetPeers(): void {
    for (const room of this.#rooms.values()) {
      const others = [...room.awareness.getStates().keys()].filter((id) => id !== room.awareness.clientID);
      if (others.length) removeAwarenessStates(room.awareness, others, REMOTE);
    }
  }

  openDocs(): string[] {
    return [...this.#rooms.keys()];
  }

  destroy(): void {
    for (const [docId, room] of this.#rooms) this.#drop(docId, room);
  }

  #open(docId: string): Room {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    // A new Awareness starts with an empty local state `{}`; Carnet's presence starts absent.
    awareness.setLocalState(null);
    const room: Room = { doc, awareness, listeners: new Set() };
    awareness.on('update', ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
      if (origin !== LOCAL) {
        // A peer new to this doc does not know about us yet (the relay keeps no presence):
        // tell it, with our current clock, so both sides see each other at once.
        const others = added.filter((id) => id !== awareness.clientID);
        if (others.length && awareness.getLocalState() !== null) this.#send(docId, encodeAwarenessUpdate(awareness, [awareness.clientID]));
        return;
      }
      const changed = [...added, ...updated, ...removed];
      if (changed.length) this.#send(docId, encodeAwarenessUpdate(awareness, changed));
    });
    awareness.on('change', () => {
      const peers = peersOf(room);
      for (const listener of room.listeners) {
        try {
          listener(peers);
        } catch {
          // One failing listener must not keep the others from hearing about the change.
        }
      }
    });
    this.#rooms.set(docId, room);
    return room;
  }

  #closeIfUnused(docId: string, room: Room): void {
    if (room.listeners.size === 0 && room.awareness.getLocalState() === null) this.#drop(docId, room);
  }

  #drop(docId: string, room: Room): void {
    this.#rooms.delete(docId);
    room.awareness.destroy();
    room.doc.destroy();
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

function peersOf(room: Room): PresencePeer[] {
  const peers: PresencePeer[] = [];
  for (const [clientId, state] of room.awareness.getStates()) {
    if (clientId !== room.awareness.clientID && state) peers.push({ clientId, state });
  }
  return peers;
}
