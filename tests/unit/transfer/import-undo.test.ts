import { describe, expect, it } from 'vitest';
import {
  applyImport, importFile, ImportUndo, isTransferError, planImport, prepareImport, readSource, storeDuplicateIndex, suggestMapping,
  TransferErrorCode, writeCsv,
} from '@carnet/transfer';
import { allRows, noYield, utf8, workspaceStore } from './helpers.ts';

async function seeded() {
  const store = await workspaceStore();
  const jean = await store.create('contacts', { firstName: 'Jean', lastName: 'Dupont', emails: ['jean@acme.fr'], city: 'Lyon', tags: ['client'] });
  return { store, jean };
}

const CSV = utf8(writeCsv(['First Name', 'Last Name', 'Email', 'City', 'Company', 'Tags'], [
  ['Jean', 'Dupont', 'jean@acme.fr', 'Paris', 'Acme SAS', 'vip'],
  ['Ada', 'Lovelace', 'ada@engine.uk', 'London', 'Analytical Engines', ''],
  ['Grace', 'Hopper', 'grace@navy.mil', 'Arlington', 'Acme', ''],
]));

const visible = (rows: Record<string, unknown>[]) => rows.map(({ updatedAt: _u, ...rest }) => rest);

describe('undo of a whole import', () => {
  it('soft-deletes what the import created (companies included) and restores what it updated, in one call', async () => {
    const { store, jean } = await seeded();
    const before = visible(await allRows(store, 'contacts', 'id'));
    const { report, undo } = await importFile(store, CSV, { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    expect(report).toMatchObject({ created: 2, updated: 1, companiesCreated: 2 });
    expect(await store.get('contacts', jean.id)).toMatchObject({ city: 'Paris', tags: ['client', 'vip'] });

    const result = await undo.undo({ yieldToHost: noYield });
    expect(result).toEqual({ deleted: 4, restored: 1, keptFields: 0 });
    expect(visible(await allRows(store, 'contacts', 'id'))).toEqual(before);
    expect(await store.count('companies')).toBe(0);
    expect(await store.count('companies', 'deleted')).toBe(2);
    expect(await store.count('contacts', 'deleted')).toBe(2);
    expect(undo.undone).toBe(true);
  });

  it("keeps a teammate's later edit of a field the import wrote, and restores the other fields", async () => {
    const { store, jean } = await seeded();
    const { undo } = await importFile(store, CSV, { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    await store.update('contacts', jean.id, { city: 'Marseille' });
    const result = await undo.undo({ yieldToHost: noYield });
    expect(result.keptFields).toBe(1);
    expect(await store.get('contacts', jean.id)).toMatchObject({ city: 'Marseille', tags: ['client'], companyId: null });
  });

  it('can be run after a reload from the JSON it keeps, and only once', async () => {
    const { store, jean } = await seeded();
    const { undo } = await importFile(store, CSV, { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    const saved = JSON.parse(JSON.stringify(undo.changes));
    const again = new ImportUndo(store, saved);
    await again.undo({ yieldToHost: noYield });
    expect(await store.get('contacts', jean.id)).toMatchObject({ city: 'Lyon' });
    expect(await store.count('contacts')).toBe(1);
    const error = await again.undo().catch((e) => e);
    expect(isTransferError(error, TransferErrorCode.AlreadyUndone)).toBe(true);
  });

  it('restores the original values of a record two rows of the file updated', async () => {
    const { store, jean } = await seeded();
    const csv = utf8(writeCsv(['Email', 'City', 'Job Title'], [['jean@acme.fr', 'Paris', 'CEO'], ['jean@acme.fr', 'Nantes', '']]));
    const { report, undo } = await importFile(store, csv, { collection: 'contacts', duplicates: 'update', yieldToHost: noYield });
    expect(report.updated).toBe(2);
    expect(await store.get('contacts', jean.id)).toMatchObject({ city: 'Nantes', title: 'CEO' });
    await undo.undo({ yieldToHost: noYield });
    expect(await store.get('contacts', jean.id)).toMatchObject({ city: 'Lyon', title: null });
  });

  it('reverts what a cancelled import had done', async () => {
    const { store } = await seeded();
    const rows = Array.from({ length: 50 }, (_, i) => [`P${i}`, `p${i}@x.fr`]);
    const signal = { aborted: false };
    let batches = 0;
    const { report, undo } = await importFile(store, utf8(writeCsv(['First Name', 'Email'], rows)), {
      collection: 'contacts', duplicates: 'skip', batchSize: 10, signal,
      yieldToHost: async () => {},
      onProgress: (p) => {
        if (p.phase === 'create' && ++batches === 2) signal.aborted = true;
      },
    });
    // The third batch was already handed to the store (the next batch is built while the
    // previous one is stored) when the second was reported: it is stored, reported and undone too.
    expect(report).toMatchObject({ cancelled: true, created: 30 });
    expect(await store.count('contacts')).toBe(31);
    await undo.undo({ yieldToHost: noYield });
    expect(await store.count('contacts')).toBe(1);
  });
});

describe('applying an import', () => {
  it('saves the good rows of a batch the store refuses, one by one, and reports the refused ones', async () => {
    const store = await workspaceStore();
    // Ada's 60 rows fold into one record with 120 tags, more than a list may hold: the store refuses it.
    const rows = [['Ok', 'ok@x.fr', ''], ...Array.from({ length: 60 }, (_, i) => ['Ada', 'ada@engine.uk', `t${i}a; t${i}b`]), ['Fine', 'fine@x.fr', '']];
    const table = await readSource(utf8(writeCsv(['First Name', 'Email', 'Tags'], rows)), { yieldToHost: noYield });
    const prepared = await prepareImport(table, { collection: 'contacts', mapping: suggestMapping('contacts', table.headers), yieldToHost: noYield });
    const plan = await planImport(prepared, await storeDuplicateIndex(store, 'contacts'), { choice: 'update', yieldToHost: noYield });
    const { report } = await applyImport(store, prepared, plan, { yieldToHost: noYield });
    expect(report).toMatchObject({ created: 2, failed: 1, folded: 59 });
    const refused = report.issues.filter((i) => i.severity === 'error');
    expect(refused.map((i) => `${i.row}:${i.code}`)).toEqual(['3:store_refused']);
    expect(refused[0].params!.message).toMatch(/tags/);
    expect((await allRows(store, 'contacts', 'firstName')).map((r) => r.firstName)).toEqual(['Fine', 'Ok']);
  });

  it('reports progress per batch and yields to the host between batches', async () => {
    const store = await workspaceStore();
    const rows = Array.from({ length: 25 }, (_, i) => [`P${i}`, `p${i}@x.fr`]);
    const phases: string[] = [];
    let yields = 0;
    await importFile(store, utf8(writeCsv(['First Name', 'Email'], rows)), {
      collection: 'contacts', duplicates: 'skip', batchSize: 10,
      yieldToHost: async () => void yields++,
      onProgress: (p) => phases.push(`${p.phase}:${p.done}/${p.total}`),
    });
    expect(phases.filter((p) => p.startsWith('create'))).toEqual(['create:10/25', 'create:20/25', 'create:25/25']);
    expect(phases).toContain('read:' + phases.find((p) => p.startsWith('read'))!.split(':')[1]);
    expect(yields).toBeGreaterThanOrEqual(4);
  });
});
