// Running a widget: its saved filters (with relative ranges) resolved against the context's
// clock and zone, its options passed to its report. What a widget cannot store — the goals,
// the lost-from stages of the funnel — the app passes as `extra`.
import type { ReportContext, ReportData } from '../context.ts';
import type { ReportFilters } from '../filters.ts';
import { runReport, type ReportOptionsById, type ReportResultById, type ReportId } from '../registry.ts';
import { resolveRelativeRange } from '../relative-range.ts';
import type { Widget, WidgetFilters } from './model.ts';

export function resolveWidgetFilters(filters: WidgetFilters | undefined, ctx: ReportContext): ReportFilters {
  if (!filters) return {};
  const { range, ...rest } = filters;
  const resolved: ReportFilters = { ...rest } as ReportFilters;
  if (range) resolved.range = 'relative' in range ? resolveRelativeRange(range.relative, ctx.now, ctx.zone) : range;
  return resolved;
}

export function runWidget<K extends ReportId>(
  widget: Widget & { report: K },
  data: ReportData,
  ctx: ReportContext,
  extra: Partial<ReportOptionsById[K]> = {},
): ReportResultById[K] {
  const options = { ...widget.options, ...extra, filters: resolveWidgetFilters(widget.filters, ctx) } as unknown as ReportOptionsById[K];
  return runReport(widget.report, data, ctx, options);
}
