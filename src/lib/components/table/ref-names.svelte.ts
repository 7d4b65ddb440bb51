// Names of the records and members a table's rows point at (a contact's company, a deal's
// owner), looked up for the rows on screen only and kept current. Create it during component
// initialisation.
import type { AnyRow, Collection } from '@carnet/schema';
import { recordTitle } from '$lib/records/paths';
import { liveLookup } from '$lib/state/live.svelte';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import type { RefTarget, TableField } from './fields.ts';

const LOOKED_UP: Collection[] = ['companies', 'contacts', 'deals'];

export function createRefNames(
  ws: WorkspaceSession,
  rows: () => readonly (AnyRow | undefined)[],
  fields: () => readonly TableField[],
  extra: () => readonly { target: RefTarget; id: string }[] = () => [],
) {
  const idsFor = (target: Collection) => () => {
    const ids: string[] = [];
    const linking = fields().filter((f) => f.target === target);
    for (const row of rows()) {
      if (!row) continue;
      for (const field of linking) {
        const value = row[field.key];
        if (typeof value === 'string') ids.push(value);
        else if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') ids.push(id);
      }
    }
    for (const ref of extra()) if (ref.target === target) ids.push(ref.id);
    return ids;
  };
  const lookups = new Map(LOOKED_UP.map((c) => [c, liveLookup(ws, c, idsFor(c))]));

  return {
    name(target: RefTarget, id: string): string | null {
      if (target === 'members') return ws.memberName(id);
      const row = lookups.get(target)?.get(id);
      return row ? recordTitle(target, row) || null : null;
    },
  };
}
