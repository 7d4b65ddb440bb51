// Rows of any list or view to a table of headers and cells, ready for CSV, XLSX or a vCard-less
// format: headers are the field labels in English or French (so the file re-imports with every
// column recognised), references are written as names (company, owner, pipeline, stage,
// contact emails, deal title) instead of ids, option ids as their labels, lists joined by "; ".
import {
  RECORD_FIELDS, contactDisplayName, type AnyRow, type Collection, type CustomFieldDef, type FieldSpec, type Locale,
} from '@carnet/schema';
import type { Store } from '@carnet/store';
import { targetLabel } from './field-labels.ts';
import { optionLabel } from './option-labels.ts';
import type { Cell } from './table.ts';

/** How references are named in exports; each returns undefined when unknown. */
export interface ExportNames {
  company?(id: string): string | undefined;
  member?(id: string): string | undefined;
  /** A contact as its first email, or its name when it has none. */
  contact?(id: string): string | undefined;
  deal?(id: string): string | undefined;
  pipeline?(id: string): string | undefined;
  stage?(pipelineId: string, stageId: string): string | undefined;
}

export interface ExportTableOptions {
  locale?: Locale;
  customFields?: readonly CustomFieldDef[];
  names?: ExportNames;
  /** Include the "Carnet ID" column (default true: re-importing with "update" then matches exactly). */
  includeId?: boolean;
  /** Columns to write, as targets (`firstName`, `$companyName`, `cf_budget`); all by default. */
  columns?: readonly string[];
  /** 'text' for CSV; 'typed' keeps numbers, booleans and dates as such (XLSX). */
  cells?: 'text' | 'typed';
  /** Decimal mark of numbers written as text (',' for a French CSV opened in Excel). */
  decimalSeparator?: ',' | '.';
}

/** Reference fields and the virtual target that writes them as names (`companyId` → `$companyName`). */
export const AS_NAMES: Readonly<Record<string, string>> = {
  companyId: '$companyName', ownerId: '$owner', parentId: '$parentCompany', contactIds: '$contactEmail',
  contactId: '$contactEmail', dealId: '$dealTitle', pipelineId: '$pipeline', stageId: '$stage',
};
const NOT_EXPORTED = new Set(['mentions']);

/** The default columns of a collection, in schema order, custom fields last. */
export function exportColumns(collection: Collection, customFields: readonly CustomFieldDef[] = [], includeId = true): string[] {
  const columns = includeId ? ['$id'] : [];
  for (const field of Object.keys(RECORD_FIELDS[collection])) {
    if (NOT_EXPORTED.has(field)) continue;
    const column = AS_NAMES[field] ?? field;
    if (!columns.includes(column)) columns.push(column);
  }
  for (const def of customFields) if (def.collection === collection) columns.push(`cf_${def.key}`);
  return columns;
}

function specOf(collection: Collection, column: string, customFields: readonly CustomFieldDef[]): FieldSpec | undefined {
  if (column.startsWith('cf_')) {
    const def = customFields.find((d) => d.collection === collection && `cf_${d.key}` === column);
    return def && { kind: def.kind, options: def.options };
  }
  return (RECORD_FIELDS[collection] as Record<string, FieldSpec>)[column];
}

function cellOf(collection: Collection, row: AnyRow, column: string, options: ExportTableOptions): Cell {
  const names = options.names ?? {};
  const locale = options.locale ?? 'en';
  const typed = options.cells === 'typed';
  const name = (value: unknown, lookup?: (id: string) => string | undefined) =>
    typeof value === 'string' ? (lookup?.(value) ?? value) : null;
  switch (column) {
    case '$id': return row.id;
    case '$companyName': return name(row.companyId, names.company);
    case '$owner': return name(row.ownerId, names.member);
    case '$parentCompany': return name(row.parentId, names.company);
    case '$dealTitle': return name(row.dealId, names.deal);
    case '$pipeline': return name(row.pipelineId, names.pipeline);
    case '$stage':
      return typeof row.stageId === 'string' ? (names.stage?.(String(row.pipelineId ?? ''), row.stageId) ?? row.stageId) : null;
    case '$contactEmail': {
      const ids = collection === 'deals' ? (Array.isArray(row.contactIds) ? row.contactIds : []) : row.contactId ? [row.contactId] : [];
      const list = ids.map((id) => name(id, names.contact)).filter(Boolean);
      return list.length ? list.join('; ') : null;
    }
  }
  const value = row[column];
  const spec = specOf(collection, column, options.customFields ?? []);
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.join('; ') : null;
  switch (spec?.kind) {
    case 'boolean':
      return typed ? Boolean(value) : value ? (locale === 'fr' ? 'oui' : 'yes') : locale === 'fr' ? 'non' : 'no';
    case 'select':
      return optionLabel(column, String(value), locale);
    case 'date':
      return typed && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : String(value);
    case 'number':
    case 'currency':
      return typed ? Number(value) : options.decimalSeparator === ',' ? String(value).replace('.', ',') : String(value);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** A header and the rows' cells. */
export function exportTable(collection: Collection, rows: Iterable<AnyRow>, options: ExportTableOptions = {}): { headers: string[]; rows: Cell[][] } {
  const customFields = options.customFields ?? [];
  const columns = options.columns ?? exportColumns(collection, customFields, options.includeId ?? true);
  const headers = columns.map((column) => {
    const def = customFields.find((d) => d.collection === collection && `cf_${d.key}` === column);
    return targetLabel(collection, column, options.locale, def?.label);
  });
  const cells: Cell[][] = [];
  for (const row of rows) cells.push(columns.map((column) => cellOf(collection, row, column, options)));
  return { headers, rows: cells };
}

/** Names for references, read from the store (one scan of each collection a column needs). */
export async function storeExportNames(store: Store, columns: readonly string[]): Promise<ExportNames> {
  const need = new Set(columns);
  const scan = async (collection: Collection, label: (row: AnyRow) => string) => {
    const map = new Map<string, string>();
    await store.persistence.scanRows(collection, 2_000, (batch) => {
      for (const row of batch) map.set(row.id, label(row));
    });
    return (id: string) => map.get(id);
  };
  const pipelines = store.pipelines();
  const members = store.members();
  return {
    company: need.has('$companyName') || need.has('$parentCompany') ? await scan('companies', (r) => String(r.name ?? '')) : undefined,
    contact: need.has('$contactEmail')
      ? await scan('contacts', (r) => (Array.isArray(r.emails) && r.emails[0] ? String(r.emails[0]) : contactDisplayName(r as unknown as Parameters<typeof contactDisplayName>[0])))
      : undefined,
    deal: need.has('$dealTitle') ? await scan('deals', (r) => String(r.title ?? '')) : undefined,
    member: (id) => members.find((m) => m.userId === id)?.name,
    pipeline: (id) => pipelines.find((p) => p.id === id)?.name,
    stage: (pipelineId, stageId) =>
      (pipelines.find((p) => p.id === pipelineId) ?? pipelines.find((p) => p.stages.some((s) => s.id === stageId)))?.stages.find((s) => s.id === stageId)?.name,
  };
}
