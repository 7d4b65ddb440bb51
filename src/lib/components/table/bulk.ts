// Plans for bulk actions that depend on each record's current value. The store writes one
// patch to many records at a time (`updateMany`), so adding a tag to records whose tag lists
// differ takes one write per distinct resulting list; this groups the records so that the
// usual case (the same tags, or none) is a single write and a single undo step. Pure.

export interface ListPatch {
  ids: string[];
  value: string[];
}

/** The writes that add (or remove) `tag` to the `field` list of each row; unchanged rows are left out. */
export function listPatches(
  rows: readonly { id: string; [field: string]: unknown }[],
  field: string,
  tag: string,
  mode: 'add' | 'remove',
): ListPatch[] {
  const groups = new Map<string, ListPatch>();
  for (const row of rows) {
    const current = Array.isArray(row[field]) ? (row[field] as unknown[]).filter((t): t is string => typeof t === 'string') : [];
    const has = current.includes(tag);
    if (mode === 'add' ? has : !has) continue;
    const value = mode === 'add' ? [...current, tag] : current.filter((t) => t !== tag);
    const key = JSON.stringify(value);
    const group = groups.get(key);
    if (group) group.ids.push(row.id);
    else groups.set(key, { ids: [row.id], value });
  }
  return [...groups.values()];
}

