// Vector drawings in the PDF: a chart arrives as a scene (rectangles, polygons, lines, circles
// and text in its own box, in points) built by the host from the same geometry its charts are
// drawn with on screen; this file only places it on the page, scaled down to fit the width
// and centred. Vectors stay sharp at any zoom, weigh little, and keep the labels as text.
import type { PdfWriter } from './pdf-writer.ts';

export type ScenePoint = readonly [x: number, y: number];

export type SceneShape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'polygon'; points: readonly ScenePoint[]; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'polyline'; points: readonly ScenePoint[]; stroke: string; lineWidth?: number; dash?: readonly number[] }
  | { kind: 'circle'; x: number; y: number; r: number; fill?: string; stroke?: string; lineWidth?: number }
  | {
      kind: 'text'; x: number; y: number; text: string; size: number; color?: string; bold?: boolean;
      align?: 'left' | 'center' | 'right';
      /** Where `y` is on the text: its top, middle or baseline (default). */
      baseline?: 'top' | 'middle' | 'alphabetic';
    };

export interface ChartScene {
  width: number;
  height: number;
  shapes: readonly SceneShape[];
}

function style(fill: string | undefined, stroke: string | undefined): 'F' | 'S' | 'FD' | null {
  if (fill && stroke) return 'FD';
  if (fill) return 'F';
  if (stroke) return 'S';
  return null;
}

/** Draws `scene` at the cursor, on a new page if it does not fit on this one. */
export function drawScene(writer: PdfWriter, scene: ChartScene): void {
  const { doc } = writer;
  const scale = Math.min(1, writer.width / Math.max(1, scene.width));
  const height = scene.height * scale;
  writer.ensure(height);
  const x0 = writer.left + (writer.width - scene.width * scale) / 2;
  const y0 = writer.y;
  const X = (x: number) => x0 + x * scale;
  const Y = (y: number) => y0 + y * scale;
  for (const shape of scene.shapes) {
    doc.setLineWidth(('lineWidth' in shape && shape.lineWidth) || 0.8);
    if ('fill' in shape && shape.fill) doc.setFillColor(shape.fill);
    if ('stroke' in shape && shape.stroke) doc.setDrawColor(shape.stroke);
    switch (shape.kind) {
      case 'rect': {
        const mode = style(shape.fill, shape.stroke);
        if (mode && shape.w > 0 && shape.h > 0) doc.rect(X(shape.x), Y(shape.y), shape.w * scale, shape.h * scale, mode);
        break;
      }
      case 'circle': {
        const mode = style(shape.fill, shape.stroke);
        if (mode && shape.r > 0) doc.circle(X(shape.x), Y(shape.y), shape.r * scale, mode);
        break;
      }
      case 'polygon':
      case 'polyline': {
        if (shape.points.length < 2) break;
        const closed = shape.kind === 'polygon';
        const mode = closed ? style(shape.fill, shape.stroke) : 'S';
        if (!mode) break;
        if (shape.kind === 'polyline' && shape.dash?.length) doc.setLineDashPattern(shape.dash.map((d) => d * scale), 0);
        const [first, ...rest] = shape.points;
        const deltas: number[][] = [];
        let previous = first;
        for (const point of rest) {
          deltas.push([(point[0] - previous[0]) * scale, (point[1] - previous[1]) * scale]);
          previous = point;
        }
        doc.lines(deltas, X(first[0]), Y(first[1]), [1, 1], mode, closed);
        if (shape.kind === 'polyline' && shape.dash?.length) doc.setLineDashPattern([], 0);
        break;
      }
      case 'text': {
        const size = Math.max(5, shape.size * scale);
        writer.font(size, shape.bold, shape.color);
        const text = writer.text(shape.text);
        const y = shape.baseline === 'top' ? Y(shape.y) + size * 0.8 : shape.baseline === 'middle' ? Y(shape.y) + size * 0.35 : Y(shape.y);
        doc.text(text, X(shape.x), y, shape.align && shape.align !== 'left' ? { align: shape.align } : undefined);
        break;
      }
    }
  }
  writer.y = y0 + height + 8;
}
