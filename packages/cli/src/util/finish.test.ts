import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finish } from './finish';
import type { CliIO } from './io';

function memoryIO(cwd: string): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    isTTY: false,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io as unknown as CliIO & { out: string; err: string };
}

const warning = {
  severity: 'warning' as const,
  code: 'scores_diverge' as const,
  message: 'a warning',
  path: ['x'],
};
const error = { severity: 'error' as const, code: 'unknown_bid' as const, message: 'an error', path: ['y'] };

describe('finish', () => {
  it('prints issues, writes the result and the report, runs the rest, and exits 1 only on errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-finish-'));
    const io = memoryIO(dir);
    const order: string[] = [];
    const code = await finish(
      io,
      { report: 'r.md' },
      {
        issues: [warning],
        output: () => {
          order.push('output');
          return 'result\n';
        },
        report: {
          html: () => 'never',
          md: () => {
            order.push('report');
            return '# report\n';
          },
        },
        after: () => order.push('after'),
      },
    );
    expect(code).toBe(0);
    expect(io.out).toBe('result\n');
    expect(io.err).toContain('a warning');
    expect(order).toEqual(['output', 'report', 'after']);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toBe('# report\n');
    expect(await finish(memoryIO(dir), {}, { issues: [warning, error], output: () => '' })).toBe(1);
  });

  it('streams a result in pieces to --out, and --quiet prints nothing on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-finish-'));
    const io = memoryIO(dir);
    const code = await finish(
      io,
      { out: 'o.csv', quiet: true },
      {
        issues: [error],
        stream: (sink) => {
          sink.write('a,b\n');
          sink.write('1,2\n');
        },
      },
    );
    expect(code).toBe(1);
    expect(io.err).toBe('');
    expect(io.out).toBe('');
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });
});
