// The arguments of `carnet import`, parsed into plain data or refused with a sentence saying
// what is wrong. Pure: the environment is passed in.
import { COLLECTIONS, isCollection, type Collection } from '@carnet/schema';
import { DUPLICATE_CHOICES, type DateOrder, type DuplicateChoice } from '@carnet/transfer';

export const DEFAULT_RELAY_URL = 'http://localhost:8787';

export interface ImportArgs {
  file: string;
  workspaceId: string;
  collection: Collection;
  duplicates: DuplicateChoice;
  /** Forced date order; otherwise detected from the file. */
  dateOrder?: DateOrder;
  dryRun: boolean;
  /** The relay's base URL, without a trailing slash. */
  relayUrl: string;
  token: string;
}

export const IMPORT_USAGE = `Usage: npm run carnet -- import <file> --workspace <id> --type ${COLLECTIONS.join('|')} [options]

Imports a CSV, XLSX or vCard file into a workspace of a running relay, as a sync peer: the
records reach every open browser live. Needs an API token of an owner or admin.

Options:
  --workspace <id>            The workspace to import into (required).
  --type <type>               ${COLLECTIONS.join(', ')} (required).
  --duplicates skip|update|create
                              Rows matching a stored record: leave it (skip, the default),
                              write the file's values into it (update), or create anyway.
  --day-first, --month-first  How to read dates such as 05/03/2024 (default: from the file).
  --dry-run                   Check every row and report; write nothing.
  --relay <url>               The relay (default CARNET_RELAY or ${DEFAULT_RELAY_URL}).
  --token <token>             An API token, carnet_… (default CARNET_TOKEN). Create one in the
                              app, or with POST /api/tokens {"name","workspaceId"}.

Exit codes: 0 imported, 1 some rows refused (the others were imported), 2 usage or connection
error, or the token may not import (nothing written).`;

export type ParsedImportArgs = { ok: true; args: ImportArgs } | { ok: false; message: string };

const VALUE_OPTIONS = new Set(['--workspace', '--type', '--duplicates', '--relay', '--token']);

export function parseImportArgs(argv: readonly string[], env: Record<string, string | undefined>): ParsedImportArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTIONS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) return fail(`${name} needs a value.`);
      if (values.has(name)) return fail(`${name} is given twice.`);
      values.set(name, value);
    } else if (name === '--dry-run' || name === '--day-first' || name === '--month-first') {
      if (eq > 0) return fail(`${name} takes no value.`);
      flags.add(name);
    } else {
      return fail(`Unknown option ${arg}.`);
    }
  }

  if (positional.length !== 1) return fail(positional.length === 0 ? 'Name the file to import.' : `One file at a time (got ${positional.join(', ')}).`);
  const workspaceId = values.get('--workspace');
  if (!workspaceId) return fail('--workspace <id> is required.');
  const type = values.get('--type');
  if (!type) return fail(`--type is required: ${COLLECTIONS.join(', ')}.`);
  if (!isCollection(type)) return fail(`--type must be one of ${COLLECTIONS.join(', ')}, not "${type}".`);
  const duplicates = values.get('--duplicates') ?? 'skip';
  if (!(DUPLICATE_CHOICES as readonly string[]).includes(duplicates)) return fail(`--duplicates must be skip, update or create, not "${duplicates}".`);
  if (flags.has('--day-first') && flags.has('--month-first')) return fail('Give --day-first or --month-first, not both.');

  const relay = values.get('--relay') ?? (env.CARNET_RELAY?.trim() || DEFAULT_RELAY_URL);
  let relayUrl: string;
  try {
    const url = new URL(relay);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    relayUrl = url.href.replace(/\/+$/, '');
  } catch {
    return fail(`The relay must be an http(s) URL such as ${DEFAULT_RELAY_URL}, not "${relay}".`);
  }
  const token = values.get('--token') ?? env.CARNET_TOKEN?.trim();
  if (!token) return fail('An API token is needed: --token carnet_… or the CARNET_TOKEN environment variable.');

  return {
    ok: true,
    args: {
      file: positional[0],
      workspaceId,
      collection: type,
      duplicates: duplicates as DuplicateChoice,
      dateOrder: flags.has('--day-first') ? 'dmy' : flags.has('--month-first') ? 'mdy' : undefined,
      dryRun: flags.has('--dry-run'),
      relayUrl,
      token,
    },
  };
}

function fail(message: string): ParsedImportArgs {
  return { ok: false, message };
}
