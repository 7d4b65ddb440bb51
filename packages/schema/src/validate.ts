// Validation of record input, built-in and custom fields alike. Returns every problem at once,
// field by field, as data: the store refuses the whole change if any field is wrong, so invalid
// input never reaches a document.
import * as v from 'valibot';
import { isCollection, type Collection } from './collections.ts';
import { emptyValue, fieldSchema, type FieldSpec, type IssueCode } from './fields.ts';
import { RECORD_FIELDS, ROW_META_KEYS } from './records.ts';
import { CUSTOM_FIELD_PREFIX, type CustomFieldDef } from './workspace.ts';

export interface FieldIssue {
  field: string;
  code: IssueCode;
  /** Limits behind the issue, for the message (max length, allowed options, …). */
  params?: Record<string, string | number>;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export type ValidateMode = 'create' | 'update';

/** Field specs of a collection including the workspace's custom fields (`cf_<key>`). */
export function fieldSpecs(collection: Collection, customFields: readonly CustomFieldDef[] = []): Map<string, FieldSpec> {
  const specs = new Map<string, FieldSpec>(Object.entries(RECORD_FIELDS[collection]));
  for (const def of customFields) {
    if (def.collection !== collection) continue;
    specs.set(CUSTOM_FIELD_PREFIX + def.key, {
      kind: def.kind,
      required: def.required,
      options: def.options,
    });
  }
  return specs;
}

const schemaCache = new WeakMap<FieldSpec, v.GenericSchema>();
function cachedSchema(spec: FieldSpec): v.GenericSchema {
  let schema = schemaCache.get(spec);
  if (!schema) schemaCache.set(spec, (schema = fieldSchema(spec)));
  return schema;
}

function issueOf(field: string, spec: FieldSpec, code: IssueCode): FieldIssue {
  const params: Record<string, string | number> = {};
  if (code === 'too_long' && spec.maxLength) params.max = spec.maxLength;
  if (code === 'out_of_range') {
    if (spec.min !== undefined) params.min = spec.min;
    if (spec.max !== undefined) params.max = spec.max;
  }
  if (code === 'unknown_option' && spec.options) params.options = spec.options.join(', ');
  return Object.keys(params).length ? { field, code, params } : { field, code };
}

/** Validates one field value; returns the cleaned value (trimmed emails, …) or an issue. */
export function validateField(field: string, spec: FieldSpec, value: unknown): { ok: true; value: unknown } | { ok: false; issue: FieldIssue } {
  if (spec.required && (value === null || value === undefined || value === '')) {
    return { ok: false, issue: { field, code: 'required' } };
  }
  const result = v.safeParse(cachedSchema(spec), value);
  if (result.success) return { ok: true, value: result.output };
  const code = (result.issues[0]?.message ?? 'type') as IssueCode;
  return { ok: false, issue: issueOf(field, spec, code) };
}

/**
 * Validates input for a create (defaults filled, required fields checked) or an update (only the
 * given fields). Unknown fields and metadata keys are refused rather than silently dropped.
 */
export function validateFields(
  collection: string,
  input: unknown,
  mode: ValidateMode,
  customFields: readonly CustomFieldDef[] = [],
): ValidationResult<Record<string, unknown>> {
  if (!isCollection(collection)) return { ok: false, issues: [{ field: '', code: 'unknown_collection' }] };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ field: '', code: 'not_an_object' }] };
  }
  const specs = fieldSpecs(collection, customFields);
  const issues: FieldIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(input)) {
    const spec = specs.get(field);
    if (!spec) {
      const code = (ROW_META_KEYS as readonly string[]).includes(field) ? 'read_only' : 'unknown_field';
      issues.push({ field, code });
      continue;
    }
    if (raw === undefined) continue;
    const checked = validateField(field, spec, raw);
    if (checked.ok) value[field] = checked.value;
    else issues.push(checked.issue);
  }
  if (mode === 'create') {
    for (const [field, spec] of specs) {
      if (field in value || issues.some((i) => i.field === field)) continue;
      if (spec.required) issues.push({ field, code: 'required' });
      else value[field] = emptyValue(spec);
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value };
}
