// 100,000 contacts from one CSV into a store over MemoryPersistence. The time is measured and
// printed, never asserted (benchmarks are not tests); what is asserted is the outcome: every
// good row imported, every bad row reported with its row number, nothing stored changed.
import { describe, expect, it } from 'vitest';
import { importFile, writeCsvBytes } from '@carnet/transfer';
import { noYield, workspaceStore } from './helpers.ts';

const ROWS = 100_000;
const EXISTING = 200;

function phone(i: number): string {
  const digits = String(i).padStart(8, '0');
  return `+33 6 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6, 8)}`;
}

describe('a 100,000-row import', () => {
  it('imports every good row, reports every bad one, skips duplicates and leaves stored records unchanged', async () => {
    const store = await workspaceStore();
    // 200 stored contacts; the file repeats the first 100 of them (same email).
    const stored = await store.createMany('contacts', Array.from({ length: EXISTING }, (_, i) => ({
      firstName: `Stored${i}`, lastName: 'Client', emails: [`person${i}@acme${i % 500}.fr`], city: 'Paris',
    })));
    const before = JSON.stringify(await store.getMany('contacts', stored.map((r) => r.id)));

    const headers = ['Prénom', 'Nom', 'Adresse e-mail', 'Téléphone mobile', 'Société', 'Ville', 'Score', 'Notes'];
    const rows: string[][] = [];
    for (let i = 100; i < ROWS + 100; i++) {
      // Rows 100..199 of the loop repeat stored contacts 100..199; every 1,000th row has a broken email.
      const email = i % 1_000 === 999 ? `person${i}@broken` : `person${i}@acme${i % 500}.fr`;
      rows.push([`Prénom${i}`, `Nom${i}`, email, phone(i), `Société ${i % 500}`, i % 2 ? 'Lyon' : 'Besançon', String(i % 101), i % 10 ? '' : `ligne 1; "citée"\nligne 2`]);
    }
    const bytes = writeCsvBytes(headers, rows, { separator: ';', bom: true });

    const started = performance.now();
    const { report, table } = await importFile(store, bytes, { collection: 'contacts', duplicates: 'skip', yieldToHost: noYield });
    const elapsed = performance.now() - started;
    console.log(`import of ${ROWS.toLocaleString('en')} contacts (${(bytes.length / 1e6).toFixed(1)} MB CSV) into MemoryPersistence: ${Math.round(elapsed)} ms`);

    expect(table.info).toMatchObject({ encoding: 'utf-8-bom', separator: ';', emptyRows: 0, raggedRows: [] });
    const broken = rows.filter((r) => r[2].endsWith('@broken')).length;
    expect(report).toMatchObject({ totalRows: ROWS, skipped: 100, failed: broken, created: ROWS - 100 - broken, companiesCreated: 500 });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => i.row)).toEqual(
      rows.flatMap((r, index) => (r[2].endsWith('@broken') ? [index + 2] : [])),
    );
    expect(await store.count('contacts')).toBe(EXISTING + ROWS - 100 - broken);
    expect(JSON.stringify(await store.getMany('contacts', stored.map((r) => r.id)))).toBe(before);
    const sample = report.outcomes.find((o) => o.row === 1_002)!;
    expect(await store.get('contacts', sample.id!)).toMatchObject({ firstName: 'Prénom1100', city: 'Besançon', notes: 'ligne 1; "citée"\nligne 2', leadScore: 1100 % 101 });
  }, 600_000);
});
