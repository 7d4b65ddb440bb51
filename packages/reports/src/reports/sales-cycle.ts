// Sales-cycle length of won deals: whole days from the local day the deal was created to its
// `closedAt` date, as mean, median, shortest and longest, overall and per owner. Date range:
// `closedAt`. Won deals without a `closedAt` have no cycle (`withoutCloseDate`); deals closed
// on a day before the one they were created on (imported history, typos) are left out and
// counted in `closedBeforeCreated`, rather than pulling the mean down with negative days.
import type { ReportContext, ReportData } from '../context.ts';
import { forEachClosedDeal } from '../closed-deals.ts';
import type { ReportFilters } from '../filters.ts';
import { byValueThenName, memberNames } from '../members.ts';
import { mean, median } from '../stats.ts';

export interface SalesCycleOptions {
  filters?: ReportFilters;
}

export interface CycleFigures {
  count: number;
  meanDays: number | null;
  medianDays: number | null;
  minDays: number | null;
  maxDays: number | null;
}

export interface SalesCycle extends CycleFigures {
  byOwner: (CycleFigures & { ownerId: string | null; name: string | null })[];
  withoutCloseDate: number;
  closedBeforeCreated: number;
}

function figures(days: number[]): CycleFigures {
  let min = Infinity, max = -Infinity;
  for (const d of days) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const count = days.length;
  return { count, meanDays: mean(days), medianDays: median(days), minDays: count ? min : null, maxDays: count ? max : null };
}

export function salesCycle(data: ReportData, ctx: ReportContext, options: SalesCycleOptions = {}): SalesCycle {
  const all: number[] = [];
  const byOwner = new Map<string | null, number[]>();
  let withoutCloseDate = 0, closedBeforeCreated = 0;
  forEachClosedDeal(data, ctx, options.filters, (deal, stage, closedDay) => {
    if (stage.kind !== 'won') return;
    if (closedDay !== closedDay) {
      withoutCloseDate++;
      return;
    }
    const days = closedDay - ctx.zone.dayOf(deal.createdAt);
    if (days < 0) {
      closedBeforeCreated++;
      return;
    }
    all.push(days);
    const ownerId = typeof deal.ownerId === 'string' ? deal.ownerId : null;
    let list = byOwner.get(ownerId);
    if (!list) byOwner.set(ownerId, (list = []));
    list.push(days);
  });
  const names = memberNames(ctx);
  return {
    ...figures(all),
    byOwner: [...byOwner].map(([ownerId, days]) => ({ ownerId, name: ownerId === null ? null : names.get(ownerId) ?? null, ...figures(days) }))
      .sort(byValueThenName((e) => e.count)),
    withoutCloseDate,
    closedBeforeCreated,
  };
}
