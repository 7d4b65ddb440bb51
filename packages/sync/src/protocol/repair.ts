// Both ways, per-doc repair with state vectors (y-protocols sync steps 1 and 2, but framed as
// Carnet messages on the workspace socket): `syncStep1 {docId, stateVector}` asks the other
// end for what it has beyond that vector; `syncStep2 {docId, update}` is the answer. Repair
// updates are applied like any other update and do not move the log cursor.
import { MAX_DOC_ID_LENGTH } from '../limits.ts';
import { readBytes, readString, writeBytes, writeString, type Reader, type Writer } from './codec.ts';

export interface SyncStep1Message {
  type: 'syncStep1';
  docId: string;
  stateVector: Uint8Array;
}

export interface SyncStep2Message {
  type: 'syncStep2';
  docId: string;
  update: Uint8Array;
}

export function writeSyncStep1(writer: Writer, message: SyncStep1Message): void {
  writeString(writer, message.docId);
  writeBytes(writer, message.stateVector);
}

export function readSyncStep1(reader: Reader): SyncStep1Message {
  return { type: 'syncStep1', docId: readString(reader, 'docId', MAX_DOC_ID_LENGTH), stateVector: readBytes(reader, 'stateVector') };
}

export function writeSyncStep2(writer: Writer, message: SyncStep2Message): void {
  writeString(writer, message.docId);
  writeBytes(writer, message.update);
}

export function readSyncStep2(reader: Reader): SyncStep2Message {
  return { type: 'syncStep2', docId: readString(reader, 'docId', MAX_DOC_ID_LENGTH), update: readBytes(reader, 'update') };
}
