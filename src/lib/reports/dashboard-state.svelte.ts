// The user's dashboard and sales goals as rune state, read from and written to their private
// doc (synced to their devices only). Every change goes through the package's validated
// operations; a refused change returns its issue code and writes nothing.
import type { Dashboard, DashboardResult, Goal } from '@carnet/reports';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { DASHBOARD_KEY, readDashboard, type StoredDashboard } from './dashboard-storage.ts';
import { goalKey, readGoals } from './goals-storage.ts';

export class DashboardState {
  #ws: WorkspaceSession;

  stored: StoredDashboard = $derived.by(() => readDashboard(this.#data(), this.#ws.userId, this.#ws.role));
  goals: Goal[] = $derived.by(() => readGoals(this.#data()));

  constructor(ws: WorkspaceSession) {
    this.#ws = ws;
  }

  get dashboard(): Dashboard {
    return this.stored.dashboard;
  }

  #data(): Record<string, unknown> {
    void this.#ws.workspaceRevision; // bumped when the private doc changes too
    return this.#ws.store?.privateData() ?? {};
  }

  /** Saves the outcome of a dashboard operation; returns the issue code when it was refused. */
  async apply(result: DashboardResult | null): Promise<string | null> {
    if (!result) return null;
    if (!result.ok) return result.issue.code;
    await this.#ws.ready.updatePrivate({ [DASHBOARD_KEY]: result.dashboard });
    return null;
  }

  /** Back to the role's default dashboard (the saved one is removed). */
  async reset(): Promise<void> {
    await this.#ws.ready.updatePrivate({ [DASHBOARD_KEY]: undefined });
  }

  async saveGoal(goal: Goal): Promise<void> {
    await this.#ws.ready.updatePrivate({ [goalKey(goal.id)]: goal });
  }

  async removeGoal(id: string): Promise<void> {
    await this.#ws.ready.updatePrivate({ [goalKey(id)]: undefined });
  }
}
