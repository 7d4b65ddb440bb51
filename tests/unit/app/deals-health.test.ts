import { describe, expect, it } from 'vitest';
import {
  activityTime, daysIdle, isNextStepOverdue, isStalled, lastActivityByDeal, stalledCandidates,
} from '../../../src/lib/deals/index.ts';
import { DAY, NOW, deal, stage } from './deals-fixtures.ts';

const activity = (dealId: string | null, createdAt: number, doneAt: string | null = null, deletedAt: number | null = null) => ({
  dealId, createdAt, doneAt, deletedAt,
});

describe('stalled deals (14 days without activity or update)', () => {
  it('is stalled when open and neither updated nor given an activity for 14 days', () => {
    expect(isStalled(deal({ updatedAt: NOW - 14 * DAY }), stage('demo'), undefined, NOW, 14)).toBe(true);
    expect(isStalled(deal({ updatedAt: NOW - 20 * DAY }), stage('demo'), NOW - 15 * DAY, NOW, 14)).toBe(true);
  });

  it('is not stalled one millisecond short of 14 days, or after a recent update or activity', () => {
    expect(isStalled(deal({ updatedAt: NOW - 14 * DAY + 1 }), stage('demo'), undefined, NOW, 14)).toBe(false);
    expect(isStalled(deal({ updatedAt: NOW - 3 * DAY }), stage('demo'), undefined, NOW, 14)).toBe(false);
    expect(isStalled(deal({ updatedAt: NOW - 30 * DAY }), stage('demo'), NOW - 2 * DAY, NOW, 14)).toBe(false);
  });

  it('never marks a won or lost deal as stalled', () => {
    expect(isStalled(deal({ updatedAt: NOW - 90 * DAY }), stage('won'), undefined, NOW, 14)).toBe(false);
    expect(isStalled(deal({ updatedAt: NOW - 90 * DAY }), stage('lost'), undefined, NOW, 14)).toBe(false);
  });

  it('follows the workspace setting', () => {
    const d = deal({ updatedAt: NOW - 8 * DAY });
    expect(isStalled(d, stage('demo'), undefined, NOW, 7)).toBe(true);
    expect(isStalled(d, stage('demo'), undefined, NOW, 14)).toBe(false);
  });

  it('counts idle days from the later of the update and the last activity', () => {
    expect(daysIdle(deal({ updatedAt: NOW - 30 * DAY }), NOW - 21 * DAY - 5, NOW)).toBe(21);
    expect(daysIdle(deal({ updatedAt: NOW - 30 * DAY }), undefined, NOW)).toBe(30);
  });

  it('only open deals untouched since the threshold are candidates (the ones whose activities are read)', () => {
    const old = deal({ updatedAt: NOW - 20 * DAY });
    const recent = deal({ updatedAt: NOW - DAY });
    const oldWon = deal({ updatedAt: NOW - 20 * DAY });
    const ids = stalledCandidates(
      [{ ...old, stage: stage('demo') }, { ...recent, stage: stage('demo') }, { ...oldWon, stage: stage('won') }],
      NOW,
      14,
    );
    expect(ids).toEqual([old.id]);
  });
});

describe('last activity per deal', () => {
  it('takes the later of creation and completion, per deal, ignoring deleted and unlinked activities', () => {
    const last = lastActivityByDeal([
      activity('d1', NOW - 10 * DAY),
      activity('d1', NOW - 12 * DAY, new Date(NOW - 4 * DAY).toISOString()),
      activity('d1', NOW - DAY, null, NOW),
      activity('d2', NOW - 30 * DAY),
      activity(null, NOW),
    ]);
    expect(last).toEqual(new Map([['d1', NOW - 4 * DAY], ['d2', NOW - 30 * DAY]]));
  });

  it('ignores a completion time that does not parse', () => {
    expect(activityTime(activity('d1', 1_000, 'not a date'))).toBe(1_000);
  });
});

describe('overdue next steps', () => {
  it('is overdue when the next step date is before today and the deal is open', () => {
    expect(isNextStepOverdue(deal({ nextStepDate: '2026-03-14' }), stage('demo'), '2026-03-15')).toBe(true);
  });

  it('is not overdue on the day itself, without a date, or once the deal is closed', () => {
    expect(isNextStepOverdue(deal({ nextStepDate: '2026-03-15' }), stage('demo'), '2026-03-15')).toBe(false);
    expect(isNextStepOverdue(deal({ nextStepDate: null }), stage('demo'), '2026-03-15')).toBe(false);
    expect(isNextStepOverdue(deal({ nextStepDate: '2026-01-01' }), stage('won'), '2026-03-15')).toBe(false);
  });
});
