import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonSchema, schemas } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';

const example = [
  'monitor',
  '--commitments',
  'examples/tender/commitments.csv',
  '--bid',
  'B1',
  '--outcomes',
  'examples/tender/outcomes.csv',
  '--start',
  '2026-04-01',
  '--end',
  '2028-03-31',
  '--as-of',
  '2027-03-31',
  '--framework',
  'examples/valuation/measures.csv',
];

interface Json {
  elapsed: string;
  overall: { basis: string; status: string; counts: Record<string, number> };
  measures: {
    measure: string;
    committed: string;
    delivered: string;
    deliveredShare: string;
    pace: string;
    status: string;
  }[];
  periods: { period: string }[];
  records: { read: number; accepted: number; rejected: number };
  issues: { code: string; file?: string; line?: number }[];
}

describe('commonweal monitor on the example tender (winning bid B1)', () => {
  it('prints RAG by measure and period with exit 0', async () => {
    const r = await runCli(example);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Overall: RED');
    expect(r.stdout).toMatch(
      /EX-JOB Local people employed on the contract\s+FTE\s+12\.5\s+11\s+6\.24\s+88\.0%\s+1\.76\s+GREEN/,
    );
    expect(r.stdout).toContain('49.9% of the contract period has elapsed');
  });

  it('computes pace against time elapsed (hand-checked)', async () => {
    const r = await runCli([...example, '--format', 'json']);
    expect(r.code).toBe(0);
    const json: Json = JSON.parse(r.stdout);
    // 2026-04-01 → 2027-03-31 is 365 days of 731 (2028 is a leap year): elapsed 365/731 = 0.4993…
    expect(json.elapsed.startsWith('0.49931600547')).toBe(true);
    const m = (code: string) => json.measures.find((x) => x.measure === code);
    // EX-JOB 6 + 3 + 1 + 1 = 11 of 12.5 = 0.88; pace 0.88 × 731/365 = 1.7624… → green (≥ 0.9)
    expect([m('EX-JOB')?.delivered, m('EX-JOB')?.deliveredShare, m('EX-JOB')?.status]).toEqual([
      '11',
      '0.88',
      'green',
    ]);
    expect(m('EX-JOB')?.pace.startsWith('1.7624')).toBe(true);
    // EX-NEET 1 of 4 = 0.25; pace 0.25 × 731/365 = 0.5006… → red (< 0.7)
    expect(m('EX-NEET')?.pace.startsWith('0.5006')).toBe(true);
    expect(m('EX-NEET')?.status).toBe('red');
    // WB1 1.1 + 1.3 = 2.4 of 6 = 0.4; pace 0.8011… → amber (≥ 0.7, < 0.9)
    expect(m('WB1')?.pace.startsWith('0.8010')).toBe(true);
    expect(m('WB1')?.status).toBe('amber');
    // two record-only measures (no proxy) → overall is the worst committed measure
    expect(json.overall).toMatchObject({
      basis: 'measures',
      status: 'red',
      counts: { green: 3, amber: 1, red: 1 },
    });
    expect(json.periods.map((p) => p.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(json.records).toEqual({ read: 11, accepted: 11, rejected: 0 });
  });

  it('writes JSON that validates against the registered delivery-output schema', async () => {
    const r = await runCli([...example, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(schemas['delivery-output']?.safeParse(json).success).toBe(true);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(jsonSchema('delivery-output'));
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
    const again = await runCli([...example, '--format', 'json']);
    expect(again.stdout).toBe(r.stdout);
  });

  it('writes Markdown; monthly periods cannot hold quarterly records (located issues, exit 1)', async () => {
    const r = await runCli([...example, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Social value delivery monitoring');
    expect(r.stdout).toContain('| measure | unit | committed |');
    const month = await runCli([...example, '--format', 'json', '--period', 'month']);
    expect(month.code).toBe(1);
    const json: Json = JSON.parse(month.stdout);
    // 10 of the 11 records are by quarter; only EX-NEET has a date (2026-11-14)
    expect(json.issues.filter((i) => i.code === 'period_too_coarse').map((i) => i.line)).toEqual([
      2, 3, 4, 5, 7, 8, 9, 10, 11, 12,
    ]);
    expect(json.records).toEqual({ read: 11, accepted: 1, rejected: 10 });
  });

  it('locates rejected outcome rows on their lines and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-monitor-'));
    writeFileSync(
      join(dir, 'o.csv'),
      'measure,quantity,date,period,evidence\nEX-JOB,2,2026-03-01,,too early\nEX-JOB,two,,2026-Q3,\nEX-JOB,3,,2026-Q3,ok\n',
    );
    const args = example.map((a) => (a.startsWith('examples/') ? join(ROOT, a) : a));
    args[args.indexOf(join(ROOT, 'examples/tender/outcomes.csv'))] = 'o.csv';
    const r = await runCli([...args, '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const json: Json = JSON.parse(r.stdout);
    expect(json.issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ['not_a_number', 'o.csv', 3],
      ['outcome_before_start', 'o.csv', 2],
    ]);
    expect(json.records).toEqual({ read: 2, accepted: 1, rejected: 1 });
  });

  it('usage errors exit 2: several bids without --bid, a bad date, a missing option', async () => {
    const noBid = await runCli(example.filter((a, i) => a !== '--bid' && example[i - 1] !== '--bid'));
    expect(noBid.code).toBe(2);
    expect(noBid.stderr).toContain(
      'commitments of 5 bids (B1, B2, B3, B4, B5): choose the winning bid with --bid',
    );
    const badDate = await runCli(example.map((a) => (a === '2027-03-31' ? '2027-02-30' : a)));
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--as-of must be a real date');
    expect((await runCli(['monitor', '--outcomes', 'o.csv'])).code).toBe(2);
  });
});

describe('commonweal monitor: a plain entries file', () => {
  it('reads one bid’s commitments without a bid column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-monitor-'));
    writeFileSync(join(dir, 'c.csv'), 'measure,quantity,year\nEX-JOB,10,2026\n');
    writeFileSync(join(dir, 'o.csv'), 'measure,quantity,period\nEX-JOB,5,2026-Q3\n');
    const r = await runCli(
      [
        'monitor',
        '--commitments',
        'c.csv',
        '--outcomes',
        'o.csv',
        '--start',
        '2026-01-01',
        '--end',
        '2027-12-31',
        '--as-of',
        '2026-12-31',
        '--format',
        'json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const json: Json = JSON.parse(r.stdout);
    // 5 of 10 delivered in 365 of 730 days: pace (5/10) ÷ (365/730) = 1 → green
    expect(json.measures.map((m) => [m.measure, m.pace, m.status])).toEqual([['EX-JOB', '1', 'green']]);
  });
});
