// Random, schema-valid field values for the convergence tests. Values come from small
// vocabularies so that records collide on names, cities and emails (duplicates, search hits)
// and so that concurrent edits of the same field are frequent.
import type { Collection } from '@carnet/schema';
import type { Prng } from './prng.ts';

export const FIRST_NAMES = ['Ada', 'Jean', 'Hélène', 'Bob', 'Zoé', 'Marc', 'Léa', 'Ana'];
export const LAST_NAMES = ['Martin', 'Dupont', 'Lovelace', 'Nguyen', 'Bernard', 'Durand'];
export const CITIES = ['Paris', 'Lyon', 'Nantes', 'Lille', 'Rennes', 'Caen'];
export const COMPANY_NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Acme SAS'];
export const DEAL_TITLES = ['Renewal', 'Upsell', 'Pilot', 'Migration', 'Audit'];
export const SUBJECTS = ['Call back', 'Demo', 'Send quote', 'Kickoff', 'Follow up'];
export const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'renewal', 'budget', 'é', '🙂', '\n'];
const STAGES = ['lead', 'qualified', 'proposal', 'won', 'lost'];
const TAGS = ['vip', 'hot', 'cold', 'partner', 'eu'];

/** What a peer currently sees, for picking references to other records. */
export interface KnownIds {
  contacts: string[];
  companies: string[];
  deals: string[];
}

const maybe = <T>(prng: Prng, value: () => T, probability = 0.7): T | null => (prng.chance(probability) ? value() : null);

function email(prng: Prng): string {
  return `${prng.pick(FIRST_NAMES).normalize('NFD').replace(/[^a-z]/gi, '').toLowerCase()}.${prng.int(1, 9)}@${prng.pick(['example.com', 'acme.fr', 'globex.io'])}`;
}

function phone(prng: Prng): string {
  return `+33 6 ${prng.int(10, 99)} ${prng.int(10, 99)} ${prng.int(10, 99)} ${prng.int(10, 99)}`;
}

function date(prng: Prng): string {
  return `2026-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
}

export function randomText(prng: Prng, words = prng.int(0, 4)): string {
  return Array.from({ length: words }, () => prng.pick(WORDS)).join(' ');
}

/** Moves a position off the middle of a surrogate pair (where no text box puts a caret). */
export function codePointBoundary(value: string, at: number): number {
  const code = value.charCodeAt(at);
  return at > 0 && at < value.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A new version of a text: a word inserted, a range removed, or everything replaced. With
 * `splitSurrogates`, positions may fall inside an emoji, leaving lone surrogates (what some
 * API clients send; no text box does).
 */
export function editText(prng: Prng, current: string, options: { splitSurrogates?: boolean } = {}): string {
  const snap = (at: number) => (options.splitSurrogates ? at : codePointBoundary(current, at));
  const at = snap(prng.int(0, current.length));
  switch (prng.weighted({ insert: 3, remove: 2, replace: 1 })) {
    case 'insert':
      return current.slice(0, at) + prng.pick(WORDS) + ' ' + current.slice(at);
    case 'remove':
      return current.slice(0, at) + current.slice(snap(Math.min(current.length, at + prng.int(1, 6))));
    default:
      return randomText(prng);
  }
}

type FieldGen = (prng: Prng, known: KnownIds, self: string) => unknown;

const FIELD_GENERATORS: Record<Collection, Record<string, FieldGen>> = {
  contacts: {
    firstName: (p) => maybe(p, () => p.pick(FIRST_NAMES), 0.9),
    lastName: (p) => maybe(p, () => p.pick(LAST_NAMES)),
    emails: (p) => p.subset([email(p), email(p)], 0.6),
    phones: (p) => p.subset([phone(p)], 0.5),
    city: (p) => maybe(p, () => p.pick(CITIES)),
    lifecycle: (p) => maybe(p, () => p.pick(['lead', 'prospect', 'customer', 'churned'])),
    leadScore: (p) => maybe(p, () => p.int(0, 100)),
    tags: (p) => p.subset(TAGS, 0.3),
    consentEmail: (p) => p.chance(0.5),
    companyId: (p, k) => (k.companies.length ? maybe(p, () => p.pick(k.companies)) : null),
    notes: (p) => randomText(p),
  },
  companies: {
    name: (p) => p.pick(COMPANY_NAMES),
    domain: (p) => maybe(p, () => p.pick(['acme.fr', 'globex.io', 'initech.com', 'hooli.xyz'])),
    city: (p) => maybe(p, () => p.pick(CITIES)),
    size: (p) => maybe(p, () => p.pick(['1-10', '11-50', '51-200'])),
    parentId: (p, k, self) => {
      const others = k.companies.filter((id) => id !== self);
      return others.length ? maybe(p, () => p.pick(others), 0.3) : null;
    },
    tags: (p) => p.subset(TAGS, 0.3),
    description: (p) => randomText(p),
  },
  deals: {
    title: (p) => `${p.pick(DEAL_TITLES)} ${p.int(2026, 2029)}`,
    amount: (p) => maybe(p, () => p.int(0, 500) * 100),
    currency: (p) => maybe(p, () => p.pick(['EUR', 'USD'])),
    stageId: (p) => maybe(p, () => p.pick(STAGES), 0.9),
    probability: (p) => maybe(p, () => p.int(0, 100)),
    expectedCloseDate: (p) => maybe(p, () => date(p)),
    companyId: (p, k) => (k.companies.length ? maybe(p, () => p.pick(k.companies)) : null),
    contactIds: (p, k) => p.subset(k.contacts.slice(0, 6), 0.3),
    description: (p) => randomText(p),
  },
  activities: {
    type: (p) => p.pick(['note', 'task', 'call', 'meeting', 'email']),
    subject: (p) => maybe(p, () => p.pick(SUBJECTS), 0.9),
    body: (p) => randomText(p),
    done: (p) => p.chance(0.5),
    dueAt: (p) => maybe(p, () => `${date(p)}T09:30:00Z`),
    contactId: (p, k) => (k.contacts.length ? maybe(p, () => p.pick(k.contacts)) : null),
    dealId: (p, k) => (k.deals.length ? maybe(p, () => p.pick(k.deals)) : null),
  },
};

/** Fields edited most: concurrent edits of these are the conflicts worth testing. */
const HOT_FIELDS: Record<Collection, string[]> = {
  contacts: ['city', 'lastName', 'companyId'],
  companies: ['name', 'city'],
  deals: ['stageId', 'amount'],
  activities: ['done', 'subject'],
};

/** The collaborative text field of a collection. */
export const TEXT_FIELD: Record<Collection, string> = {
  contacts: 'notes',
  companies: 'description',
  deals: 'description',
  activities: 'body',
};

export function randomRecord(prng: Prng, collection: Collection, known: KnownIds, self: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, gen] of Object.entries(FIELD_GENERATORS[collection])) {
    const value = gen(prng, known, self);
    if (value !== null || prng.chance(0.3)) out[field] = value;
  }
  // Required fields always present.
  if (collection === 'companies') out.name = FIELD_GENERATORS.companies.name(prng, known, self);
  if (collection === 'deals') out.title = FIELD_GENERATORS.deals.title(prng, known, self);
  if (collection === 'activities') out.type = FIELD_GENERATORS.activities.type(prng, known, self);
  return out;
}

/** A random valid value of one field. */
export function randomValue(prng: Prng, collection: Collection, field: string, known: KnownIds, self: string): unknown {
  return FIELD_GENERATORS[collection][field](prng, known, self);
}

/** A patch of one to three fields, biased to the hot fields; never the text field. */
export function randomPatch(prng: Prng, collection: Collection, known: KnownIds, self: string): Record<string, unknown> {
  const fields = Object.keys(FIELD_GENERATORS[collection]).filter((f) => f !== TEXT_FIELD[collection]);
  const out: Record<string, unknown> = {};
  const count = prng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const field = prng.chance(0.6) ? prng.pick(HOT_FIELDS[collection]) : prng.pick(fields);
    out[field] = FIELD_GENERATORS[collection][field](prng, known, self);
  }
  return out;
}
