// A field value as the text a table cell shows, formatted for the interface language (dates,
// numbers, amounts, option labels, names of linked records). Pure; chips and links are drawn
// by the components around it.
import { formatDateTime, formatDay, formatMoney, formatNumber } from '../../i18n/format.ts';
import { optionLabel, type RefTarget, type TableField } from './fields.ts';

export interface CellContext {
  /** BCP 47 tag of the interface language. */
  tag: string;
  label: (key: string, fallback?: string) => string;
  yes: string;
  no: string;
  /** The name of a linked record or member, null when unknown (not loaded, or gone). */
  refName: (target: RefTarget, id: string) => string | null;
  /** The row's currency, for amounts. */
  currency?: string;
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function cellText(field: TableField, value: unknown, ctx: CellContext): string {
  if (isEmptyValue(value)) return '';
  switch (field.kind) {
    case 'emails':
    case 'phones': {
      const list = strings(value);
      return list.length > 1 ? `${list[0]} +${list.length - 1}` : (list[0] ?? '');
    }
    case 'number':
      return typeof value === 'number' ? formatNumber(ctx.tag, value) : String(value);
    case 'currency':
      return typeof value === 'number' ? formatMoney(ctx.tag, value, ctx.currency ?? 'EUR') : String(value);
    case 'date':
      return formatDay(ctx.tag, String(value));
    case 'datetime':
    case 'instant':
      return formatDateTime(ctx.tag, value as number | string);
    case 'boolean':
      return value ? ctx.yes : ctx.no;
    case 'select':
      return optionLabel(field, String(value), ctx.label);
    case 'multiSelect':
      return strings(value).map((v) => optionLabel(field, v, ctx.label)).join(', ');
    case 'tags':
      return strings(value).join(', ');
    case 'ref':
      return field.target ? (ctx.refName(field.target, String(value)) ?? '') : '';
    case 'refs':
      return field.target ? strings(value).map((id) => ctx.refName(field.target!, id) ?? '').filter(Boolean).join(', ') : '';
    case 'longText': {
      const text = String(value);
      const line = text.split('\n', 1)[0];
      return line.length > 120 ? `${line.slice(0, 119)}…` : line;
    }
    default:
      return String(value);
  }
}
