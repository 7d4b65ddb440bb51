// Serves the built single-page app. Existing files are sent as they are; any other path
// that is not an API or asset path gets index.html, so deep links such as
// /contacts/abc boot the app and its client router. Paths are resolved inside the app
// directory only: anything that escapes it is refused.
import { Elysia } from 'elysia';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { errorResponse, HttpErrorCode } from './errors.ts';

/** Hashed build output: safe to cache forever. */
const IMMUTABLE_PREFIX = '/_app/immutable/';
/** Paths that must never fall back to index.html (a missing chunk is a 404, not HTML). */
const NO_FALLBACK_PREFIXES = ['/api/', '/_app/'];

/**
 * Maps a URL pathname to a file path inside `root`, or null when the pathname is malformed
 * or points outside it (`..`, encoded separators, NUL bytes).
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const full = resolve(base, '.' + decoded);
  return full === base || full.startsWith(base + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function fileResponse(path: string, cacheControl: string): Response {
  return new Response(Bun.file(path), { headers: { 'cache-control': cacheControl } });
}

export function appFiles(appDir: string) {
  const indexHtml = resolve(appDir, 'index.html');

  return new Elysia({ name: 'app-files' }).get('/*', async ({ request }) => {
    const { pathname } = new URL(request.url);
    const path = resolveInside(appDir, pathname);
    if (path === null) {
      return errorResponse(400, HttpErrorCode.BadRequest, 'Invalid path');
    }
    if (await isFile(path)) {
      const immutable = pathname.startsWith(IMMUTABLE_PREFIX);
      return fileResponse(path, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    if (NO_FALLBACK_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
      return errorResponse(404, HttpErrorCode.NotFound, `Nothing at ${pathname}`);
    }
    if (!(await isFile(indexHtml))) {
      return errorResponse(404, HttpErrorCode.NotFound, 'The app is not built: run `npm run build`');
    }
    return fileResponse(indexHtml, 'no-cache');
  });
}
