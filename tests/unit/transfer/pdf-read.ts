// Reads back what a test needs from a PDF written by @carnet/transfer/pdf (jsPDF's plain
// object layout): the pages in order and, per page, the strings drawn with Tj, decoded from
// WinAnsi. Compressed content streams are inflated with node:zlib. Not a general PDF parser.
import { inflateSync } from 'node:zlib';
import { decodeWindows1252 } from '@carnet/transfer';

export interface ReadPdf {
  pages: string[][];
  /** Every page's strings joined by spaces, pages by newlines. */
  text: string;
  /** The Info dictionary's title. */
  title: string | null;
}

function unescape(literal: string): string {
  return literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(parseInt(c, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}

function latin1ToWinAnsi(binary: string): string {
  return decodeWindows1252(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const raw = Buffer.from(bytes).toString('latin1');
  if (!raw.startsWith('%PDF-')) throw new Error('not a PDF');
  const objects = new Map<number, string>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(match[1]), match[2]);
  const streamOf = (body: string): string => {
    const start = body.indexOf('stream');
    const end = body.lastIndexOf('endstream');
    if (start < 0 || end < 0) return '';
    let data = body.slice(start + 6, end);
    data = data.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    if (/\/Filter\s*\/FlateDecode/.test(body.slice(0, start))) return inflateSync(Buffer.from(data, 'latin1')).toString('latin1');
    return data;
  };
  const pagesRoot = [...objects.values()].find((b) => /\/Type\s*\/Pages\b/.test(b));
  const kids = [...(pagesRoot?.match(/\/Kids\s*\[([^\]]*)\]/)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pages = kids.map((id) => {
    const page = objects.get(id) ?? '';
    const refs = page.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/)?.[1] ?? '';
    const content = [...refs.matchAll(/(\d+) 0 R/g)].map((m) => streamOf(objects.get(Number(m[1])) ?? '')).join('\n');
    return [...content.matchAll(/\(((?:\\[\s\S]|[^\\)])*)\)\s*Tj/g)].map((m) => latin1ToWinAnsi(unescape(m[1])));
  });
  const info = [...objects.values()].find((b) => /\/Producer/.test(b)) ?? '';
  const title = info.match(/\/Title\s*\(((?:\\[\s\S]|[^\\)])*)\)/)?.[1];
  return { pages, text: pages.map((p) => p.join(' ')).join('\n'), title: title === undefined ? null : latin1ToWinAnsi(unescape(title)) };
}
