// `carnet import <file> --workspace <id> --type <collection>`: an admin imports a file into a
// running relay's workspace as a sync peer, with an API token.
//
// 1. The token's identity and role (owner or admin, else refused before anything is read).
// 2. The workspace is downloaded into an in-memory Store and caught up with the log, so
//    duplicates, companies, owners and custom fields are matched against what is there now.
// 3. Syncing pauses and @carnet/transfer's importFile runs on the local Store (read, map with
//    suggestions, validate, match duplicates, apply). A failure here writes nothing.
// 4. Unless --dry-run, syncing resumes and the command waits until the relay acknowledged
//    every change (durable in its log); teammates' browsers receive the records live.
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { isTransferError, importFile, type ImportReport } from '@carnet/transfer';
import { IMPORT_USAGE, parseImportArgs } from './import-args.ts';
import { formatImportReport, progressPrinter } from './import-report.ts';
import { relayPeer, RelayPeerError, type Connected, type RelayPeerOptions } from './relay-peer.ts';

export const ImportExit = { Ok: 0, RowsRefused: 1, Error: 2 } as const;

/** Roles that may import (the app's import screen asks the same). */
export const IMPORT_ROLES = ['owner', 'admin'] as const;

export const IMPORT_DEVICE_ID = 'carnet-cli-import';

export type ImportDeps = Pick<RelayPeerOptions, 'fetch' | 'openSocket' | 'liveTimeoutMs' | 'stallTimeoutMs'>;

/** What the command reads and writes of its process (commands.ts's CliIo fits). */
export interface ImportIo {
  env: Record<string, string | undefined>;
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function importCommand(argv: readonly string[], io: ImportIo, deps: ImportDeps = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(IMPORT_USAGE);
    return ImportExit.Ok;
  }
  const parsed = parseImportArgs(argv, io.env);
  if (!parsed.ok) {
    io.err(`${parsed.message}\n\n${IMPORT_USAGE}`);
    return ImportExit.Error;
  }
  const args = parsed.args;
  const path = isAbsolute(args.file) ? args.file : resolve(io.env.INIT_CWD || io.cwd, args.file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    io.err(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return ImportExit.Error;
  }

  const progress = progressPrinter(io.err, Date.now);
  const peer = relayPeer({
    ...deps,
    relayUrl: args.relayUrl,
    token: args.token,
    workspaceId: args.workspaceId,
    deviceId: IMPORT_DEVICE_ID,
    onProgress: (stage, done, total) => (stage === 'download' ? progress.download(done) : progress.send(done, total ?? done)),
  });

  let connected: Connected | undefined;
  let pushing = false;
  try {
    const identity = await peer.identify();
    if (!(IMPORT_ROLES as readonly string[]).includes(identity.role)) {
      io.err(`Refused: importing needs the owner or admin role. This token acts as ${identity.role} in "${identity.workspaceName}". Nothing was written.`);
      return ImportExit.Error;
    }
    connected = await peer.open(identity.userId);
    await connected.pause();

    let report: ImportReport;
    try {
      ({ report } = await importFile(connected.store, bytes, {
        fileName: basename(path),
        collection: args.collection,
        duplicates: args.duplicates,
        locale: 'en',
        // Times written without a zone are read in this machine's zone (TZ).
        settings: { ...(args.dateOrder ? { dateOrder: args.dateOrder } : {}), utcOffsetMinutes: -new Date().getTimezoneOffset() },
        onProgress: (p) => progress.import(p),
      }));
    } catch (error) {
      if (!isTransferError(error)) throw error;
      io.err(`Cannot import ${path}: ${error.message} Nothing was written.`);
      return ImportExit.Error;
    }

    if (!args.dryRun) {
      pushing = true;
      await connected.push();
      pushing = false;
    }
    for (const line of formatImportReport(report, { file: basename(path), workspaceName: identity.workspaceName, relayUrl: args.relayUrl, dryRun: args.dryRun })) {
      io.out(line);
    }
    return report.failed > 0 ? ImportExit.RowsRefused : ImportExit.Ok;
  } catch (error) {
    const message = error instanceof RelayPeerError ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`;
    // Acknowledged changes are in the relay's log; the rest are lost with this process. Running
    // the same import again with --duplicates skip adds only what is missing.
    const outcome = pushing
      ? ' Part of the import may have been written: run it again with --duplicates skip to add what is missing.'
      : ' Nothing was written.';
    io.err(message + outcome);
    return ImportExit.Error;
  } finally {
    await connected?.close();
  }
}
