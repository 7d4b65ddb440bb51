// Text for the PDF's standard fonts (Helvetica), which draw WinAnsi (Windows-1252) only. Embedding
// a font that covers 漢字 and emoji would add megabytes to every file, so characters outside
// the set are brought into it where the meaning survives (accents stripped by decomposition,
// typographic spaces and dashes to plain ones) and otherwise replaced by "?", and counted, so the
// document and the app can say how many were replaced. The result is a string of one character
// per byte, which jsPDF writes as is under the fonts' /WinAnsiEncoding.
import { WINDOWS_1252_HIGH } from '../windows-1252.ts';

/** What stands for a character the fonts cannot draw. */
export const REPLACEMENT = '?';

const HIGH_BYTE = new Map(WINDOWS_1252_HIGH.map((code, i) => [code, 0x80 + i]));

/** Equivalents that are not substitutions: the reader loses nothing. */
const EQUIVALENT: Record<number, string> = {
  0x09: ' ', 0x2007: '\u00a0', 0x2009: '\u00a0', 0x202f: '\u00a0', 0x200a: ' ', 0x2002: ' ', 0x2003: ' ',
  0x2010: '-', 0x2011: '-', 0x2012: '\u2013', 0x2212: '-', 0x2192: '->', 0x2190: '<-', 0x2264: '<=', 0x2265: '>=',
  0x2260: '!=', 0x2032: "'", 0x2033: '"', 0x2043: '-', 0x2027: '\u00b7', 0x2219: '\u00b7',
};

/** Marks and format characters (accents left over, joiners, variation selectors): dropped. */
const INVISIBLE = /[\p{Mn}\p{Me}\p{Cf}]/u;

/** The WinAnsi byte of a code point, or -1. */
function byteOf(code: number): number {
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  return HIGH_BYTE.get(code) ?? -1;
}

function encodable(text: string): string | null {
  let out = '';
  for (const char of text) {
    const byte = byteOf(char.codePointAt(0)!);
    if (byte >= 0) out += String.fromCharCode(byte);
    else if (!INVISIBLE.test(char)) return null;
  }
  return out;
}

export interface PdfText {
  /** One character per WinAnsi byte. */
  text: string;
  /** Characters replaced by "?". */
  replaced: number;
}

const PLAIN = /^[\x20-\x7e]*$/;

/**
 * `text` as the standard fonts can draw it. Line ends are kept (callers split on them); other
 * control characters are dropped.
 */
export function pdfText(text: string): PdfText {
  if (PLAIN.test(text)) return { text, replaced: 0 };
  let out = '';
  let replaced = 0;
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (code === 0x0a) {
      out += '\n';
      continue;
    }
    const byte = byteOf(code);
    if (byte >= 0) {
      out += String.fromCharCode(byte);
      continue;
    }
    const equivalent = EQUIVALENT[code];
    if (equivalent !== undefined) {
      out += encodable(equivalent) ?? '';
      continue;
    }
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || INVISIBLE.test(char)) continue;
    // ő, ș, ﬁ, ①: their compatibility decomposition is often in the set (o, s, fi, 1).
    const decomposed = encodable(char.normalize('NFKD'));
    if (decomposed) {
      out += decomposed;
      continue;
    }
    out += REPLACEMENT;
    replaced++;
  }
  return { text: out, replaced };
}
