import { describe, expect, it } from 'vitest';
import { detectSeparator, isTransferError, readCsv, readCsvBatches, TransferErrorCode } from '@carnet/transfer';
import { fixtureText, noYield } from './helpers.ts';

describe('CSV reading', () => {
  it('detects comma, semicolon and tab separators', () => {
    expect(detectSeparator('name,city\nJean,Paris\n')).toBe(',');
    expect(detectSeparator('nom;montant\nJean;12,5\nMarie;3,75\n')).toBe(';');
    expect(detectSeparator('name\tnote\nJean\thello, world; bye\n')).toBe('\t');
  });

  it('is not fooled by separators inside quotes or by empty lines', () => {
    const text = 'Name;Notes\n\n"Dupont, Jean";"a, b, c"\n\nMarie;"x;y"\n';
    expect(detectSeparator(text)).toBe(';');
  });

  it('treats a one-column file as comma-separated', () => {
    expect(detectSeparator('email\na@b.fr\nc@d.fr\n')).toBe(',');
  });

  it('honours an Excel "sep=" first line and does not count it as a row', async () => {
    const table = await readCsv('sep=;\r\nName;City\r\nJean;Paris\r\n', { yieldToHost: noYield });
    expect(table.info.separator).toBe(';');
    expect(table.headers).toEqual(['Name', 'City']);
    expect(table.rows).toEqual([{ row: 2, line: 3, cells: ['Jean', 'Paris'] }]);
  });

  it('keeps quoted newlines, doubled quotes and separators inside one field', async () => {
    const table = await readCsv(fixtureText('hubspot-contacts.csv'), { yieldToHost: noYield });
    const elodie = table.rows[0];
    expect(elodie.cells[18]).toBe('Met at the Lyon trade fair.\nPrefers calls in the morning.');
    expect(elodie.cells[12]).toBe('12, rue de la Paix');
    expect(table.rows[2].cells[18]).toBe('Quote: "we need it by Q3"');
    expect(table.rows[2].cells[7]).toBe('CEO, founder');
  });

  it('numbers rows as a spreadsheet does, and says on which text line a record starts', async () => {
    const table = await readCsv(fixtureText('hubspot-contacts.csv'), { yieldToHost: noYield });
    expect(table.rows.map((r) => [r.row, r.line])).toEqual([[2, undefined], [3, 4], [4, 5], [5, 6]]);
  });

  it('skips empty and blank rows, counts them, and keeps their place in the numbering', async () => {
    const table = await readCsv('a,b\n1,2\n\n , \n3,4\n,\n', { yieldToHost: noYield });
    expect(table.rows).toEqual([{ row: 2, cells: ['1', '2'] }, { row: 5, cells: ['3', '4'] }]);
    expect(table.info.emptyRows).toBe(3);
  });

  it('does not count the final line end as an empty row', async () => {
    for (const text of ['a\r\n1\r\n', 'a\n1\n', 'a\r1\r', 'a\n1']) {
      const table = await readCsv(text, { yieldToHost: noYield });
      expect(table.rows).toEqual([{ row: 2, cells: ['1'] }]);
      expect(table.info.emptyRows).toBe(0);
    }
  });

  it('reports rows with more or fewer values than the header, ignoring trailing empty cells', async () => {
    const table = await readCsv('a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n', { yieldToHost: noYield });
    expect(table.info.raggedRows).toEqual([{ row: 3, cells: 2, expected: 3 }, { row: 4, cells: 4, expected: 3 }]);
    expect(table.rows[3].cells).toEqual(['1', '2', '3']);
  });

  it('reads an unclosed quote to the end of the file and reports where it opened', async () => {
    const table = await readCsv('a,b\n1,"open\n2,3\n', { yieldToHost: noYield });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0].cells).toEqual(['1', 'open\n2,3\n']);
    expect(table.info.unclosedQuoteRow).toBe(2);
  });

  it('throws a typed error on a file with nothing but empty lines', async () => {
    const error = await readCsv('\r\n\r\n', { yieldToHost: noYield }).catch((e) => e);
    expect(isTransferError(error, TransferErrorCode.NoHeader)).toBe(true);
  });

  it('hands rows out in batches, yielding to the host between them, with a quoted newline on a batch boundary', async () => {
    const lines = ['id,note'];
    for (let i = 1; i <= 10; i++) lines.push(`${i},"line one\nline two of ${i}"`);
    let yields = 0;
    const batches = [];
    for await (const batch of readCsvBatches(lines.join('\n'), { batchRows: 3, yieldToHost: async () => void yields++ })) batches.push(batch);
    expect(batches.map((b) => b.rows.length)).toEqual([2, 3, 3, 2]);
    expect(yields).toBe(batches.length);
    const rows = batches.flatMap((b) => b.rows);
    expect(rows.map((r) => r.cells[1])).toEqual(Array.from({ length: 10 }, (_, i) => `line one\nline two of ${i + 1}`));
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    expect(batches.at(-1)!.done).toBe(batches.at(-1)!.total);
  });

  it('reads a header-only file as a table with no rows', async () => {
    const table = await readCsv('First Name,Email\r\n', { yieldToHost: noYield });
    expect(table).toMatchObject({ headers: ['First Name', 'Email'], rows: [] });
  });

  it('stops when the host cancels', async () => {
    const signal = { aborted: false };
    const text = 'a\n' + '1\n'.repeat(100);
    const error = await readCsv(text, { batchRows: 10, signal, yieldToHost: async () => void (signal.aborted = true) }).catch((e) => e);
    expect(isTransferError(error, TransferErrorCode.Cancelled)).toBe(true);
  });
});
