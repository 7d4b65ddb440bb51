// Helpers for the sync integration tests: start a real relay process with the sync layer on a
// temporary DATA_DIR, create the owner and members over HTTP, open sockets with the `ws`
// package (Node has no global WebSocket) carrying the session cookie, and a raw Carnet
// protocol client that records every frame.
import WebSocket from 'ws';
import { PROTOCOL_VERSION, decodeRelayMessage, encodeMessage, type ClientMessage, type RelayMessage } from '@carnet/sync';
import { startRelay, type RunningRelay, type StartRelayOptions } from './relay.ts';

/** The real relay (src/index.ts) on a temporary DATA_DIR, with the sync layer mounted. */
export function startSyncRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  return startRelay(options);
}

export interface Account {
  userId: string;
  cookie: string;
}

async function post(base: string, path: string, body: unknown, cookie?: string): Promise<{ status: number; body: any; cookie?: string }> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const setCookie = response.headers.get('set-cookie');
  const session = setCookie ? /^(carnet_session=[^;]*)/.exec(setCookie)?.[1] : undefined;
  return { status: response.status, body: await response.json().catch(() => null), cookie: session };
}

/** First start: the owner account and the workspace. */
export async function setUpOwner(base: string): Promise<{ owner: Account; workspaceId: string }> {
  const reply = await post(base, '/api/setup', { email: 'owner@example.com', name: 'Owner', password: 'correct horse battery', workspaceName: 'Acme' });
  if (reply.status !== 201 || !reply.cookie) throw new Error(`setup failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { owner: { userId: reply.body.user.id, cookie: reply.cookie }, workspaceId: reply.body.workspace.id };
}

let memberCounter = 0;
/** Invites and signs up a member with `role`. */
export async function addMember(base: string, admin: Account, workspaceId: string, role: string): Promise<Account> {
  const invite = await post(base, `/api/workspaces/${workspaceId}/invites`, { role }, admin.cookie);
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const email = `member${++memberCounter}-${process.pid}@example.com`;
  const accepted = await post(base, `/api/invites/${invite.body.token}/accept`, { email, name: 'Member', password: 'member password 1' });
  if (accepted.status !== 201 || !accepted.cookie) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { userId: accepted.body.user.id, cookie: accepted.cookie };
}

export function wsUrl(relay: RunningRelay, workspaceId: string): string {
  return `${relay.url.replace(/^http/, 'ws')}/sync?workspace=${workspaceId}`;
}

/** A `ws` socket that sends the account's session cookie (a browser sends it by itself). */
export function socketAs(url: string, account: Account): WebSocket {
  return new WebSocket(url, { headers: { cookie: account.cookie } });
}

/** A Carnet-protocol client that keeps every decoded frame and how the socket closed. */
export class RawClient {
  readonly messages: RelayMessage[] = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer, isBinary: boolean) => {
      if (isBinary) this.messages.push(decodeRelayMessage(new Uint8Array(data)));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code: number) => resolve((this.closeCode = code))));
    ws.on('error', () => {});
  }

  static open(url: string, account: Account): Promise<RawClient> {
    const client = new RawClient(socketAs(url, account));
    return new Promise((resolve, reject) => {
      client.ws.once('open', () => resolve(client));
      client.ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)));
      client.ws.once('error', reject);
    });
  }

  hello(workspaceId: string, lastSeq = 0, deviceId = 'raw'): void {
    this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId, lastSeq, deviceId });
  }

  send(message: ClientMessage): void {
    this.ws.send(encodeMessage(message));
  }

  of<T extends RelayMessage['type']>(type: T): Extract<RelayMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<RelayMessage, { type: T }> => m.type === type);
  }

  async next<T extends RelayMessage['type']>(type: T, match: (m: Extract<RelayMessage, { type: T }>) => boolean = () => true, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(type).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${type}; got ${this.messages.map((m) => m.type).join(',')} close=${this.closeCode}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
