import { describe, expect, it } from 'vitest';
import { dealMatcher, isFiltering, NO_FILTER, sortTable, tagsInUse } from '../../../src/lib/deals/index.ts';
import { PIPELINE, deal } from './deals-fixtures.ts';

describe('deal filters', () => {
  const mine = deal({ title: 'Renouvellement Énergie', ownerId: 'me000000' as never, tags: ['vip'], companyId: 'co000001' as never });
  const theirs = deal({ title: 'New website', ownerId: 'them0000' as never, nextStep: 'Send the quote', tags: [] });
  const companies = new Map([['co000001', 'Boulangerie Dupont']]);
  const run = (filter: Partial<typeof NO_FILTER>) =>
    [mine, theirs].filter(dealMatcher({ ...NO_FILTER, ...filter }, 'me000000', (id) => companies.get(id))).map((d) => d.title);

  it('keeps only my deals with "mine"', () => {
    expect(run({ owner: 'mine' })).toEqual(['Renouvellement Énergie']);
    expect(run({ owner: 'all' })).toHaveLength(2);
  });

  it('keeps deals with the tag', () => {
    expect(run({ tag: 'vip' })).toEqual(['Renouvellement Énergie']);
  });

  it('matches every word of the quick text in the title, company or next step, ignoring accents and case', () => {
    expect(run({ text: 'energie' })).toEqual(['Renouvellement Énergie']);
    expect(run({ text: 'dupont renouv' })).toEqual(['Renouvellement Énergie']);
    expect(run({ text: 'QUOTE' })).toEqual(['New website']);
    expect(run({ text: 'dupont website' })).toEqual([]);
  });

  it('says when a filter is on and lists the tags in use', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: ' x ' })).toBe(true);
    expect(tagsInUse([deal({ tags: ['b', 'a'] }), deal({ tags: ['a'] })])).toEqual(['a', 'b']);
  });
});

describe('sorting the deals table', () => {
  const ctx = {
    pipeline: PIPELINE,
    companyName: (id: string) => ({ c1: 'Zeta', c2: 'Alpha' })[id],
    ownerName: () => null,
  };
  const a = deal({ title: 'A', stageId: 'won', amount: 100, companyId: 'c1' as never });
  const b = deal({ title: 'B', stageId: 'qualified', amount: 1_000, companyId: 'c2' as never });
  const c = deal({ title: 'C', stageId: 'demo', amount: null, companyId: null });

  it('orders stages by their place in the pipeline', () => {
    expect(sortTable([a, b, c], 'stageId', 'asc', ctx).map((d) => d.title)).toEqual(['B', 'C', 'A']);
  });

  it('sorts by weighted amount (won 100 × 100% = 100 vs 1000 × 10% = 100: tie broken by id), empty last both ways', () => {
    expect(sortTable([c, b, a], 'weighted', 'desc', ctx).map((d) => d.title)).toEqual(['A', 'B', 'C']);
    expect(sortTable([c, b, a], 'amount', 'desc', ctx).map((d) => d.title)).toEqual(['B', 'A', 'C']);
    expect(sortTable([c, b, a], 'amount', 'asc', ctx).map((d) => d.title)).toEqual(['A', 'B', 'C']);
  });

  it('sorts by company name, deals without a company last', () => {
    expect(sortTable([a, b, c], 'companyId', 'asc', ctx).map((d) => d.title)).toEqual(['B', 'A', 'C']);
    expect(sortTable([a, b, c], 'companyId', 'desc', ctx).map((d) => d.title)).toEqual(['A', 'B', 'C']);
  });
});
