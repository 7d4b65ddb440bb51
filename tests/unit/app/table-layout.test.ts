// Column layouts, the virtual window arithmetic, and bulk tag plans.
import { describe, expect, it } from 'vitest';
import { listPatches } from '../../../src/lib/components/table/bulk.ts';
import { moveColumn, normalizeColumns, toggleColumn } from '../../../src/lib/components/table/columns.ts';
import { TITLE_KEY } from '../../../src/lib/components/table/fields.ts';
import { pagesFor, pagesToEvict, visibleWindow } from '../../../src/lib/components/table/row-window.ts';

describe('column layout', () => {
  const known = ['emails', 'city', 'lifecycle', 'tags'];

  it('keeps the title first and drops unknown or repeated columns', () => {
    expect(normalizeColumns(['city', 'cf_gone', 'city', TITLE_KEY, 'emails'], known)).toEqual([TITLE_KEY, 'city', 'emails']);
    expect(normalizeColumns([], known)).toEqual([TITLE_KEY]);
  });

  it('shows a hidden column at the end and hides a shown one, never the title', () => {
    const columns = [TITLE_KEY, 'emails'];
    expect(toggleColumn(columns, 'city')).toEqual([TITLE_KEY, 'emails', 'city']);
    expect(toggleColumn(columns, 'emails')).toEqual([TITLE_KEY]);
    expect(toggleColumn(columns, TITLE_KEY)).toEqual(columns);
  });

  it('moves a column one place without passing the title or the end', () => {
    const columns = [TITLE_KEY, 'emails', 'city', 'tags'];
    expect(moveColumn(columns, 'city', -1)).toEqual([TITLE_KEY, 'city', 'emails', 'tags']);
    expect(moveColumn(columns, 'emails', -1)).toEqual(columns);
    expect(moveColumn(columns, 'tags', 1)).toEqual(columns);
    expect(moveColumn(columns, TITLE_KEY, 1)).toEqual(columns);
  });
});

describe('virtual window', () => {
  it('renders the rows in view plus a few around them', () => {
    expect(visibleWindow(0, 440, 44, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleWindow(44 * 50_000, 440, 44, 100_000, 5)).toEqual({ start: 49_995, end: 50_016 });
    expect(visibleWindow(44 * 99_999, 440, 44, 100_000, 5)).toEqual({ start: 99_994, end: 100_000 });
  });

  it('renders nothing for an empty table and copes with a scroll past the end', () => {
    expect(visibleWindow(0, 440, 44, 0)).toEqual({ start: 0, end: 0 });
    const window = visibleWindow(1e9, 440, 44, 30, 2);
    expect(window.end).toBe(30);
    expect(window.start).toBeLessThan(30);
  });

  it('reads the pages that cover the window', () => {
    expect(pagesFor({ start: 95, end: 130 }, 100)).toEqual([0, 1]);
    expect(pagesFor({ start: 200, end: 300 }, 100)).toEqual([2]);
    expect(pagesFor({ start: 0, end: 0 }, 100)).toEqual([]);
  });

  it('drops the pages farthest from the screen first and never the ones on it', () => {
    expect(pagesToEvict([0, 1, 2, 3, 9, 10], [10], 4)).toEqual([0, 1]);
    expect(pagesToEvict([4, 5, 6], [5], 4)).toEqual([]);
    expect(pagesToEvict([1, 2, 3], [1, 2, 3], 2)).toEqual([]);
  });
});

describe('bulk tag plans', () => {
  const rows = [
    { id: 'a', tags: [] },
    { id: 'b', tags: ['vip'] },
    { id: 'c', tags: [] },
    { id: 'd', tags: ['lyon'] },
    { id: 'e' },
  ];

  it('adds a tag in one write per distinct resulting list, skipping rows that have it', () => {
    expect(listPatches(rows, 'tags', 'vip', 'add')).toEqual([
      { ids: ['a', 'c', 'e'], value: ['vip'] },
      { ids: ['d'], value: ['lyon', 'vip'] },
    ]);
  });

  it('removes a tag only where it is', () => {
    expect(listPatches(rows, 'tags', 'vip', 'remove')).toEqual([{ ids: ['b'], value: [] }]);
    expect(listPatches(rows, 'tags', 'absent', 'remove')).toEqual([]);
  });

  it('is a single write when the selected rows have the same tags', () => {
    expect(listPatches([{ id: 'x', tags: [] }, { id: 'y', tags: [] }, { id: 'z', tags: [] }], 'tags', 'vip', 'add')).toHaveLength(1);
  });
});
