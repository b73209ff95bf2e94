// Every fenced code block in docs/*.md and the root README.md runs here, so the documentation
// cannot drift from the code:
// - ```sh: lines starting `commonweal ` or `node packages/cli/dist/bin.js ` run in-process with
//   the CLI's `run`, and must exit 0 or the code of a `# exit N` comment on the line above;
//   other lines (pnpm, npm, bash…) are listed as skipped tests. Commands run in a temporary
//   folder that mirrors the repository root (symbolic links), so files they write land there.
// - ```ts: written to docs/.run/ (inside the repo, so the @commonweal/* aliases apply) and
//   imported; they must not throw, and every `// prints: TEXT` comment must appear in what the
//   block logged.
// - ```json: must parse; after a `<!-- schema: NAME -->` comment, must also validate against
//   that registered JSON Schema. ```csv: must tokenise cleanly with one field count.
// - ```text is data and not checked; other languages are listed as skipped tests.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '@commonweal/csv';
import { jsonSchema, schemaNames } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../packages/cli/src/cli';
import type { CliIO } from '../packages/cli/src/util/io';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUN_DIR = join(ROOT, 'docs', '.run');

interface Block {
  /** Repo-relative file, e.g. `docs/embedding.md`. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string[];
  schema?: string;
  /** Marked `<!-- output -->`: a text block showing output of the last command run above it. */
  output?: boolean;
}

/** The fenced blocks of a Markdown file, with the line of each opening fence. */
function extractBlocks(file: string, text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let open: Block | undefined;
  let fence = '';
  lines.forEach((raw, i) => {
    if (open) {
      if (raw.trim() === fence) {
        blocks.push(open);
        open = undefined;
      } else open.body.push(raw);
      return;
    }
    const m = /^(`{3,})\s*([\w-]*)\s*$/.exec(raw);
    if (!m) return;
    fence = m[1] as string;
    open = { file, line: i + 1, lang: (m[2] ?? '').toLowerCase(), body: [] };
    // A comment just above (blank lines allowed): `<!-- schema: NAME -->` names the JSON
    // Schema of a json block; `<!-- output -->` marks a text block as real command output.
    for (let j = i - 1; j >= 0; j--) {
      const prev = (lines[j] as string).trim();
      if (prev === '') continue;
      const s = /^<!--\s*schema:\s*([\w-]+)\s*-->$/.exec(prev);
      if (s) open.schema = s[1] as string;
      if (/^<!--\s*output\s*-->$/.test(prev)) open.output = true;
      break;
    }
  });
  if (open) throw new Error(`${file}:${(open as Block).line}: code block is never closed`);
  return blocks;
}

/** Splits a command line into argv: single and double quotes, backslash escapes, `#` comments. */
function splitArgs(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) args.push(cur);
      cur = '';
      has = false;
    } else if (c === '#' && !has) {
      break; // a comment to the end of the line
    } else if ('|<>;&'.includes(c)) {
      throw new Error(
        `shell syntax "${c}" is not supported in documented commands: write one command per line`,
      );
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} quote`);
  if (has) args.push(cur);
  return args;
}

interface ShellCommand {
  line: number;
  text: string;
  /** argv after the program name; undefined when the line is not a commonweal command. */
  argv?: string[];
  expect: number;
}

const CLI_PREFIXES = ['commonweal ', 'node packages/cli/dist/bin.js '];

/** The commands of a ```sh block, continuation lines joined, with expected exit codes. */
function shellCommands(block: Block): ShellCommand[] {
  const out: ShellCommand[] = [];
  let expectNext = 0;
  for (let i = 0; i < block.body.length; i++) {
    const start = i;
    let text = (block.body[i] as string).trim();
    while (text.endsWith('\\') && i + 1 < block.body.length) {
      text = `${text.slice(0, -1).trimEnd()} ${(block.body[++i] as string).trim()}`;
    }
    if (text === '') continue;
    if (text.startsWith('#')) {
      const m = /^#\s*exit\s+(\d+)\s*$/.exec(text);
      if (m) expectNext = Number(m[1]);
      continue;
    }
    const line = block.line + 1 + start;
    const prefix = CLI_PREFIXES.find((p) => text.startsWith(p));
    if (prefix) out.push({ line, text, argv: splitArgs(text.slice(prefix.length)), expect: expectNext });
    else out.push({ line, text, expect: expectNext });
    expectNext = 0;
  }
  return out;
}

function docFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** A scratch folder whose entries link to the repository root's, so inputs resolve and outputs stay out of the tree. */
function mirrorRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'commonweal-docs-'));
  for (const name of readdirSync(ROOT)) {
    if (name === '.git' || name === 'commonweal-demo') continue;
    symlinkSync(join(ROOT, name), join(dir, name));
  }
  return dir;
}

async function runCommand(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    isTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(name: string) {
  let v = validators.get(name);
  if (!v) {
    v = ajv.compile(jsonSchema(name));
    validators.set(name, v);
  }
  return v;
}

const short = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
let blockCounter = 0;

beforeAll(() => {
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
});
afterAll(() => {
  rmSync(RUN_DIR, { recursive: true, force: true });
});

it('finds the documentation files, each with at least one code block', () => {
  const files = docFiles();
  for (const f of [
    'README.md',
    'docs/README.md',
    'docs/getting-started.md',
    'docs/embedding.md',
    'docs/scoring-a-tender.md',
    'docs/methods.md',
    'docs/data-formats.md',
    'docs/reference-data.md',
  ])
    expect(files).toContain(f);
  for (const f of files) {
    const blocks = extractBlocks(f, readFileSync(join(ROOT, f), 'utf8'));
    expect(blocks.length, `${f} has no code block`).toBeGreaterThan(0);
  }
});

describe('the block extractor', () => {
  it('finds fences with their line, language and markers', () => {
    const md = [
      '# T',
      '',
      '<!-- schema: entries -->',
      '```json',
      '[]',
      '```',
      'text',
      '```sh',
      'commonweal x',
      '```',
    ];
    const blocks = extractBlocks('t.md', md.join('\n'));
    expect(blocks.map((b) => [b.line, b.lang, b.schema, b.body.length])).toEqual([
      [4, 'json', 'entries', 1],
      [8, 'sh', undefined, 1],
    ]);
    expect(() => extractBlocks('t.md', '```ts\nconst a = 1;\n')).toThrow(/never closed/);
  });

  it('splits command lines like a shell, and refuses pipes and redirects', () => {
    expect(splitArgs(`value --local "EX1,EX2" --x 'a b' plain\\ space # comment`)).toEqual([
      'value',
      '--local',
      'EX1,EX2',
      '--x',
      'a b',
      'plain space',
    ]);
    expect(splitArgs('--a=#1')).toEqual(['--a=#1']);
    expect(() => splitArgs('schema entries > out.json')).toThrow(/not supported/);
    expect(() => splitArgs('x "open')).toThrow(/unclosed/);
  });

  it('joins continuation lines and reads "# exit N" for the next command only', () => {
    const block = {
      file: 't.md',
      line: 10,
      lang: 'sh',
      body: [
        '# exit 2',
        'commonweal value \\',
        '  --help',
        'pnpm build',
        'node packages/cli/dist/bin.js schema --list',
      ],
    };
    expect(shellCommands(block).map((c) => [c.line, c.argv, c.expect])).toEqual([
      [12, ['value', '--help'], 2],
      [14, undefined, 0],
      [15, ['schema', '--list'], 0],
    ]);
  });
});

for (const file of docFiles()) {
  const blocks = extractBlocks(file, readFileSync(join(ROOT, file), 'utf8'));

  describe(file, () => {
    let cwd = '';
    let last: { at: string; text: string; out: string } | undefined;
    beforeAll(() => {
      cwd = mirrorRoot();
    });
    afterAll(() => {
      if (cwd) rmSync(cwd, { recursive: true, force: true });
    });

    for (const block of blocks) {
      const where = `${block.file}:${block.line}`;
      switch (block.lang) {
        case 'sh':
        case 'bash':
        case 'shell': {
          for (const cmd of shellCommands(block)) {
            const at = `${block.file}:${cmd.line}`;
            if (!cmd.argv) {
              it.skip(`${at} not run (not a commonweal command): ${short(cmd.text)}`, () => {});
              continue;
            }
            const argv = cmd.argv;
            it(`${at} sh: ${short(cmd.text)} → exit ${cmd.expect}`, async () => {
              const r = await runCommand(argv, cwd);
              last = { at, text: cmd.text, out: `${r.stdout}\n${r.stderr}` };
              expect(
                r.code,
                `${at}: ${cmd.text}\nexit ${r.code}, expected ${cmd.expect}\n--- stderr\n${r.stderr}\n--- stdout\n${short(r.stdout, 2000)}`,
              ).toBe(cmd.expect);
            });
          }
          break;
        }
        case 'ts':
        case 'typescript': {
          it(`${where} ts block runs`, async () => {
            const name = `${block.file.replace(/[^\w]+/g, '-')}-L${block.line}-${++blockCounter}.ts`;
            const path = join(RUN_DIR, name);
            writeFileSync(path, `${block.body.join('\n')}\nexport {};\n`);
            const logged: string[] = [];
            const capture = (...args: unknown[]) => {
              logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
            };
            const log = vi.spyOn(console, 'log').mockImplementation(capture);
            const info = vi.spyOn(console, 'info').mockImplementation(capture);
            try {
              await import(/* @vite-ignore */ path);
            } catch (e) {
              throw new Error(
                `${where}: the ts block threw (${relative(ROOT, path)}): ${(e as Error).stack ?? String(e)}`,
              );
            } finally {
              log.mockRestore();
              info.mockRestore();
            }
            const output = logged.join('\n');
            for (const l of block.body) {
              const m = /\/\/\s*prints:\s*(.+?)\s*$/.exec(l);
              if (m) expect(output, `${where}: expected the block to print "${m[1]}"`).toContain(m[1]);
            }
          });
          break;
        }
        case 'json': {
          it(`${where} json parses${block.schema ? ` and is a valid "${block.schema}"` : ''}`, () => {
            const value: unknown = JSON.parse(block.body.join('\n'));
            if (block.schema) {
              expect(schemaNames(), `${where}: no schema is named "${block.schema}"`).toContain(block.schema);
              const validate = validatorFor(block.schema);
              const valid = validate(value);
              expect(valid, `${where}: ${JSON.stringify(validate.errors, null, 2)}`).toBe(true);
            }
          });
          break;
        }
        case 'csv': {
          it(`${where} csv is well formed`, () => {
            const { records } = parseCsv(`${block.body.join('\n')}\n`);
            expect(records.length, `${where}: empty csv block`).toBeGreaterThan(0);
            const width = records[0]?.fields.length;
            for (const r of records) {
              expect(r.error, `${where} record at block line ${r.line}`).toBeUndefined();
              expect(r.fields.length, `${where} record at block line ${r.line}: field count`).toBe(width);
            }
          });
          break;
        }
        case 'text': {
          // Data shown to the reader. Marked `<!-- output -->`, each line (except `…`) must be a
          // line of what the last command above printed (stdout, then stderr).
          if (!block.output) break;
          it(`${where} text is the output of the command above`, () => {
            expect(last, `${where}: no command ran before this output block`).toBeDefined();
            const printed = new Set((last?.out ?? '').split(/\r?\n/).map((l) => l.trimEnd()));
            for (const l of block.body) {
              const want = l.trimEnd();
              if (want === '' || want === '…') continue;
              expect(
                printed.has(want),
                `${where}: "${want}" is not in the output of ${last?.at} (${last?.text})\n--- output\n${last?.out}`,
              ).toBe(true);
            }
          });
          break;
        }
        case '':
          it(`${where} code block names its language`, () => {
            throw new Error(`${where}: give the block a language (sh, ts, json, csv or text)`);
          });
          break;
        default:
          it.skip(`${where} not run: ${block.lang} block`, () => {});
      }
    }
  });
}
