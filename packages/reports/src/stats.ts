// Small statistics over numbers collected by a report.

export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The middle value (the mean of the two middle ones for an even count); sorts `values`. */
export function median(values: number[] | Float64Array): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = values instanceof Float64Array ? values.sort() : values.sort((a, b) => a - b);
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** a / b, or null when b is 0 (a rate over nothing is unknown, not 0). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
