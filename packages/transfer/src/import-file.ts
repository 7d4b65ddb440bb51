// The whole import in one call, for the relay's CLI (`carnet import <file> --type contacts`)
// and for tests: read, suggest the mapping (or take the given one), prepare, match duplicates,
// apply. The app runs the same steps one by one to show the preview and the mapping screen.
import type { Collection, Locale } from '@carnet/schema';
import type { Store } from '@carnet/store';
import { applyImport, type ImportReport } from './apply.ts';
import type { ConvertSettings } from './convert-value.ts';
import { DuplicateIndex } from './duplicate-index.ts';
import type { ImportUndo } from './import-undo.ts';
import { suggestMapping, type ColumnMapping } from './mapping.ts';
import { planImport, storeDuplicateIndex, type DuplicateChoice } from './plan.ts';
import { prepareImport, suggestSettings } from './prepare.ts';
import type { MissingCompanyPolicy } from './prepare-row.ts';
import { FORMATS_FOR, readSource, type ReadSourceOptions } from './read-source.ts';
import { TransferError, TransferErrorCode } from './errors.ts';
import { storeReferences } from './references.ts';
import type { SourceTable } from './table.ts';

export interface ImportFileOptions extends ReadSourceOptions {
  collection: Collection;
  duplicates: DuplicateChoice;
  /** The user's mapping; suggested from the headers when omitted. */
  mapping?: ColumnMapping[];
  settings?: Partial<ConvertSettings>;
  /** Picks default settings (date order, decimal mark) when the file does not decide. */
  locale?: Locale;
  missingCompanies?: MissingCompanyPolicy;
  batchSize?: number;
}

export interface ImportFileResult {
  table: SourceTable;
  mapping: ColumnMapping[];
  report: ImportReport;
  undo: ImportUndo;
}

/** Which lookups a mapping needs, so the store is scanned only for those. */
function referenceNeeds(mapping: readonly ColumnMapping[]) {
  const targets = new Set(mapping.map((m) => m.target));
  return {
    companies: targets.has('$companyName') || targets.has('$parentCompany'),
    contacts: targets.has('$contactEmail') || targets.has('$contactName'),
    deals: targets.has('$dealTitle'),
  };
}

export async function importFile(store: Store, bytes: Uint8Array, options: ImportFileOptions): Promise<ImportFileResult> {
  const { collection } = options;
  const customFields = store.customFields(collection);
  const table = await readSource(bytes, options);
  if (!FORMATS_FOR[collection].includes(table.info.format)) {
    throw new TransferError(TransferErrorCode.UnsupportedFormat, `${collection} cannot be imported from a ${table.info.format} file.`);
  }
  const mapping = options.mapping ?? suggestMapping(collection, table.headers, customFields);
  const references = await storeReferences(store, referenceNeeds(mapping));
  const prepared = await prepareImport(table, {
    ...options,
    mapping,
    customFields,
    references,
    settings: { ...suggestSettings(table, mapping, collection, options.locale, customFields), ...options.settings },
  });
  // With "create" nothing is matched, so the stored records need not be read.
  const existing = options.duplicates === 'create' ? new DuplicateIndex(collection) : await storeDuplicateIndex(store, collection);
  const plan = await planImport(prepared, existing, {
    ...options,
    choice: options.duplicates,
  });
  const { report, undo } = await applyImport(store, prepared, plan, options);
  return { table, mapping, report, undo };
}
