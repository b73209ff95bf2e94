import { defineConfig, type Options } from 'tsup';

/** One tsup setup for every package: ESM + CJS, each with its own declarations. */
export function packageConfig(entry: Record<string, string>, extra: Partial<Options> = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    splitting: true,
    treeshake: true,
    target: 'es2022',
    outDir: 'dist',
    ...extra,
  });
}
