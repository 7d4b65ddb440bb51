// The client over a real WebSocket (the `ws` package, as Node has no global WebSocket) against
// a minimal relay on a free port: binary frames arrive as ArrayBuffers, hello → live, push →
// ack empties the outbox. Also checks, at compile time, that the browser's and ws's sockets
// both fit WebSocketLike without a cast.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { SyncClient, decodeClientMessage, encodeMessage, type WebSocketLike } from '@carnet/sync';
import { memoryStore } from '../../helpers/store.ts';
import { waitUntil } from './fake-relay.ts';

// Compile-time only: never called.
export function socketsFit(url: string): WebSocketLike[] {
  return [new globalThis.WebSocket(url), new WebSocket(url)];
}

let server: WebSocketServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('SyncClient over a real socket', () => {
  it('says hello, goes live and gets its push acknowledged', async () => {
    const received: string[] = [];
    let seq = 0;
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server.on('connection', (socket) => {
      socket.on('message', (data: Buffer) => {
        const message = decodeClientMessage(new Uint8Array(data));
        received.push(message.type);
        if (message.type === 'hello') socket.send(encodeMessage({ type: 'live', headSeq: seq }));
        if (message.type === 'push') {
          const seqs = message.entries.map(() => ++seq);
          socket.send(encodeMessage({ type: 'ack', batchId: message.batchId, seqs }));
        }
      });
    });
    await new Promise<void>((resolve) => server!.on('listening', () => resolve()));
    const { port } = server.address() as { port: number };

    const store = await memoryStore();
    const client = new SyncClient({
      store, url: `ws://127.0.0.1:${port}/sync`, workspaceId: 'ws_test', deviceId: 'device-real',
      createSocket: (url) => new WebSocket(url),
    });
    client.start();
    try {
      await store.create('contacts', { firstName: 'Real' });
      await waitUntil(async () => client.status === 'live' && (await store.outboxCount()) === 0, 'the push is acknowledged');
      expect(received).toEqual(['hello', 'push']);
      expect(client.pendingCount).toBe(0);
    } finally {
      await client.stop();
    }
  });
});
