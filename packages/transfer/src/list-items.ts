// When two items of a list field are the same: emails and phones as the duplicate rules
// compare them (case, spaces, +33 vs 0), other items case- and space-insensitively. Used to
// merge columns of one row and to unite a file's lists with the stored ones on update.
import { normalizeEmail, normalizePhone } from '@carnet/schema';

/** How list items compare: emails and phones as the duplicate rules compare them, the rest folded. */
export function listItemKey(field: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (field === 'emails') return normalizeEmail(value);
  if (field === 'phones') return normalizePhone(value) || value.trim();
  return value.trim().toLowerCase();
}
