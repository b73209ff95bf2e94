import { defineConfig } from 'vite';

// A static site that works offline from any folder: relative asset paths, no module preload
// polyfill (no inline script, so the CSP needs no hash), Preact's JSX runtime.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; harmless, and not ours to fix.
      onwarn(w, warn) {
        if (w.code !== 'INVALID_ANNOTATION') warn(w);
      },
    },
  },
  logLevel: 'warn',
});
