// The service worker that lets Carnet open, reload and deep-link without a network: the app's
// files are cached when a version is installed, every page address is answered with the
// cached app shell when the relay cannot be reached, and the previous version's cache is
// dropped once a new one takes over. The API and the sync socket are never cached: data lives
// in IndexedDB, not here.
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `carnet-app-${version}`;
const SHELL = '/index.html';
const PRECACHE = [...build, ...files, SHELL];
const NEVER_CACHED = ['/api/', '/sync', '/yjs/'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

async function shell(): Promise<Response> {
  const cached = await caches.match(SHELL);
  return cached ?? new Response('Carnet is offline and its app files are not cached yet.', { status: 503 });
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) return;

  if (request.mode === 'navigate') {
    // Fresh app shell when online (a new version shows at once), the cached one offline.
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
            const cache = await caches.open(CACHE);
            await cache.put(SHELL, response.clone());
          }
          return response;
        } catch {
          return shell();
        }
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cached = await caches.match(request);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && PRECACHE.includes(url.pathname)) {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    })(),
  );
});
