import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dec } from '@commonweal/core/money';
import { jsonSchema } from '@commonweal/json';
import { wellFormedProblems } from '@commonweal/report';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';

const example = [
  'portfolio',
  '--manifest',
  'examples/portfolio/manifest.csv',
  '--as-of',
  '2027-03-31',
  '--framework',
  'examples/valuation/measures.csv',
];

describe('commonweal portfolio', () => {
  it('rolls up the example contracts (table)', async () => {
    const r = await runCli(example);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '3 contracts as of 2027-03-31: £591,655.60 delivered of £723,086.28 due by now (£1,419,388.20 committed)',
    );
    expect(r.stdout).toMatch(/Greenway Grounds Ltd\s+1\s+£269,301\.12\s+£157,153\.80\s+£155,650\.56\s+0\.99/);
  });

  it('writes JSON its schema accepts, the same bytes every run, with figures that add up', async () => {
    const a = await runCli([...example, '--format', 'json']);
    const b = await runCli([...example, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      jsonSchema('portfolio-output'),
    );
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.counts).toEqual({ read: 3, accepted: 3, rejected: 0 });
    // PK-2025-07: 7 FTE-years × £21,000 + 30 tCO2e × £288.35 (260.96 in 2022 prices, rebased to 2024)
    const greenway = doc.by.supplier.find((g: { key: string }) => g.key === 'Greenway Grounds Ltd');
    expect(greenway.trace.deliveredValue.inputs['PK-2025-07 EX-JOB']).toEqual({ value: '147000' });
    expect(greenway.deliveredValue).toBe('155650.559941657780896238142330705355219');
    expect(doc.total.deliveredValue).toBe('591655.6019921838424777513861744974147941');
    expect(doc.by.area.map((g: { key: string; contracts: string[] }) => [g.key, g.contracts])).toEqual([
      ['North ward', ['HC-2026-01', 'SM-2026-02']],
      ['South ward', ['PK-2025-07']],
    ]);
    expect(doc.measures.find((m: { measure: string }) => m.measure === 'EX-JOB').delivered).toBe('25.25');
  });

  it('lays each contract profile onto the quarters: due, delivered, shortfall and RAG per period', async () => {
    const doc = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    type P = {
      period: string;
      forward: boolean;
      dueValue: string;
      cumulative: Record<string, string | null>;
    };
    const at = (k: string) => doc.periods.find((p: P) => p.period === k) as P;
    expect(doc.periods.map((p: P) => p.period)).toEqual([
      ...['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'],
      ...['2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1', '2028-Q2'],
    ]);
    // 2025-Q3 is PK-2025-07's alone: contract year 1 (1 Jul 2025 – 30 Jun 2026) has 365 days, 92 in
    // the quarter: 4 FTE-years × 92/365 × £21,000 + 20 tCO2e × 92/365 × £288.352 = £21,172.60 + £1,453.61
    expect(dec(at('2025-Q3').dueValue).toFixed(2)).toBe('22626.21');
    expect(at('2025-Q3').cumulative.deliveredValue).toBe('21000');
    // EX-LOCAL (no proxy): £60,000 × 92/365 = 15,123.29 of local spend due, none delivered → red
    expect([at('2025-Q3').cumulative.basis, at('2025-Q3').cumulative.status]).toEqual(['measures', 'red']);
    // At the report date (a quarter end) the cumulative due and delivered are the totals
    const q = at('2027-Q1').cumulative;
    expect(dec(q.dueValue as string).toFixed(2)).toBe(dec(doc.total.expectedValue).toFixed(2));
    expect(q.deliveredValue).toBe(doc.total.deliveredValue);
    expect(dec(q.shortfallValue as string).toFixed(2)).toBe('131430.67');
    // After it, due only; over the whole contract, due adds up to exactly what is committed
    expect([at('2027-Q2').forward, at('2027-Q2').cumulative.status]).toEqual([true, null]);
    expect(doc.periods.at(-1).cumulative.dueValue).toBe(doc.total.committedValue);
    const table = (await runCli(example)).stdout;
    expect(table).toMatch(
      /2025-Q3\s+£22,626\.21\s+£21,000\.00\s+£22,626\.21\s+£21,000\.00\s+£1,626\.21\s+0\.93\s+RED \(worst measure\)/,
    );
    expect(table).toMatch(/2028-Q2\s+£22,319\.13\s+–\s+£1,419,388\.20\s+–\s+–\s+–\s+forward/);
  });

  it('writes a well-formed HTML report with charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-portfolio-'));
    const r = await runCli([...example, '--report', join(dir, 'p.html'), '--quiet']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'p.html'), 'utf8');
    expect(wellFormedProblems(html)).toEqual([]);
    expect((html.match(/<svg/g) ?? []).length).toBe(5); // four groups and the trajectory by period
    expect(html).toContain('Riverside Community Kitchen CIC');
  });

  it('reads a folder of contracts as the manifest does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-portfolio-dir-'));
    const lines = readFileSync(join(ROOT, 'examples/portfolio/manifest.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    for (const line of lines) {
      const [contract, supplier, area, start, end, c, o, bid] = line.split(',');
      const sub = join(dir, 'contracts', contract as string);
      mkdirSync(sub, { recursive: true });
      copyFileSync(join(ROOT, 'examples/portfolio', c as string), join(sub, 'commitments.csv'));
      copyFileSync(join(ROOT, 'examples/portfolio', o as string), join(sub, 'outcomes.csv'));
      writeFileSync(
        join(sub, 'contract.json'),
        JSON.stringify({ contract, supplier, area, start, end, ...(bid ? { bid } : {}) }),
      );
    }
    copyFileSync(join(ROOT, 'examples/valuation/measures.csv'), join(dir, 'measures.csv'));
    const r = await runCli(
      [
        'portfolio',
        '--dir',
        'contracts',
        '--as-of',
        '2027-03-31',
        '--framework',
        'measures.csv',
        '--format',
        'json',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    const fromDir = JSON.parse(r.stdout);
    const fromManifest = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    expect(fromDir.total).toEqual(fromManifest.total);
    expect(fromDir.by).toEqual(fromManifest.by);
  });

  it('rejects a contract whose file is missing or whose line is bad, on its manifest line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-portfolio-bad-'));
    for (const f of ['parks-commitments.csv', 'parks-outcomes.csv'])
      copyFileSync(join(ROOT, 'examples/portfolio', f), join(dir, f));
    writeFileSync(
      join(dir, 'm.csv'),
      [
        'contract,supplier,area,start,end,commitments,outcomes',
        'PK-2025-07,Greenway Grounds Ltd,South ward,2025-07-01,2028-06-30,parks-commitments.csv,parks-outcomes.csv',
        'XX-1,Nobody Ltd,,2025-07-01,2028-06-30,missing.csv,parks-outcomes.csv',
        'XX-2,Nobody Ltd,,01/07/2025,2028-06-30,parks-commitments.csv,parks-outcomes.csv',
      ].join('\n'),
    );
    const r = await runCli(
      ['portfolio', '--manifest', 'm.csv', '--as-of', '2027-03-31', '--format', 'json'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('m.csv:3');
    expect(r.stderr).toContain('contract XX-1: no file missing.csv');
    expect(r.stderr).toMatch(/m\.csv:4:4 .*YYYY-MM-DD/);
    const doc = JSON.parse(r.stdout);
    expect(doc.counts).toEqual({ read: 3, accepted: 1, rejected: 2 });
    expect(doc.contracts.map((c: { contract: string }) => c.contract)).toEqual(['PK-2025-07']);
  });

  it('refuses a run without contracts or a report date (usage, exit 2)', async () => {
    expect((await runCli(['portfolio', '--as-of', '2027-03-31'])).code).toBe(2);
    expect((await runCli(['portfolio', '--manifest', 'examples/portfolio/manifest.csv'])).code).toBe(2);
  });
});
