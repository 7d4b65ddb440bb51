// A record list as a PDF: the columns the table shows, cells written as the table writes them
// (dates, amounts, option labels, names of linked records, in the interface language), under
// a title, the workspace, the view's filters, quick filter, sort and scope, and the generation
// date. At most PDF_MAX_ROWS rows: the caller says so when there were more.
import type { AnyRow, Collection, CustomFieldDef, Member } from '@carnet/schema';
import type { Condition, SortKey, Store } from '@carnet/store';
import type { PdfResult } from '@carnet/transfer/pdf';
import { formatDateTime, formatDay, formatNumber } from '../i18n/format.ts';
import { cellText, type CellContext } from '../components/table/cell-text.ts';
import { fieldLabel, optionLabel, tableFields, titleField, TITLE_KEY, type RefTarget, type TableField } from '../components/table/fields.ts';
import { conditionDay, operatorLabelKey } from '../components/table/filters.ts';
import { recordTitle } from '../records/paths.ts';
import { reportWords } from './pdf-words.ts';

type Label = (key: string, fallback?: string) => string;

export interface ListPdfSetup {
  collection: Collection;
  customFields: readonly CustomFieldDef[];
  /** Column keys as the table shows them (TITLE_KEY first). */
  columns: readonly string[];
  filters: readonly Condition[];
  sort: readonly SortKey[];
  q: string;
  viewName: string | null;
  /** "The selected rows (12)" when only those are exported. */
  scope: string | null;
  workspaceName: string;
  label: Label;
  tag: string;
  code: 'en' | 'fr';
  now?: number;
}

export type RefName = (target: RefTarget, id: string) => string | null;

/** Names of the records and members `rows` point at through `fields`: one scan per collection needed. */
export async function listRefNames(store: Store, fields: readonly TableField[], rows: readonly AnyRow[], members: readonly Member[], extra: readonly string[] = []): Promise<RefName> {
  const wanted = new Map<Collection, Set<string>>();
  for (const field of fields) {
    if (!field.target || field.target === 'members') continue;
    const ids = wanted.get(field.target) ?? new Set<string>();
    wanted.set(field.target, ids);
    for (const row of rows) {
      const value = row[field.key];
      if (typeof value === 'string') ids.add(value);
      else if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') ids.add(id);
    }
  }
  for (const id of extra) for (const ids of wanted.values()) ids.add(id);
  const names = new Map<string, string>();
  for (const [collection, ids] of wanted) {
    if (ids.size === 0) continue;
    const found = await store.getMany(collection, [...ids]);
    for (const row of found) if (row) names.set(`${collection}:${row.id}`, recordTitle(collection, row));
  }
  return (target, id) => (target === 'members' ? (members.find((m) => m.userId === id)?.name ?? null) : (names.get(`${target}:${id}`) ?? null));
}

/** A filter as the chips read it: "Lifecycle stage is Customer". */
export function conditionText(condition: Condition, field: TableField | undefined, label: Label, tag: string, refName: RefName): string {
  const value = (v: unknown): string => {
    if (v === undefined) return '';
    if (Array.isArray(v)) return v.map(value).join(', ');
    if (!field) return String(v);
    switch (field.kind) {
      case 'boolean': return label(v ? 'value.yes' : 'value.no');
      case 'select':
      case 'multiSelect': return optionLabel(field, String(v), label);
      case 'ref':
      case 'refs': return field.target ? (refName(field.target, String(v)) ?? label('table.ref.unknown')) : String(v);
      case 'date':
      case 'datetime':
      case 'instant': return formatDay(tag, conditionDay(field, v));
      case 'number':
      case 'currency': return typeof v === 'number' ? formatNumber(tag, v) : String(v);
      default: return `“${String(v)}”`;
    }
  };
  const name = field ? fieldLabel(field, label) : condition.field;
  const op = label(operatorLabelKey(field?.kind ?? 'text', condition.op), condition.op);
  return [name, op, value(condition.value)].filter(Boolean).join(' ');
}

/** The PDF of `rows` (already in the view's order) with the view described above them. */
export async function listPdf(store: Store, rows: readonly AnyRow[], setup: ListPdfSetup, options: { maxRows?: number; yieldToHost?: () => Promise<void> } = {}): Promise<PdfResult> {
  const { writeReportPdf, PDF_MAX_ROWS } = await import('@carnet/transfer/pdf');
  const { collection, label, tag } = setup;
  const maxRows = options.maxRows ?? PDF_MAX_ROWS;
  const shown = rows.length > maxRows ? rows.slice(0, maxRows) : rows;
  const all = new Map([[TITLE_KEY, titleField(collection)], ...tableFields(collection, setup.customFields).map((f) => [f.key, f] as const)]);
  const columns = setup.columns.map((key) => all.get(key)).filter((f): f is TableField => !!f);
  if (!columns.some((f) => f.key === TITLE_KEY)) columns.unshift(titleField(collection));
  const members = store.members();
  const filterRefs = setup.filters.flatMap((c) => (Array.isArray(c.value) ? c.value : [c.value])).filter((v): v is string => typeof v === 'string');
  const refName = await listRefNames(store, [...columns, ...setup.filters.map((c) => all.get(c.field)).filter((f): f is TableField => !!f)], shown, members, filterRefs);
  const ctx: CellContext = { tag, label, yes: label('value.yes'), no: label('value.no'), refName };
  // Formatted in slices with turns for the browser between them (10,000 rows take ~0.3 s).
  const cells: string[][] = [];
  for (const row of shown) {
    cells.push(columns.map((field) => (field.key === TITLE_KEY ? recordTitle(collection, row) : cellText(field, row[field.key], { ...ctx, currency: typeof row.currency === 'string' ? row.currency : undefined }))));
    if (cells.length % 1_000 === 0 && options.yieldToHost) await options.yieldToHost();
  }

  const conditions = setup.filters.map((c) => conditionText(c, all.get(c.field), label, tag, refName));
  if (setup.q.trim()) conditions.push(label('transfer.pdf.search').replace('{q}', setup.q.trim()));
  const details: [string, string][] = [[label('transfer.pdf.workspace'), setup.workspaceName]];
  if (setup.viewName) details.push([label('transfer.pdf.view'), setup.viewName]);
  details.push([label('transfer.pdf.filters'), conditions.length ? conditions.join('; ') : label('transfer.pdf.noFilters')]);
  const sortText = setup.sort
    .map((key) => {
      const field = all.get(key.field);
      return `${field ? fieldLabel(field, label) : key.field} (${label(key.dir === 'desc' ? 'transfer.pdf.descending' : 'transfer.pdf.ascending')})`;
    })
    .join(', ');
  if (sortText) details.push([label('transfer.pdf.sort'), sortText]);
  if (setup.scope) details.push([label('transfer.pdf.rows'), setup.scope]);
  details.push([label('transfer.pdf.generated'), formatDateTime(tag, setup.now ?? Date.now())]);

  const title = label(`collection.${collection}`, collection);
  return writeReportPdf(
    { title, details, table: { headers: columns.map((f) => fieldLabel(f, label)), rows: cells, numeric: columns.map((f) => f.kind === 'number' || f.kind === 'currency') } },
    {
      words: reportWords(label, tag),
      maxRows,
      totalRows: rows.length,
      language: setup.code === 'fr' ? 'fr' : 'en-US',
      footer: `${setup.workspaceName} · ${title}`,
      yieldToHost: options.yieldToHost,
    },
  );
}
