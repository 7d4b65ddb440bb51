// What a user does to a dashboard — add, remove, move, resize, edit a widget — as pure
// functions from a dashboard to a new one. Each result is validated against the model; a
// refused change returns an issue with a code and leaves the input untouched.
import * as v from 'valibot';
import { DashboardSchema, MAX_WIDGETS, WidgetSchema, type Dashboard, type Widget } from './model.ts';

export const DASHBOARD_ISSUES = {
  invalid: 'invalid_dashboard',
  invalidWidget: 'invalid_widget',
  duplicateWidget: 'duplicate_widget',
  unknownWidget: 'unknown_widget',
  tooManyWidgets: 'too_many_widgets',
  badOrder: 'bad_order',
} as const;
export type DashboardIssueCode = (typeof DASHBOARD_ISSUES)[keyof typeof DASHBOARD_ISSUES];

export interface DashboardIssue {
  code: DashboardIssueCode;
  /** Field-level details from validation: dotted path and code (`size.w`, `out_of_range`). */
  details: { path: string; code: string }[];
}

export type DashboardResult = { ok: true; dashboard: Dashboard } | { ok: false; issue: DashboardIssue };

const fail = (code: DashboardIssueCode, details: DashboardIssue['details'] = []): DashboardResult => ({ ok: false, issue: { code, details } });

function details(issues: v.BaseIssue<unknown>[]): DashboardIssue['details'] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', code: issue.message }));
}

/** Validates a dashboard read from storage or built by hand. */
export function validateDashboard(input: unknown): DashboardResult {
  const result = v.safeParse(DashboardSchema, input);
  if (result.success) return { ok: true, dashboard: result.output };
  const codes = details(result.issues);
  return fail(codes.some((d) => d.code === 'duplicate_widget') ? DASHBOARD_ISSUES.duplicateWidget : DASHBOARD_ISSUES.invalid, codes);
}

function checkWidget(input: unknown): { ok: true; widget: Widget } | { ok: false; issue: DashboardIssue } {
  const result = v.safeParse(WidgetSchema, input);
  if (result.success) return { ok: true, widget: result.output };
  return { ok: false, issue: { code: DASHBOARD_ISSUES.invalidWidget, details: details(result.issues) } };
}

/** Adds a widget at `index` (the end by default). */
export function addWidget(dashboard: Dashboard, widget: unknown, index = dashboard.widgets.length): DashboardResult {
  const checked = checkWidget(widget);
  if (!checked.ok) return checked;
  if (dashboard.widgets.some((w) => w.id === checked.widget.id)) return fail(DASHBOARD_ISSUES.duplicateWidget);
  if (dashboard.widgets.length >= MAX_WIDGETS) return fail(DASHBOARD_ISSUES.tooManyWidgets);
  const at = Math.max(0, Math.min(dashboard.widgets.length, Math.trunc(index)));
  const widgets = [...dashboard.widgets];
  widgets.splice(at, 0, checked.widget);
  return { ok: true, dashboard: { ...dashboard, widgets } };
}

export function removeWidget(dashboard: Dashboard, widgetId: string): DashboardResult {
  if (!dashboard.widgets.some((w) => w.id === widgetId)) return fail(DASHBOARD_ISSUES.unknownWidget);
  return { ok: true, dashboard: { ...dashboard, widgets: dashboard.widgets.filter((w) => w.id !== widgetId) } };
}

/** Moves one widget to position `index` (clamped), the others keeping their order. */
export function moveWidget(dashboard: Dashboard, widgetId: string, index: number): DashboardResult {
  const from = dashboard.widgets.findIndex((w) => w.id === widgetId);
  if (from < 0) return fail(DASHBOARD_ISSUES.unknownWidget);
  const widgets = [...dashboard.widgets];
  const [widget] = widgets.splice(from, 1);
  widgets.splice(Math.max(0, Math.min(widgets.length, Math.trunc(index))), 0, widget);
  return { ok: true, dashboard: { ...dashboard, widgets } };
}

/** Puts the widgets in the order of `ids`, which must name each widget exactly once. */
export function reorderWidgets(dashboard: Dashboard, ids: readonly string[]): DashboardResult {
  const byId = new Map(dashboard.widgets.map((w) => [w.id, w]));
  if (ids.length !== byId.size || new Set(ids).size !== ids.length || !ids.every((id) => byId.has(id))) return fail(DASHBOARD_ISSUES.badOrder);
  return { ok: true, dashboard: { ...dashboard, widgets: ids.map((id) => byId.get(id)!) } };
}

export function resizeWidget(dashboard: Dashboard, widgetId: string, size: { w: number; h: number }): DashboardResult {
  return updateWidget(dashboard, widgetId, { size });
}

/** Changes a widget's chart kind, title, filters, options or size. */
export function updateWidget(dashboard: Dashboard, widgetId: string, patch: Partial<Omit<Widget, 'id'>>): DashboardResult {
  const index = dashboard.widgets.findIndex((w) => w.id === widgetId);
  if (index < 0) return fail(DASHBOARD_ISSUES.unknownWidget);
  const checked = checkWidget({ ...dashboard.widgets[index], ...patch, id: widgetId });
  if (!checked.ok) return checked;
  const widgets = [...dashboard.widgets];
  widgets[index] = checked.widget;
  return { ok: true, dashboard: { ...dashboard, widgets } };
}

/** A fresh widget id not used on the dashboard (`w1`, `w2`, …). */
export function nextWidgetId(dashboard: Dashboard): string {
  const used = new Set(dashboard.widgets.map((w) => w.id));
  let n = dashboard.widgets.length + 1;
  while (used.has(`w${n}`)) n++;
  return `w${n}`;
}
