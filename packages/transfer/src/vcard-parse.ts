// vCard 2.1, 3.0 and 4.0 text to cards of properties: lines unfolded, groups (Apple's
// `item1.EMAIL`) and parameters parsed (2.1's bare `;WORK;VOICE` read as TYPE), values left
// escaped; quoted-printable values (2.1 and Outlook's 3.0) decoded with their CHARSET.
// What the properties mean for a contact is vcard-contact.ts's business.
import { encodeUtf8, textDecoder } from './host.ts';
import { decodeWindows1252 } from './windows-1252.ts';

export interface VCardProperty {
  group?: string;
  /** Upper case: EMAIL, TEL, X-ABLABEL … */
  name: string;
  /** Upper-case keys; values split on commas, quotes removed. */
  params: Record<string, string[]>;
  /** The raw value: still escaped (\, \; \n), quoted-printable already decoded. */
  value: string;
}

export interface VCard {
  /** 1-based position of the card in the file. */
  index: number;
  /** Line of its BEGIN:VCARD. */
  line: number;
  version: string;
  properties: VCardProperty[];
}

export interface VCardParseResult {
  cards: VCard[];
  /** Lines that could not be read (no colon, outside a card); the cards go on without them. */
  problems: { line: number; text: string }[];
}

interface LogicalLine {
  text: string;
  line: number;
}

/** Unfolds continuation lines (leading space or tab) and quoted-printable soft breaks (`=` at the end). */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i];
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) {
      last.text += raw.slice(1);
      continue;
    }
    if (raw === '') continue;
    const entry = { text: raw, line: i + 1 };
    // Quoted-printable: a line ending in '=' continues on the next line, without indentation.
    while (/ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE[;:]/i.test(entry.text.slice(0, entry.text.indexOf(':') + 1)) &&
      entry.text.endsWith('=') && i + 1 < physical.length) {
      entry.text = entry.text.slice(0, -1) + physical[++i].replace(/^[ \t]/, '');
    }
    out.push(entry);
  }
  return out;
}

/** Index of the first character not inside double quotes that is in `stops`. */
function indexOutsideQuotes(text: string, stops: string, from = 0): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && stops.includes(c)) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const at = indexOutsideQuotes(text, separator, from);
    if (at < 0) break;
    parts.push(text.slice(from, at));
    from = at + 1;
  }
  parts.push(text.slice(from));
  return parts;
}

const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

function parseParams(parts: readonly string[]): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const part of parts) {
    if (!part) continue;
    const eq = part.indexOf('=');
    // vCard 2.1: a bare parameter is a TYPE (WORK, VOICE) or an encoding (QUOTED-PRINTABLE, BASE64).
    let key = eq < 0 ? 'TYPE' : part.slice(0, eq).trim().toUpperCase();
    const value = eq < 0 ? part.trim() : part.slice(eq + 1);
    if (eq < 0 && /^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT|B)$/i.test(value)) key = 'ENCODING';
    const values = splitOutsideQuotes(value, ',').map((v) => unquote(v.trim())).filter(Boolean);
    (params[key] ??= []).push(...values);
  }
  return params;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Characters outside ASCII should not appear in QP; keep them as their UTF-8 bytes.
      const code = c.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else for (const b of encodeUtf8(c)) bytes.push(b);
    }
  }
  const array = new Uint8Array(bytes);
  return /^(windows-1252|iso-8859-1|iso-8859-15|latin1|cp1252)$/i.test(charset) ? decodeWindows1252(array) : textDecoder('utf-8').decode(array);
}

function parseProperty(text: string): VCardProperty | undefined {
  const colon = indexOutsideQuotes(text, ':');
  if (colon < 0) return undefined;
  const head = splitOutsideQuotes(text.slice(0, colon), ';');
  let name = head[0].trim();
  let group: string | undefined;
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    group = name.slice(0, dot);
    name = name.slice(dot + 1);
  }
  const params = parseParams(head.slice(1));
  let value = text.slice(colon + 1);
  const encoding = params.ENCODING?.[0]?.toUpperCase();
  if (encoding === 'QUOTED-PRINTABLE' || encoding === 'QP') value = decodeQuotedPrintable(value, params.CHARSET?.[0] ?? 'utf-8');
  return { ...(group ? { group } : {}), name: name.toUpperCase(), params, value };
}

/** Splits a vCard file into cards. Never throws: unreadable lines are reported and skipped. */
export function parseVCards(text: string): VCardParseResult {
  const cards: VCard[] = [];
  const problems: VCardParseResult['problems'] = [];
  let current: VCard | undefined;
  for (const { text: lineText, line } of logicalLines(text.replace(/^\ufeff/, ''))) {
    const property = parseProperty(lineText);
    if (!property) {
      problems.push({ line, text: lineText });
      continue;
    }
    if (property.name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') {
      current = { index: cards.length + 1, line, version: '', properties: [] };
      continue;
    }
    if (!current) {
      problems.push({ line, text: lineText });
      continue;
    }
    if (property.name === 'END' && property.value.trim().toUpperCase() === 'VCARD') {
      cards.push(current);
      current = undefined;
      continue;
    }
    if (property.name === 'VERSION') current.version = property.value.trim();
    else current.properties.push(property);
  }
  // A last card without END:VCARD is kept: the data is there.
  if (current) cards.push(current);
  return { cards, problems };
}

/** Splits an escaped value on unescaped `separator` and unescapes each part (\n, \, \; \\). */
export function splitEscaped(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      const next = value[++i];
      current += next === 'n' || next === 'N' ? '\n' : next;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** A text value unescaped. */
export function unescapeText(value: string): string {
  return splitEscaped(value, ';').join(';');
}
