// Bounding the prefix expansion of the term being typed. MiniSearch expands a prefix to every
// indexed term that starts with it and scores all their postings: `m` or `le` touches a large
// part of 330k documents and took hundreds of milliseconds. Here the expansion is counted
// first; search-index.ts then picks a cheaper plan when it is too big.
//
// This reads MiniSearch's term tree (`_index`, a protected field, stable across 7.x): the one
// place that leans on its internals. tests/unit/search pins the behaviour it relies on.
import type MiniSearch from 'minisearch';

type TermData = Map<number, Map<number, number>>;
interface TermTree {
  atPrefix(prefix: string): Iterable<[string, TermData]>;
}

/** Postings one query may expand to before it is planned differently. */
export const PREFIX_POSTING_BUDGET = 4000;

export interface PrefixExpansion {
  /** Every term starting with the prefix fits within the budget. */
  small: boolean;
  /** When not small: the shortest completions (closest to what was typed) that fit. */
  terms: string[];
}

function postingCount(data: TermData): number {
  let count = 0;
  for (const docs of data.values()) count += docs.size;
  return count;
}

export function expandPrefix(mini: MiniSearch<any>, prefix: string, budget = PREFIX_POSTING_BUDGET): PrefixExpansion {
  const tree = (mini as unknown as { _index: TermTree })._index;
  const found: { term: string; count: number }[] = [];
  let total = 0;
  for (const [term, data] of tree.atPrefix(prefix)) {
    const count = postingCount(data);
    found.push({ term, count });
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
