// Stalled deals: open deals nothing happened on for `stalledDays` days — no edit (updatedAt)
// and no activity linked to them (an activity counts at the later of its creation and its
// done time). The rule is the board's (src/lib/deals/health.ts), so the report lists exactly
// the cards that carry the stalled mark. The filters apply to deals; every alive activity on
// a deal counts, whoever logged it. A date range does not apply: stalled is measured from now.
import { parseDateTime, DAY_MS } from '../calendar.ts';
import type { ReportContext, ReportData } from '../context.ts';
import { dealMatcher, type ReportFilters } from '../filters.ts';
import { byValueThenName, memberNames } from '../members.ts';
import { CurrencyConverter, MoneySum, isAmount, type MoneyAmount } from '../money.ts';
import { PipelineIndex } from '../pipelines.ts';

export const DEFAULT_STALLED_DAYS = 14;

export interface StalledDealsOptions {
  filters?: ReportFilters;
  /** Days without activity after which an open deal is stalled (the workspace's setting). */
  stalledDays?: number;
}

export interface StalledDeal {
  dealId: string;
  title: string;
  ownerId: string | null;
  pipelineId: string;
  stageId: string;
  amount: number | null;
  currency: string | null;
  /** Epoch ms of the last edit or activity. */
  lastTouchAt: number;
  daysIdle: number;
}

export interface StalledDeals {
  stalledDays: number;
  /** Longest idle first. */
  deals: StalledDeal[];
  byOwner: { ownerId: string | null; name: string | null; count: number }[];
  amount: MoneyAmount[];
}

export function stalledDeals(data: ReportData, ctx: ReportContext, options: StalledDealsOptions = {}): StalledDeals {
  const stalledDays = options.stalledDays ?? DEFAULT_STALLED_DAYS;
  const before = ctx.now - stalledDays * DAY_MS;
  const index = new PipelineIndex(ctx.pipelines);
  const keep = dealMatcher(options.filters, ctx, index);
  // Only open deals not edited since the threshold can be stalled: their last activity is
  // the only one worth looking up.
  const lastTouch = new Map<string, number>();
  const candidates = [];
  for (const deal of data.deals ?? []) {
    if (!(deal.updatedAt <= before)) continue;
    const info = index.stageOf(deal.pipelineId, deal.stageId);
    if (!info || info.kind !== 'open' || !keep(deal)) continue;
    candidates.push({ deal, info });
    lastTouch.set(deal.id, deal.updatedAt);
  }
  if (candidates.length) {
    for (const activity of data.activities ?? []) {
      const dealId = activity.dealId;
      const touched = dealId ? lastTouch.get(dealId) : undefined;
      if (touched === undefined || activity.deletedAt != null) continue;
      const done = parseDateTime(activity.doneAt);
      const at = done > activity.createdAt ? done : activity.createdAt;
      if (at > touched) lastTouch.set(dealId!, at);
    }
  }
  const converter = new CurrencyConverter(ctx.defaultCurrency, ctx.rates);
  const amount = new MoneySum();
  const owners = new Map<string | null, number>();
  const deals: StalledDeal[] = [];
  for (const { deal, info } of candidates) {
    const at = lastTouch.get(deal.id)!;
    if (at > before) continue;
    const ownerId = typeof deal.ownerId === 'string' ? deal.ownerId : null;
    owners.set(ownerId, (owners.get(ownerId) ?? 0) + 1);
    if (isAmount(deal.amount)) amount.add(converter.currencyOf(deal.currency), converter.convert(deal.amount, deal.currency));
    deals.push({
      dealId: deal.id, title: deal.title, ownerId, pipelineId: info.pipeline.id, stageId: info.stage.id,
      amount: isAmount(deal.amount) ? deal.amount : null, currency: deal.currency ?? null,
      lastTouchAt: at, daysIdle: Math.floor((ctx.now - at) / DAY_MS),
    });
  }
  deals.sort((a, b) => a.lastTouchAt - b.lastTouchAt || (a.dealId < b.dealId ? -1 : 1));
  const names = memberNames(ctx);
  return {
    stalledDays,
    deals,
    byOwner: [...owners].map(([ownerId, count]) => ({ ownerId, name: ownerId === null ? null : names.get(ownerId) ?? null, count }))
      .sort(byValueThenName((o) => o.count)),
    amount: amount.list(ctx.defaultCurrency),
  };
}
