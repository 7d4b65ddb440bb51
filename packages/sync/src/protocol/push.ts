// client → relay `push`: a batch of outbox entries; relay → client `ack`: the seqs the batch
// got, sent only once the batch is durably committed. A client re-pushes un-acked batches
// after a reconnect, so the relay may log an update twice: Yjs updates are idempotent.
import { MAX_DOC_ID_LENGTH } from '../limits.ts';
import { badMessage, readBytes, readCount, readString, readUint, writeBytes, writeString, writeUint, type Reader, type Writer } from './codec.ts';

export interface PushEntry {
  docId: string;
  update: Uint8Array;
}

export interface PushMessage {
  type: 'push';
  /** Chosen by the client, unique per client session; echoed in `ack` and `error`. */
  batchId: number;
  entries: PushEntry[];
}

export interface AckMessage {
  type: 'ack';
  batchId: number;
  /** The seq of each entry of the batch, in order (strictly increasing). */
  seqs: number[];
}

export function writePush(writer: Writer, message: PushMessage): void {
  writeUint(writer, message.batchId);
  writeUint(writer, message.entries.length);
  for (const entry of message.entries) {
    writeString(writer, entry.docId);
    writeBytes(writer, entry.update);
  }
}

export function readPush(reader: Reader): PushMessage {
  const batchId = readUint(reader, 'batchId');
  const count = readCount(reader, 3, 'push entry count');
  const entries: PushEntry[] = new Array(count);
  for (let i = 0; i < count; i++) {
    entries[i] = { docId: readString(reader, 'docId', MAX_DOC_ID_LENGTH), update: readBytes(reader, 'update') };
  }
  return { type: 'push', batchId, entries };
}

export function writeAck(writer: Writer, message: AckMessage): void {
  writeUint(writer, message.batchId);
  writeUint(writer, message.seqs.length);
  for (const seq of message.seqs) writeUint(writer, seq);
}

export function readAck(reader: Reader): AckMessage {
  const batchId = readUint(reader, 'batchId');
  const count = readCount(reader, 1, 'ack seq count');
  const seqs: number[] = new Array(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const seq = readUint(reader, 'seq');
    if (seq <= previous) throw badMessage(`ack seqs must increase (${seq} after ${previous}).`);
    seqs[i] = previous = seq;
  }
  return { type: 'ack', batchId, seqs };
}
