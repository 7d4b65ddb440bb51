// How import and export things are named on screen: mapping targets (the app's field labels,
// custom field labels, the importer's virtual targets), errors, and counted phrases. Pure:
// the translating functions come from the caller's Locale.
import type { Collection, CustomFieldDef, Locale } from '@carnet/schema';
import { isVirtualTarget, targetLabel } from '@carnet/transfer';
import { pluralForm } from '../components/table/text.ts';
import type { WizardError } from './import-wizard.svelte.ts';

type Label = (key: string, fallback?: string) => string;

/** A mapping target as the select shows it. */
export function targetText(collection: Collection, target: string, customFields: readonly CustomFieldDef[], label: Label, locale: Locale): string {
  if (target.startsWith('cf_')) {
    return customFields.find((d) => d.collection === collection && `cf_${d.key}` === target)?.label ?? target;
  }
  const fallback = targetLabel(collection, target, locale);
  return isVirtualTarget(target) ? label(`transfer.target.${target}`, fallback) : label(`field.${collection}.${target}`, fallback);
}

/** A counted phrase: `base.one` or `base.many`, with `{n}` formatted for the language. */
export function countedText(label: Label, tag: string, base: string, n: number, params: Record<string, string | number> = {}): string {
  const text = label(`${base}.${pluralForm(tag, n)}`, base);
  const all: Record<string, string | number> = { n: new Intl.NumberFormat(tag).format(n), ...params };
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in all ? String(all[name]) : whole));
}

/** What went wrong, in the user's language. */
export function wizardErrorText(error: WizardError, label: Label, collection: Collection): string {
  const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  switch (error.code) {
    case 'wrong_format':
      return fill(label('transfer.source.wrongFormat'), {
        format: label(`transfer.format.${error.message}`, error.message),
        type: label(`collection.${collection}`, collection).toLowerCase(),
      });
    case 'no_rows':
      return label('transfer.source.noRows');
    case 'bad_mapping':
      return fill(label('transfer.error.bad_mapping'), { reason: error.message });
    case 'other':
      return fill(label('transfer.error.other'), { reason: error.message });
    default:
      return label(`transfer.error.${error.code}`, error.message);
  }
}
