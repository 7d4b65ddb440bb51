// Everything Carnet holds about one person, for a GDPR access request (article 15): the contact
// with its custom fields labelled, its company, the deals and activities that name it (deleted
// ones included: they are still stored), and the contact's full change history (who changed
// what, when). Plain JSON with a format name and version.
import type { AnyRow, CustomFieldDef } from '@carnet/schema';
import type { HistoryEntry, Store } from '@carnet/store';
import { TransferError, TransferErrorCode } from './errors.ts';

export const DOSSIER_FORMAT = 'carnet.contact-dossier';
/** Version history: 1 — contact, company, deals, activities, history, custom field labels. */
export const DOSSIER_VERSION = 1;

export interface ContactDossier {
  format: typeof DOSSIER_FORMAT;
  version: number;
  exportedAt: string;
  contact: AnyRow;
  /** Labels of the custom fields (`cf_<key>` → label) present on the records. */
  customFieldLabels: Record<string, string>;
  company: AnyRow | null;
  deals: AnyRow[];
  activities: AnyRow[];
  history: HistoryEntry[];
}

function labels(defs: readonly CustomFieldDef[]): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [`cf_${d.key}`, d.label]));
}

export async function contactDossier(store: Store, contactId: string, options: { now?: () => number } = {}): Promise<ContactDossier> {
  const contact = await store.get('contacts', contactId);
  if (!contact) throw new TransferError(TransferErrorCode.NotFound, `No contact ${contactId}.`);
  const company = typeof contact.companyId === 'string' ? ((await store.get('companies', contact.companyId)) ?? null) : null;
  const { rows: deals } = await store.query('deals', { where: [{ field: 'contactIds', op: 'has', value: contactId }], deleted: 'all', sort: [{ field: 'createdAt' }] });
  const { rows: activities } = await store.query('activities', { where: [{ field: 'contactId', op: 'eq', value: contactId }], deleted: 'all', sort: [{ field: 'createdAt' }] });
  return {
    format: DOSSIER_FORMAT,
    version: DOSSIER_VERSION,
    exportedAt: new Date((options.now ?? Date.now)()).toISOString(),
    contact,
    customFieldLabels: labels(store.customFields()),
    company,
    deals,
    activities,
    history: await store.history('contacts', contactId),
  };
}
