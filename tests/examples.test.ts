// Every example runs with the command its README gives, against the built packages (the
// README's test command builds first): each `node …` line of a ```sh block must exit 0.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { shellCommands, splitArgs } from './support/shell';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const built =
  existsSync(join(ROOT, 'packages/cli/dist/bin.js')) &&
  existsSync(join(ROOT, 'packages/report/dist/index.js'));
if (!built) console.warn('example tests skipped: run `pnpm build` first (the `pnpm test` command does)');

// examples/browser starts a server: tests/browser/scorer.test.ts drives it in Chromium instead.
const examples = readdirSync(join(ROOT, 'examples'))
  .filter((d) => d !== 'browser' && existsSync(join(ROOT, 'examples', d, 'README.md')))
  .sort();
const cases = examples.flatMap((d) =>
  shellCommands(readFileSync(join(ROOT, 'examples', d, 'README.md'), 'utf8'))
    .filter((c) => c.command.startsWith('node '))
    .map((c) => ({ name: `examples/${d}/README.md:${c.line}`, ...c })),
);
const before = new Set(readdirSync(ROOT));

afterAll(() => {
  // examples that write into the working directory leave nothing behind in the repository root
  for (const f of readdirSync(ROOT))
    if (!before.has(f) && f !== 'commonweal-demo') rmSync(join(ROOT, f), { recursive: true });
});

describe('shellCommands', () => {
  it('joins continuations and skips comments', () => {
    expect(shellCommands('```sh\n# c\nnode a \\\n  --b "x y"\n```\n')).toEqual([
      { line: 3, command: 'node a --b "x y"' },
    ]);
    expect(splitArgs(`node a --local "EX1,EX2" --x 'y z'`)).toEqual([
      'node',
      'a',
      '--local',
      'EX1,EX2',
      '--x',
      'y z',
    ]);
  });
});

describe.skipIf(!built)('every example runs as its README says', () => {
  it('finds a command for every example folder with a README', () => {
    const withCommands = new Set(cases.map((c) => c.name.split('/README')[0]));
    for (const d of examples.filter((d) => d !== 'browser'))
      expect(withCommands.has(`examples/${d}`), d).toBe(true);
  });

  it.each(cases)('$name: $command', ({ command }) => {
    const [bin, ...args] = splitArgs(command);
    const r = spawnSync(bin as string, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // never a stack trace
    expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
    if (!args.includes('--out')) expect(r.stdout.length).toBeGreaterThan(0);
  });
});
