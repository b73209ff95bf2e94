import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

interface TraceJson {
  notes?: string[];
  inputs: Record<string, { value: string; trace?: TraceJson }>;
}

interface Json {
  elapsed: string;
  overall: { basis: string; status: string; counts: Record<string, number> };
  measures: {
    measure: string;
    committed: string;
    delivered: string;
    deliveredShare: string;
    expected: string;
    pace: string;
    status: string;
    proxy: string | null;
    committedValue: string | null;
    deliveredValue: string | null;
    trace: TraceJson;
  }[];
  periods: { period: string; value: string | null; measures: { measure: string; cumulative: string }[] }[];
  records: { read: number; accepted: number; rejected: number };
  issues: { code: string; file?: string; line?: number }[];
}

describe('commonweal monitor on the example tender (winning bid B1)', () => {
  it('prints RAG by measure and period with exit 0', async () => {
    const r = await runCli(example);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Overall: RED');
    // committed 12.5 FTE × 2 years = 25 FTE-years; expected by now: contract year 1's 12.5
    expect(r.stdout).toMatch(
      /EX-JOB Local people employed on the contract\s+FTE\s+25\s+11\s+12\.50\s+44\.0%\s+0\.88\s+AMBER/,
    );
    expect(r.stdout).toContain('49.9% of the contract period has elapsed');
    expect(r.stdout).toContain('Committed = quantity × counted years');
  });

  it("computes pace in counted units against each commitment's delivery profile (hand-checked)", async () => {
    const r = await runCli([...example, '--format', 'json']);
    expect(r.code).toBe(0);
    const json: Json = JSON.parse(r.stdout);
    // 2026-04-01 → 2027-03-31 is 365 days of 731 (2028 is a leap year): elapsed 365/731 = 0.4993…
    expect(json.elapsed.startsWith('0.49931600547')).toBe(true);
    const m = (code: string) => json.measures.find((x) => x.measure === code);
    const row = (code: string) => [m(code)?.committed, m(code)?.delivered, m(code)?.status];
    // EX-JOB perYear: 12.5 FTE × 2 years = 25 FTE-years (Torbay's rule, valuation.md §2);
    // delivered 2.5 + 2.75 + 2.75 + 3 = 11 FTE-years; 11/25 = 0.44; as of 31 March 2027 contract
    // year 1 (April 2026 – March 2027) has ended, so its 12.5 are due: pace 11 ÷ 12.5 = 0.88 →
    // amber (≥ 0.7, < 0.9). Summing quantities alone gave 11/12.5 and pace 1.76, green.
    expect(row('EX-JOB')).toEqual(['25', '11', 'amber']);
    expect(m('EX-JOB')?.deliveredShare).toBe('0.44');
    expect(m('EX-JOB')?.pace).toBe('0.88');
    expect(m('EX-JOB')?.expected).toBe('12.5');
    // £: 25 × £21,000 = £525,000 committed; 11 × £21,000 = £231,000 delivered
    expect([m('EX-JOB')?.committedValue, m('EX-JOB')?.deliveredValue]).toEqual(['525000', '231000']);
    // EX-NEET firstYearOnly: 4 × 1 = 4, all due in year 1; 1 of 4 → pace 0.25, red
    expect(row('EX-NEET')).toEqual(['4', '1', 'red']);
    expect(m('EX-NEET')?.pace).toBe('0.25');
    // WB1: 6 WELLBYs a year × 3 years = 18, 6 due in year 1; 1.1 + 1.3 = 2.4 → pace 0.4, red
    expect(row('WB1')).toEqual(['18', '2.4', 'red']);
    expect(m('WB1')?.pace).toBe('0.4');
    // … counted for 3 years on a 2-year contract: the committed quantity's trace says so
    const committed = m('WB1')?.trace.inputs.committed?.trace;
    expect(committed?.notes).toContain(
      'counted for 3 years, longer than the contract (about 2): pace still expects all of it by the contract end',
    );
    // CO2: 35.5 t × 2 years = 71, 35.5 due in year 1; 7.4 + 8.8 = 16.2 → 0.4563… → red
    expect(row('CO2')).toEqual(['71', '16.2', 'red']);
    expect(m('CO2')?.pace.startsWith('0.45633802')).toBe(true);
    // EX-LOCAL: £182,500 a year × 2 = £365,000, £182,500 due in year 1; £88,400 → 0.4843… → red
    expect(row('EX-LOCAL')).toEqual(['365000', '88400', 'red']);
    expect(m('EX-LOCAL')?.pace.startsWith('0.48438356')).toBe(true);
    // two record-only measures (no proxy) → overall is the worst committed measure
    expect(json.overall).toMatchObject({
      basis: 'measures',
      status: 'red',
      counts: { green: 0, amber: 1, red: 4 },
    });
    expect(json.periods.map((p) => p.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    // 2026-Q2: only EX-JOB, 2.5 FTE-years × £21,000 = £52,500
    expect(json.periods[0]?.value).toBe('52500');
    expect(json.records).toEqual({ read: 11, accepted: 11, rejected: 0 });
  });

  it('values money in 2024 prices: the WELLBY proxy rebased by core with the HMT GDP deflator', async () => {
    const json: Json = JSON.parse((await runCli([...example, '--format', 'json'])).stdout);
    const wb1 = json.measures.find((x) => x.measure === 'WB1');
    // £13,000 (2019 prices) × 100 ÷ 81.1085 = £16,027.91 in 2024 prices
    expect(Number(wb1?.proxy).toFixed(2)).toBe('16027.91');
    expect(wb1?.trace.inputs['rebasing factor']?.value.startsWith('1.23291640210335538198')).toBe(true);
    expect(wb1?.trace.inputs['proxy price year']?.value).toBe('2019');
    // 18 WELLBYs × £16,027.91… = £288,502.44 committed
    expect(Number(wb1?.committedValue).toFixed(2)).toBe('288502.44');
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
    // the 2026 commitment of 10 is due in contract year 1 (2026): 5 delivered by its end → 0.5, red
    // (by time elapsed, 5 of 10 in 365 of 730 days, it looked on pace)
    expect(json.measures.map((m) => [m.measure, m.pace, m.status])).toEqual([['EX-JOB', '0.5', 'red']]);
  });
});

describe('commonweal monitor: delivery over time (returns, milestones, trajectory report)', () => {
  const overTime = [
    'monitor',
    '--commitments',
    'examples/tender/commitments.csv',
    '--bid',
    'B1',
    '--outcomes',
    'examples/tender/returns.csv',
    '--milestones',
    'examples/tender/milestones.csv',
    '--start',
    '2026-04-01',
    '--end',
    '2028-03-31',
    '--as-of',
    '2027-03-31',
    '--framework',
    'examples/valuation/measures.csv',
  ];

  it('reads returns written period,commitment,delivered,evidence reference and follows the milestones', async () => {
    const r = await runCli([...overTime, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(jsonSchema('delivery-output'));
    validate(json);
    expect(validate.errors ?? []).toEqual([]);
    const neet = json.measures.find((m: { measure: string }) => m.measure === 'EX-NEET');
    expect([neet.profileBasis, neet.expected, neet.delivered, neet.status]).toEqual([
      'milestones',
      '4',
      '2',
      'red',
    ]);
    expect(neet.profile.map((w: { cumulativeDue: string }) => w.cumulativeDue)).toEqual(['1', '2', '4']);
    expect(neet.returns.map((x: { evidence: string | null }) => x.evidence)).toEqual([
      'programme register PR-0142',
      'programme register PR-0157',
      null,
    ]);
    expect(json.milestones).toEqual({ read: 3, accepted: 3, rejected: 0 });
  });

  it('shows the profile and the returns in the table, and writes an HTML report with a trajectory per commitment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-monitor-'));
    const args = overTime.map((a) => (a.startsWith('examples/') ? join(ROOT, a) : a));
    const r = await runCli([...args, '--report', 'm.html'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Delivery profile: due and delivered per window (Σ cumulative)');
    expect(r.stdout).toMatch(/EX-NEET +by 2027-03-31 +2027-01-01 +2027-03-31 +2 +4 +0 +2 +milestone/);
    expect(r.stdout).toMatch(/EX-NEET +2027-Q1 +period +0 +0 +\(none given\) +8/);
    expect(r.stdout).toContain('1 return(s) give no evidence reference');
    const html = readFileSync(join(dir, 'm.html'), 'utf8');
    expect(html).not.toContain('<script');
    // five committed measures, five trajectories
    expect((html.match(/<svg role="img"/g) ?? []).length).toBe(5);
    expect(html).toContain(
      'EX-NEET Young people not in education or employment helped into work: RED (well behind)',
    );
  });

  it('refuses an unknown --accrual (exit 2) and reads --granularity quarter', async () => {
    expect((await runCli([...overTime, '--accrual', 'weekly'])).code).toBe(2);
    const q = await runCli([...overTime, '--granularity', 'quarter', '--format', 'json']);
    expect(q.code).toBe(0);
    const job = JSON.parse(q.stdout).measures.find((m: { measure: string }) => m.measure === 'EX-JOB');
    expect(job.profile).toHaveLength(8);
    expect(job.profile[0].due).toBe('3.125');
  });
});
