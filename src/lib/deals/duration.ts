// "3 days", "5 hours", "12 minutes" in the interface language, for the time a deal spent in
// a stage. Formatters are cached per language and unit (Intl objects are costly to build).
const formatters = new Map<string, Intl.NumberFormat>();

function unitFormat(tag: string, unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  const key = `${tag}:${unit}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The largest whole unit that fits: days from one day up, hours from one hour, else minutes. */
export function durationUnit(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  if (ms >= 86_400_000) return { value: Math.floor(ms / 86_400_000), unit: 'day' };
  if (ms >= 3_600_000) return { value: Math.floor(ms / 3_600_000), unit: 'hour' };
  return { value: Math.max(0, Math.floor(ms / 60_000)), unit: 'minute' };
}

export function formatDuration(tag: string, ms: number): string {
  const { value, unit } = durationUnit(ms);
  return unitFormat(tag, unit).format(value);
}
