// The refused rows of an import as a CSV to fix and import again: the file's own columns and
// values, the row number, and every reason in the user's language.
import { describe, expect, it } from 'vitest';
import { importFile, readCsv, readSource, writeCsv } from '@carnet/transfer';
import { refusedRowsTable } from '../../../src/lib/transfer/refused-rows.ts';
import { memoryStore } from '../../helpers/store.ts';

const TEXT = [
  'Prénom;Nom;E-mail;Score',
  'Léa;Bernard;lea@exemple.fr;87',
  'Marc;Petit;marc@exemple;12',
  '',
  'Paul;Girard;paul@exemple.fr;140',
  'Zoé;Lambert;zoe@exemple.fr;45;extra',
].join('\r\n');

describe('refused rows', () => {
  it('lists each refused row with its own cells, its number in the file and why, in French', async () => {
    const store = await memoryStore();
    const bytes = new TextEncoder().encode(TEXT);
    const { report, table } = await importFile(store, bytes, { collection: 'contacts', duplicates: 'skip', yieldToHost: async () => {} });
    expect(report.created).toBe(1);
    const refused = refusedRowsTable(table, report, 'fr');
    expect(refused.headers).toEqual(['Prénom', 'Nom', 'E-mail', 'Score', '', 'Ligne du fichier', "Problèmes d'import"]);
    expect(refused.rows.map((r) => r.slice(0, 6))).toEqual([
      ['Marc', 'Petit', 'marc@exemple', '12', null, 3],
      ['Paul', 'Girard', 'paul@exemple.fr', '140', null, 5],
      ['Zoé', 'Lambert', 'zoe@exemple.fr', '45', 'extra', 6],
    ]);
    expect(refused.rows[0][6]).toMatch(/^E-mail : /);
    expect(refused.rows[1][6]).toMatch(/^Score : /);
    expect(refused.rows[2][6]).toMatch(/5 valeurs/);
  });

  it('re-imports: the CSV written from it reads back with the same header and rows', async () => {
    const store = await memoryStore();
    const { report, table } = await importFile(store, new TextEncoder().encode(TEXT), { collection: 'contacts', duplicates: 'skip', yieldToHost: async () => {} });
    const refused = refusedRowsTable(table, report, 'en');
    const back = await readCsv(writeCsv(refused.headers, refused.rows), { yieldToHost: async () => {} });
    expect(back.headers.slice(-2)).toEqual(['Row in the file', 'Import problems']);
    expect(back.rows.map((r) => r.cells[0])).toEqual(['Marc', 'Paul', 'Zoé']);
    expect((await readSource(new TextEncoder().encode(writeCsv(refused.headers, refused.rows)))).rows).toHaveLength(3);
  });
});
