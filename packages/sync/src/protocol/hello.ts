// client → relay, first frame on every connection: who I am and where my log cursor is.
// Layout: tag, protocolVersion, workspaceId, lastSeq, deviceId. The tag and version come
// first and never move, so a relay can refuse any future version with `unsupported_version`.
import { PROTOCOL_VERSION } from '../version.ts';
import { SyncError, SyncErrorCode } from '../errors.ts';
import { MAX_ID_LENGTH } from '../limits.ts';
import { readString, readUint, writeString, writeUint, type Reader, type Writer } from './codec.ts';

export interface HelloMessage {
  type: 'hello';
  protocolVersion: number;
  workspaceId: string;
  /** The highest log seq this client has applied (0 for none). */
  lastSeq: number;
  deviceId: string;
}

export function writeHello(writer: Writer, message: HelloMessage): void {
  writeUint(writer, message.protocolVersion);
  writeString(writer, message.workspaceId);
  writeUint(writer, message.lastSeq);
  writeString(writer, message.deviceId);
}

export function readHello(reader: Reader): HelloMessage {
  const protocolVersion = readUint(reader, 'protocolVersion');
  if (protocolVersion !== PROTOCOL_VERSION) {
    throw new SyncError(
      SyncErrorCode.UnsupportedVersion,
      `Protocol version ${protocolVersion} is not supported (this end speaks ${PROTOCOL_VERSION}).`,
    );
  }
  return {
    type: 'hello',
    protocolVersion,
    workspaceId: readString(reader, 'workspaceId', MAX_ID_LENGTH),
    lastSeq: readUint(reader, 'lastSeq'),
    deviceId: readString(reader, 'deviceId', MAX_ID_LENGTH),
  };
}
