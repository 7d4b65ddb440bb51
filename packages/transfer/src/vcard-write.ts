// Contacts to vCard 4.0 (RFC 6350) or 3.0 (RFC 2426, what older phones want): text escaped,
// lines folded at 75 octets without cutting a character, CRLF line ends, the first email and
// phone marked preferred. The company's name comes from a lookup the caller passes in.
import type { AnyRow } from '@carnet/schema';
import { encodeUtf8 } from './host.ts';

export type VCardVersion = '4.0' | '3.0';

export interface VCardWriteOptions {
  version?: VCardVersion;
  /** The name of a company id (the contact's ORG). */
  companyName?: (companyId: string) => string | undefined;
}

export function escapeVCardText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n|\r\n?/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

const MAX_OCTETS = 75;

/** Folds a content line: continuation lines start with one space and the limit counts UTF-8 bytes. */
export function foldLine(line: string): string {
  if (line.length <= MAX_OCTETS / 4 || encodeUtf8(line).length <= MAX_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encodeUtf8(char).length;
    const limit = out.length ? MAX_OCTETS - 1 : MAX_OCTETS;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

function revision(updatedAt: unknown): string | undefined {
  if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt)) return undefined;
  return new Date(updatedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** One contact row as a vCard. */
export function contactToVCard(row: AnyRow, options: VCardWriteOptions = {}): string {
  const v4 = (options.version ?? '4.0') === '4.0';
  const first = text(row.firstName);
  const last = text(row.lastName);
  const emails = list(row.emails);
  const phones = list(row.phones);
  const fullName = [first, last].filter(Boolean).join(' ') || emails[0] || phones[0] || '';
  const lines = ['BEGIN:VCARD', `VERSION:${v4 ? '4.0' : '3.0'}`];
  lines.push(`FN:${escapeVCardText(fullName)}`);
  lines.push(`N:${escapeVCardText(last)};${escapeVCardText(first)};;;`);
  emails.forEach((email, i) => {
    const pref = i === 0 ? (v4 ? ';PREF=1' : ';TYPE=PREF') : '';
    lines.push(`EMAIL${v4 ? '' : ';TYPE=INTERNET'}${pref}:${escapeVCardText(email)}`);
  });
  phones.forEach((phone, i) => {
    const pref = i === 0 ? (v4 ? ';PREF=1' : ';TYPE=PREF') : '';
    lines.push(`TEL${v4 ? ';VALUE=text' : ''}${pref}:${escapeVCardText(phone)}`);
  });
  const company = typeof row.companyId === 'string' ? options.companyName?.(row.companyId) : undefined;
  if (company) lines.push(`ORG:${escapeVCardText(company)}`);
  if (text(row.title)) lines.push(`TITLE:${escapeVCardText(text(row.title))}`);
  const address = [row.street, row.city, row.region, row.postalCode, row.country].map(text);
  if (address.some(Boolean)) lines.push(`ADR${v4 ? '' : ';TYPE=WORK'}:;;${address.map(escapeVCardText).join(';')}`);
  if (text(row.notes).trim()) lines.push(`NOTE:${escapeVCardText(text(row.notes))}`);
  const tags = list(row.tags);
  if (tags.length) lines.push(`CATEGORIES:${tags.map(escapeVCardText).join(',')}`);
  if (typeof row.id === 'string') lines.push(`UID:${v4 ? 'urn:carnet:' : ''}contact:${row.id}`);
  const rev = revision(row.updatedAt);
  if (rev) lines.push(`REV:${rev}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Many contacts as one .vcf file. */
export function writeVCards(rows: Iterable<AnyRow>, options: VCardWriteOptions = {}): string {
  let out = '';
  for (const row of rows) out += contactToVCard(row, options);
  return out;
}
