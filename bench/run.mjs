// `npm run bench [-- S|M|L] [--only name,name] [other flags passed to each bench]`
// Runs the benchmarks in order on one dataset (default L) and leaves bench/results.json and
// bench/RESULTS.md. A bench is one entry in BENCHES: a TypeScript script run with tsx that takes
// the dataset as argument and records its figures with bench/lib/results.ts. A bench that fails
// is noted in RESULTS.md and the others still run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  { name: 'layouts', script: 'bench/node-layouts.ts' },
  { name: 'browser-store', script: 'bench/browser/store-bench.ts' },
  { name: 'relay', script: 'bench/relay/relay-bench.ts' },
  { name: 'app', script: 'bench/browser/app-bench.ts' },
  { name: 'reports', script: 'bench/reports-bench.ts' },
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;
const SIZES = ['S', 'M', 'L'];

function parseArgs(argv) {
  let dataset = 'L';
  let only;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (SIZES.includes(arg.toUpperCase())) dataset = arg.toUpperCase();
    else if (arg === '--only') only = argv[++i]?.split(',');
    else if (arg.startsWith('--only=')) only = arg.slice(7).split(',');
    else rest.push(arg);
  }
  return { dataset, only, rest };
}

function tsx(args) {
  return spawnSync(TSX, args, { cwd: ROOT, stdio: 'inherit' });
}

const { dataset, only, rest } = parseArgs(process.argv.slice(2));
const selected = BENCHES.filter((b) => !only || only.includes(b.name));
const unknown = (only ?? []).filter((name) => !BENCHES.some((b) => b.name === name));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.name).join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const bench of selected) {
  if (!existsSync(`${ROOT}${bench.script}`)) {
    console.error(`bench ${bench.name}: ${bench.script} not found, skipped`);
    continue;
  }
  console.log(`\n=== bench ${bench.name} on dataset ${dataset} ===`);
  const started = Date.now();
  const run = tsx([bench.script, dataset, ...rest]);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) {
    failed++;
    const why = run.error ? run.error.message : `exit ${run.status ?? run.signal}`;
    console.error(`bench ${bench.name} failed after ${seconds} s (${why})`);
    tsx(['bench/lib/results-cli.ts', 'note', bench.name, dataset, 'run-failure', `The ${bench.name} bench failed after ${seconds} s (${why}); its figures for ${dataset} may be missing or older.`]);
  } else {
    console.log(`bench ${bench.name} done in ${seconds} s`);
  }
}
tsx(['bench/lib/results-cli.ts', 'render']);
console.log(`\nbench/results.json and bench/RESULTS.md updated (${selected.length - failed}/${selected.length} benches ok)`);
process.exit(failed ? 1 : 0);
