// Likely duplicates and merge plans, as pure functions over rows. Contacts match on the same
// email, the same phone, or a similar name within the same company; companies on the same
// domain or a similar name once legal suffixes are set aside. Comparisons are accent- and
// case-insensitive. Candidates are blocked by key, so a scan of 100,000 rows stays near-linear.
import type { AnyRow, Collection } from '@carnet/schema';
import { normalizeDomain, normalizeEmail, normalizeName, normalizePhone, RECORD_FIELDS } from '@carnet/schema';

export type DuplicateReason = 'email' | 'phone' | 'name_in_company' | 'domain' | 'company_name';

export interface DuplicatePair {
  /** The two ids, `a < b`. */
  a: string;
  b: string;
  reasons: DuplicateReason[];
  /** 0..1, higher is more certain. */
  score: number;
}

const REASON_WEIGHT: Record<DuplicateReason, number> = {
  email: 0.95,
  phone: 0.8,
  name_in_company: 0.7,
  domain: 0.9,
  company_name: 0.75,
};

/** Jaro-Winkler similarity of two strings (1 = identical). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatch = new Array<boolean>(a.length).fill(false);
  const bMatch = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(i + range + 1, b.length);
    for (let j = lo; j < hi; j++) {
      if (bMatch[j] || a[i] !== b[j]) continue;
      aMatch[i] = bMatch[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** A person's name with its words sorted, so "Dupont Jean" and "Jean Dupont" compare equal. */
export function personKey(row: AnyRow): string {
  const name = normalizeName(`${row.firstName ?? ''} ${row.lastName ?? ''}`);
  return name.split(' ').filter(Boolean).sort().join(' ');
}

const LEGAL_SUFFIXES = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'snc', 'inc', 'incorporated', 'llc', 'ltd', 'limited', 'plc',
  'gmbh', 'ag', 'bv', 'nv', 'srl', 'spa', 'co', 'corp', 'corporation', 'company', 'group', 'groupe', 'the',
]);

export function companyKey(row: AnyRow): string {
  return normalizeName(String(row.name ?? ''))
    .split(' ')
    .filter((w) => w && !LEGAL_SUFFIXES.has(w))
    .join(' ');
}

const NAME_SIMILARITY = 0.92;
/** Beyond this many members a block is too generic to compare pairwise (e.g. a shared switchboard). */
const MAX_BLOCK = 200;
/** Beyond this many members a name block (one company, one name prefix) is not compared. */
const MAX_NAME_BLOCK = 5_000;

class PairSet {
  #pairs = new Map<string, DuplicatePair>();
  add(x: string, y: string, reason: DuplicateReason): void {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    let pair = this.#pairs.get(key);
    if (!pair) this.#pairs.set(key, (pair = { a, b, reasons: [], score: 0 }));
    if (!pair.reasons.includes(reason)) {
      pair.reasons.push(reason);
      // Independent evidence adds up: 1 - Π(1 - w).
      pair.score = 1 - pair.reasons.reduce((p, r) => p * (1 - REASON_WEIGHT[r]), 1);
    }
  }
  list(): DuplicatePair[] {
    return [...this.#pairs.values()].sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : 1));
  }
}

function blocks(rows: readonly AnyRow[], keysOf: (row: AnyRow) => string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) {
    for (const key of new Set(keysOf(row))) {
      if (!key) continue;
      let ids = map.get(key);
      if (!ids) map.set(key, (ids = []));
      ids.push(row.id);
    }
  }
  return map;
}

function pairsWithin(map: Map<string, string[]>, reason: DuplicateReason, pairs: PairSet): void {
  for (const ids of map.values()) {
    if (ids.length < 2 || ids.length > MAX_BLOCK) continue;
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.add(ids[i], ids[j], reason);
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Likely duplicate contacts among alive rows. */
export function findContactDuplicates(rows: readonly AnyRow[]): DuplicatePair[] {
  const alive = rows.filter((r) => r.deletedAt === null);
  const pairs = new PairSet();
  pairsWithin(blocks(alive, (r) => strings(r.emails).map(normalizeEmail)), 'email', pairs);
  pairsWithin(blocks(alive, (r) => strings(r.phones).map(normalizePhone).filter((p) => p.length >= 6)), 'phone', pairs);
  const byCompany = blocks(alive, (r) => (typeof r.companyId === 'string' ? [r.companyId] : []));
  const byId = new Map(alive.map((r) => [r.id, r]));
  for (const ids of byCompany.values()) {
    if (ids.length < 2 || ids.length > MAX_NAME_BLOCK) continue;
    const keyed = ids.map((id) => ({ id, key: personKey(byId.get(id)!) })).filter((k) => k.key.length >= 3);
    for (let i = 0; i < keyed.length; i++) {
      for (let j = i + 1; j < keyed.length; j++) {
        if (jaroWinkler(keyed[i].key, keyed[j].key) >= NAME_SIMILARITY) pairs.add(keyed[i].id, keyed[j].id, 'name_in_company');
      }
    }
  }
  return pairs.list();
}

/** Likely duplicate companies among alive rows. */
/** Short names (Acme, Acmeo) differ by one letter and are different firms: they must be equal. */
function similarCompanyNames(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 8) return a === b;
  return jaroWinkler(a, b) >= 0.95;
}

/** Exported for the importer (@carnet/transfer), which matches incoming companies by the same rule. */
export { similarCompanyNames };

export function findCompanyDuplicates(rows: readonly AnyRow[]): DuplicatePair[] {
  const alive = rows.filter((r) => r.deletedAt === null);
  const pairs = new PairSet();
  pairsWithin(blocks(alive, (r) => (typeof r.domain === 'string' ? [normalizeDomain(r.domain)] : [])), 'domain', pairs);
  // Names are blocked by their first three letters, then compared.
  const byPrefix = blocks(alive, (r) => [companyKey(r).slice(0, 3)].filter((k) => k.length === 3));
  const byId = new Map(alive.map((r) => [r.id, r]));
  for (const ids of byPrefix.values()) {
    if (ids.length < 2 || ids.length > MAX_NAME_BLOCK) continue;
    const keyed = ids.map((id) => ({ id, key: companyKey(byId.get(id)!) }));
    for (let i = 0; i < keyed.length; i++) {
      for (let j = i + 1; j < keyed.length; j++) {
        if (similarCompanyNames(keyed[i].key, keyed[j].key)) pairs.add(keyed[i].id, keyed[j].id, 'company_name');
      }
    }
  }
  return pairs.list();
}

export function findDuplicates(collection: Collection, rows: readonly AnyRow[]): DuplicatePair[] {
  if (collection === 'contacts') return findContactDuplicates(rows);
  if (collection === 'companies') return findCompanyDuplicates(rows);
  return [];
}

/**
 * The blocking keys of a row: two rows can only be duplicates when they share one. Contacts:
 * `e:` email, `p:` phone, `c:` company; companies: `d:` domain, `n:` first letters of the name.
 */
export function duplicateKeys(collection: Collection, row: AnyRow): string[] {
  const keys = new Set<string>();
  if (collection === 'contacts') {
    for (const email of strings(row.emails)) keys.add(`e:${normalizeEmail(email)}`);
    for (const phone of strings(row.phones).map(normalizePhone)) if (phone.length >= 6) keys.add(`p:${phone}`);
    if (typeof row.companyId === 'string' && row.companyId) keys.add(`c:${row.companyId}`);
  } else if (collection === 'companies') {
    if (typeof row.domain === 'string') keys.add(`d:${normalizeDomain(row.domain)}`);
    const prefix = companyKey(row).slice(0, 3);
    if (prefix.length === 3) keys.add(`n:${prefix}`);
  }
  keys.delete('e:');
  keys.delete('d:');
  return [...keys];
}

/**
 * The duplicates of one record among `others`, by the same rules as `findDuplicates` over the
 * whole collection (which equals it when `blockSize` gives, for each key, how many alive rows
 * of the collection have it): linear in `others`, for a record page. Without `blockSize` no
 * block counts as too generic.
 */
export function duplicatesOfRow(
  collection: Collection,
  target: AnyRow,
  others: Iterable<AnyRow>,
  blockSize: (key: string) => number = () => 2,
): DuplicatePair[] {
  if (target.deletedAt !== null) return [];
  const keys = new Set(duplicateKeys(collection, target));
  const pairs = new PairSet();
  const targetName = collection === 'contacts' ? personKey(target) : companyKey(target);
  for (const other of others) {
    if (other.id === target.id || other.deletedAt !== null) continue;
    for (const key of duplicateKeys(collection, other)) {
      if (!keys.has(key)) continue;
      const size = blockSize(key);
      const kind = key.slice(0, 2);
      if (kind === 'e:' && size <= MAX_BLOCK) pairs.add(target.id, other.id, 'email');
      else if (kind === 'p:' && size <= MAX_BLOCK) pairs.add(target.id, other.id, 'phone');
      else if (kind === 'd:' && size <= MAX_BLOCK) pairs.add(target.id, other.id, 'domain');
      else if (kind === 'c:' && size <= MAX_NAME_BLOCK) {
        const name = personKey(other);
        if (targetName.length >= 3 && name.length >= 3 && jaroWinkler(targetName, name) >= NAME_SIMILARITY) pairs.add(target.id, other.id, 'name_in_company');
      } else if (kind === 'n:' && size <= MAX_NAME_BLOCK && similarCompanyNames(targetName, companyKey(other))) {
        pairs.add(target.id, other.id, 'company_name');
      }
    }
  }
  return pairs.list();
}

/** Which record's value to keep for a field; lists default to the union of both. */
export type MergeChoice = 'winner' | 'loser' | 'union';

/**
 * The field values to write on the winner: the loser's value where chosen, the union of both
 * lists for list fields (emails, phones, tags, …), and the loser's value where the winner's is
 * empty and no choice was made.
 */
export function planMerge(
  collection: Collection,
  winner: AnyRow,
  loser: AnyRow,
  choices: Record<string, MergeChoice> = {},
  customFieldNames: readonly string[] = [],
): Record<string, unknown> {
  const names = [...Object.keys(RECORD_FIELDS[collection]), ...customFieldNames];
  const out: Record<string, unknown> = {};
  for (const field of names) {
    const w = winner[field];
    const l = loser[field];
    const choice = choices[field] ?? (Array.isArray(w) || Array.isArray(l) ? 'union' : 'winner');
    if (choice === 'loser') {
      if (l !== undefined) out[field] = l;
    } else if (choice === 'union') {
      const union = [...(Array.isArray(w) ? w : []), ...(Array.isArray(l) ? l : [])];
      const seen = new Set<string>();
      out[field] = union.filter((v) => {
        const key = typeof v === 'string' ? v.trim().toLowerCase() : JSON.stringify(v);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    } else if ((w === null || w === undefined || w === '') && l !== null && l !== undefined && l !== '') {
      out[field] = l;
    }
  }
  return out;
}

/** Where records point at a contact or company, for re-linking on merge. */
export function relinkTargets(collection: 'contacts' | 'companies'): { target: Collection; field: string; list: boolean }[] {
  return collection === 'contacts'
    ? [
        { target: 'activities', field: 'contactId', list: false },
        { target: 'deals', field: 'contactIds', list: true },
      ]
    : [
        { target: 'contacts', field: 'companyId', list: false },
        { target: 'deals', field: 'companyId', list: false },
        { target: 'activities', field: 'companyId', list: false },
        { target: 'companies', field: 'parentId', list: false },
      ];
}
