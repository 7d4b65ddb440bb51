// A page-flowing writer over jsPDF: a cursor that moves down the page, text that wraps and
// breaks onto new pages, headings kept with what follows, label/value lists, and at the end the
// footer of every page ("Page 2 of 5") once the number of pages is known. Every string goes
// through pdfText, and the writer counts what it had to replace. Units are points (1/72 inch).
import { jsPDF } from 'jspdf';
import { pdfText } from './pdf-text.ts';

export type Orientation = 'portrait' | 'landscape';

/** Words the host gives in the user's language. */
export interface PdfWords {
  /** "Page 2 of 5". */
  page(n: number, total: number): string;
  /** Closing note when characters were replaced: "3 characters … shown as ?". */
  replaced(count: number): string;
}

export interface PdfWriterOptions {
  words: PdfWords;
  orientation?: Orientation;
  /** Deflate page contents (default true; tests turn it off to read the text). */
  compress?: boolean;
  /** Document title (file properties) and left part of each footer. */
  title: string;
  footer?: string;
  /** BCP 47 language of the text, for screen readers and search. */
  language?: string;
}

export const MARGIN = 36;
const FOOTER = 22;
export const TEXT_COLOR = '#1f2328';
export const MUTED_COLOR = '#59636e';
export const RULE_COLOR = '#d0d7de';

/** A4 in points. */
export function pageSize(orientation: Orientation): { width: number; height: number } {
  return orientation === 'landscape' ? { width: 841.89, height: 595.28 } : { width: 595.28, height: 841.89 };
}

/** Width between the margins. */
export function contentWidth(orientation: Orientation): number {
  return pageSize(orientation).width - MARGIN * 2;
}

export interface LineStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  /** Extra left indent. */
  indent?: number;
  /** Space after the block. */
  after?: number;
}

export class PdfWriter {
  readonly doc: jsPDF;
  readonly left = MARGIN;
  readonly width: number;
  readonly top = MARGIN;
  readonly bottom: number;
  y = MARGIN;
  /** Characters replaced by "?" so far. */
  replaced = 0;
  readonly #options: PdfWriterOptions;
  readonly #pageWidth: number;
  readonly #pageHeight: number;

  constructor(options: PdfWriterOptions) {
    this.#options = options;
    const orientation = options.orientation ?? 'portrait';
    this.doc = new jsPDF({ orientation, unit: 'pt', format: 'a4', compress: options.compress ?? true, putOnlyUsedFonts: true });
    const size = pageSize(orientation);
    this.#pageWidth = size.width;
    this.#pageHeight = size.height;
    this.width = size.width - MARGIN * 2;
    this.bottom = size.height - MARGIN - FOOTER;
    this.doc.setProperties({ title: this.text(options.title), creator: 'Carnet' });
    if (options.language) this.doc.setLanguage(options.language as Parameters<jsPDF['setLanguage']>[0]);
    this.font(9);
  }

  /** A string ready for the standard fonts; replaced characters are counted. */
  text(value: string): string {
    const result = pdfText(value);
    this.replaced += result.replaced;
    return result.text;
  }

  font(size: number, bold = false, color = TEXT_COLOR): void {
    this.doc.setFont('helvetica', bold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
    this.doc.setTextColor(color);
  }

  lineHeight(size: number): number {
    return size * 1.25;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom || this.y === this.top) return false;
    this.newPage();
    return true;
  }

  /** Wrapped lines of already encoded text at the current font. */
  wrap(encoded: string, width: number): string[] {
    return (this.doc.splitTextToSize(encoded, Math.max(width, 10)) as string[]).map((line) => line.trimEnd());
  }

  /** A paragraph that wraps and breaks across pages line by line. */
  paragraph(value: string, style: LineStyle = {}): void {
    const size = style.size ?? 9;
    const indent = style.indent ?? 0;
    this.font(size, style.bold, style.color);
    const height = this.lineHeight(size);
    for (const line of this.wrap(this.text(value), this.width - indent)) {
      this.ensure(height);
      this.doc.text(line, this.left + indent, this.y + size * 0.9);
      this.y += height;
    }
    this.y += style.after ?? 0;
  }

  title(value: string): void {
    this.paragraph(value, { size: 17, bold: true, after: 4 });
  }

  /** A heading that never ends a page alone: it moves to the next page with `keep` points of what follows. */
  heading(value: string, keep = 40, size = 12.5): void {
    this.ensure(this.lineHeight(size) + keep);
    this.y += this.y === this.top ? 0 : 6;
    this.paragraph(value, { size, bold: true, after: 3 });
  }

  /** "Label: value" lines, labels in a column of their own, values wrapped beside them. */
  fields(pairs: readonly (readonly [label: string, value: string])[], options: { size?: number; labelWidth?: number } = {}): void {
    const size = options.size ?? 9;
    const height = this.lineHeight(size);
    this.font(size, true);
    const encoded = pairs.map(([label, value]) => [this.text(label), this.text(value)] as const);
    const widest = Math.max(0, ...encoded.map(([label]) => this.doc.getTextWidth(label)));
    const labelWidth = options.labelWidth ?? Math.min(this.width * 0.32, widest + 10);
    for (const [label, value] of encoded) {
      this.font(size, true, MUTED_COLOR);
      const labelLines = this.wrap(label, labelWidth - 8);
      this.font(size);
      const valueLines = value.split('\n').flatMap((part) => (part ? this.wrap(part, this.width - labelWidth) : ['']));
      const count = Math.max(labelLines.length, valueLines.length);
      for (let i = 0; i < count; i++) {
        const broke = this.ensure(height);
        // A value continued on a new page repeats its label, so the page reads on its own.
        const label = labelLines[i] ?? (broke ? labelLines[0] : undefined);
        if (label) {
          this.font(size, true, MUTED_COLOR);
          this.doc.text(label, this.left, this.y + size * 0.9);
        }
        if (valueLines[i]) {
          this.font(size);
          this.doc.text(valueLines[i], this.left + labelWidth, this.y + size * 0.9);
        }
        this.y += height;
      }
      this.y += 2;
    }
  }

  /** A thin line across the page. */
  rule(after = 6): void {
    this.doc.setDrawColor(RULE_COLOR);
    this.doc.setLineWidth(0.6);
    this.doc.line(this.left, this.y, this.left + this.width, this.y);
    this.y += after;
  }

  space(points: number): void {
    this.y += points;
  }

  /**
   * Closes the document: the note on replaced characters, then each page's footer (the
   * document's footer text, and "Page n of N"). Returns the bytes and the page count.
   */
  finish(): { bytes: Uint8Array; pages: number } {
    if (this.replaced > 0) {
      this.space(8);
      this.paragraph(this.#options.words.replaced(this.replaced), { size: 8.5, color: MUTED_COLOR });
    }
    const pages = this.doc.getNumberOfPages();
    const footer = this.text(this.#options.footer ?? this.#options.title);
    const baseline = this.#pageHeight - MARGIN + 4;
    for (let n = 1; n <= pages; n++) {
      this.doc.setPage(n);
      this.font(8, false, MUTED_COLOR);
      this.doc.setDrawColor(RULE_COLOR);
      this.doc.setLineWidth(0.5);
      this.doc.line(this.left, baseline - 12, this.left + this.width, baseline - 12);
      const pageText = this.text(this.#options.words.page(n, pages));
      const room = this.width - this.doc.getTextWidth(pageText) - 16;
      this.doc.text(this.wrap(footer, room)[0] ?? '', this.left, baseline);
      this.doc.text(pageText, this.#pageWidth - MARGIN, baseline, { align: 'right' });
    }
    return { bytes: new Uint8Array(this.doc.output('arraybuffer')), pages };
  }
}
