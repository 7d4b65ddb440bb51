// A small RFC 5545 (iCalendar) writer: just what the calendar feed needs. Content lines are
// `NAME;PARAM=VALUE:value`, TEXT values escape `\` `;` `,` and newlines (3.3.11), lines longer
// than 75 octets are folded with CRLF + one space without splitting a UTF-8 sequence (3.1),
// and every line ends with CRLF. Times are written in UTC (`…Z`, 3.3.5 form 2) and all-day
// dates as VALUE=DATE (3.3.4), so no VTIMEZONE is ever needed. Pure: strings in, string out.
//
// ical-generator (npm, MIT, maintained) would also do; this is ~100 lines with its own tests,
// which is less than the dependency, and it stays within what the feed emits.

export interface IcalProperty {
  name: string;
  /** Parameter values are written as given (the feed only uses token values like DATE). */
  params?: Record<string, string>;
  /** Already formatted: use `text()` for TEXT values, `utcDateTime()` / `date()` for times. */
  value: string;
}

export interface IcalComponent {
  name: string;
  properties: IcalProperty[];
  components?: IcalComponent[];
}

const MAX_OCTETS = 75;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A TEXT value: backslash, semicolon and comma escaped, every kind of line break as `\n`.
 * Control characters other than tab are not allowed in TEXT and are dropped.
 */
export function text(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `20260105T090000Z`: a DATE-TIME in UTC, seconds kept, milliseconds dropped. */
export function utcDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** `20260105` from `2026-01-05`: a DATE value (use with `params: { VALUE: 'DATE' }`). */
export function date(isoDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new RangeError(`Not a calendar day: ${isoDay}`);
  return isoDay.replaceAll('-', '');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line at 75 octets: the first line holds at most 75, each continuation
 * line a space plus at most 74. Code points are never split (nor UTF-8 sequences with them).
 */
export function foldLine(line: string): string {
  // ASCII lines (most of them) are one octet per character: cut by length.
  if (ASCII.test(line)) {
    if (line.length <= MAX_OCTETS) return line;
    const parts = [line.slice(0, MAX_OCTETS)];
    for (let at = MAX_OCTETS; at < line.length; at += MAX_OCTETS - 1) parts.push(line.slice(at, at + MAX_OCTETS - 1));
    return parts.join('\r\n ');
  }
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function contentLine(property: IcalProperty): string {
  const params = Object.entries(property.params ?? {}).map(([key, value]) => `;${key}=${value}`).join('');
  return foldLine(`${property.name}${params}:${property.value}`);
}

function componentLines(component: IcalComponent, out: string[]): void {
  out.push(`BEGIN:${component.name}`);
  for (const property of component.properties) out.push(contentLine(property));
  for (const child of component.components ?? []) componentLines(child, out);
  out.push(`END:${component.name}`);
}

/** The whole iCalendar object, CRLF after every line (the last one included). */
export function writeIcal(calendar: IcalComponent): string {
  const lines: string[] = [];
  componentLines(calendar, lines);
  return lines.join('\r\n') + '\r\n';
}
