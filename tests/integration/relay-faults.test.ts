// Bad input and permission changes against a real relay process: garbage, truncated, text,
// wrong-version, oversized frames and a flood each close that socket with the shared code
// (after a typed `error`), while a bystander keeps pushing and receiving and the process stays
// up; a viewer's push is refused and never relayed; the workspace doc is for admins; a
// private doc never reaches another user; logging out closes the live socket within a second.
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, encodeMessage, MessageTag, SyncErrorCode } from '@carnet/sync';
import type { RunningRelay } from '../helpers/relay.ts';
import { addMember, RawClient, setUpOwner, startSyncRelay, wsUrl, type Account } from '../helpers/sync-relay.ts';

const CONTACT = 'contacts/faultcontact00001';
let relay: RunningRelay;
let owner: Account;
let workspaceId: string;
let bystander: RawClient;
let watcher: RawClient;
let bystanderBatch = 0;

beforeAll(async () => {
  relay = await startSyncRelay({ env: { MAX_MESSAGE_BYTES: String(256 * 1024), MESSAGES_PER_SECOND: '100' } });
  ({ owner, workspaceId } = await setUpOwner(relay.url));
  bystander = await live(owner, 'bystander');
  watcher = await live(owner, 'watcher');
});
afterAll(async () => {
  expect(await relay.stop()).toBe(0);
});

async function live(account: Account, deviceId: string): Promise<RawClient> {
  const client = await RawClient.open(wsUrl(relay, workspaceId), account);
  client.hello(workspaceId, 0, deviceId);
  await client.next('live');
  return client;
}

function fieldUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('fields').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

/** The bystander's push is acked and reaches the watcher: the relay still works for others. */
async function othersStillWork(): Promise<void> {
  const batchId = ++bystanderBatch;
  bystander.send({ type: 'push', batchId, entries: [{ docId: CONTACT, update: fieldUpdate('n', batchId) }] });
  const ack = await bystander.next('ack', (m) => m.batchId === batchId);
  await watcher.next('update', (u) => u.seq === ack.seqs[0]);
  expect(bystander.closeCode).toBeUndefined();
}

async function expectClosed(client: RawClient, code: SyncErrorCode, closeCode: number): Promise<void> {
  expect(await client.closed).toBe(closeCode);
  expect(client.of('error').map((e) => e.code)).toContain(code);
}

describe('bad input on a real relay', () => {
  it('random bytes, a truncated push and a text frame close with 4400', async () => {
    const garbage = await live(owner, 'garbage');
    garbage.ws.send(Uint8Array.from({ length: 300 }, (_, i) => (i * 97 + 200) % 256));
    await expectClosed(garbage, SyncErrorCode.BadMessage, CloseCode.BadMessage);
    const truncated = await live(owner, 'truncated');
    const push = encodeMessage({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('a', 1) }] });
    truncated.ws.send(push.subarray(0, push.length - 4));
    await expectClosed(truncated, SyncErrorCode.BadMessage, CloseCode.BadMessage);
    const text = await live(owner, 'text');
    text.ws.send('hello relay');
    await expectClosed(text, SyncErrorCode.BadMessage, CloseCode.BadMessage);
    await othersStillWork();
  });

  it('a hello of another protocol version closes with 4409', async () => {
    const client = await RawClient.open(wsUrl(relay, workspaceId), owner);
    const writer = encoding.createEncoder();
    encoding.writeVarUint(writer, MessageTag.hello);
    encoding.writeVarUint(writer, 2);
    client.ws.send(encoding.toUint8Array(writer));
    await expectClosed(client, SyncErrorCode.UnsupportedVersion, CloseCode.UnsupportedVersion);
    await othersStillWork();
  });

  it('an oversized frame closes with 4413 and nothing of it is logged', async () => {
    const client = await live(owner, 'big');
    client.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('blob', 'x'.repeat(300 * 1024)) }] });
    await expectClosed(client, SyncErrorCode.TooLarge, CloseCode.TooLarge);
    await othersStillWork();
    expect(watcher.of('update').every((u) => u.update.length < 1024)).toBe(true);
  });

  it('a flood closes with 4429', async () => {
    const client = await live(owner, 'flood');
    const frame = encodeMessage({ type: 'awareness', docId: CONTACT, update: new Uint8Array([0]) });
    for (let i = 0; i < 2000; i++) client.ws.send(frame);
    await expectClosed(client, SyncErrorCode.RateLimited, CloseCode.RateLimited);
    await othersStillWork();
  });
});

describe('permissions on a real relay', () => {
  it("refuses a viewer's push with forbidden, leaves the doc unchanged and relays nothing", async () => {
    const viewer = await live(await addMember(relay.url, owner, workspaceId, 'viewer'), 'viewer');
    const before = watcher.of('update').length;
    viewer.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('firstName', 'Hacked') }] });
    expect(await viewer.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, batchId: 1 });
    await othersStillWork();
    // The relay's own workspace doc update for the new member may land in between.
    expect(watcher.of('update').slice(before).filter((u) => u.docId !== 'workspace').map((u) => u.by)).toEqual([owner.userId]);
  });

  it('lets only owners and admins change the workspace doc', async () => {
    const rep = await live(await addMember(relay.url, owner, workspaceId, 'rep'), 'rep');
    const admin = await live(await addMember(relay.url, owner, workspaceId, 'admin'), 'admin');
    rep.send({ type: 'push', batchId: 1, entries: [{ docId: 'workspace', update: fieldUpdate('stages', 3) }] });
    expect(await rep.next('error')).toMatchObject({ code: SyncErrorCode.Forbidden, docId: 'workspace' });
    admin.send({ type: 'push', batchId: 1, entries: [{ docId: 'workspace', update: fieldUpdate('stages', 4) }] });
    expect((await admin.next('ack')).seqs).toHaveLength(1);
  });

  it("keeps a user's private doc from every other user", async () => {
    const rita = await addMember(relay.url, owner, workspaceId, 'rep');
    const mine = await live(rita, 'rita');
    mine.send({ type: 'push', batchId: 1, entries: [{ docId: `users/${rita.userId}`, update: fieldUpdate('theme', 'dark') }] });
    const [seq] = (await mine.next('ack')).seqs;
    await othersStillWork();
    expect(watcher.of('update').some((u) => u.seq === seq)).toBe(false);
    const late = await live(owner, 'late');
    expect(late.of('catchup').flatMap((m) => m.entries).some((e) => e.seq === seq)).toBe(false);
  });

  it('logging out closes the live socket within a second', async () => {
    const rep = await addMember(relay.url, owner, workspaceId, 'rep');
    const socket = await live(rep, 'rep-live');
    const started = Date.now();
    const reply = await fetch(`${relay.url}/api/auth/logout`, { method: 'POST', headers: { cookie: rep.cookie } });
    expect(reply.status).toBe(204);
    expect(await socket.closed).toBe(CloseCode.Unauthorized);
    expect(Date.now() - started).toBeLessThan(1000);
    await othersStillWork();
  });
});
