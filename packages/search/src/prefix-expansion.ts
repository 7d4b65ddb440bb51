// Bounding the prefix expansion of the term being typed. A short prefix (`m`, `le`) expands to
// terms covering a large part of 330k documents, and scoring all their postings took tens of
// milliseconds. Here the expansion is counted first; search-index.ts then picks a cheaper plan
// when it is too big.
import { lowerBoundString, type TermIndex } from './term-index.ts';

/** Postings one query may expand to before it is planned differently. */
export const PREFIX_POSTING_BUDGET = 4000;

export interface PrefixExpansion {
  /** Every term starting with the prefix fits within the budget. */
  small: boolean;
  /** When not small: the shortest completions (closest to what was typed) that fit. */
  terms: string[];
}

export function expandPrefix(index: TermIndex, prefix: string, budget = PREFIX_POSTING_BUDGET): PrefixExpansion {
  const sorted = index.sortedTerms;
  const found: { term: string; count: number }[] = [];
  let total = 0;
  for (let i = lowerBoundString(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) {
    const count = index.postings.get(sorted[i])!.length;
    found.push({ term: sorted[i], count });
    total += count;
  }
  if (total <= budget) return { small: true, terms: [] };
  found.sort((a, b) => a.term.length - b.term.length || (a.term < b.term ? -1 : 1));
  const terms: string[] = [];
  let used = 0;
  for (const { term, count } of found) {
    if (used + count > budget && terms.length > 0) break;
    terms.push(term);
    used += count;
  }
  return { small: false, terms };
}
