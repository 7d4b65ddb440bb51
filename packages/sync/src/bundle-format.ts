// The bootstrap bundle's wire format, shared by the relay (writer) and the browser (reader):
// pure, no Bun, Node or DOM imports. A bundle is a byte stream of length-prefixed records,
// so a workspace of any size streams without one giant buffer:
//
//   "CRNB" | version u8 | header length u32 | header JSON (UTF-8)
//   then per doc, either
//     0x01 | doc id length u32 | doc id (UTF-8) | state length u32 | state
//     0x02 | doc id length u32 | doc id (UTF-8) | state length u32 | state | row length u32 | row JSON (UTF-8)
//   then the end:  0x00 | doc count u32
//
// Integers are big-endian. The header says which workspace and which seq the states include
// (every update with seq <= headSeq; some later ones may be in too, which Yjs ignores when
// they arrive again), so a client catches up from the log with `hello {lastSeq: headSeq}`.
// A doc-with-row record carries the record's row as @carnet/store derives it from exactly
// that state (`rowFromDoc`, without the local version `v`), so a client can store the state
// and the row without building the doc; a doc record (0x01) leaves the row to the client
// (the workspace and private docs, and records the relay has no row for). The end record
// lets a reader tell a complete bundle from a cut connection; its count covers both kinds.

/**
 * Bundle format history:
 *   1 — header, doc records (0x01), end record with the doc count.
 *   2 — doc-with-row records (0x02) beside doc records. A version 1 bundle is a version 2
 *       bundle without 0x02 records, so readers accept both.
 */
export const BUNDLE_FORMAT_VERSION = 2;
/** Versions this reader understands. */
export const BUNDLE_READABLE_VERSIONS: readonly number[] = [1, 2];
export const BUNDLE_MAGIC = Uint8Array.from([0x43, 0x52, 0x4e, 0x42]); // "CRNB"
export const BUNDLE_CONTENT_TYPE = 'application/vnd.carnet.bundle';

export const RecordTag = { End: 0x00, Doc: 0x01, DocWithRow: 0x02 } as const;

export interface BundleHeader {
  workspaceId: string;
  /** The states include every update of the log up to this seq. */
  headSeq: number;
  /** When the bundle was written, ms since the epoch. */
  createdAt: number;
}

/** A doc as written into a bundle: its state and, for a record, its row (object or JSON bytes). */
export interface BundleDoc {
  docId: string;
  state: Uint8Array;
  row?: Uint8Array | Record<string, unknown> | null;
}

export const BundleErrorCode = {
  BadMagic: 'bad_magic',
  UnsupportedVersion: 'unsupported_version',
  Truncated: 'truncated',
  Malformed: 'malformed',
  TooLarge: 'too_large',
} as const;
export type BundleErrorCode = (typeof BundleErrorCode)[keyof typeof BundleErrorCode];

export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();

export function encodeBundleHeader(header: BundleHeader, version: number = BUNDLE_FORMAT_VERSION): Uint8Array {
  const json = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(4 + 1 + 4 + json.length);
  out.set(BUNDLE_MAGIC, 0);
  out[4] = version;
  new DataView(out.buffer).setUint32(5, json.length);
  out.set(json, 9);
  return out;
}

function rowBytes(row: BundleDoc['row']): Uint8Array | null {
  if (row === undefined || row === null) return null;
  return row instanceof Uint8Array ? row : encoder.encode(JSON.stringify(row));
}

/** Encodes doc records into one chunk (a page of docs per chunk keeps chunks count low). */
export function encodeDocRecords(docs: readonly BundleDoc[]): Uint8Array {
  const ids = docs.map((doc) => encoder.encode(doc.docId));
  const rows = docs.map((doc) => rowBytes(doc.row));
  let size = 0;
  docs.forEach((doc, i) => (size += 1 + 4 + ids[i].length + 4 + doc.state.length + (rows[i] ? 4 + rows[i]!.length : 0)));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  docs.forEach((doc, i) => {
    const row = rows[i];
    out[at] = row ? RecordTag.DocWithRow : RecordTag.Doc;
    view.setUint32(at + 1, ids[i].length);
    out.set(ids[i], at + 5);
    at += 5 + ids[i].length;
    view.setUint32(at, doc.state.length);
    out.set(doc.state, at + 4);
    at += 4 + doc.state.length;
    if (row) {
      view.setUint32(at, row.length);
      out.set(row, at + 4);
      at += 4 + row.length;
    }
  });
  return out;
}

export function encodeBundleEnd(docCount: number): Uint8Array {
  const out = new Uint8Array(5);
  out[0] = RecordTag.End;
  new DataView(out.buffer).setUint32(1, docCount);
  return out;
}
