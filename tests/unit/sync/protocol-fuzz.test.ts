// Garbage in, typed errors out: random frames, every truncation and random corruption of
// valid frames. Decoding must return a message or throw a SyncError, never anything else,
// and never hang. Seeds are printed on failure; pin any seed that ever failed in PINNED.
import { describe, expect, it } from 'vitest';
import { SyncError, decodeMessage, encodeMessage, type SyncMessage } from '@carnet/sync';
import { Prng } from '../../property/prng.ts';
import { sampleMessages } from './messages.ts';

const PINNED: number[] = [];
const SEEDS = [...PINNED, 1, 2, 3, 0xc0ffee, 20260105];

function decodeOrTypedError(bytes: Uint8Array, context: string): SyncMessage | SyncError {
  try {
    const message = decodeMessage(bytes, { maxBytes: 1 << 16 });
    // Whatever decodes must encode back to the very same frame (one layout per message).
    expect(encodeMessage(message), context).toEqual(bytes);
    return message;
  } catch (error) {
    if (!(error instanceof SyncError)) throw new Error(`${context}: non-SyncError ${String(error)}`);
    return error;
  }
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('protocol fuzz', () => {
  it.each(SEEDS)('random frames decode or fail with a SyncError (seed %i)', (seed) => {
    const prng = new Prng(seed);
    for (let i = 0; i < 3000; i++) {
      const length = prng.int(0, prng.chance(0.1) ? 2000 : 40);
      const bytes = new Uint8Array(length);
      for (let j = 0; j < length; j++) bytes[j] = prng.int(0, 255);
      // A valid tag in front makes the decoder go deeper than the tag check.
      if (length && prng.chance(0.7)) bytes[0] = prng.int(0, 11);
      decodeOrTypedError(bytes, `seed ${seed} frame ${hex(bytes)}`);
    }
  });

  it('every truncation of every valid frame is bad_message', () => {
    for (const message of sampleMessages()) {
      const bytes = encodeMessage(message);
      for (let cut = 0; cut < bytes.length; cut++) {
        const result = decodeOrTypedError(bytes.subarray(0, cut), `${message.type} cut at ${cut}`);
        expect(result, `${message.type} cut at ${cut}`).toBeInstanceOf(SyncError);
        expect((result as SyncError).code).toBe('bad_message');
      }
    }
  });

  it.each(SEEDS)('corrupted valid frames decode or fail with a SyncError (seed %i)', (seed) => {
    const prng = new Prng(seed);
    const frames = sampleMessages().map((m) => encodeMessage(m));
    for (let i = 0; i < 3000; i++) {
      const bytes = prng.pick(frames).slice();
      const edits = prng.int(1, 4);
      for (let e = 0; e < edits; e++) {
        const at = prng.int(0, bytes.length - 1);
        bytes[at] = prng.chance(0.5) ? bytes[at] ^ (1 << prng.int(0, 7)) : prng.int(0, 255);
      }
      decodeOrTypedError(bytes, `seed ${seed} frame ${hex(bytes)}`);
    }
  });
});
