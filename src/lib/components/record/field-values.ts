// Turning field values into what an input shows and back, per field kind, and into text for
// reading. Pure, so it is unit-tested; validation itself stays in @carnet/schema.
import type { FieldSpec } from '@carnet/schema';

const LIST_KINDS = new Set(['emails', 'phones', 'multiSelect', 'tags', 'refs']);

export function isListKind(spec: FieldSpec): boolean {
  return LIST_KINDS.has(spec.kind);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as the value of an `<input type="datetime-local">` in the device's zone. */
export function toLocalDateTimeInput(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What an input shows for a stored value. Lists are one item per line. */
export function toInputText(spec: FieldSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('\n');
  if (spec.kind === 'datetime' && typeof value === 'string') return toLocalDateTimeInput(value);
  return String(value);
}

/**
 * The value to store for what was typed. Empty input clears the field. A number that does not
 * parse is passed on as typed, so validation reports it instead of silently dropping it.
 */
export function fromInputText(spec: FieldSpec, text: string): unknown {
  const trimmed = spec.kind === 'longText' ? text : text.trim();
  if (isListKind(spec)) {
    return text
      .split(/[\n,;]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (trimmed === '') return spec.kind === 'longText' ? '' : null;
  switch (spec.kind) {
    case 'number':
    case 'currency': {
      const normalised = trimmed.replace(/\s/g, '').replace(',', '.');
      const n = Number(normalised);
      return Number.isFinite(n) ? n : trimmed;
    }
    case 'datetime': {
      const time = Date.parse(trimmed);
      return Number.isNaN(time) ? trimmed : new Date(time).toISOString();
    }
    case 'url': {
      return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
    }
    default:
      return trimmed;
  }
}

/** Whether two field values are the same (lists element by element). */
export function sameValue(a: unknown, b: unknown): boolean {
  const emptyA = a === null || a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
  const emptyB = b === null || b === undefined || b === '' || (Array.isArray(b) && b.length === 0);
  if (emptyA || emptyB) return emptyA === emptyB;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
