// The board's and the table's filters: whose deals (mine or everyone's), one tag, and a quick
// text matched accent- and case-insensitively against the title, the company's name and the
// next step.
import { foldText } from '@carnet/schema';
import type { DealRow } from './pipelines.ts';

export type OwnerFilter = 'all' | 'mine';

export interface DealFilter {
  owner: OwnerFilter;
  tag: string | null;
  text: string;
}

export const NO_FILTER: DealFilter = { owner: 'all', tag: null, text: '' };

export function isFiltering(filter: DealFilter): boolean {
  return filter.owner !== 'all' || !!filter.tag || filter.text.trim() !== '';
}

/**
 * A predicate for `filter`; `companyName` gives the linked company's name when it is known.
 * The text is folded once here, not once per deal.
 */
export function dealMatcher(
  filter: DealFilter,
  userId: string,
  companyName: (companyId: string) => string | undefined = () => undefined,
): (deal: Pick<DealRow, 'ownerId' | 'tags' | 'title' | 'nextStep' | 'companyId'>) => boolean {
  const words = foldText(filter.text).split(/\s+/).filter(Boolean);
  return (deal) => {
    if (filter.owner === 'mine' && deal.ownerId !== userId) return false;
    if (filter.tag && !(deal.tags ?? []).includes(filter.tag)) return false;
    if (!words.length) return true;
    const company = deal.companyId ? companyName(deal.companyId) ?? '' : '';
    const haystack = foldText(`${deal.title ?? ''} ${company} ${deal.nextStep ?? ''}`);
    return words.every((w) => haystack.includes(w));
  };
}

/** Every tag used on these deals, sorted, for the tag filter's choices. */
export function tagsInUse(deals: Iterable<Pick<DealRow, 'tags'>>): string[] {
  const tags = new Set<string>();
  for (const deal of deals) for (const tag of deal.tags ?? []) tags.add(tag);
  return [...tags].sort((a, b) => a.localeCompare(b));
}
