// How terms match and how results are ranked. Tuned for instant search over ~330k documents
// (dataset L):
// - prefix matching only on the last term (the one being typed), since prefix expansion of
//   every term multiplies the work and earlier terms are already complete words;
// - typo matching only for terms of 5+ characters, one edit, on names and titles (`n`) only,
//   so `dupond` finds Dupont but `du` does not match every two-letter word, and a typo does
//   not drag in every email domain one letter away;
// - AND across terms, so each extra word narrows the results;
// - names and titles weigh more than secondary fields, and contacts and companies slightly
//   more than deals and activities.
// Changing anything that affects what is indexed requires a new SEARCH_FORMAT_VERSION.
import type { SearchCollection } from './documents.ts';

export const FIELD_BOOST = { n: 2, x: 1 } as const;

export const COLLECTION_WEIGHT: Record<SearchCollection, number> = {
  contacts: 1,
  companies: 1,
  deals: 0.9,
  activities: 0.7,
};

// Indexed by the first letter of a document key (see documents.ts).
const WEIGHT_OF_LETTER: Record<string, number> = {
  c: COLLECTION_WEIGHT.contacts,
  o: COLLECTION_WEIGHT.companies,
  d: COLLECTION_WEIGHT.deals,
  a: COLLECTION_WEIGHT.activities,
};

export function collectionWeight(key: string): number {
  return WEIGHT_OF_LETTER[key[0]] ?? 1;
}

export const MIN_FUZZY_TERM_LENGTH = 5;
export const MAX_FUZZY = 1;

export function fuzzyDistance(term: string): number {
  return term.length >= MIN_FUZZY_TERM_LENGTH ? MAX_FUZZY : 0;
}

export const DEFAULT_LIMIT = 20;

/** Weight of a prefix match (MiniSearch's default), lower the more characters it adds. */
export const PREFIX_WEIGHT = 0.375;
/** Weight of a typo match, lower the shorter the term. */
export const FUZZY_WEIGHT = 0.45;
