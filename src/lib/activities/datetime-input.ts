// Between `<input type="datetime-local">` values (wall-clock time on this device, no zone) and
// the ISO instants activities store. Uses the device's time zone, as the input does.

/** `2026-03-12T14:30` (device time) → `2026-03-12T13:30:00.000Z`; empty or invalid → null. */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const date = new Date(y, mo - 1, d, h, mi);
  // 2026-02-30 would roll over to March: refuse it rather than store another day.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.toISOString();
}

/** An ISO instant as the device-time value a datetime-local input shows; '' when empty. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today at `hour`:00 on this device, as a datetime-local value (the default due time). */
export function todayAt(now: number, hour: number): string {
  const d = new Date(now);
  d.setHours(hour, 0, 0, 0);
  return isoToLocalInput(d.toISOString());
}
