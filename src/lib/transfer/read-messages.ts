// The messages between the import page and the worker that reads files: one request with the
// file's bytes, then progress, the header, the rows in slices (so that no single message takes
// the page long to receive), and the end or a typed error.
import type { CsvSeparator, SourceInfo, SourceRow, TextEncodingName, TransferErrorCode } from '@carnet/transfer';

export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  encoding?: TextEncodingName;
  separator?: CsvSeparator;
}

export type ReadMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'head'; headers: string[]; info: SourceInfo }
  | { type: 'rows'; rows: SourceRow[] }
  | { type: 'done' }
  | { type: 'error'; code: TransferErrorCode; message: string };

/** Rows per message: a slice the page receives in a few milliseconds. */
export const ROWS_PER_MESSAGE = 5_000;
