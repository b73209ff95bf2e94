import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));
const coreSubpaths = [
  'money',
  'issues',
  'trace',
  'framework',
  'valuation',
  'limits',
  'economy',
  'procurement',
];

// Tests import the packages by name and run against their sources, not their builds.
export default defineConfig({
  resolve: {
    alias: [
      ...coreSubpaths.map((s) => ({
        find: `@commonweal/core/${s}`,
        replacement: src(`core/src/${s}/index.ts`),
      })),
      { find: /^@commonweal\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@commonweal\/csv\/node$/, replacement: src('csv/src/node/index.ts') },
      ...['uk', 'csv', 'json', 'report', 'flows', 'cli'].map((p) => ({
        find: new RegExp(`^@commonweal/${p}$`),
        replacement: src(`${p}/src/index.ts`),
      })),
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'tests/**/*.test.ts',
      'examples/**/*.test.ts',
      'docs/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
