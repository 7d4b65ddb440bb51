// The MiniSearch options: which fields exist, how terms match and how results are ranked.
// Tuned for instant search over ~330k documents (dataset L):
// - prefix matching only on the last term (the one being typed), since prefix expansion of
//   every term multiplies the work and earlier terms are already complete words;
// - fuzzy matching only for terms of 4+ characters, 0.2 edits per character capped at 2, so
//   `dupond` finds Dupont but `du` does not match every two-letter word;
// - AND across terms, so each extra word narrows the results;
// - names and titles weigh more than secondary fields, and contacts and companies slightly
//   more than deals and activities.
// Changing anything that affects what is indexed requires a new SEARCH_FORMAT_VERSION.
import type { Options, SearchOptions } from 'minisearch';
import { processTerm, tokenize } from './analysis.ts';
import type { SearchCollection, SearchDocument } from './documents.ts';

export const INDEXED_FIELDS = ['n', 'x'] as const;
export const STORED_FIELDS = ['t', 's', 'p'] as const;

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

export const MIN_FUZZY_TERM_LENGTH = 4;
export const FUZZINESS = 0.2;
export const MAX_FUZZY = 2;

export const DEFAULT_LIMIT = 20;

/** MiniSearch's default weight for prefix matches, reused for bounded expansions. */
export const PREFIX_WEIGHT = 0.375;


export const searchOptions: SearchOptions = {
  tokenize,
  processTerm,
  combineWith: 'AND',
  prefix: (_term, index, terms) => index === terms.length - 1,
  fuzzy: (term) => (term.length >= MIN_FUZZY_TERM_LENGTH ? FUZZINESS : false),
  maxFuzzy: MAX_FUZZY,
  boost: { ...FIELD_BOOST },
  weights: { fuzzy: 0.45, prefix: PREFIX_WEIGHT },
  boostDocument: (key: string) => WEIGHT_OF_LETTER[key[0]] ?? 1,
};

export function miniSearchOptions(): Options<SearchDocument> {
  return {
    idField: 'k',
    fields: [...INDEXED_FIELDS],
    storeFields: [...STORED_FIELDS],
    tokenize,
    processTerm,
    searchOptions,
    // Vacuuming walks every term; with 330k documents only do it once a tenth is stale.
    autoVacuum: { minDirtCount: 100, minDirtFactor: 0.1, batchSize: 1000, batchWait: 10 },
  };
}
