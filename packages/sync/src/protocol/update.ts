// relay → client `update`: one log entry broadcast live to every other socket of the
// workspace. The relay encodes it once (`encodeUpdateBroadcast`) and sends the same bytes to
// every socket, so fan-out costs one encode however many readers there are.
import * as encoding from 'lib0/encoding';
import { MAX_DOC_ID_LENGTH, MAX_ID_LENGTH } from '../limits.ts';
import { readBytes, readString, readUint, writeBytes, writeString, writeUint, type Reader, type Writer } from './codec.ts';
import { MessageTag } from './tags.ts';

export interface UpdateMessage {
  type: 'update';
  seq: number;
  docId: string;
  update: Uint8Array;
  /** The author's user id (attribution; the log also keeps device and time). */
  by: string;
}

export function writeUpdate(writer: Writer, message: UpdateMessage): void {
  writeUint(writer, message.seq);
  writeString(writer, message.docId);
  writeBytes(writer, message.update);
  writeString(writer, message.by);
}

export function readUpdate(reader: Reader): UpdateMessage {
  return {
    type: 'update',
    seq: readUint(reader, 'seq'),
    docId: readString(reader, 'docId', MAX_DOC_ID_LENGTH),
    update: readBytes(reader, 'update'),
    by: readString(reader, 'by', MAX_ID_LENGTH, true),
  };
}

/** The frame for one broadcast: encode once, send these bytes to every socket. */
export function encodeUpdateBroadcast(entry: { seq: number; docId: string; update: Uint8Array; by: string }): Uint8Array<ArrayBuffer> {
  const writer = encoding.createEncoder();
  encoding.writeVarUint(writer, MessageTag.update);
  writeUpdate(writer, { type: 'update', ...entry });
  return encoding.toUint8Array(writer);
}
