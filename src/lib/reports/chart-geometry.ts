// The geometry the chart layers draw with, as pure functions: bands for categories, stacked
// offsets, donut arcs, line paths, the heat map's colour steps and label fitting. LayerCake
// gives the layers their size and the value scale; these give the shapes.

export interface Bands {
  /** Distance from one band's start to the next. */
  step: number;
  /** Width of one band (the bar). */
  size: number;
  /** Start of band `i`. */
  start(i: number): number;
}

/**
 * `count` equal bands over `length`, with a gap between bands of `inner` × step and an outer
 * margin of `outer` × step at both ends (d3's band scale, without the dependency).
 */
export function bands(count: number, length: number, inner = 0.25, outer = 0.15): Bands {
  if (count <= 0 || length <= 0) return { step: 0, size: 0, start: () => 0 };
  const step = length / Math.max(1, count - inner + outer * 2);
  const size = step * (1 - inner);
  const first = step * outer;
  return { step, size, start: (i) => first + i * step };
}

/** Splits one band into `n` side-by-side bars; returns the offset and width of bar `i`. */
export function subBand(size: number, n: number, i: number, gap = 1): { offset: number; width: number } {
  if (n <= 1) return { offset: 0, width: size };
  const width = Math.max(1, (size - gap * (n - 1)) / n);
  return { offset: i * (width + gap), width };
}

/** Where each part of a stack starts: [0, a, a + b, …]. */
export function stackStarts(values: readonly number[]): number[] {
  const starts: number[] = [];
  let running = 0;
  for (const v of values) {
    starts.push(running);
    running += Math.max(0, v || 0);
  }
  return starts;
}

/** The largest stacked total or single value over all points, for the value axis. */
export function valueMax(points: readonly { values: readonly number[] }[], stacked: boolean): number {
  let max = 0;
  for (const p of points) {
    const v = stacked ? p.values.reduce((s, x) => s + Math.max(0, x || 0), 0) : Math.max(0, ...p.values.map((x) => x || 0));
    if (v > max) max = v;
  }
  return max;
}

export interface Slice {
  index: number;
  start: number;
  end: number;
  share: number;
}

/** Donut slices in radians, clockwise from 12 o'clock; zero values get no slice. */
export function slices(values: readonly number[]): Slice[] {
  const total = values.reduce((s, v) => s + Math.max(0, v || 0), 0);
  if (total <= 0) return [];
  const out: Slice[] = [];
  let angle = 0;
  values.forEach((v, index) => {
    const value = Math.max(0, v || 0);
    if (value === 0) return;
    const share = value / total;
    out.push({ index, start: angle, end: angle + share * Math.PI * 2, share });
    angle += share * Math.PI * 2;
  });
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;

function polar(cx: number, cy: number, r: number, angle: number): [number, number] {
  return [round(cx + r * Math.sin(angle)), round(cy - r * Math.cos(angle))];
}

/** An SVG path for a ring segment between two angles (a full ring when it spans 2π). */
export function arcPath(cx: number, cy: number, inner: number, outer: number, start: number, end: number): string {
  const span = end - start;
  if (span >= Math.PI * 2 - 1e-6) {
    // Two half rings: an arc cannot start and end on the same point.
    return `${arcPath(cx, cy, inner, outer, 0, Math.PI)} ${arcPath(cx, cy, inner, outer, Math.PI, Math.PI * 2)}`;
  }
  const large = span > Math.PI ? 1 : 0;
  const [x0, y0] = polar(cx, cy, outer, start);
  const [x1, y1] = polar(cx, cy, outer, end);
  const [x2, y2] = polar(cx, cy, inner, end);
  const [x3, y3] = polar(cx, cy, inner, start);
  return `M${x0},${y0}A${outer},${outer} 0 ${large} 1 ${x1},${y1}L${x2},${y2}A${inner},${inner} 0 ${large} 0 ${x3},${y3}Z`;
}

/** A polyline through points. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i ? 'L' : 'M'}${round(x)},${round(y)}`).join('');
}

/** Colour step of a heat map cell: 0 for none, then 1…levels by share of the largest cell. */
export function heatLevel(value: number, max: number, levels = 5): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(levels, Math.max(1, Math.ceil((value / max) * levels)));
}

/** Cuts a label to about `width` pixels (at ~`charWidth` px a character), with an ellipsis. */
export function fitLabel(label: string, width: number, charWidth = 7): string {
  const chars = Math.floor(width / charWidth);
  if (chars <= 1) return '';
  return label.length <= chars ? label : `${label.slice(0, chars - 1).trimEnd()}…`;
}
