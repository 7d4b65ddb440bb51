import { describe, expect, it } from 'vitest';
import { contactToVCard, foldLine, parseVCards, readVCard, vcardContact, writeVCards } from '@carnet/transfer';
import { fixture, fixtureText } from './helpers.ts';

describe('vCard reading', () => {
  it('reads a Google Contacts 3.0 export: preferred email first, fax left out, escapes undone', () => {
    const { cards } = parseVCards(fixtureText('google-contacts.vcf'));
    expect(cards).toHaveLength(2);
    expect(vcardContact(cards[0])).toMatchObject({
      fullName: 'François Lefèvre', firstName: 'François', lastName: 'Lefèvre',
      emails: ['francois@boulangerie-lefevre.fr', 'fanfan75@gmail.com'],
      phones: ['06 12 34 56 78', '01 44 55 66 77'],
      organization: 'Boulangerie Lefèvre', title: 'Gérant',
      street: '8 rue du Four', city: 'Paris', postalCode: '75006', country: 'France',
      note: 'Client depuis 2019, commande le vendredi.\nPaie à 30 jours.',
      categories: ['myContacts', 'Clients'],
    });
    expect(vcardContact(cards[1]).organization).toBe('Cabinet Nguyen, Médecine générale');
  });

  it('reads an Apple Contacts card: grouped properties, lower-case types, a folded photo skipped', () => {
    const { cards, problems } = parseVCards(fixtureText('apple-contacts.vcf'));
    expect(problems).toEqual([]);
    expect(cards[0].properties.find((p) => p.name === 'EMAIL')!.group).toBe('item1');
    expect(vcardContact(cards[0])).toMatchObject({
      firstName: 'Hélène', lastName: 'Dubois', organization: 'Studio Dubois & Fils',
      emails: ['helene@studio-dubois.fr', 'helene.dubois@icloud.com'],
      phones: ['+33 6 20 30 40 50', '+33 5 56 00 00 00'],
      street: '14 cours de l’Intendance', city: 'Bordeaux', region: 'Nouvelle-Aquitaine', postalCode: '33000',
      urls: ['https://studio-dubois.fr'],
    });
  });

  it('reads vCard 4.0: PREF=1 first, tel: URIs with extensions, quoted parameters, folded lines, escaped commas', () => {
    const { cards } = parseVCards(fixtureText('contacts-v4.vcf'));
    expect(cards[0].version).toBe('4.0');
    expect(vcardContact(cards[0])).toMatchObject({
      emails: ['kenji@example.jp', 'k.tanaka@tanaka-labs.jp'],
      phones: ['+81 90 1234 5678', '+81 3 5555 0100 x204'],
      city: 'Chiyoda-ku, Tokyo',
      categories: ['partners', 'research,R&D'],
      note: 'Long note that goes on and on to check that folded lines are joined back together without losing a character.',
    });
  });

  it('reads vCard 2.1 from Outlook: bare type parameters and quoted-printable text in Windows-1252 and UTF-8', () => {
    const { cards } = parseVCards(fixtureText('outlook-21.vcf'));
    expect(vcardContact(cards[0])).toMatchObject({
      firstName: 'Françoise', lastName: 'Garçon', fullName: 'Françoise Garçon',
      emails: ['francoise.garcon@exemple.fr'], phones: ['01 40 00 00 01'],
      note: 'Première ligne\r\nDeuxième ligne',
    });
    expect(cards[0].properties.find((p) => p.name === 'TEL')!.params.TYPE).toEqual(['WORK', 'VOICE']);
  });

  it('turns cards into table rows numbered by card, with the line each card starts on', () => {
    const table = readVCard(fixture('google-contacts.vcf'));
    expect(table.info).toMatchObject({ format: 'vcard', versions: ['3.0'], encoding: 'utf-8' });
    expect(table.rows.map((r) => [r.row, r.line])).toEqual([[1, 1], [2, 18]]);
    expect(table.headers).toContain('E-mail 2');
  });

  it('keeps a last card missing END:VCARD and reports lines it cannot read', () => {
    const { cards, problems } = parseVCards('garbage before\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo\r\nno colon here\r\n');
    expect(cards).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([1, 5]);
  });
});

describe('vCard writing', () => {
  const row = {
    id: 'abc12345', firstName: 'Jean-Luc', lastName: 'Picard; Jr', emails: ['jl@enterprise.fr', 'captain@starfleet.org'],
    phones: ['+33 6 12 34 56 78'], title: 'Capitaine', companyId: 'co000001', street: '1, quai des Étoiles', city: 'La Barre',
    region: null, postalCode: '70000', country: 'France', notes: 'Thé, Earl Grey\nchaud', tags: ['vip', 'espace'],
    updatedAt: Date.UTC(2024, 2, 5, 12, 0, 0), createdAt: 0, createdBy: null, updatedBy: null, deletedAt: null,
  };

  it('writes vCard 4.0 with escaped text, the first email and phone preferred, and the company name', () => {
    const card = contactToVCard(row, { companyName: () => 'Starfleet' });
    expect(card.split('\r\n')).toEqual([
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:Jean-Luc Picard\\; Jr', 'N:Picard\\; Jr;Jean-Luc;;;',
      'EMAIL;PREF=1:jl@enterprise.fr', 'EMAIL:captain@starfleet.org', 'TEL;VALUE=text;PREF=1:+33 6 12 34 56 78',
      'ORG:Starfleet', 'TITLE:Capitaine', 'ADR:;;1\\, quai des Étoiles;La Barre;;70000;France',
      'NOTE:Thé\\, Earl Grey\\nchaud', 'CATEGORIES:vip,espace', 'UID:urn:carnet:contact:abc12345', 'REV:20240305T120000Z',
      'END:VCARD', '',
    ]);
  });

  it('writes vCard 3.0 with TYPE parameters older phones understand', () => {
    const card = contactToVCard(row, { version: '3.0' });
    expect(card).toContain('VERSION:3.0\r\n');
    expect(card).toContain('EMAIL;TYPE=INTERNET;TYPE=PREF:jl@enterprise.fr\r\n');
    expect(card).toContain('ADR;TYPE=WORK:;;');
    expect(card).not.toContain('ORG:');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `NOTE:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('round-trips: what it writes reads back as the same contact, in 4.0 and 3.0', () => {
    for (const version of ['4.0', '3.0'] as const) {
      const text = writeVCards([row, { ...row, id: 'def67890', notes: 'x'.repeat(300) }], { version, companyName: () => 'Starfleet' });
      const { cards } = parseVCards(text);
      expect(cards).toHaveLength(2);
      expect(vcardContact(cards[0])).toMatchObject({
        firstName: 'Jean-Luc', lastName: 'Picard; Jr', emails: row.emails, phones: row.phones, organization: 'Starfleet',
        title: 'Capitaine', street: '1, quai des Étoiles', city: 'La Barre', postalCode: '70000', country: 'France',
        note: 'Thé, Earl Grey\nchaud', categories: ['vip', 'espace'],
      });
      expect(vcardContact(cards[1]).note).toBe('x'.repeat(300));
    }
  });
});
