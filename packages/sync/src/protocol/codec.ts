// The few lib0 read/write helpers every message uses, with the checks lib0 leaves to the
// caller: counts bounded by the bytes left (so a garbage count cannot allocate or loop), ids
// bounded in length, sequence numbers safe integers, byte fields copied out of the frame (a
// view would keep the whole frame alive wherever the update is stored). Every failure is a
// SyncError `bad_message`; lib0's own throws are converted by `decodeFrame` in message.ts.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as string from 'lib0/string';
import { SyncError, SyncErrorCode } from '../errors.ts';

export type Reader = decoding.Decoder;
export type Writer = encoding.Encoder;

export function badMessage(message: string): SyncError {
  return new SyncError(SyncErrorCode.BadMessage, message);
}

/**
 * A non-negative safe integer (seq, batch id, count), in its shortest encoding only: a frame
 * has exactly one byte layout, so equal messages are equal bytes.
 */
export function readUint(reader: Reader, what: string): number {
  const start = reader.pos;
  const value = decoding.readVarUint(reader);
  if (!Number.isSafeInteger(value)) throw badMessage(`${what} is not a safe integer.`);
  if (reader.pos - start > 1 && reader.arr[reader.pos - 1] === 0) throw badMessage(`${what} is not minimally encoded.`);
  return value;
}

export function writeUint(writer: Writer, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw badMessage(`Cannot encode ${value}: not a non-negative safe integer.`);
  encoding.writeVarUint(writer, value);
}

/** A list length, refused when the remaining bytes cannot hold that many items. */
export function readCount(reader: Reader, minBytesPerItem: number, what: string): number {
  const count = readUint(reader, what);
  if (count * minBytesPerItem > reader.arr.length - reader.pos) throw badMessage(`${what} ${count} exceeds the frame.`);
  return count;
}

export function readBytes(reader: Reader, what: string): Uint8Array {
  const length = readUint(reader, `${what} length`);
  if (length > reader.arr.length - reader.pos) throw badMessage(`${what} is longer than the frame.`);
  return decoding.readUint8Array(reader, length).slice();
}

export function writeBytes(writer: Writer, bytes: Uint8Array): void {
  encoding.writeVarUint8Array(writer, bytes);
}

/** A UTF-8 string of at most `maxLength` UTF-16 units; `allowEmpty` false for ids. */
export function readString(reader: Reader, what: string, maxLength: number, allowEmpty = false): string {
  const length = readUint(reader, `${what} length`);
  // A UTF-16 unit takes at most 3 UTF-8 bytes: a longer byte length cannot fit the limit.
  if (length > reader.arr.length - reader.pos || length > maxLength * 3) throw badMessage(`${what} is too long.`);
  // lib0's decoder is fatal: invalid UTF-8 throws (and becomes bad_message) instead of
  // silently turning into replacement characters.
  const value = string.decodeUtf8(decoding.readUint8Array(reader, length));
  if (value.length > maxLength) throw badMessage(`${what} is longer than ${maxLength} characters.`);
  if (!allowEmpty && value.length === 0) throw badMessage(`${what} is empty.`);
  return value;
}

export function writeString(writer: Writer, value: string): void {
  encoding.writeVarString(writer, value);
}
