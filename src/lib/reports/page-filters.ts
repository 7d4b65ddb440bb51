// The filter bar above the dashboard: one date range, owner, team, pipeline, tag and custom
// field conditions applied over every widget, and how the leaderboard ranks. A filter left on
// "each widget's own" keeps what the widget saved (a rep's widgets are filtered to them, each
// widget has its own period); one that is set replaces the widget's, so "last month, pipeline
// B" reads the same period and pipeline everywhere. A team replaces the widget's own owners
// unless the bar names an owner too (then both must hold). A condition is on one record type
// and applies to the widgets whose report counts that type. The bar's choices are kept in the
// user's private doc (they follow the user to their devices), read back defensively.
import {
  ConditionSchema, REPORTS, RELATIVE_RANGES,
  type RelativeRange, type Widget, type WidgetFilters,
} from '@carnet/reports';
import type { Collection } from '@carnet/schema';
import type { Condition } from '@carnet/store';
import { formatDay } from '../i18n/format.ts';
import type { ViewText } from './view-text.ts';

export type RangeChoice =
  | { kind: 'widget' }
  | { kind: 'relative'; relative: RelativeRange }
  | { kind: 'custom'; from: string | null; to: string | null };

/** The record types a report counts, and so the ones a condition can be on. */
export const CONDITION_COLLECTIONS = ['deals', 'activities', 'contacts'] as const;
export type ConditionCollection = (typeof CONDITION_COLLECTIONS)[number];

/** A condition as a widget's filters hold it (JSON scalars, checked by the dashboard model). */
export type WidgetCondition = NonNullable<WidgetFilters['conditions']>[number];

export interface PageCondition {
  collection: ConditionCollection;
  condition: WidgetCondition;
}

/** A store condition (what the filter builder makes) as a widget can keep it, or null. */
export function widgetCondition(condition: Condition | unknown): WidgetCondition | null {
  const checked = ConditionSchema['~standard'].validate(condition);
  return checked instanceof Promise || checked.issues ? null : checked.value;
}

export type RankChoice = 'widget' | 'rep' | 'team';

export interface PageFilters {
  range: RangeChoice;
  /** `widget`: each widget's own owners; `all`: everyone; else one user id. */
  owner: 'widget' | 'all' | string;
  /** A team's id: only records its members own. */
  teamId: string | null;
  pipelineId: string | null;
  tag: string | null;
  conditions: PageCondition[];
  /** What the leaderboard ranks: each widget's own choice, reps or teams. */
  rankBy: RankChoice;
}

export const NO_PAGE_FILTERS: PageFilters = {
  range: { kind: 'widget' }, owner: 'widget', teamId: null, pipelineId: null, tag: null, conditions: [], rankBy: 'widget',
};

/** At most this many conditions on the bar (a widget takes 20 in all). */
export const MAX_PAGE_CONDITIONS = 10;

export function isFiltering(filters: PageFilters): boolean {
  return filters.range.kind !== 'widget' || filters.owner !== 'widget' || filters.teamId !== null || filters.pipelineId !== null
    || filters.tag !== null || filters.conditions.length > 0 || filters.rankBy !== 'widget';
}

/** The record type a widget's report counts (a leaderboard of activities counts activities). */
export function widgetCounts(widget: Pick<Widget, 'report' | 'options'>): Collection {
  if (widget.report === 'leaderboard' && widget.options?.metric === 'activities') return 'activities';
  return REPORTS[widget.report].reads;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The widget with the bar's filters laid over its own, and the report options they imply. */
export function applyPageFilters(widget: Widget, page: PageFilters): Widget {
  const filters: WidgetFilters = { ...widget.filters };
  if (page.range.kind === 'relative') filters.range = { relative: page.range.relative };
  else if (page.range.kind === 'custom') {
    const from = page.range.from && DATE.test(page.range.from) ? page.range.from : null;
    const to = page.range.to && DATE.test(page.range.to) ? page.range.to : null;
    // A range given backwards is read the right way round rather than matching nothing.
    filters.range = from && to && from > to ? { from: to, to: from } : { from, to };
  }
  if (page.owner === 'all') delete filters.ownerIds;
  else if (page.owner !== 'widget') filters.ownerIds = [page.owner];
  if (page.teamId) {
    filters.teamIds = [page.teamId];
    if (page.owner === 'widget') delete filters.ownerIds;
  }
  if (page.pipelineId) filters.pipelineIds = [page.pipelineId];
  if (page.tag) filters.tags = [page.tag];
  const counts = widgetCounts(widget);
  const conditions = page.conditions.filter((c) => c.collection === counts).map((c) => c.condition);
  if (conditions.length) filters.conditions = [...(filters.conditions ?? []), ...conditions];
  const options = { ...widget.options };
  // The funnel draws one pipeline: the one the bar picked.
  if (widget.report === 'pipeline_funnel' && page.pipelineId) options.pipelineId = page.pipelineId;
  if (widget.report === 'leaderboard' && page.rankBy !== 'widget') options.by = page.rankBy;
  return { ...widget, filters, options };
}

export const PAGE_FILTERS_KEY = 'reports.filters';

const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 64;
const isDate = (x: unknown): x is string => typeof x === 'string' && DATE.test(x);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readRange(raw: unknown): RangeChoice {
  if (!isRecord(raw)) return { kind: 'widget' };
  if (raw.kind === 'relative' && (RELATIVE_RANGES as readonly unknown[]).includes(raw.relative)) return { kind: 'relative', relative: raw.relative as RelativeRange };
  if (raw.kind === 'custom') return { kind: 'custom', from: isDate(raw.from) ? raw.from : null, to: isDate(raw.to) ? raw.to : null };
  return { kind: 'widget' };
}

/** A condition as the dashboard model accepts it, or null. */
function readCondition(raw: unknown): PageCondition | null {
  if (!isRecord(raw) || !(CONDITION_COLLECTIONS as readonly unknown[]).includes(raw.collection)) return null;
  const condition = widgetCondition(raw.condition);
  return condition ? { collection: raw.collection as ConditionCollection, condition } : null;
}

/**
 * The bar's choices kept in the private doc, read defensively (another version may have
 * written them): each part that cannot be read starts clear.
 */
export function readPageFilters(data: Record<string, unknown>): PageFilters {
  const raw = data[PAGE_FILTERS_KEY];
  if (!isRecord(raw)) return { ...NO_PAGE_FILTERS };
  const conditions = Array.isArray(raw.conditions) ? raw.conditions.map(readCondition).filter((c): c is PageCondition => c !== null) : [];
  return {
    range: readRange(raw.range),
    owner: isId(raw.owner) ? raw.owner : 'widget',
    teamId: isId(raw.teamId) ? raw.teamId : null,
    pipelineId: isId(raw.pipelineId) ? raw.pipelineId : null,
    tag: isId(raw.tag) ? raw.tag : null,
    conditions: conditions.slice(0, MAX_PAGE_CONDITIONS),
    rankBy: raw.rankBy === 'rep' || raw.rankBy === 'team' ? raw.rankBy : 'widget',
  };
}

/** What to keep in the private doc: nothing when the bar is clear. */
export function storedPageFilters(filters: PageFilters): PageFilters | undefined {
  return isFiltering(filters) ? (JSON.parse(JSON.stringify(filters)) as PageFilters) : undefined;
}

/** The period a widget reads, in words: "This quarter", "1 Mar 2026 – 31 Mar 2026", "All time". */
export function rangeText(text: ViewText, range: WidgetFilters['range']): string {
  if (!range) return text.t('reports.range.all');
  if ('relative' in range) return text.t(`reports.range.${range.relative}`);
  const from = range.from ? formatDay(text.tag, range.from) : null;
  const to = range.to ? formatDay(text.tag, range.to) : null;
  if (from && to) return `${from} – ${to}`;
  if (from) return text.t('reports.range.since', { date: from });
  if (to) return text.t('reports.range.until', { date: to });
  return text.t('reports.range.all');
}

/** The presets offered in the bar, in a sensible reading order. */
export const RANGE_PRESETS: readonly RelativeRange[] = RELATIVE_RANGES;
