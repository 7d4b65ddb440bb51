// Checks an append before anything is written: ids, attribution, size, and that the update
// bytes decode as a Yjs update with nothing left over. Shared by every storage
// implementation so that they refuse exactly the same inputs.
import * as Y from 'yjs';
import type { Decoder } from 'lib0/decoding';
import { StorageError, StorageErrorCode } from './errors.ts';
import type { AppendEntry, StorageLimits } from './relay-storage.ts';

export function validateId(kind: string, id: unknown, limits: StorageLimits, entryIndex?: number): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > limits.maxIdLength || !id.isWellFormed()) {
    throw new StorageError(
      StorageErrorCode.InvalidEntry,
      `${kind} must be a non-empty, well-formed string of at most ${limits.maxIdLength} characters`,
      entryIndex,
    );
  }
}

export function validateAppend(workspaceId: string, entries: readonly AppendEntry[], limits: StorageLimits): void {
  validateId('workspaceId', workspaceId, limits);
  if (!Array.isArray(entries)) {
    throw new StorageError(StorageErrorCode.InvalidArgument, 'entries must be an array');
  }
  entries.forEach((entry, index) => {
    validateId('docId', entry.docId, limits, index);
    validateId('userId', entry.userId, limits, index);
    validateId('deviceId', entry.deviceId, limits, index);
    if (!Number.isSafeInteger(entry.at) || entry.at < 0) {
      throw new StorageError(StorageErrorCode.InvalidEntry, 'at must be a time in milliseconds', index);
    }
    if (!(entry.update instanceof Uint8Array)) {
      throw new StorageError(StorageErrorCode.MalformedUpdate, 'update must be bytes', index);
    }
    if (entry.update.byteLength > limits.maxUpdateBytes) {
      throw new StorageError(
        StorageErrorCode.UpdateTooLarge,
        `update of ${entry.update.byteLength} bytes exceeds the limit of ${limits.maxUpdateBytes}`,
        index,
      );
    }
    if (!isWellFormedUpdate(entry.update)) {
      throw new StorageError(StorageErrorCode.MalformedUpdate, 'update is not a well-formed Yjs update', index);
    }
  });
}

/**
 * True when the bytes decode as a v1 Yjs update and the decoder consumed all of them.
 * Y.decodeUpdate alone accepts trailing bytes, so the decoder is captured to check its position.
 */
export function isWellFormedUpdate(update: Uint8Array): boolean {
  if (update.byteLength < 2) return false;
  let captured: Decoder | null = null;
  class CapturingDecoder extends Y.UpdateDecoderV1 {
    constructor(decoder: Decoder) {
      super(decoder);
      captured = decoder;
    }
  }
  try {
    Y.decodeUpdateV2(update, CapturingDecoder);
  } catch {
    return false;
  }
  const decoder = captured as Decoder | null;
  return decoder !== null && decoder.pos === decoder.arr.length;
}
