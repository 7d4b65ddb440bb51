// Layout (b): one Y.Doc per collection, a nested Y.Map per record (the naive layout DESIGN.md
// rejects). Everything lives in four huge docs that must be loaded whole.
import * as Y from 'yjs';
import { COLLECTIONS } from '@carnet/schema';
import type { DatasetSize } from '../dataset.ts';
import { MB, datasetOf, emit, log, memoryMB, timed } from './measure.ts';

export function run(size: DatasetSize): void {
  const gen = datasetOf(size);
  let count = 0;
  const built = timed(() =>
    COLLECTIONS.map((collection) => {
      const doc = new Y.Doc();
      const root = doc.getMap<Y.Map<unknown>>('records');
      doc.transact(() => {
        for (const { id, ...fields } of gen.records(collection)) {
          const map = new Y.Map<unknown>();
          for (const [key, value] of Object.entries(fields)) map.set(key, value);
          root.set(id, map);
          count++;
        }
      });
      const update = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return update;
    }),
  );
  emit({ what: 'create all', value: built.ms, unit: 'ms' });
  log(`built and encoded in ${Math.round(built.ms)} ms`);
  const bytes = built.result.reduce((sum, u) => sum + u.byteLength, 0);
  emit({ what: 'encoded size', value: bytes / MB, unit: 'MB' });
  emit({ what: 'bytes per record', value: bytes / count, unit: 'B' });
  const before = memoryMB();
  const loaded = timed(() =>
    built.result.map((update) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      return doc;
    }),
  );
  emit({ what: 'load all', value: loaded.ms, unit: 'ms' });
  log(`loaded in ${Math.round(loaded.ms)} ms`);
  emit({ what: 'memory loaded', value: memoryMB() - before, unit: 'MB' });
  if (loaded.result[0].getMap('records').size !== gen.counts.contacts) throw new Error('contacts missing after load');
}
