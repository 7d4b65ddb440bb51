// A report widget's figures as a file: its table (the one every chart carries as its text
// alternative, cells as the widget shows them) as CSV or XLSX, or a PDF that reads like a
// report — the title, workspace, period, people and filters, the generation date, the chart as
// the widget draws it, the notes, then the table. jsPDF is loaded only when a PDF is asked for.
import type { WidgetType } from '@carnet/reports';
import { writeCsvBytes, writeXlsx } from '@carnet/transfer';
import type { WidgetView } from '../reports/view-model.ts';
import type { ViewText } from '../reports/view-text.ts';
import { chartScene } from './report-chart-scene.ts';
import { reportWords } from './pdf-words.ts';

export type ReportFormat = 'csv' | 'xlsx' | 'pdf';
export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'xlsx', 'pdf'];

export const REPORT_MIME_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface WidgetExport {
  title: string;
  type: WidgetType;
  view: WidgetView;
  text: ViewText;
  /** Workspace, period, people, filters, generated on: labelled, in the interface language. */
  details: readonly (readonly [string, string])[];
  notes: readonly string[];
  /** Interface language ('en' | 'fr'): CSV separator and PDF language. */
  code: 'en' | 'fr';
  workspaceName: string;
}

function tableOf(view: WidgetView): { headers: string[]; rows: string[][]; numeric: boolean[] } {
  return {
    headers: view.table.columns.map((c) => c.label),
    rows: view.table.rows.map((r) => r.cells),
    numeric: view.table.columns.map((c) => c.numeric),
  };
}

/** The file's bytes, and for a PDF what it left out. */
export async function widgetExportBytes(widget: WidgetExport, format: ReportFormat): Promise<{ bytes: Uint8Array; replaced: number }> {
  const table = tableOf(widget.view);
  if (format === 'csv') return { bytes: writeCsvBytes(table.headers, table.rows, { separator: widget.code === 'fr' ? ';' : ',', bom: true }), replaced: 0 };
  if (format === 'xlsx') return { bytes: await writeXlsx(table.headers, table.rows, { sheet: widget.title }), replaced: 0 };
  const { writeReportPdf } = await import('@carnet/transfer/pdf');
  const result = await writeReportPdf(
    {
      title: widget.title,
      details: widget.details,
      chart: chartScene(widget.view, widget.type, widget.text),
      notes: widget.notes,
      table,
    },
    {
      words: reportWords((key, fallback) => widget.text.label(key, fallback ?? key), widget.text.tag),
      language: widget.code === 'fr' ? 'fr' : 'en-US',
      footer: `${widget.workspaceName} · ${widget.title}`,
    },
  );
  return { bytes: result.bytes, replaced: result.replaced };
}
