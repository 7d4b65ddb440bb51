// Decodes a bootstrap bundle (see bundle-format.ts) from a stream of chunks of any size,
// yielding the header, then each doc (with its row, when the bundle has one) as soon as its
// bytes are in: the client writes docs to IndexedDB while the rest is still downloading. A
// row that is not a JSON object is refused like any other damage. Pure: runs in the browser
// as in the relay.
import {
  BUNDLE_MAGIC,
  BUNDLE_READABLE_VERSIONS,
  BundleError,
  BundleErrorCode,
  RecordTag,
  type BundleHeader,
} from './bundle-format.ts';

export type BundleItem =
  | { type: 'header'; header: BundleHeader }
  | { type: 'doc'; docId: string; state: Uint8Array; row?: Record<string, unknown> }
  | { type: 'end'; docCount: number };

export interface ReadBundleOptions {
  /** Largest doc state accepted, in bytes (guards against a corrupt length). Default 256 MiB. */
  maxStateBytes?: number;
  /** Largest doc id or header, in bytes. Default 64 KiB. */
  maxIdBytes?: number;
  /** Largest row, in bytes. Default 16 MiB. */
  maxRowBytes?: number;
  /**
   * Copy each state out of the received chunks (default), so that keeping it does not pin
   * them. A caller that hands states to something copying them anyway (the store) passes
   * false and saves a copy of every state.
   */
  copyStates?: boolean;
}

/** Consumed chunks, read from the front without copying more than a record spanning chunks. */
class ByteQueue {
  #chunks: Uint8Array[] = [];
  #offset = 0;
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The big-endian u32 at the front, without consuming it (needs 4 bytes buffered). */
  peekUint32(): number {
    let value = 0;
    let chunk = 0;
    let at = this.#offset;
    for (let i = 0; i < 4; i++) {
      while (at >= this.#chunks[chunk].length) {
        at -= this.#chunks[chunk].length;
        chunk++;
      }
      value = value * 256 + this.#chunks[chunk][at++];
    }
    return value;
  }

  take(n: number): Uint8Array {
    const first = this.#chunks[0];
    if (first && first.length - this.#offset >= n) {
      const out = first.subarray(this.#offset, this.#offset + n);
      this.#advance(n);
      return out;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0];
      const count = Math.min(n - filled, chunk.length - this.#offset);
      out.set(chunk.subarray(this.#offset, this.#offset + count), filled);
      filled += count;
      this.#advance(count);
    }
    return out;
  }

  #advance(n: number): void {
    this.#offset += n;
    this.length -= n;
    while (this.#chunks.length > 0 && this.#offset >= this.#chunks[0].length) {
      this.#offset -= this.#chunks[0].length;
      this.#chunks.shift();
    }
  }
}

async function* chunksOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (!('getReader' in source)) {
    yield* source;
    return;
  }
  // Not every browser makes ReadableStream async-iterable, so read it by hand.
  const reader = source.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function* readBundle(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: ReadBundleOptions = {},
): AsyncGenerator<BundleItem> {
  const maxState = options.maxStateBytes ?? 256 * 1024 * 1024;
  const maxId = options.maxIdBytes ?? 64 * 1024;
  const maxRow = options.maxRowBytes ?? 16 * 1024 * 1024;
  const copyStates = options.copyStates ?? true;
  const queue = new ByteQueue();
  const chunks = chunksOf(source);
  const decoder = new TextDecoder('utf-8', { fatal: true });

  /** Waits until n bytes are buffered; false if the stream ended first. */
  async function fill(n: number): Promise<boolean> {
    while (queue.length < n) {
      const next = await chunks.next();
      if (next.done) return false;
      queue.push(next.value);
    }
    return true;
  }
  async function need(n: number, what: string): Promise<Uint8Array> {
    if (!(await fill(n))) throw new BundleError(BundleErrorCode.Truncated, `bundle ends inside ${what}`);
    return queue.take(n);
  }
  /** n bytes if they are buffered already (no await: a bundle has a few records per doc). */
  const ready = (n: number): Uint8Array | null => (queue.length >= n ? queue.take(n) : null);
  function lengthOf(bytes: Uint8Array, what: string, max: number): number {
    const length = ((bytes[0] << 24) >>> 0) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3];
    if (length > max) throw new BundleError(BundleErrorCode.TooLarge, `${what} of ${length} bytes exceeds ${max}`);
    return length;
  }
  async function readLength(what: string, max: number): Promise<number> {
    return lengthOf(ready(4) ?? (await need(4, what)), what, max);
  }
  /** A length-prefixed field if it is buffered whole, else null (consuming nothing). */
  function readyField(what: string, max: number): Uint8Array | null {
    if (queue.length < 4) return null;
    const length = queue.peekUint32();
    if (length > max) throw new BundleError(BundleErrorCode.TooLarge, `${what} of ${length} bytes exceeds ${max}`);
    if (queue.length < 4 + length) return null;
    queue.take(4);
    return queue.take(length);
  }
  /** A length-prefixed field. */
  async function field(what: string, max: number): Promise<Uint8Array> {
    const length = lengthOf(ready(4) ?? (await need(4, what)), what, max);
    return ready(length) ?? (await need(length, what));
  }
  function text(bytes: Uint8Array, what: string): string {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new BundleError(BundleErrorCode.Malformed, `${what} is not UTF-8`);
    }
  }

  const magic = await need(5, 'the header');
  if (!BUNDLE_MAGIC.every((byte, i) => magic[i] === byte)) {
    throw new BundleError(BundleErrorCode.BadMagic, 'not a Carnet bundle');
  }
  const version = magic[4];
  if (!BUNDLE_READABLE_VERSIONS.includes(version)) {
    throw new BundleError(BundleErrorCode.UnsupportedVersion, `bundle format ${version} is not supported`);
  }
  const headerBytes = await need(await readLength('the header', maxId), 'the header');
  let header: BundleHeader;
  try {
    header = JSON.parse(text(headerBytes, 'the header')) as BundleHeader;
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(BundleErrorCode.Malformed, 'the header is not JSON');
  }
  if (typeof header?.workspaceId !== 'string' || !Number.isSafeInteger(header.headSeq) || header.headSeq < 0) {
    throw new BundleError(BundleErrorCode.Malformed, 'the header lacks workspaceId or headSeq');
  }
  yield { type: 'header', header };

  let docCount = 0;
  for (;;) {
    const [tag] = ready(1) ?? (await need(1, 'a record'));
    if (tag === RecordTag.End) {
      const bytes = await need(4, 'the end record');
      const expected = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
      if (expected !== docCount) {
        throw new BundleError(BundleErrorCode.Malformed, `end record says ${expected} docs, read ${docCount}`);
      }
      if (await fill(1)) throw new BundleError(BundleErrorCode.Malformed, 'bytes after the end record');
      yield { type: 'end', docCount };
      return;
    }
    const withRow = tag === RecordTag.DocWithRow && version >= 2;
    if (tag !== RecordTag.Doc && !withRow) throw new BundleError(BundleErrorCode.Malformed, `unknown record tag ${tag}`);
    const docId = text(readyField('a doc id', maxId) ?? (await field('a doc id', maxId)), 'a doc id');
    const bytes = readyField('a doc state', maxState) ?? (await field('a doc state', maxState));
    const state = copyStates ? bytes.slice() : bytes;
    docCount++;
    if (!withRow) {
      yield { type: 'doc', docId, state };
      continue;
    }
    const row = parseRow(text(readyField('a row', maxRow) ?? (await field('a row', maxRow)), 'a row'), docId);
    yield { type: 'doc', docId, state, row };
  }
}

function parseRow(json: string, docId: string): Record<string, unknown> {
  let row: unknown;
  try {
    row = JSON.parse(json);
  } catch {
    throw new BundleError(BundleErrorCode.Malformed, `the row of ${docId} is not JSON`);
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new BundleError(BundleErrorCode.Malformed, `the row of ${docId} is not a JSON object`);
  }
  return row as Record<string, unknown>;
}
