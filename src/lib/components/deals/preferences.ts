// What the deals screen remembers on this device, per workspace: the pipeline shown, board or
// table, and the order of the cards.
import { BOARD_SORTS, type BoardSort } from '$lib/deals';

export type DealsView = 'board' | 'table';

export interface DealsPreferences {
  pipelineId: string | null;
  view: DealsView;
  sort: BoardSort;
}

const key = (workspaceId: string) => `carnet.deals.${workspaceId}`;

export function loadPreferences(storage: Pick<Storage, 'getItem'>, workspaceId: string): DealsPreferences {
  let saved: Partial<DealsPreferences> = {};
  try {
    saved = JSON.parse(storage.getItem(key(workspaceId)) ?? '{}') as Partial<DealsPreferences>;
  } catch {
    saved = {};
  }
  return {
    pipelineId: typeof saved.pipelineId === 'string' ? saved.pipelineId : null,
    view: saved.view === 'table' ? 'table' : 'board',
    sort: BOARD_SORTS.includes(saved.sort as BoardSort) ? (saved.sort as BoardSort) : 'updated',
  };
}

export function savePreferences(storage: Pick<Storage, 'setItem'>, workspaceId: string, preferences: DealsPreferences): void {
  try {
    storage.setItem(key(workspaceId), JSON.stringify(preferences));
  } catch {
    // A full or blocked storage only loses the remembered choice.
  }
}
