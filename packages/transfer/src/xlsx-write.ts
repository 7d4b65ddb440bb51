// Rows to an XLSX workbook (one sheet) with write-excel-file: a bold, frozen header row, dates
// as real date cells, numbers as numbers, so the file sorts and sums in Excel.
import writeXlsxFile from 'write-excel-file/universal';
import type { Cell } from './table.ts';

export interface XlsxWriteOptions {
  /** Sheet name (Excel allows 31 characters, no []:*?/\). */
  sheet?: string;
  /** Excel number format for date cells. */
  dateFormat?: string;
}

interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

function xlsxCell(cell: Cell | undefined): unknown {
  if (cell === null || cell === undefined || cell === '') return null;
  return cell;
}

export async function writeXlsx(headers: readonly string[], rows: Iterable<readonly Cell[]>, options: XlsxWriteOptions = {}): Promise<Uint8Array> {
  const data: unknown[][] = [headers.map((h) => ({ value: h, fontWeight: 'bold' }))];
  for (const row of rows) data.push(row.map(xlsxCell));
  const write = writeXlsxFile as unknown as (data: unknown[][], options: Record<string, unknown>) => { toBlob(): Promise<BlobLike> };
  const blob = await write(data, {
    sheet: safeSheetName(options.sheet ?? 'Sheet1'),
    dateFormat: options.dateFormat ?? 'yyyy-mm-dd',
    stickyRowsCount: 1,
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
