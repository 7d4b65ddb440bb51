// What went wrong with a create form's input, field by field, in the user's language: the
// schema's validation issues when the store refused the values, else one general message.
import { issueMessage, type Locale } from '@carnet/schema';
import { isStoreError } from '@carnet/store';

export interface FormOutcome {
  /** Field name → message, for the issues that name a field of the form. */
  fields: Record<string, string>;
  /** Anything else (a write failure, an issue on a field the form does not show). */
  general: string | null;
}

export function formIssues(error: unknown, locale: Locale, shown: readonly string[], writeFailed: (reason: string) => string): FormOutcome {
  if (isStoreError(error) && error.issues.length) {
    const fields: Record<string, string> = {};
    const rest: string[] = [];
    for (const issue of error.issues) {
      // A list item's issue is named `emails.0`: it belongs to the list's input.
      const field = issue.field.split('.')[0];
      const message = issueMessage(issue, locale);
      if (shown.includes(field)) fields[field] ??= message;
      else rest.push(message);
    }
    return { fields, general: rest.length ? rest.join(' ') : null };
  }
  return { fields: {}, general: writeFailed(error instanceof Error ? error.message : String(error)) };
}

/** A typed amount ("12 500,50", "1,200.5") as a number; the text itself when it is not one. */
export function parseAmount(text: string): number | string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const compact = trimmed.replace(/[\s\u00a0\u202f]/g, '');
  // A comma followed by one or two final digits is a decimal comma (1.200,50); otherwise
  // commas separate thousands (1,200.50).
  const normalised = /,\d{1,2}$/.test(compact) ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  const n = Number(normalised);
  return Number.isFinite(n) ? n : trimmed;
}
