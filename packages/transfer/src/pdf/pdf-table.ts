// A table drawn into the flowing document: column widths from the header and a sample of the
// cells, cells wrapped to a few lines (longer text is cut with "…"), numbers right-aligned, and
// the header row drawn again at the top of every page the table continues on. Long tables yield
// to the host between slices of rows so a browser keeps painting.
import { throwIfAborted, type HostOptions } from '../host.ts';
import { pdfText } from './pdf-text.ts';
import { MUTED_COLOR, RULE_COLOR, type PdfWriter } from './pdf-writer.ts';

export type PdfCell = string | number | null | undefined;

export interface PdfTable {
  headers: readonly string[];
  rows: readonly (readonly PdfCell[])[];
  /** Columns holding numbers: right-aligned. */
  numeric?: readonly boolean[];
}

export interface PdfTableOptions extends HostOptions {
  size?: number;
  /** Lines a cell may take before it is cut (default 3). */
  maxLines?: number;
  /** Rows drawn between two turns for the host (default 100: about 40 ms here). */
  slice?: number;
}

const PAD_X = 4;
const PAD_Y = 3;
const MIN_COLUMN = 34;
const MAX_NATURAL = 240;
const SAMPLE = 300;
/** Characters of one cell ever looked at: three lines of the widest column hold far fewer. */
const CELL_CHARS = 600;
const HEADER_FILL = '#e7ebef';
const STRIPE_FILL = '#f5f7f9';
const ELLIPSIS = '\x85';

function cellString(cell: PdfCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? String(cell) : cell;
  return text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text;
}

/** Widths that fill `total`: each column's natural width, shrunk or stretched in proportion. */
export function columnWidths(natural: readonly number[], total: number, min = MIN_COLUMN): number[] {
  if (natural.length === 0) return [];
  const floor = Math.min(min, total / natural.length);
  const wanted = natural.map((w) => Math.max(floor, w));
  const sum = wanted.reduce((a, b) => a + b, 0);
  if (sum <= total) return wanted.map((w) => (w / sum) * total);
  // Too wide: every column keeps its floor, the room left is shared by what each wants beyond it.
  const spare = total - floor * wanted.length;
  const beyond = wanted.reduce((a, w) => a + (w - floor), 0);
  return wanted.map((w) => floor + (beyond > 0 ? ((w - floor) / beyond) * spare : spare / wanted.length));
}

function percentile90(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
}

/** Lines of one cell, at most `maxLines`, the last one ending with "…" when text was left out. */
function cellLines(writer: PdfWriter, encoded: string, width: number, maxLines: number): string[] {
  if (!encoded) return [];
  const lines = encoded.split('\n').flatMap((part) => writer.wrap(part, width));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && writer.doc.getTextWidth(`${last}${ELLIPSIS}`) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}${ELLIPSIS}`;
  return kept;
}

/** Draws the table from the writer's cursor on; returns the number of rows drawn. */
export async function drawTable(writer: PdfWriter, table: PdfTable, options: PdfTableOptions = {}): Promise<number> {
  const size = options.size ?? 8;
  const maxLines = options.maxLines ?? 3;
  const slice = options.slice ?? 100;
  const lineHeight = writer.lineHeight(size);
  const { doc } = writer;
  const headers = table.headers.map((h) => writer.text(h));
  const columns = headers.length;
  if (columns === 0) return 0;
  const numeric = table.numeric ?? [];

  // Natural widths: the header's longest word (headers may wrap) and most cells in one line.
  writer.font(size, true);
  const headerWidths = headers.map((h) => Math.max(doc.getTextWidth(h) * 0.6, ...h.split(/\s+/).map((word) => doc.getTextWidth(word))));
  writer.font(size);
  const natural = headers.map((_, c) => {
    const sample: number[] = [];
    for (let r = 0; r < Math.min(SAMPLE, table.rows.length); r++) {
      const text = cellString(table.rows[r][c]);
      if (text) sample.push(doc.getTextWidth(pdfText(text.length > 80 ? text.slice(0, 80) : text).text));
    }
    return Math.min(MAX_NATURAL, Math.max(headerWidths[c], percentile90(sample))) + PAD_X * 2;
  });
  const widths = columnWidths(natural, writer.width);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), writer.left);

  writer.font(size, true);
  const headerLines = headers.map((h, c) => cellLines(writer, h, widths[c] - PAD_X * 2, 2));
  const headerHeight = Math.max(1, ...headerLines.map((l) => l.length)) * lineHeight + PAD_Y * 2;

  const drawHeader = () => {
    doc.setFillColor(HEADER_FILL);
    doc.rect(writer.left, writer.y, writer.width, headerHeight, 'F');
    writer.font(size, true, MUTED_COLOR);
    headerLines.forEach((lines, c) => {
      lines.forEach((line, i) => {
        const y = writer.y + PAD_Y + i * lineHeight + size * 0.9;
        if (numeric[c]) doc.text(line, xs[c] + widths[c] - PAD_X, y, { align: 'right' });
        else doc.text(line, xs[c] + PAD_X, y);
      });
    });
    writer.y += headerHeight;
    doc.setDrawColor(RULE_COLOR);
    doc.setLineWidth(0.6);
    doc.line(writer.left, writer.y, writer.left + writer.width, writer.y);
  };

  writer.ensure(headerHeight + lineHeight * 2 + PAD_Y * 2);
  drawHeader();
  writer.font(size);
  let drawn = 0;
  for (const row of table.rows) {
    writer.font(size);
    const lines = headers.map((_, c) => cellLines(writer, writer.text(cellString(row[c])), widths[c] - PAD_X * 2, maxLines));
    const height = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + PAD_Y * 2;
    if (writer.y + height > writer.bottom) {
      writer.newPage();
      drawHeader();
      writer.font(size);
    }
    if (drawn % 2 === 1) {
      doc.setFillColor(STRIPE_FILL);
      doc.rect(writer.left, writer.y, writer.width, height, 'F');
    }
    lines.forEach((cellText, c) => {
      cellText.forEach((line, i) => {
        const y = writer.y + PAD_Y + i * lineHeight + size * 0.9;
        if (numeric[c]) doc.text(line, xs[c] + widths[c] - PAD_X, y, { align: 'right' });
        else doc.text(line, xs[c] + PAD_X, y);
      });
    });
    writer.y += height;
    drawn++;
    if (drawn % slice === 0) {
      options.onProgress?.({ phase: 'export', done: drawn, total: table.rows.length });
      if (options.yieldToHost) await options.yieldToHost();
      throwIfAborted(options.signal);
    }
  }
  doc.setDrawColor(RULE_COLOR);
  doc.line(writer.left, writer.y, writer.left + writer.width, writer.y);
  writer.y += 6;
  options.onProgress?.({ phase: 'export', done: drawn, total: table.rows.length });
  return drawn;
}
