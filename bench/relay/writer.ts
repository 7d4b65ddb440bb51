// Writer-side sockets of the relay bench: a Carnet-protocol pusher (hello → live, then pushes
// acked by the relay) and a Hocuspocus writer (auth + sync on its docs, then y-protocols
// updates). Record updates come from real Y.Docs, one per record doc.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { decodeRelayMessage, encodeMessage, PROTOCOL_VERSION, type PushEntry, type RelayMessage } from '@carnet/sync';
import { Hp, HOCUSPOCUS_TOKEN } from './lib.ts';

/** Y.Docs of record docs whose small edits are the measured updates. */
export class RecordDocs {
  readonly docs = new Map<string, Y.Doc>();
  constructor(readonly ids: readonly string[]) {
    for (const id of ids) this.docs.set(id, new Y.Doc({ gc: false, guid: id }));
  }
  /** Sets one field of a record doc and returns the Yjs update of that change. */
  edit(docId: string, field: string, value: unknown): Uint8Array {
    const doc = this.docs.get(docId)!;
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.on('update', capture);
    doc.getMap('fields').set(field, value);
    doc.off('update', capture);
    return update!;
  }
}

export class CarnetSocket {
  readonly messages: RelayMessage[] = [];
  readonly acks = new Map<number, number[]>();
  closed = false;
  #waiters = new Set<() => void>();
  #batch = 0;
  keep: boolean;

  private constructor(readonly ws: WebSocket, keep: boolean) {
    this.keep = keep;
    ws.on('message', (data: Buffer) => {
      const message = decodeRelayMessage(data);
      if (message.type === 'ack') this.acks.set(message.batchId, message.seqs);
      else if (this.keep || message.type === 'live' || message.type === 'error' || message.type === 'bootstrap') this.messages.push(message);
      for (const w of this.#waiters) w();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.#waiters) w();
    });
    ws.on('error', () => {});
  }

  /** Opens, says hello and waits for `live`. `keep` keeps every frame (catch-up read-back). */
  static async open(url: string, cookie: string, workspaceId: string, lastSeq = 0, keep = false, timeoutMs = 60_000): Promise<CarnetSocket> {
    const ws = new WebSocket(url, { headers: { cookie } });
    const socket = new CarnetSocket(ws, keep);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
    });
    ws.send(encodeMessage({ type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId, lastSeq, deviceId: 'bench-writer' }));
    await socket.until(() => socket.messages.some((m) => m.type === 'live' || m.type === 'error' || m.type === 'bootstrap'), timeoutMs);
    const bad = socket.messages.find((m) => m.type === 'error' || m.type === 'bootstrap');
    if (bad) throw new Error(`hello answered ${JSON.stringify(bad)}`);
    return socket;
  }

  until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
    if (predicate()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (predicate() || this.closed) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve(predicate());
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        resolve(predicate());
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Sends a push; returns its batchId (its ack lands in `acks`). */
  push(entries: PushEntry[]): number {
    const batchId = ++this.#batch;
    this.ws.send(encodeMessage({ type: 'push', batchId, entries }));
    return batchId;
  }

  close(): void {
    this.ws.terminate();
  }
}

export class HocuspocusWriter {
  #synced = new Set<string>();
  private constructor(readonly ws: WebSocket, readonly docs: readonly string[]) {
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      const doc = decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if ((type === 0 || type === 4) && decoding.readVarUint(decoder) === 1) this.#synced.add(doc);
    });
    ws.on('error', () => {});
  }

  static async open(url: string, docs: readonly string[], timeoutMs = 30_000): Promise<HocuspocusWriter> {
    const ws = new WebSocket(url);
    const writer = new HocuspocusWriter(ws, docs);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    for (const doc of docs) {
      ws.send(Hp.auth(doc, HOCUSPOCUS_TOKEN));
      ws.send(Hp.syncStep1(doc));
    }
    const deadline = Date.now() + timeoutMs;
    while (writer.#synced.size < docs.length) {
      if (Date.now() > deadline) throw new Error('hocuspocus writer did not sync');
      await new Promise((r) => setTimeout(r, 10));
    }
    return writer;
  }

  send(doc: string, update: Uint8Array): void {
    this.ws.send(Hp.update(doc, update));
  }

  close(): void {
    this.ws.terminate();
  }
}
