// What `carnet import` prints, without a relay: the report's counts and rows, the cap on
// warnings, and progress lines throttled per phase with the last step always shown.
import { describe, expect, it } from 'bun:test';
import type { ImportReport, RowIssue } from '@carnet/transfer';
import { parseImportArgs } from '../src/cli/import-args.ts';
import { formatImportReport, MAX_WARNINGS_SHOWN, progressPrinter } from '../src/cli/import-report.ts';

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    collection: 'contacts', choice: 'update', totalRows: 10, emptyRows: 1, created: 5, updated: 2, unchanged: 1, skipped: 0,
    folded: 1, failed: 1, companiesCreated: 0, issues: [], ignoredColumns: [], outcomes: [], cancelled: false, ...overrides,
  };
}

const context = { file: 'people.csv', workspaceName: 'Acme', relayUrl: 'http://localhost:8787', dryRun: false };

describe('import report', () => {
  it('gives every count and each refused row with its row, column, message and value', () => {
    const refused: RowIssue = { row: 7, column: 'E-mail', field: 'emails', code: 'invalid_email', severity: 'error', value: 'jean@' };
    const lines = formatImportReport(report({ issues: [refused], ignoredColumns: ['Fax'] }), context);
    expect(lines).toEqual([
      'Imported contacts from people.csv into "Acme" (http://localhost:8787).',
      '  rows read:                          10  (and 1 empty)',
      '  imported:                            5',
      '  updated:                             2',
      '  unchanged:                           1  (already as in the file)',
      '  skipped:                             0',
      '  merged into an earlier row:          1',
      '  refused:                             1',
      '  Columns not imported: Fax',
      '',
      'Refused rows (1):',
      '  Row 7, column "E-mail": This is not a valid email address. Value: "jean@".',
    ]);
  });

  it('says a dry run wrote nothing and counts what would be done', () => {
    const lines = formatImportReport(report(), { ...context, dryRun: true });
    expect(lines[0]).toBe('Dry run of contacts from people.csv into "Acme" (http://localhost:8787): nothing was written. The import would give:');
    expect(lines).toContain('  imported:                            5');
  });

  it(`shows at most ${MAX_WARNINGS_SHOWN} warnings and counts the rest`, () => {
    const warnings: RowIssue[] = Array.from({ length: 120 }, (_, i) => ({
      row: i + 2, column: 'Owner', field: 'ownerId', code: 'unknown_owner', severity: 'warning', value: 'Zoé',
    }));
    const lines = formatImportReport(report({ issues: warnings, failed: 0 }), context);
    expect(lines.filter((l) => l.includes('No workspace member with this name'))).toHaveLength(MAX_WARNINGS_SHOWN);
    expect(lines.at(-1)).toBe(`  … and ${120 - MAX_WARNINGS_SHOWN} more.`);
  });
});

describe('import progress', () => {
  it('prints a phase at most once a second, always its last step, and nothing for small jobs', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = progressPrinter((l) => lines.push(l), () => now);
    progress.import({ phase: 'create', done: 10, total: 999 });
    for (let done = 500; done <= 3_000; done += 500) {
      progress.import({ phase: 'create', done, total: 3_000 });
      now += 400;
    }
    progress.send(2_000, 3_000);
    progress.send(3_000, 3_000);
    expect(lines).toEqual([
      'Creating records: 500 of 3000 rows', // at 0 ms
      'Creating records: 2000 of 3000 rows', // at 1200 ms
      'Creating records: 3000 of 3000 rows', // the last step
      'Sending to the relay: 2000 of 3000 changes acknowledged',
      'Sending to the relay: 3000 of 3000 changes acknowledged',
    ]);
  });
});

describe('import arguments', () => {
  it('reads options in both spellings, with the relay and token from the environment by default', () => {
    const parsed = parseImportArgs(['a.csv', '--workspace=w1', '--type', 'deals', '--duplicates=update', '--month-first', '--dry-run'], {
      CARNET_RELAY: 'https://crm.example.com/', CARNET_TOKEN: 'carnet_x',
    });
    expect(parsed).toEqual({
      ok: true,
      args: {
        file: 'a.csv', workspaceId: 'w1', collection: 'deals', duplicates: 'update', dateOrder: 'mdy', dryRun: true,
        relayUrl: 'https://crm.example.com', token: 'carnet_x',
      },
    });
    const flags = parseImportArgs(['a.csv', '--workspace', 'w1', '--type', 'contacts', '--token', 'carnet_y', '--relay', 'http://10.0.0.2:8787'], {});
    expect(flags.ok && flags.args).toMatchObject({ duplicates: 'skip', dateOrder: undefined, dryRun: false, relayUrl: 'http://10.0.0.2:8787', token: 'carnet_y' });
    expect(parseImportArgs(['a.csv', '--workspace', 'w1', '--type', 'contacts'], { CARNET_TOKEN: 't' })).toMatchObject({
      ok: true, args: { relayUrl: 'http://localhost:8787' },
    });
  });

  it('refuses a relay that is not an http(s) URL and an option without its value', () => {
    expect(parseImportArgs(['a.csv', '--workspace', 'w', '--type', 'contacts', '--relay', 'ftp://x'], { CARNET_TOKEN: 't' })).toMatchObject({ ok: false });
    expect(parseImportArgs(['a.csv', '--type', 'contacts', '--workspace', '--dry-run'], { CARNET_TOKEN: 't' })).toEqual({ ok: false, message: '--workspace needs a value.' });
  });
});
