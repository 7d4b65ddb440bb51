// Bench results merge by (bench, dataset, metric) so separate runs add up, and RESULTS.md
// shows each target as met or MISSED with the notes that explain it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addNote, meetsTarget, recordResults, type BenchResult } from '../../../bench/lib/results.ts';

const row = (metric: string, value: number | null, extra: Partial<BenchResult> = {}): BenchResult => ({
  bench: 'layouts', dataset: 'M', metric, value, unit: 'ms', ...extra,
});

describe('bench results', () => {
  it('merges runs by bench, dataset and metric instead of erasing earlier ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
    const paths = { jsonPath: join(dir, 'results.json'), markdownPath: join(dir, 'RESULTS.md') };
    recordResults([row('load all', 100), row('create all', 50)], paths);
    recordResults([row('load all', 80), row('load all', 900, { dataset: 'L' })], paths);
    recordResults([row('open', 5, { bench: 'browser' })], paths);
    // results.json is the array the issues specify; the machine and notes sit beside it.
    const results = JSON.parse(readFileSync(paths.jsonPath, 'utf8'));
    expect(Array.isArray(results)).toBe(true);
    const values = results.map((r: BenchResult) => `${r.bench}/${r.dataset}/${r.metric}=${r.value}`);
    expect(values).toEqual(['layouts/M/load all=80', 'layouts/M/create all=50', 'layouts/L/load all=900', 'browser/M/open=5']);
    const side = JSON.parse(readFileSync(join(dir, 'results-notes.json'), 'utf8'));
    expect(side.machine.cores).toBeGreaterThan(0);
  });

  it('judges targets in the right direction and counts a missing value as a miss', () => {
    expect(meetsTarget(row('load', 90, { target: 100 }))).toBe(true);
    expect(meetsTarget(row('load', 110, { target: 100 }))).toBe(false);
    expect(meetsTarget(row('hit rate', 0.9, { target: 0.8, higherIsBetter: true }))).toBe(true);
    expect(meetsTarget(row('load', null, { target: 100, status: 'timeout after 60 s' }))).toBe(false);
    expect(meetsTarget(row('load', 5))).toBeUndefined();
  });

  it('renders a table per bench with MISSED rows, peers and notes that replace or clear each other by key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
    const paths = { jsonPath: join(dir, 'results.json'), markdownPath: join(dir, 'RESULTS.md') };
    recordResults([row('create per record', 0.5, { target: 0.33, peers: { automerge: 1.4 } }), row('merge', null, { target: 1000, status: 'timeout after 60 s' })], paths);
    addNote({ bench: 'layouts', dataset: 'M', key: 'why', text: 'first explanation' }, paths);
    addNote({ bench: 'layouts', dataset: 'M', key: 'why', text: 'CPU shared with another job' }, paths);
    const md = readFileSync(paths.markdownPath, 'utf8');
    expect(md).toContain('## layouts');
    expect(md).toMatch(/\| create per record \| 0\.5 ms \| ≤ 0\.33 ms \| \*\*MISSED\*\* \| automerge: 1\.4 ms \|/);
    expect(md).toContain('— (timeout after 60 s)');
    expect(md).toContain('CPU shared with another job');
    expect(md).not.toContain('first explanation');
    expect(md).toContain('## Machine');
  });
});
