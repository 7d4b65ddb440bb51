// Contact: a person. Address and consent are flat fields so that two reps editing the city
// and the street at the same time both keep their change (field-level merge).
import type { CompanyId, UserId } from './ids.ts';
import type { FieldSpec } from './fields.ts';

export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const CONTACT_SOURCES = [
  'website', 'referral', 'event', 'cold_outreach', 'inbound_email', 'import', 'partner', 'social', 'ads', 'other',
] as const;

export interface ContactFields {
  firstName: string | null;
  lastName: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  companyId: CompanyId | null;
  ownerId: UserId | null;
  lifecycle: LifecycleStage | null;
  tags: string[];
  street: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  source: string | null;
  leadScore: number | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentPhone: boolean;
  notes: string;
}

export const CONTACT_FIELDS = {
  firstName: { kind: 'text', maxLength: 200 },
  lastName: { kind: 'text', maxLength: 200 },
  emails: { kind: 'emails' },
  phones: { kind: 'phones' },
  title: { kind: 'text', maxLength: 200 },
  companyId: { kind: 'ref' },
  ownerId: { kind: 'ref' },
  lifecycle: { kind: 'select', options: LIFECYCLE_STAGES },
  tags: { kind: 'tags' },
  street: { kind: 'text', maxLength: 300 },
  postalCode: { kind: 'text', maxLength: 20 },
  city: { kind: 'text', maxLength: 200 },
  region: { kind: 'text', maxLength: 200 },
  country: { kind: 'text', maxLength: 100 },
  source: { kind: 'select', options: CONTACT_SOURCES },
  leadScore: { kind: 'number', integer: true, min: 0, max: 100 },
  consentEmail: { kind: 'boolean' },
  consentSms: { kind: 'boolean' },
  consentPhone: { kind: 'boolean' },
  notes: { kind: 'longText', collaborative: true },
} as const satisfies Record<keyof ContactFields, FieldSpec>;

export function contactDisplayName(row: Partial<ContactFields>): string {
  const name = [row.firstName, row.lastName].filter(Boolean).join(' ').trim();
  return name || row.emails?.[0] || '';
}
