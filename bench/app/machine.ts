// The machine under the app bench: its load average, and whether the bench's own browsers are
// still busy. After a bootstrap, Chromium's storage backend keeps compacting a gigabyte of
// IndexedDB for minutes in the browser process, out of sight of the page's long-task
// observer; a measurement taken meanwhile competes with it for the two cores and the disk.
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sleep } from './probe.ts';

export const loadText = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

/** Waits (at most `maxMs`) for the 1-minute load average to drop to `limit`; returns the load seen. */
export async function quietMachine(maxMs = 5 * 60_000, limit = 2): Promise<string> {
  const deadline = Date.now() + maxMs;
  while (loadavg()[0] > limit && Date.now() < deadline) await sleep(10_000);
  return loadText();
}

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** CPU ticks of the Chromium processes started on `profiles` (browser and every descendant). */
function browserTicks(profiles: readonly string[]): number {
  const all = processes();
  const roots = all.filter((p) => profiles.some((profile) => cmdline(p.pid).includes(`--user-data-dir=${profile}`)));
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let ticks = 0;
  const seen = new Set<number>();
  const walk = (p: Proc) => {
    if (seen.has(p.pid)) return;
    seen.add(p.pid);
    ticks += p.ticks;
    for (const c of children.get(p.pid) ?? []) walk(c);
  };
  roots.forEach(walk);
  return ticks;
}

/**
 * Waits until the browsers on `profiles` used under `maxCpuPct` % of one core over a window
 * of `windowMs` (at most `maxMs`). Returns how long it waited and whether they went quiet.
 */
export async function browsersIdle(profiles: readonly string[], maxCpuPct = 5, windowMs = 5_000, maxMs = 15 * 60_000): Promise<{ waitedMs: number; idle: boolean }> {
  const t0 = Date.now();
  const hz = 100;
  for (;;) {
    const before = browserTicks(profiles);
    await sleep(windowMs);
    const pct = ((browserTicks(profiles) - before) / hz / (windowMs / 1000)) * 100;
    if (pct < maxCpuPct) return { waitedMs: Date.now() - t0, idle: true };
    if (Date.now() - t0 > maxMs) return { waitedMs: Date.now() - t0, idle: false };
  }
}
