// Bench `app`: the built Carnet app (build/, served by the real relay) in real Chromium with
// the whole workspace of a dataset, measured the way a rep meets it.
//
//   npx tsx bench/browser/app-bench.ts [S|M|L] [--only bootstrap,cold,scroll,record,kanban,palette,remote]
//       [--work-dir DIR] [--keep] [--no-record] [--cpu-profile cold,scroll,record,kanban,palette]
//       [--cold-runs 3] [--opens 20] [--board-opens 5] [--edits 40] [--scroll-rows 10000] [--rows-per-frame 4]
//
// Build the app first (`flock /tmp/carnet-build.lock npm run build`). The relay runs on a copy
// of the relay bench's seeded DATA_DIR (bench/app/fixture.ts), one persistent Chromium profile
// per person. Steps, in order, each after the page is quiet and the machine's load noted:
//   bootstrap — fresh profile, sign in through /login → bundle in IndexedDB, live, contacts counted.
//   cold      — a reload, then browser restarts on the same profile: /contacts from navigation
//               start to rows painted, and to interactive (5 s without a long task after them).
//   scroll    — the contacts table through 10,000 rows, 4 rows per animation frame: long tasks.
//   record    — a click on a contact in the list → its fields and activity timeline painted.
//   kanban    — a click on Deals in the navigation → the board's columns and first cards painted.
//   palette   — Ctrl+K and names of the dataset typed key by key: keydown → results painted.
//   remote    — a rep signs in on a second browser (a second bootstrap), both on one contact
//               page, then on one deal page (a control); the owner's edits (Enter) → painted
//               in the rep's field.
// With --work-dir the relay data and profiles are kept between runs (--keep), so the later
// steps can be rerun without a new bootstrap. Figures: bench/results.json, bench/RESULTS.md;
// raw runs: bench/.cache/app-<size>.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASET_COUNTS, createDataset, isDatasetSize, type DatasetSize } from '../dataset.ts';
import { recordResults } from '../lib/results.ts';
import { ROOT, killAllChildren, summary } from '../relay/lib.ts';
import { cpuProfiled, launchApp, submitLogin, waitLive, type AppBrowser } from '../app/browser.ts';
import { MEMBER, OWNER_PERSON, copySeed, ensureMember, ensureSeed, startRelay } from '../app/fixture.ts';
import { measureBootstrap, measureColdOpen, restart, type ColdOpenRun } from '../app/open.ts';
import { browsersIdle, quietMachine } from '../app/machine.ts';
import { settle } from '../app/probe.ts';
import { measureRemoteEdits, type EditTarget } from '../app/remote.ts';
import { DEALS_LINK, ROW_LINK, diagnoseClick, measureBoardOpens, measurePalette, measureRecordOpens, measureScroll, onContacts } from '../app/screens.ts';
import { IDB_TIMELINE_SOURCE, breakdown, describeBreakdown, distinctUpdatedAt } from '../app/diagnose.ts';
import { sourceVersion, toResults, type Raw, type RemoteRun } from '../app/report.ts';

const STEPS = ['bootstrap', 'cold', 'scroll', 'record', 'kanban', 'palette', 'remote'] as const;
type Step = (typeof STEPS)[number];
const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));

// ---- arguments -------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const sizeArg = argv.find((a, i) => isDatasetSize(a.toUpperCase()) && !argv[i - 1]?.startsWith('--'))?.toUpperCase() ?? 'L';
if (!isDatasetSize(sizeArg)) throw new Error(`unknown dataset ${sizeArg}`);
const SIZE: DatasetSize = sizeArg;
const only = option('--only', STEPS.join(',')).split(',');
const unknownSteps = only.filter((s) => !(STEPS as readonly string[]).includes(s));
if (unknownSteps.length) {
  console.error(`unknown step: ${unknownSteps.join(',')} (known: ${STEPS.join(',')})`);
  process.exit(2);
}
const wants = (step: Step) => only.includes(step);
const RECORD = !flag('--no-record');
const KEEP = flag('--keep');
const PROFILE_STEPS = new Set(option('--cpu-profile', '').split(',').filter(Boolean));
const COLD_RUNS = Number(option('--cold-runs', '3'));
const OPENS = Number(option('--opens', '20'));
const BOARD_OPENS = Number(option('--board-opens', '5'));
const EDITS = Number(option('--edits', '40'));
const SCROLL_ROWS = Number(option('--scroll-rows', '10000'));
const ROWS_PER_FRAME = Number(option('--rows-per-frame', '4'));
const TYPING_DELAY_MS = 120;

const started = Date.now();
const log = (...args: unknown[]) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s]`, ...args);

/** The version of the build in `dir` (its _app/version.json). */
const buildVersion = (dir: string) => {
  try {
    return (JSON.parse(readFileSync(join(dir, '_app/version.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
};

const profileFile = (step: string) => (PROFILE_STEPS.has(step) ? join(CACHE_DIR, `app-${step}-${SIZE}.cpuprofile`) : null);

/** Queries a rep would type: contacts' full names and companies' names from the dataset, lowercase and without accents. */
function paletteQueries(size: DatasetSize): string[] {
  const data = createDataset(size);
  const { contacts, companies } = DATASET_COUNTS[size];
  const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const names = Array.from({ length: 10 }, (_, i) => {
    const c = data.contact((i * 7_919 + 11) % contacts);
    return plain(`${c.firstName} ${c.lastName}`);
  });
  const firms = Array.from({ length: 4 }, (_, i) => plain(data.company((i * 1_543 + 5) % companies).name.replace(/ \S+$/, '')));
  return [...names, ...firms];
}

// ---- run -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  log(`app bench, dataset ${SIZE}, steps ${only.join(',')}`);
  const workDir = resolve(option('--work-dir', join(tmpdir(), `carnet-app-bench-${SIZE}-${process.pid}`)));
  mkdirSync(workDir, { recursive: true });
  const relayDir = join(workDir, 'relay');
  const { dir: seedDir, info } = ensureSeed(SIZE, log);
  if (!existsSync(relayDir)) {
    log(`copying ${seedDir} to ${relayDir}`);
    copySeed(seedDir, relayDir);
  }
  // The relay serves a copy of build/ taken now: others may rebuild build/ during a long run.
  const appDir = join(workDir, 'app');
  if (!existsSync(join(ROOT, 'build/index.html'))) throw new Error('build the app first: npm run build');
  rmSync(appDir, { recursive: true, force: true });
  execFileSync('cp', ['-r', join(ROOT, 'build'), appDir]);
  const relay = await startRelay(relayDir, appDir);
  log(`relay pid ${relay.pid} on ${relay.url}`);
  relay.child.once('exit', (code, signal) => log(`relay exited (${code ?? signal}); its last output:\n${relay.output().slice(-3_000)}`));
  const raw: Raw = { size: SIZE, loads: {}, seed: info, workDir, source: sourceVersion(), build: { atStart: buildVersion(appDir) } };
  const counts = DATASET_COUNTS[SIZE];
  const ownerProfile = join(workDir, 'profile-owner');
  const memberProfile = join(workDir, 'profile-member');
  let owner: AppBrowser | null = null;
  let member: AppBrowser | null = null;
  /** Before a step: the bench's browsers idle (storage compaction done), then the machine quiet. */
  const ready = async (step: string, profiles: string[]) => {
    const idle = await browsersIdle(profiles);
    raw.loads[step] = `${await quietMachine()}${idle.idle ? '' : ', browsers still busy after 15 min'}`;
    log(`${step}: browsers idle after ${Math.round(idle.waitedMs / 1000)} s, load ${raw.loads[step]}`);
  };
  try {
    await ensureMember(relay.url, info.workspaceId);

    if (wants('bootstrap') || !existsSync(ownerProfile)) {
      rmSync(ownerProfile, { recursive: true, force: true });
      await ready('bootstrap', []);
      owner = await launchApp(ownerProfile, log, 'owner');
      raw.bootstrap = await measureBootstrap(owner, relay.url, OWNER_PERSON, counts.contacts, log);
      log('  ', JSON.stringify(raw.bootstrap));
    }
    if (!owner) owner = await launchApp(ownerProfile, log, 'owner');

    if (wants('cold')) {
      await ready('cold', [ownerProfile]);
      const runs: ColdOpenRun[] = [];
      if (owner.page.url().includes('/contacts')) {
        runs.push(await measureColdOpen(owner, relay.url, 'reload'));
        log('  ', JSON.stringify(runs.at(-1)));
      }
      for (let i = 0; i < COLD_RUNS; i++) {
        if (i > 0) await browsersIdle([ownerProfile]);
        owner = await restart(owner, log, 'owner');
        runs.push(await measureColdOpen(owner, relay.url, 'browser restart'));
        log('  ', JSON.stringify(runs.at(-1)));
      }
      raw.cold = runs;
      // An extra run, not counted, with the IndexedDB timeline (and the CPU profiler when
      // asked; it attaches on a static file of the app's origin so that it samples the renderer
      // the app then runs in). Then a clean restart for the next steps.
      await browsersIdle([ownerProfile]);
      owner = await restart(owner, log, 'owner', IDB_TIMELINE_SOURCE);
      await owner.page.goto(`${relay.url}/favicon.svg`);
      const { result, top } = await cpuProfiled(owner.page, profileFile('cold'), () => measureColdOpen(owner!, relay.url, 'browser restart'));
      raw.coldBreakdown = await breakdown(owner.page, 0, result.rowsMs);
      raw.ties = await distinctUpdatedAt(owner.page, `carnet-${info.userId}-${info.workspaceId}`);
      if (top.length) raw.coldProfile = top;
      log('   diagnostic run (not counted):', describeBreakdown(raw.coldBreakdown, 30), top.length ? `\n    ${top.join('\n    ')}` : '');
      await browsersIdle([ownerProfile]);
      owner = await restart(owner, log, 'owner');
    }

    if (!owner.page.url().includes('/contacts')) await owner.page.goto(`${relay.url}/contacts`);
    await onContacts(owner.page);
    await waitLive(owner.page);
    log('owner on /contacts, live');

    if (wants('scroll')) {
      await ready('scroll', [ownerProfile]);
      const { result, top } = await cpuProfiled(owner.page, profileFile('scroll'), () => measureScroll(owner!.page, SCROLL_ROWS, ROWS_PER_FRAME));
      raw.scroll = result;
      if (top.length) raw.scrollProfile = top;
      log('  ', JSON.stringify(result));
    }

    if (wants('record')) {
      await ready('record', [ownerProfile]);
      const { result, top } = await cpuProfiled(owner.page, profileFile('record'), () => measureRecordOpens(owner!.page, OPENS));
      raw.record = result;
      if (top.length) raw.recordProfile = top;
      log('  ', JSON.stringify(result));
      raw.recordBreakdown = await diagnoseClick(owner.page, ROW_LINK(1), 'a.title', 'record');
      log('   diagnostic open (not counted):', describeBreakdown(raw.recordBreakdown, 30));
    }

    if (wants('kanban')) {
      await ready('kanban', [ownerProfile]);
      const { result, top } = await cpuProfiled(owner.page, profileFile('kanban'), () => measureBoardOpens(owner!.page, BOARD_OPENS));
      raw.kanban = result;
      if (top.length) raw.kanbanProfile = top;
      log('  ', JSON.stringify(result));
      raw.kanbanBreakdown = await diagnoseClick(owner.page, DEALS_LINK, DEALS_LINK, 'board');
      log('   diagnostic open (not counted):', describeBreakdown(raw.kanbanBreakdown, 30));
    }

    if (wants('palette')) {
      await ready('palette', [ownerProfile]);
      const queries = paletteQueries(SIZE);
      const { result, top } = await cpuProfiled(owner.page, profileFile('palette'), () => measurePalette(owner!.page, queries, TYPING_DELAY_MS));
      raw.palette = result;
      if (top.length) raw.paletteProfile = top;
      log('  ', JSON.stringify(result.results), JSON.stringify(summary(result.keystrokes.map((k) => k.ms ?? Infinity))));
    }

    if (wants('remote')) {
      await onContacts(owner.page);
      const contactHref = await owner.page.locator('[data-testid=table-scroller] tbody tr[aria-rowindex="2"] a.title').getAttribute('href');
      const contactId = contactHref!.split('/').pop()!;
      if (!existsSync(memberProfile)) {
        await ready('memberBootstrap', [ownerProfile]);
        member = await launchApp(memberProfile, log, 'rep');
        raw.memberBootstrap = await measureBootstrap(member, relay.url, MEMBER, counts.contacts, log);
        log('  ', JSON.stringify(raw.memberBootstrap));
      } else {
        member = await launchApp(memberProfile, log, 'rep');
        await member.page.goto(`${relay.url}/contacts`);
        if (member.page.url().includes('/login')) await submitLogin(member.page, relay.url, MEMBER, '/contacts');
        await onContacts(member.page);
      }
      log('  rep signed in; waiting for both browsers to be quiet');
      await settle(member.page, 5_000, 10 * 60_000);
      // The contact page asked for, then a deal page as a control: no duplicates panel there.
      const targets: EditTarget[] = [
        { label: 'contact', path: `/contacts/${contactId}`, field: '#field-title' },
        { label: 'deal', path: `/deals/${createDataset(SIZE).idOf('deals', 0)}`, field: '#field-nextStep' },
      ];
      raw.remote = [];
      // The measured runs, then a few more edits on the contact page under the CPU profiler.
      for (const [target, diagnostic] of [[targets[0], false], [targets[1], false], [targets[0], true]] as const) {
        await ready(`remote-${target.label}${diagnostic ? '-profiled' : ''}`, [ownerProfile, memberProfile]);
        const run: RemoteRun = { ...(await measureRemoteEdits(owner.page, member.page, relay.url, target, diagnostic ? 8 : EDITS, 400, relay.pid, diagnostic)), diagnostic };
        raw.remote.push(run);
        const { edits, profiles, ...rest } = run;
        log('  ', target.label, JSON.stringify(summary(edits.map((e) => e.ms ?? Infinity))), JSON.stringify(rest));
        if (profiles) log('   A:\n    ' + profiles.a.join('\n    ') + '\n   B:\n    ' + profiles.b.join('\n    '));
      }
    }

    raw.errors = [...owner.errors, ...(member?.errors ?? [])].slice(0, 20);
    raw.build!.atEnd = buildVersion(appDir);
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(join(CACHE_DIR, `app-${SIZE}.json`), JSON.stringify(raw, null, 2));
    if (RECORD) {
      const { results, notes } = toResults(raw);
      recordResults(results, { notes });
      log(`recorded ${results.length} figures into bench/results.json and bench/RESULTS.md`);
    }
  } finally {
    await owner?.close().catch(() => undefined);
    await member?.close().catch(() => undefined);
    await relay.stop(30_000);
    if (!KEEP && !argv.includes('--work-dir')) rmSync(workDir, { recursive: true, force: true });
    else log(`work dir kept: ${workDir}`);
  }
  log('done');
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    killAllChildren();
    setTimeout(() => process.exit(), 200).unref();
  });
