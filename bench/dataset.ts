// The benchmark dataset: deterministic contacts, companies, deals and activities at the three
// target scales of DESIGN.md (S, M, L). Every record is drawn from its own seeded stream, so a
// record can be generated alone (random access), a collection can be streamed without holding
// the others, and references (companyId, contactIds, dealId) always point at records that exist.
import {
  ACTIVITY_TYPES, CALL_OUTCOMES, COMPANY_SIZES, CONTACT_SOURCES, LIFECYCLE_STAGES,
  defaultPipeline, foldText,
  type ActivityType, type Collection, type FieldsOf, type UserId,
} from '@carnet/schema';
import { Prng, hashString } from './lib/prng.ts';
import {
  COMPANY_PREFIXES, COMPANY_WORDS, COUNTRY, CURRENCY, DAYS, FIRST_NAMES, INDUSTRIES, LAST_NAMES, LEGAL_SUFFIXES,
  LOST_REASONS, NEXT_STEPS, PERSONAL_EMAIL_DOMAINS, PLACES, PRODUCTS, RARE_LAST_NAMES, SENTENCES, STREETS,
  SUBJECTS, TAGS, TITLES, TLD,
  type Locale, type Place,
} from './lib/vocabulary.ts';

export type DatasetSize = 'S' | 'M' | 'L';

export interface DatasetCounts {
  contacts: number;
  companies: number;
  deals: number;
  activities: number;
}

export const DATASET_COUNTS: Record<DatasetSize, DatasetCounts> = {
  S: { contacts: 1_000, companies: 100, deals: 200, activities: 2_000 },
  M: { contacts: 10_000, companies: 1_000, deals: 2_000, activities: 20_000 },
  L: { contacts: 100_000, companies: 10_000, deals: 20_000, activities: 200_000 },
};

export const DEFAULT_SEED = 20_240_601;
/** The dataset's "now": records were created over the 5 years before it. */
export const DATASET_NOW = Date.UTC(2026, 0, 1);
export const DATASET_SPAN_MS = 5 * 365 * 24 * 3600 * 1000;
/** Size of the sales team that owns the records. */
export const DATASET_USERS = 20;

export interface GeneratedMeta {
  id: string;
  createdAt: number;
  updatedAt: number;
}
export type GeneratedRecord<C extends Collection> = GeneratedMeta & FieldsOf[C];

export interface DatasetUser {
  id: string;
  name: string;
  email: string;
}

export interface Dataset {
  seed: number;
  counts: DatasetCounts;
  users: DatasetUser[];
  contacts: GeneratedRecord<'contacts'>[];
  companies: GeneratedRecord<'companies'>[];
  deals: GeneratedRecord<'deals'>[];
  activities: GeneratedRecord<'activities'>[];
}

export function isDatasetSize(value: unknown): value is DatasetSize {
  return value === 'S' || value === 'M' || value === 'L';
}

/** The fields of a generated record, without id and timestamps: what validateFields takes. */
export function fieldsOf<C extends Collection>(record: GeneratedRecord<C>): FieldsOf[C] {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = record;
  return fields as unknown as FieldsOf[C];
}

// ---------------------------------------------------------------------------------------------

const DAY = 24 * 3600 * 1000;
const LOCALES: readonly Locale[] = ['fr', 'gb', 'us', 'de'];
const LOCALE_WEIGHTS = [45, 20, 25, 10];
const PIPELINE = defaultPipeline();
const STAGE_WEIGHTS: Record<string, number> = {
  qualified: 20, contact_made: 15, demo: 12, proposal: 12, negotiation: 8, won: 20, lost: 13,
};
const ACTIVITY_WEIGHTS = [30, 25, 20, 10, 15]; // note, task, call, meeting, email

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoDateTime = (ms: number) => new Date(ms).toISOString();
const lang = (locale: Locale): 'fr' | 'en' => (locale === 'fr' ? 'fr' : 'en');

/** `François d'Alembert` → `francois-d-alembert`: safe in an email local part and a domain. */
function slug(input: string): string {
  return foldText(input).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function digits(rng: Prng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += rng.int(10);
  return out;
}

function phoneOf(rng: Prng, locale: Locale): string {
  switch (locale) {
    case 'fr': {
      const pairs = `${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`;
      const lead = rng.pick(['1', '6', '7', '4', '9']);
      return rng.chance(0.6) ? `+33 ${lead} ${pairs}` : `0${lead} ${pairs}`;
    }
    case 'gb':
      return rng.chance(0.5) ? `+44 20 7946 0${digits(rng, 3)}` : `+44 7700 900${digits(rng, 3)}`;
    case 'us': {
      const area = rng.pick(['212', '415', '512', '617', '312', '206']);
      const number = rng.chance(0.5) ? `+1 (${area}) 555-0${digits(rng, 3)}` : `(${area}) 555-0${digits(rng, 3)}`;
      return rng.chance(0.1) ? `${number} x${digits(rng, 2)}` : number;
    }
    case 'de':
      return `+49 ${rng.pick(['30', '89', '40', '221'])} ${digits(rng, 7)}`;
  }
}

function sentence(template: string, fill: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => fill[key] ?? '');
}

interface CompanyCore {
  locale: Locale;
  name: string;
  domain: string;
  place: Place;
}

interface ContactCore {
  locale: Locale;
  firstName: string;
  lastName: string;
  companyIndex: number | null;
}

interface DealCore {
  companyIndex: number;
  contactIndexes: number[];
}

/**
 * Random access to one dataset: `record(collection, i)` is the i-th record, the same on every
 * call and every machine for a given seed. Company cores are cached (10k at L); contacts, deals
 * and activities are not, so streaming L stays lean.
 */
export class DatasetGenerator {
  readonly counts: DatasetCounts;
  readonly seed: number;
  readonly users: DatasetUser[];
  readonly #companyCores: (CompanyCore | undefined)[];
  readonly #streams = new Map<string, number>();

  constructor(size: DatasetSize | DatasetCounts = 'S', seed = DEFAULT_SEED) {
    this.counts = typeof size === 'string' ? DATASET_COUNTS[size] : size;
    this.seed = seed;
    this.#companyCores = new Array(this.counts.companies);
    this.users = Array.from({ length: DATASET_USERS }, (_, i) => this.#user(i));
  }

  #rng(stream: string, index: number): Prng {
    let hash = this.#streams.get(stream);
    if (hash === undefined) this.#streams.set(stream, (hash = hashString(stream)));
    return new Prng(this.seed, hash, index);
  }

  /** The id of the index-th record of a collection, without generating the record. */
  idOf(collection: Collection | 'users', index: number): string {
    return this.#rng(`id:${collection}`, index).id();
  }

  #user(index: number): DatasetUser {
    const rng = this.#rng('users', index);
    const locale = rng.weighted(LOCALES, LOCALE_WEIGHTS);
    const first = rng.pick(FIRST_NAMES[locale]);
    const last = rng.pick(LAST_NAMES[locale]);
    return { id: this.idOf('users', index), name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@carnet-team.fr` };
  }

  #owner(rng: Prng): UserId {
    return this.users[rng.int(this.users.length)].id as UserId;
  }

  #times(rng: Prng): { createdAt: number; updatedAt: number } {
    const createdAt = DATASET_NOW - Math.floor(rng.next() * DATASET_SPAN_MS);
    const updatedAt = rng.chance(0.4) ? createdAt : createdAt + Math.floor(rng.next() * (DATASET_NOW - createdAt));
    return { createdAt, updatedAt };
  }

  #tags(rng: Prng, max: number): string[] {
    return rng.sample(TAGS, rng.int(max + 1));
  }

  #companyCore(index: number): CompanyCore {
    const cached = this.#companyCores[index];
    if (cached) return cached;
    const rng = this.#rng('company-core', index);
    const locale = rng.weighted(LOCALES, LOCALE_WEIGHTS);
    let core: string;
    switch (rng.int(4)) {
      case 0: core = `${rng.pick(LAST_NAMES[locale])} ${rng.pick(COMPANY_WORDS[locale])}`; break;
      case 1: core = `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(COMPANY_WORDS[locale])}`; break;
      case 2: core = `${rng.pick(LAST_NAMES[locale])} & ${rng.pick(LAST_NAMES[locale])}`; break;
      default: core = `${rng.pick(COMPANY_PREFIXES)}${rng.pick(['tech', 'soft', 'data', 'line', 'works', 'lab'])}`;
    }
    const name = `${core} ${rng.pick(LEGAL_SUFFIXES[locale])}`;
    const domain = `${slug(core)}.${rng.pick(TLD[locale])}`;
    return (this.#companyCores[index] = { locale, name, domain, place: rng.pick(PLACES[locale]) });
  }

  #contactCore(index: number): ContactCore {
    const rng = this.#rng('contact-core', index);
    const nCompanies = this.counts.companies;
    let companyIndex: number | null = null;
    const r = rng.next();
    // Most contacts sit at company i % n, so a company's contacts can be found without a scan;
    // some crowd into the big accounts (the first 5 %), a few have no company.
    if (r < 0.75) companyIndex = index % nCompanies;
    else if (r < 0.92) companyIndex = rng.int(Math.max(1, Math.floor(nCompanies * 0.05)));
    const locale = companyIndex !== null && rng.chance(0.8)
      ? this.#companyCore(companyIndex).locale
      : rng.weighted(LOCALES, LOCALE_WEIGHTS);
    const firstName = rng.pick(FIRST_NAMES[locale]);
    const lastName = locale === 'fr' && rng.chance(0.003) ? rng.pick(RARE_LAST_NAMES) : rng.pick(LAST_NAMES[locale]);
    return { locale, firstName, lastName, companyIndex };
  }

  #dealCore(index: number): DealCore {
    const rng = this.#rng('deal-core', index);
    const { companies, contacts } = this.counts;
    const companyIndex = rng.chance(0.5) ? rng.int(Math.max(1, Math.floor(companies * 0.2))) : rng.int(companies);
    const perCompany = Math.floor(contacts / companies);
    const wanted = rng.weighted([1, 2, 3], [60, 30, 10]);
    const contactIndexes: number[] = [];
    for (let tries = 0; tries < 8 && contactIndexes.length < wanted && perCompany > 0; tries++) {
      const candidate = companyIndex + companies * rng.int(perCompany);
      if (candidate >= contacts || contactIndexes.includes(candidate)) continue;
      if (this.#contactCore(candidate).companyIndex === companyIndex) contactIndexes.push(candidate);
    }
    return { companyIndex, contactIndexes };
  }

  record<C extends Collection>(collection: C, index: number): GeneratedRecord<C> {
    switch (collection) {
      case 'contacts': return this.contact(index) as unknown as GeneratedRecord<C>;
      case 'companies': return this.company(index) as unknown as GeneratedRecord<C>;
      case 'deals': return this.deal(index) as unknown as GeneratedRecord<C>;
      default: return this.activity(index) as unknown as GeneratedRecord<C>;
    }
  }

  *records<C extends Collection>(collection: C): Generator<GeneratedRecord<C>> {
    const n = this.counts[collection];
    for (let i = 0; i < n; i++) yield this.record(collection, i);
  }

  company(index: number): GeneratedRecord<'companies'> {
    const core = this.#companyCore(index);
    const rng = this.#rng('companies', index);
    const groups = Math.max(1, Math.floor(this.counts.companies * 0.02));
    // Subsidiaries point at a group among the first 2 %, always at a lower index: no cycles.
    const parentId = index > 0 && rng.chance(0.1) ? this.idOf('companies', rng.int(Math.min(index, groups))) : null;
    const l = lang(core.locale);
    return {
      id: this.idOf('companies', index),
      ...this.#times(rng),
      name: core.name,
      domain: rng.chance(0.95) ? core.domain : null,
      industry: rng.pick(INDUSTRIES),
      size: rng.chance(0.9) ? rng.weighted(COMPANY_SIZES, [30, 28, 18, 10, 6, 5, 3]) : null,
      phone: rng.chance(0.85) ? phoneOf(rng, core.locale) : null,
      street: rng.chance(0.8) ? `${rng.range(1, 180)} ${rng.pick(STREETS[core.locale])}` : null,
      postalCode: core.place.postalCode,
      city: core.place.city,
      region: core.place.region,
      country: COUNTRY[core.locale],
      ownerId: this.#owner(rng),
      parentId: parentId as FieldsOf['companies']['parentId'],
      tags: this.#tags(rng, 2),
      description: rng.chance(0.4)
        ? sentence(rng.pick(SENTENCES[l]), { first: '', last: '', company: core.name, product: rng.pick(PRODUCTS), amount: '', day: rng.pick(DAYS[l]) })
        : '',
    };
  }

  contact(index: number): GeneratedRecord<'contacts'> {
    const core = this.#contactCore(index);
    const rng = this.#rng('contacts', index);
    const company = core.companyIndex === null ? undefined : this.#companyCore(core.companyIndex);
    const local = `${slug(core.firstName)}.${slug(core.lastName)}`;
    const emails: string[] = [];
    if (company && rng.chance(0.9)) emails.push(`${local}@${company.domain}`);
    if (emails.length === 0 || rng.chance(0.15)) emails.push(`${local}${rng.chance(0.5) ? rng.range(1, 99) : ''}@${rng.pick(PERSONAL_EMAIL_DOMAINS[core.locale])}`);
    const phones: string[] = [];
    for (let n = rng.weighted([0, 1, 2], [15, 60, 25]); n > 0; n--) phones.push(phoneOf(rng, core.locale));
    const place = company && rng.chance(0.7) ? company.place : rng.pick(PLACES[core.locale]);
    const l = lang(core.locale);
    return {
      id: this.idOf('contacts', index),
      ...this.#times(rng),
      firstName: core.firstName,
      lastName: core.lastName,
      emails,
      phones,
      title: rng.chance(0.8) ? rng.pick(TITLES[l]) : null,
      companyId: (core.companyIndex === null ? null : this.idOf('companies', core.companyIndex)) as FieldsOf['contacts']['companyId'],
      ownerId: this.#owner(rng),
      lifecycle: rng.weighted(LIFECYCLE_STAGES, [40, 30, 22, 8]),
      tags: this.#tags(rng, 3),
      street: rng.chance(0.6) ? `${rng.range(1, 180)} ${rng.pick(STREETS[core.locale])}` : null,
      postalCode: place.postalCode,
      city: place.city,
      region: place.region,
      country: COUNTRY[core.locale],
      source: rng.chance(0.9) ? rng.pick(CONTACT_SOURCES) : null,
      leadScore: rng.chance(0.9) ? rng.int(101) : null,
      consentEmail: rng.chance(0.6),
      consentSms: rng.chance(0.2),
      consentPhone: rng.chance(0.35),
      notes: rng.chance(0.25)
        ? sentence(rng.pick(SENTENCES[l]), { first: core.firstName, last: core.lastName, company: company?.name ?? '', product: rng.pick(PRODUCTS), amount: '10k', day: rng.pick(DAYS[l]) })
        : '',
    };
  }

  deal(index: number): GeneratedRecord<'deals'> {
    const core = this.#dealCore(index);
    const company = this.#companyCore(core.companyIndex);
    const rng = this.#rng('deals', index);
    const times = this.#times(rng);
    const stage = rng.weighted(PIPELINE.stages, PIPELINE.stages.map((s) => STAGE_WEIGHTS[s.id] ?? 1));
    // Log-normal amounts: median about 12k, a long tail of large deals.
    const amount = Math.min(5_000_000, Math.max(300, Math.round(Math.exp(Math.log(12_000) + 1.1 * rng.normal()) / 10) * 10));
    const closed = stage.kind !== 'open';
    const closedAt = closed ? Math.min(DATASET_NOW, times.createdAt + rng.range(7, 180) * DAY) : null;
    const hasNextStep = !closed && rng.chance(0.7);
    const base = company.name.replace(/ \S+$/, '');
    return {
      id: this.idOf('deals', index),
      ...times,
      title: `${base} — ${rng.pick(PRODUCTS)}${rng.chance(0.3) ? ` (${rng.range(5, 500)} seats)` : ''}`,
      amount,
      currency: rng.chance(0.9) ? CURRENCY[company.locale] : rng.pick(['EUR', 'USD', 'GBP']),
      pipelineId: PIPELINE.id,
      stageId: stage.id,
      probability: stage.probability,
      expectedCloseDate: isoDate(times.createdAt + rng.range(14, 200) * DAY),
      closedAt: closedAt === null ? null : isoDate(closedAt),
      ownerId: this.#owner(rng),
      companyId: this.idOf('companies', core.companyIndex) as FieldsOf['deals']['companyId'],
      contactIds: core.contactIndexes.map((i) => this.idOf('contacts', i)) as FieldsOf['deals']['contactIds'],
      lostReason: stage.kind === 'lost' ? rng.pick(LOST_REASONS) : null,
      nextStep: hasNextStep ? rng.pick(NEXT_STEPS) : null,
      nextStepDate: hasNextStep ? isoDate(times.updatedAt + rng.range(1, 30) * DAY) : null,
      tags: this.#tags(rng, 2),
      description: rng.chance(0.3)
        ? sentence(rng.pick(SENTENCES[lang(company.locale)]), { first: '', last: '', company: company.name, product: rng.pick(PRODUCTS), amount: `${Math.round(amount / 1000)}k ${CURRENCY[company.locale]}`, day: rng.pick(DAYS[lang(company.locale)]) })
        : '',
    };
  }

  activity(index: number): GeneratedRecord<'activities'> {
    const rng = this.#rng('activities', index);
    const { contacts, deals, companies } = this.counts;
    let contactIndex: number | null = null;
    let companyIndex: number | null = null;
    let dealIndex: number | null = null;
    const link = rng.next();
    if (link < 0.45 && deals > 0) {
      dealIndex = rng.int(deals);
      const deal = this.#dealCore(dealIndex);
      companyIndex = deal.companyIndex;
      contactIndex = deal.contactIndexes.length ? rng.pick(deal.contactIndexes) : null;
    } else if (link < 0.9 && contacts > 0) {
      contactIndex = rng.int(contacts);
      companyIndex = this.#contactCore(contactIndex).companyIndex;
    } else {
      companyIndex = rng.int(companies);
    }
    const contact = contactIndex === null ? undefined : this.#contactCore(contactIndex);
    const company = companyIndex === null ? undefined : this.#companyCore(companyIndex);
    const locale = contact?.locale ?? company?.locale ?? 'fr';
    const l = lang(locale);
    const type: ActivityType = rng.weighted(ACTIVITY_TYPES, ACTIVITY_WEIGHTS);
    const times = this.#times(rng);
    const fill = {
      first: contact?.firstName ?? 'Camille',
      last: contact?.lastName ?? '',
      company: company?.name ?? '',
      product: rng.pick(PRODUCTS),
      amount: `${rng.range(5, 300)}k ${CURRENCY[locale]}`,
      day: rng.pick(DAYS[l]),
    };
    let body = '';
    while (body.length < 170) body += (body ? ' ' : '') + sentence(rng.pick(SENTENCES[l]), fill);
    const mentions: string[] = [];
    if ((type === 'note' || type === 'task') && rng.chance(0.1)) {
      const user = rng.pick(this.users);
      body += ` cc @[${user.name}](${user.id})`;
      mentions.push(user.id);
    }
    const scheduled = type === 'task' || type === 'meeting';
    const dueAt = scheduled ? times.createdAt + rng.range(0, 30) * DAY + rng.range(8 * 4, 18 * 4) * 15 * 60 * 1000 - (times.createdAt % DAY) : null;
    const done = type === 'call' || type === 'email' ? true : scheduled ? rng.chance((dueAt ?? 0) < DATASET_NOW ? 0.85 : 0.05) : false;
    const doneAt = done ? (dueAt ?? times.createdAt) : null;
    return {
      id: this.idOf('activities', index),
      ...times,
      type,
      subject: type === 'note' && rng.chance(0.5) ? null : sentence(rng.pick(SUBJECTS[type]), fill),
      body,
      dueAt: dueAt === null ? null : isoDateTime(dueAt),
      reminderAt: dueAt !== null && rng.chance(0.4) ? isoDateTime(dueAt - rng.pick([15 * 60 * 1000, DAY])) : null,
      done,
      doneAt: doneAt === null ? null : isoDateTime(doneAt),
      durationMin: type === 'call' ? rng.range(1, 45) : type === 'meeting' ? rng.pick([15, 30, 45, 60, 90]) : null,
      outcome: type === 'call' ? rng.pick(CALL_OUTCOMES) : null,
      contactId: (contactIndex === null ? null : this.idOf('contacts', contactIndex)) as FieldsOf['activities']['contactId'],
      companyId: (companyIndex === null ? null : this.idOf('companies', companyIndex)) as FieldsOf['activities']['companyId'],
      dealId: (dealIndex === null ? null : this.idOf('deals', dealIndex)) as FieldsOf['activities']['dealId'],
      ownerId: this.#owner(rng),
      mentions: mentions as FieldsOf['activities']['mentions'],
    };
  }
}

export function createDataset(size: DatasetSize | DatasetCounts = 'S', seed = DEFAULT_SEED): DatasetGenerator {
  return new DatasetGenerator(size, seed);
}

/** One collection as a stream: `for (const c of iterate('contacts', 'L')) …` holds one record at a time. */
export function iterate<C extends Collection>(collection: C, size: DatasetSize | DatasetCounts = 'S', seed = DEFAULT_SEED): Generator<GeneratedRecord<C>> {
  return new DatasetGenerator(size, seed).records(collection);
}

/** The whole dataset as arrays (L is about 330k records, a few hundred MB of heap). */
export function generate(size: DatasetSize | DatasetCounts = 'S', seed = DEFAULT_SEED): Dataset {
  const gen = new DatasetGenerator(size, seed);
  return {
    seed,
    counts: gen.counts,
    users: gen.users,
    companies: [...gen.records('companies')],
    contacts: [...gen.records('contacts')],
    deals: [...gen.records('deals')],
    activities: [...gen.records('activities')],
  };
}
