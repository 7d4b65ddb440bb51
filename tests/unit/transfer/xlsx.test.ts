import { describe, expect, it } from 'vitest';
import { detectFormat, isTransferError, readSource, readXlsx, TransferErrorCode, writeXlsx } from '@carnet/transfer';
import { utf8 } from './helpers.ts';

describe('XLSX', () => {
  it('writes a sheet and reads it back with types kept: text, numbers, booleans, dates', async () => {
    const bytes = await writeXlsx(['Name', 'Amount', 'Won', 'Close Date', 'Notes'], [
      ['Refonte du site', 12500.5, true, new Date('2024-09-30T00:00:00Z'), 'ligne 1\nligne 2'],
      ['Audit', 3000, false, null, null],
    ], { sheet: 'Deals' });
    expect(detectFormat(bytes)).toBe('xlsx');
    const table = await readXlsx(bytes);
    expect(table.headers).toEqual(['Name', 'Amount', 'Won', 'Close Date', 'Notes']);
    expect(table.rows).toEqual([
      { row: 2, cells: ['Refonte du site', 12500.5, true, new Date('2024-09-30T00:00:00Z'), 'ligne 1\nligne 2'] },
      { row: 3, cells: ['Audit', 3000, false, null, null] },
    ]);
  });

  it('skips and counts empty rows, keeping spreadsheet row numbers', async () => {
    const bytes = await writeXlsx(['Name'], [['a'], [null], ['b'], [''], ['c']]);
    const table = await readXlsx(bytes);
    expect(table.rows.map((r) => [r.row, r.cells[0]])).toEqual([[2, 'a'], [4, 'b'], [6, 'c']]);
    expect(table.info.emptyRows).toBe(2);
  });

  it('reads a named sheet and names the sheets when the one asked for is missing', async () => {
    const bytes = await writeXlsx(['Name'], [['a']], { sheet: 'Contacts' });
    expect((await readXlsx(bytes, { sheet: 'Contacts' })).rows).toHaveLength(1);
    const error = await readXlsx(bytes, { sheet: 'Deals' }).catch((e) => e);
    expect(isTransferError(error, TransferErrorCode.SheetNotFound)).toBe(true);
    expect(error.message).toContain('Contacts');
  });

  it('refuses bytes that are not a workbook with a typed error', async () => {
    const error = await readXlsx(utf8('not a zip at all')).catch((e) => e);
    expect(isTransferError(error)).toBe(true);
    expect([TransferErrorCode.UnsupportedFormat, TransferErrorCode.UnreadableFile]).toContain(error.code);
  });

  it('says old .xls files are not supported instead of reading them as text', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => detectFormat(ole, 'contacts.xls')).toThrow(/xlsx or CSV/);
  });

  it('is read through readSource like any other file', async () => {
    const bytes = await writeXlsx(['First Name', 'Email'], [['Zoé', 'zoe@exemple.fr']]);
    const table = await readSource(bytes, { fileName: 'export.xlsx' });
    expect(table.info.format).toBe('xlsx');
    expect(table.rows[0].cells).toEqual(['Zoé', 'zoe@exemple.fr']);
  });
});
