// vCards to contact field candidates and to the common row model. A card's N, FN, EMAIL, TEL,
// ORG, TITLE, ADR, NOTE, CATEGORIES and URL become columns with the headers the column mapper
// knows ("First Name", "E-mail 2", …), so vCards go through the same mapping, validation,
// duplicate handling and undo as spreadsheets. Preferred emails and phones come first.
import { decodeText, type DecodedText } from './decode.ts';
import { parseVCards, splitEscaped, unescapeText, type VCard, type VCardProperty } from './vcard-parse.ts';
import type { Cell, SourceRow, SourceTable } from './table.ts';

export interface VCardContact {
  fullName: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  organization: string;
  title: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  note: string;
  categories: string[];
  urls: string[];
}

function types(property: VCardProperty): string[] {
  return (property.params.TYPE ?? []).map((t) => t.toLowerCase());
}

/** Lower is preferred: PREF=1 (4.0), TYPE=pref (3.0), then the file's order. */
function preference(property: VCardProperty): number {
  const pref = Number(property.params.PREF?.[0]);
  if (Number.isFinite(pref)) return pref;
  return types(property).includes('pref') ? 1 : 101;
}

function byPreference(properties: VCardProperty[]): VCardProperty[] {
  return properties.map((p, i) => ({ p, i })).sort((a, b) => preference(a.p) - preference(b.p) || a.i - b.i).map(({ p }) => p);
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function phoneValue(property: VCardProperty): string {
  // 4.0 writes phones as tel: URIs (tel:+33-6-12-34-56-78;ext=12).
  const text = unescapeText(property.value).trim();
  if (!/^tel:/i.test(text)) return text;
  const [number, ...params] = text.slice(4).split(';');
  const ext = params.find((p) => p.toLowerCase().startsWith('ext='));
  return number.replace(/-/g, ' ').trim() + (ext ? ` x${ext.slice(4)}` : '');
}

function emailValue(property: VCardProperty): string {
  return unescapeText(property.value).trim().replace(/^mailto:/i, '');
}

/** The contact fields a card carries. */
export function vcardContact(card: VCard): VCardContact {
  const all = (name: string) => card.properties.filter((p) => p.name === name);
  const first = (name: string) => all(name)[0];
  const [family = '', given = '', additional = ''] = first('N') ? splitEscaped(first('N')!.value, ';') : [];
  const org = first('ORG') ? splitEscaped(first('ORG')!.value, ';') : [];
  // The preferred address, else a work one, else the first.
  const addresses = byPreference(all('ADR'));
  const address = addresses.find((a) => preference(a) < 101) ?? addresses.find((a) => types(a).includes('work')) ?? addresses[0];
  const [, extended = '', street = '', city = '', region = '', postalCode = '', country = ''] = address ? splitEscaped(address.value, ';') : [];
  return {
    fullName: clean(first('FN') ? unescapeText(first('FN')!.value) : ''),
    firstName: clean([given, additional].filter(Boolean).join(' ')),
    lastName: clean(family),
    emails: byPreference(all('EMAIL')).map(emailValue).filter(Boolean),
    phones: byPreference(all('TEL')).filter((p) => !types(p).includes('fax')).map(phoneValue).filter(Boolean),
    organization: clean(org.filter(Boolean).join(', ')),
    title: clean(first('TITLE') ? unescapeText(first('TITLE')!.value) : ''),
    street: [street, extended].map((s) => s.trim()).filter(Boolean).join('\n'),
    city: clean(city),
    region: clean(region),
    postalCode: clean(postalCode),
    country: clean(country),
    note: all('NOTE').map((p) => unescapeText(p.value).trim()).filter(Boolean).join('\n\n'),
    categories: all('CATEGORIES').flatMap((p) => splitEscaped(p.value, ',')).map(clean).filter(Boolean),
    urls: all('URL').map((p) => unescapeText(p.value).trim()).filter(Boolean),
  };
}

/** Reads a .vcf file (bytes are decoded first, with the encoding detected) into a table. */
export function readVCard(input: Uint8Array | string | DecodedText): SourceTable & { problems: { line: number; text: string }[] } {
  const decoded = typeof input === 'string' ? undefined : input instanceof Uint8Array ? decodeText(input) : input;
  const { cards, problems } = parseVCards(typeof input === 'string' ? input : decoded!.text);
  const contacts = cards.map(vcardContact);
  const emailColumns = Math.max(1, ...contacts.map((c) => c.emails.length));
  const phoneColumns = Math.max(1, ...contacts.map((c) => c.phones.length));
  const headers = [
    'Full Name', 'First Name', 'Last Name', 'Company', 'Job Title',
    ...Array.from({ length: emailColumns }, (_, i) => `E-mail ${i + 1}`),
    ...Array.from({ length: phoneColumns }, (_, i) => `Phone ${i + 1}`),
    'Street', 'City', 'Region', 'Postal Code', 'Country', 'Notes', 'Categories', 'Website',
  ];
  const orNull = (s: string): Cell => (s === '' ? null : s);
  const rows: SourceRow[] = contacts.map((c, i) => ({
    row: cards[i].index,
    line: cards[i].line,
    cells: [
      orNull(c.fullName), orNull(c.firstName), orNull(c.lastName), orNull(c.organization), orNull(c.title),
      ...Array.from({ length: emailColumns }, (_, k) => c.emails[k] ?? null),
      ...Array.from({ length: phoneColumns }, (_, k) => c.phones[k] ?? null),
      orNull(c.street), orNull(c.city), orNull(c.region), orNull(c.postalCode), orNull(c.country), orNull(c.note),
      orNull(c.categories.join('; ')), orNull(c.urls[0] ?? ''),
    ],
  }));
  const versions = [...new Set(cards.map((c) => c.version || 'unknown'))];
  return {
    headers,
    rows,
    problems,
    info: {
      format: 'vcard', versions, emptyRows: 0, raggedRows: [],
      ...(decoded ? { encoding: decoded.encoding, encodingEvidence: decoded.evidence } : {}),
    },
  };
}
