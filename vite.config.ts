// Vite configuration for the app (src/). Tests have their own vitest.config.ts.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
});
