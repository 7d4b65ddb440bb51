// Starts the real relay (sync-server/src/index.ts) as a Bun process for a test and stops
// it afterwards. By default the OS picks a free port (PORT=0) and the helper reads the URL
// the relay prints, so parallel test files never race for a port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUN, SYNC_SERVER_DIR } from './paths.ts';

export interface StartRelayOptions {
  /** A fixed port, e.g. to restart a relay where clients expect it; default: any free port. */
  port?: number;
  /** Extra environment variables for the relay. */
  env?: Record<string, string>;
  /**
   * The relay's DATA_DIR. Default: a fresh temporary directory, removed after `stop`. Pass one
   * to restart a relay on the same data (it is then left in place).
   */
  dataDir?: string;
  /** How long to wait for the relay to print its URL. */
  timeoutMs?: number;
  /** The script Bun runs, relative to sync-server/; default the real entry, src/index.ts. */
  entry?: string;
}

export interface RunningRelay {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  pid: number;
  /** Everything the relay printed so far (stdout and stderr). */
  output(): string;
  /** The relay's DATA_DIR. */
  dataDir: string;
  /** Sends SIGTERM, waits for the exit (SIGKILL after `graceMs`), resolves the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const LISTENING = /listening on http:\/\/[^:\s]+:(\d+)/;

/** Relays still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Asks the OS for a port that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

export async function startRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'carnet-relay-'));
  const child = spawn(BUN, [options.entry ?? 'src/index.ts'], {
    cwd: SYNC_SERVER_DIR,
    // Scheduled backups are off unless a test asks for them.
    env: { ...process.env, BACKUP_INTERVAL_MINUTES: '0', ...options.env, DATA_DIR: dataDir, PORT: String(options.port ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const cleanUp = () => {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const stop = async (graceMs = 5_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      cleanUp();
      return child.exitCode;
    }
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
      cleanUp();
    }
  };

  const port = await new Promise<number>((resolvePort, reject) => {
    const timeoutMs = options.timeoutMs ?? 20_000;
    const fail = (reason: string) => {
      cleanup();
      void stop(0);
      reject(new Error(`relay did not start: ${reason}\n--- relay output ---\n${output}`));
    };
    const onData = () => {
      const match = LISTENING.exec(output);
      if (match) {
        cleanup();
        resolvePort(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    const timer = setTimeout(() => fail(`no URL printed within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => fail(error.message));
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    output: () => output,
    dataDir,
    stop,
  };
}
