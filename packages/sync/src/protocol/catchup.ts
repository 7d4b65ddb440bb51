// relay → client after `hello`: the log entries after the client's `lastSeq`, in batches of
// `catchup`, then one `live {headSeq}` marker; or, when the log no longer reaches back that
// far (compacted) or the client is new, `bootstrap` telling it to fetch the HTTP snapshot
// bundle first.
//
// Ordering contract (the relay's to keep): on one socket every entry with seq ≤ headSeq that
// this client may read is sent in `catchup` before `live`, in increasing seq; after `live`
// only seqs > headSeq arrive (as `update`). Seqs may skip (entries this client must not read,
// such as another user's private doc), so a client never treats a skip as a gap.
import { MAX_DOC_ID_LENGTH, MAX_ID_LENGTH } from '../limits.ts';
import { badMessage, readBytes, readCount, readString, readUint, writeBytes, writeString, writeUint, type Reader, type Writer } from './codec.ts';

export interface LogEntry {
  seq: number;
  docId: string;
  update: Uint8Array;
}

export interface CatchupMessage {
  type: 'catchup';
  /** In strictly increasing seq. */
  entries: LogEntry[];
}

export interface LiveMessage {
  type: 'live';
  /** The log's head when catch-up ended; the client's cursor may move up to it. */
  headSeq: number;
}

export const BootstrapReason = {
  /** The log was compacted past the client's `lastSeq`. */
  Compacted: 'compacted',
  /** The client has nothing yet (`lastSeq` 0) and the workspace has a snapshot. */
  NewClient: 'new_client',
} as const;
export type BootstrapReason = (typeof BootstrapReason)[keyof typeof BootstrapReason];
const BOOTSTRAP_REASONS = new Set<string>(Object.values(BootstrapReason));

export interface BootstrapMessage {
  type: 'bootstrap';
  reason: BootstrapReason;
  headSeq: number;
}

export function writeCatchup(writer: Writer, message: CatchupMessage): void {
  writeUint(writer, message.entries.length);
  for (const entry of message.entries) {
    writeUint(writer, entry.seq);
    writeString(writer, entry.docId);
    writeBytes(writer, entry.update);
  }
}

export function readCatchup(reader: Reader): CatchupMessage {
  const count = readCount(reader, 4, 'catchup entry count');
  const entries: LogEntry[] = new Array(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const seq = readUint(reader, 'seq');
    if (seq <= previous) throw badMessage(`catchup seqs must increase (${seq} after ${previous}).`);
    previous = seq;
    entries[i] = { seq, docId: readString(reader, 'docId', MAX_DOC_ID_LENGTH), update: readBytes(reader, 'update') };
  }
  return { type: 'catchup', entries };
}

export function writeLive(writer: Writer, message: LiveMessage): void {
  writeUint(writer, message.headSeq);
}

export function readLive(reader: Reader): LiveMessage {
  return { type: 'live', headSeq: readUint(reader, 'headSeq') };
}

export function writeBootstrap(writer: Writer, message: BootstrapMessage): void {
  writeString(writer, message.reason);
  writeUint(writer, message.headSeq);
}

export function readBootstrap(reader: Reader): BootstrapMessage {
  const reason = readString(reader, 'bootstrap reason', MAX_ID_LENGTH);
  if (!BOOTSTRAP_REASONS.has(reason)) throw badMessage(`Unknown bootstrap reason "${reason}".`);
  return { type: 'bootstrap', reason: reason as BootstrapReason, headSeq: readUint(reader, 'headSeq') };
}
