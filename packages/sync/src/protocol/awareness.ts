// Both ways `awareness`: presence on one record doc (who is viewing it, cursors in its text),
// carried as y-protocols awareness update bytes. The relay forwards them to the other sockets
// of the workspace and never logs them.
import { MAX_DOC_ID_LENGTH } from '../limits.ts';
import { readBytes, readString, writeBytes, writeString, type Reader, type Writer } from './codec.ts';

export interface AwarenessMessage {
  type: 'awareness';
  docId: string;
  /** `encodeAwarenessUpdate` bytes from y-protocols/awareness. */
  update: Uint8Array;
}

export function writeAwareness(writer: Writer, message: AwarenessMessage): void {
  writeString(writer, message.docId);
  writeBytes(writer, message.update);
}

export function readAwareness(reader: Reader): AwarenessMessage {
  return { type: 'awareness', docId: readString(reader, 'docId', MAX_DOC_ID_LENGTH), update: readBytes(reader, 'update') };
}
