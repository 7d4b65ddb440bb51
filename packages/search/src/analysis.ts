// How text becomes terms, for rows and for queries alike: split on spaces and punctuation,
// then fold case, accents and ligatures (foldText), so `helene` finds Hélène and `oeuvre`
// finds Œuvre. A query made only of a phone number is recognised here too, since phones live
// in their own index (phone-index.ts) as digits only.
import MiniSearch from 'minisearch';
import { foldText } from '@carnet/schema';

const splitWords: (text: string) => string[] = MiniSearch.getDefault('tokenize');

export function tokenize(text: string): string[] {
  return splitWords(text);
}

export function processTerm(term: string): string | null {
  const folded = foldText(term);
  return folded === '' ? null : folded;
}

/** The folded terms of a query, in order. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(query)) {
    const term = processTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

const PHONE_QUERY = /^\s*\+?[\d\s().-]+$/;
export const MIN_PHONE_DIGITS = 3;

/**
 * The digits to look up when the whole query looks like a phone number being typed, else null.
 * Like normalizePhone, `+33 6 12` becomes `0612` and `+1 415` becomes `415`, even while
 * incomplete, so the prefix matches the stored national form.
 */
export function phoneQuery(query: string): string | null {
  if (!PHONE_QUERY.test(query)) return null;
  const digits = query.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  const trimmed = query.trim();
  if (trimmed.startsWith('+33')) return '0' + digits.slice(2);
  if (trimmed.startsWith('+1')) return digits.slice(1);
  return digits;
}
