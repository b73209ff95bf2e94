// Runs the CLI in-process on the examples, as their READMEs say, inside a scratch copy of
// examples/ so that files the commands write never land in the repository.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../packages/cli/src/cli';
import { commands } from '../../packages/cli/src/commands/index';
import type { CliIO } from '../../packages/cli/src/util/io';
import { shellCommands, splitArgs } from '../support/shell';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One command from an example README: where it is, and its arguments after `bin.js`. */
export interface ExampleCommand {
  name: string;
  argv: string[];
}

/** Every `node packages/cli/dist/bin.js …` command of every example README. */
export function exampleCommands(): ExampleCommand[] {
  const dirs = readdirSync(join(ROOT, 'examples')).sort();
  const out: ExampleCommand[] = [];
  for (const d of dirs) {
    let md: string;
    try {
      md = readFileSync(join(ROOT, 'examples', d, 'README.md'), 'utf8');
    } catch {
      continue;
    }
    for (const c of shellCommands(md)) {
      const [node, bin, ...argv] = splitArgs(c.command);
      if (node !== 'node' || !bin?.endsWith('cli/dist/bin.js')) continue;
      out.push({ name: `examples/${d}/README.md:${c.line}`, argv });
    }
  }
  return out;
}

/** The output formats a command offers, from its `--format` option's description. */
export function formatsOf(name: string): string[] {
  const cmd = commands.find((c) => c.name === name);
  const format = cmd?.options?.format as { description?: string } | undefined;
  if (!format?.description) return [];
  return ['table', 'json', 'csv', 'md', 'html'].filter((f) =>
    new RegExp(`\\b${f}\\b`).test(format.description!),
  );
}

/** A scratch working directory holding a copy of examples/. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-fuzz-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

function files(dir: string, base = dir): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    if (s.isDirectory()) for (const [k, v] of files(p, base)) out.set(k, v);
    else out.set(relative(base, p), s.mtimeMs);
  }
  return out;
}

/** What one run gave: exit code, stdout, stderr, and the files it wrote (removed again). */
export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
  written: Record<string, string>;
}

/** Runs the CLI in `cwd`; files it creates or changes are read back and removed (unless `keep`). */
export async function runIn(cwd: string, argv: string[], keep = false): Promise<RunOutput> {
  const before = files(cwd);
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
  const written: Record<string, string> = {};
  for (const [f, mtime] of files(cwd)) {
    if (before.get(f) === mtime) continue;
    written[f] = readFileSync(join(cwd, f), 'utf8');
    if (!keep) rmSync(join(cwd, f));
  }
  return { code, stdout, stderr, written };
}

/** Sets (or adds) an option's value in an argument list. */
export function withOption(argv: readonly string[], option: string, value: string): string[] {
  const out = [...argv];
  const i = out.indexOf(option);
  if (i >= 0) out[i + 1] = value;
  else out.push(option, value);
  return out;
}

/** Drops an option and its value. */
export function withoutOption(argv: readonly string[], option: string): string[] {
  const out = [...argv];
  const i = out.indexOf(option);
  if (i >= 0) out.splice(i, 2);
  return out;
}

/**
 * Runs, keeping their files, the earlier commands of the same README that write an `--out`
 * file: a README's later command may read it (e.g. `value --out v.json`, then `priorities
 * --valuation v.json`).
 */
export async function runPrerequisites(
  cwd: string,
  cases: readonly ExampleCommand[],
  name: string,
): Promise<void> {
  const readme = name.split(':')[0];
  for (const prev of cases.slice(
    0,
    cases.findIndex((c) => c.name === name),
  )) {
    if (prev.name.startsWith(`${readme}:`) && (prev.argv.includes('--out') || prev.argv[0] === 'demo'))
      await runIn(cwd, prev.argv, true);
  }
}
