// A teammate's edit, seen live: two browsers (the owner in A, a rep in B) on the same record
// page, on the same machine and the same relay over loopback. A types a new value in a text
// field and presses Enter; B watches the field every frame and notes the paint where A's
// value shows.
// Both times are epoch times of their pages (timeOrigin + now), corrected by the measured
// offset between the two clocks. The sockets' frames, seen through CDP, split the time into
// A's part (keydown → push frame sent), the relay's and the network's (sent → B receives) and
// B's part (frame received → value painted).
import type { CDPSession, Page } from 'playwright-core';
import { cpuSeconds } from '../relay/lib.ts';
import { summarizeProfile, type CpuProfile } from './browser.ts';
import { summarizeTasks } from './open.ts';
import { clockOffset, longTasks, pageNow, settle, sleep, tasksBetween } from './probe.ts';

export interface RemoteEdit {
  value: string;
  /** A's Enter keydown → B's paint, ms; null when B never showed it. */
  ms: number | null;
  /** A's keydown → A's socket frame carrying the value. */
  aSendMs: number | null;
  /** A's frame sent → B's frame received (relay and loopback). */
  relayMs: number | null;
  /** B's frame received → painted. */
  bApplyMs: number | null;
}

/** Frames of a page's sockets with their epoch time (CDP's monotonic clock mapped through the handshake's wall time). */
class SocketFrames {
  sent: { at: number; data: Buffer }[] = [];
  received: { at: number; data: Buffer }[] = [];
  #wallMinusMono: number | null = null;

  static async attach(page: Page): Promise<{ frames: SocketFrames; cdp: CDPSession }> {
    const frames = new SocketFrames();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => (frames.#wallMinusMono = e.wallTime * 1000 - e.timestamp * 1000));
    cdp.on('Network.webSocketFrameSent', (e) => frames.#push(frames.sent, e.timestamp, e.response));
    cdp.on('Network.webSocketFrameReceived', (e) => frames.#push(frames.received, e.timestamp, e.response));
    return { frames, cdp };
  }

  #push(list: { at: number; data: Buffer }[], timestamp: number, response: { opcode: number; payloadData: string }) {
    if (this.#wallMinusMono === null) return;
    const data = response.opcode === 2 ? Buffer.from(response.payloadData, 'base64') : Buffer.from(response.payloadData);
    list.push({ at: timestamp * 1000 + this.#wallMinusMono, data });
  }

  /** The first frame carrying `value` (its UTF-8 bytes appear in the Yjs update). */
  find(list: { at: number; data: Buffer }[], value: string): number | null {
    const needle = Buffer.from(value);
    return list.find((f) => f.data.includes(needle))?.at ?? null;
  }
}

/** Where the edits are made: a record page and the text field edited there. */
export interface EditTarget {
  label: string;
  path: string;
  field: string;
}

/**
 * Opens `target` in both pages and makes `edits` edits from A, `pauseMs` apart. The sockets'
 * frames are watched from the page load on (the handshake gives the clock map).
 */
export async function measureRemoteEdits(a: Page, b: Page, base: string, target: EditTarget, edits: number, pauseMs: number, relayPid: number, profile = false) {
  const watchA = await SocketFrames.attach(a);
  const watchB = await SocketFrames.attach(b);
  const field = target.field;
  for (const page of [a, b]) {
    await page.goto(base + target.path);
    await page.locator(field).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=sync-status][data-status=live]').waitFor({ timeout: 60_000 });
  }
  await Promise.all([settle(a, 2_000, 120_000), settle(b, 2_000, 120_000)]);
  await a.evaluate((s) => window.__appBench.watchEnters(s), field);
  const clock = await clockOffset(a, b);
  const runId = Date.now().toString(36);
  const results: RemoteEdit[] = [];
  const [fromA, fromB] = await Promise.all([pageNow(a), pageNow(b)]);
  const relayCpu0 = cpuSeconds(relayPid) ?? 0;
  const wall0 = Date.now();
  if (profile) for (const cdp of [watchA.cdp, watchB.cdp]) await startProfiler(cdp);
  for (let i = 0; i < edits; i++) {
    const value = `Bench ${runId} ${i}`;
    await b.evaluate(([s, v]) => {
      window.__appBench.armed = window.__appBench.whenValue(s, v, 20_000);
    }, [field, value] as const);
    await a.locator(field).fill(value);
    await a.locator(field).press('Enter');
    const shownAt = (await b.evaluate(() => window.__appBench.armed)) as number | null;
    const enteredAt = (await a.evaluate(() => window.__appBench.enters.at(-1))) as number;
    await sleep(100);
    const sentAt = watchA.frames.find(watchA.frames.sent, value);
    const receivedAt = watchB.frames.find(watchB.frames.received, value);
    const inA = (t: number | null) => (t === null ? null : t - clock.offsetMs); // B's epoch on A's clock
    const shown = inA(shownAt);
    const received = inA(receivedAt);
    results.push({
      value,
      ms: shown === null ? null : shown - enteredAt,
      aSendMs: sentAt === null ? null : sentAt - enteredAt,
      relayMs: sentAt === null || received === null ? null : received - sentAt,
      bApplyMs: received === null || shown === null ? null : shown - received,
    });
    await sleep(pauseMs);
  }
  const relayCpuPct = Math.round((((cpuSeconds(relayPid) ?? 0) - relayCpu0) / ((Date.now() - wall0) / 1000)) * 1000) / 10;
  const profiles = profile ? { a: await stopProfiler(watchA.cdp), b: await stopProfiler(watchB.cdp) } : undefined;
  const tasksA = tasksBetween(await longTasks(a), fromA);
  const tasksB = tasksBetween(await longTasks(b), fromB);
  await watchA.cdp.detach();
  await watchB.cdp.detach();
  return { target: target.label, edits: results, clock, longTasks: { a: summarizeTasks(tasksA), b: summarizeTasks(tasksB) }, relayCpuPct, profiles };
}

async function startProfiler(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

async function stopProfiler(cdp: CDPSession): Promise<string[]> {
  const { profile } = await cdp.send('Profiler.stop');
  return summarizeProfile(profile as CpuProfile);
}
