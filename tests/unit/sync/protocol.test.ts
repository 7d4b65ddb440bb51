import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import {
  CloseCode, FATAL_CLOSE_CODES, MessageTag, PROTOCOL_VERSION, SyncError, SyncErrorCode, closeCodeFor, decodeClientMessage,
  decodeMessage, decodeRelayMessage, encodeMessage, encodeUpdateBroadcast, errorCodeForClose, frameBytes,
  isFatalCloseCode, type SyncMessage,
} from '@carnet/sync';
import { sampleMessages } from './messages.ts';

function decodeError(run: () => unknown): SyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error('expected a SyncError');
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('protocol messages', () => {
  it.each(sampleMessages().map((m) => [m.type, m] as const))('round-trips %s', (_type, message) => {
    const bytes = encodeMessage(message);
    expect(decodeMessage(bytes)).toEqual(message);
    // Decoding a frame inside a larger buffer reads only the frame.
    const padded = new Uint8Array(bytes.length + 8).fill(0xff);
    padded.set(bytes, 4);
    expect(decodeMessage(padded.subarray(4, 4 + bytes.length))).toEqual(message);
  });

  it('covers every message tag', () => {
    expect(new Set(sampleMessages().map((m) => m.type))).toEqual(new Set(Object.keys(MessageTag)));
  });

  it('encodes an update broadcast once into the same bytes as the message', () => {
    const entry = { seq: 7, docId: 'contacts/c1', update: new Uint8Array([0, 0]), by: 'user000001' };
    const bytes = encodeUpdateBroadcast(entry);
    expect(bytes).toEqual(encodeMessage({ type: 'update', ...entry }));
    expect(decodeRelayMessage(bytes)).toEqual({ type: 'update', ...entry });
  });

  it('copies byte fields out of the frame', () => {
    const bytes = encodeMessage({ type: 'syncStep2', docId: 'contacts/c1', update: new Uint8Array([5, 6, 7]) });
    const decoded = decodeMessage(bytes) as Extract<SyncMessage, { type: 'syncStep2' }>;
    bytes.fill(0);
    expect([...decoded.update]).toEqual([5, 6, 7]);
    expect(decoded.update.buffer.byteLength).toBe(3);
  });

  it('refuses a hello of another protocol version with unsupported_version', () => {
    for (const version of [0, PROTOCOL_VERSION + 1, 2 ** 31]) {
      const bytes = frame((e) => {
        encoding.writeVarUint(e, MessageTag.hello);
        encoding.writeVarUint(e, version);
        encoding.writeVarString(e, 'a different layout we cannot read');
      });
      expect(decodeError(() => decodeClientMessage(bytes)).code).toBe(SyncErrorCode.UnsupportedVersion);
    }
  });

  it('refuses a frame over the limit with too_large before reading it', () => {
    const bytes = encodeMessage({ type: 'push', batchId: 1, entries: [{ docId: 'contacts/c1', update: new Uint8Array(2000) }] });
    expect(decodeError(() => decodeMessage(bytes, { maxBytes: 1000 })).code).toBe(SyncErrorCode.TooLarge);
    expect(decodeMessage(bytes, { maxBytes: bytes.length }).type).toBe('push');
  });

  it.each([
    ['an empty frame', new Uint8Array(0)],
    ['an unknown tag', new Uint8Array([99])],
    ['trailing bytes', new Uint8Array([...encodeMessage({ type: 'live', headSeq: 1 }), 0])],
    ['a count larger than the frame', frame((e) => { encoding.writeVarUint(e, MessageTag.ack); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 2 ** 40); })],
    ['a length larger than the frame', frame((e) => { encoding.writeVarUint(e, MessageTag.awareness); encoding.writeVarString(e, 'd'); encoding.writeVarUint(e, 1_000_000); })],
    ['an integer beyond 2^53', new Uint8Array([MessageTag.live, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])],
    ['invalid UTF-8 in a doc id', new Uint8Array([MessageTag.awareness, 2, 0xc3, 0x28, 0])],
    ['an empty doc id', new Uint8Array([MessageTag.awareness, 0, 0])],
    ['decreasing seqs in a catch-up', frame((e) => {
      encoding.writeVarUint(e, MessageTag.catchup); encoding.writeVarUint(e, 2);
      for (const seq of [5, 5]) { encoding.writeVarUint(e, seq); encoding.writeVarString(e, 'd'); encoding.writeVarUint8Array(e, new Uint8Array(0)); }
    })],
    ['an unknown error code', frame((e) => { encoding.writeVarUint(e, MessageTag.error); encoding.writeVarString(e, 'nope'); encoding.writeVarString(e, ''); encoding.writeVarUint(e, 0); })],
    ['unknown error flags', frame((e) => { encoding.writeVarUint(e, MessageTag.error); encoding.writeVarString(e, 'internal'); encoding.writeVarString(e, ''); encoding.writeVarUint(e, 4); })],
    ['an unknown bootstrap reason', frame((e) => { encoding.writeVarUint(e, MessageTag.bootstrap); encoding.writeVarString(e, 'bored'); encoding.writeVarUint(e, 1); })],
    ['a doc id longer than allowed', frame((e) => { encoding.writeVarUint(e, MessageTag.awareness); encoding.writeVarString(e, 'x'.repeat(300)); encoding.writeVarUint(e, 0); })],
  ])('refuses %s with bad_message', (_name, bytes) => {
    expect(decodeError(() => decodeMessage(bytes)).code).toBe(SyncErrorCode.BadMessage);
  });

  it('refuses messages sent the wrong way', () => {
    const live = encodeMessage({ type: 'live', headSeq: 1 });
    const push = encodeMessage({ type: 'push', batchId: 1, entries: [] });
    expect(decodeError(() => decodeClientMessage(live)).code).toBe(SyncErrorCode.BadMessage);
    expect(decodeError(() => decodeRelayMessage(push)).code).toBe(SyncErrorCode.BadMessage);
    expect(decodeClientMessage(push).type).toBe('push');
  });

  it('reads frame data from ArrayBuffers and byte views and refuses text frames', () => {
    const bytes = encodeMessage({ type: 'live', headSeq: 3 });
    expect(decodeMessage(frameBytes(bytes.slice().buffer))).toEqual({ type: 'live', headSeq: 3 });
    expect(decodeMessage(frameBytes(new DataView(bytes.buffer)))).toEqual({ type: 'live', headSeq: 3 });
    expect(decodeError(() => frameBytes('{"type":"hello"}')).code).toBe(SyncErrorCode.BadMessage);
    expect(decodeError(() => frameBytes(undefined)).code).toBe(SyncErrorCode.BadMessage);
  });
});

describe('error and close codes', () => {
  it('maps every error code to a close code and back', () => {
    for (const code of Object.values(SyncErrorCode)) {
      const close = closeCodeFor(code);
      expect(close === 1000 || close === 1001 || close === 1011 || (close >= 4000 && close < 5000)).toBe(true);
      if (close >= 4000 && code !== SyncErrorCode.BadUpdate) expect(errorCodeForClose(close)).toBe(code);
    }
  });

  it('treats only auth, access, workspace, version and revocation closes as fatal', () => {
    expect([...FATAL_CLOSE_CODES].sort()).toEqual([4401, 4403, 4404, 4409, 4499]);
    for (const code of [CloseCode.Normal, CloseCode.GoingAway, 1006, CloseCode.InternalError, 4400, 4413, 4429]) {
      expect(isFatalCloseCode(code)).toBe(false);
    }
  });
});
