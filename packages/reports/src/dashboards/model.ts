// The dashboard model: what is saved (in the user's private doc, or the workspace doc when
// shared) and validated on every change. A dashboard is an ordered list of widgets; each
// widget draws one report as one chart kind with its own filters and a size on a 12-column
// grid. Positions are not stored: layout.ts packs the widgets in order, so reordering is
// well defined and widgets can never overlap.
import * as v from 'valibot';
import { REPORT_IDS, REPORTS, type ReportId } from '../registry.ts';
import { RELATIVE_RANGES } from '../relative-range.ts';
import { WIDGET_TYPES, type WidgetType } from '../widget-types.ts';

export const GRID_COLUMNS = 12;
export const MAX_WIDGET_HEIGHT = 8;
export const MAX_WIDGETS = 40;
export const DASHBOARD_VERSION = 1;

/** The smallest size each chart kind stays readable at. */
export const MIN_WIDGET_SIZE: Record<WidgetType, { w: number; h: number }> = {
  number: { w: 2, h: 1 },
  bar: { w: 3, h: 2 },
  line: { w: 3, h: 2 },
  donut: { w: 3, h: 2 },
  table: { w: 4, h: 2 },
  funnel: { w: 4, h: 3 },
  heatmap: { w: 6, h: 3 },
};

const key = v.pipe(v.string('type'), v.regex(/^[a-z0-9_]{1,64}$/, 'invalid_id'));
const userId = v.pipe(v.string('type'), v.regex(/^[0-9a-z]{8,32}$/, 'invalid_id'));
const ids = v.pipe(v.array(v.pipe(v.string('type'), v.minLength(1, 'required'), v.maxLength(64, 'too_long')), 'type'), v.maxLength(200, 'too_many'));
const date = v.pipe(v.string('type'), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date'));
const scalar = v.union([v.string('type'), v.number('type'), v.boolean('type'), v.null('type')], 'type');

export const ConditionSchema = v.object({
  field: v.pipe(v.string('type'), v.minLength(1, 'required'), v.maxLength(80, 'too_long')),
  op: v.picklist(['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith', 'has', 'hasAny', 'empty', 'notEmpty'], 'unknown_option'),
  value: v.optional(v.union([scalar, v.array(scalar, 'type')], 'type')),
});

export const WidgetFiltersSchema = v.object({
  range: v.optional(v.union([
    v.object({ relative: v.picklist(RELATIVE_RANGES, 'unknown_option') }),
    v.object({ from: v.optional(v.nullable(date)), to: v.optional(v.nullable(date)) }),
  ], 'type')),
  ownerIds: v.optional(ids),
  teamIds: v.optional(ids),
  pipelineIds: v.optional(ids),
  tags: v.optional(ids),
  conditions: v.optional(v.pipe(v.array(ConditionSchema, 'type'), v.maxLength(20, 'too_many'))),
});
export type WidgetFilters = v.InferOutput<typeof WidgetFiltersSchema>;

export const WidgetSchema = v.pipe(
  v.object({
    id: key,
    type: v.picklist(WIDGET_TYPES, 'unknown_option'),
    report: v.picklist(REPORT_IDS as [ReportId, ...ReportId[]], 'unknown_option'),
    title: v.optional(v.pipe(v.string('type'), v.trim(), v.maxLength(120, 'too_long'))),
    filters: v.optional(WidgetFiltersSchema, {}),
    /** Report options (pipelineId, stalledDays, metric, commitProbability, …), JSON scalars only. */
    options: v.optional(v.record(v.string('type'), v.union([scalar, v.array(scalar, 'type')], 'type')), {}),
    size: v.object({
      w: v.pipe(v.number('type'), v.integer('not_integer'), v.minValue(1, 'out_of_range'), v.maxValue(GRID_COLUMNS, 'out_of_range')),
      h: v.pipe(v.number('type'), v.integer('not_integer'), v.minValue(1, 'out_of_range'), v.maxValue(MAX_WIDGET_HEIGHT, 'out_of_range')),
    }),
  }),
  v.check((w) => (REPORTS[w.report].charts as readonly string[]).includes(w.type), 'incompatible_chart'),
  v.check((w) => w.size.w >= MIN_WIDGET_SIZE[w.type].w && w.size.h >= MIN_WIDGET_SIZE[w.type].h, 'too_small'),
);
export type Widget = v.InferOutput<typeof WidgetSchema>;

export const DashboardSchema = v.pipe(
  v.object({
    version: v.literal(DASHBOARD_VERSION, 'type'),
    id: key,
    name: v.pipe(v.string('type'), v.trim(), v.minLength(1, 'required'), v.maxLength(120, 'too_long')),
    /** Who made it; null for a workspace default. */
    ownerId: v.nullable(userId),
    /** Shared with the whole workspace (read by everyone, edited by its owner and admins). */
    shared: v.boolean('type'),
    widgets: v.pipe(v.array(WidgetSchema, 'type'), v.maxLength(MAX_WIDGETS, 'too_many')),
  }),
  v.check((d) => new Set(d.widgets.map((w) => w.id)).size === d.widgets.length, 'duplicate_widget'),
);
export type Dashboard = v.InferOutput<typeof DashboardSchema>;
