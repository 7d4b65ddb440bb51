// Reads a chosen file into the importer's row model in a worker (read.worker.ts), so a large
// CSV or any XLSX never stalls the page. Where workers cannot start, the same reading runs on
// the page, giving the browser a turn between batches.
import {
  TransferError, TransferErrorCode, readSource,
  type CsvSeparator, type SourceInfo, type SourceRow, type SourceTable, type TextEncodingName,
} from '@carnet/transfer';
import type { ReadMessage, ReadRequest } from './read-messages.ts';
import { yieldToBrowser } from './yield.ts';

export interface ReadFileOptions {
  encoding?: TextEncodingName;
  separator?: CsvSeparator;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

interface FileLike {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

const cancelled = () => new TransferError(TransferErrorCode.Cancelled, 'The operation was cancelled.');

function readHere(bytes: Uint8Array, file: FileLike, options: ReadFileOptions): Promise<SourceTable> {
  return readSource(bytes, {
    fileName: file.name, encoding: options.encoding, separator: options.separator,
    yieldToHost: yieldToBrowser, signal: options.signal,
    onProgress: ({ done, total }) => options.onProgress?.(done, total),
  });
}

export async function readFile(file: FileLike, options: ReadFileOptions = {}): Promise<SourceTable> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (options.signal?.aborted) throw cancelled();
  const worker = startWorker();
  if (!worker) return readHere(bytes, file, options);
  return new Promise<SourceTable>((resolve, reject) => {
    let headers: string[] = [];
    let info: SourceInfo | undefined;
    let heard = false;
    const rows: SourceRow[] = [];
    const finish = () => {
      worker.terminate();
      options.signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(cancelled());
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (event: MessageEvent<ReadMessage>) => {
      heard = true;
      const message = event.data;
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.done, message.total);
          break;
        case 'head':
          headers = message.headers;
          info = message.info;
          break;
        case 'rows':
          for (const row of message.rows) rows.push(row);
          break;
        case 'done':
          finish();
          resolve({ headers, rows, info: info! });
          break;
        case 'error':
          finish();
          reject(new TransferError(message.code, message.message));
          break;
      }
    };
    worker.onerror = (event) => {
      finish();
      // A worker that could not even start (its script missing offline): read on the page.
      if (!heard) readHere(bytes, file, options).then(resolve, reject);
      else reject(new TransferError(TransferErrorCode.UnreadableFile, event.message || 'The file could not be read.'));
    };
    // Copied rather than transferred: the page keeps the bytes for reading here if need be.
    const request: ReadRequest = { bytes, fileName: file.name, encoding: options.encoding, separator: options.separator };
    worker.postMessage(request);
  });
}
