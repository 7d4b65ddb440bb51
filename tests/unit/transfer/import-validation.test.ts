import { describe, expect, it } from 'vitest';
import {
  describeRowIssue, importFile, isTransferError, prepareImport, readSource, suggestMapping, TransferErrorCode, type RowIssue,
} from '@carnet/transfer';
import { allRows, fixture, importedRows, MEMBER_ID, noYield, workspaceStore } from './helpers.ts';

const brief = (issues: RowIssue[]) => issues.map((i) => `${i.row}|${i.column ?? '-'}|${i.code}|${i.severity}`);

describe('import validation', () => {
  it('imports every good row of a messy tab-separated file and reports every bad one with row, column and reason', async () => {
    const store = await workspaceStore();
    await store.create('companies', { name: 'Atelier Lumière SAS' });
    const { report } = await importFile(store, fixture('messy-contacts.tsv'), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    expect(report).toMatchObject({ totalRows: 7, emptyRows: 2, created: 2, failed: 5, companiesCreated: 0 });
    expect(report.ignoredColumns).toEqual(['Birthday', 'Favourite Colour']);
    expect(brief(report.issues)).toEqual([
      '3|E-mail Address|invalid_email|error',
      '3|Lead Score|not_integer|error',
      '5|Lead Score|unparsable_number|error',
      '7|Business Phone|invalid_phone|error',
      '7|Email Opt Out|unparsable_boolean|error',
      '7|Lead Score|out_of_range|error',
      '8|-|too_many_cells|error',
      '9|-|missing_cells|warning',
      '10|E-mail Address|invalid_email|error',
    ]);
    expect(report.outcomes.map((o) => `${o.row}:${o.outcome}`)).toEqual(['2:created', '3:failed', '5:failed', '7:failed', '8:failed', '9:created', '10:failed']);
    const [lea, hugo] = await importedRows(store, 'contacts', report);
    expect(lea).toMatchObject({ firstName: 'Léa', emails: ['lea.bernard@exemple.fr'], leadScore: 87, consentEmail: true });
    expect(hugo).toMatchObject({ firstName: 'Hugo', lastName: 'Roux', emails: ['hugo.roux@exemple.fr'] });
    const [company] = await allRows(store, 'companies');
    expect(lea.companyId).toBe(company.id);
  });

  it('explains each problem in English and French with the value as read', async () => {
    const store = await workspaceStore();
    const { report } = await importFile(store, fixture('messy-contacts.tsv'), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    const email = report.issues.find((i) => i.code === 'invalid_email')!;
    expect(describeRowIssue(email)).toBe('Row 3, column "E-mail Address": This is not a valid email address. Value: "marc.petit@exemple".');
    expect(describeRowIssue(email, 'fr')).toBe("Ligne 3, colonne « E-mail Address » : Cette adresse e-mail n'est pas valide. Valeur : « marc.petit@exemple ».");
    const score = report.issues.find((i) => i.code === 'out_of_range')!;
    expect(describeRowIssue(score)).toBe('Row 7, column "Lead Score": Must be between 0 and 100. Value: "140".');
    const ragged = report.issues.find((i) => i.code === 'too_many_cells')!;
    expect(describeRowIssue(ragged, 'fr')).toMatch(/^Ligne 8 : Cette ligne a 12 valeurs mais l'en-tête a 10 colonnes/);
    const decimal = report.issues.find((i) => i.code === 'not_integer')!;
    expect(decimal.value).toBe('12,5');
  });

  it('reads a Windows-1252 French Outlook export with the accents right', async () => {
    const store = await workspaceStore();
    const { report, table } = await importFile(store, fixture('outlook-fr-contacts.csv'), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    expect(table.info.encoding).toBe('windows-1252');
    expect(report).toMatchObject({ created: 2, failed: 0, companiesCreated: 2, ignoredColumns: ['Date de naissance'] });
    const rows = await importedRows(store, 'contacts', report);
    expect(rows.map((r) => [r.firstName, r.lastName, r.city, r.tags])).toEqual([['Cécile', 'Durand', 'Besançon', ['Clients']], ['Jérôme', 'Lœwe', 'Nîmes', ['Fournisseurs']]]);
    expect((await allRows(store, 'companies', 'name')).map((c) => c.name)).toEqual(['Œuvres & Co', 'Société Générale d’Études']);
  });

  it('imports HubSpot contacts: quoted newlines kept, labels to options, owner by name, an unknown owner a warning', async () => {
    const store = await workspaceStore();
    const { report } = await importFile(store, fixture('hubspot-contacts.csv'), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    expect(report).toMatchObject({ created: 4, failed: 0, companiesCreated: 4 });
    expect(brief(report.issues)).toEqual(['5|Contact owner|unknown_owner|warning']);
    expect(report.issues[0].line).toBe(6);
    const rows = await importedRows(store, 'contacts', report);
    expect(rows.map((r) => [r.lifecycle, r.source])).toEqual([['customer', 'referral'], ['lead', 'website'], ['prospect', 'ads'], ['prospect', 'event']]);
    expect(rows[0]).toMatchObject({ ownerId: MEMBER_ID, notes: 'Met at the Lyon trade fair.\nPrefers calls in the morning.', street: '12, rue de la Paix' });
    expect(rows[0].phones).toEqual(['+33 1 42 68 53 00', '+33 6 12 34 56 78']);
  });

  it('imports vCards from Google, Apple, vCard 4.0 and Outlook 2.1 into contacts', async () => {
    const store = await workspaceStore();
    const reports = [];
    for (const file of ['google-contacts.vcf', 'apple-contacts.vcf', 'contacts-v4.vcf', 'outlook-21.vcf']) {
      const { report } = await importFile(store, fixture(file), { fileName: file, collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
      expect(report.failed, file).toBe(0);
      reports.push(report);
    }
    const rows = await importedRows(store, 'contacts', ...reports);
    expect(rows.map((r) => `${r.firstName} ${r.lastName}`)).toEqual(['François Lefèvre', 'Amélie Nguyen', 'Hélène Dubois', 'Kenji Tanaka', 'Françoise Garçon']);
    expect(rows[0].tags).toEqual(['Clients']);
    expect(rows[3].phones).toEqual(['+81 90 1234 5678', '+81 3 5555 0100 x204']);
  });

  it('imports companies from a vCard file, one per organisation', async () => {
    const store = await workspaceStore();
    const { report, mapping } = await importFile(store, fixture('apple-contacts.vcf'), { collection: 'companies', duplicates: 'skip', yieldToHost: noYield });
    expect(mapping.filter((m) => m.target).map((m) => `${m.header}→${m.target}`)).toContain('Company→name');
    expect(report.created).toBe(1);
    expect((await allRows(store, 'companies'))[0]).toMatchObject({ name: 'Studio Dubois & Fils', city: 'Bordeaux', domain: 'studio-dubois.fr' });
  });

  it('refuses to import deals or activities from a vCard file', async () => {
    const store = await workspaceStore();
    for (const collection of ['deals', 'activities'] as const) {
      const error = await importFile(store, fixture('google-contacts.vcf'), { collection, duplicates: 'skip', yieldToHost: noYield }).catch((e) => e);
      expect(isTransferError(error, TransferErrorCode.UnsupportedFormat)).toBe(true);
    }
  });

  it('imports Pipedrive deals: amounts in both decimal styles, currency, stages by name, contacts by email', async () => {
    const store = await workspaceStore();
    const contactsImport = await importFile(store, fixture('hubspot-contacts.csv'), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    const { report } = await importFile(store, fixture('pipedrive-deals.csv'), {
      collection: 'deals', duplicates: 'skip', yieldToHost: noYield, settings: { dateOrder: 'dmy' },
    });
    expect(report).toMatchObject({ created: 3, failed: 1, companiesCreated: 0 });
    expect(brief(report.issues)).toEqual(['5|Deal - Value|unparsable_number|error', '5|Deal - Expected close date|unparsable_date|error']);
    const deals = await importedRows(store, 'deals', report);
    const contacts = await importedRows(store, 'contacts', contactsImport.report);
    const companies = await allRows(store, 'companies');
    expect(deals.map((d) => [d.title, d.amount, d.currency, d.stageId, d.expectedCloseDate])).toEqual([
      ['Refonte du site', 12500, 'EUR', 'proposal', '2024-09-30'],
      ['Fleet tracking pilot', 4800.5, 'USD', 'demo', '2024-10-15'],
      ['Maintenance annuelle', 3000, 'EUR', 'won', '2024-07-01'],
    ]);
    expect(deals[0].contactIds).toEqual([contacts[0].id]);
    expect(deals[0].companyId).toBe(companies.find((c) => c.name === 'Atelier Lumière SAS')!.id);
    expect(deals[0].pipelineId).toBe('sales');
  });

  it('imports activities: French type labels, day-first local times to UTC, durations, links by email, company and deal title', async () => {
    const store = await workspaceStore();
    const contactsImport = await importFile(store, fixture('hubspot-contacts.csv'), { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    const dealsImport = await importFile(store, fixture('pipedrive-deals.csv'), { collection: 'deals', duplicates: 'skip', yieldToHost: noYield });
    const { report } = await importFile(store, fixture('activities.csv'), {
      collection: 'activities', duplicates: 'skip', yieldToHost: noYield, locale: 'fr', settings: { utcOffsetMinutes: 60 },
    });
    expect(brief(report.issues)).toEqual([
      '2|-|missing_cells|warning',
      '5|Type|unknown_label|error',
      '5|Done|unparsable_boolean|error',
    ]);
    const [call, meeting, task] = await importedRows(store, 'activities', report);
    const [elodie, james] = await importedRows(store, 'contacts', contactsImport.report);
    const [deal] = await importedRows(store, 'deals', dealsImport.report);
    expect(call).toMatchObject({ type: 'call', subject: 'Premier contact', dueAt: '2024-03-05T13:30:00Z', done: true, durationMin: 20, contactId: elodie.id, dealId: deal.id });
    expect(meeting).toMatchObject({ type: 'meeting', dueAt: '2024-03-12T09:00:00Z', durationMin: 90, ownerId: MEMBER_ID });
    expect(task).toMatchObject({ type: 'task', dueAt: '2024-03-19T23:00:00Z', contactId: james.id, done: false });
  });

  it('refuses rows whose company is unknown when asked to, and leaves the link empty with a warning when asked to', async () => {
    const store = await workspaceStore();
    const table = await readSource(fixture('hubspot-contacts.csv'), { yieldToHost: noYield });
    const mapping = suggestMapping('contacts', table.headers);
    const refused = await prepareImport(table, { collection: 'contacts', mapping, missingCompanies: 'refuse', yieldToHost: noYield });
    expect(refused.rejectedRows).toEqual([2, 3, 4, 5]);
    const empty = await prepareImport(table, { collection: 'contacts', mapping, missingCompanies: 'leave_empty', yieldToHost: noYield });
    expect(empty.candidates).toHaveLength(4);
    expect(empty.issues.filter((i) => i.code === 'unknown_company')).toHaveLength(4);
    expect(empty.candidates[0].values.companyId).toBeNull();
    expect(await store.count('companies')).toBe(0);
  });

  it('maps an unknown column to a custom field when the user chooses to', async () => {
    const store = await workspaceStore();
    await store.updateWorkspace({ type: 'putCustomField', def: { key: 'colour', collection: 'contacts', label: 'Couleur', kind: 'select', required: false, options: ['blue', 'green', 'red', 'pink'], order: 0 } });
    const table = await readSource(fixture('messy-contacts.tsv'), { yieldToHost: noYield });
    const mapping = suggestMapping('contacts', table.headers, store.customFields('contacts'));
    mapping.find((m) => m.header === 'Favourite Colour')!.target = 'cf_colour';
    const { report } = await importFile(store, fixture('messy-contacts.tsv'), { collection: 'contacts', duplicates: 'skip', mapping, yieldToHost: noYield });
    expect(report.ignoredColumns).toEqual(['Birthday']);
    expect((await importedRows(store, 'contacts', report))[0].cf_colour).toBe('blue');
  });
});
