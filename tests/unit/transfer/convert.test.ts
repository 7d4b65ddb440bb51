import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS, COMPANY_FIELDS, DEAL_FIELDS } from '@carnet/schema';
import {
  convertCell, detectDateOrder, formatDate, formatDateTime, optionFromLabel, parseBoolean, parseDate, parseMinutes, parseNumber,
  splitFullName, splitList, type ConvertSettings,
} from '@carnet/transfer';

const FR: ConvertSettings = { dateOrder: 'dmy', decimalSeparator: ',', utcOffsetMinutes: 60 };
const US: ConvertSettings = { dateOrder: 'mdy', decimalSeparator: '.', utcOffsetMinutes: -300 };

describe('value conversion', () => {
  it.each([
    ['1 234,56', ',', 1234.56], ['1.234,56', ',', 1234.56], ['1,234.56', '.', 1234.56], ['12,5', '.', 12.5], ['12.5', ',', 12.5],
    ['1,234', '.', 1234], ['1,234', ',', 1.234], ['1.234', ',', 1234], ['1 000 000', '.', 1e6], ["1'234.50", '.', 1234.5],
    ['-42', '.', -42], ['(150)', '.', -150], ['+7', '.', 7], ['1\u202f234,5', ',', 1234.5],
  ] as const)('reads %s with decimal mark %s as %d', (text, decimal, value) => {
    expect(parseNumber(text, decimal)!.value).toBe(value);
  });

  it('finds the currency beside an amount, and a percent sign', () => {
    expect(parseNumber('12 500,00 €', ',')).toEqual({ value: 12500, currency: 'EUR' });
    expect(parseNumber('$1,200.00')).toEqual({ value: 1200, currency: 'USD' });
    expect(parseNumber('GBP 99')).toEqual({ value: 99, currency: 'GBP' });
    expect(parseNumber('35%')).toEqual({ value: 35, percent: true });
  });

  it('refuses what is not a number', () => {
    for (const text of ['abc', '12abc', '1,2,3.4.5', '', '--3', 'EUR']) expect(parseNumber(text)).toBeUndefined();
  });

  it('reads durations in minutes', () => {
    expect([parseMinutes('90'), parseMinutes('1:30'), parseMinutes('1h30'), parseMinutes('2 h'), parseMinutes('45 min'), parseMinutes('soon')]).toEqual([90, 90, 90, 120, 45, undefined]);
  });

  it('reads ISO, slashed, dotted, named-month, compact and Excel serial dates', () => {
    const iso = (input: string | number | Date, order: 'dmy' | 'mdy' = 'dmy') => {
      const d = parseDate(input, order);
      return d && formatDate(d);
    };
    expect(iso('2024-03-05')).toBe('2024-03-05');
    expect(iso('05/03/2024', 'dmy')).toBe('2024-03-05');
    expect(iso('05/03/2024', 'mdy')).toBe('2024-05-03');
    expect(iso('25/12/2024', 'mdy')).toBe('2024-12-25');
    expect(iso('12/25/2024', 'dmy')).toBe('2024-12-25');
    expect(iso('5.3.24')).toBe('2024-03-05');
    expect(iso('1er mars 2024')).toBe('2024-03-01');
    expect(iso('5 févr. 2024')).toBe('2024-02-05');
    expect(iso('March 5, 2024')).toBe('2024-03-05');
    expect(iso('5-Mar-2024')).toBe('2024-03-05');
    expect(iso('20240305')).toBe('2024-03-05');
    expect(iso(45356)).toBe('2024-03-05');
    expect(iso(new Date('2024-03-05T00:00:00Z'))).toBe('2024-03-05');
  });

  it('refuses impossible dates', () => {
    for (const text of ['31/02/2024', '2023-02-29', '1988-13-01', '00/01/2024', 'yesterday', '32.01.2024']) expect(parseDate(text)).toBeUndefined();
  });

  it('turns local times into UTC with the user offset, and honours a written zone', () => {
    expect(formatDateTime(parseDate('05/03/2024 14:30')!, 60)).toBe('2024-03-05T13:30:00Z');
    expect(formatDateTime(parseDate('12/03/2024 10h00')!, 60)).toBe('2024-03-12T09:00:00Z');
    expect(formatDateTime(parseDate('3/5/2024 2:30 PM', 'mdy')!, -300)).toBe('2024-03-05T19:30:00Z');
    expect(formatDateTime(parseDate('2024-03-05T14:30:00+02:00')!, 60)).toBe('2024-03-05T12:30:00Z');
    expect(formatDateTime(parseDate('2024-03-05')!, 60)).toBe('2024-03-04T23:00:00Z');
  });

  it('detects whether a column writes day or month first from the values that decide', () => {
    expect(detectDateOrder(['01/02/2024', '25/02/2024', null])).toBe('dmy');
    expect(detectDateOrder(['01/02/2024', '02/25/2024'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2024', '03/04/2024'])).toBeUndefined();
    expect(detectDateOrder(['25/02/2024', '02/25/2024'])).toBeUndefined();
  });

  it('reads booleans in English and French', () => {
    expect(['yes', 'Oui', 'TRUE', 'vrai', '1', 'x', 1, true].map((v) => parseBoolean(v))).toEqual(Array(8).fill(true));
    expect(['no', 'NON', 'false', 'Faux', '0', 0, false].map((v) => parseBoolean(v))).toEqual(Array(7).fill(false));
    expect(parseBoolean('peut-être')).toBeUndefined();
  });

  it('maps option labels in English and French, and other CRMs, to option ids', () => {
    const lifecycle = CONTACT_FIELDS.lifecycle;
    expect(['Lead', 'Client', 'marketingqualifiedlead', 'Sales Qualified Lead', 'Ancien client', 'customer'].map((l) => optionFromLabel('lifecycle', lifecycle, l)))
      .toEqual(['lead', 'customer', 'prospect', 'prospect', 'churned', 'customer']);
    const source = CONTACT_FIELDS.source;
    expect(['Referrals', 'Paid Search', 'Salon', 'Cold outreach', 'cold_outreach', 'Bouche à oreille', 'Martian'].map((l) => optionFromLabel('source', source, l)))
      .toEqual(['referral', 'ads', 'event', 'cold_outreach', 'cold_outreach', 'referral', undefined]);
    const size = COMPANY_FIELDS.size;
    expect(['250', '11-50', '11 to 50', '10 000+', '1 à 10 salariés', '5000+'].map((l) => optionFromLabel('size', size, l)))
      .toEqual(['201-500', '11-50', '11-50', '5000+', '1-10', '5000+']);
  });

  it('splits list cells the way exports write them', () => {
    expect(splitList('a@x.fr; b@y.fr, Jean <c@z.fr>', 'emails')).toEqual(['a@x.fr', 'b@y.fr', 'c@z.fr']);
    expect(splitList('* myContacts ::: Clients ::: VIP', 'tags')).toEqual(['Clients', 'VIP']);
    expect(splitList('01 23 45 67 89 | 06 11 22 33 44', 'phones')).toEqual(['01 23 45 67 89', '06 11 22 33 44']);
  });

  it('converts cells by field kind, reporting what cannot be read', () => {
    expect(convertCell('12 500,00 €', DEAL_FIELDS.amount, FR, 'amount')).toEqual({ ok: true, value: 12500, currency: 'EUR' });
    expect(convertCell(0.35, DEAL_FIELDS.probability, FR, 'probability')).toEqual({ ok: true, value: 35 });
    expect(convertCell('30/09/2024', DEAL_FIELDS.expectedCloseDate, FR, 'expectedCloseDate')).toEqual({ ok: true, value: '2024-09-30' });
    expect(convertCell('09/30/2024', DEAL_FIELDS.expectedCloseDate, US, 'expectedCloseDate')).toEqual({ ok: true, value: '2024-09-30' });
    expect(convertCell('soon', DEAL_FIELDS.expectedCloseDate, FR, 'expectedCloseDate')).toEqual({ ok: false, code: 'unparsable_date' });
    expect(convertCell('lots', CONTACT_FIELDS.leadScore, FR, 'leadScore')).toEqual({ ok: false, code: 'unparsable_number' });
    expect(convertCell('Martian', CONTACT_FIELDS.source, FR, 'source')).toMatchObject({ ok: false, code: 'unknown_label' });
    expect(convertCell('https://www.Acme.fr/about', COMPANY_FIELDS.domain, FR, 'domain')).toEqual({ ok: true, value: 'acme.fr' });
    expect(convertCell('€', DEAL_FIELDS.currency, FR, 'currency')).toEqual({ ok: true, value: 'EUR' });
    expect(convertCell("'=1+1", CONTACT_FIELDS.title, FR, 'title')).toEqual({ ok: true, value: '=1+1' });
  });

  it('splits a whole name into first and last name', () => {
    expect(splitFullName('Jean Dupont')).toEqual({ firstName: 'Jean', lastName: 'Dupont' });
    expect(splitFullName('Dupont, Jean')).toEqual({ firstName: 'Jean', lastName: 'Dupont' });
    expect(splitFullName('DUPONT Jean-Marie')).toEqual({ firstName: 'Jean-Marie', lastName: 'DUPONT' });
    expect(splitFullName('Jean-Pierre de la Tour')).toEqual({ firstName: 'Jean-Pierre', lastName: 'de la Tour' });
    expect(splitFullName('Madonna')).toEqual({ firstName: '', lastName: 'Madonna' });
  });
});
