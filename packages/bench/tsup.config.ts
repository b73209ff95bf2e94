import { defineConfig } from 'tsup';

// The measured job is bundled (workspace packages from their sources, via the root tsconfig
// paths) so that it runs on plain node: no loader thread or on-the-fly compiling in its RSS.
export default defineConfig({
  entry: { job: 'src/job.ts' },
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
