// Editing a column mapping on the import screen, as pure functions: which targets a column can
// take (fields, custom fields, the importer's virtual targets), what choosing one does to the
// other columns (a single-valued field is fed by one column only), columns the user wants as a
// new custom field, and which lookups the import needs from the store.
import type { Collection, CustomFieldDef } from '@carnet/schema';
import { isListTarget, isVirtualTarget, targetsOf, type ColumnMapping } from '@carnet/transfer';

/** A column the user wants stored in a new text custom field, created when the import is checked. */
export const NEW_FIELD_TARGET = '$newField';

export interface TargetGroups {
  fields: string[];
  custom: string[];
  virtual: string[];
}

/** The targets of a record type, grouped as the mapping select shows them. */
export function targetGroups(collection: Collection, customFields: readonly CustomFieldDef[]): TargetGroups {
  const groups: TargetGroups = { fields: [], custom: [], virtual: [] };
  for (const target of targetsOf(collection, customFields)) {
    if (target.startsWith('cf_')) groups.custom.push(target);
    else if (isVirtualTarget(target)) groups.virtual.push(target);
    else groups.fields.push(target);
  }
  return groups;
}

/**
 * Maps `column` to `target` (null: not imported). A single-valued field taken from another
 * column is released there, so the mapping stays valid; list fields (emails, phones, tags)
 * keep every column that feeds them.
 */
export function setColumnTarget(
  collection: Collection,
  mapping: readonly ColumnMapping[],
  column: number,
  target: string | null,
  customFields: readonly CustomFieldDef[] = [],
): ColumnMapping[] {
  const shared = target === null || target === NEW_FIELD_TARGET || isListTarget(collection, target, customFields);
  return mapping.map((m) => {
    if (m.column === column) return { column: m.column, header: m.header, target, confidence: target === null ? 0 : 1 };
    if (!shared && m.target === target) return { column: m.column, header: m.header, target: null, confidence: 0 };
    return m;
  });
}

/** The mapping the importer can check: columns waiting for a new custom field are left out. */
export function importableMapping(mapping: readonly ColumnMapping[]): ColumnMapping[] {
  return mapping.map((m) => (m.target === NEW_FIELD_TARGET ? { ...m, target: null, confidence: 0 } : m));
}

/** A custom field key (`[a-z0-9_]{1,64}`) from a column header, unique among `taken`. */
export function customFieldKey(header: string, taken: readonly string[]): string {
  const base =
    header
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 56) || 'column';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * The text custom fields to create for the columns marked NEW_FIELD_TARGET, and the mapping
 * with those columns pointing at them.
 */
export function newCustomFields(
  collection: Collection,
  mapping: readonly ColumnMapping[],
  existing: readonly CustomFieldDef[],
): { defs: CustomFieldDef[]; mapping: ColumnMapping[] } {
  const taken = existing.filter((d) => d.collection === collection).map((d) => d.key);
  const defs: CustomFieldDef[] = [];
  const order = existing.reduce((max, d) => Math.max(max, d.order ?? 0), 0);
  const next = mapping.map((m) => {
    if (m.target !== NEW_FIELD_TARGET) return m;
    const key = customFieldKey(m.header, taken);
    taken.push(key);
    const label = (m.header.trim() || key).slice(0, 120);
    defs.push({ key, collection, label, kind: 'text', required: false, order: order + defs.length + 1 });
    return { ...m, target: `cf_${key}`, confidence: 1 };
  });
  return { defs, mapping: next };
}

/** Which collections the importer must read to resolve names into links, per record type. */
export function referenceNeeds(collection: Collection): { companies: boolean; contacts: boolean; deals: boolean } {
  return {
    companies: true,
    contacts: collection === 'deals' || collection === 'activities',
    deals: collection === 'activities',
  };
}

/** Columns nothing was suggested for: listed to the user as "not recognised". */
export function unrecognisedColumns(suggested: readonly ColumnMapping[]): ColumnMapping[] {
  return suggested.filter((m) => m.target === null && m.header.trim() !== '');
}
