// The standard y-websocket protocol on /yjs/<workspaceId>/<docId>, spoken by a minimal
// client built from y-protocols exactly as y-websocket's provider does: the doc syncs both
// ways with Carnet sockets through the one log, a viewer's updates are ignored, private docs
// are closed to other users, and the shared doc is dropped when its last client leaves.
import { afterEach, describe, expect, test } from 'bun:test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CONTACT, fieldUpdate, makeSyncRelay, storedFields, type SyncRelay } from './sync-fixtures.ts';
import type { Client } from './auth-fixtures.ts';

let relay: SyncRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

class YClient {
  readonly doc = new Y.Doc();
  synced = false;
  closeCode: number | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      const encoder = encoding.createEncoder();
      if (decoding.readVarUint(decoder) !== 0) return;
      encoding.writeVarUint(encoder, 0);
      const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    };
    ws.onclose = (event) => (this.closeCode = event.code);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || ws.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    });
  }

  static open(url: string, who: Client): Promise<YClient> {
    const ws = new WebSocket(url, { headers: { cookie: `carnet_session=${who.cookie}` } } as unknown as string[]);
    const client = new YClient(ws);
    return new Promise((resolve, reject) => {
      ws.onopen = () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeSyncStep1(encoder, client.doc);
        ws.send(encoding.toUint8Array(encoder));
        resolve(client);
      };
      ws.onerror = () => reject(new Error(`could not open ${url}`));
    });
  }

  fields() {
    return this.doc.getMap('fields').toJSON();
  }
}

async function until(probe: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('y-websocket interop', () => {
  test('edits flow both ways between a y-websocket client and Carnet sockets, through the log', async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    const carnet = await relay.connect(relay.owner);
    await carnet.next('live');
    carnet.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Ada') }] });
    await carnet.next('ack');

    const y = await YClient.open(`${relay.base}/yjs/${relay.workspaceId}/${CONTACT}`, rep.client);
    await until(() => y.synced && y.fields().firstName === 'Ada', 'the initial sync');

    y.doc.getMap('fields').set('lastName', 'Lovelace');
    const update = await carnet.next('update');
    expect(update).toMatchObject({ docId: CONTACT, by: rep.userId, seq: 2 });
    expect(await storedFields(relay.storage, relay.workspaceId, CONTACT)).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect((await relay.storage.docHistory(relay.workspaceId, CONTACT, 1))[0]).toMatchObject({ userId: rep.userId, deviceId: 'yjs' });

    carnet.send({ type: 'push', batchId: 2, entries: [{ docId: CONTACT, update: fieldUpdate('email', 'ada@example.com', 77) }] });
    await until(() => y.fields().email === 'ada@example.com', 'the Carnet push to reach the y-websocket client');

    // A second provider on the same doc sees both, and the first sees its edits.
    const y2 = await YClient.open(`${relay.base}/yjs/${relay.workspaceId}/${CONTACT}`, relay.owner.client);
    await until(() => y2.fields().lastName === 'Lovelace', 'the second provider to sync');
    y2.doc.getMap('fields').set('phone', '+33');
    await until(() => y.fields().phone === '+33', 'provider to provider');
    expect(relay.sync.hub.stats.sharedDocs).toBe(1);
    y.ws.close();
    y2.ws.close();
    await until(() => relay!.sync.hub.stats.sharedDocs === 0, 'the shared doc to be dropped');
  });

  test("a viewer's y-websocket updates are ignored: not logged, not relayed", async () => {
    relay = await makeSyncRelay();
    const viewer = await relay.member('viewer', 'vera');
    const carnet = await relay.connect(relay.owner);
    await carnet.next('live');
    const y = await YClient.open(`${relay.base}/yjs/${relay.workspaceId}/${CONTACT}`, viewer.client);
    await until(() => y.synced, 'sync');
    y.doc.getMap('fields').set('firstName', 'Hacked');
    carnet.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('lastName', 'Real') }] });
    await carnet.next('ack');
    await until(() => y.fields().lastName === 'Real', 'the viewer still reads');
    expect(carnet.of('update')).toHaveLength(0);
    expect(await storedFields(relay.storage, relay.workspaceId, CONTACT)).toEqual({ lastName: 'Real' });
    expect(y.closeCode).toBeUndefined();
  });

  test("another user's private doc is refused at upgrade (403); bad frames close with 4400", async () => {
    relay = await makeSyncRelay();
    const rep = await relay.member('rep', 'rita');
    await expect(YClient.open(`${relay.base}/yjs/${relay.workspaceId}/users/${rep.userId}`, relay.owner.client)).rejects.toThrow();
    const own = await YClient.open(`${relay.base}/yjs/${relay.workspaceId}/users/${rep.userId}`, rep.client);
    await until(() => own.synced, 'own private doc');
    own.ws.send(new Uint8Array([0, 2, 50, 1, 2, 3]));
    await until(() => own.closeCode !== undefined, 'close');
    expect(own.closeCode).toBe(4400);
    await expect(YClient.open(`${relay.base}/yjs/${relay.workspaceId}/bogus`, rep.client)).rejects.toThrow();
  });
});
