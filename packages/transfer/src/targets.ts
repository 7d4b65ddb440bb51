// What a column can be mapped to, per record type: a field of packages/schema's RECORD_FIELDS,
// a custom field (`cf_<key>`), or a virtual target that the importer resolves into fields (a
// full name split into first and last name, a company name looked up as companyId, …).
import { RECORD_FIELDS, type Collection, type CustomFieldDef, type FieldSpec } from '@carnet/schema';

export const VIRTUAL_TARGETS = {
  /** A person's whole name, split into firstName/lastName where those are not given. */
  $fullName: { collections: ['contacts'], writes: ['firstName', 'lastName'] },
  /** A company's name, looked up (or created) as the record's companyId. */
  $companyName: { collections: ['contacts', 'deals', 'activities'], writes: ['companyId'] },
  /** A parent company's name, looked up as parentId. */
  $parentCompany: { collections: ['companies'], writes: ['parentId'] },
  /** A member's name or email, looked up as ownerId. */
  $owner: { collections: ['contacts', 'companies', 'deals', 'activities'], writes: ['ownerId'] },
  /** A Carnet record id (from a Carnet export): matches the existing record. */
  $id: { collections: ['contacts', 'companies', 'deals', 'activities'], writes: [] },
  /** "Email opt out" columns: the opposite of consentEmail. */
  $emailOptOut: { collections: ['contacts'], writes: ['consentEmail'] },
  /** "Do not call" columns: the opposite of consentPhone. */
  $callOptOut: { collections: ['contacts'], writes: ['consentPhone'] },
  /** A pipeline's name or id. */
  $pipeline: { collections: ['deals'], writes: ['pipelineId'] },
  /** A stage's name or id (in the mapped pipeline, else in any). */
  $stage: { collections: ['deals'], writes: ['pipelineId', 'stageId'] },
  /** Contact emails, looked up as contactIds (deals) or contactId (activities). */
  $contactEmail: { collections: ['deals', 'activities'], writes: ['contactIds', 'contactId'] },
  /** A contact's name, looked up as above when it names exactly one contact. */
  $contactName: { collections: ['deals', 'activities'], writes: ['contactIds', 'contactId'] },
  /** A deal's title, looked up as dealId. */
  $dealTitle: { collections: ['activities'], writes: ['dealId'] },
} as const satisfies Record<string, { collections: readonly Collection[]; writes: readonly string[] }>;
export type VirtualTarget = keyof typeof VIRTUAL_TARGETS;

export function isVirtualTarget(target: string): target is VirtualTarget {
  return Object.hasOwn(VIRTUAL_TARGETS, target);
}

/** Fields whose value is a list: several columns may map to them and their values merge. */
const LIST_KINDS = new Set(['emails', 'phones', 'tags', 'multiSelect', 'refs']);

/** Targets several columns may share. */
export function isListTarget(collection: Collection, target: string, customFields: readonly CustomFieldDef[] = []): boolean {
  if (target === '$contactEmail') return collection === 'deals';
  const spec = targetSpec(collection, target, customFields);
  return spec !== undefined && LIST_KINDS.has(spec.kind);
}

/** The field spec of a field target (built-in or custom); undefined for virtual targets. */
export function targetSpec(collection: Collection, target: string, customFields: readonly CustomFieldDef[] = []): FieldSpec | undefined {
  if (target.startsWith('cf_')) {
    const def = customFields.find((d) => d.collection === collection && `cf_${d.key}` === target);
    return def && { kind: def.kind, required: def.required, options: def.options };
  }
  return (RECORD_FIELDS[collection] as Record<string, FieldSpec>)[target];
}

/** Text fields holding ids of workspace things, reached through $pipeline and $stage. */
const REACHED_THROUGH_VIRTUAL = new Set(['pipelineId', 'stageId']);

/** Every target a column of this record type may be mapped to. */
export function targetsOf(collection: Collection, customFields: readonly CustomFieldDef[] = []): string[] {
  // Refs are reached through virtual targets (names, emails), never typed as raw ids.
  const fields = Object.entries(RECORD_FIELDS[collection] as Record<string, FieldSpec>)
    .filter(([name, spec]) => spec.kind !== 'ref' && spec.kind !== 'refs' && !REACHED_THROUGH_VIRTUAL.has(name))
    .map(([name]) => name);
  const custom = customFields.filter((d) => d.collection === collection).map((d) => `cf_${d.key}`);
  const virtual = (Object.keys(VIRTUAL_TARGETS) as VirtualTarget[]).filter((t) =>
    (VIRTUAL_TARGETS[t].collections as readonly Collection[]).includes(collection),
  );
  return [...fields, ...custom, ...virtual];
}
