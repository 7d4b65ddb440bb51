// Which rows of a table are selected: some rows by id, or every row matching the query except
// some. "All matching" is kept as a rule rather than a list, so selecting 100,000 rows costs
// nothing until a bulk action asks for their ids. Immutable values; pure functions.

export type Selection =
  | { kind: 'some'; ids: ReadonlySet<string> }
  | { kind: 'all'; except: ReadonlySet<string> };

export const NO_SELECTION: Selection = { kind: 'some', ids: new Set() };

export function allMatching(): Selection {
  return { kind: 'all', except: new Set() };
}

export function isSelected(selection: Selection, id: string): boolean {
  return selection.kind === 'some' ? selection.ids.has(id) : !selection.except.has(id);
}

/** Selects (`on`) or clears each of `ids`, keeping the rest of the selection. */
export function setSelected(selection: Selection, ids: readonly string[], on: boolean): Selection {
  if (selection.kind === 'some') {
    const next = new Set(selection.ids);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    return { kind: 'some', ids: next };
  }
  const except = new Set(selection.except);
  for (const id of ids) {
    if (on) except.delete(id);
    else except.add(id);
  }
  return { kind: 'all', except };
}

export function toggleSelected(selection: Selection, id: string): Selection {
  return setSelected(selection, [id], !isSelected(selection, id));
}

/** How many rows are selected, out of `total` rows matching (null while not counted). */
export function selectedCount(selection: Selection, total: number | null): number {
  if (selection.kind === 'some') return selection.ids.size;
  return Math.max(0, (total ?? 0) - selection.except.size);
}

/** The positions a shift-click covers: from the last clicked row to this one, both included. */
export function rangeBetween(anchor: number | null, index: number): { from: number; to: number } {
  if (anchor === null) return { from: index, to: index };
  return { from: Math.min(anchor, index), to: Math.max(anchor, index) };
}

/** The selected ids among `matching` (every id the query matches, in order). */
export function resolveSelection(selection: Selection, matching: readonly string[]): string[] {
  return matching.filter((id) => isSelected(selection, id));
}

/** Ids a bulk action can use without reading the query again (null when it must). */
export function explicitIds(selection: Selection): string[] | null {
  return selection.kind === 'some' ? [...selection.ids] : null;
}
