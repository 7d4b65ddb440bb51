import { describe, expect, it } from 'vitest';
import { SEARCH_FORMAT_VERSION, SearchError, SearchErrorCode, SearchIndex, isSearchError } from '@carnet/search';
import { activity, company, contact, deal, removed } from './fixtures.ts';

function populated(): SearchIndex {
  const renamed = contact({ firstName: 'Hélène', lastName: 'Martin' });
  const dropped = contact({ firstName: 'Gone', lastName: 'Away', phones: ['0611111111'] });
  const index = SearchIndex.build(
    [
      [renamed, dropped, contact({ firstName: 'François', lastName: 'Dupont', phones: ['+33 6 12 34 56 78'], city: 'Paris' })],
      [company({ name: 'Œuvres du Nord', domain: 'oeuvres.fr' }), deal('Renouvellement Acme'), activity('Appel François')],
    ],
    { version: 12 },
  );
  index.applyChanges([contact({ firstName: 'Hélène', lastName: 'Moreau' }, renamed.id), removed(dropped)]);
  return index;
}

const QUERIES = ['helene', 'moreau', 'martin', 'fra', 'francois d', 'dupond', 'oeuvres', 'acme', '06 12', '0611', 'f', 'gone', 'paris'];

describe('persistence', () => {
  it('gives identical results after a JSON round trip', () => {
    const index = populated();
    const loaded = SearchIndex.loadJSON(JSON.stringify(index));
    for (const query of QUERIES) expect(loaded.search(query), query).toEqual(index.search(query));
    expect(loaded.size).toBe(index.size);
    expect(loaded.version).toBe(12);
  });

  it('gives identical results after an async load and after loading a parsed snapshot', async () => {
    const index = populated();
    const json = JSON.stringify(index);
    const loadedAsync = await SearchIndex.loadJSONAsync(json);
    const fromObject = SearchIndex.fromSnapshot(JSON.parse(json));
    for (const query of QUERIES) {
      expect(loadedAsync.search(query), query).toEqual(index.search(query));
      expect(fromObject.search(query), query).toEqual(index.search(query));
    }
  });

  it('keeps applying changes after loading', () => {
    const person = contact({ firstName: 'Inès', lastName: 'Petit', phones: ['0123456789'] });
    const loaded = SearchIndex.loadJSON(JSON.stringify(SearchIndex.build([person])));
    loaded.applyChanges([contact({ firstName: 'Inès', lastName: 'Grand', phones: ['0999999999'] }, person.id)]);
    expect(loaded.search('petit')).toEqual([]);
    expect(loaded.search('0123')).toEqual([]);
    expect(loaded.search('grand').map((r) => r.title)).toEqual(['Inès Grand']);
    expect(loaded.search('0999').map((r) => r.title)).toEqual(['Inès Grand']);
  });

  it('writes the format version into the snapshot', () => {
    expect(populated().toJSON()).toMatchObject({ format: SEARCH_FORMAT_VERSION, version: 12 });
  });
});

describe('unusable snapshots', () => {
  const json = JSON.stringify(populated());

  function errorOf(load: () => unknown): SearchError {
    try {
      load();
    } catch (error) {
      if (isSearchError(error)) return error;
      throw new Error(`expected a SearchError, got ${String(error)}`);
    }
    throw new Error('expected the load to fail');
  }

  it('rejects corrupt JSON with corrupt_snapshot', () => {
    expect(errorOf(() => SearchIndex.loadJSON(json.slice(0, json.length / 2))).code).toBe(SearchErrorCode.CorruptSnapshot);
    expect(errorOf(() => SearchIndex.loadJSON('null')).code).toBe(SearchErrorCode.CorruptSnapshot);
    expect(errorOf(() => SearchIndex.loadJSON('[1,2]')).code).toBe(SearchErrorCode.CorruptSnapshot);
  });

  it('rejects a snapshot whose index is damaged with corrupt_snapshot', () => {
    const snapshot = JSON.parse(json);
    delete snapshot.index.k;
    expect(errorOf(() => SearchIndex.fromSnapshot(snapshot)).code).toBe(SearchErrorCode.CorruptSnapshot);
    const garbled = JSON.parse(json);
    garbled.index.postings[0] = [42, 'not a posting'];
    expect(errorOf(() => SearchIndex.fromSnapshot(garbled)).code).toBe(SearchErrorCode.CorruptSnapshot);
    const truncated = JSON.parse(json);
    truncated.index.t.pop();
    expect(errorOf(() => SearchIndex.fromSnapshot(truncated)).code).toBe(SearchErrorCode.CorruptSnapshot);
    const unsorted = JSON.parse(json);
    unsorted.index.terms.reverse();
    expect(errorOf(() => SearchIndex.fromSnapshot(unsorted)).code).toBe(SearchErrorCode.CorruptSnapshot);
  });

  it('rejects a format 1 (MiniSearch) snapshot with incompatible_snapshot', () => {
    const old = { format: 1, version: 3, index: { serializationVersion: 2, documentCount: 0, index: [] } };
    expect(errorOf(() => SearchIndex.loadJSON(JSON.stringify(old))).code).toBe(SearchErrorCode.IncompatibleSnapshot);
  });

  it('rejects asynchronously too', async () => {
    await expect(SearchIndex.loadJSONAsync('{"format":')).rejects.toMatchObject({ code: SearchErrorCode.CorruptSnapshot });
  });
});
