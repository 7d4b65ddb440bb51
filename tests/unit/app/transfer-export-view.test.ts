// Exports from a record table: "the current view" is its filters, quick-filter matches and
// sort; a selection narrows it; the file follows the interface language (French CSV with ";"
// and decimal commas), re-imports with every column recognised, and vCards hold the company.
import { describe, expect, it } from 'vitest';
import { readSource, readVCard, suggestMapping, decodeText } from '@carnet/transfer';
import { allMatching, setSelected, NO_SELECTION } from '../../../src/lib/components/table/selection.ts';
import { downloadName } from '../../../src/lib/transfer/download.ts';
import { exportBytes, exportFormats, rowsToExport, selectionIsEmpty, viewConditions } from '../../../src/lib/transfer/export-view.ts';
import { memoryStore } from '../../helpers/store.ts';

async function seeded() {
  const store = await memoryStore();
  await store.updateWorkspace({ type: 'putCustomField', def: { key: 'budget', collection: 'contacts', label: 'Budget', kind: 'number', required: false, order: 1 } });
  const acme = await store.create('companies', { name: 'Acme SAS' });
  const rows = await store.createMany('contacts', [
    { firstName: 'Ada', lastName: 'Lovelace', emails: ['ada@engine.uk'], lifecycle: 'customer', leadScore: 90, companyId: acme.id },
    { firstName: 'Grace', lastName: 'Hopper', emails: ['grace@navy.mil'], lifecycle: 'lead', leadScore: 40 },
    { firstName: 'Alan', lastName: 'Turing', emails: ['alan@bletchley.uk'], lifecycle: 'customer', leadScore: 75, cf_budget: 1234.5 },
  ]);
  return { store, acme, rows };
}

const SORT = [{ field: 'lastName' as const }];

describe('rows of the current view', () => {
  it('takes the filters, the quick filter matches and the sort', async () => {
    const { store, rows } = await seeded();
    const customers = [{ field: 'lifecycle', op: 'eq' as const, value: 'customer' }];
    const all = await rowsToExport(store, 'contacts', { filters: customers, sort: SORT, searchIds: null }, null);
    expect(all.map((r) => r.lastName)).toEqual(['Lovelace', 'Turing']);
    const searched = await rowsToExport(store, 'contacts', { filters: customers, sort: SORT, searchIds: [rows[2].id, rows[1].id] }, null);
    expect(searched.map((r) => r.lastName)).toEqual(['Turing']);
    expect(viewConditions({ filters: [], sort: [], searchIds: ['x'] })).toEqual([{ field: 'id', op: 'in', value: ['x'] }]);
  });

  it('narrows to the selection, picked one by one or as "all matching except"', async () => {
    const { store, rows } = await seeded();
    const view = { filters: [], sort: SORT, searchIds: null };
    const picked = setSelected(NO_SELECTION, [rows[1].id], true);
    expect((await rowsToExport(store, 'contacts', view, picked)).map((r) => r.lastName)).toEqual(['Hopper']);
    const allBut = setSelected(allMatching(), [rows[0].id], false);
    expect((await rowsToExport(store, 'contacts', view, allBut)).map((r) => r.lastName)).toEqual(['Hopper', 'Turing']);
    expect(selectionIsEmpty(NO_SELECTION)).toBe(true);
    expect(selectionIsEmpty(allMatching())).toBe(false);
    await store.delete('contacts', rows[1].id);
    expect(await rowsToExport(store, 'contacts', view, picked)).toEqual([]);
  });
});

describe('export files', () => {
  it('writes a French CSV with a BOM, ";" and decimal commas, company names, that re-imports fully mapped', async () => {
    const { store } = await seeded();
    const rows = await rowsToExport(store, 'contacts', { filters: [], sort: SORT, searchIds: null }, null);
    const bytes = (await exportBytes(store, 'contacts', rows, 'csv', 'fr')) as Uint8Array;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decodeText(bytes).text;
    expect(text.split('\r\n')[0]).toMatch(/^\ufeff?ID Carnet;Prénom;Nom;/);
    expect(text).toContain('Acme SAS');
    expect(text).toContain(';1234,5');
    const table = await readSource(bytes);
    expect(table.info.separator).toBe(';');
    expect(table.rows).toHaveLength(3);
    expect(suggestMapping('contacts', table.headers, store.customFields('contacts')).filter((m) => m.target === null)).toEqual([]);
  });

  it('writes an English XLSX and a vCard file that read back', async () => {
    const { store } = await seeded();
    const rows = await rowsToExport(store, 'contacts', { filters: [], sort: SORT, searchIds: null }, null);
    const xlsx = (await exportBytes(store, 'contacts', rows, 'xlsx', 'en')) as Uint8Array;
    const sheet = await readSource(xlsx);
    expect(sheet.info.format).toBe('xlsx');
    expect(sheet.headers.slice(0, 3)).toEqual(['Carnet ID', 'First Name', 'Last Name']);
    expect(sheet.rows.map((r) => r.cells[2])).toEqual(['Hopper', 'Lovelace', 'Turing']);
    const vcf = (await exportBytes(store, 'contacts', rows, 'vcard', 'en')) as string;
    const cards = readVCard(vcf);
    expect(cards.rows).toHaveLength(3);
    expect(vcf).toContain('ORG:Acme SAS');
    expect(exportFormats('contacts')).toEqual(['csv', 'xlsx', 'pdf', 'vcard']);
    expect(exportFormats('deals')).toEqual(['csv', 'xlsx', 'pdf']);
  });

  it('names files after what they hold and the day, without characters file systems refuse', () => {
    expect(downloadName(['Société Générale: Contacts', 'gdpr'], 'json', new Date(2026, 2, 5))).toBe('societe-generale-contacts-gdpr-2026-03-05.json');
    expect(downloadName(['', '///'], 'csv', new Date(2026, 0, 1))).toBe('2026-01-01.csv');
  });
});
