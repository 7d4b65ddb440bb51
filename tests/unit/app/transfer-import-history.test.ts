// Past imports kept in the workspace database: the list survives a reload with each import's
// undo record, the undo works from what was stored, and old imports drop off the list with
// their records.
import { describe, expect, it } from 'vitest';
import { ImportUndo, importFile, writeCsv } from '@carnet/transfer';
import {
  HISTORY_KEY, KEEP_IMPORTS, canUndo, changesKey, pastImportOf, readChanges, readHistory, saveImport, saveUndone, withImport,
  type PastImport,
} from '../../../src/lib/transfer/import-history.ts';
import { memoryStore } from '../../helpers/store.ts';

const CSV = new TextEncoder().encode(writeCsv(['First Name', 'Email', 'Company'], [
  ['Ada', 'ada@engine.uk', 'Analytical Engines'],
  ['Grace', 'grace@navy.mil', ''],
  ['Bad', 'not-an-email', ''],
]));

const entry = (id: string, at: number): PastImport => ({
  id, at, collection: 'contacts', fileName: `${id}.csv`, created: 1, updated: 0, skipped: 0, failed: 0, companiesCreated: 0, cancelled: false, undoneAt: null,
});

describe('import history', () => {
  it('keeps an import and its undo record, and undoes it from what was stored', async () => {
    const store = await memoryStore();
    const { report, undo } = await importFile(store, CSV, { collection: 'contacts', duplicates: 'skip', yieldToHost: async () => {} });
    const past = pastImportOf('imp1', 1_000, 'people.csv', report);
    expect(past).toMatchObject({ created: 2, failed: 1, companiesCreated: 1, undoneAt: null });
    await saveImport(store, past, JSON.parse(JSON.stringify(undo.changes)));

    expect(await readHistory(store)).toEqual([past]);
    const changes = await readChanges(store, 'imp1');
    expect(changes).toEqual(undo.changes);
    await new ImportUndo(store, changes!).undo({ yieldToHost: async () => {} });
    expect(await store.count('contacts')).toBe(0);
    expect(await store.count('companies')).toBe(0);

    const list = await saveUndone(store, 'imp1', 2_000);
    expect(list[0].undoneAt).toBe(2_000);
    expect(canUndo(list[0])).toBe(false);
    expect(await readChanges(store, 'imp1')).toBeUndefined();
  });

  it(`lists the newest first and forgets imports past the ${KEEP_IMPORTS}th with their undo records`, async () => {
    const store = await memoryStore();
    for (let i = 0; i < KEEP_IMPORTS + 2; i++) await saveImport(store, entry(`i${i}`, i), { version: 1, created: [], updated: [] });
    const list = await readHistory(store);
    expect(list).toHaveLength(KEEP_IMPORTS);
    expect(list[0].id).toBe(`i${KEEP_IMPORTS + 1}`);
    expect(list.at(-1)!.id).toBe('i2');
    expect(await store.getMeta(changesKey('i0'))).toBeNull();
    expect(await readChanges(store, 'i2')).toBeDefined();
  });

  it('replaces an entry saved again under the same id, and ignores a damaged list', async () => {
    const { list } = withImport([entry('a', 1), entry('b', 2)], { ...entry('a', 3), created: 5 });
    expect(list.map((p) => [p.id, p.created])).toEqual([['a', 5], ['b', 1]]);
    const store = await memoryStore();
    await store.setMeta(HISTORY_KEY, [{ nonsense: true }, entry('ok', 1)]);
    expect((await readHistory(store)).map((p) => p.id)).toEqual(['ok']);
  });

  it('offers no undo for an import that wrote nothing', () => {
    expect(canUndo({ ...entry('x', 1), created: 0 })).toBe(false);
    expect(canUndo({ ...entry('x', 1), created: 0, companiesCreated: 1 })).toBe(true);
  });
});
