// Runs dependency-cruiser with .dependency-cruiser.cjs through its JavaScript API.
// The dependency-cruiser CLI refuses to start on Node 20 (it asserts Node 22+), while its
// API runs fine here; this module is what `npm run check:boundaries` and
// tests/integration/boundaries.test.ts both call, so they check the same rules the same way.
import { cruise, format, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_FILE = resolve(REPO_ROOT, '.dependency-cruiser.cjs');
/** What `npm run check:boundaries` cruises, relative to the repository root. */
export const CHECKED_PATHS = ['packages', 'sync-server/src', 'src'];

/** SvelteKit's import aliases (kit.alias defaults), for the resolver. */
const SVELTEKIT_ALIASES = { $lib: resolve(REPO_ROOT, 'src/lib') };

export interface BoundaryReport {
  violations: IViolation[];
  /** Human-readable report in dependency-cruiser's `err` format. */
  text: string;
}

/**
 * Cruises `paths` (relative to `baseDir`, the repository root by default) against the
 * repository's rules, so a fixture directory elsewhere is checked like the real tree.
 */
export async function checkBoundaries(
  options: { baseDir?: string; paths?: string[] } = {},
): Promise<BoundaryReport> {
  const cruiseOptions = await extractDepcruiseOptions(CONFIG_FILE);
  cruiseOptions.baseDir = options.baseDir ?? REPO_ROOT;
  cruiseOptions.validate = true;

  const result = await cruise(options.paths ?? CHECKED_PATHS, cruiseOptions, {
    alias: SVELTEKIT_ALIASES,
  });
  const output = result.output as ICruiseResult;
  const text = (await format(output, { outputType: 'err' })).output as string;
  return { violations: output.summary.violations, text };
}
