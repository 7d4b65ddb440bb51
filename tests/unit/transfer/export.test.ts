import { describe, expect, it } from 'vitest';
import type { AnyRow, Collection, CustomFieldDef, Locale } from '@carnet/schema';
import type { Store } from '@carnet/store';
import {
  contactDossier, exportColumns, exportTable, importFile, isTransferError, parseVCards, parseWorkspaceArchive, storeExportNames,
  TransferErrorCode, vcardContact, workspaceArchive, workspaceArchiveChunks, writeCsvBytes, writeVCards, writeXlsx,
} from '@carnet/transfer';
import { MEMBER_ID, noYield, workspaceStore } from './helpers.ts';

const CUSTOM: CustomFieldDef[] = [
  { key: 'budget', collection: 'contacts', label: 'Budget annuel', kind: 'currency', required: false, order: 0 },
  { key: 'rdv', collection: 'contacts', label: 'Prochain rendez-vous', kind: 'date', required: false, order: 1 },
  { key: 'vip', collection: 'contacts', label: 'VIP', kind: 'boolean', required: false, order: 2 },
  { key: 'canal', collection: 'contacts', label: 'Canal préféré', kind: 'select', required: false, options: ['email', 'téléphone'], order: 3 },
];

async function workspace(): Promise<Store> {
  const store = await workspaceStore();
  await store.updateWorkspace(...CUSTOM.map((def) => ({ type: 'putCustomField' as const, def })));
  return store;
}

/** A workspace with a bit of everything, in the shapes people really type. */
async function seeded(): Promise<Store> {
  const store = await workspace();
  const [acme, lumiere] = await store.createMany('companies', [
    { name: 'Acme SAS', domain: 'acme.fr', industry: 'Logiciel', size: '11-50', phone: '+33 1 23 45 67 89', city: 'Lyon', country: 'France', tags: ['clé'], description: 'Éditeur\nde logiciels', ownerId: MEMBER_ID },
    { name: 'Atelier Lumière', city: 'Paris' },
  ]);
  const [jean, ada] = await store.createMany('contacts', [
    {
      firstName: 'Jean', lastName: "D'Alembert-Dupont", emails: ['jean@acme.fr', 'j.dupont@gmail.com'], phones: ['+33 6 12 34 56 78', '04 78 00 00 00'],
      title: 'Directeur, achats', companyId: acme.id, ownerId: MEMBER_ID, lifecycle: 'customer', tags: ['vip', 'salon 2024'], street: '3, place de l’Église',
      postalCode: '69001', city: 'Lyon', region: 'Auvergne-Rhône-Alpes', country: 'France', source: 'cold_outreach', leadScore: 87,
      consentEmail: true, consentSms: false, consentPhone: true, notes: 'Aime le "café" ;\nrappeler le lundi', cf_budget: 12500.5, cf_rdv: '2024-09-30', cf_vip: true, cf_canal: 'téléphone',
    },
    { firstName: 'Ada', lastName: 'Lovelace', emails: ['ada@engine.uk'], companyId: lumiere.id, lifecycle: 'lead', source: 'referral', leadScore: 0 },
  ]);
  const [deal] = await store.createMany('deals', [
    {
      title: 'Refonte du site', amount: 12500.5, currency: 'EUR', pipelineId: 'sales', stageId: 'proposal', probability: 60, expectedCloseDate: '2024-09-30',
      ownerId: MEMBER_ID, companyId: acme.id, contactIds: [jean.id, ada.id], nextStep: 'Relancer', nextStepDate: '2024-06-01', tags: ['web'], description: 'Lot 1 ; lot 2',
    },
    { title: 'Audit', amount: 3000, currency: 'USD', pipelineId: 'sales', stageId: 'lost', lostReason: 'Prix', closedAt: '2024-05-02', companyId: lumiere.id },
  ]);
  await store.createMany('activities', [
    { type: 'call', subject: 'Premier contact', body: 'Intéressé,\nrappeler', dueAt: '2024-03-05T13:30:00Z', done: true, doneAt: '2024-03-05T13:50:00Z', durationMin: 20, outcome: 'connected', contactId: jean.id, companyId: acme.id, dealId: deal.id, ownerId: MEMBER_ID },
    { type: 'task', subject: 'Envoyer le devis', dueAt: '2024-03-20T08:00:00Z', contactId: ada.id },
  ]);
  return store;
}

/** A record's fields with references replaced by names, so two workspaces can be compared. */
async function comparable(store: Store, collection: Collection): Promise<Record<string, unknown>[]> {
  const names = await storeExportNames(store, exportColumns(collection, store.customFields(collection)));
  const { rows } = await store.query(collection, { sort: [{ field: collection === 'companies' ? 'name' : collection === 'activities' ? 'subject' : collection === 'deals' ? 'title' : 'firstName' }] });
  return rows.map((row: AnyRow) => {
    const { id: _i, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, deletedAt: _d, ...fields } = row;
    for (const key of ['companyId', 'parentId']) if (typeof fields[key] === 'string') fields[key] = names.company!(fields[key] as string);
    if (Array.isArray(fields.contactIds)) fields.contactIds = (fields.contactIds as string[]).map((id) => names.contact!(id));
    if (typeof fields.contactId === 'string') fields.contactId = names.contact!(fields.contactId);
    if (typeof fields.dealId === 'string') fields.dealId = names.deal!(fields.dealId);
    return fields;
  });
}

const ORDER: Collection[] = ['companies', 'contacts', 'deals', 'activities'];

async function exportAll(store: Store, format: 'csv' | 'xlsx', locale: Locale): Promise<Map<Collection, Uint8Array>> {
  const files = new Map<Collection, Uint8Array>();
  for (const collection of ORDER) {
    const customFields = store.customFields(collection);
    const columns = exportColumns(collection, customFields, false);
    const names = await storeExportNames(store, columns);
    const { rows } = await store.query(collection, {});
    const table = exportTable(collection, rows, {
      customFields, names, locale, columns, cells: format === 'xlsx' ? 'typed' : 'text', decimalSeparator: locale === 'fr' ? ',' : '.',
    });
    files.set(collection, format === 'csv'
      ? writeCsvBytes(table.headers, table.rows, { bom: true, separator: locale === 'fr' ? ';' : ',' })
      : await writeXlsx(table.headers, table.rows, { sheet: collection }));
  }
  return files;
}

describe('export round trips', () => {
  for (const [format, locale] of [['csv', 'en'], ['csv', 'fr'], ['xlsx', 'en'], ['xlsx', 'fr']] as const) {
    it(`exports every record type to ${format.toUpperCase()} (${locale}) and imports it back into an empty workspace as the same rows`, async () => {
      const source = await seeded();
      const files = await exportAll(source, format, locale);
      const target = await workspace();
      for (const collection of ORDER) {
        const { report, mapping } = await importFile(target, files.get(collection)!, {
          collection, duplicates: 'skip', locale, yieldToHost: noYield, missingCompanies: 'refuse',
        });
        expect(mapping.filter((m) => m.target === null).map((m) => m.header), collection).toEqual([]);
        expect(mapping.every((m) => m.confidence === 1), collection).toBe(true);
        expect(report.issues, collection).toEqual([]);
        expect(await comparable(target, collection), collection).toEqual(await comparable(source, collection));
      }
    });
  }

  it('exports contacts to vCard with company names, and the cards read back as the same contacts', async () => {
    const store = await seeded();
    const names = await storeExportNames(store, ['$companyName']);
    const { rows } = await store.query('contacts', { sort: [{ field: 'firstName' }] });
    const cards = parseVCards(writeVCards(rows, { companyName: names.company })).cards.map(vcardContact);
    expect(cards.map((c) => [c.firstName, c.lastName, c.organization, c.emails, c.phones])).toEqual([
      ['Ada', 'Lovelace', 'Atelier Lumière', ['ada@engine.uk'], []],
      ['Jean', "D'Alembert-Dupont", 'Acme SAS', ['jean@acme.fr', 'j.dupont@gmail.com'], ['+33 6 12 34 56 78', '04 78 00 00 00']],
    ]);
    const target = await workspace();
    const { report } = await importFile(target, new TextEncoder().encode(writeVCards(rows, { version: '3.0', companyName: names.company })), {
      collection: 'contacts', duplicates: 'skip', yieldToHost: noYield,
    });
    expect(report).toMatchObject({ created: 2, failed: 0 });
    const back = (await target.query('contacts', { sort: [{ field: 'firstName' }] })).rows;
    expect(back[1]).toMatchObject({ notes: rows[1].notes, street: rows[1].street, tags: rows[1].tags, title: rows[1].title });
  });

  it('writes headers and option labels in French', async () => {
    const store = await seeded();
    const { rows } = await store.query('contacts', { sort: [{ field: 'firstName' }] });
    const table = exportTable('contacts', rows, { locale: 'fr', customFields: store.customFields('contacts'), columns: ['firstName', 'lifecycle', 'source', 'consentEmail', 'cf_budget'], decimalSeparator: ',' });
    expect(table.headers).toEqual(['Prénom', 'Cycle de vie', 'Origine', 'Consentement e-mail', 'Budget annuel']);
    expect(table.rows[1]).toEqual(['Jean', 'Client', 'Prospection', 'oui', '12500,5']);
  });
});

describe('workspace archive', () => {
  it('holds every record (deleted ones too), the workspace settings and a format version, in chunks', async () => {
    const store = await seeded();
    const { rows: [ada] } = await store.query('contacts', { where: [{ field: 'firstName', op: 'eq', value: 'Ada' }] });
    await store.delete('contacts', ada.id);
    const view = { id: 'lyon', collection: 'contacts' as const, name: 'Clients à Lyon', ownerId: MEMBER_ID, updatedAt: 1, setup: { filters: [{ field: 'city', op: 'eq', value: 'Lyon' }] } };
    await store.updateWorkspace({ type: 'putView', view });
    const chunks: string[] = [];
    for await (const chunk of workspaceArchiveChunks(store, { chunkRows: 1, now: () => Date.UTC(2024, 0, 2), yieldToHost: noYield })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(8);
    const archive = parseWorkspaceArchive(chunks.join(''));
    expect(archive).toMatchObject({ format: 'carnet.workspace-archive', version: 1, exportedAt: '2024-01-02T00:00:00.000Z', counts: { contacts: 2, companies: 2, deals: 2, activities: 2 } });
    expect(archive.workspace.customFields.map((d) => d.key).sort()).toEqual(['budget', 'canal', 'rdv', 'vip']);
    expect(archive.workspace.members.map((m) => m.userId)).toEqual([MEMBER_ID]);
    expect(archive.workspace.pipelines.map((p) => p.id)).toEqual(['sales']);
    expect(archive.workspace.savedViews).toEqual([view]);
    const stored = await store.getMany('contacts', archive.records.contacts.map((r) => r.id));
    expect(archive.records.contacts).toEqual(stored);
    expect(archive.records.contacts.find((r) => r.id === ada.id)!.deletedAt).not.toBeNull();
    expect('v' in archive.records.deals[0]).toBe(false);
  });

  it('refuses JSON that is not an archive, or from a newer version', async () => {
    const store = await seeded();
    const text = await workspaceArchive(store, { yieldToHost: noYield });
    expect(() => parseWorkspaceArchive(text.replace('"version":1', '"version":99'))).toThrow(/newer/);
    for (const bad of ['{"format":"other"}', 'not json', '{"format":"carnet.workspace-archive","version":1}']) {
      const error = (() => { try { parseWorkspaceArchive(bad); } catch (e) { return e; } })();
      expect(isTransferError(error, TransferErrorCode.BadArchive)).toBe(true);
    }
  });
});

describe('GDPR access export', () => {
  it('gathers the contact, its company, its deals and activities, its history and custom field labels', async () => {
    const store = await seeded();
    const { rows: [jean] } = await store.query('contacts', { where: [{ field: 'firstName', op: 'eq', value: 'Jean' }] });
    await store.update('contacts', jean.id, { city: 'Paris' });
    const dossier = await contactDossier(store, jean.id, { now: () => Date.UTC(2024, 5, 1) });
    expect(dossier).toMatchObject({ format: 'carnet.contact-dossier', version: 1, exportedAt: '2024-06-01T00:00:00.000Z' });
    expect(dossier.contact).toMatchObject({ id: jean.id, city: 'Paris', cf_budget: 12500.5 });
    expect(dossier.company).toMatchObject({ name: 'Acme SAS' });
    expect(dossier.deals.map((d) => d.title)).toEqual(['Refonte du site']);
    expect(dossier.activities.map((a) => a.subject)).toEqual(['Premier contact']);
    expect(dossier.customFieldLabels).toMatchObject({ cf_budget: 'Budget annuel', cf_vip: 'VIP' });
    expect(dossier.history[0].changes).toEqual([{ field: 'city', before: 'Lyon', after: 'Paris' }]);
    expect(dossier.history.at(-1)!.kind).toBe('created');
    expect(JSON.parse(JSON.stringify(dossier))).toEqual(dossier);
  });

  it('says which contact does not exist', async () => {
    const store = await seeded();
    const error = await contactDossier(store, 'nosuchcontact1').catch((e) => e);
    expect(isTransferError(error, TransferErrorCode.NotFound)).toBe(true);
  });
});
