// An RFC 4180 tokenizer that resumes at record boundaries, so a reader can parse a big file a
// slice at a time and give the host a turn in between. Lenient where spreadsheets are: CRLF,
// LF or CR line ends, quotes inside an unquoted field kept as text, text after a closing quote
// kept, an unclosed quote running to the end of the file (and reported).
//
// Written here rather than taken from papaparse: papaparse's chunked and paused modes split a
// quoted field that holds a newline when a chunk or pause falls inside it, and its delimiter
// guess fails on files with empty lines, the two things this importer must get right.

export const CSV_SEPARATORS = [',', ';', '\t'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts. */
  line: number;
  /** A quoted field ran to the end of the file without its closing quote. */
  unclosedQuote?: boolean;
}

export interface CsvCursor {
  /** Offset in the text where the next record starts. */
  pos: number;
  /** Line number at `pos`. */
  line: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Parses up to `max` records from `cursor`, returning them and advancing the cursor. At the end
 * of the text it returns fewer (possibly none). A final line end does not make an extra record.
 */
export function parseCsvRecords(text: string, separator: CsvSeparator, cursor: CsvCursor, max: number): CsvRecord[] {
  const sep = separator.charCodeAt(0);
  const end = text.length;
  const records: CsvRecord[] = [];
  let pos = cursor.pos;
  let line = cursor.line;
  while (records.length < max && pos < end) {
    const record: CsvRecord = { fields: [], line };
    for (;;) {
      let field: string;
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted field: runs to the next quote not doubled.
        const parts: string[] = [];
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            parts.push(text.slice(from));
            record.unclosedQuote = true;
            pos = end;
            break;
          }
          parts.push(text.slice(from, q));
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts.push('"');
            from = q + 2;
            continue;
          }
          pos = q + 1;
          break;
        }
        field = parts.join('');
        for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) line++;
        // Text between the closing quote and the separator is kept, as spreadsheets do.
        const tail = pos;
        while (pos < end) {
          const c = text.charCodeAt(pos);
          if (c === sep || c === LF || c === CR) break;
          pos++;
        }
        if (pos > tail) field += text.slice(tail, pos);
      } else {
        const start = pos;
        while (pos < end) {
          const c = text.charCodeAt(pos);
          if (c === sep || c === LF || c === CR) break;
          pos++;
        }
        field = text.slice(start, pos);
      }
      record.fields.push(field);
      if (pos >= end) break;
      const c = text.charCodeAt(pos);
      if (c === sep) {
        pos++;
        // A separator at the very end of the text still opens one last (empty) field.
        if (pos >= end) record.fields.push('');
        continue;
      }
      // Line end: CRLF, LF or a lone CR.
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(record);
  }
  cursor.pos = pos;
  cursor.line = line;
  return records;
}

/** How many characters and records the separator detection looks at. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;

/**
 * Picks the separator that splits the first records into the same number of fields (more than
 * one) most consistently; ties go to the one giving more fields. Empty lines are ignored. A file
 * with a single column gets a comma.
 */
export function detectSeparator(text: string): CsvSeparator {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  let best: { separator: CsvSeparator; score: number } = { separator: ',', score: 0 };
  for (const separator of CSV_SEPARATORS) {
    const records = parseCsvRecords(sample, separator, { pos: 0, line: 1 }, SAMPLE_RECORDS + 1);
    // The last sampled record may be cut by the sample's end: leave it out unless it is all there is.
    if (text.length > SAMPLE_CHARS && records.length > 1) records.pop();
    const counts = records.filter((r) => r.fields.some((f) => f.trim() !== '')).map((r) => r.fields.length);
    if (!counts.length) continue;
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [n, count] of frequency) if (count > modeCount || (count === modeCount && n > mode)) [mode, modeCount] = [n, count];
    if (mode < 2) continue;
    const score = (modeCount / counts.length) * 1_000 + Math.min(mode, 999);
    if (score > best.score) best = { separator, score };
  }
  return best.separator;
}

/** Excel's `sep=;` first line names the separator; returns it and where the data starts. */
export function excelSeparatorLine(text: string): { separator: CsvSeparator; pos: number } | undefined {
  const match = /^sep=(.)(\r\n|\n|\r)/i.exec(text.slice(0, 8));
  if (!match) return undefined;
  const separator = match[1] as CsvSeparator;
  return (CSV_SEPARATORS as readonly string[]).includes(separator) ? { separator, pos: match[0].length } : undefined;
}
