// Small, fixed datasets for the report tests: rows shaped as the row tier keeps them (fields
// with their empty values, plus id and metadata), built from a few overrides each, and a
// context with two pipelines, three members and two teams. Every test writes its expected
// figures by hand from the rows it builds.
import { defaultPipeline, type Member, type Pipeline, type Row } from '@carnet/schema';
import { createTimeZone, type ReportContext } from '@carnet/reports';

export const ANN = 'annann01';
export const BOB = 'bobbob01';
export const CAT = 'catcat01';
/** An owner who left the workspace: rows keep the id, no member has it. */
export const GONE = 'gonegone';

export const MEMBERS: Member[] = [
  { userId: ANN, name: 'Ann Archer', email: 'ann@example.com', role: 'rep' },
  { userId: BOB, name: 'Bob Baker', email: 'bob@example.com', role: 'rep' },
  { userId: CAT, name: 'Cat Carter', email: 'cat@example.com', role: 'manager' },
];

export const TEAMS = [
  { id: 'east', name: 'East', memberIds: [ANN, BOB] },
  { id: 'west', name: 'West', memberIds: [CAT] },
];

/** qualified 10 · contact_made 20 · demo 40 · proposal 60 · negotiation 80 · won 100 · lost 0 */
export const SALES: Pipeline = defaultPipeline();
export const RENEWALS: Pipeline = {
  id: 'renewals',
  name: 'Renewals',
  order: 1,
  stages: [
    { id: 'due', name: 'Due', probability: 50, kind: 'open' },
    { id: 'renewed', name: 'Renewed', probability: 100, kind: 'won' },
    { id: 'churned', name: 'Churned', probability: 0, kind: 'lost' },
  ],
};

/** 2026-03-15T12:00:00Z, a Sunday. */
export const NOW = Date.UTC(2026, 2, 15, 12);
export const at = (iso: string) => Date.parse(iso);

export function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return {
    now: NOW,
    zone: createTimeZone('UTC'),
    pipelines: [SALES, RENEWALS],
    members: MEMBERS,
    teams: TEAMS,
    defaultCurrency: 'EUR',
    ...overrides,
  };
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(6, '0')}`;

// Ids in fixtures are plain strings (not branded), so overrides take any value per field.
type Overrides<C extends 'deals' | 'activities' | 'contacts' | 'companies'> = { [K in keyof Row<C>]?: unknown } & Record<string, unknown>;

function meta(prefix: string, overrides: Record<string, unknown>) {
  const createdAt = (overrides.createdAt as number | undefined) ?? at('2026-01-10T10:00:00Z');
  return { id: nextId(prefix), createdAt, createdBy: null, updatedAt: createdAt, updatedBy: null, deletedAt: null };
}

export function deal(overrides: Overrides<'deals'> = {}): Row<'deals'> {
  return {
    ...meta('deal', overrides),
    title: 'Deal', amount: null, currency: 'EUR', pipelineId: 'sales', stageId: 'qualified', probability: null,
    expectedCloseDate: null, closedAt: null, ownerId: ANN, companyId: null, contactIds: [], lostReason: null,
    nextStep: null, nextStepDate: null, tags: [], description: '',
    ...overrides,
  } as Row<'deals'>;
}

export function activity(overrides: Overrides<'activities'> = {}): Row<'activities'> {
  return {
    ...meta('act', overrides),
    type: 'note', subject: null, body: '', dueAt: null, reminderAt: null, done: false, doneAt: null,
    durationMin: null, outcome: null, contactId: null, companyId: null, dealId: null, ownerId: ANN, mentions: [],
    ...overrides,
  } as Row<'activities'>;
}

export function contact(overrides: Overrides<'contacts'> = {}): Row<'contacts'> {
  return {
    ...meta('con', overrides),
    firstName: 'C', lastName: null, emails: [], phones: [], title: null, companyId: null, ownerId: ANN,
    lifecycle: null, tags: [], street: null, postalCode: null, city: null, region: null, country: null,
    source: null, leadScore: null, consentEmail: false, consentSms: false, consentPhone: false, notes: '',
    ...overrides,
  } as Row<'contacts'>;
}

export function company(overrides: Overrides<'companies'> = {}): Row<'companies'> {
  return {
    ...meta('com', overrides),
    name: 'Co', domain: null, industry: null, size: null, phone: null, street: null, postalCode: null, city: null,
    region: null, country: null, ownerId: ANN, parentId: null, tags: [], description: '',
    ...overrides,
  } as Row<'companies'>;
}

/** A deleted copy of a row, which every report must leave out. */
export function deleted<T extends { deletedAt: number | null }>(row: T): T {
  return { ...row, deletedAt: at('2026-02-01T00:00:00Z') };
}
