// The RFC 5545 writer of the calendar feed: TEXT escaping, line folding at 75 octets (never
// inside a UTF-8 sequence), CRLF line ends, UTC and DATE values.
import { describe, expect, it } from 'bun:test';
import { contentLine, date, foldLine, text, utcDateTime, writeIcal } from '../src/calendar/ical.ts';

const octets = (line: string) => new TextEncoder().encode(line).length;

/** Undoes folding as a reader does (RFC 5545 3.1): CRLF followed by one space is removed. */
const unfold = (folded: string) => folded.replace(/\r\n /g, '');

describe('iCalendar TEXT escaping', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(text('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(text('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
    expect(text('Quote: "we need it by Q3"')).toBe('Quote: "we need it by Q3"');
  });

  it('drops control characters TEXT may not hold, but keeps tabs', () => {
    expect(text('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });
});

describe('iCalendar line folding', () => {
  it('leaves lines of up to 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds longer lines into 75-octet first lines and space + 74 octet continuations', () => {
    const folded = foldLine('D'.repeat(200));
    const lines = folded.split('\r\n');
    expect(lines.map(octets)).toEqual([75, 75, 52]); // 75 + 74 + 51 characters
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe('D'.repeat(200));
  });

  it('counts octets, not characters, and never splits a multi-byte character', () => {
    // é is 2 octets, € 3, 😀 4 (a surrogate pair in JavaScript).
    for (const unit of ['é', '€', '😀', 'aé€😀']) {
      const line = `DESCRIPTION:${unit.repeat(60)}`;
      const folded = foldLine(line);
      for (const physical of folded.split('\r\n')) {
        expect(octets(physical)).toBeLessThanOrEqual(75);
        // A split sequence would decode to U+FFFD.
        expect(new TextDecoder().decode(new TextEncoder().encode(physical))).not.toContain('\ufffd');
        expect(physical).not.toMatch(/[\ud800-\udbff]$/);
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('folds whole content lines including the name and parameters', () => {
    const line = contentLine({ name: 'SUMMARY', params: { LANGUAGE: 'fr' }, value: text('Réunion, démo; suite\n'.repeat(5)) });
    expect(line.split('\r\n')[0]).toStartWith('SUMMARY;LANGUAGE=fr:Réunion\\, démo\\; suite\\n');
    expect(line.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);
  });
});

describe('iCalendar values and objects', () => {
  it('writes UTC date-times with a Z and whole seconds', () => {
    expect(utcDateTime(Date.UTC(2026, 0, 5, 9, 3, 7, 999))).toBe('20260105T090307Z');
    expect(utcDateTime(Date.UTC(999, 11, 31, 23, 59, 59))).toBe('09991231T235959Z');
  });

  it('writes dates as eight digits and refuses anything else', () => {
    expect(date('2026-01-05')).toBe('20260105');
    expect(() => date('2026-1-5')).toThrow(RangeError);
  });

  it('ends every line, the last one included, with CRLF and nests components', () => {
    const out = writeIcal({
      name: 'VCALENDAR',
      properties: [{ name: 'VERSION', value: '2.0' }],
      components: [{ name: 'VEVENT', properties: [{ name: 'UID', value: 'a@carnet' }] }],
    });
    expect(out).toBe('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@carnet\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
