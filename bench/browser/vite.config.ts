// Builds the browser bench page (bench/browser/index.html + page.ts) into bench/.cache/browser,
// which the driver (store-bench.ts) serves on a loopback port. Used only through the driver.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../.cache/browser', import.meta.url)),
    emptyOutDir: true,
    target: 'esnext',
    // Readable stacks in profiles; minification changes nothing measurable here.
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
  },
});
