// Row selection: by id, by shift-click range, and "all matching" kept as a rule with exceptions.
import { describe, expect, it } from 'vitest';
import {
  NO_SELECTION, allMatching, explicitIds, isSelected, rangeBetween, resolveSelection, selectedCount, setSelected, toggleSelected,
} from '../../../src/lib/components/table/selection.ts';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('selection', () => {
  it('toggles one row at a time and counts them', () => {
    let selection = toggleSelected(NO_SELECTION, 'b');
    selection = toggleSelected(selection, 'd');
    expect(resolveSelection(selection, ids)).toEqual(['b', 'd']);
    selection = toggleSelected(selection, 'b');
    expect(resolveSelection(selection, ids)).toEqual(['d']);
    expect(selectedCount(selection, 5)).toBe(1);
    expect(NO_SELECTION.kind === 'some' && NO_SELECTION.ids.size).toBe(0);
  });

  it('covers the rows between the last click and a shift-click, both ways', () => {
    expect(rangeBetween(1, 3)).toEqual({ from: 1, to: 3 });
    expect(rangeBetween(4, 2)).toEqual({ from: 2, to: 4 });
    expect(rangeBetween(null, 2)).toEqual({ from: 2, to: 2 });
    const range = rangeBetween(1, 3);
    const selection = setSelected(NO_SELECTION, ids.slice(range.from, range.to + 1), true);
    expect(resolveSelection(selection, ids)).toEqual(['b', 'c', 'd']);
    expect(resolveSelection(setSelected(selection, ['c', 'd'], false), ids)).toEqual(['b']);
  });

  it('selects every matching row without listing them, minus the ones unticked', () => {
    let selection = allMatching();
    expect(selectedCount(selection, 100_000)).toBe(100_000);
    expect(explicitIds(selection)).toBeNull();
    selection = toggleSelected(selection, 'c');
    expect(isSelected(selection, 'c')).toBe(false);
    expect(isSelected(selection, 'zzz')).toBe(true);
    expect(selectedCount(selection, 100_000)).toBe(99_999);
    expect(resolveSelection(selection, ids)).toEqual(['a', 'b', 'd', 'e']);
  });

  it('never mutates the selection it is given', () => {
    const before = setSelected(NO_SELECTION, ['a'], true);
    setSelected(before, ['b'], true);
    expect(explicitIds(before)).toEqual(['a']);
  });
});
