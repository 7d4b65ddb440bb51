// The one row model every reader produces (CSV, XLSX, vCard) and every later step consumes:
// a header and numbered rows of cells. Row numbers are what the user sees in the file: in a
// spreadsheet the header is row 1; a vCard's "row" is the card's number in the file.
import type { TextEncodingName, EncodingEvidence } from './decode.ts';

/** A cell as read: text from CSV and vCard; XLSX also gives numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export type SourceFormat = 'csv' | 'xlsx' | 'vcard';

export interface SourceRow {
  /** The row's number as the file's own viewer shows it (header row = 1). */
  row: number;
  /** Line in the text file where the record starts, when it differs from `row` (vCard). */
  line?: number;
  cells: Cell[];
}

/** A row whose number of cells is not the header's. */
export interface RaggedRow {
  row: number;
  cells: number;
  expected: number;
}

export interface SourceInfo {
  format: SourceFormat;
  encoding?: TextEncodingName;
  encodingEvidence?: EncodingEvidence;
  separator?: ',' | ';' | '\t';
  /** XLSX: the sheet read. */
  sheet?: string | number;
  /** vCard: the versions met (e.g. ['3.0', '4.0']). */
  versions?: string[];
  /** Rows with no value at all, skipped (they keep their place in the numbering). */
  emptyRows: number;
  raggedRows: RaggedRow[];
  /** CSV: the row where a quoted field opened and never closed (it ran to the end of the file). */
  unclosedQuoteRow?: number;
}

export interface SourceTable {
  headers: string[];
  rows: SourceRow[];
  info: SourceInfo;
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function isEmptyRow(cells: readonly Cell[]): boolean {
  return cells.every(isEmptyCell);
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** How a column is named to the user: its header, or its letter when the header is blank. */
export function columnName(headers: readonly string[], index: number): string {
  const header = headers[index]?.trim();
  return header ? header : `(${columnLetter(index)})`;
}
