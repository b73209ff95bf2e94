// Writes the exports map, files and build fields of every published package from one list,
// so each format keeps its own types and the subpaths never drift from the tsup entries.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const packages = {
  core: {
    description:
      'Commonweal engines and types: money, issues, traces, frameworks, valuation, limits, economy, procurement',
    subpaths: ['money', 'issues', 'trace', 'framework', 'valuation', 'limits', 'economy', 'procurement'],
  },
  uk: {
    description:
      'UK reference data with provenance: Green Book discounting, GDP deflators, WELLBY, DESNZ carbon values, Social Value Model',
    subpaths: [],
  },
  csv: {
    description:
      'Commonweal CSV adapter: streaming typed readers with located row issues, and an injection-safe writer',
    subpaths: ['node'],
  },
  json: {
    description: 'Commonweal JSON adapter: safe parse, canonical stringify, JSON Schema export, OCDS mapping',
    subpaths: [],
  },
  report: {
    description: 'Commonweal renderers: Markdown and self-contained HTML with inline SVG charts',
    subpaths: [],
  },
  cli: {
    description: 'The commonweal command: value, evaluate, doughnut, carbon, spend, lm3, priorities',
    subpaths: [],
    bin: true,
  },
};

function entry(sub) {
  const base = sub ? `./dist/${sub}/index` : './dist/index';
  return {
    import: { types: `${base}.d.ts`, default: `${base}.js` },
    require: { types: `${base}.d.cts`, default: `${base}.cjs` },
  };
}

for (const [name, spec] of Object.entries(packages)) {
  const file = `packages/${name}/package.json`;
  const old = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const exportsMap = { '.': entry('') };
  for (const s of spec.subpaths) exportsMap[`./${s}`] = entry(s);
  exportsMap['./package.json'] = './package.json';
  const typesVersions = spec.subpaths.length
    ? { '*': Object.fromEntries(spec.subpaths.map((s) => [s, [`./dist/${s}/index.d.cts`]])) }
    : undefined;
  const pkg = {
    name: `@commonweal/${name}`,
    version: old.version ?? '0.1.0',
    description: spec.description,
    license: 'Apache-2.0',
    repository: {
      type: 'git',
      url: 'git+https://github.com/commonweal/commonweal.git',
      directory: `packages/${name}`,
    },
    keywords: [
      'social-value',
      'procurement',
      'sroi',
      'green-book',
      'doughnut-economics',
      'community-wealth-building',
    ],
    type: 'module',
    sideEffects: false,
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.cts',
    exports: exportsMap,
    ...(typesVersions ? { typesVersions } : {}),
    ...(spec.bin ? { bin: { commonweal: './dist/bin.js' } } : {}),
    files: ['dist', 'README.md', 'LICENSE'],
    engines: { node: '>=20.19' },
    scripts: { build: 'tsup' },
    dependencies: old.dependencies ?? {},
    ...(old.peerDependencies ? { peerDependencies: old.peerDependencies } : {}),
    ...(old.devDependencies ? { devDependencies: old.devDependencies } : {}),
    publishConfig: { access: 'public' },
  };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
