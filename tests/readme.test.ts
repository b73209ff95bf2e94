// Every ```ts block of README.md and packages/*/README.md runs against the built packages, as a
// user who installed them would run it: written to test-artifacts/readme/, type-checked there by
// tsc (nodenext, skipLibCheck false) and run with `node --import tsx` in a folder that mirrors the
// repository root (so `examples/…` paths resolve and written files stay out of the tree). Each
// `// prints: TEXT` comment must appear in what the block printed.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'test-artifacts', 'readme');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const built = ['core', 'uk', 'csv', 'json', 'report', 'cli'].every((p) =>
  existsSync(join(ROOT, 'packages', p, 'dist/index.js')),
);
if (!built) console.warn('README block tests skipped: run `pnpm build` first (the `pnpm test` command does)');

interface TsBlock {
  file: string;
  line: number;
  body: string;
}

/** The ```ts blocks of a Markdown text, with the line of each opening fence. */
function tsBlocks(file: string, markdown: string): TsBlock[] {
  const blocks: TsBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  let open: { line: number; body: string[] } | undefined;
  lines.forEach((l, i) => {
    if (open) {
      if (/^```\s*$/.test(l)) {
        blocks.push({ file, line: open.line, body: open.body.join('\n') });
        open = undefined;
      } else open.body.push(l);
    } else if (/^```(ts|typescript)\s*$/.test(l)) open = { line: i + 1, body: [] };
  });
  if (open) throw new Error(`${file}:${open.line}: code block is never closed`);
  return blocks;
}

const readmes = [
  'README.md',
  ...readdirSync(join(ROOT, 'packages'))
    .filter((d) => existsSync(join(ROOT, 'packages', d, 'README.md')))
    .sort()
    .map((d) => `packages/${d}/README.md`),
];
const blocks = readmes.flatMap((f) => tsBlocks(f, readFileSync(join(ROOT, f), 'utf8')));
const fileOf = (b: TsBlock) => `${b.file.replace(/[^\w]+/g, '-')}-L${b.line}.ts`;

function exec(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, ...env }, timeout: 300_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let mirror = '';
beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // No `paths` here: @commonweal/* resolve through node_modules to the built dist.
  writeFileSync(join(OUT, 'package.json'), '{ "private": true, "type": "module" }\n');
  writeFileSync(
    join(OUT, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
      },
      include: ['*.ts'],
    }),
  );
  for (const b of blocks) writeFileSync(join(OUT, fileOf(b)), `${b.body}\nexport {};\n`);
  mirror = mkdtempSync(join(tmpdir(), 'commonweal-readme-'));
  for (const name of readdirSync(ROOT)) {
    if (name === '.git' || name === 'commonweal-demo' || name === 'test-artifacts') continue;
    symlinkSync(join(ROOT, name), join(mirror, name));
  }
});
afterAll(() => {
  if (mirror) rmSync(mirror, { recursive: true, force: true });
});

describe('tsBlocks', () => {
  it('finds ts blocks with the line of their fence and nothing else', () => {
    const md = '# A\n```sh\nls\n```\n```ts\nconst a = 1;\n```\n\n```typescript\nlet b;\n```\n';
    expect(tsBlocks('x.md', md)).toEqual([
      { file: 'x.md', line: 5, body: 'const a = 1;' },
      { file: 'x.md', line: 9, body: 'let b;' },
    ]);
    expect(() => tsBlocks('x.md', '```ts\nopen\n')).toThrow(/x.md:1/);
  });
  it('finds the blocks of every README, core and cli included', () => {
    expect(readmes).toEqual(expect.arrayContaining(['packages/core/README.md', 'packages/cli/README.md']));
    const files = new Set(blocks.map((b) => b.file));
    for (const f of [
      'README.md',
      'packages/core/README.md',
      'packages/uk/README.md',
      'packages/csv/README.md',
    ])
      expect(files.has(f), f).toBe(true);
  });
});

describe.skipIf(!built)('README ts blocks against the built packages', () => {
  it('type-check (nodenext, skipLibCheck false)', { timeout: 300_000 }, async () => {
    const r = await exec([TSC, '-p', OUT], OUT);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  for (const b of blocks) {
    it(`${b.file}:${b.line} runs`, { timeout: 120_000 }, async () => {
      const r = await exec(['--import', 'tsx', join(OUT, fileOf(b))], mirror, {
        TSX_TSCONFIG_PATH: join(OUT, 'tsconfig.json'),
      });
      expect(r.code, `${b.file}:${b.line} exited ${r.code}\n${r.stderr}`).toBe(0);
      for (const m of b.body.matchAll(/\/\/\s*prints:\s*(.+?)\s*$/gm))
        expect(r.stdout, `${b.file}:${b.line}: expected it to print "${m[1]}"`).toContain(m[1]);
    });
  }
});

// The sentences that list which commands take an option must name exactly those commands.
describe('option claims in the README and guides match the commands', async () => {
  const { commands } = await import('@commonweal/cli');
  const having = (pred: (o: Record<string, { description: string }>) => boolean) =>
    commands
      .filter((c) => pred(c.options))
      .map((c) => c.name)
      .sort();
  const claims = [
    { option: '--report', re: /((?:`[a-z0-9-]+`,? )+and `[a-z0-9-]+`) (?:also )?(?:take|write) `--report/g },
    { option: '--format json', re: /((?:`[a-z0-9-]+`,? )+and `[a-z0-9-]+`) have `--format json`/g },
  ];
  const actual: Record<string, string[]> = {
    '--report': having((o) => 'report' in o),
    '--format json': having((o) => /json \(stable contract/.test(o.format?.description ?? '')),
  };
  for (const file of ['README.md', 'docs/getting-started.md', 'docs/data-formats.md']) {
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/\s*\n\s*/g, ' ');
    for (const { option, re } of claims)
      for (const m of text.matchAll(re))
        it(`${file}: the commands said to take ${option} are exactly those that do`, () => {
          const named = [...(m[1] as string).matchAll(/`([a-z0-9-]+)`/g)].map((n) => n[1]).sort();
          expect(named).toEqual(actual[option]);
        });
  }
  it('finds the claims it checks', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s*\n\s*/g, ' ');
    for (const { re } of claims) expect([...readme.matchAll(re)].length).toBe(1);
  });
});

// The `commonweal …` lines of the package READMEs run with the built command, in order, in an
// empty folder: what a user who installed only the package has (no examples/ checkout).
describe.skipIf(!built)('commonweal commands in the package READMEs', () => {
  const BIN = join(ROOT, 'packages/cli/dist/bin.js');
  for (const file of readmes.filter((f) => f.startsWith('packages/'))) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    const cmds: { line: number; argv: string[] }[] = [];
    let inSh = false;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      if (/^```(sh|bash)\s*$/.test(l)) inSh = true;
      else if (l.startsWith('```')) inSh = false;
      else if (inSh && l.startsWith('commonweal ')) {
        const at = i + 1;
        let cmd = l;
        while (cmd.endsWith('\\')) cmd = `${cmd.slice(0, -1).trimEnd()} ${(lines[++i] as string).trim()}`;
        cmds.push({ line: at, argv: cmd.split(/\s+/).slice(1) });
      }
    }
    if (cmds.length === 0) continue;
    it(`${file}: ${cmds.length} commands exit 0`, { timeout: 300_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'commonweal-readme-sh-'));
      try {
        for (const c of cmds) {
          const r = await exec([BIN, ...c.argv], dir);
          expect(r.code, `${file}:${c.line} commonweal ${c.argv.join(' ')}\n${r.stderr}`).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
