// Windows-1252 decoding, done here rather than with TextDecoder('windows-1252'): Node 20's
// decoder treats that label as ISO-8859-1 and turns 0x80–0x9F (€, œ, ’, “ …) into control
// characters, while browsers and Bun map them properly. The table below is the WHATWG one.

/** Code points of bytes 0x80–0x9F; the five undefined bytes map to the same C1 code point. */
export const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const CHUNK = 8_192;

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const units = new Uint16Array(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      units[i - start] = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : byte;
    }
    parts.push(String.fromCharCode(...units.subarray(0, end - start)));
  }
  return parts.join('');
}

/** The inverse, for writing test fixtures and legacy exports: characters outside the set become '?'. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const high = WINDOWS_1252_HIGH.indexOf(code);
    out[n++] = high >= 0 ? 0x80 + high : code < 0x100 && !(code >= 0x80 && code <= 0x9f) ? code : 0x3f;
  }
  return out.subarray(0, n);
}
