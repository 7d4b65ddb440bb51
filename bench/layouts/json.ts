// Layout (a): the plain JSON floor. The whole dataset as one JSON string per collection:
// nothing can be smaller or load faster, so every other layout is compared with it.
import { COLLECTIONS } from '@carnet/schema';
import type { DatasetSize } from '../dataset.ts';
import { MB, datasetOf, emit, log, memoryMB, timed } from './measure.ts';

export function run(size: DatasetSize): void {
  const gen = datasetOf(size);
  const generated = timed(() => COLLECTIONS.map((c) => [...gen.records(c)]));
  emit({ what: 'generate dataset', value: generated.ms, unit: 'ms' });
  log(`generated in ${Math.round(generated.ms)} ms`);
  let records: unknown[][] | undefined = generated.result;
  const encoded = timed(() => records!.map((r) => JSON.stringify(r)));
  records = undefined;
  const bytes = encoded.result.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  const count = COLLECTIONS.reduce((sum, c) => sum + gen.counts[c], 0);
  emit({ what: 'encode all', value: encoded.ms, unit: 'ms' });
  emit({ what: 'encoded size', value: bytes / MB, unit: 'MB' });
  emit({ what: 'bytes per record', value: bytes / count, unit: 'B' });
  emit({ what: 'bytes per contact', value: Buffer.byteLength(encoded.result[0]) / gen.counts.contacts, unit: 'B' });
  const before = memoryMB();
  const parsed = timed(() => encoded.result.map((s) => JSON.parse(s) as unknown[]));
  emit({ what: 'load all', value: parsed.ms, unit: 'ms' });
  emit({ what: 'memory loaded', value: memoryMB() - before, unit: 'MB' });
  if (parsed.result.length !== COLLECTIONS.length) throw new Error('unreachable');
}
