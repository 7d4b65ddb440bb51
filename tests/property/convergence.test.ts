// Convergence, proven: many seeded random runs of 3-6 peers over a lossy, reordering,
// duplicating, partitioning network must end with identical rows, search answers and doc
// states everywhere, equal to a fresh peer that replays every update. A failing run prints
// its seed and operation log; every seed that ever failed is pinned below by name.
//   CARNET_FUZZ_SEEDS=n   run n seeds instead of the default
//   CARNET_FUZZ_SEED=s    run only seed s (replay)
//   CARNET_FUZZ_OPS=n     operations per run
import { failureReport, runFuzz, type FuzzOptions } from './fuzz.ts';
import { describe, expect, it } from 'vitest';

const DEFAULT_SEEDS = 30;
const seedCount = Number(process.env.CARNET_FUZZ_SEEDS ?? DEFAULT_SEEDS);
const operations = Number(process.env.CARNET_FUZZ_OPS ?? 150);
const only = process.env.CARNET_FUZZ_SEED === undefined ? undefined : Number(process.env.CARNET_FUZZ_SEED);

async function expectConvergence(seed: number, options: FuzzOptions): Promise<void> {
  const result = await runFuzz(seed, options);
  if (result.problems.length) expect.fail(failureReport(result, options));
}

describe('convergence of random peers over an unreliable network', () => {
  const seeds = only !== undefined ? [only] : Array.from({ length: seedCount }, (_, i) => 1_000 + i * 7_919);
  for (const seed of seeds) {
    it(`seed ${seed}: ${operations} random operations converge on every peer`, async () => {
      await expectConvergence(seed, { operations, editorRaces: false });
    }, 60_000 + operations * 400);
  }
});

// Every seed that ever failed, with what it found. They replay exactly (see seeded-crypto.ts).
describe('pinned seeds', () => {
  it('seed 56433 (remote updates pending across two batches stay pending for ever on one peer)', async () => {
    await expectConvergence(56433, { operations: 150 });
  }, 60_000);

  it('seed 16838 (a text edit through store.update splits an emoji)', async () => {
    await expectConvergence(16838, { operations: 150, splitSurrogates: true });
  }, 60_000);

  it('seed 1111 (typing in an editor while a write of the same record is in flight)', async () => {
    await expectConvergence(1111, { operations: 150, editorRaces: true });
  }, 60_000);
});
