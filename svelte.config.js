// SvelteKit configuration: Carnet's app is a static single-page app served by the relay.
// adapter-static writes build/ and an index.html fallback, so any deep link boots the app
// and the client-side router takes over.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // Carnet's own components always use runes; dependencies keep whatever mode they declare.
  vitePlugin: {
    dynamicCompileOptions: ({ filename }) =>
      filename.split(/[/\\]/).includes('node_modules') ? undefined : { runes: true },
  },
  kit: {
    adapter: adapter({
      pages: 'build',
      assets: 'build',
      fallback: 'index.html',
      strict: true,
    }),
    typescript: {
      // The generated tsconfig covers the app only; tests and the relay have their own
      // tsconfig files (tsconfig.tests.json, sync-server/tsconfig.json) with Node/Bun types.
      config(tsconfig) {
        tsconfig.include = tsconfig.include.filter((entry) => !/^\.\.\/tests?\//.test(entry));
      },
    },
  },
};

export default config;
