#!/usr/bin/env node
// `npm test`: every suite, then one closing line "N passed, N failed" with the totals.
//   1. vitest: unit, property, integration and end-to-end tests (Node; the relay and
//      Chromium are started as real processes by the tests that need them);
//   2. bun test: the relay's own unit tests under sync-server/test (they need bun:sqlite).
// Extra arguments go to vitest (e.g. `npm test -- tests/unit/store`); with arguments, the bun
// suite runs only if they name sync-server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'carnet-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
// Names of what failed, printed again just above the totals so that a log's tail says which.
const failures = [];

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

// 1. vitest
const vitestArgs = args.filter((a) => !a.startsWith('sync-server'));
if (args.length === 0 || vitestArgs.length > 0) {
  const report = join(dir, 'vitest.json');
  const status = run(join(root, 'node_modules/.bin/vitest'), ['run', ...vitestArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    // A file that failed to load has no failing test of its own: count it as one failure.
    const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + brokenFiles;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    for (const file of r.testResults) {
      const where = file.name.replace(root, '');
      const failed = file.assertionResults.filter((a) => a.status === 'failed');
      for (const a of failed) failures.push(`${where} > ${a.fullName}: ${(a.failureMessages[0] ?? '').split('\n')[0]}`);
      if (file.status === 'failed' && failed.length === 0) failures.push(`${where}: ${(file.message ?? '').split('\n')[0]}`);
    }
    if (status !== 0 && r.numFailedTests + brokenFiles === 0) totals.failed += 1;
  } else {
    totals.failed += 1;
  }
}

// 2. bun test (the relay's unit tests)
const relayTests = join(root, 'sync-server/test');
if (existsSync(relayTests) && (args.length === 0 || args.some((a) => a.startsWith('sync-server')))) {
  const junit = join(dir, 'bun.xml');
  const status = run(join(root, 'node_modules/.bin/bun'), ['test', './sync-server/test', '--reporter=junit', `--reporter-outfile=${junit}`]);
  const xml = existsSync(junit) ? readFileSync(junit, 'utf8') : '';
  const head = /<testsuites[^>]*\btests="(\d+)"[^>]*\bfailures="(\d+)"[^>]*\bskipped="(\d+)"/.exec(xml);
  if (head) {
    const [tests, failedCount, skipped] = head.slice(1).map(Number);
    totals.passed += tests - failedCount - skipped;
    totals.failed += failedCount;
    totals.skipped += skipped;
    if (status !== 0 && failedCount === 0) totals.failed += 1;
    for (const m of xml.matchAll(/<testcase[^>]*\bname="([^"]*)"[^>]*\bfile="([^"]*)"[^>]*>\s*<failure/g)) failures.push(`${m[2]} > ${m[1]}`);
  } else {
    totals.failed += 1;
  }
}

rmSync(dir, { recursive: true, force: true });
if (failures.length > 0) {
  console.log('\nFailed:');
  for (const line of failures) console.log(`  ${line}`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
