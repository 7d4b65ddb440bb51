// Finding the stored record an incoming row duplicates, by the store's own duplicate rules
// (packages/store/src/duplicates.ts): contacts by the same email, the same phone, or a similar
// name in the same company; companies by the same domain or a similar name once legal
// suffixes are set aside; deals by the same title at the same company; any record by its
// Carnet id. Keys are indexed once, so matching 100,000 rows stays near-linear.
import { normalizeDomain, normalizeEmail, normalizeName, normalizePhone, type AnyRow, type Collection } from '@carnet/schema';
import { companyKey, jaroWinkler, personKey, similarCompanyNames } from '@carnet/store';

export type MatchReason = 'id' | 'email' | 'phone' | 'name' | 'domain' | 'title';

export interface Match {
  /** The matched key's owner: a record id, or whatever the caller added. */
  id: string;
  reason: MatchReason;
}

/** The same threshold the store uses for two people's names in one company. */
const NAME_SIMILARITY = 0.92;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export class DuplicateIndex {
  readonly collection: Collection;
  readonly #ids = new Set<string>();
  readonly #keys = new Map<string, string>();
  /** Contacts by company id, companies by the first three letters of their name key. */
  readonly #blocks = new Map<string, { id: string; key: string }[]>();

  constructor(collection: Collection) {
    this.collection = collection;
  }

  get size(): number {
    return this.#ids.size;
  }

  #setKey(key: string, id: string): void {
    if (!this.#keys.has(key)) this.#keys.set(key, id);
  }

  #block(block: string, id: string, key: string): void {
    let list = this.#blocks.get(block);
    if (!list) this.#blocks.set(block, (list = []));
    list.push({ id, key });
  }

  /** Indexes a record's values under `id` (deleted rows are never added by the callers). */
  add(id: string, values: Record<string, unknown>): void {
    this.#ids.add(id);
    switch (this.collection) {
      case 'contacts': {
        for (const email of strings(values.emails)) this.#setKey(`email:${normalizeEmail(email)}`, id);
        for (const phone of strings(values.phones)) {
          const digits = normalizePhone(phone);
          if (digits.length >= 6) this.#setKey(`phone:${digits}`, id);
        }
        const name = personKey(values as AnyRow);
        if (typeof values.companyId === 'string' && name.length >= 3) this.#block(`company:${values.companyId}`, id, name);
        break;
      }
      case 'companies': {
        if (typeof values.domain === 'string' && values.domain) this.#setKey(`domain:${normalizeDomain(values.domain)}`, id);
        const key = companyKey(values as AnyRow);
        if (key.length >= 3) this.#block(`prefix:${key.slice(0, 3)}`, id, key);
        else if (key) this.#setKey(`name:${key}`, id);
        break;
      }
      case 'deals':
        if (typeof values.title === 'string') this.#setKey(`title:${normalizeName(values.title)}|${values.companyId ?? ''}`, id);
        break;
      case 'activities':
        break;
    }
  }

  /** The first record the values duplicate, most certain rule first. */
  match(values: Record<string, unknown>, recordId?: string): Match | undefined {
    if (recordId && this.#ids.has(recordId)) return { id: recordId, reason: 'id' };
    const key = (k: string, reason: MatchReason): Match | undefined => {
      const id = this.#keys.get(k);
      return id === undefined ? undefined : { id, reason };
    };
    switch (this.collection) {
      case 'contacts': {
        for (const email of strings(values.emails)) {
          const found = key(`email:${normalizeEmail(email)}`, 'email');
          if (found) return found;
        }
        for (const phone of strings(values.phones)) {
          const digits = normalizePhone(phone);
          const found = digits.length >= 6 ? key(`phone:${digits}`, 'phone') : undefined;
          if (found) return found;
        }
        const name = personKey(values as AnyRow);
        if (typeof values.companyId !== 'string' || name.length < 3) return undefined;
        const peer = this.#blocks.get(`company:${values.companyId}`)?.find((p) => jaroWinkler(p.key, name) >= NAME_SIMILARITY);
        return peer && { id: peer.id, reason: 'name' };
      }
      case 'companies': {
        if (typeof values.domain === 'string' && values.domain) {
          const found = key(`domain:${normalizeDomain(values.domain)}`, 'domain');
          if (found) return found;
        }
        const name = companyKey(values as AnyRow);
        if (name.length < 3) return name ? key(`name:${name}`, 'name') : undefined;
        const peer = this.#blocks.get(`prefix:${name.slice(0, 3)}`)?.find((p) => similarCompanyNames(p.key, name));
        return peer && { id: peer.id, reason: 'name' };
      }
      case 'deals':
        return typeof values.title === 'string' ? key(`title:${normalizeName(values.title)}|${values.companyId ?? ''}`, 'title') : undefined;
      case 'activities':
        return undefined;
    }
  }
}
