// What a record table knows about the fields of a collection: built-in fields from the schema,
// the workspace's custom fields and the row timestamps, each with the kind that decides how it
// is shown, filtered, sorted and edited in bulk. Pure, so the choices are unit-tested.
import {
  CUSTOM_FIELD_PREFIX, RECORD_FIELDS,
  type Collection, type CustomFieldDef, type FieldKind, type FieldSpec,
} from '@carnet/schema';
import type { SortKey } from '@carnet/store';

/** Field kinds plus `instant`: the row's own times (epoch milliseconds). */
export type ColumnKind = FieldKind | 'instant';

/** Where a reference points: another collection, or the workspace's members. */
export type RefTarget = Collection | 'members';

export interface TableField {
  /** The row key (`lastName`, `cf_budget`, `updatedAt`), or TITLE_KEY. */
  key: string;
  kind: ColumnKind;
  options?: readonly string[];
  /** Message key of the label (built-in fields); custom fields carry their own `label`. */
  labelKey?: string;
  label?: string;
  /** Message key prefix of option labels (`lifecycle` → `lifecycle.customer`). */
  optionPrefix?: string;
  target?: RefTarget;
  custom: boolean;
  sortable: boolean;
  filterable: boolean;
  /** The same value can be written to many records at once. */
  bulkEditable: boolean;
}

/** The column that names the record and links to it; always shown, always first. */
export const TITLE_KEY = '$title';

const REF_TARGETS: Record<string, RefTarget> = {
  companyId: 'companies',
  parentId: 'companies',
  contactId: 'contacts',
  contactIds: 'contacts',
  dealId: 'deals',
  ownerId: 'members',
  createdBy: 'members',
  updatedBy: 'members',
  mentions: 'members',
};

const OPTION_PREFIXES: Record<string, string> = {
  lifecycle: 'lifecycle',
  source: 'source',
  type: 'activityType',
};

/** The fields a record's title is sorted by. */
const TITLE_SORT: Record<Collection, string[]> = {
  contacts: ['lastName', 'firstName'],
  companies: ['name'],
  deals: ['title'],
  activities: ['subject'],
};

const UNSORTABLE = new Set<ColumnKind>(['ref', 'refs', 'tags', 'multiSelect', 'longText']);
/** Lists need an add/remove (tags have their own bulk action); long text is collaborative. */
const NOT_BULK = new Set<ColumnKind>(['longText', 'tags', 'emails', 'phones', 'refs', 'multiSelect', 'instant']);

function fromSpec(collection: Collection, key: string, spec: FieldSpec): TableField {
  const target = spec.kind === 'ref' || spec.kind === 'refs' ? REF_TARGETS[key] : undefined;
  return {
    key,
    kind: spec.kind,
    options: spec.options,
    labelKey: `field.${collection}.${key}`,
    optionPrefix: spec.options ? OPTION_PREFIXES[key] : undefined,
    target,
    custom: false,
    sortable: !UNSORTABLE.has(spec.kind),
    filterable: spec.kind !== 'longText' && (target !== undefined || (spec.kind !== 'ref' && spec.kind !== 'refs')),
    // A ref is edited in bulk only where a picker exists for its target (owner, company).
    bulkEditable: !NOT_BULK.has(spec.kind) && !spec.collaborative && (spec.kind !== 'ref' || target === 'members' || target === 'companies'),
  };
}

function fromCustom(def: CustomFieldDef): TableField {
  return {
    key: `${CUSTOM_FIELD_PREFIX}${def.key}`,
    kind: def.kind,
    options: def.options,
    label: def.label,
    custom: true,
    sortable: !UNSORTABLE.has(def.kind),
    filterable: def.kind !== 'longText',
    bulkEditable: !NOT_BULK.has(def.kind),
  };
}

function instant(key: 'createdAt' | 'updatedAt'): TableField {
  return { key, kind: 'instant', labelKey: `field.${key}`, custom: false, sortable: true, filterable: true, bulkEditable: false };
}

/** Every field of `collection` a table can show: built-in, custom, then the row's times. */
export function tableFields(collection: Collection, custom: readonly CustomFieldDef[]): TableField[] {
  const specs = RECORD_FIELDS[collection] as Record<string, FieldSpec>;
  return [
    ...Object.entries(specs).map(([key, spec]) => fromSpec(collection, key, spec)),
    ...custom.filter((d) => d.collection === collection).map(fromCustom),
    instant('createdAt'),
    instant('updatedAt'),
  ];
}

/** The title column: sortable by the fields the title is made of. */
export function titleField(collection: Collection): TableField {
  return {
    key: TITLE_KEY, kind: 'text', labelKey: `table.name.${collection}`, custom: false,
    sortable: true, filterable: false, bulkEditable: false,
  };
}

/** The sort a click on a column's header asks for. */
export function sortFor(collection: Collection, key: string, dir: 'asc' | 'desc'): SortKey[] {
  const fields = key === TITLE_KEY ? TITLE_SORT[collection] : [key];
  return fields.map((field) => ({ field, dir }));
}

/** Which way a column is sorted by `sort`, if it is the column the sort starts with. */
export function sortDirectionOf(collection: Collection, key: string, sort: readonly SortKey[]): 'asc' | 'desc' | null {
  const fields = key === TITLE_KEY ? TITLE_SORT[collection] : [key];
  if (sort.length !== fields.length || !fields.every((f, i) => sort[i].field === f)) return null;
  return sort[0].dir ?? 'asc';
}

/** A label for a field in the interface: translated for built-in fields, as defined for custom ones. */
export function fieldLabel(field: TableField, label: (key: string, fallback?: string) => string): string {
  return field.label ?? (field.labelKey ? label(field.labelKey, field.key) : field.key);
}

/** A label for one option of a select field. */
export function optionLabel(field: TableField, value: string, label: (key: string, fallback?: string) => string): string {
  return field.optionPrefix ? label(`${field.optionPrefix}.${value}`, value) : value;
}
