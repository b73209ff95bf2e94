import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('writes a well-formed HTML report with charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-portfolio-'));
    const r = await runCli([...example, '--report', join(dir, 'p.html'), '--quiet']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'p.html'), 'utf8');
    expect(wellFormedProblems(html)).toEqual([]);
    expect((html.match(/<svg/g) ?? []).length).toBe(4);
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
