import { defineConfig } from 'tsup';

// The measured job and the baseline process are bundled (workspace packages from their sources,
// via the root tsconfig paths) so that they run on plain node: no loader thread or on-the-fly
// compiling in their RSS.
export default defineConfig({
  entry: { job: 'src/job.ts', baseline: 'src/baseline-main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  dts: false,
  clean: true,
  sourcemap: false,
  splitting: false,
  tsconfig: 'tsconfig.json',
  noExternal: [/^@commonweal\//, 'csv-parse'],
});
