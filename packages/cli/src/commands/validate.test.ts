import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';
import { validateText } from './validate';

describe('commonweal validate', () => {
  it.each([
    ['examples/valuation/measures.csv', 'measures'],
    ['examples/valuation/commitments.csv', 'entries'],
    ['examples/tender/model.json', 'evaluation-model'],
    ['examples/tender/bids.csv', 'bids'],
    ['examples/tender/scores.csv', 'scores'],
    ['examples/tender/gates.csv', 'gates'],
    ['examples/tender/commitments.csv', 'commitments'],
    ['examples/doughnut/indicators.csv', 'indicators'],
    ['examples/carbon/emissions.csv', 'emissions'],
    ['examples/spend/spend.csv', 'spend'],
    ['examples/spend/suppliers.csv', 'suppliers'],
    ['examples/priorities/survey.csv', 'survey'],
  ])('detects %s as %s and finds no errors', async (file, kind) => {
    const r = await runCli(['validate', file, '--format', 'json']);
    const [v] = JSON.parse(r.stdout);
    expect(v.kind).toBe(kind);
    expect(v.issues.filter((i: { severity?: string }) => i.severity !== 'warning')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('reports every broken row with its location and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-validate-'));
    writeFileSync(
      join(dir, 'scores.csv'),
      'bid,criterion,evaluator,score,comment\nB1,Q1,E1,3,ok\nB1,Q1,E2,,missing\n',
    );
    const r = await runCli(['validate', 'scores.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /scores\.csv: evaluators' scores — 1 error\(s\); rows 2 read, 1 accepted, 1 rejected/,
    );
    expect(r.stdout).toMatch(/scores\.csv:3:4 score: /);
  });

  it('detects an entries table and locates a bad quantity', async () => {
    const v = await validateText('measure,quantity,year\nNT1,ten,2025\n', 'e.csv');
    expect(v.kind).toBe('entries');
    expect(v.issues[0]).toMatchObject({ line: 2, field: 'quantity' });
    expect(v.counts).toEqual({ read: 1, accepted: 0, rejected: 1 });
  });

  it('explains unrecognised JSON and usage errors', async () => {
    const v = await validateText('{"hello": 1}', 'x.json');
    expect(v.issues[0]?.code).toBe('unknown_kind');
    const bad = await validateText('{"criteria": [', 'm.json');
    expect(bad.issues[0]?.line).toBe(1);
    const r = await runCli(['validate', 'README.md']);
    expect(r.code).toBe(2);
    const k = await runCli(['validate', 'examples/tender/bids.csv', '--kind', 'nope']);
    expect(k.code).toBe(2);
    expect(k.stderr).toContain('--kind must be one of');
  });
});
