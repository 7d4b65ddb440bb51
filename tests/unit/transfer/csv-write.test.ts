import { describe, expect, it } from 'vitest';
import { readCsv, writeCsv, writeCsvBytes } from '@carnet/transfer';
import { noYield } from './helpers.ts';

describe('CSV writing', () => {
  it('quotes only what RFC 4180 requires and ends lines with CRLF', () => {
    const text = writeCsv(['Name', 'Notes'], [['Jean', 'plain'], ['Dupont, Jean', 'said "hi"\nthen left'], [' padded ', null]]);
    expect(text).toBe('Name,Notes\r\nJean,plain\r\n"Dupont, Jean","said ""hi""\nthen left"\r\n" padded ",\r\n');
  });

  it('writes a UTF-8 BOM for Excel when asked, and the chosen separator', () => {
    const bytes = writeCsvBytes(['Prénom', 'Montant'], [['Zoé', '12,5']], { bom: true, separator: ';' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe('Prénom;Montant\r\nZoé;12,5\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but leaves phone numbers and negatives alone', () => {
    const text = writeCsv(['v'], [['=HYPERLINK("http://x")'], ['@SUM(A1)'], ['+cmd|calc'], ['+33 6 12 34 56 78'], ['-12.5']]);
    expect(text.split('\r\n').slice(1, 6)).toEqual(["\"'=HYPERLINK(\"\"http://x\"\")\"", "'@SUM(A1)", "'+cmd|calc", '+33 6 12 34 56 78', '-12.5']);
  });

  it('reads back what it wrote, cell for cell, with every separator', async () => {
    const rows = [['a,b', 'c;d', 'e\tf'], ['"quoted"', 'multi\r\nline', ''], ['é€œ', ' x ', 'last']];
    for (const separator of [',', ';', '\t'] as const) {
      const table = await readCsv(writeCsv(['one', 'two', 'three'], rows, { separator }), { yieldToHost: noYield });
      expect(table.info.separator).toBe(separator);
      expect(table.rows.map((r) => r.cells)).toEqual(rows.map((r) => r.map((c) => c.replace(/\r\n/g, '\r\n'))));
    }
  });
});
