// A consumer project type-checks every package and subpath from the built declarations under
// nodenext, node16 and bundler with skipLibCheck false, and proves `Decimal` is not `any`.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const ROOT = join(HERE, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

const published = readdirSync(join(ROOT, 'packages'))
  .map((d) => join(ROOT, 'packages', d, 'package.json'))
  .filter((f) => existsSync(f))
  .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { name: string; private?: boolean; exports: object })
  .filter((p) => !p.private);
const specifiers = published.flatMap((p) =>
  Object.keys(p.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? p.name : `${p.name}/${k.slice(2)}`)),
);
const built = published.every((p) =>
  existsSync(join(ROOT, 'packages', p.name.replace('@commonweal/', ''), 'dist/index.d.ts')),
);
if (!built) console.warn('type tests skipped: run `pnpm build` first (the `pnpm test` command does)');

// Asynchronous, so the test runner's timer keeps running while tsc works.
function tsc(config: string): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', join(HERE, config)], { cwd: HERE }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

describe('consumer project', () => {
  it('imports every exports subpath of every published package', () => {
    const source = readFileSync(join(HERE, 'consumer.ts'), 'utf8');
    const imported = new Set([...source.matchAll(/from '(@commonweal\/[^']+)'/g)].map((m) => m[1]));
    expect(specifiers.length).toBeGreaterThanOrEqual(15);
    expect(specifiers.filter((s) => !imported.has(s))).toEqual([]);
  });

  it('imports decimal.js by its named export everywhere (its default import is the module under nodenext)', () => {
    const offenders: string[] = [];
    for (const pkg of readdirSync(join(ROOT, 'packages'))) {
      const src = join(ROOT, 'packages', pkg, 'src');
      if (!existsSync(src)) continue;
      for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((x) =>
        x.endsWith('.ts'),
      ))
        if (
          /import\s+(type\s+)?[\w$]+\s*(,\s*\{[^}]*\}\s*)?from\s+'decimal\.js'/.test(
            readFileSync(join(src, f), 'utf8'),
          )
        )
          offenders.push(`packages/${pkg}/src/${f}`);
    }
    expect(offenders).toEqual([]);
  });

  it.each(['nodenext', 'node16', 'bundler'])(
    'type-checks under moduleResolution %s with skipLibCheck false',
    { timeout: 300_000 },
    async (mode) => {
      if (!built) return;
      const config = JSON.parse(readFileSync(join(HERE, `tsconfig.${mode}.json`), 'utf8'));
      expect(config.compilerOptions.skipLibCheck).toBe(false);
      expect(config.compilerOptions.moduleResolution).toBe(mode);
      // The consumer's `@ts-expect-error` on assigning a Decimal to a number is unused (an error)
      // when Decimal is `any`, so a clean run proves the declarations keep the real type.
      const { status, out } = await tsc(`tsconfig.${mode}.json`);
      expect(out).toBe('');
      expect(status).toBe(0);
    },
  );

  it.skipIf(!built)('loads every subpath at run time through both import and require', () => {
    const esm = specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n');
    const check = specifiers.map((_, i) => `m${i}`).join(',');
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `${esm}\nconsole.log([${check}].filter((m) => Object.keys(m).length).length);`,
      ],
      { cwd: HERE, encoding: 'utf8' },
    );
    expect(Number(out.trim())).toBe(specifiers.length);
    const cjs = `const d = require('@commonweal/core').dec; console.log(d('0.1').plus('0.2').toString(), ${JSON.stringify(specifiers)}.filter((s) => Object.keys(require(s)).length).length);`;
    expect(execFileSync(process.execPath, ['-e', cjs], { cwd: HERE, encoding: 'utf8' }).trim()).toBe(
      `0.3 ${specifiers.length}`,
    );
  });
});
