// One cell to one field value, by field kind: text trimmed, numbers and dates as typed in the
// user's locale (see parse-number.ts, parse-date.ts), booleans in English and French, option
// labels to option ids, lists split on the usual separators. A failure is an issue code the
// row report explains; nothing here throws.
import { normalizeDomain, type FieldSpec, type IssueCode } from '@carnet/schema';
import { optionFromLabel } from './option-labels.ts';
import { parseMinutes, parseNumber, type DecimalSeparator } from './parse-number.ts';
import { formatDate, formatDateTime, parseDate, type DateOrder } from './parse-date.ts';
import type { Cell } from './table.ts';

export interface ConvertSettings {
  /** How to read 05/03/2024 when both readings are possible. */
  dateOrder: DateOrder;
  /** How to read "1,234" and "1.234". */
  decimalSeparator: DecimalSeparator;
  /** The importing user's offset from UTC (minutes east), for times written without a zone. */
  utcOffsetMinutes: number;
}

/** Conversion failures that are not schema validation issues. */
export type ConvertIssueCode = 'unparsable_number' | 'unparsable_date' | 'unparsable_boolean' | 'unknown_label';

export type Converted =
  | { ok: true; value: unknown; currency?: string }
  | { ok: false; code: ConvertIssueCode | IssueCode; params?: Record<string, string | number> };

const TRUE = new Set(['true', 'yes', 'y', 'oui', 'o', 'vrai', '1', 'x', 'on', 'checked', 'coche', 'ok', '✓', '✔']);
const FALSE = new Set(['false', 'no', 'n', 'non', 'faux', '0', 'off', 'unchecked', 'non coche', '-']);

export function parseBoolean(cell: Cell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  if (typeof cell !== 'string') return undefined;
  const text = cell.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();
  return TRUE.has(text) ? true : FALSE.has(text) ? false : undefined;
}

/** Cell text: numbers without float noise, dates as ISO dates, CSV-injection apostrophe removed. */
export function cellString(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return formatDate(parseDate(cell)!);
  if (typeof cell === 'number') return String(Number.isInteger(cell) ? cell : Number(cell.toPrecision(15)));
  const text = String(cell).replace(/\r\n?/g, '\n').trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

const EMAIL_IN_TEXT = /[^\s<>()"',;:]+@[^\s<>()"',;:]+/;

/** Splits a list cell. Google writes "a ::: b", Pipedrive "a, b", Outlook "a;b". */
export function splitList(text: string, kind: 'emails' | 'phones' | 'tags'): string[] {
  const parts = kind === 'tags' ? text.split(/\s*(?::::|[;,|\n])\s*/) : text.split(/[;,|\n]+/);
  return parts
    .map((p) => p.trim())
    .map((p) => (kind === 'emails' ? (EMAIL_IN_TEXT.exec(p)?.[0] ?? p) : kind === 'tags' ? p.replace(/^\*\s*/, '') : p))
    .filter((p) => p !== '' && !(kind === 'tags' && /^(mycontacts|starred)$/i.test(p)));
}

function convertNumber(cell: Cell, spec: FieldSpec, settings: ConvertSettings, field: string): Converted {
  if (field === 'durationMin' && typeof cell === 'string') {
    const minutes = parseMinutes(cell);
    return minutes === undefined ? { ok: false, code: 'unparsable_number' } : { ok: true, value: minutes };
  }
  if (cell instanceof Date || typeof cell === 'boolean') return { ok: false, code: 'unparsable_number' };
  const parsed = parseNumber(cell as string | number, settings.decimalSeparator);
  if (!parsed) return { ok: false, code: 'unparsable_number' };
  // Excel stores 35% as 0.35 in a percent cell; a probability of 0.35 means 35.
  let value = parsed.value;
  if (field === 'probability' && typeof cell === 'number' && value > 0 && value < 1) value = Math.round(value * 100);
  if (spec.integer && !Number.isInteger(value) && Math.abs(value - Math.round(value)) < 1e-9) value = Math.round(value);
  return parsed.currency ? { ok: true, value, currency: parsed.currency } : { ok: true, value };
}

/** Converts a non-empty cell for a field. */
export function convertCell(cell: Cell, spec: FieldSpec, settings: ConvertSettings, field: string): Converted {
  switch (spec.kind) {
    case 'number':
    case 'currency':
      return convertNumber(cell, spec, settings, field);
    case 'date': {
      const date = parseDate(typeof cell === 'string' ? cell.trim() : (cell as number | Date), settings.dateOrder);
      return date ? { ok: true, value: formatDate(date) } : { ok: false, code: 'unparsable_date' };
    }
    case 'datetime': {
      const date = parseDate(typeof cell === 'string' ? cell.trim() : (cell as number | Date), settings.dateOrder);
      return date ? { ok: true, value: formatDateTime(date, settings.utcOffsetMinutes) } : { ok: false, code: 'unparsable_date' };
    }
    case 'boolean': {
      const value = parseBoolean(cell);
      return value === undefined ? { ok: false, code: 'unparsable_boolean' } : { ok: true, value };
    }
    case 'select': {
      const text = cellString(cell);
      const option = optionFromLabel(field, spec, text);
      return option === undefined
        ? { ok: false, code: 'unknown_label', params: { options: (spec.options ?? []).join(', ') } }
        : { ok: true, value: option };
    }
    case 'multiSelect': {
      const values: string[] = [];
      for (const part of splitList(cellString(cell), 'tags')) {
        const option = optionFromLabel(field, spec, part);
        if (option === undefined) return { ok: false, code: 'unknown_label', params: { options: (spec.options ?? []).join(', ') } };
        if (!values.includes(option)) values.push(option);
      }
      return { ok: true, value: values };
    }
    case 'emails':
    case 'phones':
    case 'tags':
      return { ok: true, value: splitList(cellString(cell), spec.kind) };
    case 'url': {
      const text = cellString(cell);
      return { ok: true, value: /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}` };
    }
    case 'email':
      return { ok: true, value: EMAIL_IN_TEXT.exec(cellString(cell))?.[0] ?? cellString(cell) };
    case 'text':
      if (field === 'domain') return { ok: true, value: normalizeDomain(cellString(cell)) };
      if (field === 'currency') {
        const text = cellString(cell).toUpperCase();
        return { ok: true, value: parseNumber(`1 ${text}`)?.currency ?? text };
      }
      return { ok: true, value: cellString(cell) };
    default:
      return { ok: true, value: cellString(cell) };
  }
}
