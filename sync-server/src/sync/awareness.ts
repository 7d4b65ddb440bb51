// Reading y-protocols awareness updates without an Awareness instance: the relay checks that
// relayed presence is well formed, remembers which awareness client ids each socket speaks
// for, and when the socket goes announces them gone (state null, clock + 1), as the
// y-websocket server does, so peers do not wait for the 30 s awareness timeout.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** False when the entry removes the client (its state is null). */
  present: boolean;
}

const MAX_ENTRIES = 1_000;

/** The entries of an awareness update, or null when the bytes are not one. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock)) return null;
      entries.push({ clientId, clock, present: state !== null });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

/** An awareness update saying these clients left. */
export function encodeAwarenessRemoval(clients: ReadonlyMap<number, number>): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.size);
  for (const [clientId, clock] of clients) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock + 1);
    encoding.writeVarString(encoder, 'null');
  }
  return encoding.toUint8Array(encoder);
}

/** The awareness client ids one socket announced, per doc, with their latest clock. */
export class AwarenessClients {
  readonly #byDoc = new Map<string, Map<number, number>>();

  record(docId: string, entries: readonly AwarenessEntry[]): void {
    let clients = this.#byDoc.get(docId);
    for (const entry of entries) {
      if (entry.present) {
        if (!clients) this.#byDoc.set(docId, (clients = new Map()));
        clients.set(entry.clientId, entry.clock);
      } else {
        clients?.delete(entry.clientId);
      }
    }
    if (clients && clients.size === 0) this.#byDoc.delete(docId);
  }

  /** Every doc this socket is present on, with the removal update to send for it. */
  removals(): { docId: string; update: Uint8Array<ArrayBuffer> }[] {
    return [...this.#byDoc].map(([docId, clients]) => ({ docId, update: encodeAwarenessRemoval(clients) }));
  }
}

/** One client's entry of an awareness update, its state kept as the JSON text it came in. */
export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** The entries of a well-formed awareness update (checked by readAwarenessUpdate first). */
export function readAwarenessEntries(update: Uint8Array): RawAwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: RawAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

/** One awareness update carrying many clients' entries (what y-protocols applies as one). */
export function encodeAwarenessEntries(entries: Iterable<RawAwarenessEntry>): Uint8Array<ArrayBuffer> {
  const list = [...entries];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const entry of list) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
