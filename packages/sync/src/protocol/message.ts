// The message union and the one entry point each way: `encodeMessage` and `decodeMessage`.
// Decoding never throws anything but a SyncError: garbage, truncated frames, trailing bytes,
// unknown tags and lib0's own range errors all become `bad_message`; a frame over the limit
// is `too_large` before a byte of it is read; a `hello` of another version is
// `unsupported_version`. Every read is bounded by the frame, so decoding cannot loop.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { SyncError, SyncErrorCode, isSyncError } from '../errors.ts';
import { badMessage, readUint, type Reader, type Writer } from './codec.ts';
import { readAwareness, writeAwareness, type AwarenessMessage } from './awareness.ts';
import {
  readBootstrap, readCatchup, readLive, writeBootstrap, writeCatchup, writeLive,
  type BootstrapMessage, type CatchupMessage, type LiveMessage,
} from './catchup.ts';
import { readError, writeError, type ErrorMessage } from './error.ts';
import { readHello, writeHello, type HelloMessage } from './hello.ts';
import { readAck, readPush, writeAck, writePush, type AckMessage, type PushMessage } from './push.ts';
import { readSyncStep1, readSyncStep2, writeSyncStep1, writeSyncStep2, type SyncStep1Message, type SyncStep2Message } from './repair.ts';
import { MessageTag, type MessageType } from './tags.ts';
import { readUpdate, writeUpdate, type UpdateMessage } from './update.ts';

/** What a client sends. */
export type ClientMessage = HelloMessage | PushMessage | AwarenessMessage | SyncStep1Message | SyncStep2Message;
/** What a relay sends. */
export type RelayMessage =
  | CatchupMessage | LiveMessage | BootstrapMessage | AckMessage | UpdateMessage
  | AwarenessMessage | SyncStep1Message | SyncStep2Message | ErrorMessage;
export type SyncMessage = ClientMessage | RelayMessage;

type Codec<M> = { write: (writer: Writer, message: M) => void; read: (reader: Reader) => M };
type Codecs = { [T in MessageType]: Codec<Extract<SyncMessage, { type: T }>> };

const CODECS: Codecs = {
  hello: { write: writeHello, read: readHello },
  catchup: { write: writeCatchup, read: readCatchup },
  live: { write: writeLive, read: readLive },
  bootstrap: { write: writeBootstrap, read: readBootstrap },
  push: { write: writePush, read: readPush },
  ack: { write: writeAck, read: readAck },
  update: { write: writeUpdate, read: readUpdate },
  awareness: { write: writeAwareness, read: readAwareness },
  syncStep1: { write: writeSyncStep1, read: readSyncStep1 },
  syncStep2: { write: writeSyncStep2, read: readSyncStep2 },
  error: { write: writeError, read: readError },
};

const TYPE_OF_TAG = new Map<number, MessageType>(Object.entries(MessageTag).map(([type, tag]) => [tag, type as MessageType]));

const CLIENT_TYPES: ReadonlySet<MessageType> = new Set(['hello', 'push', 'awareness', 'syncStep1', 'syncStep2']);
const RELAY_TYPES: ReadonlySet<MessageType> = new Set([
  'catchup', 'live', 'bootstrap', 'ack', 'update', 'awareness', 'syncStep1', 'syncStep2', 'error',
]);

export function encodeMessage(message: SyncMessage): Uint8Array<ArrayBuffer> {
  const writer = encoding.createEncoder();
  encoding.writeVarUint(writer, MessageTag[message.type]);
  (CODECS[message.type] as Codec<SyncMessage>).write(writer, message);
  return encoding.toUint8Array(writer);
}

export interface DecodeOptions {
  /** Frames longer than this are refused with `too_large` (no limit when omitted). */
  maxBytes?: number;
}

export function decodeMessage(frame: Uint8Array, options: DecodeOptions = {}): SyncMessage {
  if (!(frame instanceof Uint8Array)) throw badMessage('A frame must be bytes.');
  if (options.maxBytes !== undefined && frame.length > options.maxBytes) {
    throw new SyncError(SyncErrorCode.TooLarge, `Frame of ${frame.length} bytes exceeds the limit of ${options.maxBytes}.`);
  }
  try {
    const reader = decoding.createDecoder(frame);
    const tag = readUint(reader, 'message tag');
    const type = TYPE_OF_TAG.get(tag);
    if (type === undefined) throw badMessage(`Unknown message tag ${tag}.`);
    const message = CODECS[type].read(reader);
    if (reader.pos !== frame.length) throw badMessage(`${frame.length - reader.pos} trailing bytes after ${type}.`);
    return message;
  } catch (error) {
    if (isSyncError(error)) throw error;
    throw new SyncError(SyncErrorCode.BadMessage, `Malformed frame: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Decodes a frame a relay received: relay-only messages from a client are `bad_message`. */
export function decodeClientMessage(frame: Uint8Array, options: DecodeOptions = {}): ClientMessage {
  const message = decodeMessage(frame, options);
  if (!CLIENT_TYPES.has(message.type)) throw badMessage(`A client may not send ${message.type}.`);
  return message as ClientMessage;
}

/** Decodes a frame a client received: client-only messages from a relay are `bad_message`. */
export function decodeRelayMessage(frame: Uint8Array, options: DecodeOptions = {}): RelayMessage {
  const message = decodeMessage(frame, options);
  if (!RELAY_TYPES.has(message.type)) throw badMessage(`A relay may not send ${message.type}.`);
  return message as RelayMessage;
}

/**
 * The bytes of a WebSocket message event's `data` (ArrayBuffer with binaryType
 * 'arraybuffer', or a Node Buffer / Uint8Array). Text frames and anything else are
 * `bad_message`: the protocol is binary only.
 */
export function frameBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  // Tag checks rather than instanceof: a frame may come from another realm (a worker, a test VM).
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') throw badMessage('Text frames are not part of the protocol.');
  throw badMessage('Unsupported frame data.');
}
