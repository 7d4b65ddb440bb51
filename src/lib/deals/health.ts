// The two warnings a card can carry. A deal is stalled when it is open and nothing happened
// on it (no activity logged on it, no edit) for `stalledDays`; its next step is overdue when
// the next step's date is before today and the deal is still open. Time comes in as
// arguments so the rules can be tested on fixed dates.
import type { Stage } from '@carnet/schema';
import type { DealRow } from './pipelines.ts';

export const DAY_MS = 86_400_000;

export interface ActivityTimes {
  dealId: string | null;
  createdAt: number;
  doneAt: string | null;
  deletedAt: number | null;
}

/** When the activity last counted as something happening on the deal (epoch ms). */
export function activityTime(activity: ActivityTimes): number {
  const done = activity.doneAt ? Date.parse(activity.doneAt) : Number.NaN;
  return Number.isNaN(done) ? activity.createdAt : Math.max(activity.createdAt, done);
}

/** The latest activity time per deal id, over alive activities linked to a deal. */
export function lastActivityByDeal(activities: Iterable<ActivityTimes>): Map<string, number> {
  const last = new Map<string, number>();
  for (const activity of activities) {
    if (!activity.dealId || activity.deletedAt !== null) continue;
    const at = activityTime(activity);
    if (at > (last.get(activity.dealId) ?? -Infinity)) last.set(activity.dealId, at);
  }
  return last;
}

/** The moment before which an untouched open deal counts as stalled. */
export function stalledBefore(now: number, stalledDays: number): number {
  return now - stalledDays * DAY_MS;
}

/**
 * Open deals not edited since the stalled threshold: only these can be stalled, so only their
 * activities need reading.
 */
export function stalledCandidates(
  deals: Iterable<Pick<DealRow, 'id' | 'updatedAt'> & { stage: Stage }>,
  now: number,
  stalledDays: number,
): string[] {
  const before = stalledBefore(now, stalledDays);
  const ids: string[] = [];
  for (const deal of deals) if (deal.stage.kind === 'open' && deal.updatedAt <= before) ids.push(deal.id);
  return ids;
}

export function isStalled(
  deal: Pick<DealRow, 'updatedAt'>,
  stage: Stage,
  lastActivityAt: number | undefined,
  now: number,
  stalledDays: number,
): boolean {
  if (stage.kind !== 'open') return false;
  const lastTouch = Math.max(deal.updatedAt, lastActivityAt ?? -Infinity);
  return lastTouch <= stalledBefore(now, stalledDays);
}

/** Whole days since the deal was last touched (for "no activity for 21 days"). */
export function daysIdle(deal: Pick<DealRow, 'updatedAt'>, lastActivityAt: number | undefined, now: number): number {
  return Math.floor((now - Math.max(deal.updatedAt, lastActivityAt ?? -Infinity)) / DAY_MS);
}

/** `today` is the device's calendar day as `YYYY-MM-DD`. */
export function isNextStepOverdue(deal: Pick<DealRow, 'nextStepDate'>, stage: Stage, today: string): boolean {
  return stage.kind === 'open' && !!deal.nextStepDate && deal.nextStepDate < today;
}
