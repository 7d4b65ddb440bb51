// The user's dashboard, sales goals and filter bar as rune state. A user's own dashboard,
// goals and filters live in their private doc (synced to their devices only); owners and
// admins can share a dashboard with the workspace (everyone without their own then sees it)
// and their goals are the workspace's, in the workspace doc; a manager's goals for the teams
// they manage are the workspace's too (the relay accepts those writes from them, nothing
// else). Every change goes through validated operations; a refused one writes nothing.
import type { Dashboard, DashboardResult, Goal } from '@carnet/reports';
import type { Team } from '@carnet/schema';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { DASHBOARD_KEY, readDashboard, type StoredDashboard } from './dashboard-storage.ts';
import { goalKey, readGoals, sharedGoalEntries, sharesGoal } from './goals-storage.ts';
import { PAGE_FILTERS_KEY, readPageFilters, storedPageFilters, type PageFilters } from './page-filters.ts';

export class DashboardState {
  #ws: WorkspaceSession;

  stored: StoredDashboard = $derived.by(() => readDashboard(this.#data(), this.#ws.userId, this.#ws.role, this.#shared('dashboards')[0]?.setup));
  /** Goals shared with the workspace (set by owners and admins). */
  sharedGoals: Goal[] = $derived.by(() => readGoals(sharedGoalEntries(this.#shared('goals'))));
  goals: Goal[] = $derived.by(() => {
    const shared = new Set(this.sharedGoals.map((g) => g.id));
    return [...this.sharedGoals, ...readGoals(this.#data()).filter((g) => !shared.has(g.id))];
  });

  /** The workspace's teams, of current members only. */
  teams: Team[] = $derived.by(() => {
    void this.#ws.workspaceRevision;
    return this.#ws.store?.teams() ?? [];
  });
  /** The teams this user manages (their goals are the workspace's). */
  managedTeams: Team[] = $derived(this.teams.filter((t) => t.managerId === this.#ws.userId));
  /** The filter bar as the user left it. */
  savedFilters: PageFilters = $derived.by(() => readPageFilters(this.#data()));

  constructor(ws: WorkspaceSession) {
    this.#ws = ws;
  }

  #who() {
    return { admin: this.canShare, managedTeamIds: this.managedTeams.map((t) => t.id) };
  }

  /** Whether a goal would be the workspace's when this user saves it. */
  sharesGoal(goal: Pick<Goal, 'scope'>): boolean {
    return sharesGoal(goal, this.#who());
  }

  /** Whether this user may remove a goal: their own, or a workspace goal they may write. */
  canRemoveGoal(id: string): boolean {
    const shared = this.sharedGoals.find((g) => g.id === id);
    return !shared || this.sharesGoal(shared);
  }

  get dashboard(): Dashboard {
    return this.stored.dashboard;
  }

  /** Whether this user shares with the workspace (owners and admins). */
  get canShare(): boolean {
    return this.#ws.canAdmin;
  }

  /** Whether a dashboard is shared with the workspace now. */
  get hasShared(): boolean {
    return this.#shared('dashboards').length > 0;
  }

  #shared(kind: 'dashboards' | 'goals') {
    void this.#ws.workspaceRevision;
    return this.#ws.store?.sharedReportItems(kind) ?? [];
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

  /** Shares the dashboard on screen with the workspace: whoever has none of their own sees it. */
  async share(): Promise<void> {
    const setup = JSON.parse(JSON.stringify(this.dashboard)) as Record<string, unknown>;
    await this.#ws.ready.updateWorkspace({ type: 'putShared', kind: 'dashboards', item: { id: 'team', ownerId: this.#ws.userId, updatedAt: Date.now(), setup } });
  }

  async unshare(): Promise<void> {
    await this.#ws.ready.updateWorkspace({ type: 'removeShared', kind: 'dashboards', id: 'team' });
  }

  /** An owner's or admin's goals, and a manager's for their teams, are the workspace's; others are the user's own. */
  async saveGoal(goal: Goal): Promise<void> {
    if (this.sharesGoal(goal)) {
      const setup = JSON.parse(JSON.stringify(goal)) as Record<string, unknown>;
      await this.#ws.ready.updateWorkspace({ type: 'putShared', kind: 'goals', item: { id: goal.id, ownerId: this.#ws.userId, updatedAt: Date.now(), setup } });
    } else {
      await this.#ws.ready.updatePrivate({ [goalKey(goal.id)]: goal });
    }
  }

  async removeGoal(id: string): Promise<void> {
    if (this.sharedGoals.some((g) => g.id === id)) await this.#ws.ready.updateWorkspace({ type: 'removeShared', kind: 'goals', id });
    else await this.#ws.ready.updatePrivate({ [goalKey(id)]: undefined });
  }

  /** Keeps the filter bar's choices (none when it is clear). */
  async saveFilters(filters: PageFilters): Promise<void> {
    await this.#ws.ready.updatePrivate({ [PAGE_FILTERS_KEY]: storedPageFilters(filters) });
  }
}
