// What `carnet import` prints: the counts, every refused row with its row number, column and
// message (English), then the warnings (capped, they can be many), and progress lines for
// long imports. Pure: the report in, lines out.
import { describeRowIssue, type ImportReport, type Progress } from '@carnet/transfer';

/** Warnings printed at most; the rest are counted. */
export const MAX_WARNINGS_SHOWN = 50;

export interface ReportContext {
  file: string;
  workspaceName: string;
  relayUrl: string;
  dryRun: boolean;
}

export function formatImportReport(report: ImportReport, context: ReportContext): string[] {
  const lines: string[] = [];
  const where = `${report.collection} from ${context.file} into "${context.workspaceName}" (${context.relayUrl})`;
  lines.push(context.dryRun ? `Dry run of ${where}: nothing was written. The import would give:` : `Imported ${where}.`);
  const count = (label: string, value: number, note = '') => lines.push(`  ${(label + ':').padEnd(30)}${String(value).padStart(8)}${note}`);
  count('rows read', report.totalRows, report.emptyRows ? `  (and ${report.emptyRows} empty)` : '');
  count('imported', report.created);
  count('updated', report.updated);
  if (report.unchanged) count('unchanged', report.unchanged, '  (already as in the file)');
  count('skipped', report.skipped, report.skipped ? `  (already in Carnet, --duplicates ${report.choice})` : '');
  if (report.folded) count('merged into an earlier row', report.folded);
  count('refused', report.failed);
  if (report.companiesCreated) count('companies created', report.companiesCreated);
  if (report.ignoredColumns.length) lines.push(`  Columns not imported: ${report.ignoredColumns.join(', ')}`);

  const errors = report.issues.filter((issue) => issue.severity === 'error');
  if (errors.length) {
    lines.push('', `Refused rows (${report.failed}):`);
    for (const issue of errors) lines.push(`  ${describeRowIssue(issue, 'en')}`);
  }
  const warnings = report.issues.filter((issue) => issue.severity === 'warning');
  if (warnings.length) {
    lines.push('', `Warnings (${warnings.length}; these rows were ${context.dryRun ? 'checked' : 'imported'} or skipped as reported):`);
    for (const issue of warnings.slice(0, MAX_WARNINGS_SHOWN)) lines.push(`  ${describeRowIssue(issue, 'en')}`);
    if (warnings.length > MAX_WARNINGS_SHOWN) lines.push(`  … and ${warnings.length - MAX_WARNINGS_SHOWN} more.`);
  }
  return lines;
}

const PHASE_LABEL: Record<Progress['phase'], string> = {
  read: 'Reading the file',
  prepare: 'Checking rows',
  match: 'Looking for duplicates',
  create: 'Creating records',
  update: 'Updating records',
  undo: 'Undoing',
  export: 'Exporting',
};

/** Progress of big jobs on stderr: a line per phase at most every `everyMs`, and its last step. */
export function progressPrinter(err: (line: string) => void, now: () => number, options: { minTotal?: number; everyMs?: number } = {}) {
  const minTotal = options.minTotal ?? 1_000;
  const everyMs = options.everyMs ?? 1_000;
  const last = new Map<string, number>();
  const print = (key: string, line: string, final: boolean) => {
    const at = now();
    const previous = last.get(key);
    if (!final && previous !== undefined && at - previous < everyMs) return;
    if (final && previous === Number.POSITIVE_INFINITY) return;
    last.set(key, final ? Number.POSITIVE_INFINITY : at);
    err(line);
  };
  return {
    import(progress: Progress): void {
      if (progress.total < minTotal) return;
      // Reading counts characters of the file; the other phases count rows.
      const unit = progress.phase === 'read' ? ' characters' : ' rows';
      print(progress.phase, `${PHASE_LABEL[progress.phase]}: ${progress.done} of ${progress.total}${unit}`, progress.done >= progress.total);
    },
    download(docs: number): void {
      if (docs >= minTotal) print('download', `Downloading the workspace: ${docs} records and settings`, false);
    },
    send(done: number, total: number): void {
      if (total >= minTotal) print('send', `Sending to the relay: ${done} of ${total} changes acknowledged`, done >= total);
    },
  };
}
