// Where the user's dashboard lives and how it changes: one key of their private doc (so it
// follows them to every device), validated by @carnet/reports on every read and write. A user
// who never changed theirs sees the default for their role (reps their own figures, managers
// and above the team's). Resizing and moving are small steps over the package's operations.
import {
  GRID_COLUMNS, MAX_WIDGET_HEIGHT, MIN_WIDGET_SIZE, REPORTS, defaultManagerDashboard, defaultRepDashboard, moveWidget, nextWidgetId,
  resizeWidget, validateDashboard,
  type Dashboard, type DashboardResult, type ReportId, type Widget, type WidgetFilters, type WidgetType,
} from '@carnet/reports';
import { ROLE_CAN, type Role } from '@carnet/schema';

export const DASHBOARD_KEY = 'reports.dashboard';

export interface StoredDashboard {
  dashboard: Dashboard;
  /** Whether it is the user's own (saved) dashboard rather than the shared one or their role's default. */
  saved: boolean;
  /** Whether it is the dashboard an owner or admin shared with the workspace. */
  shared: boolean;
  /** A saved dashboard was there but could not be read (another version wrote it). */
  unreadable: boolean;
}

export function defaultDashboard(userId: string, role: Role): Dashboard {
  return ROLE_CAN.seeTeamReports(role) ? defaultManagerDashboard(userId) : defaultRepDashboard(userId);
}

/**
 * The dashboard a user sees: their own when they saved one, else the one shared with the
 * workspace, else their role's default.
 */
export function readDashboard(data: Record<string, unknown>, userId: string, role: Role, shared?: unknown): StoredDashboard {
  const stored = data[DASHBOARD_KEY];
  if (stored !== undefined && stored !== null) {
    const result = validateDashboard(stored);
    if (result.ok) return { dashboard: result.dashboard, saved: true, shared: false, unreadable: false };
  }
  const unreadable = stored !== undefined && stored !== null;
  if (shared !== undefined && shared !== null) {
    const result = validateDashboard(shared);
    if (result.ok) return { dashboard: result.dashboard, saved: false, shared: true, unreadable };
  }
  return { dashboard: defaultDashboard(userId, role), saved: false, shared: false, unreadable };
}

/** The size a new widget of a kind starts at. */
export function startSize(type: WidgetType): { w: number; h: number } {
  switch (type) {
    case 'number': return { w: 3, h: 1 };
    case 'heatmap': return { w: 12, h: 3 };
    case 'funnel': return { w: 6, h: 4 };
    case 'table': return { w: 6, h: 3 };
    default: return { w: 6, h: 3 };
  }
}

/** A new widget drawing `report` as `type`; a rep's new widgets show their own figures, like their defaults. */
export function newWidget(dashboard: Dashboard, report: ReportId, type: WidgetType, userId: string, role: Role): Widget {
  const filters: WidgetFilters = ROLE_CAN.seeTeamReports(role) ? {} : { ownerIds: [userId] };
  return { id: nextWidgetId(dashboard), report, type, filters, options: {}, size: startSize(type) };
}

/** Chart kinds a report can be drawn as, the preferred first. */
export function chartsFor(report: ReportId): readonly WidgetType[] {
  return REPORTS[report].charts;
}

export type SizeStep = 'wider' | 'narrower' | 'taller' | 'shorter';

/** The widget's size after one step, or null when it is already as big or small as it may be. */
export function steppedSize(widget: Widget, step: SizeStep): { w: number; h: number } | null {
  const min = MIN_WIDGET_SIZE[widget.type];
  const { w, h } = widget.size;
  // Widths step through the grid's natural fractions (a quarter, a third, half, …, all).
  const widths = [2, 3, 4, 6, 8, 9, 12].filter((x) => x >= min.w);
  let next: { w: number; h: number };
  switch (step) {
    case 'wider': next = { w: widths.find((x) => x > w) ?? GRID_COLUMNS, h }; break;
    case 'narrower': next = { w: [...widths].reverse().find((x) => x < w) ?? w, h }; break;
    case 'taller': next = { w, h: Math.min(MAX_WIDGET_HEIGHT, h + 1) }; break;
    case 'shorter': next = { w, h: Math.max(min.h, h - 1) }; break;
  }
  return next.w === w && next.h === h ? null : next;
}

export function resizeBy(dashboard: Dashboard, widgetId: string, step: SizeStep): DashboardResult | null {
  const widget = dashboard.widgets.find((w) => w.id === widgetId);
  const size = widget && steppedSize(widget, step);
  return size ? resizeWidget(dashboard, widgetId, size) : null;
}

/** Moves a widget `delta` places (−1 earlier, +1 later); null at either end. */
export function moveBy(dashboard: Dashboard, widgetId: string, delta: number): DashboardResult | null {
  const index = dashboard.widgets.findIndex((w) => w.id === widgetId);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= dashboard.widgets.length) return null;
  return moveWidget(dashboard, widgetId, target);
}

/** A widget switched to another chart kind, grown to that kind's smallest size if needed. */
export function withChart(widget: Widget, type: WidgetType): Partial<Omit<Widget, 'id'>> {
  const min = MIN_WIDGET_SIZE[type];
  return { type, size: { w: Math.max(min.w, widget.size.w), h: Math.max(min.h, widget.size.h) } };
}
