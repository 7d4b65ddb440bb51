// What a chart frame hands the chart drawn inside it: which datum is highlighted, a way to
// change it, and a way to say which datum is under the pointer (the layer knows its shapes).
export interface ChartControls {
  readonly active: number | null;
  setActive(index: number | null): void;
  locate(fn: (event: PointerEvent) => number | null): void;
}
