// Widgets on the page: the package packs them on a 12-column grid (first fit, in order);
// this turns a placement into the custom properties the dashboard grid reads (narrow screens
// ignore them and stack the widgets in order).
import { layoutDashboard, type Dashboard, type WidgetPlacement } from '@carnet/reports';

export function placements(dashboard: Pick<Dashboard, 'widgets'>): Map<string, WidgetPlacement> {
  return new Map(layoutDashboard(dashboard).map((p) => [p.id, p]));
}

/** `grid-column` and `grid-row` for a placement (the wide layout; narrow screens stack). */
export function gridArea(p: WidgetPlacement): string {
  return `--col: ${p.x + 1} / span ${p.w}; --row: ${p.y + 1} / span ${p.h}; --h: ${p.h};`;
}
