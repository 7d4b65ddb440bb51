// Reads an imported file off the page's thread: decoding, CSV tokenizing, and above all XLSX,
// which read-excel-file parses in one call (about 2 s for 100,000 rows). The table goes back
// in slices of rows; the page can drop the worker at any time to cancel.
import { TransferErrorCode, isTransferError, readSource } from '@carnet/transfer';
import { ROWS_PER_MESSAGE, type ReadMessage, type ReadRequest } from './read-messages.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: ReadMessage): void;
}
const scope = self as unknown as WorkerScope;
const post = (message: ReadMessage) => scope.postMessage(message);

scope.onmessage = async (event) => {
  const { bytes, fileName, encoding, separator } = event.data;
  try {
    const table = await readSource(bytes, {
      fileName,
      encoding,
      separator,
      // Nothing else runs in this worker: no need to give turns away while reading.
      yieldToHost: async () => {},
      onProgress: ({ done, total }) => post({ type: 'progress', done, total }),
    });
    post({ type: 'head', headers: table.headers, info: table.info });
    for (let start = 0; start < table.rows.length; start += ROWS_PER_MESSAGE) {
      post({ type: 'rows', rows: table.rows.slice(start, start + ROWS_PER_MESSAGE) });
    }
    post({ type: 'done' });
  } catch (error) {
    post({
      type: 'error',
      code: isTransferError(error) ? error.code : TransferErrorCode.UnreadableFile,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
