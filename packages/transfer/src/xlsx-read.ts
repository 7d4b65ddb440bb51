// XLSX to the row model with read-excel-file (see the package README for why this library).
// The first sheet by default, or one named by the user. Cells keep their spreadsheet types:
// numbers, booleans and dates (formatted date cells come back as Date at UTC midnight).
import { readSheet } from 'read-excel-file/universal';
import { TransferError, TransferErrorCode } from './errors.ts';
import { isEmptyRow, type Cell, type SourceInfo, type SourceRow, type SourceTable } from './table.ts';

export interface XlsxReadOptions {
  /** Sheet name or 1-based number; the first sheet when omitted. */
  sheet?: string | number;
}

/** The exact ArrayBuffer read-excel-file wants (it checks `instanceof ArrayBuffer`). */
function arrayBufferOf(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function asCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  return String(value);
}

function translateError(error: unknown): TransferError {
  const named = error as { name?: string; code?: string; sheets?: string[]; message?: string };
  if (named?.name === 'SheetNotFoundError') {
    return new TransferError(TransferErrorCode.SheetNotFound, `No such sheet. The workbook has: ${(named.sheets ?? []).join(', ')}.`, { cause: error });
  }
  if (named?.name === 'InvalidInputError' || named?.name === 'InvalidSpreadsheetError') {
    const code = named.code === 'FILE_NOT_SUPPORTED' || named.code === 'XLS_FILE_NOT_SUPPORTED' ? TransferErrorCode.UnsupportedFormat : TransferErrorCode.UnreadableFile;
    return new TransferError(code, `This is not a readable .xlsx workbook (${named.code ?? named.message}).`, { cause: error });
  }
  return new TransferError(TransferErrorCode.UnreadableFile, `The workbook could not be read: ${String(named?.message ?? error)}`, { cause: error });
}

/** Reads one sheet: its first non-empty row is the header. */
export async function readXlsx(bytes: Uint8Array | ArrayBuffer, options: XlsxReadOptions = {}): Promise<SourceTable> {
  let data: unknown[][];
  try {
    data = (await readSheet(arrayBufferOf(bytes), options.sheet ?? 1)) as unknown[][];
  } catch (error) {
    throw translateError(error);
  }
  const info: SourceInfo = { format: 'xlsx', sheet: options.sheet ?? 1, emptyRows: 0, raggedRows: [] };
  let headers: string[] | undefined;
  const rows: SourceRow[] = [];
  for (const [index, raw] of data.entries()) {
    const cells = raw.map(asCell);
    if (isEmptyRow(cells)) {
      if (headers) info.emptyRows++;
      continue;
    }
    if (!headers) {
      headers = cells.map((c) => (c === null ? '' : String(c).trim()));
      continue;
    }
    rows.push({ row: index + 1, cells });
  }
  if (!headers) throw new TransferError(TransferErrorCode.NoHeader, 'The sheet has no header row: it is empty.');
  // A spreadsheet row is as wide as the widest row; trailing empty cells say nothing.
  for (const row of rows) {
    while (row.cells.length > headers.length && row.cells[row.cells.length - 1] === null) row.cells.pop();
    if (row.cells.length > headers.length) info.raggedRows.push({ row: row.row, cells: row.cells.length, expected: headers.length });
  }
  while (headers.length && headers[headers.length - 1] === '' && rows.every((r) => r.cells.length < headers!.length || r.cells[headers!.length - 1] === null)) {
    headers.pop();
  }
  return { headers, rows, info };
}
