// The table and report PDF (@carnet/transfer/pdf), read back from its bytes: the title and
// details, the header row on every page, "Page n of N", the chart's labels, the row cap, and bad
// input (no rows, a huge cell, characters the standard fonts cannot draw) never crashing.
import { describe, expect, it } from 'vitest';
import { pdfText, writeReportPdf, columnWidths, type ChartScene, type ReportPdfInput, type ReportPdfWords } from '@carnet/transfer/pdf';
import { readPdf } from './pdf-read.ts';

const EN: ReportPdfWords = {
  page: (n, total) => `Page ${n} of ${total}`,
  replaced: (count) => `${count} characters could not be drawn and show as ?.`,
  truncated: (shown, total) => `The first ${shown} rows of ${total}.`,
  empty: 'No rows.',
};
const FR: ReportPdfWords = { ...EN, page: (n, total) => `Page ${n} sur ${total}` };

function contacts(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [`Contact ${i + 1}`, `person${i + 1}@example.com`, i % 2 ? 'Acme' : 'Société Générale', String(i * 10)]);
}

const input = (rows: string[][], extra: Partial<ReportPdfInput> = {}): ReportPdfInput => ({
  title: 'Contacts',
  details: [['Workspace', 'Acme'], ['Filters', 'Lifecycle stage is Customer'], ['Generated', '5 March 2026, 10:04']],
  table: { headers: ['Name', 'Email', 'Company', 'Score'], rows, numeric: [false, false, false, true] },
  ...extra,
});

describe('writeReportPdf', () => {
  it('writes the title, the details, every row, and repeats the header row on every page', async () => {
    const result = await writeReportPdf(input(contacts(150)), { words: EN, compress: false });
    const pdf = readPdf(result.bytes);
    expect(result.pages).toBeGreaterThanOrEqual(3);
    expect(pdf.pages).toHaveLength(result.pages);
    expect(result).toMatchObject({ rows: 150, omitted: 0, replaced: 0 });
    expect(pdf.pages[0].slice(0, 7)).toEqual(['Contacts', 'Workspace', 'Acme', 'Filters', 'Lifecycle stage is Customer', 'Generated', '5 March 2026, 10:04']);
    for (const [i, page] of pdf.pages.entries()) {
      expect(page.filter((s) => s === 'Email')).toHaveLength(1);
      expect(page.at(-1)).toBe(`Page ${i + 1} of ${result.pages}`);
    }
    for (let i = 1; i <= 150; i++) expect(pdf.text).toContain(`person${i}@example.com`);
    expect(pdf.text).toContain('Société Générale');
    expect(pdf.title).toBe('Contacts');
  });

  it('numbers pages in French when given French words', async () => {
    const result = await writeReportPdf(input(contacts(120)), { words: FR, compress: false });
    const pdf = readPdf(result.bytes);
    expect(pdf.pages[0].at(-1)).toBe(`Page 1 sur ${result.pages}`);
  });

  it('is readable compressed too (the default)', async () => {
    const plain = await writeReportPdf(input(contacts(300)), { words: EN, compress: false });
    const packed = await writeReportPdf(input(contacts(300)), { words: EN });
    expect(packed.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(readPdf(packed.bytes).text).toBe(readPdf(plain.bytes).text);
  });

  it('says there is nothing to list for an empty table, on one page', async () => {
    const result = await writeReportPdf(input([]), { words: EN, compress: false });
    const pdf = readPdf(result.bytes);
    expect(result).toMatchObject({ pages: 1, rows: 0 });
    expect(pdf.text).toContain('No rows.');
  });

  it('draws a table without columns as an empty one instead of failing', async () => {
    const result = await writeReportPdf({ title: 'Nothing', details: [], table: { headers: [], rows: [[]] } }, { words: EN, compress: false });
    expect(result.pages).toBe(1);
  });

  it('cuts a very long cell to a few lines with an ellipsis', async () => {
    const long = 'word '.repeat(20_000);
    const result = await writeReportPdf(input([['Long', long, 'Acme', '1']]), { words: EN, compress: false });
    const pdf = readPdf(result.bytes);
    expect(result.pages).toBe(1);
    expect(pdf.pages[0].some((s) => s.endsWith('…'))).toBe(true);
    expect(pdf.text.length).toBeLessThan(2_000);
  });

  it('replaces characters the standard fonts cannot draw, counts them and says so', async () => {
    const result = await writeReportPdf(input([['漢字 Tanaka', 'emoji 😀@example.com', 'Łódź Ősz', '1']]), { words: EN, compress: false });
    const pdf = readPdf(result.bytes);
    expect(result.replaced).toBe(4);
    expect(pdf.text).toContain('?? Tanaka');
    expect(pdf.text).toContain('emoji ?@example.com');
    expect(pdf.text).toContain('?ódz Osz');
    expect(pdf.text).toContain('4 characters could not be drawn and show as ?.');
  });

  it('keeps at most maxRows rows and says which', async () => {
    const result = await writeReportPdf(input(contacts(500)), { words: EN, compress: false, maxRows: 100 });
    const pdf = readPdf(result.bytes);
    expect(result).toMatchObject({ rows: 100, omitted: 400 });
    expect(pdf.text).toContain('The first 100 rows of 500.');
    expect(pdf.text).toContain('person100@example.com');
    expect(pdf.text).not.toContain('person101@example.com');
  });

  it('draws a chart scene before the table, with its labels as text', async () => {
    const chart: ChartScene = {
      width: 400, height: 200,
      shapes: [
        { kind: 'rect', x: 10, y: 20, w: 30, h: 150, fill: '#1f5fa8' },
        { kind: 'polygon', points: [[100, 100], [150, 50], [200, 100]], fill: '#b05000' },
        { kind: 'polyline', points: [[0, 190], [400, 190]], stroke: '#59636e', dash: [3, 2] },
        { kind: 'circle', x: 300, y: 100, r: 40, fill: '#2a7a4b' },
        { kind: 'text', x: 25, y: 180, text: 'Qualifié', size: 9, align: 'center', baseline: 'top' },
      ],
    };
    const result = await writeReportPdf(input(contacts(3), { chart, notes: ['Open pipeline: 12 000 €'] }), { words: EN, compress: false });
    const pdf = readPdf(result.bytes);
    const page = pdf.pages[0];
    expect(page.indexOf('Qualifié')).toBeGreaterThan(page.indexOf('Generated'));
    expect(page.indexOf('Qualifié')).toBeLessThan(page.indexOf('Name'));
    expect(page).toContain('Open pipeline: 12 000 €');
    const raw = Buffer.from(result.bytes).toString('latin1');
    expect(raw).toMatch(/ re\n/);
  });
});

describe('pdfText', () => {
  it('keeps Windows-1252 characters, maps typographic spaces and counts what it replaces', () => {
    expect(pdfText('Œuvre “à” 12\u202f000\u00a0€ – ok')).toEqual({ text: '\x8cuvre \x93\xe0\x94 12\xa0000\xa0\x80 \x96 ok', replaced: 0 });
    expect(pdfText('ő ﬁ ①')).toEqual({ text: 'o fi 1', replaced: 0 });
    expect(pdfText('漢字 👍🏽 ok').replaced).toBe(4);
    expect(pdfText('👨‍👩‍👧').text).toBe('???');
  });
});

describe('columnWidths', () => {
  it('fills the width, keeps a floor for every column and shares the rest by need', () => {
    expect(columnWidths([100, 100], 400)).toEqual([200, 200]);
    const squeezed = columnWidths([500, 40, 300], 300);
    expect(squeezed.reduce((a, b) => a + b, 0)).toBeCloseTo(300);
    expect(Math.min(...squeezed)).toBeGreaterThanOrEqual(34);
    expect(squeezed[0]).toBeGreaterThan(squeezed[2]);
    expect(columnWidths(new Array(40).fill(100), 400).every((w) => w === 10)).toBe(true);
  });
});
