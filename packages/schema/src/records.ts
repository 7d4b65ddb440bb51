// The registry of record types: for each collection, its field table and row type. A row is
// what the row tier stores and what lists, search and reports read: the fields plus metadata.
import type { Collection } from './collections.ts';
import type { FieldSpec } from './fields.ts';
import { CONTACT_FIELDS, type ContactFields } from './contact.ts';
import { COMPANY_FIELDS, type CompanyFields } from './company.ts';
import { DEAL_FIELDS, type DealFields } from './deal.ts';
import { ACTIVITY_FIELDS, type ActivityFields } from './activity.ts';

export interface FieldsOf {
  contacts: ContactFields;
  companies: CompanyFields;
  deals: DealFields;
  activities: ActivityFields;
}

export const RECORD_FIELDS: { [C in Collection]: Record<keyof FieldsOf[C], FieldSpec> } = {
  contacts: CONTACT_FIELDS,
  companies: COMPANY_FIELDS,
  deals: DEAL_FIELDS,
  activities: ACTIVITY_FIELDS,
};

/** Metadata every row carries. Times are epoch milliseconds; `deletedAt` null means alive. */
export interface RowMeta {
  id: string;
  createdAt: number;
  createdBy: string | null;
  updatedAt: number;
  updatedBy: string | null;
  deletedAt: number | null;
  /** Set on a record merged into another (it is then deleted): the survivor's id. */
  mergedInto?: string;
}

export const ROW_META_KEYS = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt'] as const;

/** Custom field values live beside built-in ones as `cf_<key>`. */
export type CustomValues = { [key: `cf_${string}`]: unknown };

export type Row<C extends Collection = Collection> = RowMeta & FieldsOf[C] & CustomValues & Record<string, unknown>;
export type AnyRow = RowMeta & Record<string, unknown>;

/** Field names of a collection whose values are collaborative text (Y.Text in the doc). */
export function collaborativeFields(collection: Collection): string[] {
  return Object.entries(RECORD_FIELDS[collection] as Record<string, FieldSpec>)
    .filter(([, spec]) => spec.collaborative)
    .map(([name]) => name);
}
