// @carnet/transfer runs in the browser (the app), in a worker and in Bun (the relay's CLI), so
// it stays as pure as the other shared packages: the repository's import rules cover it, and
// it bundles for the browser with all its dependencies, none of which needs Node.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, REPO_ROOT } from '../../../scripts/boundaries.ts';

describe('@carnet/transfer purity', () => {
  it('breaks none of the import rules of pure packages (and they apply to it)', async () => {
    const { violations } = await checkBoundaries({ paths: ['packages/transfer'] });
    expect(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(`${REPO_ROOT}/.dependency-cruiser.cjs`, 'utf8')).toMatch(/PURE_PACKAGES = '[^']*\btransfer\b/);
  });

  it('bundles for the browser with every dependency, without a Node builtin', async () => {
    const result = await build({
      entryPoints: [`${REPO_ROOT}/packages/transfer/src/index.ts`],
      bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', minify: true,
    });
    expect(result.errors).toEqual([]);
    const size = result.outputFiles[0].contents.length;
    console.log(`@carnet/transfer browser bundle (with schema, store, yjs, valibot, read/write-excel-file): ${(size / 1024).toFixed(0)} KiB minified`);
  });

  it('bundles its PDF entry (jsPDF) for the browser apart from the main entry, without a Node builtin', async () => {
    const result = await build({
      entryPoints: [`${REPO_ROOT}/packages/transfer/src/pdf/index.ts`],
      bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', minify: true, splitting: true, outdir: 'out',
    });
    expect(result.errors).toEqual([]);
    const entry = result.outputFiles.find((f) => f.path.endsWith('/out/index.js'))!;
    console.log(`@carnet/transfer/pdf browser bundle (jsPDF and its lazily loaded optional parts apart): ${(entry.contents.length / 1024).toFixed(0)} KiB minified`);
  });
});
