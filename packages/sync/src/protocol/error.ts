// relay → client `error`: a typed refusal. About one batch or doc (`batchId`, `docId`: a
// viewer's push refused with `forbidden`, a malformed update refused with `bad_update`) the
// connection stays open; otherwise the relay closes the socket right after with
// `closeCodeFor(code)`.
import { isSyncErrorCode, type SyncErrorCode } from '../errors.ts';
import { MAX_DOC_ID_LENGTH, MAX_ERROR_TEXT_LENGTH, MAX_ID_LENGTH } from '../limits.ts';
import { badMessage, readString, readUint, writeString, writeUint, type Reader, type Writer } from './codec.ts';

export interface ErrorMessage {
  type: 'error';
  code: SyncErrorCode;
  message: string;
  docId?: string;
  batchId?: number;
}

const HAS_DOC_ID = 1;
const HAS_BATCH_ID = 2;

export function writeError(writer: Writer, message: ErrorMessage): void {
  writeString(writer, message.code);
  writeString(writer, message.message.slice(0, MAX_ERROR_TEXT_LENGTH));
  writeUint(writer, (message.docId !== undefined ? HAS_DOC_ID : 0) | (message.batchId !== undefined ? HAS_BATCH_ID : 0));
  if (message.docId !== undefined) writeString(writer, message.docId);
  if (message.batchId !== undefined) writeUint(writer, message.batchId);
}

export function readError(reader: Reader): ErrorMessage {
  const code = readString(reader, 'error code', MAX_ID_LENGTH);
  if (!isSyncErrorCode(code)) throw badMessage(`Unknown error code "${code}".`);
  const message = readString(reader, 'error message', MAX_ERROR_TEXT_LENGTH, true);
  const flags = readUint(reader, 'error flags');
  if (flags & ~(HAS_DOC_ID | HAS_BATCH_ID)) throw badMessage(`Unknown error flags ${flags}.`);
  const result: ErrorMessage = { type: 'error', code, message };
  if (flags & HAS_DOC_ID) result.docId = readString(reader, 'docId', MAX_DOC_ID_LENGTH);
  if (flags & HAS_BATCH_ID) result.batchId = readUint(reader, 'batchId');
  return result;
}
