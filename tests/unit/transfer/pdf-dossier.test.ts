// The GDPR dossier as a PDF: everything the JSON holds, readable — the contact's fields with
// their labels, its company, its deals and activities (bodies in full, deleted ones marked),
// and the history of changes with names instead of ids; in French with French words.
import { describe, expect, it } from 'vitest';
import type { CustomFieldDef } from '@carnet/schema';
import { contactDossier, exportColumns, storeExportNames } from '@carnet/transfer';
import { writeDossierPdf, type DossierPdfWords } from '@carnet/transfer/pdf';
import { MEMBER_ID, workspaceStore } from './helpers.ts';
import { readPdf } from './pdf-read.ts';

const WORDS: DossierPdfWords = {
  page: (n, total) => `Page ${n} of ${total}`,
  replaced: (count) => `${count} characters replaced by ?.`,
  title: (name) => `Personal data held about ${name}`,
  intro: 'Everything this workspace holds about this person.',
  workspace: 'Workspace', generated: 'Generated', contact: 'Contact', company: 'Company', deals: 'Deals',
  activities: 'Activities', history: 'History of changes', none: 'None.', deleted: 'deleted',
  meta: { id: 'Carnet ID', createdAt: 'Created', createdBy: 'Created by', updatedAt: 'Updated', updatedBy: 'Updated by', deletedAt: 'Deleted', mergedInto: 'Merged into' },
  historyColumns: { when: 'When', who: 'Who', kind: 'Change', field: 'Field', before: 'Before', after: 'After' },
  historyKind: (kind) => kind,
  empty: '—',
  unknownTime: 'unknown time',
};

const CUSTOM: CustomFieldDef[] = [{ key: 'budget', collection: 'contacts', label: 'Budget annuel', kind: 'currency', required: false, order: 0 }];

async function seeded() {
  const store = await workspaceStore();
  await store.updateWorkspace({ type: 'putCustomField', def: CUSTOM[0] });
  const [acme] = await store.createMany('companies', [{ name: 'Acme SAS', city: 'Lyon' }]);
  const [jean] = await store.createMany('contacts', [
    { firstName: 'Jean', lastName: 'Dupont', emails: ['jean@acme.fr'], companyId: acme.id, ownerId: MEMBER_ID, lifecycle: 'customer', city: 'Lyon', cf_budget: 12500, notes: '漢字 note' },
  ]);
  const [, lost] = await store.createMany('deals', [
    { title: 'Refonte du site', amount: 12500, currency: 'EUR', pipelineId: 'sales', stageId: 'proposal', contactIds: [jean.id], companyId: acme.id },
    { title: 'Audit', amount: 3000, currency: 'EUR', pipelineId: 'sales', stageId: 'lost', contactIds: [jean.id] },
  ]);
  await store.delete('deals', lost.id);
  const body = `Intéressé par la refonte.\n${'Long compte rendu. '.repeat(300)}Fin du compte rendu.`;
  await store.createMany('activities', [{ type: 'call', subject: 'Premier contact', body, contactId: jean.id, ownerId: MEMBER_ID }]);
  await store.update('contacts', jean.id, { city: 'Paris' });
  return { store, jean };
}

describe('writeDossierPdf', () => {
  it('holds the contact, its company, deals, activities with bodies and the history of changes', async () => {
    const { store, jean } = await seeded();
    const dossier = await contactDossier(store, jean.id, { now: () => Date.UTC(2026, 2, 5, 9) });
    const names = await storeExportNames(store, [...exportColumns('contacts'), ...exportColumns('deals')]);
    const result = await writeDossierPdf(dossier, {
      words: WORDS, locale: 'en', workspaceName: 'Acme', name: 'Jean Dupont', customFields: store.customFields(), names,
      formatInstant: (value) => new Date(value).toISOString().slice(0, 16).replace('T', ' '),
      formatDay: (day) => day,
      compress: false,
    });
    const pdf = readPdf(result.bytes);
    const text = pdf.pages.map((p) => p.join('\n')).join('\n');
    expect(pdf.title).toBe('Personal data held about Jean Dupont');
    expect(text).toContain('Generated\n2026-03-05 09:00');
    for (const line of ['First Name\nJean', 'Last Name\nDupont', 'Email\njean@acme.fr', 'Company\nAcme SAS', 'Owner\nClaire Martin', 'Lifecycle Stage\nCustomer', 'Budget annuel\n12500', 'City\nParis']) {
      expect(text).toContain(line);
    }
    expect(text).toContain('Company Name\nAcme SAS');
    expect(text).toContain('Deals (2)');
    expect(text).toContain('Refonte du site');
    expect(text).toContain('Audit (deleted)');
    expect(text).toContain('Activities (1)');
    expect(text).toContain('Intéressé par la refonte.');
    expect(text).toContain('Fin du compte rendu.');
    expect(text).toContain('History of changes');
    // The city's change, old → new, newest first, labelled as the export labels it; then its creation.
    const all = pdf.pages.flat();
    const history = all.slice(all.indexOf('History of changes (2)'));
    const cityAt = history.indexOf('City');
    expect(history.slice(cityAt, cityAt + 3)).toEqual(['City', 'Lyon', 'Paris']);
    expect(history.slice(history.lastIndexOf('City'), history.lastIndexOf('City') + 3)).toEqual(['City', '—', 'Lyon']);
    // Past values are written as the export writes them: option labels and names, not ids.
    expect(history.slice(history.indexOf('Lifecycle Stage'), history.indexOf('Lifecycle Stage') + 3)).toEqual(['Lifecycle Stage', '—', 'Customer']);
    expect(history.slice(history.indexOf('Company'), history.indexOf('Company') + 3)).toEqual(['Company', '—', 'Acme SAS']);
    expect(text).toContain('?? note');
    // Twice: in the contact's notes and in the history of its creation.
    expect(result.replaced).toBe(4);
    expect(result.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages.at(-1)!.at(-1)).toBe(`Page ${result.pages} of ${result.pages}`);
  });

  it('speaks French with French labels and words', async () => {
    const { store, jean } = await seeded();
    const dossier = await contactDossier(store, jean.id);
    const result = await writeDossierPdf(dossier, {
      words: { ...WORDS, title: (name) => `Données personnelles de ${name}`, page: (n, total) => `Page ${n} sur ${total}` },
      locale: 'fr', workspaceName: 'Acme', name: 'Jean Dupont', customFields: store.customFields(),
      formatInstant: (value) => String(value), formatDay: (day) => day, compress: false,
    });
    const text = readPdf(result.bytes).text;
    expect(text).toContain('Données personnelles de Jean Dupont');
    expect(text).toContain('Prénom Jean');
    expect(text).toContain('Cycle de vie Client');
    expect(text).toContain(`Page 1 sur ${result.pages}`);
  });
});
