// Bad input on the Carnet socket: random bytes, truncated frames, text frames, a wrong
// protocol version, oversized frames and floods each end that socket with the typed error
// and the shared close code, while the other sockets keep working. Also the hello timeout.
import { afterEach, describe, expect, test } from 'bun:test';
import * as encoding from 'lib0/encoding';
import { CloseCode, encodeMessage, MessageTag, SyncErrorCode } from '@carnet/sync';
import { CONTACT, fieldUpdate, makeSyncRelay, type RawSocket, type SyncRelay } from './sync-fixtures.ts';

let relay: SyncRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

/** A seeded PRNG (mulberry32), so a failing byte sequence can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks that a bystander socket still pushes, gets acked and relays to another. */
async function stillWorks(relay: SyncRelay, batchId: number): Promise<void> {
  const a = await relay.connect(relay.owner, { deviceId: `check-a-${batchId}` });
  const b = await relay.connect(relay.owner, { deviceId: `check-b-${batchId}` });
  await a.next('live');
  await b.next('live');
  a.send({ type: 'push', batchId, entries: [{ docId: CONTACT, update: fieldUpdate('n', batchId, 50_000 + batchId) }] });
  await a.next('ack');
  await b.next('update');
  a.close();
  b.close();
}

async function expectClosedWith(socket: RawSocket, code: SyncErrorCode, closeCode: number): Promise<void> {
  expect(await socket.closed).toBe(closeCode);
  expect(socket.of('error').map((e) => e.code)).toContain(code);
}

describe('malformed frames', () => {
  test('random bytes close that socket with bad_message (4400); others keep working', async () => {
    relay = await makeSyncRelay();
    const bystander = await relay.connect(relay.owner, { deviceId: 'bystander' });
    await bystander.next('live');
    const seed = 20250106;
    const random = prng(seed);
    for (let round = 0; round < 20; round++) {
      const socket = await relay.connect(relay.owner, { hello: round % 2 === 0 });
      if (round % 2 === 0) await socket.next('live');
      // Tags above the known range, so a random frame can never be a valid message.
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      bytes[0] = 11 + Math.floor(random() * 100);
      socket.sendRaw(bytes);
      const code = await socket.closed;
      if (code !== CloseCode.BadMessage) throw new Error(`seed ${seed} round ${round}: closed with ${code} for ${bytes}`);
    }
    expect(bystander.closeCode).toBeUndefined();
    await stillWorks(relay, 1);
  });

  test('a truncated push, a text frame and a relay-only message each close with 4400', async () => {
    relay = await makeSyncRelay();
    const truncated = await relay.connect(relay.owner);
    await truncated.next('live');
    const push = encodeMessage({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('a', 1) }] });
    truncated.sendRaw(push.slice(0, push.length - 3));
    await expectClosedWith(truncated, SyncErrorCode.BadMessage, CloseCode.BadMessage);

    const text = await relay.connect(relay.owner);
    await text.next('live');
    text.sendRaw('{"type":"push"}');
    await expectClosedWith(text, SyncErrorCode.BadMessage, CloseCode.BadMessage);

    const impostor = await relay.connect(relay.owner);
    await impostor.next('live');
    impostor.sendRaw(encodeMessage({ type: 'live', headSeq: 3 }));
    await expectClosedWith(impostor, SyncErrorCode.BadMessage, CloseCode.BadMessage);

    const noHello = await relay.connect(relay.owner, { hello: false });
    noHello.send({ type: 'push', batchId: 1, entries: [] });
    await expectClosedWith(noHello, SyncErrorCode.BadMessage, CloseCode.BadMessage);
    await stillWorks(relay, 2);
  });

  test('a hello of another protocol version closes with unsupported_version (4409)', async () => {
    relay = await makeSyncRelay();
    const socket = await relay.connect(relay.owner, { hello: false });
    const writer = encoding.createEncoder();
    encoding.writeVarUint(writer, MessageTag.hello);
    encoding.writeVarUint(writer, 99);
    socket.sendRaw(encoding.toUint8Array(writer));
    await expectClosedWith(socket, SyncErrorCode.UnsupportedVersion, CloseCode.UnsupportedVersion);
  });

  test('a socket that never says hello is closed', async () => {
    relay = await makeSyncRelay({ limits: { helloTimeoutMs: 100 } });
    const socket = await relay.connect(relay.owner, { hello: false });
    expect(await socket.closed).toBe(CloseCode.BadMessage);
  });
});

describe('limits', () => {
  test('a frame over the size limit closes with too_large (4413) and nothing is logged', async () => {
    relay = await makeSyncRelay({ limits: { maxFrameBytes: 64 * 1024 } });
    const socket = await relay.connect(relay.owner);
    await socket.next('live');
    socket.send({ type: 'push', batchId: 1, entries: [{ docId: CONTACT, update: fieldUpdate('blob', 'x'.repeat(100 * 1024)) }] });
    await expectClosedWith(socket, SyncErrorCode.TooLarge, CloseCode.TooLarge);
    expect(await relay.storage.headSeq(relay.workspaceId)).toBe(0);
    await stillWorks(relay, 3);
  });

  test('the default limit refuses a 3 MiB frame', async () => {
    relay = await makeSyncRelay();
    const socket = await relay.connect(relay.owner);
    await socket.next('live');
    socket.sendRaw(new Uint8Array(3 * 1024 * 1024));
    await expectClosedWith(socket, SyncErrorCode.TooLarge, CloseCode.TooLarge);
  });

  test('a flood beyond the rate limit closes with rate_limited (4429); others keep working', async () => {
    relay = await makeSyncRelay({ limits: { messagesPerSecond: 50, messageBurst: 100 } });
    const flooder = await relay.connect(relay.owner);
    await flooder.next('live');
    const frame = encodeMessage({ type: 'awareness', docId: CONTACT, update: new Uint8Array([0]) });
    for (let i = 0; i < 500 && flooder.closeCode === undefined; i++) flooder.sendRaw(frame);
    await expectClosedWith(flooder, SyncErrorCode.RateLimited, CloseCode.RateLimited);
    await stillWorks(relay, 4);
  });
});
