// The filter builder's rules: which operators suit which field kind, what kind of value each
// operator asks for, and how what the user typed becomes a store Condition. Pure.
import type { Condition, Operator } from '@carnet/store';
import type { ColumnKind, TableField } from './fields.ts';

/** What the value part of a filter looks like for a kind and operator. */
export type ValueInput = 'none' | 'text' | 'number' | 'date' | 'boolean' | 'option' | 'options' | 'ref' | 'tag';

const TEXT_OPS: Operator[] = ['contains', 'eq', 'ne', 'startsWith', 'empty', 'notEmpty'];
const TEXT_LIST_OPS: Operator[] = ['contains', 'empty', 'notEmpty'];
const NUMBER_OPS: Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'];
const DATE_OPS: Operator[] = ['eq', 'lt', 'gt', 'empty', 'notEmpty'];
const INSTANT_OPS: Operator[] = ['gte', 'lt'];
const SELECT_OPS: Operator[] = ['eq', 'ne', 'in', 'nin', 'empty', 'notEmpty'];
const MULTI_OPS: Operator[] = ['has', 'hasAny', 'empty', 'notEmpty'];
const REF_OPS: Operator[] = ['eq', 'ne', 'empty', 'notEmpty'];
const REFS_OPS: Operator[] = ['has', 'empty', 'notEmpty'];

/** The operators offered for a field kind, the most useful first. */
export function operatorsFor(kind: ColumnKind): Operator[] {
  switch (kind) {
    case 'text':
    case 'longText':
    case 'email':
    case 'url':
    case 'phone':
      return TEXT_OPS;
    case 'emails':
    case 'phones':
      return TEXT_LIST_OPS;
    case 'number':
    case 'currency':
      return NUMBER_OPS;
    case 'date':
    case 'datetime':
      return DATE_OPS;
    case 'instant':
      return INSTANT_OPS;
    case 'boolean':
      return ['eq'];
    case 'select':
      return SELECT_OPS;
    case 'multiSelect':
    case 'tags':
      return MULTI_OPS;
    case 'ref':
      return REF_OPS;
    case 'refs':
      return REFS_OPS;
  }
}

export function valueInputFor(kind: ColumnKind, op: Operator): ValueInput {
  if (op === 'empty' || op === 'notEmpty') return 'none';
  switch (kind) {
    case 'number':
    case 'currency':
      return 'number';
    case 'date':
    case 'datetime':
    case 'instant':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'select':
      return op === 'in' || op === 'nin' ? 'options' : 'option';
    case 'multiSelect':
      return op === 'hasAny' ? 'options' : 'option';
    case 'tags':
      return op === 'hasAny' ? 'options' : 'tag';
    case 'ref':
    case 'refs':
      return 'ref';
    default:
      return 'text';
  }
}

/**
 * The message key of an operator's label. Dates read "before / after / on", numbers "less
 * than / more than", lists "includes".
 */
export function operatorLabelKey(kind: ColumnKind, op: Operator): string {
  if ((kind === 'date' || kind === 'datetime' || kind === 'instant') && ['eq', 'lt', 'gt', 'gte'].includes(op)) return `table.op.date.${op}`;
  if ((kind === 'multiSelect' || kind === 'tags' || kind === 'refs') && (op === 'has' || op === 'hasAny')) return `table.op.list.${op}`;
  return `table.op.${op}`;
}

/** What the user entered for a filter's value, before it is checked. */
export type DraftValue = string | string[] | boolean | null;

export type ParsedValue = { ok: true; value: unknown } | { ok: false; problem: 'required' | 'number' | 'date' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight of a `YYYY-MM-DD` day, in epoch milliseconds. */
export function startOfDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/**
 * Checks and converts a draft value for `op` on `field`. Numbers accept a decimal comma; dates
 * are days; on the row times (`instant`) and on date-times a day stands for its local midnight.
 */
export function parseValue(field: Pick<TableField, 'kind'>, op: Operator, draft: DraftValue): ParsedValue {
  const input = valueInputFor(field.kind, op);
  if (input === 'none') return { ok: true, value: undefined };
  if (input === 'boolean') return { ok: true, value: draft === true || draft === 'true' };
  if (input === 'options') {
    const list = Array.isArray(draft) ? draft.filter(Boolean) : [];
    return list.length ? { ok: true, value: list } : { ok: false, problem: 'required' };
  }
  const text = typeof draft === 'string' ? draft.trim() : '';
  if (!text) return { ok: false, problem: 'required' };
  if (input === 'number') {
    const n = Number(text.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, problem: 'number' };
  }
  if (input === 'date') {
    if (!DAY.test(text) || Number.isNaN(startOfDay(text))) return { ok: false, problem: 'date' };
    if (field.kind === 'instant') return { ok: true, value: startOfDay(text) };
    if (field.kind === 'datetime') return { ok: true, value: new Date(startOfDay(text)).toISOString() };
    return { ok: true, value: text };
  }
  return { ok: true, value: text };
}

/** A complete filter from the builder, or the problem that keeps it from being one. */
export function toCondition(field: TableField, op: Operator, draft: DraftValue): { ok: true; condition: Condition } | { ok: false; problem: 'required' | 'number' | 'date' | 'operator' } {
  if (!operatorsFor(field.kind).includes(op)) return { ok: false, problem: 'operator' };
  const parsed = parseValue(field, op, draft);
  if (!parsed.ok) return parsed;
  const condition: Condition = { field: field.key, op };
  if (parsed.value !== undefined) condition.value = parsed.value;
  return { ok: true, condition };
}

/** The day a date filter's value stands for, to show it back (`instant` values are epoch ms). */
export function conditionDay(field: Pick<TableField, 'kind'>, value: unknown): string | null {
  let time: number;
  if (typeof value === 'number') time = value;
  else if (typeof value === 'string' && field.kind === 'datetime') time = Date.parse(value);
  else return typeof value === 'string' ? value : null;
  if (Number.isNaN(time)) return null;
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
