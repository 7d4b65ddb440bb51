// The chart kinds a dashboard widget can draw a report as.
export const WIDGET_TYPES = ['bar', 'line', 'funnel', 'donut', 'table', 'number', 'heatmap'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];
