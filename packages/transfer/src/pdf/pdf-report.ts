// A list, a view or a report widget as a PDF that reads like a report: the title, what it is
// of (workspace, filters, period, when it was made), the chart as the widget draws it, notes,
// then the table with its header repeated on every page, and "Page n of N" in each footer.
// The table is capped (PDF_MAX_ROWS by default): a 100,000-row list would be 2,500 pages that
// take half a minute to draw; the document then says which rows it holds, and so must the app.
import type { HostOptions } from '../host.ts';
import { drawScene, type ChartScene } from './pdf-scene.ts';
import { drawTable, type PdfTable } from './pdf-table.ts';
import { MUTED_COLOR, PdfWriter, type Orientation, type PdfWords } from './pdf-writer.ts';

/** Rows a table PDF holds at most unless the caller says otherwise (about 250 pages). */
export const PDF_MAX_ROWS = 10_000;

export interface ReportPdfWords extends PdfWords {
  /** "Rows 1 to 10,000 of 100,000: export CSV or Excel for all of them." */
  truncated(shown: number, total: number): string;
  /** Said instead of an empty table. */
  empty: string;
}

export interface ReportPdfInput {
  title: string;
  /** Lines under the title: workspace, filters, period, generated on (values already in the user's language). */
  details: readonly (readonly [label: string, value: string])[];
  /** The widget's chart, or a big number, as a scene; none for lists. */
  chart?: ChartScene | null;
  /** Lines under the chart: totals, what is left out. */
  notes?: readonly string[];
  table: PdfTable;
}

export interface ReportPdfOptions extends HostOptions {
  words: ReportPdfWords;
  /** Default: PDF_MAX_ROWS. */
  maxRows?: number;
  /** Rows there were before the caller kept only the first ones (when it did, to spare formatting them). */
  totalRows?: number;
  /** Default: landscape when the table has more than 5 columns. */
  orientation?: Orientation;
  compress?: boolean;
  language?: string;
  /** Footer text (default: the title). */
  footer?: string;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** Table rows in the document. */
  rows: number;
  /** Rows left out by the cap. */
  omitted: number;
  /** Characters the fonts could not draw, shown as "?". */
  replaced: number;
}

export async function writeReportPdf(input: ReportPdfInput, options: ReportPdfOptions): Promise<PdfResult> {
  const maxRows = Math.max(0, options.maxRows ?? PDF_MAX_ROWS);
  const total = Math.max(input.table.rows.length, options.totalRows ?? 0);
  const rows = total > maxRows ? input.table.rows.slice(0, maxRows) : input.table.rows;
  const writer = new PdfWriter({
    words: options.words,
    orientation: options.orientation ?? (input.table.headers.length > 5 ? 'landscape' : 'portrait'),
    compress: options.compress,
    title: input.title,
    footer: options.footer,
    language: options.language,
  });
  writer.title(input.title);
  if (input.details.length) writer.fields(input.details, { size: 9 });
  if (rows.length < total) writer.paragraph(options.words.truncated(rows.length, total), { size: 9, bold: true, after: 2 });
  writer.rule(10);
  if (input.chart) drawScene(writer, input.chart);
  for (const note of input.notes ?? []) writer.paragraph(note, { size: 8.5, color: MUTED_COLOR });
  if (input.notes?.length) writer.space(6);
  let drawn = 0;
  if (rows.length === 0) writer.paragraph(options.words.empty, { size: 9, color: MUTED_COLOR });
  else drawn = await drawTable(writer, { ...input.table, rows }, options);
  const { bytes, pages } = writer.finish();
  return { bytes, pages, rows: drawn, omitted: total - drawn, replaced: writer.replaced };
}
