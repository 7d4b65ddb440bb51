// Makes the process's randomness replayable: Yjs draws each doc's clientID (which decides who
// wins a concurrent write) and the store draws record ids from crypto.getRandomValues. Routing
// that through a seeded PRNG makes a fuzz run a pure function of its seed, so a failing seed
// replays exactly. Must be imported before yjs: lib0 binds getRandomValues when it loads.
import { webcrypto } from 'node:crypto';
import { Prng } from './prng.ts';

type Fillable = Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array;

const real = webcrypto.getRandomValues.bind(webcrypto);
let source: Prng | null = null;

function seededGetRandomValues<T extends ArrayBufferView | null>(array: T): T {
  if (!source || !array) return real(array as never) as T;
  const bytes = new Uint8Array((array as unknown as Fillable).buffer, array.byteOffset, array.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(source.next() * 256);
  return array;
}

(webcrypto as { getRandomValues: typeof seededGetRandomValues }).getRandomValues = seededGetRandomValues;
if (globalThis.crypto && globalThis.crypto !== (webcrypto as unknown)) {
  (globalThis.crypto as { getRandomValues: typeof seededGetRandomValues }).getRandomValues = seededGetRandomValues;
}

/** From now on, crypto randomness comes from `seed` (null: back to real randomness). */
export function seedCrypto(seed: number | null): void {
  source = seed === null ? null : new Prng(seed ^ 0x5eed5eed);
}
