// A filter condition as a sentence ("Lifecycle stage is Customer"), for the contacts table's
// chips and the reports filter bar.
import type { Condition } from '@carnet/store';
import { formatDay, formatNumber, type Locale } from '$lib/i18n';
import { fieldLabel, optionLabel, type RefTarget, type TableField } from './fields.ts';
import { conditionDay, operatorLabelKey } from './filters.ts';

/** Names a linked record (a contact's company…); null when it is not known here. */
export type RefName = (target: RefTarget, id: string) => string | null;

function valueText(locale: Locale, field: TableField | undefined, value: unknown, refName: RefName): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => valueText(locale, field, v, refName)).join(', ');
  if (!field) return String(value);
  switch (field.kind) {
    case 'boolean':
      return locale.t(value ? 'value.yes' : 'value.no');
    case 'select':
    case 'multiSelect':
      return optionLabel(field, String(value), locale.label);
    case 'ref':
    case 'refs':
      return field.target ? (refName(field.target, String(value)) ?? locale.t('table.ref.unknown')) : String(value);
    case 'date':
    case 'datetime':
    case 'instant':
      return formatDay(locale.tag, conditionDay(field, value));
    case 'number':
    case 'currency':
      return typeof value === 'number' ? formatNumber(locale.tag, value) : String(value);
    default:
      return `“${String(value)}”`;
  }
}

/** `condition` on `field` (undefined when the field is unknown) as one sentence. */
export function conditionText(locale: Locale, field: TableField | undefined, condition: Condition, refName: RefName = () => null): string {
  const name = field ? fieldLabel(field, locale.label) : condition.field;
  const op = locale.label(operatorLabelKey(field?.kind ?? 'text', condition.op), condition.op);
  return [name, op, valueText(locale, field, condition.value, refName)].filter(Boolean).join(' ');
}
