import { describe, expect, it } from 'vitest';
import { SearchIndex } from '@carnet/search';
import { activity, company, contact, deal, titles } from './fixtures.ts';

describe('ranking across collections', () => {
  it('ranks an exact contact name above activity subjects mentioning it', () => {
    const index = SearchIndex.build([
      activity('Call with Hélène Dupont about the renewal'),
      activity('Hélène Dupont'),
      deal('Hélène Dupont consulting'),
      contact({ firstName: 'Hélène', lastName: 'Dupont' }),
    ]);
    const results = index.search('helene dupont');
    expect(results[0]).toMatchObject({ collection: 'contacts', title: 'Hélène Dupont' });
    expect(results).toHaveLength(4);
    expect(results[3].title).toBe('Call with Hélène Dupont about the renewal');
  });

  it('ranks a name match above a match in a secondary field', () => {
    const index = SearchIndex.build([
      contact({ firstName: 'Ana', lastName: 'Roux', city: 'Paris' }),
      contact({ firstName: 'Paris', lastName: 'Hilton' }),
    ]);
    expect(titles(index.search('paris'))).toEqual(['Paris Hilton', 'Ana Roux']);
  });

  it('ranks a company name above an activity subject naming it', () => {
    const index = SearchIndex.build([activity('Acme'), company({ name: 'Acme' })]);
    expect(index.search('acme').map((r) => r.collection)).toEqual(['companies', 'activities']);
  });

  it('ranks exact words above longer completions', () => {
    const index = SearchIndex.build([contact({ firstName: 'Martine', lastName: 'Roy' }), contact({ firstName: 'Martin', lastName: 'Roy' })]);
    expect(titles(index.search('martin'))).toEqual(['Martin Roy', 'Martine Roy']);
  });
});

describe('result cap', () => {
  const index = SearchIndex.build([Array.from({ length: 60 }, (_, i) => contact({ firstName: 'Camille', lastName: `Nom${i}` }))]);

  it('returns at most 20 results by default', () => {
    expect(index.search('camille')).toHaveLength(20);
  });

  it('honours a configured limit', () => {
    expect(index.search('camille', { limit: 5 })).toHaveLength(5);
    expect(index.search('camille', { limit: 100 })).toHaveLength(60);
    expect(index.search('camille', { limit: 0 })).toEqual([]);
  });
});

describe('short prefixes over a large index', () => {
  // Enough postings that `m` and `ma` exceed the expansion budget and take the bounded plans.
  const many = Array.from({ length: 3000 }, (_, i) =>
    contact({ firstName: ['Marie', 'Marc', 'Mathieu', 'Manon'][i % 4], lastName: `Ma${i.toString(36)}x`, city: 'Marseille' }),
  );
  const index = SearchIndex.build([many, [contact({ firstName: 'Élodie', lastName: 'Martin' }), contact({ firstName: 'Élodie', lastName: 'Bernard' })]]);

  it('still answers a lone one- or two-letter query, capped', () => {
    expect(index.search('m')).toHaveLength(20);
    const results = index.search('ma');
    expect(results).toHaveLength(20);
    for (const result of results) expect(result.title.toLowerCase()).toMatch(/(^| )ma/);
  });

  it('narrows finished words by a short last term', () => {
    expect(titles(index.search('elodie m'))).toEqual(['Élodie Martin']);
    expect(titles(index.search('elodie ma'))).toEqual(['Élodie Martin']);
    expect(titles(index.search('elodie mart'))).toEqual(['Élodie Martin']);
  });
});
