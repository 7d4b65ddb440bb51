// Per-record history and restore through a real relay process: a rep edits a contact through
// the sync socket, the history endpoint says who changed which field when (old → new), and the
// owner restores a past value, which reaches the rep's browser store live like any edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Store } from '@carnet/store';
import { SyncClient, type WebSocketLike } from '@carnet/sync';
import type { RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';
import { addMember, setUpOwner, socketAs, startSyncRelay, wsUrl, type Account } from '../helpers/sync-relay.ts';

let relay: RunningRelay;
let owner: Account;
let rep: Account;
let viewer: Account;
let workspaceId: string;
let repStore: Store;
let repClient: SyncClient;
let contactId: string;

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const api = (path: string, account?: Account, body?: unknown) =>
  fetch(`${relay.url}/api/workspaces/${workspaceId}/records/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(account ? { cookie: account.cookie } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  relay = await startSyncRelay();
  ({ owner, workspaceId } = await setUpOwner(relay.url));
  rep = await addMember(relay.url, owner, workspaceId, 'rep');
  viewer = await addMember(relay.url, owner, workspaceId, 'viewer');
  repStore = await memoryStore({ userId: rep.userId, now: () => Date.now() });
  repClient = new SyncClient({
    store: repStore, url: wsUrl(relay, workspaceId), workspaceId, deviceId: 'rep-laptop',
    createSocket: (url) => {
      const socket: WebSocket = socketAs(url, rep);
      socket.on('error', () => {});
      return socket as unknown as WebSocketLike;
    },
    backoff: { baseMs: 20, capMs: 200, stableAfterMs: 1_000 },
  });
  repClient.start();
  const row = await repStore.create('contacts', { firstName: 'Hélène', lastName: 'Dupont', city: 'Lyon' });
  contactId = row.id;
  await repStore.update('contacts', contactId, { city: 'Paris', title: 'CFO' });
  await until(async () => (await repStore.outboxCount()) === 0);
});

afterAll(async () => {
  await repClient?.stop();
  await relay?.stop();
});

describe('record history and restore over HTTP', () => {
  it('says who changed which field when, old to new', async () => {
    const response = await api(`contacts/${contactId}/history`, owner);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.row).toMatchObject({ firstName: 'Hélène', city: 'Paris', title: 'CFO' });
    const [latest, created] = body.entries;
    // The stamp names the store's device (the test helper's); the log names the socket's.
    expect(latest).toMatchObject({ kind: 'edited', by: rep.userId, device: 'device-test' });
    expect(latest.changes).toContainEqual({ field: 'city', before: 'Lyon', after: 'Paris' });
    expect(created.kind).toBe('created');
    expect(typeof latest.at).toBe('number');
  });

  it('restores a past value as a new attributed edit that reaches the rep live', async () => {
    const response = await api(`contacts/${contactId}/restore`, owner, { values: { city: 'Lyon' } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.row.city).toBe('Lyon');
    expect(body.seq).toBeGreaterThan(0);
    await until(async () => (await repStore.get('contacts', contactId))?.city === 'Lyon');
    const row = (await repStore.get('contacts', contactId))!;
    expect(row).toMatchObject({ city: 'Lyon', title: 'CFO', updatedBy: owner.userId });
    const history = await (await api(`contacts/${contactId}/history`, owner)).json();
    expect(history.entries[0]).toMatchObject({ kind: 'edited', by: owner.userId, device: 'relay' });
    expect(history.entries[0].changes).toEqual([{ field: 'city', before: 'Paris', after: 'Lyon' }]);
  });

  it('refuses a viewer (403), a stranger (401), bad values (422), bad bodies (400) and unknown records (404)', async () => {
    const viewerTry = await api(`contacts/${contactId}/restore`, viewer, { values: { city: 'Nice' } });
    expect(viewerTry.status).toBe(403);
    expect((await viewerTry.json()).error.code).toBe('forbidden');
    expect((await api(`contacts/${contactId}/history`)).status).toBe(401);
    const invalid = await api(`contacts/${contactId}/restore`, owner, { values: { leadScore: 500, nope: 1 } });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`).sort()).toEqual([
      'leadScore:out_of_range', 'nope:unknown_field',
    ]);
    expect((await api(`contacts/${contactId}/restore`, owner, '{not json')).status).toBe(400);
    expect((await api(`contacts/${contactId}/restore`, owner, { values: {} })).status).toBe(400);
    expect((await api('contacts/zzzzzzzzzzzzzzzz/history', owner)).status).toBe(404);
    expect((await api(`pets/${contactId}/history`, owner)).status).toBe(404);
    // Nothing of the refused requests reached the record.
    expect((await repStore.get('contacts', contactId))!.city).toBe('Lyon');
  });
});
