// Pure rules of the deals screens (no DOM, no store): pipelines and stages, money, the board,
// the table's order, filters, stalled and overdue warnings, stage moves and stage history.
export * from './pipelines.ts';
export * from './amounts.ts';
export * from './board.ts';
export * from './table-sort.ts';
export * from './filters.ts';
export * from './health.ts';
export * from './stage-move.ts';
export * from './stage-history.ts';
export * from './duration.ts';
