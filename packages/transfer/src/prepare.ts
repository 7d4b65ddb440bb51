// A whole source table to import candidates, a batch of rows at a time with a turn for the host
// in between: the preview the user checks, and the input of duplicate matching and apply.
// Conversion settings the user did not choose are suggested from the file itself.
import type { Collection, CustomFieldDef, Locale } from '@carnet/schema';
import { checkMapping, type ColumnMapping } from './mapping.ts';
import type { ConvertSettings } from './convert-value.ts';
import { throwIfAborted, yieldMacrotask, type HostOptions } from './host.ts';
import { detectDateOrder } from './parse-date.ts';
import { prepareRow, type Candidate, type MissingCompanyPolicy } from './prepare-row.ts';
import { NO_REFERENCES, type References } from './references.ts';
import type { RowIssue } from './row-issues.ts';
import type { SourceInfo, SourceTable } from './table.ts';
import { targetSpec } from './targets.ts';

export interface PrepareOptions extends HostOptions {
  collection: Collection;
  mapping: readonly ColumnMapping[];
  customFields?: readonly CustomFieldDef[];
  references?: References;
  settings?: Partial<ConvertSettings>;
  /** Default 'create'. */
  missingCompanies?: MissingCompanyPolicy;
  /** Rows converted between two yields to the host. */
  batchRows?: number;
}

export interface PreparedImport {
  collection: Collection;
  /** Rows that can be imported, in file order. */
  candidates: Candidate[];
  /** Rows refused, with every reason. */
  rejectedRows: number[];
  /** Every problem, errors and warnings, in row order (file-level ones first). */
  issues: RowIssue[];
  /** Data rows read (empty rows excluded). */
  totalRows: number;
  info: SourceInfo;
  settings: ConvertSettings;
  /** Columns mapped to nothing: reported, ignored. */
  ignoredColumns: string[];
}

/**
 * Conversion settings from the file: dates day-first or month-first from values that only fit
 * one reading (else the locale: French day-first, English month-first), decimal commas when
 * the CSV separator is a semicolon (what French Excel writes) or the locale is French.
 */
export function suggestSettings(table: SourceTable, mapping: readonly ColumnMapping[], collection: Collection, locale: Locale = 'en', customFields: readonly CustomFieldDef[] = []): ConvertSettings {
  const dateColumns = mapping.filter((m) => {
    const kind = m.target ? targetSpec(collection, m.target, customFields)?.kind : undefined;
    return kind === 'date' || kind === 'datetime';
  });
  const detected = detectDateOrder(dateColumns.flatMap((m) => table.rows.map((r) => r.cells[m.column])));
  return {
    dateOrder: detected ?? (locale === 'fr' ? 'dmy' : 'mdy'),
    decimalSeparator: table.info.separator === ';' || (table.info.separator !== ',' && locale === 'fr') ? ',' : '.',
    utcOffsetMinutes: 0,
  };
}

export async function prepareImport(table: SourceTable, options: PrepareOptions): Promise<PreparedImport> {
  const { collection, mapping } = options;
  const customFields = options.customFields ?? [];
  checkMapping(collection, mapping, customFields);
  const yieldToHost = options.yieldToHost ?? yieldMacrotask;
  const batchRows = options.batchRows ?? 2_000;
  const settings: ConvertSettings = { ...suggestSettings(table, mapping, collection, 'en', customFields), ...options.settings };
  const context = {
    collection, headers: table.headers, mapping, customFields, settings,
    references: options.references ?? NO_REFERENCES,
    missingCompanies: options.missingCompanies ?? 'create',
  };
  const candidates: Candidate[] = [];
  const rejectedRows: number[] = [];
  const issues: RowIssue[] = [];
  if (table.info.unclosedQuoteRow !== undefined) {
    issues.push({ row: table.info.unclosedQuoteRow, column: null, field: null, code: 'unclosed_quote', severity: 'warning' });
  }
  for (let start = 0; start < table.rows.length; start += batchRows) {
    throwIfAborted(options.signal);
    for (const row of table.rows.slice(start, start + batchRows)) {
      const prepared = prepareRow(row, context);
      if (prepared.ok) {
        candidates.push(prepared.candidate);
        issues.push(...prepared.candidate.warnings);
      } else {
        rejectedRows.push(row.row);
        issues.push(...prepared.issues);
      }
    }
    const done = Math.min(start + batchRows, table.rows.length);
    options.onProgress?.({ phase: 'prepare', done, total: table.rows.length });
    if (done < table.rows.length) await yieldToHost();
  }
  return {
    collection, candidates, rejectedRows, issues, totalRows: table.rows.length, info: table.info, settings,
    ignoredColumns: mapping.filter((m) => m.target === null).map((m) => m.header),
  };
}
