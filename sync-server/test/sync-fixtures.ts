// Harness for the sync layer's in-process tests: the real auth module on a SQLite file (from
// auth-fixtures), a storage (memory by default), `syncRoutes` listening on a free port, and a
// raw protocol client over Bun's WebSocket that records every frame and how the socket closed.
import { Elysia } from 'elysia';
import * as Y from 'yjs';
import { PROTOCOL_VERSION, decodeRelayMessage, encodeMessage, type ClientMessage, type RelayMessage } from '@carnet/sync';
import { createMemoryStorage, type RelayStorage } from '../src/storage/index.ts';
import { syncRoutes, type SyncLimits } from '../src/sync/index.ts';
import { addMember, makeAuth, setUp, type Client } from './auth-fixtures.ts';

export async function makeSyncRelay(options: { limits?: Partial<SyncLimits>; storage?: RelayStorage } = {}) {
  const h = makeAuth();
  const storage = options.storage ?? createMemoryStorage();
  const { owner, ownerId, workspaceId } = await setUp(h);
  const sync = syncRoutes({ auth: h.auth, storage, limits: options.limits, clock: h.now });
  const app = new Elysia().use(sync).listen({ port: 0, reusePort: false });
  const base = `ws://127.0.0.1:${app.server!.port}`;
  let ipCounter = 10;
  const users = { owner: { client: owner, userId: ownerId } };

  return {
    h,
    storage,
    sync,
    workspaceId,
    base,
    owner: users.owner,
    /** Invites a member with `role` and returns their HTTP client and user id. */
    member: (role: string, name: string) => addMember(h, owner, workspaceId, role, `${name}@example.com`, `10.0.1.${ipCounter++}`),
    /** Opens `/sync` as `who` (a logged-in HTTP client) and says hello. */
    async connect(who: { client: Client }, options: { lastSeq?: number; hello?: boolean; deviceId?: string } = {}) {
      const socket = await RawSocket.open(`${base}/sync?workspace=${workspaceId}`, who.client);
      if (options.hello !== false) {
        socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId, lastSeq: options.lastSeq ?? 0, deviceId: options.deviceId ?? 'device-1' });
      }
      return socket;
    },
    async close() {
      await sync.hub.closeAll();
      sync.hub.dispose();
      await app.stop(true);
      h.close();
    },
  };
}
export type SyncRelay = Awaited<ReturnType<typeof makeSyncRelay>>;

/** A Carnet-protocol client that keeps every decoded frame. */
export class RawSocket {
  readonly messages: RelayMessage[] = [];
  readonly raw: unknown[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;
  #waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event) => {
      this.raw.push(event.data);
      if (event.data instanceof ArrayBuffer) this.messages.push(decodeRelayMessage(new Uint8Array(event.data)));
      this.#wake();
    };
    this.closed = new Promise((resolve) => {
      ws.onclose = (event) => {
        this.closeCode = event.code;
        this.#wake();
        resolve(event.code);
      };
    });
  }

  static open(url: string, who?: Client): Promise<RawSocket> {
    const headers: Record<string, string> = {};
    if (who?.cookie) headers.cookie = `carnet_session=${who.cookie}`;
    if (who?.bearer) headers.authorization = `Bearer ${who.bearer}`;
    // Bun's WebSocket takes headers as an extension of the standard constructor.
    const ws = new WebSocket(url, { headers } as unknown as string[]);
    const socket = new RawSocket(ws);
    return new Promise((resolve, reject) => {
      ws.onopen = () => resolve(socket);
      ws.onerror = () => reject(new Error(`could not open ${url}`));
    });
  }

  send(message: ClientMessage): void {
    this.ws.send(encodeMessage(message));
  }

  sendRaw(data: Uint8Array | string): void {
    this.ws.send(data);
  }

  of<T extends RelayMessage['type']>(type: T): Extract<RelayMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<RelayMessage, { type: T }> => m.type === type);
  }

  /** Resolves with the first message matching `match` (already received or to come). */
  async next<T extends RelayMessage['type']>(type: T, match: (m: Extract<RelayMessage, { type: T }>) => boolean = () => true, timeoutMs = 3000) {
    return this.until(() => this.of(type).find(match), `${type} message`, timeoutMs);
  }

  async until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${this.messages.map((m) => m.type).join(',')} close=${this.closeCode}`);
      await new Promise<void>((resolve) => {
        const wake = () => resolve();
        this.#waiters.add(wake);
        setTimeout(() => {
          this.#waiters.delete(wake);
          resolve();
        }, 20);
      });
    }
  }

  close(): void {
    this.ws.close();
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }
}

/** A Yjs update setting `fields.<key>` in a fresh doc, as a client's outbox would hold it. */
export function fieldUpdate(key: string, value: unknown, clientId?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  doc.getMap('fields').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** The fields of a doc rebuilt from its stored state (null when the relay never saw it). */
export async function storedFields(storage: RelayStorage, workspaceId: string, docId: string): Promise<Record<string, unknown> | null> {
  const state = await storage.docState(workspaceId, docId);
  if (!state) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getMap('fields').toJSON();
}

export const CONTACT = 'contacts/c0ntact0000000001';
export const CONTACT_2 = 'contacts/c0ntact0000000002';
