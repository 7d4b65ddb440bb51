// CSV text to the row model, a batch at a time: the header is the first non-empty record, empty
// records are skipped and counted, records whose number of fields differs from the header's are
// listed. Between batches the host gets a turn, so 100,000 rows never freeze a page.
import { decodeText, type DecodedText } from './decode.ts';
import { detectSeparator, excelSeparatorLine, parseCsvRecords, type CsvCursor, type CsvSeparator } from './csv-parse.ts';
import { TransferError, TransferErrorCode } from './errors.ts';
import { throwIfAborted, yieldMacrotask, type HostOptions } from './host.ts';
import { isEmptyRow, type SourceInfo, type SourceRow, type SourceTable } from './table.ts';

export interface CsvReadOptions extends HostOptions {
  /** Forces a separator; detected otherwise. */
  separator?: CsvSeparator;
  /** Rows handed out per batch, with a yield to the host after each. */
  batchRows?: number;
}

export interface CsvBatch {
  headers: string[];
  rows: SourceRow[];
  /** Running totals: empty rows so far, ragged rows so far, the separator. */
  info: SourceInfo;
  /** Characters parsed so far, of `total`. */
  done: number;
  total: number;
}

const DEFAULT_BATCH = 2_000;

/**
 * Yields the data rows in batches. The first batch comes once the header is known; a file with
 * a header and no rows yields one empty batch. Throws TransferError `no_header` on a file with
 * nothing but empty lines.
 */
export async function* readCsvBatches(text: string, options: CsvReadOptions = {}): AsyncGenerator<CsvBatch, void, void> {
  const yieldToHost = options.yieldToHost ?? yieldMacrotask;
  const batchRows = options.batchRows ?? DEFAULT_BATCH;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const declared = excelSeparatorLine(body);
  const separator = options.separator ?? declared?.separator ?? detectSeparator(body);
  const cursor: CsvCursor = { pos: declared?.pos ?? 0, line: declared ? 2 : 1 };
  const info: SourceInfo = { format: 'csv', separator, emptyRows: 0, raggedRows: [] };
  let headers: string[] | undefined;
  let rowNumber = 0;
  let yielded = false;

  while (cursor.pos < body.length) {
    throwIfAborted(options.signal);
    const records = parseCsvRecords(body, separator, cursor, batchRows);
    const rows: SourceRow[] = [];
    for (const record of records) {
      rowNumber++;
      if (isEmptyRow(record.fields)) {
        if (headers) info.emptyRows++;
        continue;
      }
      if (!headers) {
        headers = record.fields.map((h) => h.trim());
        continue;
      }
      let cells = record.fields;
      if (cells.length > headers.length && isEmptyRow(cells.slice(headers.length))) cells = cells.slice(0, headers.length);
      if (cells.length !== headers.length) info.raggedRows.push({ row: rowNumber, cells: cells.length, expected: headers.length });
      if (record.unclosedQuote) info.unclosedQuoteRow = rowNumber;
      rows.push(record.line === rowNumber ? { row: rowNumber, cells } : { row: rowNumber, line: record.line, cells });
    }
    if (!headers) continue;
    options.onProgress?.({ phase: 'read', done: cursor.pos, total: body.length });
    yield { headers, rows, info, done: cursor.pos, total: body.length };
    yielded = true;
    await yieldToHost();
  }
  if (!headers) throw new TransferError(TransferErrorCode.NoHeader, 'The file has no header row: it is empty.');
  if (!yielded) yield { headers, rows: [], info, done: body.length, total: body.length };
}

/** Reads a whole CSV (bytes are decoded first, with the encoding detected) into a table. */
export async function readCsv(input: Uint8Array | string | DecodedText, options: CsvReadOptions = {}): Promise<SourceTable> {
  const decoded = typeof input === 'string' ? undefined : input instanceof Uint8Array ? decodeText(input) : input;
  const text = typeof input === 'string' ? input : decoded!.text;
  let headers: string[] = [];
  let info: SourceInfo | undefined;
  const rows: SourceRow[] = [];
  for await (const batch of readCsvBatches(text, options)) {
    headers = batch.headers;
    info = batch.info;
    for (const row of batch.rows) rows.push(row);
  }
  if (decoded) {
    info!.encoding = decoded.encoding;
    info!.encodingEvidence = decoded.evidence;
  }
  return { headers, rows, info: info! };
}
