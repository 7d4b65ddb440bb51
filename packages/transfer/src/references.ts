// Looking up what a row names by text: a company by name, a member by name or email, a contact
// by email or name, a deal by title, a pipeline and stage by name. The importer takes these as
// plain synchronous functions so it stays pure and fast; `storeReferences` builds them from a
// store once per import (one scan of each collection the mapping needs).
import { foldText, normalizeEmail, normalizeName, type AnyRow, type Member, type Pipeline } from '@carnet/schema';
import { companyKey, personKey, type Store } from '@carnet/store';

export interface References {
  companyByName(name: string): string | undefined;
  memberByNameOrEmail(text: string): string | undefined;
  contactByEmail(email: string): string | undefined;
  /** Only when exactly one alive contact has that name. */
  contactByName(name: string): string | undefined;
  dealByTitle(title: string): string | undefined;
  pipelines: readonly Pipeline[];
}

export const NO_REFERENCES: References = {
  companyByName: () => undefined,
  memberByNameOrEmail: () => undefined,
  contactByEmail: () => undefined,
  contactByName: () => undefined,
  dealByTitle: () => undefined,
  pipelines: [],
};

/** A company name as compared: folded, legal suffixes (SAS, Inc, GmbH…) set aside, like the store's duplicate rules. */
export function companyNameKey(name: string): string {
  return companyKey({ name } as unknown as AnyRow) || normalizeName(name);
}

/** First writer wins, so the oldest record keeps a shared key; ambiguous keys are remembered. */
class KeyIndex {
  readonly #ids = new Map<string, string>();
  readonly #ambiguous = new Set<string>();
  add(key: string, id: string): void {
    if (!key) return;
    const existing = this.#ids.get(key);
    if (existing === undefined) this.#ids.set(key, id);
    else if (existing !== id) this.#ambiguous.add(key);
  }
  get(key: string, unique = false): string | undefined {
    if (unique && this.#ambiguous.has(key)) return undefined;
    return this.#ids.get(key);
  }
}

async function aliveRows(store: Store, collection: 'contacts' | 'companies' | 'deals', each: (row: AnyRow) => void): Promise<void> {
  const rows: AnyRow[] = [];
  await store.persistence.scanRows(collection, 2_000, (batch) => {
    for (const row of batch) if (row.deletedAt === null) rows.push(row);
  });
  rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const row of rows) each(row);
}

/** Builds lookups from the store's rows; `needs` limits the scans to what the mapping uses. */
export async function storeReferences(
  store: Store,
  needs: { companies?: boolean; contacts?: boolean; deals?: boolean } = { companies: true, contacts: true, deals: true },
): Promise<References> {
  const companies = new KeyIndex();
  const contactEmails = new KeyIndex();
  const contactNames = new KeyIndex();
  const deals = new KeyIndex();
  if (needs.companies) await aliveRows(store, 'companies', (row) => companies.add(companyNameKey(String(row.name ?? '')), row.id));
  if (needs.contacts) {
    await aliveRows(store, 'contacts', (row) => {
      for (const email of Array.isArray(row.emails) ? row.emails : []) contactEmails.add(normalizeEmail(String(email)), row.id);
      contactNames.add(personKey(row), row.id);
    });
  }
  if (needs.deals) await aliveRows(store, 'deals', (row) => deals.add(normalizeName(String(row.title ?? '')), row.id));
  const members: Member[] = store.members();
  return {
    companyByName: (name) => companies.get(companyNameKey(name)),
    memberByNameOrEmail: (text) => {
      const folded = foldText(text.trim());
      return members.find((m) => normalizeEmail(m.email) === folded || normalizeName(m.name) === normalizeName(text))?.userId;
    },
    contactByEmail: (email) => contactEmails.get(normalizeEmail(email)),
    contactByName: (name) => contactNames.get(personKey({ firstName: name } as unknown as AnyRow), true),
    dealByTitle: (title) => deals.get(normalizeName(title), true),
    pipelines: store.pipelines(),
  };
}
