// Exports from a record table: which rows "the current view" means (the filters in force, the
// quick filter's matches, the sort, and the selection when the user asks for it), and those rows
// as a CSV, XLSX, vCard or PDF file (the PDF in list-pdf.ts). CSV follows the interface language the way spreadsheets do:
// French files use ";" and a decimal comma, and every CSV starts with a UTF-8 byte order mark
// so Excel reads accents right.
import type { AnyRow, Collection, Locale } from '@carnet/schema';
import type { Condition, SortKey, Store } from '@carnet/store';
import {
  exportColumns, exportTable, storeExportNames, writeCsvBytes, writeVCards, writeXlsx,
} from '@carnet/transfer';
import { isSelected, type Selection } from '../components/table/selection.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'vcard' | 'pdf';

/** Formats offered per record type: vCards hold people only. */
export function exportFormats(collection: Collection): ExportFormat[] {
  return collection === 'contacts' ? ['csv', 'xlsx', 'pdf', 'vcard'] : ['csv', 'xlsx', 'pdf'];
}

export const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', vcard: 'vcf', pdf: 'pdf' };

export const MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcard: 'text/vcard;charset=utf-8',
  pdf: 'application/pdf',
};

export interface ViewSetup {
  filters: readonly Condition[];
  sort: readonly SortKey[];
  /** Ids the quick filter matched, or null when it is empty. */
  searchIds: readonly string[] | null;
}

/** The conditions of a view, the quick filter's matches included (as the table does). */
export function viewConditions(view: ViewSetup): Condition[] {
  return view.searchIds ? [...view.filters, { field: 'id', op: 'in', value: [...view.searchIds] }] : [...view.filters];
}

/** Whether the selection names rows explicitly or as "all matching, except". */
export function selectionIsEmpty(selection: Selection): boolean {
  return selection.kind === 'some' && selection.ids.size === 0;
}

/**
 * The rows to export: every row of the view in its order, or only the selected ones (rows
 * picked one by one are read by id, in the order they were picked).
 */
export async function rowsToExport(store: Store, collection: Collection, view: ViewSetup, selection: Selection | null): Promise<AnyRow[]> {
  if (selection && selection.kind === 'some') {
    const read = await store.getMany(collection, [...selection.ids]);
    return read.filter((r): r is NonNullable<typeof r> => !!r && r.deletedAt === null);
  }
  const { rows } = await store.query(collection, { where: viewConditions(view), sort: [...view.sort], total: false });
  return selection ? rows.filter((r) => isSelected(selection, r.id)) : rows;
}

/** The file bytes of `rows` in a format, with labels and separators of the interface language. */
export async function exportBytes(store: Store, collection: Collection, rows: readonly AnyRow[], format: Exclude<ExportFormat, 'pdf'>, locale: Locale): Promise<Uint8Array | string> {
  if (format === 'vcard') {
    const names = await storeExportNames(store, ['$companyName']);
    return writeVCards(rows, { version: '4.0', companyName: (id) => names.company?.(id) });
  }
  const customFields = store.customFields(collection);
  const columns = exportColumns(collection, customFields);
  const names = await storeExportNames(store, columns);
  const table = exportTable(collection, rows, {
    locale, customFields, names, columns,
    cells: format === 'xlsx' ? 'typed' : 'text',
    decimalSeparator: locale === 'fr' ? ',' : '.',
  });
  if (format === 'xlsx') return writeXlsx(table.headers, table.rows, { sheet: collection });
  return writeCsvBytes(table.headers, table.rows, { separator: locale === 'fr' ? ';' : ',', bom: true });
}
