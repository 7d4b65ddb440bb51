// Interop with the official y-websocket WebsocketProvider (3.1) against a real relay process:
// a provider on /yjs/<workspaceId>/<docId> syncs with Carnet clients through the one log
// (both ways), two providers sync with each other, a viewer's provider reads but its edits
// are never logged, and presence flows between providers. Node needs a WebSocket polyfill:
// the `ws` package, subclassed to send the session cookie a browser would send by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { RunningRelay } from '../helpers/relay.ts';
import { addMember, RawClient, setUpOwner, startSyncRelay, wsUrl, type Account } from '../helpers/sync-relay.ts';

let relay: RunningRelay;
let owner: Account;
let workspaceId: string;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  relay = await startSyncRelay();
  ({ owner, workspaceId } = await setUpOwner(relay.url));
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await relay?.stop();
});

function polyfillFor(account: Account): typeof globalThis.WebSocket {
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: account.cookie } });
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

function provider(account: Account, docId: string, doc = new Y.Doc()): WebsocketProvider {
  const p = new WebsocketProvider(`${relay.url.replace(/^http/, 'ws')}/yjs`, `${workspaceId}/${docId}`, doc, {
    WebSocketPolyfill: polyfillFor(account),
    disableBc: true,
  });
  providers.push(p);
  return p;
}

async function waitUntil(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function fieldUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('fields').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe('y-websocket WebsocketProvider', () => {
  it('syncs a record with Carnet clients through the log, both ways, and with another provider', async () => {
    const docId = 'contacts/yjsinterop000001';
    const rep = await addMember(relay.url, owner, workspaceId, 'rep');
    const carnet = await RawClient.open(wsUrl(relay, workspaceId), owner);
    carnet.hello(workspaceId);
    await carnet.next('live');
    carnet.send({ type: 'push', batchId: 1, entries: [{ docId, update: fieldUpdate('firstName', 'Ada') }] });
    await carnet.next('ack');

    const a = provider(rep, docId);
    await waitUntil(() => a.synced, 'the provider to sync');
    const fields = a.doc.getMap('fields');
    expect(fields.get('firstName')).toBe('Ada');

    fields.set('lastName', 'Lovelace');
    const update = await carnet.next('update');
    expect(update).toMatchObject({ docId, by: rep.userId });
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, update.update);
    expect(mirror.getMap('fields').get('lastName')).toBe('Lovelace');

    carnet.send({ type: 'push', batchId: 2, entries: [{ docId, update: fieldUpdate('city', 'London') }] });
    await waitUntil(() => fields.get('city') === 'London', 'the Carnet push to reach the provider');

    const b = provider(owner, docId);
    await waitUntil(() => b.synced && b.doc.getMap('fields').get('lastName') === 'Lovelace', 'a second provider to sync');
    b.doc.getMap('fields').set('phone', '+44');
    await waitUntil(() => fields.get('phone') === '+44', 'provider to provider');

    // Presence between providers.
    a.awareness.setLocalStateField('user', { name: 'Rita' });
    await waitUntil(() => [...b.awareness.getStates().values()].some((s) => s.user?.name === 'Rita'), 'presence');

    // A late Carnet client catches up with what the providers wrote, from the log.
    const late = await RawClient.open(wsUrl(relay, workspaceId), owner);
    late.hello(workspaceId);
    await late.next('live');
    const rebuilt = new Y.Doc();
    for (const entry of late.of('catchup').flatMap((m) => m.entries)) if (entry.docId === docId) Y.applyUpdate(rebuilt, entry.update);
    expect(rebuilt.getMap('fields').toJSON()).toEqual({ firstName: 'Ada', lastName: 'Lovelace', city: 'London', phone: '+44' });
    carnet.ws.close();
    late.ws.close();
  });

  it("a viewer's provider reads the doc but its edits are never logged or relayed", async () => {
    const docId = 'contacts/yjsinterop000002';
    const viewer = await addMember(relay.url, owner, workspaceId, 'viewer');
    const carnet = await RawClient.open(wsUrl(relay, workspaceId), owner);
    carnet.hello(workspaceId);
    await carnet.next('live');
    carnet.send({ type: 'push', batchId: 1, entries: [{ docId, update: fieldUpdate('firstName', 'Grace') }] });
    await carnet.next('ack');
    const v = provider(viewer, docId);
    await waitUntil(() => v.synced && v.doc.getMap('fields').get('firstName') === 'Grace', 'the viewer to read');
    v.doc.getMap('fields').set('firstName', 'Hacked');
    carnet.send({ type: 'push', batchId: 2, entries: [{ docId, update: fieldUpdate('title', 'Admiral') }] });
    await waitUntil(() => v.doc.getMap('fields').get('title') === 'Admiral', 'the viewer to keep reading');
    expect(carnet.of('update').filter((u) => u.docId === docId)).toHaveLength(0);
    carnet.ws.close();
  });
});
