// Sorting the deals table by any of its columns. Empty values stay last in both directions;
// names (company, owner) come from lookups passed in; ties fall back to the id so the order
// is stable across re-renders.
import type { Pipeline } from '@carnet/schema';
import { weightedAmount } from './amounts.ts';
import { stageIndex, stageOf, type DealRow } from './pipelines.ts';

export const TABLE_COLUMNS = [
  'title', 'companyId', 'stageId', 'amount', 'weighted', 'ownerId', 'expectedCloseDate', 'nextStepDate', 'updatedAt',
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
export type SortDir = 'asc' | 'desc';

export interface TableSortContext {
  pipeline: Pipeline;
  companyName: (id: string) => string | undefined;
  ownerName: (id: string) => string | null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function sortValue(deal: DealRow, column: TableColumn, ctx: TableSortContext): string | number | null {
  switch (column) {
    case 'companyId':
      return deal.companyId ? ctx.companyName(deal.companyId) ?? null : null;
    case 'ownerId':
      return deal.ownerId ? ctx.ownerName(deal.ownerId) : null;
    case 'stageId':
      return stageIndex(ctx.pipeline, deal.stageId);
    case 'weighted':
      return deal.amount === null ? null : weightedAmount(deal, stageOf(ctx.pipeline, deal.stageId));
    default: {
      const value = deal[column];
      return value === undefined || value === '' ? null : (value as string | number | null);
    }
  }
}

export function sortTable(deals: readonly DealRow[], column: TableColumn, dir: SortDir, ctx: TableSortContext): DealRow[] {
  // Keys are computed once per deal, not once per comparison.
  const keyed = deals.map((deal) => ({ deal, key: sortValue(deal, column, ctx) }));
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else {
      const c = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      if (c !== 0) return c * sign;
    }
    return a.deal.id < b.deal.id ? -1 : a.deal.id > b.deal.id ? 1 : 0;
  });
  return keyed.map((k) => k.deal);
}
