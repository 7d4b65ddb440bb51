import { describe, expect, it } from 'vitest';
import { leaderboard } from '@carnet/reports';
import { ANN, BOB, CAT, activity, at, context, deal } from './fixtures.ts';

function rows() {
  return {
    deals: [
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-03-02', amount: 3000 }),
      deal({ ownerId: ANN, stageId: 'won', closedAt: '2026-01-20', amount: 1000 }),
      deal({ ownerId: BOB, stageId: 'won', closedAt: '2026-03-10', amount: 2000 }),
      deal({ ownerId: BOB, stageId: 'won', closedAt: '2026-03-11', amount: 500, currency: 'USD' }),
      deal({ ownerId: CAT, stageId: 'won', closedAt: '2026-02-14', amount: 4000 }),
      deal({ ownerId: CAT, stageId: 'won', closedAt: '2025-12-14', amount: 4000 }),
    ],
    activities: [
      activity({ ownerId: BOB, type: 'call', done: true, doneAt: '2026-03-01T10:00:00Z', createdAt: at('2026-03-01T10:00:00Z') }),
      activity({ ownerId: BOB, type: 'note', createdAt: at('2026-03-02T10:00:00Z') }),
      activity({ ownerId: CAT, type: 'note', createdAt: at('2026-03-02T10:00:00Z') }),
    ],
  };
}

const q1 = { range: { from: '2026-01-01', to: '2026-03-31' } };

describe('leaderboard', () => {
  it('ranks reps by amount won, ties sharing a rank', () => {
    const board = leaderboard(rows(), context(), { filters: q1 });
    // Ann 3000 + 1000, Cat 4000 (Dec excluded), Bob 2000 EUR (his USD deal is not added)
    expect(board.currency).toBe('EUR');
    expect(board.entries).toEqual([
      { id: ANN, name: 'Ann Archer', value: 4000, rank: 1 },
      { id: CAT, name: 'Cat Carter', value: 4000, rank: 1 },
      { id: BOB, name: 'Bob Baker', value: 2000, rank: 3 },
    ]);
  });

  it('ranks by deals won and by activities done', () => {
    expect(leaderboard(rows(), context(), { filters: q1, metric: 'won_count' }).entries.map((e) => [e.id, e.value, e.rank]))
      .toEqual([[ANN, 2, 1], [BOB, 2, 1], [CAT, 1, 3]]);
    expect(leaderboard(rows(), context(), { filters: q1, metric: 'activities' }).entries.map((e) => [e.id, e.value, e.rank]))
      .toEqual([[BOB, 2, 1], [CAT, 1, 2], [ANN, 0, 3]]);
  });

  it('ranks teams by the sum of their members', () => {
    const board = leaderboard(rows(), context(), { filters: q1, by: 'team' });
    // East: Ann 4000 + Bob 2000; West: Cat 4000
    expect(board.entries).toEqual([
      { id: 'east', name: 'East', value: 6000, rank: 1 },
      { id: 'west', name: 'West', value: 4000, rank: 2 },
    ]);
  });

  it('lists only the reps the owner filter names, and converts with rates', () => {
    const board = leaderboard(rows(), context({ rates: { base: 'EUR', rates: { USD: 2 } } }), { filters: { ...q1, ownerIds: [BOB, CAT] } });
    // Bob: 2000 + 500 × 2
    expect(board.entries.map((e) => [e.id, e.value])).toEqual([[CAT, 4000], [BOB, 3000]]);
  });

  it('lists members at zero over no deals', () => {
    expect(leaderboard({}, context()).entries.map((e) => [e.value, e.rank])).toEqual([[0, 1], [0, 1], [0, 1]]);
  });
});
