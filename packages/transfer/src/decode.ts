// Bytes to text for imported files, with the encoding detected and reported: a BOM wins; then
// UTF-16 without BOM is recognised by its zero bytes; then the bytes are UTF-8 if they decode
// strictly as UTF-8; anything else is Windows-1252, what Excel on Windows writes for "CSV".
import { textDecoder } from './host.ts';
import { decodeWindows1252 } from './windows-1252.ts';

export const TEXT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** Why an encoding was chosen, for the import screen ("detected from the byte order mark"). */
export type EncodingEvidence = 'bom' | 'zero_bytes' | 'valid_utf8' | 'ascii' | 'invalid_utf8' | 'chosen';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  evidence: EncodingEvidence;
}

/** How many leading bytes the UTF-16 heuristic looks at. */
const SAMPLE = 4_096;

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * UTF-16 text of mostly Latin characters has a zero in every other byte: at odd offsets for
 * little-endian, even ones for big-endian. UTF-8 and Windows-1252 text has none at all.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = Math.min(bytes.length, SAMPLE) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): string {
  switch (encoding) {
    case 'utf-8':
      return textDecoder('utf-8').decode(bytes);
    case 'utf-8-bom':
      return textDecoder('utf-8').decode(hasPrefix(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes);
    case 'utf-16le':
      return textDecoder('utf-16le').decode(hasPrefix(bytes, [0xff, 0xfe]) ? bytes.subarray(2) : bytes);
    case 'utf-16be':
      return textDecoder('utf-16be').decode(hasPrefix(bytes, [0xfe, 0xff]) ? bytes.subarray(2) : bytes);
    case 'windows-1252':
      return decodeWindows1252(bytes);
  }
}

/**
 * Decodes a file's bytes. `encoding` forces one (the user corrected the detection); otherwise it
 * is detected and reported with the evidence.
 */
export function decodeText(bytes: Uint8Array, options: { encoding?: TextEncodingName } = {}): DecodedText {
  if (options.encoding) return { text: decodeAs(bytes, options.encoding), encoding: options.encoding, evidence: 'chosen' };
  if (hasPrefix(bytes, [0xef, 0xbb, 0xbf])) return { text: decodeAs(bytes, 'utf-8-bom'), encoding: 'utf-8-bom', evidence: 'bom' };
  if (hasPrefix(bytes, [0xff, 0xfe])) return { text: decodeAs(bytes, 'utf-16le'), encoding: 'utf-16le', evidence: 'bom' };
  if (hasPrefix(bytes, [0xfe, 0xff])) return { text: decodeAs(bytes, 'utf-16be'), encoding: 'utf-16be', evidence: 'bom' };
  const order = utf16Order(bytes);
  if (order) return { text: decodeAs(bytes, order), encoding: order, evidence: 'zero_bytes' };
  if (isAscii(bytes)) return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', evidence: 'ascii' };
  try {
    return { text: textDecoder('utf-8', true).decode(bytes), encoding: 'utf-8', evidence: 'valid_utf8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', evidence: 'invalid_utf8' };
  }
}
