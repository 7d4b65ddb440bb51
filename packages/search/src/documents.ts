// What one row contributes to the index. A row becomes a small document with a compact key
// (one letter for the collection, then the record id), a primary text field (names, titles,
// subjects), a secondary one (emails, phones, job title, city, domain) and the two strings a
// result needs for display. Nothing else of the row is kept, so the index stays lean.
import { contactDisplayName, normalizePhone, type AnyRow, type Collection } from '@carnet/schema';
import { processTerm, tokenize } from './analysis.ts';

/** The collections the index covers. */
export type SearchCollection = Collection;

/** One row change, as the store reports it. `row: null` means the record was hard-removed. */
export interface RowChange {
  collection: SearchCollection;
  id: string;
  row: AnyRow | null;
  /** The store's row version `v` of this write, when the change comes from the store. */
  version?: number;
}

/** The indexed form of a row. Field names are one letter to keep snapshots small. */
export interface SearchDocument {
  /** Key: collection letter + record id. */
  k: string;
  /** Primary text: names, company names, deal titles, activity subjects. */
  n: string;
  /** Secondary text: emails, job title, city, domain (words already in `n` left out). */
  x: string;
  /** Display title (stored). */
  t: string;
  /** Display subtitle (stored, omitted when empty). */
  s?: string;
  /** Phone numbers, digits only, space-separated (stored, omitted when none): see phone-index.ts. */
  p?: string;
}

const KEY_LETTER: Record<SearchCollection, string> = {
  contacts: 'c',
  companies: 'o',
  deals: 'd',
  activities: 'a',
};

const COLLECTION_OF_LETTER: Record<string, SearchCollection> = {
  c: 'contacts',
  o: 'companies',
  d: 'deals',
  a: 'activities',
};

export function isSearchCollection(value: unknown): value is SearchCollection {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KEY_LETTER, value);
}

export function letterOf(collection: SearchCollection): string {
  return KEY_LETTER[collection];
}

export function keyOf(collection: SearchCollection, id: string): string {
  return KEY_LETTER[collection] + id;
}

export function parseKey(key: string): { collection: SearchCollection; id: string } {
  return { collection: COLLECTION_OF_LETTER[key[0]], id: key.slice(1) };
}

/** The collection letter of a key, for cheap per-collection decisions while scoring. */
export function collectionOfKey(key: string): SearchCollection {
  return COLLECTION_OF_LETTER[key[0]];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text).filter(Boolean) : [];
}

/**
 * The words of `secondary` that `primary` does not already contain: an email like
 * jean.dupont@acme.fr adds only `acme` and `fr` to a contact named Jean Dupont. Matching is
 * unchanged (the document already matches those words) and the index holds fewer postings.
 */
function withoutRepeats(primary: string, secondary: string): string {
  const seen = new Set(tokenize(primary).map(processTerm));
  const kept: string[] = [];
  for (const word of tokenize(secondary)) {
    const term = processTerm(word);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    kept.push(word);
  }
  return kept.join(' ');
}

function joined(parts: string[], separator = ' '): string {
  return parts.filter(Boolean).join(separator);
}

/**
 * The document for a live row, or null when the row has nothing to search for (an activity
 * without a subject, a contact without name, email or phone): such rows are kept out of the
 * index rather than costing memory for a document that can never match.
 */
export function toSearchDocument(collection: SearchCollection, id: string, row: AnyRow): SearchDocument | null {
  const k = keyOf(collection, id);
  let n: string;
  let x: string;
  let t: string;
  let s: string;
  let p = '';
  switch (collection) {
    case 'contacts': {
      const emails = texts(row.emails);
      // Phones go to the phone index (digits only), not to the term index.
      const phones = texts(row.phones).map(normalizePhone).filter(Boolean);
      p = phones.join(' ');
      const jobTitle = text(row.title);
      const city = text(row.city);
      n = joined([text(row.firstName), text(row.lastName)]);
      x = withoutRepeats(n, joined([...emails, jobTitle, city]));
      t = contactDisplayName({ firstName: text(row.firstName), lastName: text(row.lastName), emails }) || phones[0] || '';
      s = joined([jobTitle, city], ' · ') || (n ? (emails[0] ?? '') : '');
      break;
    }
    case 'companies': {
      const domain = text(row.domain);
      const city = text(row.city);
      n = text(row.name);
      x = withoutRepeats(n, joined([domain, city]));
      t = n || domain;
      s = joined([domain, city], ' · ');
      break;
    }
    case 'deals':
      n = text(row.title);
      x = '';
      t = n;
      s = '';
      break;
    case 'activities':
      n = text(row.subject);
      x = '';
      t = n;
      // The activity type (`call`, `meeting`, …): a code the interface translates.
      s = text(row.type);
      break;
    default:
      return null;
  }
  if (!n && !x && !p) return null;
  const document: SearchDocument = { k, n, x, t };
  if (s) document.s = s;
  if (p) document.p = p;
  return document;
}
