// The filter bar above the dashboard: one date range, owner, pipeline and tag applied over
// every widget. A filter left on "each widget's own" keeps what the widget saved (a rep's
// widgets are filtered to them, each widget has its own period); one that is set replaces
// the widget's, so "last month, pipeline B" reads the same period and pipeline everywhere.
import { RELATIVE_RANGES, type RelativeRange, type Widget, type WidgetFilters } from '@carnet/reports';
import { formatDay } from '../i18n/format.ts';
import type { ViewText } from './view-text.ts';

export type RangeChoice =
  | { kind: 'widget' }
  | { kind: 'relative'; relative: RelativeRange }
  | { kind: 'custom'; from: string | null; to: string | null };

export interface PageFilters {
  range: RangeChoice;
  /** `widget`: each widget's own owners; `all`: everyone; else one user id. */
  owner: 'widget' | 'all' | string;
  pipelineId: string | null;
  tag: string | null;
}

export const NO_PAGE_FILTERS: PageFilters = { range: { kind: 'widget' }, owner: 'widget', pipelineId: null, tag: null };

export function isFiltering(filters: PageFilters): boolean {
  return filters.range.kind !== 'widget' || filters.owner !== 'widget' || filters.pipelineId !== null || filters.tag !== null;
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
  if (page.pipelineId) filters.pipelineIds = [page.pipelineId];
  if (page.tag) filters.tags = [page.tag];
  const options = { ...widget.options };
  // The funnel draws one pipeline: the one the bar picked.
  if (widget.report === 'pipeline_funnel' && page.pipelineId) options.pipelineId = page.pipelineId;
  return { ...widget, filters, options };
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
