// A report widget's chart as a vector scene for the PDF (@carnet/transfer/pdf draws it): the
// same kinds the dashboard draws — bars (columns over months, rows over names, stacked or side
// by side), lines, donut, funnel, weekday × hour heat map, goal bars, the single number — built
// from the same geometry (chart-geometry.ts) and the same figures (the widget's view), in the
// light theme's series colours. Pure, so it is unit-tested without a browser.
import type { WidgetType } from '@carnet/reports';
import type { ChartScene, SceneShape } from '@carnet/transfer/pdf';
import { bands, fitLabel, heatLevel, slices, stackStarts, subBand, valueMax } from '../reports/chart-geometry.ts';
import { seriesTotals, type ChartData, type WidgetView } from '../reports/view-model.ts';
import { formatTick, formatValue, type ViewText } from '../reports/view-text.ts';

/** The dashboard's light-theme series colours (ReportsScreen.svelte), apart for colour-blind readers. */
export const SERIES_COLORS = ['#1f5fa8', '#b05000', '#2a7a4b', '#8e3b8e', '#7a5230', '#4d5f67'] as const;
const TEXT = '#1f2328';
const MUTED = '#59636e';
const GRID = '#d0d7de';
const WIDTH = 520;
/** Average width of a character at 1 pt (Helvetica), for fitting labels. */
const CHAR = 0.52;

const color = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];

/** `hex` mixed with white: the heat map's steps (18 % … 100 %, as on screen). */
export function tint(hex: string, share: number): string {
  const channel = (i: number) => {
    const value = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
    return Math.round(255 + (value - 255) * share).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
const HEAT = [0.18, 0.38, 0.58, 0.78, 1];

const fit = (label: string, width: number, size: number) => fitLabel(label, width, size * CHAR);

/** 0 and four round steps up to at least `max`. */
export function valueTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

/** Series names with their colour under a chart; returns the height used. */
function legend(shapes: SceneShape[], labels: readonly string[], y: number): number {
  let x = 0;
  let row = 0;
  for (const [i, label] of labels.entries()) {
    const text = fit(label, 150, 8);
    const width = 14 + text.length * 8 * CHAR + 14;
    if (x + width > WIDTH && x > 0) {
      x = 0;
      row++;
    }
    shapes.push({ kind: 'rect', x, y: y + row * 14, w: 9, h: 9, fill: color(i) });
    shapes.push({ kind: 'text', x: x + 13, y: y + row * 14 + 4.5, text, size: 8, color: TEXT, baseline: 'middle' });
    x += width;
  }
  return (row + 1) * 14;
}

function barScene(chart: ChartData, text: ViewText): ChartScene {
  const shapes: SceneShape[] = [];
  const horizontal = chart.axis === 'names';
  const ticks = valueTicks(valueMax(chart.points, chart.stacked));
  const top = ticks[ticks.length - 1];
  const format = chart.series[0]?.format ?? 'count';
  const tick = (v: number) => formatTick(text, format, v, chart.currency);
  const height = horizontal ? Math.min(340, Math.max(110, chart.points.length * 22 + 30)) : 220;
  const gutter = horizontal ? 130 : 44;
  const plot = { x: gutter, y: 6, w: WIDTH - gutter - 8, h: height - (horizontal ? 24 : 30) };
  const band = bands(chart.points.length, horizontal ? plot.h : plot.w, chart.points.length > 12 ? 0.15 : 0.3);
  const scale = (v: number) => (v / top) * (horizontal ? plot.w : plot.h);
  for (const t of ticks) {
    if (horizontal) {
      const x = plot.x + scale(t);
      shapes.push({ kind: 'polyline', points: [[x, plot.y], [x, plot.y + plot.h]], stroke: GRID, lineWidth: 0.5 });
      shapes.push({ kind: 'text', x, y: plot.y + plot.h + 4, text: tick(t), size: 7.5, color: MUTED, align: 'center', baseline: 'top' });
    } else {
      const y = plot.y + plot.h - scale(t);
      shapes.push({ kind: 'polyline', points: [[plot.x, y], [plot.x + plot.w, y]], stroke: GRID, lineWidth: 0.5 });
      shapes.push({ kind: 'text', x: plot.x - 5, y, text: tick(t), size: 7.5, color: MUTED, align: 'right', baseline: 'middle' });
    }
  }
  const every = Math.max(1, Math.ceil(40 / Math.max(1, band.step)));
  chart.points.forEach((point, i) => {
    const base = band.start(i);
    const parts = chart.stacked
      ? stackStarts(point.values).map((start, s) => ({ s, from: start, v: point.values[s], offset: 0, width: band.size }))
      : point.values.map((v, s) => ({ s, from: 0, v, ...subBand(band.size, point.values.length, s) }));
    for (const { s, from, v, offset, width } of parts) {
      if (!(v > 0)) continue;
      const a = scale(from);
      const b = scale(from + v);
      shapes.push(horizontal
        ? { kind: 'rect', x: plot.x + a, y: plot.y + base + offset, w: Math.max(0.8, b - a), h: width, fill: color(s) }
        : { kind: 'rect', x: plot.x + base + offset, y: plot.y + plot.h - b, w: width, h: Math.max(0.8, b - a), fill: color(s) });
    }
    if (horizontal) {
      shapes.push({ kind: 'text', x: gutter - 6, y: plot.y + base + band.size / 2, text: fit(point.label, gutter - 10, 8), size: 8, color: TEXT, align: 'right', baseline: 'middle' });
    } else if (i % every === 0) {
      shapes.push({ kind: 'text', x: plot.x + base + band.size / 2, y: plot.y + plot.h + 5, text: fit(point.label, every * band.step, 7.5), size: 7.5, color: TEXT, align: 'center', baseline: 'top' });
    }
  });
  const axis: SceneShape = horizontal
    ? { kind: 'polyline', points: [[plot.x, plot.y], [plot.x, plot.y + plot.h]], stroke: MUTED, lineWidth: 0.7 }
    : { kind: 'polyline', points: [[plot.x, plot.y + plot.h], [plot.x + plot.w, plot.y + plot.h]], stroke: MUTED, lineWidth: 0.7 };
  shapes.push(axis);
  const legendHeight = chart.series.length > 1 ? legend(shapes, chart.series.map((s) => s.label), height + 6) + 6 : 0;
  return { width: WIDTH, height: height + legendHeight, shapes };
}

function lineScene(chart: ChartData, text: ViewText): ChartScene {
  const shapes: SceneShape[] = [];
  const ticks = valueTicks(valueMax(chart.points, false));
  const top = ticks[ticks.length - 1];
  const format = chart.series[0]?.format ?? 'count';
  const height = 220;
  const plot = { x: 44, y: 6, w: WIDTH - 52, h: height - 30 };
  const n = chart.points.length;
  const xAt = (i: number) => plot.x + (n <= 1 ? plot.w / 2 : (i / (n - 1)) * plot.w);
  const yAt = (v: number) => plot.y + plot.h - (Math.max(0, v || 0) / top) * plot.h;
  for (const t of ticks) {
    const y = yAt(t);
    shapes.push({ kind: 'polyline', points: [[plot.x, y], [plot.x + plot.w, y]], stroke: GRID, lineWidth: 0.5 });
    shapes.push({ kind: 'text', x: plot.x - 5, y, text: formatTick(text, format, t, chart.currency), size: 7.5, color: MUTED, align: 'right', baseline: 'middle' });
  }
  const every = Math.max(1, Math.ceil(40 / Math.max(1, plot.w / Math.max(1, n))));
  chart.points.forEach((point, i) => {
    if (i % every === 0) shapes.push({ kind: 'text', x: xAt(i), y: plot.y + plot.h + 5, text: fit(point.label, every * (plot.w / Math.max(1, n)), 7.5), size: 7.5, color: TEXT, align: 'center', baseline: 'top' });
  });
  const dashes = [[], [5, 3], [1.5, 2.5], [6, 2, 1.5, 2]];
  chart.series.forEach((_, s) => {
    const points = chart.points.map((p, i) => [xAt(i), yAt(p.values[s])] as const);
    shapes.push({ kind: 'polyline', points, stroke: color(s), lineWidth: 1.6, dash: dashes[s % dashes.length] });
    for (const [x, y] of points) shapes.push({ kind: 'circle', x, y, r: 2.2, fill: color(s) });
  });
  shapes.push({ kind: 'polyline', points: [[plot.x, plot.y + plot.h], [plot.x + plot.w, plot.y + plot.h]], stroke: MUTED, lineWidth: 0.7 });
  const legendHeight = chart.series.length > 1 ? legend(shapes, chart.series.map((s) => s.label), height + 6) + 6 : 0;
  return { width: WIDTH, height: height + legendHeight, shapes };
}

/** A ring segment as a polygon (an arc every 3 degrees or less). */
function ring(cx: number, cy: number, inner: number, outer: number, start: number, end: number): [number, number][] {
  const steps = Math.max(2, Math.ceil((end - start) / (Math.PI / 60)));
  const at = (r: number, a: number): [number, number] => [cx + r * Math.sin(a), cy - r * Math.cos(a)];
  const outerArc = Array.from({ length: steps + 1 }, (_, i) => at(outer, start + ((end - start) * i) / steps));
  const innerArc = Array.from({ length: steps + 1 }, (_, i) => at(inner, end - ((end - start) * i) / steps));
  return [...outerArc, ...innerArc];
}

function donutScene(chart: ChartData, text: ViewText): ChartScene {
  const shapes: SceneShape[] = [];
  const values = chart.points.map((p) => p.values[0] ?? 0);
  const total = seriesTotals(chart)[0] ?? 0;
  const format = chart.series[0]?.format ?? 'count';
  const r = 80;
  const cx = 100;
  const cy = 95;
  for (const slice of slices(values)) {
    shapes.push({ kind: 'polygon', points: ring(cx, cy, r * 0.58, r, slice.start, slice.end), fill: color(slice.index), stroke: '#ffffff', lineWidth: 0.8 });
  }
  shapes.push({ kind: 'text', x: cx, y: cy, text: formatValue(text, format, total, chart.currency), size: 13, bold: true, color: TEXT, align: 'center', baseline: 'middle' });
  let y = 12;
  chart.points.forEach((point, i) => {
    if (!(values[i] > 0)) return;
    const share = total ? new Intl.NumberFormat(text.tag, { style: 'percent', maximumFractionDigits: 0 }).format(values[i] / total) : '';
    shapes.push({ kind: 'rect', x: 210, y, w: 9, h: 9, fill: color(i) });
    shapes.push({ kind: 'text', x: 224, y: y + 4.5, text: fit(`${point.label}  ${formatValue(text, format, values[i], chart.currency)} (${share})`, WIDTH - 226, 8.5), size: 8.5, color: TEXT, baseline: 'middle' });
    y += 15;
  });
  return { width: WIDTH, height: Math.max(190, y + 6), shapes };
}

function funnelScene(view: WidgetView): ChartScene {
  const steps = view.funnel ?? [];
  const shapes: SceneShape[] = [];
  const rowHeight = 30;
  const max = Math.max(1, ...steps.map((s) => s.reached));
  steps.forEach((step, i) => {
    const y = i * rowHeight;
    shapes.push({ kind: 'text', x: 0, y: y + 1, text: fit(`${step.label} · ${step.reachedText}`, WIDTH * 0.62, 8.5), size: 8.5, color: TEXT, baseline: 'top' });
    if (step.conversionText) shapes.push({ kind: 'text', x: WIDTH, y: y + 1, text: fit(step.conversionText, WIDTH * 0.36, 8), size: 8, color: MUTED, align: 'right', baseline: 'top' });
    const w = Math.max(2, (step.reached / max) * WIDTH);
    shapes.push({ kind: 'rect', x: (WIDTH - w) / 2, y: y + 13, w, h: 12, fill: i === steps.length - 1 ? color(2) : color(0) });
  });
  return { width: WIDTH, height: steps.length * rowHeight, shapes };
}

function heatmapScene(view: WidgetView): ChartScene {
  const heat = view.heatmap!;
  const shapes: SceneShape[] = [];
  const gutter = 70;
  const cell = (WIDTH - gutter) / 24;
  const rowHeight = 17;
  heat.cells.forEach((row, d) => {
    shapes.push({ kind: 'text', x: gutter - 6, y: d * rowHeight + rowHeight / 2, text: fit(heat.dayLabels[d] ?? '', gutter - 8, 8), size: 8, color: TEXT, align: 'right', baseline: 'middle' });
    row.forEach((value, h) => {
      const level = heatLevel(value, heat.max);
      shapes.push({ kind: 'rect', x: gutter + h * cell + 0.5, y: d * rowHeight + 0.5, w: cell - 1, h: rowHeight - 1, fill: level ? tint(SERIES_COLORS[0], HEAT[level - 1]) : '#f1f3f5' });
    });
  });
  for (let h = 0; h < 24; h += 3) {
    shapes.push({ kind: 'text', x: gutter + h * cell + cell / 2, y: 7 * rowHeight + 4, text: heat.hourLabels[h] ?? String(h), size: 7, color: MUTED, align: 'center', baseline: 'top' });
  }
  return { width: WIDTH, height: 7 * rowHeight + 16, shapes };
}

function goalsScene(view: WidgetView): ChartScene {
  const goals = view.goals ?? [];
  const shapes: SceneShape[] = [];
  const rowHeight = 34;
  goals.forEach((goal, i) => {
    const y = i * rowHeight;
    shapes.push({ kind: 'text', x: 0, y, text: fit(`${goal.label} · ${goal.periodText}`, WIDTH * 0.6, 8.5), size: 8.5, color: TEXT, bold: true, baseline: 'top' });
    shapes.push({ kind: 'text', x: WIDTH, y, text: fit(`${goal.valueText} · ${goal.percentText} · ${goal.statusText}`, WIDTH * 0.4, 8), size: 8, color: MUTED, align: 'right', baseline: 'top' });
    shapes.push({ kind: 'rect', x: 0, y: y + 14, w: WIDTH, h: 10, fill: '#eaeef2' });
    shapes.push({ kind: 'rect', x: 0, y: y + 14, w: Math.min(1, Math.max(0, goal.progress)) * WIDTH, h: 10, fill: goal.status === 'behind' || goal.status === 'missed' ? color(1) : color(0) });
    const pace = Math.min(1, Math.max(0, goal.elapsed)) * WIDTH;
    shapes.push({ kind: 'polyline', points: [[pace, y + 11], [pace, y + 27]], stroke: TEXT, lineWidth: 1 });
  });
  return { width: WIDTH, height: goals.length * rowHeight, shapes };
}

function numberScene(view: WidgetView): ChartScene {
  const headline = view.headline!;
  const shapes: SceneShape[] = [{ kind: 'text', x: 0, y: 0, text: headline.value, size: 30, bold: true, color: TEXT, baseline: 'top' }];
  if (headline.detail) shapes.push({ kind: 'text', x: 0, y: 40, text: headline.detail, size: 10, color: MUTED, baseline: 'top' });
  return { width: WIDTH, height: headline.detail ? 58 : 40, shapes };
}

/** The widget's chart as the dashboard shows it for `type`, or null (a table, or nothing to draw). */
export function chartScene(view: WidgetView, type: WidgetType, text: ViewText): ChartScene | null {
  if (view.empty) return null;
  if (type === 'number') return view.headline ? numberScene(view) : null;
  if (type === 'table') return null;
  if (type === 'bar' && view.goals) return view.goals.length ? goalsScene(view) : null;
  if (type === 'funnel') return view.funnel?.length ? funnelScene(view) : null;
  if (type === 'heatmap') return view.heatmap ? heatmapScene(view) : null;
  const chart = view.chart;
  if (!chart || chart.points.length === 0) return null;
  if (type === 'bar') return barScene(chart, text);
  if (type === 'line') return lineScene(chart, text);
  if (type === 'donut') return donutScene(chart, text);
  return null;
}
