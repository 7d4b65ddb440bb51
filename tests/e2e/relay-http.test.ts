// The relay's HTTP surface, against the real Bun process: health, serving the built app
// with an SPA fallback, JSON errors, refusing paths outside build/, clean shutdown.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

let relay: RunningRelay;

/** GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: relay.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
}, 180_000);

afterAll(async () => {
  await relay?.stop();
});

describe('relay HTTP', () => {
  it('serves index.html at / and for unknown app paths', async () => {
    for (const path of ['/', '/contacts/xyz', '/deals/1/edit?tab=notes']) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(200);
      expect(response.type, path).toMatch(/^text\/html/);
      expect(response.body, path).toContain('<title>Carnet</title>');
    }
  });

  it('serves static files with their content type', async () => {
    const icon = await rawGet('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.type).toMatch(/^image\/svg\+xml/);
    const manifest = await rawGet('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(JSON.parse(manifest.body)).toMatchObject({ name: 'Carnet', start_url: '/' });
  });

  it('answers unknown API and asset paths with a JSON 404 instead of the app', async () => {
    for (const path of ['/api/nope', '/_app/immutable/missing.js']) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body), path).toEqual({
        error: { code: 'not_found', message: expect.any(String) },
      });
    }
  });

  it('never serves a file outside build/', async () => {
    for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/a/..%2f..%2f..%2fpackage.json']) {
      const response = await rawGet(path);
      expect(response.body, path).not.toContain('"workspaces"');
      expect(response.body, path).not.toContain('root:');
      expect([200, 400], path).toContain(response.status);
    }
    const malformed = await rawGet('/%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('exits with code 0 on SIGTERM', async () => {
    const other = await startRelay();
    await expect(other.stop()).resolves.toBe(0);
  });

  it('refuses to start on a port that is already taken', async () => {
    await expect(startRelay({ port: relay.port, timeoutMs: 10_000 })).rejects.toThrow(/exited with code 1/);
  });
});
