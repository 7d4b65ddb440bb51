// The table's own order of a query's rows must be the store's order exactly (pages read by id
// then line up with pages read by offset), before and after rows change. Seeded, so a failing
// seed can be replayed; the seeds that ever failed are pinned in SEEDS.
import { describe, expect, it } from 'vitest';
import type { AnyRow } from '@carnet/schema';
import { matchRow, runQuery, type Condition, type SortKey } from '@carnet/store';
import { RowOrder, entryOf } from '../../../src/lib/components/table/row-order.ts';
import { Prng } from '../../property/prng.ts';

const SEEDS = [1, 2, 3, 42, 1234, 99_999];
const NAMES = ['Émile', 'emile', 'Zoé', 'zoe', 'Ångström', 'Œdipe', 'oedipe', 'Bob', '', null];

function randomRow(random: Prng, i: number): AnyRow {
  return {
    id: `r${String(random.int(0, 999_999)).padStart(6, '0')}${i}`,
    createdAt: 0, createdBy: null, updatedAt: random.int(0, 20), updatedBy: null,
    deletedAt: random.chance(0.1) ? 5 : null,
    lastName: random.pick(NAMES),
    leadScore: random.chance(0.2) ? null : random.int(0, 5),
    tags: random.chance(0.5) ? [] : [random.pick(['vip', 'lyon', 'Paris'])],
    consentEmail: random.chance(0.5),
  };
}

const SORTS: SortKey[][] = [
  [{ field: 'lastName', dir: 'asc' }],
  [{ field: 'lastName', dir: 'desc' }, { field: 'leadScore', dir: 'asc' }],
  [{ field: 'updatedAt', dir: 'desc' }],
  [{ field: 'leadScore', dir: 'desc' }, { field: 'lastName', dir: 'desc' }],
  [{ field: 'tags', dir: 'asc' }],
  [{ field: 'consentEmail', dir: 'desc' }],
  [],
];
const WHERE: Condition[] = [{ field: 'leadScore', op: 'gte', value: 2 }];

describe('row order', () => {
  for (const seed of SEEDS) {
    it(`matches the store's order for every sort, and after changes (seed ${seed})`, () => {
      const random = new Prng(seed);
      const rows = Array.from({ length: 120 }, (_, i) => randomRow(random, i));
      for (const sort of SORTS) {
        for (const where of [[], WHERE]) {
          const query = { where, sort };
          const order = new RowOrder(sort, rows.filter((r) => matchRow(r, query)).map((r) => entryOf(r, sort)));
          expect(order.ids(0, order.length), `seed ${seed} sort ${JSON.stringify(sort)}`).toEqual(runQuery(rows, query).rows.map((r) => r.id));
          // Rows change, appear and go; the order follows.
          const changed = rows.map((r) => (random.chance(0.2) ? { ...randomRow(random, 0), id: r.id } : r));
          const added = Array.from({ length: 5 }, (_, i) => randomRow(random, 1000 + i));
          const next = [...changed, ...added];
          const batched = new RowOrder(sort, rows.filter((r) => matchRow(r, query)).map((r) => entryOf(r, sort)));
          for (const row of next) order.apply(row.id, matchRow(row, query) ? row : null);
          batched.applyMany(next.map((row) => ({ id: row.id, row: matchRow(row, query) ? row : null })));
          const expected = runQuery(next, query).rows.map((r) => r.id);
          expect(order.ids(0, order.length), `seed ${seed} after changes one by one`).toEqual(expected);
          expect(batched.ids(0, batched.length), `seed ${seed} after changes in a batch`).toEqual(expected);
          expect(order.ids(10, 20)).toEqual(runQuery(next, { ...query, offset: 10, limit: 10 }).rows.map((r) => r.id));
        }
      }
    });
  }

  it('keeps the latest state of a row changed twice in one batch', () => {
    const sort: SortKey[] = [{ field: 'lastName', dir: 'asc' }];
    const random = new Prng(11);
    const rows = Array.from({ length: 20 }, (_, i) => ({ ...randomRow(random, i), lastName: `n${i}`, deletedAt: null }));
    const order = new RowOrder(sort, rows.map((r) => entryOf(r, sort)));
    const moved = { ...rows[0], lastName: 'zz' };
    order.applyMany([...rows.slice(1, 10).map((r) => ({ id: r.id, row: r })), { id: rows[0].id, row: null }, { id: rows[0].id, row: moved }]);
    expect(order.length).toBe(20);
    expect(order.ids(19, 20)).toEqual([rows[0].id]);
  });

  it('says whether a change moved anything', () => {
    const sort: SortKey[] = [{ field: 'lastName', dir: 'asc' }];
    const order = new RowOrder(sort, []);
    const row = randomRow(new Prng(7), 0);
    expect(order.apply(row.id, null)).toBe(false);
    expect(order.apply(row.id, row)).toBe(true);
    expect(order.length).toBe(1);
    expect(order.apply(row.id, null)).toBe(true);
    expect(order.length).toBe(0);
  });
});
