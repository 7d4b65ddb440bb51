// What a widget draws, whatever the report behind it: series of numbers over categories for
// the charts, a table (shown as the table widget and, visually hidden, as every chart's text
// alternative), a headline for the single-number widget, and the shapes of the funnel, the
// heat map and the goals. Built by report-views.ts; drawn by src/lib/components/reports.
import type { WidgetType } from '@carnet/reports';
import { formatValue, type ValueFormat, type ViewText } from './view-text.ts';

export interface SeriesDef {
  key: string;
  label: string;
  format: ValueFormat;
}

export interface ChartPoint {
  key: string;
  label: string;
  /** One value per series (0 when the report has none). */
  values: number[];
}

export interface ChartData {
  series: SeriesDef[];
  points: ChartPoint[];
  /** `months`: a time axis (columns, lines); `names`: people, stages or sources (rows). */
  axis: 'months' | 'names';
  /** Series drawn on top of each other (parts of one whole) rather than side by side. */
  stacked: boolean;
  /** The currency of money series (amounts in other currencies are in the table only). */
  currency: string | null;
}

export interface TableColumn {
  label: string;
  numeric: boolean;
}

export interface TableRow {
  key: string;
  cells: string[];
  /** A record the first cell links to. */
  href?: string;
}

export interface TableData {
  columns: TableColumn[];
  rows: TableRow[];
}

export interface Headline {
  value: string;
  detail: string | null;
}

export interface FunnelStepView {
  key: string;
  label: string;
  reached: number;
  reachedText: string;
  /** "62% go on" to the next step; null for the last step. */
  conversionText: string | null;
}

export interface HeatmapView {
  /** `cells[weekday][hour]`, Monday first. */
  cells: number[][];
  max: number;
  total: number;
  dayLabels: string[];
  hourLabels: string[];
}

export type GoalState = 'upcoming' | 'on_track' | 'behind' | 'achieved' | 'missed';

export interface GoalView {
  key: string;
  label: string;
  periodText: string;
  /** actual / target, not capped. */
  progress: number;
  /** Share of the period elapsed (the pace marker). */
  elapsed: number;
  status: GoalState;
  statusText: string;
  /** "12,000 € of 20,000 €". */
  valueText: string;
  percentText: string;
}

export interface WidgetView {
  table: TableData;
  chart: ChartData | null;
  headline: Headline | null;
  funnel: FunnelStepView[] | null;
  heatmap: HeatmapView | null;
  goals: GoalView[] | null;
  /** Lines under the widget: totals, what is left out and why. */
  notes: string[];
  /** Nothing to draw: the widget says so instead of drawing empty axes. */
  empty: boolean;
}

export const blankView = (table: TableData): WidgetView => ({
  table, chart: null, headline: null, funnel: null, heatmap: null, goals: null, notes: [], empty: false,
});

/** A point's value in one series, formatted for reading aloud or a tooltip. */
export function pointText(text: ViewText, chart: ChartData, point: ChartPoint): string {
  const parts = chart.series.map((s, i) => {
    const value = formatValue(text, s.format, point.values[i], chart.currency);
    return chart.series.length === 1 ? value : `${s.label} ${value}`;
  });
  return `${point.label}: ${parts.join(', ')}`;
}

/**
 * The spoken summary of a chart (its aria-label): what it is, how many points, and where the
 * largest value of each series is. The visually hidden table next to it holds every figure.
 */
export function chartSummary(text: ViewText, type: WidgetType, title: string, chart: ChartData): string {
  const kind = text.t(`reports.chart.${type}`);
  if (chart.points.length === 0) return text.t('reports.summary.empty', { kind, title });
  const highs = chart.series.map((s, i) => {
    let best = chart.points[0];
    for (const p of chart.points) if (p.values[i] > best.values[i]) best = p;
    return text.t('reports.summary.highest', { series: s.label, label: best.label, value: formatValue(text, s.format, best.values[i], chart.currency) });
  });
  return `${text.t('reports.summary.chart', { kind, title, n: chart.points.length })} ${highs.join(' ')}`;
}

/** Sums per series across points (for stacked totals and the donut's whole). */
export function seriesTotals(chart: ChartData): number[] {
  return chart.series.map((_, i) => chart.points.reduce((sum, p) => sum + (p.values[i] || 0), 0));
}
