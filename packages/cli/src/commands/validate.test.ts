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

  it('refuses a measures table that value would refuse, with the same located issue (one check, two callers)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-validate-'));
    const header =
      'code,title,theme,outcome,unit,proxy_value,price_year,currency,counting_rule,source,licence,exclusive_with';
    writeFileSync(
      join(dir, 'measures.csv'),
      `${header}\nM1,Harm,Env,,t,-20,2024,GBP,perYear,Test source,CC0-1.0,\nM2,Jobs,Jobs,,FTE,100,2024,GBP,perYear,Test source,CC0-1.0,M9\n`,
    );
    writeFileSync(join(dir, 'entries.csv'), 'measure,quantity,year\nM1,1,2025\n');
    const v = await runCli(['validate', 'measures.csv', '--format', 'json'], dir);
    expect(v.code).toBe(1);
    const issues = JSON.parse(v.stdout)[0].issues;
    expect(
      issues.map((i: { code: string; line: number; column: number; field: string }) => [
        i.code,
        i.line,
        i.column,
        i.field,
      ]),
    ).toEqual([
      ['negative_proxy', 2, 6, 'proxy_value'],
      ['unknown_exclusive', 3, 12, 'exclusive_with'],
    ]);
    expect(issues[0].message).toContain('set allow_negative to yes on this row');
    const value = await runCli(['value', '--framework', 'measures.csv', '--entries', 'entries.csv'], dir);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain(
      'measures.csv:2:6 proxy_value: measure "M1" has a negative proxy value (-20)',
    );
    expect(value.stderr).toContain('measures.csv:3:12 exclusive_with:');
  });

  it('locates the issues of an evaluation model by line and column, as evaluate does', async () => {
    const text =
      '{\n  "id": "m", "title": "t", "currency": "GBP",\n  "criteria": [\n    {"id": "p", "title": "P", "type": "price", "weight": 50, "method": "lowest-ratio"}\n  ]\n}\n';
    const v = await validateText(text, 'model.json');
    expect(v.kind).toBe('evaluation-model');
    expect(v.issues.map((i) => [i.code, i.file, i.line, i.column])).toEqual([
      ['weights_not_100', 'model.json', 3, 15],
    ]);
  });

  it('reads the JSON of every input schema with --kind, by the schema’s name', async () => {
    const ok = await validateText('[{"year": 2025, "tco2e": "12.5"}]', 'e.json', 'carbon-emissions');
    expect(ok.issues).toEqual([]);
    expect(ok.counts).toEqual({ read: 1, accepted: 1, rejected: 0 });
    const bad = await validateText('[\n  {"year": 2025, "tco2e": "12,5"}\n]', 'e.json', 'carbon-emissions');
    expect(bad.issues[0]).toMatchObject({ file: 'e.json', line: 2, path: [0, 'tco2e'] });
    const bids = await validateText('[{"bid": "B1", "bidder": "A", "price": "£5"}]', 'b.json', 'bids');
    expect(bids.kind).toBe('bids-json');
    expect(bids.issues.length).toBeGreaterThan(0);
  });
});
