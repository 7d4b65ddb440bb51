// Deal figures of the record pages: status from the pipeline's stage kinds, sums per currency,
// and roll-ups over an account hierarchy read from a real in-memory store, loops included.
import { describe, expect, it } from 'vitest';
import { defaultPipeline, type AnyRow } from '@carnet/schema';
import {
  dealStatus, moneyEntries, readAncestors, readTree, rollUp, subtree, summarize,
} from '../../../src/lib/components/companies/deal-totals.ts';
import { memoryStore } from '../../helpers/store.ts';

const pipelines = [defaultPipeline()];
let n = 0;
function deal(fields: Record<string, unknown>): AnyRow {
  n++;
  return {
    id: `deal${String(n).padStart(8, '0')}`, createdAt: 0, createdBy: null, updatedAt: 0, updatedBy: null, deletedAt: null,
    pipelineId: 'sales', stageId: 'qualified', amount: null, currency: 'EUR', companyId: null, ...fields,
  };
}

describe('deal sums', () => {
  it('takes a deal status from its stage kind, open when the stage is unknown', () => {
    expect(dealStatus(pipelines, deal({ stageId: 'won' }))).toBe('won');
    expect(dealStatus(pipelines, deal({ stageId: 'lost' }))).toBe('lost');
    expect(dealStatus(pipelines, deal({ stageId: 'proposal' }))).toBe('open');
    expect(dealStatus(pipelines, deal({ stageId: 'gone' }))).toBe('open');
  });

  it('sums per currency: everything, the open pipeline and what was won; deleted deals left out', () => {
    const summary = summarize(
      [
        deal({ amount: 1000 }),
        deal({ amount: 500, currency: 'USD' }),
        deal({ amount: 2000, stageId: 'won' }),
        deal({ amount: 300, stageId: 'lost' }),
        deal({ amount: 99, deletedAt: 1 }),
        deal({ amount: null }),
        deal({ amount: 10, currency: null }),
      ],
      pipelines,
      'GBP',
    );
    expect(summary).toEqual({
      count: 6, openCount: 4, wonCount: 1,
      total: { EUR: 3300, USD: 500, GBP: 10 },
      open: { EUR: 1000, USD: 500, GBP: 10 },
      won: { EUR: 2000 },
    });
    expect(moneyEntries(summary.total, 'USD').map(([c]) => c)).toEqual(['USD', 'EUR', 'GBP']);
  });
});

describe('account hierarchy roll-ups', () => {
  async function group() {
    const store = await memoryStore();
    const holding = await store.create('companies', { name: 'Atlas Holding' });
    const france = await store.create('companies', { name: 'Atlas France', parentId: holding.id });
    const lyon = await store.create('companies', { name: 'Atlas Lyon', parentId: france.id });
    const spain = await store.create('companies', { name: 'Atlas España', parentId: holding.id });
    const childrenOf = async (ids: string[]) =>
      (await store.query('companies', { where: [{ field: 'parentId', op: 'in', value: ids }] })).rows;
    return { store, holding, france, lyon, spain, childrenOf };
  }

  it('rolls each subsidiary up with the subsidiaries below it', async () => {
    const { holding, france, lyon, spain, childrenOf } = await group();
    const tree = await readTree(holding.id, childrenOf);
    expect(tree.loop).toBe(false);
    expect([...tree.ids].sort()).toEqual([holding.id, france.id, lyon.id, spain.id].sort());
    expect(subtree(france.id, tree.children).sort()).toEqual([france.id, lyon.id].sort());

    const deals = [
      deal({ companyId: france.id, amount: 100 }),
      deal({ companyId: lyon.id, amount: 250 }),
      deal({ companyId: lyon.id, amount: 1000, stageId: 'won' }),
      deal({ companyId: spain.id, amount: 40 }),
      deal({ companyId: holding.id, amount: 7 }),
    ];
    const rolled = rollUp(holding.id, tree.children, deals, pipelines, 'EUR');
    expect([...rolled.keys()].sort()).toEqual([france.id, spain.id].sort());
    expect(rolled.get(france.id)).toMatchObject({ companies: 2, summary: { count: 3, open: { EUR: 350 }, won: { EUR: 1000 } } });
    expect(rolled.get(spain.id)).toMatchObject({ companies: 1, summary: { count: 1, open: { EUR: 40 } } });
  });

  it('stops at a loop in the parents instead of walking it forever', async () => {
    const { store, holding, lyon, childrenOf } = await group();
    // Someone made the holding a subsidiary of its own grandchild.
    await store.update('companies', holding.id, { parentId: lyon.id });
    const tree = await readTree(holding.id, childrenOf);
    expect(tree.loop).toBe(true);
    expect(tree.ids.size).toBe(4);
    const ancestors = await readAncestors(lyon.id, async (id) => ((await store.get('companies', id))?.parentId as string | null) ?? null);
    expect(ancestors.loop).toBe(true);
    expect(ancestors.ids).toHaveLength(2);
  });

  it('lists the parents above a company, nearest first', async () => {
    const { store, holding, france, lyon } = await group();
    const ancestors = await readAncestors(lyon.id, async (id) => ((await store.get('companies', id))?.parentId as string | null) ?? null);
    expect(ancestors).toEqual({ ids: [france.id, holding.id], loop: false });
  });

  it('cuts a very large tree at the limit and says so', async () => {
    const { holding, childrenOf } = await group();
    const tree = await readTree(holding.id, childrenOf, 2);
    expect(tree.truncated).toBe(true);
    expect(tree.ids.size).toBe(2);
  });
});
