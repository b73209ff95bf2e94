import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from './cli';
import { ROOT } from './test/harness';
import type { CliIO } from './util/io';

// Commands that stream a file show a progress line on a terminal (and clear it), never when
// stderr is not a terminal or with --quiet.
async function onTerminal(argv: string[], isTTY = true): Promise<string> {
  let stderr = '';
  const io: CliIO = {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
    cwd: ROOT,
    isTTY,
  };
  await run(argv, io);
  return stderr.replace(/^.*\[[a-z_]+\]\n/gm, '');
}

// progress ticks every 100,000 rows: the example spend file repeated past that
const big = join(mkdtempSync(join(tmpdir(), 'cw-progress-')), 'spend.csv');
beforeAll(() => {
  const [head, ...rows] = readFileSync(join(ROOT, 'examples/spend/spend.csv'), 'utf8').trimEnd().split('\n');
  const body = rows.join('\n');
  const copies = Math.ceil(100_500 / rows.length);
  writeFileSync(big, `${head}\n${Array.from({ length: copies }, () => body).join('\n')}\n`);
});
const SPEND = ['--spend', big, '--suppliers', 'examples/spend/suppliers.csv', '--local', 'EX1,EX2,EX4'];

describe('progress on commands that stream a large file', () => {
  it.each([
    ['spend', ['spend', ...SPEND, '--format', 'json']],
    ['lm3', ['lm3', '--round1', '1000000000000', ...SPEND, '--format', 'json']],
    [
      'value',
      [
        'value',
        '--framework',
        'examples/valuation/measures.csv',
        '--entries',
        'examples/valuation/commitments.csv',
        '--format',
        'json',
      ],
    ],
  ])('%s shows rows read on a terminal and clears the line', async (_name, argv) => {
    const tty = await onTerminal(argv);
    expect(tty).toMatch(/\rreading [a-z]+… [\d,]+ rows/);
    expect(tty).toMatch(/\r +\r/);
    expect(await onTerminal(argv, false)).not.toContain('reading');
    expect(await onTerminal([...argv, '-q'])).toBe('');
  });
});
