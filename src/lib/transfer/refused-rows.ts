// The rows an import refused, as a table the user can download, fix in a spreadsheet and
// import again: the file's own header and cells, then the row's number in the file and every
// reason it was refused, in the user's language.
import type { Locale } from '@carnet/schema';
import { rowIssueMessage, type Cell, type ImportReport, type RowIssue, type SourceTable } from '@carnet/transfer';

const HEADERS: Record<Locale, { row: string; problems: string }> = {
  en: { row: 'Row in the file', problems: 'Import problems' },
  fr: { row: 'Ligne du fichier', problems: "Problèmes d'import" },
};

/** One reason, with the column it is about: `E-mail: This is not a valid email address.` */
export function refusalText(issue: RowIssue, locale: Locale): string {
  const message = rowIssueMessage(issue, locale);
  return issue.column !== null ? `${issue.column}${locale === 'fr' ? ' : ' : ': '}${message}` : message;
}

/** The refused rows in file order; each keeps every cell the file had, even past the header. */
export function refusedRowsTable(table: SourceTable, report: ImportReport, locale: Locale): { headers: string[]; rows: Cell[][] } {
  const refused = new Set(report.outcomes.filter((o) => o.outcome === 'failed').map((o) => o.row));
  const reasons = new Map<number, string[]>();
  for (const issue of report.issues) {
    if (issue.severity !== 'error' || !refused.has(issue.row)) continue;
    let list = reasons.get(issue.row);
    if (!list) reasons.set(issue.row, (list = []));
    list.push(refusalText(issue, locale));
  }
  let width = table.headers.length;
  for (const source of table.rows) if (refused.has(source.row)) width = Math.max(width, source.cells.length);
  const headers = [...table.headers, ...Array.from({ length: width - table.headers.length }, () => ''), HEADERS[locale].row, HEADERS[locale].problems];
  const rows: Cell[][] = [];
  for (const source of table.rows) {
    if (!refused.has(source.row)) continue;
    const cells = [...source.cells, ...Array.from({ length: width - source.cells.length }, (): Cell => null)];
    rows.push([...cells, source.row, (reasons.get(source.row) ?? []).join(' | ')]);
  }
  return { headers, rows };
}
