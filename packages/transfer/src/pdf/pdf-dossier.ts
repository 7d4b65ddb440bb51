// The GDPR dossier of one contact (contact-dossier.ts) as a PDF a person can read: everything
// the JSON holds, in sections — the contact's fields, its company, each deal and each activity
// (bodies in full, deleted ones marked), then the history of changes as a table (when, who,
// which field, before, after). Labels are the export's (English or French); dates, names and
// the section words come from the host in the user's language.
import type { AnyRow, Collection, CustomFieldDef, Locale } from '@carnet/schema';
import type { HistoryEntry } from '@carnet/store';
import type { ContactDossier } from '../contact-dossier.ts';
import { AS_NAMES, exportTable, type ExportNames } from '../export-table.ts';
import { targetLabel } from '../field-labels.ts';
import type { HostOptions } from '../host.ts';
import { drawTable } from './pdf-table.ts';
import { MUTED_COLOR, PdfWriter, type PdfWords } from './pdf-writer.ts';
import type { PdfResult } from './pdf-report.ts';

export interface DossierPdfWords extends PdfWords {
  /** "Personal data held about Cécile Durand". */
  title(name: string): string;
  intro: string;
  workspace: string;
  generated: string;
  contact: string;
  company: string;
  deals: string;
  activities: string;
  history: string;
  /** Said under a section with nothing in it. */
  none: string;
  /** Appended to a deleted record's heading. */
  deleted: string;
  /** Labels of the rows' own fields. */
  meta: { id: string; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string; deletedAt: string; mergedInto: string };
  historyColumns: { when: string; who: string; kind: string; field: string; before: string; after: string };
  historyKind(kind: HistoryEntry['kind']): string;
  /** Empty value in the history ("—"). */
  empty: string;
  unknownTime: string;
}

export interface DossierPdfOptions extends HostOptions {
  words: DossierPdfWords;
  locale: Locale;
  workspaceName: string;
  /** The contact's name as the app shows it. */
  name: string;
  customFields?: readonly CustomFieldDef[];
  names?: ExportNames;
  /** An instant (epoch ms or ISO text) in the user's language. */
  formatInstant(value: number | string): string;
  /** A day (YYYY-MM-DD) in the user's language. */
  formatDay(day: string): string;
  compress?: boolean;
  language?: string;
}

const META_KEYS = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'mergedInto'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const HISTORY_TEXT = 400;

function readable(value: string, options: DossierPdfOptions): string {
  if (DAY.test(value)) return options.formatDay(value);
  if (INSTANT.test(value)) return options.formatInstant(value);
  return value;
}

/** Every field of a record with a value, labelled, then its own dates and authors. */
function recordFields(collection: Collection, row: AnyRow, dossier: ContactDossier, options: DossierPdfOptions): [string, string][] {
  const { headers, rows } = exportTable(collection, [row], {
    locale: options.locale, customFields: options.customFields, names: options.names, includeId: false, cells: 'text',
  });
  const pairs: [string, string][] = [];
  headers.forEach((header, i) => {
    const cell = rows[0][i];
    if (cell !== null && cell !== undefined && cell !== '') pairs.push([header, readable(String(cell), options)]);
  });
  // Custom fields whose definition is gone are still the person's data.
  const known = new Set((options.customFields ?? []).filter((d) => d.collection === collection).map((d) => `cf_${d.key}`));
  for (const [key, value] of Object.entries(row)) {
    if (!key.startsWith('cf_') || known.has(key) || value === null || value === undefined || value === '') continue;
    pairs.push([dossier.customFieldLabels[key] ?? key, Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  const member = (id: unknown) => (typeof id === 'string' ? (options.names?.member?.(id) ?? id) : '');
  for (const key of META_KEYS) {
    const value = row[key];
    if (value === null || value === undefined || value === '') continue;
    const text = key === 'createdBy' || key === 'updatedBy' ? member(value) : key.endsWith('At') && typeof value === 'number' ? options.formatInstant(value) : String(value);
    pairs.push([options.words.meta[key], text]);
  }
  return pairs;
}

function fieldLabel(field: string, dossier: ContactDossier, options: DossierPdfOptions): string {
  if (field.startsWith('cf_')) return dossier.customFieldLabels[field] ?? field;
  if (field in options.words.meta) return options.words.meta[field as keyof DossierPdfWords['meta']];
  return targetLabel('contacts', AS_NAMES[field] ?? field, options.locale);
}

/** A past value as the export writes it (option labels, names instead of ids, yes/no), cut when long. */
function historyValue(field: string, value: unknown, options: DossierPdfOptions): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return options.words.empty;
  if (field.endsWith('At') && typeof value === 'number') return options.formatInstant(value);
  let text: string | null = null;
  if (!(field in options.words.meta)) {
    const row = { id: '', [field]: value } as unknown as AnyRow;
    const cell = exportTable('contacts', [row], {
      locale: options.locale, customFields: options.customFields, names: options.names, columns: [AS_NAMES[field] ?? field], cells: 'text',
    }).rows[0][0];
    if (cell !== null && cell !== undefined && cell !== '') text = readable(String(cell), options);
  }
  text ??= Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > HISTORY_TEXT ? `${text.slice(0, HISTORY_TEXT)}…` : text;
}

function recordTitle(collection: Collection, row: AnyRow, words: DossierPdfWords): string {
  const title = collection === 'deals' ? row.title : collection === 'activities' ? row.subject || row.type : row.name;
  const text = typeof title === 'string' && title ? title : row.id;
  return row.deletedAt ? `${text} (${words.deleted})` : text;
}

export async function writeDossierPdf(dossier: ContactDossier, options: DossierPdfOptions): Promise<PdfResult> {
  const { words } = options;
  const title = words.title(options.name);
  const writer = new PdfWriter({ words, title, footer: `${options.workspaceName} · ${title}`, compress: options.compress, language: options.language });
  writer.title(title);
  writer.paragraph(words.intro, { size: 9, color: MUTED_COLOR, after: 4 });
  writer.fields([[words.workspace, options.workspaceName], [words.generated, options.formatInstant(dossier.exportedAt)]]);
  writer.rule(8);

  writer.heading(words.contact);
  writer.fields(recordFields('contacts', dossier.contact, dossier, options));

  writer.heading(words.company);
  if (dossier.company) {
    writer.paragraph(recordTitle('companies', dossier.company, words), { size: 10, bold: true, after: 2 });
    writer.fields(recordFields('companies', dossier.company, dossier, options));
  } else writer.paragraph(words.none, { color: MUTED_COLOR });

  for (const [collection, heading, rows] of [['deals', words.deals, dossier.deals], ['activities', words.activities, dossier.activities]] as const) {
    writer.heading(`${heading} (${rows.length})`);
    if (rows.length === 0) writer.paragraph(words.none, { color: MUTED_COLOR });
    for (const row of rows) {
      writer.heading(recordTitle(collection, row, words), 30, 10);
      writer.fields(recordFields(collection, row, dossier, options));
      if (options.yieldToHost) await options.yieldToHost();
    }
  }

  writer.heading(`${words.history} (${dossier.history.length})`);
  const columns = words.historyColumns;
  const rows = dossier.history.flatMap((entry) => {
    const when = entry.at === null ? words.unknownTime : options.formatInstant(entry.at);
    const who = entry.by ? (options.names?.member?.(entry.by) ?? entry.by) : words.empty;
    const kind = words.historyKind(entry.kind);
    if (entry.changes.length === 0) return [[when, who, kind, '', '', '']];
    return entry.changes.map((change) => [
      when, who, kind, fieldLabel(change.field, dossier, options),
      change.text ? words.empty : historyValue(change.field, change.before, options), historyValue(change.field, change.after, options),
    ]);
  });
  if (rows.length === 0) writer.paragraph(words.none, { color: MUTED_COLOR });
  else {
    await drawTable(writer, { headers: [columns.when, columns.who, columns.kind, columns.field, columns.before, columns.after], rows }, { ...options, maxLines: 6 });
  }
  const { bytes, pages } = writer.finish();
  return { bytes, pages, rows: rows.length, omitted: 0, replaced: writer.replaced };
}
