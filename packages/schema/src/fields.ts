// Field kinds shared by built-in and custom fields. A record type is a table of FieldSpecs;
// its validators are built from that table with valibot, so a custom field defined at run
// time is validated by exactly the same code as a built-in one.
import * as v from 'valibot';

export const FIELD_KINDS = [
  'text', 'longText', 'number', 'currency', 'date', 'datetime', 'boolean',
  'select', 'multiSelect', 'url', 'email', 'phone', 'ref', 'refs', 'tags', 'emails', 'phones',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** Kinds a workspace admin may use for custom fields. */
export const CUSTOM_FIELD_KINDS = [
  'text', 'longText', 'number', 'currency', 'date', 'boolean', 'select', 'multiSelect', 'url', 'email', 'phone',
] as const satisfies readonly FieldKind[];
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

export interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  /** Allowed values for select / multiSelect. */
  options?: readonly string[];
  min?: number;
  max?: number;
  integer?: boolean;
  /** Maximum length of a text value (characters). */
  maxLength?: number;
  /** Long text is stored as a Y.Text in the record doc and merged character by character. */
  collaborative?: boolean;
  /** An extra pattern a text value must match, and the issue code when it does not. */
  pattern?: RegExp;
  patternCode?: IssueCode;
}

export const MAX_TEXT = 1_000;
export const MAX_LONG_TEXT = 200_000;
export const MAX_LIST = 100;

// Issue codes are the valibot messages: each action is given its code as message, so a
// failed check maps straight to a code that the UI translates (see messages.ts).
export type IssueCode =
  | 'required' | 'type' | 'too_long' | 'too_many' | 'invalid_email' | 'invalid_url'
  | 'invalid_phone' | 'invalid_date' | 'invalid_datetime' | 'out_of_range' | 'not_integer'
  | 'unknown_option' | 'invalid_id' | 'invalid_currency' | 'unknown_field' | 'read_only'
  | 'duplicate_stage' | 'unknown_collection' | 'not_an_object' | 'invalid_text'
  | 'duplicate_member' | 'unknown_member' | 'not_a_manager';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
// E.164-ish but tolerant of how people type numbers: +33 6 12 34 56 78, (555) 010-9999 x12.
const PHONE = /^\+?[0-9 ().\-/]{4,30}(\s*(x|ext\.?)\s*\d{1,6})?$/i;
const ID = /^[0-9a-z]{8,32}$/;
// WHATWG-free URL check: http(s) scheme, a host with a dot or localhost, no spaces.
const URL_RE = /^https?:\/\/(localhost|[^\s/?#:]+\.[^\s/?#:]+)(:\d{1,5})?([/?#]\S*)?$/i;

function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// Half an emoji (a lone UTF-16 surrogate) cannot be encoded as UTF-8: peers would receive
// U+FFFD while the author kept the original, so such strings are refused.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Whether a string can be encoded as UTF-8 as it is (no lone surrogate). */
export const isWellFormedText = (s: string) => !LONE_SURROGATE.test(s);
const text = (max: number) => v.pipe(v.string('type'), v.maxLength(max, 'too_long'), v.check(isWellFormedText, 'invalid_text'));
const email = v.pipe(v.string('type'), v.trim(), v.maxLength(254, 'too_long'), v.email('invalid_email'));
const phone = v.pipe(v.string('type'), v.trim(), v.regex(PHONE, 'invalid_phone'));
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item, 'type'), v.maxLength(MAX_LIST, 'too_many'));

function baseSchema(spec: FieldSpec): v.GenericSchema {
  switch (spec.kind) {
    case 'text':
      return spec.pattern
        ? v.pipe(text(spec.maxLength ?? MAX_TEXT), v.regex(spec.pattern, spec.patternCode ?? 'type'))
        : text(spec.maxLength ?? MAX_TEXT);
    case 'longText':
      return text(spec.maxLength ?? MAX_LONG_TEXT);
    case 'number':
    case 'currency': {
      const actions: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [v.finite('type')];
      if (spec.integer) actions.push(v.integer('not_integer'));
      if (spec.min !== undefined) actions.push(v.minValue(spec.min, 'out_of_range'));
      if (spec.max !== undefined) actions.push(v.maxValue(spec.max, 'out_of_range'));
      return v.pipe(v.number('type'), ...actions);
    }
    case 'date':
      return v.pipe(v.string('type'), v.regex(DATE, 'invalid_date'), v.check(isRealDate, 'invalid_date'));
    case 'datetime':
      return v.pipe(
        v.string('type'),
        v.regex(DATETIME, 'invalid_datetime'),
        v.check((s) => isRealDate(s) && !Number.isNaN(Date.parse(s)), 'invalid_datetime'),
      );
    case 'boolean':
      return v.boolean('type');
    case 'select':
      return v.pipe(v.string('type'), v.check((s) => !spec.options || spec.options.includes(s), 'unknown_option'));
    case 'multiSelect':
      return list(v.pipe(v.string('type'), v.check((s) => !spec.options || spec.options.includes(s), 'unknown_option')));
    case 'url':
      return v.pipe(v.string('type'), v.trim(), v.maxLength(2048, 'too_long'), v.regex(URL_RE, 'invalid_url'));
    case 'email':
      return email;
    case 'phone':
      return phone;
    case 'ref':
      return v.pipe(v.string('type'), v.regex(ID, 'invalid_id'));
    case 'refs':
      return list(v.pipe(v.string('type'), v.regex(ID, 'invalid_id')));
    case 'tags':
      return list(v.pipe(v.string('type'), v.trim(), v.minLength(1, 'required'), v.maxLength(64, 'too_long')));
    case 'emails':
      return list(email);
    case 'phones':
      return list(phone);
  }
}

/** The valibot schema of one field value; null clears an optional field. */
export function fieldSchema(spec: FieldSpec): v.GenericSchema {
  const base = baseSchema(spec);
  return spec.required ? base : v.nullable(base);
}

/** The value a field takes when a record is created without it. */
export function emptyValue(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'multiSelect':
    case 'refs':
    case 'tags':
    case 'emails':
    case 'phones':
      return [];
    case 'boolean':
      return false;
    case 'longText':
      return '';
    default:
      return null;
  }
}
