// Import, then export, in a real browser against a real relay (issue 5's journey): the owner
// imports a CSV of contacts through the wizard, sees the rows, exports the list as PDF (in
// English, and in French from a second browser), downloads a contact's GDPR dossier as PDF,
// exports the "New contacts by source" report widget as CSV, XLSX and PDF — each file read back
// (CSV rows, the workbook through @carnet/transfer's reader, the PDF's text and pages) — then
// undoes the import, and the same widget's PDF says it has no rows.
import { readFileSync } from 'node:fs';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '@carnet/transfer';
import { OWNER, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';
import { readPdf } from '../unit/transfer/pdf-read.ts';

const CSV = [
  'First Name,Last Name,Email,Company,Lead Source,Lifecycle Stage',
  'Ada,Lovelace,ada@engine.uk,Analytical Engines,Website,Lead',
  'Grace,Hopper,grace@navy.mil,Navy,Website,Customer',
  'Alan,Turing,alan@bletchley.uk,Bletchley Park,Referral,Lead',
  'Hiro,Tanaka 田中,hiro@example.jp,,Event,Customer',
].join('\r\n');
const FILE = { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') };

let relay: RunningRelay;
let browser: Browser;
let owner: TrackedPage;
const opened: TrackedPage[] = [];

async function open(person: Person, options: { locale?: string; path?: string } = {}): Promise<TrackedPage> {
  const tracked = await signIn(browser, relay.url, person, { path: options.path ?? '/import', locale: options.locale });
  tracked.page.setDefaultTimeout(20_000);
  opened.push(tracked);
  return tracked;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: new Uint8Array(readFileSync((await download.path())!)) };
}

const leadsWidget = (page: Page) => page.locator('[data-testid=widget][data-report="leads_by_source"]');

async function exportWidget(widget: Locator, format: string) {
  const page = widget.page();
  await widget.getByRole('button', { name: 'Export', exact: true }).click();
  return downloaded(page, () => widget.getByTestId('report-export-menu').getByRole('button', { name: format, exact: true }).click());
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  await setUpWorkspace(relay.url);
  owner = await open(OWNER);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('import, then export a report', () => {
  it('imports a CSV through the wizard and shows the rows', async () => {
    const { page, errors } = owner;
    await page.getByRole('heading', { level: 1, name: 'Import and export' }).waitFor();
    await page.getByLabel('Contacts', { exact: true }).check();
    await page.getByLabel('Choose a file').setInputFiles(FILE);
    await page.getByTestId('import-encoding').waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByTestId('import-mapping').waitFor();
    await page.getByRole('button', { name: 'Check the rows' }).click();
    await page.getByTestId('import-check').waitFor();
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.getByTestId('import-summary').waitFor();
    await waitSynced(page);

    await page.goto(`${relay.url}/contacts`);
    await page.getByTestId('table-count').getByText('4 contacts', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('exports the list as a PDF of the columns shown, and says which characters it could not draw', async () => {
    const { page, errors } = owner;
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = page.getByTestId('export-menu');
    await menu.getByText('A PDF lists up to 10,000 rows; CSV and Excel hold them all.').waitFor();
    const { download, bytes } = await downloaded(page, () => menu.getByRole('button', { name: 'PDF, to print or send' }).click());
    expect(download.suggestedFilename()).toMatch(/^acme-contacts-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = readPdf(bytes);
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0].slice(0, 5)).toEqual(['Contacts', 'Workspace', 'Acme', 'Filters', 'None']);
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Hiro Tanaka ??', 'Analytical Engines']) expect(pdf.pages[0]).toContain(name);
    expect(pdf.text).toContain('Note: 2 characters that the PDF’s standard fonts cannot draw');
    expect(pdf.pages[0].at(-1)).toBe('Page 1 of 1');
    await page.getByText('2 characters could not be drawn in the PDF').waitFor();

    // The contact's GDPR dossier, as a PDF beside the JSON.
    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    const dossier = await downloaded(page, () => page.getByRole('button', { name: 'Download everything about this contact as PDF (GDPR)' }).click());
    expect(dossier.download.suggestedFilename()).toMatch(/^grace-hopper-gdpr-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = readPdf(dossier.bytes).pages.map((p) => p.join('\n')).join('\n');
    expect(text).toContain('Personal data held about Grace Hopper');
    for (const line of ['First Name\nGrace', 'Email\ngrace@navy.mil', 'Lifecycle Stage\nCustomer', 'Source\nWebsite', 'Company Name\nNavy']) expect(text).toContain(line);
    expect(text).toContain('History of changes');
    expect(unexpected(errors)).toEqual([]);
  });

  it('exports the list as a French PDF from a French browser', async () => {
    const { page, errors } = await open(OWNER, { locale: 'fr-FR', path: '/contacts' });
    await page.getByTestId('table-count').getByText('4 contacts', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    const { bytes } = await downloaded(page, () => page.getByTestId('export-menu').getByRole('button', { name: 'PDF, à imprimer ou envoyer' }).click());
    const pdf = readPdf(bytes);
    expect(pdf.pages[0].slice(0, 5)).toEqual(['Contacts', 'Espace de travail', 'Acme', 'Filtres', 'Aucun']);
    expect(pdf.pages[0]).toContain('Généré le');
    expect(pdf.pages[0].at(-1)).toBe('Page 1 sur 1');
    expect(unexpected(errors)).toEqual([]);
  });

  it('exports the report widget as CSV, XLSX and a PDF with its chart and table', async () => {
    const { page, errors } = owner;
    await page.goto(`${relay.url}/reports`);
    const widget = leadsWidget(page);
    await widget.locator('svg').first().waitFor();

    const csv = await exportWidget(widget, 'CSV');
    expect(csv.download.suggestedFilename()).toMatch(/^acme-new-contacts-by-source-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = new TextDecoder().decode(csv.bytes).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Source,Lead,.*,Total$/);
    const row = (source: string) => lines.find((l) => l.startsWith(`${source},`))!.split(',');
    expect(row('Website').at(-1)).toBe('2');
    expect(row('Referral').at(-1)).toBe('1');
    expect(row('Event').at(-1)).toBe('1');

    const xlsx = await exportWidget(widget, 'Excel (.xlsx)');
    expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheet = await readXlsx(xlsx.bytes);
    expect(sheet.headers[0]).toBe('Source');
    expect(sheet.rows.map((r) => r.cells[0]).sort()).toEqual(['Event', 'Referral', 'Website']);

    const pdfFile = await exportWidget(widget, 'PDF, to print or send');
    expect(pdfFile.download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readPdf(pdfFile.bytes);
    expect(pdf.pages).toHaveLength(1);
    const page1 = pdf.pages[0];
    expect(page1.slice(0, 11)).toEqual([
      'New contacts by source', 'Workspace', 'Acme', 'Period', 'Last 90 days', 'People', 'Everyone', 'Shown as', 'Donut', 'Generated', expect.any(String),
    ]);
    // The donut's total and legend, drawn before the table.
    expect(page1).toContain('Website  2 (50%)');
    expect(page1.indexOf('Website  2 (50%)')).toBeLessThan(page1.indexOf('Source'));
    expect(page1.slice(page1.indexOf('Source'), page1.indexOf('Source') + 2)).toEqual(['Source', 'Lead']);
    expect(page1.at(-1)).toBe('Page 1 of 1');
    expect(unexpected(errors)).toEqual([]);
  });

  it('undoes the import, and the report exported then has no rows', async () => {
    const { page, errors } = owner;
    await page.goto(`${relay.url}/import`);
    const past = page.getByTestId('past-imports');
    await past.getByRole('button', { name: 'Undo the import of leads.csv' }).click();
    await past.getByText(/^Undone on /).waitFor();
    await waitSynced(page);
    await page.goto(`${relay.url}/contacts`);
    await page.getByText('No contacts yet. Add the first one.').waitFor();

    await page.goto(`${relay.url}/reports`);
    const widget = leadsWidget(page);
    await widget.getByText('Nothing to show').first().waitFor();
    const pdf = readPdf((await exportWidget(widget, 'PDF, to print or send')).bytes);
    expect(pdf.text).toContain('No rows.');
    expect(pdf.text).not.toContain('Website');
    expect(unexpected(errors)).toEqual([]);
  });
});
