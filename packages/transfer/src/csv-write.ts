// Rows to RFC 4180 CSV: fields quoted when they hold the separator, a quote, a line end or
// edge spaces; CRLF line ends; optional UTF-8 BOM so Excel opens accents right. Cells that a
// spreadsheet would run as a formula (=HYPERLINK(…), @SUM, +cmd|…) are prefixed with an
// apostrophe (CSV injection); the importer strips that apostrophe again.
import type { CsvSeparator } from './csv-parse.ts';
import { encodeUtf8 } from './host.ts';
import type { Cell } from './table.ts';

export interface CsvWriteOptions {
  separator?: CsvSeparator;
  /** Start with a UTF-8 byte order mark (what Excel needs to read UTF-8). */
  bom?: boolean;
  newline?: '\r\n' | '\n';
  /** Prefix formula-looking text with an apostrophe (default true). */
  protectFormulas?: boolean;
}

const FORMULA = /^[=@]|^[+\-][^\d\s.(]|^[+\-].*[A-Za-z|!]/;

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return String(cell);
}

function field(cell: Cell | undefined, separator: string, protect: boolean): string {
  let text = cellText(cell);
  if (protect && typeof cell === 'string' && FORMULA.test(text)) text = `'${text}`;
  const needsQuotes =
    text.includes(separator) || text.includes('"') || text.includes('\n') || text.includes('\r') ||
    (text.length > 0 && (text[0] === ' ' || text[text.length - 1] === ' '));
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of a header and rows. */
export function writeCsv(headers: readonly string[], rows: Iterable<readonly Cell[]>, options: CsvWriteOptions = {}): string {
  const separator = options.separator ?? ',';
  const newline = options.newline ?? '\r\n';
  const protect = options.protectFormulas ?? true;
  const lines: string[] = [headers.map((h) => field(h, separator, false)).join(separator)];
  for (const row of rows) lines.push(row.map((cell) => field(cell, separator, protect)).join(separator));
  return (options.bom ? '\ufeff' : '') + lines.join(newline) + newline;
}

/** The same as bytes (UTF-8, with the BOM when asked). */
export function writeCsvBytes(headers: readonly string[], rows: Iterable<readonly Cell[]>, options: CsvWriteOptions = {}): Uint8Array {
  return encodeUtf8(writeCsv(headers, rows, options));
}
