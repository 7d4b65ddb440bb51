// The bundle format (version 2: docs with their rows) read back however the bytes arrive,
// version 1 still read, and damage refused with a typed error.
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_FORMAT_VERSION, BundleError, BundleErrorCode, RecordTag, encodeBundleEnd, encodeBundleHeader, encodeDocRecords,
  readBundle, type BundleItem,
} from '@carnet/sync';

const header = { workspaceId: 'ws00000001', headSeq: 12, createdAt: 3 };
const state = (n: number) => Uint8Array.from([1, n, 0, 0]);
const row = { id: 'c0000001', firstName: 'Zoé', tags: ['a', 'é'], deletedAt: null, createdAt: 1, updatedAt: 2 };

function concat(...parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

async function* split(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function read(bytes: Uint8Array, size = 3): Promise<BundleItem[]> {
  const items: BundleItem[] = [];
  for await (const item of readBundle(split(bytes, size))) items.push(item);
  return items;
}

async function failure(bytes: Uint8Array): Promise<BundleErrorCode> {
  const error = await read(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BundleError);
  return (error as BundleError).code;
}

describe('bundle format', () => {
  it('writes version 2 and reads docs with and without rows back, whatever the chunking', async () => {
    const bytes = concat(
      encodeBundleHeader(header),
      encodeDocRecords([
        { docId: 'contacts/c0000001', state: state(1), row },
        { docId: 'workspace', state: state(2) },
        { docId: 'deals/d0000001', state: state(3), row: new TextEncoder().encode('{"id":"d0000001","title":"Ünïcode"}') },
      ]),
      encodeBundleEnd(3),
    );
    expect(bytes[4]).toBe(BUNDLE_FORMAT_VERSION);
    expect(BUNDLE_FORMAT_VERSION).toBe(2);
    const expected: BundleItem[] = [
      { type: 'header', header },
      { type: 'doc', docId: 'contacts/c0000001', state: state(1), row },
      { type: 'doc', docId: 'workspace', state: state(2) },
      { type: 'doc', docId: 'deals/d0000001', state: state(3), row: { id: 'd0000001', title: 'Ünïcode' } },
      { type: 'end', docCount: 3 },
    ];
    expect(await read(bytes, 1)).toEqual(expected);
    expect(await read(bytes, 1000)).toEqual(expected);
    expect((await read(bytes, 1))[2]).not.toHaveProperty('row');
  });

  it('reads the same states without copying them out of the chunks when asked', async () => {
    const bytes = concat(encodeBundleHeader(header), encodeDocRecords([{ docId: 'workspace', state: state(7) }]), encodeBundleEnd(1));
    const items: BundleItem[] = [];
    for await (const item of readBundle(split(bytes, 64), { copyStates: false })) items.push(item);
    const doc = items[1] as Extract<BundleItem, { type: 'doc' }>;
    expect(doc.state).toEqual(state(7));
    expect(doc.state.buffer.byteLength).toBeGreaterThan(doc.state.length);
  });

  it('still reads a version 1 bundle (docs without rows)', async () => {
    const bytes = concat(encodeBundleHeader(header, 1), encodeDocRecords([{ docId: 'contacts/c0000001', state: state(1) }]), encodeBundleEnd(1));
    expect(await read(bytes)).toEqual([
      { type: 'header', header },
      { type: 'doc', docId: 'contacts/c0000001', state: state(1) },
      { type: 'end', docCount: 1 },
    ]);
  });

  describe('refuses', () => {
    const head = encodeBundleHeader(header);
    const withRow = encodeDocRecords([{ docId: 'contacts/c0000001', state: state(1), row }]);
    const rowRecord = (json: string) => encodeDocRecords([{ docId: 'contacts/c0000001', state: state(1), row: new TextEncoder().encode(json) }]);

    it('a bundle cut inside a row', async () => {
      expect(await failure(concat(head, withRow.subarray(0, withRow.length - 4)))).toBe(BundleErrorCode.Truncated);
    });

    it('a row that is not JSON', async () => {
      expect(await failure(concat(head, rowRecord('{"id": "c00'), encodeBundleEnd(1)))).toBe(BundleErrorCode.Malformed);
    });

    it('a row that is JSON but not an object', async () => {
      for (const json of ['null', '[1,2]', '"row"', '42']) {
        expect(await failure(concat(head, rowRecord(json), encodeBundleEnd(1)))).toBe(BundleErrorCode.Malformed);
      }
    });

    it('a row that is not UTF-8', async () => {
      const record = encodeDocRecords([{ docId: 'contacts/c0000001', state: state(1), row: Uint8Array.from([0x7b, 0xff, 0x7d]) }]);
      expect(await failure(concat(head, record, encodeBundleEnd(1)))).toBe(BundleErrorCode.Malformed);
    });

    it('a doc-with-row record in a version 1 bundle', async () => {
      expect(withRow[0]).toBe(RecordTag.DocWithRow);
      expect(await failure(concat(encodeBundleHeader(header, 1), withRow, encodeBundleEnd(1)))).toBe(BundleErrorCode.Malformed);
    });

    it('a row longer than the limit', async () => {
      const items = readBundle(split(concat(head, withRow, encodeBundleEnd(1)), 7), { maxRowBytes: 10 });
      const error = await (async () => {
        for await (const _ of items) void _;
      })().catch((e: unknown) => e);
      expect((error as BundleError).code).toBe(BundleErrorCode.TooLarge);
    });

    it('a version it does not know', async () => {
      expect(await failure(concat(encodeBundleHeader(header, 3), encodeBundleEnd(0)))).toBe(BundleErrorCode.UnsupportedVersion);
    });
  });
});
