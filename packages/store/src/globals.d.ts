// The few host globals the store uses that exist in every browser, worker, Node and Bun but are
// not in the ES library (the packages are compiled without DOM or Node types on purpose).
declare function structuredClone<T>(value: T): T;
declare function queueMicrotask(callback: () => void): void;
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare const performance: { now(): number };
