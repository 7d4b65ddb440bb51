// Proves the import rules in .dependency-cruiser.cjs still fire: a throwaway tree that
// breaks each rule must be reported, the one allowed exception must not be, and the real
// repository must be clean. Without this, a typo in a rule would silently pass everything.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBoundaries, REPO_ROOT, type BoundaryReport } from '../../scripts/boundaries.ts';

/** Fixture files, relative to the fixture root. */
const FIXTURE: Record<string, string> = {
  'packages/schema/src/imports-frameworks.ts': [
    "import 'svelte';",
    "import 'dexie';",
    "import 'elysia';",
    "import '@sveltejs/kit';",
    '',
  ].join('\n'),
  'packages/search/src/imports-builtins.ts': [
    "import 'node:fs';",
    "import 'path';",
    "import 'bun:sqlite';",
    '',
  ].join('\n'),
  'packages/sync/src/imports-app-and-relay.ts': [
    "import '../../../src/lib/app-only.ts';",
    "import '../../../sync-server/src/relay-only.ts';",
    "import '../../store-dexie/src/index.ts';",
    '',
  ].join('\n'),
  'packages/store/src/cycle-a.ts': "import { b } from './cycle-b.ts';\nexport const a = () => b;\n",
  'packages/store/src/cycle-b.ts': "import { a } from './cycle-a.ts';\nexport const b = () => a;\n",
  'packages/store-dexie/src/index.ts': "import Dexie from 'dexie';\nexport const db = Dexie;\n",
  'src/lib/app-only.ts': 'export const appOnly = true;\n',
  'src/lib/broken-import.ts': "import './does-not-exist.ts';\n",
  'sync-server/src/relay-only.ts': 'export const relayOnly = true;\n',
};

let fixtureRoot: string;
let fixtureReport: BoundaryReport;

/** The rule names reported for imports from `from` whose target matches `to`. */
function rulesFor(from: string, to: RegExp): string[] {
  return fixtureReport.violations
    .filter((violation) => violation.from === from && to.test(violation.to))
    .map((violation) => violation.rule.name);
}

beforeAll(async () => {
  fixtureRoot = await mkdtemp(join(tmpdir(), 'carnet-boundaries-'));
  for (const [path, source] of Object.entries(FIXTURE)) {
    const file = join(fixtureRoot, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, source);
  }
  // Real packages resolve exactly as they do in the repository.
  await symlink(resolve(REPO_ROOT, 'node_modules'), join(fixtureRoot, 'node_modules'), 'dir');
  fixtureReport = await checkBoundaries({
    baseDir: fixtureRoot,
    paths: ['packages', 'src', 'sync-server/src'],
  });
}, 120_000);

afterAll(async () => {
  if (fixtureRoot) await rm(fixtureRoot, { recursive: true, force: true });
});

describe('import boundaries', () => {
  it.each([
    ['svelte', /node_modules\/svelte\//],
    ['dexie', /node_modules\/dexie\//],
    ['elysia', /node_modules\/elysia\//],
    ['@sveltejs/kit', /node_modules\/@sveltejs\/kit\//],
  ])('reports a pure package importing %s', (_name, to) => {
    expect(rulesFor('packages/schema/src/imports-frameworks.ts', to)).toContain(
      'pure-packages-no-frameworks',
    );
  });

  it.each([
    ['node:fs', /^(node:)?fs$/, 'pure-packages-no-node-builtins'],
    ['path', /^path$/, 'pure-packages-no-node-builtins'],
    ['bun:sqlite', /^bun:sqlite$/, 'pure-packages-no-bun'],
  ])('reports a pure package importing the runtime module %s', (_name, to, rule) => {
    expect(rulesFor('packages/search/src/imports-builtins.ts', to)).toContain(rule);
  });

  it('reports a pure package importing the app, the relay or the Dexie adapter', () => {
    const from = 'packages/sync/src/imports-app-and-relay.ts';
    expect(rulesFor(from, /^src\/lib\/app-only\.ts$/)).toContain('pure-packages-no-app-or-relay');
    expect(rulesFor(from, /^sync-server\/src\/relay-only\.ts$/)).toContain(
      'pure-packages-no-app-or-relay',
    );
    expect(rulesFor(from, /^packages\/store-dexie\//)).toContain('pure-packages-no-store-dexie');
  });

  it('reports a circular import', () => {
    // dependency-cruiser reports a cycle once, on whichever edge it meets first.
    const reported = [
      ...rulesFor('packages/store/src/cycle-a.ts', /cycle-b\.ts$/),
      ...rulesFor('packages/store/src/cycle-b.ts', /cycle-a\.ts$/),
    ];
    expect(reported).toContain('no-circular');
  });

  it('reports an import that cannot be resolved', () => {
    expect(rulesFor('src/lib/broken-import.ts', /does-not-exist/)).toContain('no-unresolvable');
  });

  it('lets packages/store-dexie import dexie', () => {
    expect(rulesFor('packages/store-dexie/src/index.ts', /dexie/)).toEqual([]);
  });

  it('finds no violation in the repository', async () => {
    const report = await checkBoundaries();
    expect(report.violations, report.text).toEqual([]);
  }, 120_000);
});
