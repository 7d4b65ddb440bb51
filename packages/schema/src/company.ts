// Company: an account. `parentId` builds the account hierarchy (a group and its subsidiaries).
import type { CompanyId, UserId } from './ids.ts';
import type { FieldSpec } from './fields.ts';

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+'] as const;

export interface CompanyFields {
  name: string;
  domain: string | null;
  industry: string | null;
  size: (typeof COMPANY_SIZES)[number] | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  ownerId: UserId | null;
  parentId: CompanyId | null;
  tags: string[];
  description: string;
}

const DOMAIN_MAX = 253;

export const COMPANY_FIELDS = {
  name: { kind: 'text', required: true, maxLength: 300 },
  domain: { kind: 'text', maxLength: DOMAIN_MAX },
  industry: { kind: 'text', maxLength: 200 },
  size: { kind: 'select', options: COMPANY_SIZES },
  phone: { kind: 'phone' },
  street: { kind: 'text', maxLength: 300 },
  postalCode: { kind: 'text', maxLength: 20 },
  city: { kind: 'text', maxLength: 200 },
  region: { kind: 'text', maxLength: 200 },
  country: { kind: 'text', maxLength: 100 },
  ownerId: { kind: 'ref' },
  parentId: { kind: 'ref' },
  tags: { kind: 'tags' },
  description: { kind: 'longText', collaborative: true },
} as const satisfies Record<keyof CompanyFields, FieldSpec>;

/** Normalises what people paste as a domain: `https://www.Acme.fr/about` → `acme.fr`. */
export function normalizeDomain(input: string): string {
  return input.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/[/?#:].*$/, '');
}
