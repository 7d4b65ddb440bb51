// Where each widget goes on the 12-column grid: widgets are placed in their order, each at
// the first free spot scanning rows top to bottom and columns left to right (first fit). The
// same dashboard always lays out the same way, and no two widgets overlap.
import { GRID_COLUMNS, type Dashboard } from './model.ts';

export interface WidgetPlacement {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function layoutDashboard(dashboard: Pick<Dashboard, 'widgets'>): WidgetPlacement[] {
  const rows: boolean[][] = [];
  const free = (x: number, y: number, w: number, h: number) => {
    for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) if (rows[r]?.[c]) return false;
    return true;
  };
  return dashboard.widgets.map((widget) => {
    const w = Math.min(GRID_COLUMNS, widget.size.w);
    const h = widget.size.h;
    for (let y = 0; ; y++) {
      for (let x = 0; x + w <= GRID_COLUMNS; x++) {
        if (!free(x, y, w, h)) continue;
        for (let r = y; r < y + h; r++) {
          rows[r] ??= new Array(GRID_COLUMNS).fill(false);
          for (let c = x; c < x + w; c++) rows[r][c] = true;
        }
        return { id: widget.id, x, y, w, h };
      }
    }
  });
}
