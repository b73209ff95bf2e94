import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '@commonweal/core/issues';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';
import type { CliIO } from './io';
import { printIssues, printOrder } from './output';

function stderrOf(issues: Issue[]): string[] {
  let err = '';
  const io = { stderr: (t: string) => (err += t) } as unknown as CliIO;
  printIssues(io, issues, false);
  return err.trimEnd().split('\n');
}

const row = (line: number, file = 'a.csv', severity: 'error' | 'warning' = 'error'): Issue => ({
  code: 'unknown_measure',
  message: `row ${line}`,
  file,
  line,
  column: 1,
  severity,
});

describe('issue printing order', () => {
  it('puts a file-level reason first even after 60 row issues, then says how many are left out', () => {
    const issues: Issue[] = Array.from({ length: 60 }, (_, k) => row(61 - k));
    issues.push({ code: 'issues_truncated', message: 'more rows were rejected', file: 'a.csv' });
    const lines = stderrOf(issues);
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('a.csv: more rows were rejected [issues_truncated]');
    // the rows follow by line, not in the order they came
    expect(lines[1]).toBe('a.csv:2:1: row 2 [unknown_measure]');
    expect(lines[49]).toBe('a.csv:50:1: row 50 [unknown_measure]');
    expect(lines[50]).toBe('… and 11 more (use --format json for all)');
  });

  it('orders file-level errors, then file-level warnings, then rows by file (as they came) and line', () => {
    const w: Issue = { code: 'header_ambiguous', message: 'file warning', severity: 'warning' };
    const e: Issue = { code: 'empty_file', message: 'file error' };
    const got = printOrder([
      row(3, 'b.csv', 'warning'),
      row(9, 'b.csv'),
      w,
      row(4),
      row(2, 'b.csv'),
      e,
      row(1, 'b.csv', 'warning'),
    ]);
    expect(got.map((i) => `${i.code}:${i.file ?? ''}:${i.line ?? ''}`)).toEqual([
      'empty_file::',
      'header_ambiguous::',
      'unknown_measure:b.csv:1',
      'unknown_measure:b.csv:2',
      'unknown_measure:b.csv:3',
      'unknown_measure:b.csv:9',
      'unknown_measure:a.csv:4',
    ]);
  });

  it('keeps every issue once, and ties in their order (property)', () => {
    const issue = fc.record({
      line: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      file: fc.constantFrom('a.csv', 'b.csv'),
      severity: fc.constantFrom('error' as const, 'warning' as const),
    });
    fc.assert(
      fc.property(fc.array(issue, { maxLength: 30 }), (xs) => {
        const issues: Issue[] = xs.map(({ line, ...x }, k) => ({
          code: 'unknown_measure',
          message: String(k),
          ...x,
          ...(line === undefined ? {} : { line }),
        }));
        const got = printOrder(issues);
        expect([...got].sort((a, b) => Number(a.message) - Number(b.message))).toEqual(issues);
        const rank = (i: Issue) => (i.line === undefined ? 0 : 1);
        for (let k = 1; k < got.length; k++) expect(rank(got[k]!)).toBeGreaterThanOrEqual(rank(got[k - 1]!));
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('from the CLI: why nothing was valued first, then the header warning, rows by line, the count left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-order-'));
    const rows = Array.from({ length: 60 }, (_, k) => `NOPE-${k + 1},1,2026,red`);
    writeFileSync(join(dir, 'c.csv'), `measure,quantity,year,colour\n${rows.join('\n')}\n`);
    const r = await runCli([
      'value',
      '--framework',
      join(ROOT, 'examples/valuation/measures.csv'),
      '--entries',
      join(dir, 'c.csv'),
    ]);
    expect(r.code).toBe(1);
    const err = r.stderr.split('\n');
    // the reason nothing was valued came 62nd, after the 60 rows: it was cut off before
    expect(err[0]).toBe('entries: there are no entries to value [no_entries]');
    expect(err[1]).toMatch(/c\.csv:1: warning: column "colour" is not used .*\[unknown_columns\]$/);
    expect(err[2]).toMatch(/c\.csv:2:1 measure: measure "NOPE-1" /);
    expect(err[49]).toMatch(/c\.csv:49:1 measure: measure "NOPE-48" /);
    expect(err[50]).toBe('… and 12 more (use --format json for all)');
  });
});
