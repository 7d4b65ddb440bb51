// The app is a client-only SPA: no server rendering, no prerendering. The relay serves
// build/index.html for every route and the client router renders it.
export const ssr = false;
export const prerender = false;
