// `carnet import` against a relay built from the real app and services (SQLite in a temporary
// DATA_DIR, listening on a free port), run in-process: rows land in the relay's log attributed
// to the token's user, refused rows are reported with exit 1, a rep's token is refused with
// exit 2 and nothing written, a dry run writes nothing, and usage and connection errors exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotRowOf } from '@carnet/store';
import { createRelay } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { importCommand, IMPORT_DEVICE_ID } from '../src/cli/import-command.ts';
import { openServices, type RelayServices } from '../src/services.ts';

const FIXTURE = join(import.meta.dir, '..', '..', 'tests', 'fixtures', 'import', 'relay-contacts.csv');

let dataDir: string;
let workDir: string;
let services: RelayServices;
let relay: ReturnType<typeof createRelay>;
let base: string;
let workspaceId: string;
let ownerId: string;
let ownerCookie: string;
const tokens: Record<'owner' | 'admin' | 'rep' | 'ownerAsRep', string> = { owner: '', admin: '', rep: '', ownerAsRep: '' };

async function post(path: string, body: unknown, cookie?: string) {
  const response = await fetch(base + path, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body),
  });
  const cookieOut = /^(carnet_session=[^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  return { status: response.status, body: (await response.json().catch(() => null)) as any, cookie: cookieOut };
}

async function member(role: string, email: string): Promise<string> {
  const invite = await post(`/api/workspaces/${workspaceId}/invites`, { role }, ownerCookie);
  const accepted = await post(`/api/invites/${invite.body.token}/accept`, { email, name: email.split('@')[0], password: 'member password 1' });
  if (!accepted.cookie) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
  return accepted.cookie;
}

async function token(cookie: string, role?: string): Promise<string> {
  const reply = await post('/api/tokens', { name: 'import', workspaceId, ...(role ? { role } : {}) }, cookie);
  if (reply.status !== 201) throw new Error(`token failed: ${JSON.stringify(reply.body)}`);
  return reply.body.token;
}

async function carnetImport(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importCommand(argv, { env: { CARNET_RELAY: base }, cwd: workDir, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function contactRows(): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const docId of await services.storage.docIds(workspaceId, 'contacts/')) {
    const row = snapshotRowOf(docId, (await services.storage.docState(workspaceId, docId))!);
    if (row && row.deletedAt === null) rows.push(row);
  }
  return rows;
}

const head = () => services.storage.headSeq(workspaceId);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'carnet-import-relay-'));
  workDir = mkdtempSync(join(tmpdir(), 'carnet-import-files-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', BACKUP_INTERVAL_MINUTES: '0', COMPACT_INTERVAL_MINUTES: '0' });
  services = openServices(config, () => {});
  relay = createRelay(config, services);
  relay.app.listen({ port: 0, reusePort: false });
  base = `http://127.0.0.1:${relay.app.server!.port}`;
  const setup = await post('/api/setup', { email: 'owner@example.com', name: 'Olivia Owner', password: 'correct horse battery', workspaceName: 'Acme' });
  workspaceId = setup.body.workspace.id;
  ownerId = setup.body.user.id;
  ownerCookie = setup.cookie!;
  tokens.owner = await token(ownerCookie);
  tokens.ownerAsRep = await token(ownerCookie, 'rep');
  tokens.admin = await token(await member('admin', 'ada@example.com'));
  tokens.rep = await token(await member('rep', 'rex@example.com'));
});

afterAll(async () => {
  await relay.workspaceDoc.close();
  await relay.hub.closeAll();
  relay.hub.dispose();
  await relay.app.stop(true);
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe('carnet import through the relay', () => {
  it('refuses a rep token with exit 2 before reading the workspace, and writes nothing', async () => {
    const before = await head();
    for (const who of ['rep', 'ownerAsRep'] as const) {
      const result = await carnetImport(FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--token', tokens[who]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Refused: importing needs the owner or admin role. This token acts as rep in "Acme". Nothing was written.');
      expect(result.stdout).toBe('');
    }
    expect(await head()).toBe(before);
  });

  it('checks every row on a dry run and writes nothing', async () => {
    const before = await head();
    const result = await carnetImport(FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--dry-run', '--token', tokens.owner);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Dry run of contacts from relay-contacts.csv into "Acme"');
    expect(result.stdout).toContain('nothing was written. The import would give:');
    expect(result.stdout).toMatch(/imported:\s+3\n/);
    expect(result.stdout).toContain('Row 4, column "Email": This is not a valid email address. Value: "sofia@@bellavista".');
    expect(await head()).toBe(before);
    expect(await contactRows()).toEqual([]);
  });

  it('imports the good rows, reports each refused row with its row, column and message, and exits 1', async () => {
    const before = await head();
    const result = await carnetImport(FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--token', tokens.admin);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Imported contacts from relay-contacts.csv into "Acme"');
    expect(result.stdout).toMatch(/imported:\s+3\n/);
    expect(result.stdout).toMatch(/refused:\s+2\n/);
    expect(result.stdout).toMatch(/companies created:\s+3\n/);
    expect(result.stdout).toContain('Refused rows (2):');
    expect(result.stdout).toContain('Row 4, column "Email": This is not a valid email address. Value: "sofia@@bellavista".');
    expect(result.stdout).toContain('Row 5, column "Lead Score": Must be between 0 and 100. Value: "140".');

    // In the relay's log, hence durable, attributed to the admin through the CLI's device.
    const rows = await contactRows();
    expect(rows.map((r) => `${r.firstName} ${r.lastName}`).sort()).toEqual(['Grace Hopper', 'James O\'Connor', 'Élodie Marchand']);
    expect(rows.find((r) => r.firstName === 'Grace')).toMatchObject({ title: 'VP Engineering, R&D', city: 'Arlington', leadScore: 90 });
    const log = await services.storage.readLog(workspaceId, before, 100);
    expect(log.length).toBeGreaterThanOrEqual(6);
    expect(new Set(log.map((e) => e.deviceId))).toEqual(new Set([IMPORT_DEVICE_ID]));
    expect(new Set(log.map((e) => e.userId)).size).toBe(1);
    expect(log[0].userId).not.toBe(ownerId);
  });

  it('skips what is already there on a second run, so importing again adds nothing twice', async () => {
    const result = await carnetImport(FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--token', tokens.owner);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/imported:\s+0\n/);
    expect(result.stdout).toMatch(/skipped:\s+3 {2}\(already in Carnet, --duplicates skip\)/);
    expect(await contactRows()).toHaveLength(3);
  });

  it('exits 0 when every row is imported, and shows progress on stderr for big files', async () => {
    const lines = ['Company Name,Website,City'];
    for (let i = 0; i < 1_200; i++) lines.push(`Company ${i} Ltd,https://company${i}.example,Lyon`);
    writeFileSync(join(workDir, 'companies.csv'), lines.join('\n'));
    const result = await carnetImport('companies.csv', '--workspace', workspaceId, '--type', 'companies', '--token', tokens.owner);
    expect(result.stderr).toContain('Creating records: 1200 of 1200 rows');
    expect(result.stderr).toMatch(/Sending to the relay: \d+ of \d+ changes acknowledged/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/imported:\s+1200\n/);
    expect((await services.storage.docIds(workspaceId, 'companies/')).length).toBeGreaterThanOrEqual(1_200);
  }, 60_000);
});

describe('carnet import usage and connection errors', () => {
  it('exits 2 with the reason and the usage on bad arguments', async () => {
    const cases: [string[], string][] = [
      [[FIXTURE, '--workspace', 'w'], '--type is required'],
      [[FIXTURE, '--workspace', 'w', '--type', 'pets'], '--type must be one of contacts, companies, deals, activities, not "pets".'],
      [[FIXTURE, '--workspace', 'w', '--type', 'contacts', '--duplicates', 'merge'], '--duplicates must be skip, update or create'],
      [[FIXTURE, '--workspace', 'w', '--type', 'contacts', '--day-first', '--month-first'], 'not both'],
      [[FIXTURE, '--workspace', 'w', '--type', 'contacts', '--colour', 'red'], 'Unknown option --colour.'],
      [['--workspace', 'w', '--type', 'contacts'], 'Name the file to import.'],
      [[FIXTURE, '--workspace', 'w', '--type', 'contacts'], 'An API token is needed'],
    ];
    for (const [argv, message] of cases) {
      const result = await carnetImport(...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('Usage: npm run carnet -- import <file>');
    }
  });

  it('exits 2 when the file cannot be read, the relay is unreachable, or the token is wrong', async () => {
    const missing = await carnetImport('nope.csv', '--workspace', workspaceId, '--type', 'contacts', '--token', tokens.owner);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');

    const unreachable = await carnetImport(FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--token', tokens.owner, '--relay', 'http://127.0.0.1:9');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('Cannot reach the relay at http://127.0.0.1:9');
    expect(unreachable.stderr).toContain('Nothing was written.');

    const wrong = await carnetImport(FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--token', 'carnet_notarealtoken');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('refused the token');

    const otherWorkspace = await carnetImport(FIXTURE, '--workspace', 'zzzzzzzzzzzzzzzz', '--type', 'contacts', '--token', tokens.owner);
    expect(otherWorkspace.code).toBe(2);
    expect(otherWorkspace.stderr).toContain('gives no access to workspace zzzzzzzzzzzzzzzz');
  });

  it('refuses a file format the type cannot come from, and writes nothing', async () => {
    writeFileSync(join(workDir, 'people.vcf'), 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lopez\r\nEND:VCARD\r\n');
    const before = await head();
    const result = await carnetImport('people.vcf', '--workspace', workspaceId, '--type', 'deals', '--token', tokens.owner);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Nothing was written.');
    expect(await head()).toBe(before);
  });
});
