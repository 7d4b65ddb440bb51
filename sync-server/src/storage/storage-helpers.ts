// Small pieces every RelayStorage implementation shares, so that they agree on argument
// checks, id order and how a doc's stored parts become one state.
import * as Y from 'yjs';
import { StorageError, StorageErrorCode } from './errors.ts';
import type { CompactOptions } from './relay-storage.ts';

export function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StorageError(StorageErrorCode.InvalidArgument, `${name} must be a non-negative integer`);
  }
}

export function checkSeq(name: string, value: number): void {
  checkCount(name, value);
}

export function checkCompactOptions(options: CompactOptions, defaultChunk: number): Required<CompactOptions> {
  checkCount('keepTail', options.keepTail);
  const chunkSize = options.chunkSize ?? defaultChunk;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new StorageError(StorageErrorCode.InvalidArgument, 'chunkSize must be a positive integer');
  }
  return { keepTail: options.keepTail, chunkSize };
}

/** A doc's state from its compacted state and later updates, without a Y.Doc. */
export function mergeParts(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts as Uint8Array[]);
}

/** Resolves after already-queued I/O callbacks and timers had a chance to run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Id order of every implementation: code point order, which is SQLite's BINARY on UTF-8. */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Surrogates (astral code points) sort above every BMP unit in code point order.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca - cb;
  }
  return a.length - b.length;
}
