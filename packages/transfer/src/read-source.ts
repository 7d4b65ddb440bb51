// Any supported file to the row model: the format is taken from the bytes (a zip is an XLSX
// workbook, BEGIN:VCARD a vCard file, anything else CSV), with the file name's extension as a
// hint only when the bytes do not decide.
import type { Collection } from '@carnet/schema';
import { decodeText, type TextEncodingName } from './decode.ts';
import type { CsvSeparator } from './csv-parse.ts';
import { readCsv } from './csv-read.ts';
import { TransferError, TransferErrorCode } from './errors.ts';
import type { HostOptions } from './host.ts';
import type { SourceFormat, SourceTable } from './table.ts';
import { readVCard } from './vcard-read.ts';
import { readXlsx } from './xlsx-read.ts';

export interface ReadSourceOptions extends HostOptions {
  fileName?: string;
  /** Forces a format instead of detecting it. */
  format?: SourceFormat;
  /** CSV and vCard: forces an encoding. */
  encoding?: TextEncodingName;
  /** CSV: forces a separator. */
  separator?: CsvSeparator;
  /** XLSX: a sheet name or 1-based number. */
  sheet?: string | number;
}

/** Which record types each format can feed (vCards hold people and their companies). */
export const FORMATS_FOR: Record<Collection, readonly SourceFormat[]> = {
  contacts: ['csv', 'xlsx', 'vcard'],
  companies: ['csv', 'xlsx', 'vcard'],
  deals: ['csv', 'xlsx'],
  activities: ['csv', 'xlsx'],
};

export function detectFormat(bytes: Uint8Array, fileName?: string): SourceFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  // Legacy .xls (OLE2) is not supported: say so instead of reading binary as CSV.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new TransferError(TransferErrorCode.UnsupportedFormat, 'Old .xls workbooks are not supported: save the file as .xlsx or CSV.');
  }
  const head = decodeText(bytes.subarray(0, 512)).text.replace(/^\ufeff/, '').trimStart().slice(0, 11).toUpperCase();
  if (head === 'BEGIN:VCARD') return 'vcard';
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === 'vcf' || extension === 'vcard') return 'vcard';
  if (extension === 'xlsx') throw new TransferError(TransferErrorCode.UnreadableFile, 'This .xlsx file is not a valid workbook.');
  return 'csv';
}

export async function readSource(bytes: Uint8Array, options: ReadSourceOptions = {}): Promise<SourceTable> {
  const format = options.format ?? detectFormat(bytes, options.fileName);
  switch (format) {
    case 'xlsx':
      return readXlsx(bytes, { sheet: options.sheet });
    case 'vcard':
      return readVCard(decodeText(bytes, { encoding: options.encoding }));
    case 'csv':
      return readCsv(decodeText(bytes, { encoding: options.encoding }), options);
  }
}
