// The Kanban board as data: a pipeline's deals grouped into one column per stage, in stage
// order, each sorted and totalled (count, amount and weighted amount per currency). Totals
// cover every deal of a column, even though the board only renders the first ones.
import type { Pipeline, Stage } from '@carnet/schema';
import { MoneyTotals, type CurrencyTotal } from './amounts.ts';
import { stageOf, type DealRow } from './pipelines.ts';

export type BoardSort = 'updated' | 'closeDate' | 'amount' | 'title';
export const BOARD_SORTS: readonly BoardSort[] = ['updated', 'closeDate', 'amount', 'title'];

export interface BoardColumn {
  stage: Stage;
  deals: DealRow[];
  count: number;
  totals: CurrencyTotal[];
}

export interface Board {
  columns: BoardColumn[];
  /** Over the whole pipeline (every column). */
  count: number;
  totals: CurrencyTotal[];
  /** Over the open stages only: what is still in play. */
  openCount: number;
  openTotals: CurrencyTotal[];
}

// One collator for every comparison: `localeCompare` builds one per call.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const emptyLast = (a: unknown, b: unknown) => (a === null || a === undefined || a === '' ? 1 : 0) - (b === null || b === undefined || b === '' ? 1 : 0);
/** `YYYY-MM-DD` days compare as plain strings. */
const compareDays = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
const byId = (a: DealRow, b: DealRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A total order for a column: most recently updated first, soonest close first, … */
export function dealComparator(sort: BoardSort): (a: DealRow, b: DealRow) => number {
  switch (sort) {
    case 'updated':
      return (a, b) => b.updatedAt - a.updatedAt || byId(a, b);
    case 'closeDate':
      return (a, b) =>
        emptyLast(a.expectedCloseDate, b.expectedCloseDate) ||
        compareDays(a.expectedCloseDate, b.expectedCloseDate) ||
        byId(a, b);
    case 'amount':
      return (a, b) => emptyLast(a.amount, b.amount) || (b.amount ?? 0) - (a.amount ?? 0) || byId(a, b);
    case 'title':
      return (a, b) => collator.compare(a.title ?? '', b.title ?? '') || byId(a, b);
  }
}

/** Groups `deals` (already the pipeline's, already filtered) into the pipeline's columns. */
export function groupBoard(
  deals: Iterable<DealRow>,
  pipeline: Pipeline,
  options: { defaultCurrency: string; sort?: BoardSort },
): Board {
  const buckets = new Map<string, { deals: DealRow[]; totals: MoneyTotals }>();
  for (const stage of pipeline.stages) buckets.set(stage.id, { deals: [], totals: new MoneyTotals(options.defaultCurrency) });
  const all = new MoneyTotals(options.defaultCurrency);
  const open = new MoneyTotals(options.defaultCurrency);
  for (const deal of deals) {
    const stage = stageOf(pipeline, deal.stageId);
    const bucket = buckets.get(stage.id)!;
    bucket.deals.push(deal);
    bucket.totals.add(deal, stage);
    all.add(deal, stage);
    if (stage.kind === 'open') open.add(deal, stage);
  }
  const compare = dealComparator(options.sort ?? 'updated');
  return {
    columns: pipeline.stages.map((stage) => {
      const bucket = buckets.get(stage.id)!;
      bucket.deals.sort(compare);
      return { stage, deals: bucket.deals, count: bucket.totals.count, totals: bucket.totals.list() };
    }),
    count: all.count,
    totals: all.list(),
    openCount: open.count,
    openTotals: open.list(),
  };
}
