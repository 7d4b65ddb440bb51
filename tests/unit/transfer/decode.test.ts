import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, encodeWindows1252, readCsv } from '@carnet/transfer';
import { fixture, utf16, utf8 } from './helpers.ts';

const SAMPLE = 'Prénom;Nom;Société\r\nFrançois;Lœwe;Œuvres & Co — “devis” 12 €\r\n';

describe('encoding detection', () => {
  it('reads plain ASCII as UTF-8 and says why', () => {
    expect(decodeText(utf8('a,b\r\n1,2\r\n'))).toMatchObject({ encoding: 'utf-8', evidence: 'ascii' });
  });

  it('reads valid UTF-8 without BOM as UTF-8', () => {
    expect(decodeText(utf8(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8', evidence: 'valid_utf8' });
  });

  it('strips a UTF-8 byte order mark and reports it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8-bom', evidence: 'bom' });
  });

  it('reads UTF-16 little- and big-endian with a BOM', () => {
    expect(decodeText(utf16(SAMPLE, 'le', true))).toEqual({ text: SAMPLE, encoding: 'utf-16le', evidence: 'bom' });
    expect(decodeText(utf16(SAMPLE, 'be', true))).toEqual({ text: SAMPLE, encoding: 'utf-16be', evidence: 'bom' });
  });

  it('recognises UTF-16 without a BOM from its zero bytes', () => {
    expect(decodeText(utf16(SAMPLE, 'le', false))).toEqual({ text: SAMPLE, encoding: 'utf-16le', evidence: 'zero_bytes' });
    expect(decodeText(utf16(SAMPLE, 'be', false))).toEqual({ text: SAMPLE, encoding: 'utf-16be', evidence: 'zero_bytes' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, euro sign and curly quotes included', () => {
    const bytes = encodeWindows1252(SAMPLE);
    expect(bytes.length).toBe(SAMPLE.length);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'windows-1252', evidence: 'invalid_utf8' });
  });

  it('decodes every Windows-1252 byte as browsers do (0x80–0x9F included, unlike Node 20 TextDecoder)', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect(text[0x80]).toBe('€');
    expect(text[0x92]).toBe('’');
    expect(text[0x9c]).toBe('œ');
    expect(text[0xe9]).toBe('é');
    expect(encodeWindows1252(text)).toEqual(all);
  });

  it('lets the user force an encoding the detection got wrong', () => {
    // "Ã©" is what UTF-8 "é" looks like through Windows-1252 eyes.
    expect(decodeText(utf8('é'), { encoding: 'windows-1252' })).toEqual({ text: 'Ã©', encoding: 'windows-1252', evidence: 'chosen' });
  });

  it('reads the same contacts from a CSV in every encoding', async () => {
    const encodings = [utf8(SAMPLE), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]), utf16(SAMPLE, 'le', true), utf16(SAMPLE, 'be', false), encodeWindows1252(SAMPLE)];
    for (const bytes of encodings) {
      const table = await readCsv(bytes, { yieldToHost: async () => {} });
      expect(table.headers).toEqual(['Prénom', 'Nom', 'Société']);
      expect(table.rows.map((r) => r.cells)).toEqual([['François', 'Lœwe', 'Œuvres & Co — “devis” 12 €']]);
    }
  });

  it('detects the Windows-1252 Outlook export committed as a fixture', async () => {
    const table = await readCsv(fixture('outlook-fr-contacts.csv'), { yieldToHost: async () => {} });
    expect(table.info).toMatchObject({ encoding: 'windows-1252', separator: ';' });
    expect(table.rows[1].cells.slice(0, 2)).toEqual(['Lœwe', 'Jérôme']);
    expect(table.rows[0].cells[5]).toBe('Société Générale d’Études');
  });
});
