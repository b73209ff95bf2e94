import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpendJsonSchema } from '@commonweal/core/economy';
import { jsonSchema } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { run } from '../cli';
import { ROOT, runCli } from '../test/harness';
import type { CliIO } from '../util/io';
import { progressLine } from './spend';

const EXAMPLE = [
  '--spend',
  'examples/spend/spend.csv',
  '--suppliers',
  'examples/spend/suppliers.csv',
  '--local',
  'EX1,EX2,EX4',
];
const ajv = new Ajv2020({ strict: false, validateFormats: false });
const validateOutput = ajv.compile(jsonSchema('spend-output'));

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'cw-spend-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('commonweal spend: the example', () => {
  it('runs the README command and exits 0 with the shares table', async () => {
    const r = await runCli(['spend', ...EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Spend analysis — shares of in-scope spend');
    // Local = suppliers S001–S007 (EX1, EX2, EX4), hand-summed from the file in pence: £197,343.36 of £437,272.92.
    expect(r.stdout).toMatch(/Local suppliers\s+£197,343\.36\s+45\.1%\s+30/);
    expect(r.stdout).toMatch(/In-scope spend\s+£437,272\.92\s+100\.0%\s+62/);
    expect(r.stdout).toContain('EX1 never matches EX10');
    expect(r.stdout).toContain('Leakage');
    expect(r.stderr).toContain('vat_basis_unknown');
  });

  it('writes JSON that validates against core SpendJsonSchema and the registered JSON Schema', async () => {
    const r = await runCli(['spend', ...EXAMPLE, '--format', 'json', '--period', 'financial-year']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(SpendJsonSchema.safeParse(json).success).toBe(true);
    expect(validateOutput(json), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(json.rows).toEqual({ read: 62, accepted: 62, rejected: 0 });
    expect(json.local.amount).toBe('197343.36');
    expect(json.total.amount).toBe('437272.92');
    expect(json.redacted).toEqual({ amount: '4110.00', share: expect.stringMatching(/^0\.0093/), count: 3 });
    expect(json.byPeriod.financialYear.map((p: { period: string }) => p.period)).toEqual(['2024-25']);
    expect(json.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.inputs.columns.amount).toBe('Amount');
    // Sidmouth Signs is in EX10: leakage, not local.
    const sidmouth = json.topSuppliers.find((s: { name: string }) => s.name === 'Sidmouth Signs Ltd');
    expect(sidmouth.local).toBe(false);
  });

  it('gives the same bytes twice, on stdout and with --out', async () => {
    const a = await runCli(['spend', ...EXAMPLE, '--format', 'json']);
    const b = await runCli(['spend', ...EXAMPLE, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const out = mkdtempSync(join(tmpdir(), 'cw-spend-out-'));
    const c = await runCli(['spend', ...EXAMPLE, '--format', 'json', '--out', join(out, 's.json'), '-q']);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe('');
    expect(readFileSync(join(out, 's.json'), 'utf8')).toBe(a.stdout);
  });

  it('declares exclusions: another council and redacted individuals leave the total', async () => {
    const r = await runCli([
      'spend',
      ...EXAMPLE,
      '--exclude-supplier',
      'Exeter City Council',
      '--exclude-redacted',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    // 437,272.92 − 24,000 (Exeter City Council) − 4,110 (redacted) = 409,162.92
    expect(json.total.amount).toBe('409162.92');
    expect(json.excluded).toMatchObject({ amount: '28110.00', count: 4 });
    expect(json.definition.redacted).toBe('excluded');
  });

  it('writes the top suppliers as CSV and Markdown', async () => {
    const csv = await runCli(['spend', ...EXAMPLE, '--format', 'csv', '--top', '3', '-q']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'rank,name,supplierId,amount,share,count,matched,local,sme,vcse,cooperative',
    );
    expect(csv.stdout.split('\n')[1]).toMatch(/^1,St Thomas Building Services Ltd,S004,112236\.01,/);
    const md = await runCli(['spend', ...EXAMPLE, '--format', 'md', '-q']);
    expect(md.stdout).toContain('# Spend analysis');
    expect(md.stdout).toContain('## Definitions');
  });
});

describe('commonweal spend: small files, hand-checked', () => {
  const register = [
    'supplier_id,supplier_name,postcode,sme,vcse,cooperative',
    'S1,Exe Bakers Ltd,EX1 2AB,yes,no,no',
    'S2,Sidmouth Signs,EX10 8XY,yes,no,no',
    'S3,Exeter Food Co-op,EX4 3PQ,yes,yes,yes',
  ].join('\n');

  it('computes shares by hand: 600 + 100 local of 1,000 (EX10 is leakage)', async () => {
    const d = dir({
      'suppliers.csv': register,
      'spend.csv':
        'Date,Supplier Name,Supplier ID,Net amount\n2024-04-02,Exe Bakers Ltd,S1,600.00\n2024-04-09,Sidmouth Signs,S2,300.00\n2024-05-01,Exeter Food Co-op,S3,100.00\n',
    });
    const r = await runCli(
      [
        'spend',
        '--spend',
        'spend.csv',
        '--suppliers',
        'suppliers.csv',
        '--local',
        'EX1,EX4',
        '--format',
        'json',
      ],
      d,
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.local).toEqual({ amount: '700.00', share: '0.7', count: 2 });
    expect(json.leakage).toEqual({ amount: '300.00', share: '0.3', count: 1 });
    expect(json.sme).toEqual({ amount: '1000.00', share: '1', count: 3 });
    expect(json.vcse).toEqual({ amount: '100.00', share: '0.1', count: 1 });
    expect(json.cooperative).toEqual({ amount: '100.00', share: '0.1', count: 1 });
    expect(json.definition.vatBasis).toBe('exclusive');
    // Declaring EX1 *and* EX10 makes Sidmouth local too.
    const both = await runCli(
      [
        'spend',
        '--spend',
        'spend.csv',
        '--suppliers',
        'suppliers.csv',
        '--local',
        'EX1,EX10,EX4',
        '--format',
        'json',
      ],
      d,
    );
    expect(JSON.parse(both.stdout).local.share).toBe('1');
  });

  it('needs --vat-basis for Cannock Chase (exit 2), and takes the declared column', async () => {
    const d = dir({
      'cannock.csv':
        'Service_Area_Categorisation,Date,Transaction_Number,SumOfAmount_Inc_VAT,SumOfAmount_Exc_VAT,Capital_Revenue,Supplier_Name,Supplier_ID,Contract_ID\nHousing,2024-04-02,T1,120.00,100.00,Revenue,Cannock Roofing Ltd,C7,K9\n',
    });
    const none = await runCli(['spend', '--spend', 'cannock.csv', '--local', 'WS11'], d);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('header_ambiguous');
    expect(none.stderr).toContain('cannock.csv:1:4');
    const exc = await runCli(
      ['spend', '--spend', 'cannock.csv', '--local', 'WS11', '--vat-basis', 'exc', '--format', 'json'],
      d,
    );
    expect(exc.code).toBe(0);
    expect(JSON.parse(exc.stdout)).toMatchObject({
      total: { amount: '100.00' },
      definition: { vatBasis: 'exclusive' },
    });
    const inc = await runCli(
      ['spend', '--spend', 'cannock.csv', '--local', 'WS11', '--vat-basis', 'inc', '--format', 'json'],
      d,
    );
    expect(JSON.parse(inc.stdout)).toMatchObject({
      total: { amount: '120.00' },
      definition: { vatBasis: 'inclusive' },
    });
  });

  it('infers dd/mm from a day above 12 and says so; without such a row, names --date-format (exit 1)', async () => {
    const head =
      'Body name,Transaction date,Supplier (beneficiary),Transaction number,Net amount,Irrecoverable VAT,Department/service,Procurement category,CIPFA expenditure code,Purpose,Card transaction\n';
    const d = dir({
      'ecambs.csv': `${head}East Cambridgeshire DC,03/07/2017,Fenland Print,TX1,"£1,234.50",0,Comms,Printing,4510,Leaflets,N\nEast Cambridgeshire DC,14/07/2017,Ely Hardware,TX2,42.99,0,Depot,Tools,4700,Padlocks,Y\n`,
      'undecided.csv': `${head}East Cambridgeshire DC,03/07/2017,Fenland Print,TX1,"£1,234.50",0,Comms,Printing,4510,Leaflets,N\nEast Cambridgeshire DC,10/10/2017,Ely Hardware,TX2,42.99,0,Depot,Tools,4700,Padlocks,Y\n`,
    });
    const auto = await runCli(['spend', '--spend', 'ecambs.csv', '--local', 'CB7', '--format', 'json'], d);
    expect(auto.code).toBe(0);
    expect(auto.stderr).toContain('date_format_inferred');
    expect(auto.stderr).toContain('line 3 ("14/07/2017")');
    expect(auto.stderr).toContain('--date-format mm/dd/yyyy');
    const json = JSON.parse(auto.stdout);
    expect(json.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
    expect(json.total.amount).toBe('1277.49');
    expect(json.issues[0]).toMatchObject({ code: 'date_format_inferred', line: 3, severity: 'warning' });

    const undecided = await runCli(
      ['spend', '--spend', 'undecided.csv', '--local', 'CB7', '--format', 'json'],
      d,
    );
    expect(undecided.code).toBe(1);
    expect(undecided.stderr).toContain('undecided.csv:2:2 Transaction date');
    expect(undecided.stderr).toContain(
      'give --date-format dd/mm/yyyy (UK files) or --date-format mm/dd/yyyy',
    );
    expect(undecided.stderr).toContain('1 of 2 rows rejected');
    // 10/10/2017 is 10 October whichever the order.
    expect(JSON.parse(undecided.stdout).total.amount).toBe('42.99');

    for (const f of ['dmy', 'dd/mm/yyyy']) {
      const dmy = await runCli(
        ['spend', '--spend', 'undecided.csv', '--local', 'CB7', '--date-format', f, '--format', 'json'],
        d,
      );
      expect(dmy.code).toBe(0);
      const ok = JSON.parse(dmy.stdout);
      expect(ok.total.amount).toBe('1277.49');
      expect(ok.inputs.cardTransactions).toBe(1);
    }
    const bad = await runCli(
      ['spend', '--spend', 'undecided.csv', '--local', 'CB7', '--date-format', 'dd.mm.yy'],
      d,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--date-format must be one of auto, dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd, excel',
    );
  });
});

describe('commonweal spend: usage errors exit 2', () => {
  const cases: [string, string[], string][] = [
    ['no --spend', ['spend', '--local', 'EX1'], '--spend is required'],
    ['no --local', ['spend', '--spend', 'examples/spend/spend.csv'], '--local is required'],
    [
      'a bad --local entry',
      ['spend', '--spend', 'examples/spend/spend.csv', '--local', 'EX1,nonsense'],
      'nonsense',
    ],
    ['a bad --period', ['spend', ...EXAMPLE, '--period', 'week'], '--period must be'],
    [
      'a bad --vat-basis',
      ['spend', ...EXAMPLE, '--vat-basis', 'maybe'],
      '--vat-basis must be one of inc, exc, inclusive, exclusive',
    ],
    ['a bad --date-format', ['spend', ...EXAMPLE, '--date-format', 'ydm'], '--date-format must be'],
    ['a bad --format', ['spend', ...EXAMPLE, '--format', 'xml'], '--format must be one of'],
    ['a bad --top', ['spend', ...EXAMPLE, '--top', 'ten'], '--top must be a whole number'],
    ['an unknown option', ['spend', ...EXAMPLE, '--bogus'], 'bogus'],
    ['a missing file', ['spend', '--spend', 'nope.csv', '--local', 'EX1'], 'no such file'],
    [
      'a register that is not one',
      [
        'spend',
        '--spend',
        'examples/spend/spend.csv',
        '--suppliers',
        'examples/priorities/survey.csv',
        '--local',
        'EX1',
      ],
      'supplier register',
    ],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    });
  }

  it('shows help with examples', async () => {
    const r = await runCli(['spend', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--vat-basis inc|exc');
  });
});

describe('commonweal spend: progress and big files', () => {
  it('shows progress only on a terminal and not with --quiet', () => {
    const seen: string[] = [];
    const io: CliIO = { stdout: () => {}, stderr: (t) => seen.push(t), cwd: '.', isTTY: true };
    const p = progressLine(io, false);
    p.tick?.(100_000);
    p.done();
    expect(seen[0]).toBe('\rreading spend… 100,000 rows');
    expect(seen[1]).toMatch(/^\r +\r$/);
    expect(progressLine({ ...io, isTTY: false }, false).tick).toBeUndefined();
    expect(progressLine(io, true).tick).toBeUndefined();
  });

  it('streams 120,000 rows with progress on a terminal and bounded state', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cw-spend-big-'));
    const lines = ['Date,Supplier Name,Supplier ID,Net amount'];
    for (let i = 0; i < 120_000; i++)
      lines.push(
        `2024-${String((i % 12) + 1).padStart(2, '0')}-15,Supplier ${i % 50},S${i % 50},${(i % 997) + 0.25}`,
      );
    writeFileSync(join(d, 'big.csv'), `${lines.join('\n')}\n`);
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      cwd: d,
      isTTY: true,
    };
    const code = await run(['spend', '--spend', 'big.csv', '--local', 'EX1', '--format', 'json'], io);
    expect(code).toBe(0);
    // Progress is checked once per source chunk, so it shows the first count past 100,000.
    expect(stderr).toMatch(/^\rreading spend… 100,\d{3} rows\r +\r/);
    const json = JSON.parse(stdout);
    expect(json.rows).toEqual({ read: 120_000, accepted: 120_000, rejected: 0 });
    expect(json.suppliers.count).toBe(50);
  });
});

describe("commonweal spend: Oxford City Council's quarterly file as published (issue 10)", () => {
  const FIXTURES = 'packages/csv/src/economy/fixtures';
  const OXFORD = [
    '--spend',
    `${FIXTURES}/oxford-2017-q3.csv`,
    '--suppliers',
    `${FIXTURES}/oxford-suppliers.csv`,
    '--local',
    'OX1,OX2,OX3,OX4',
  ];

  it('reads the header, the day = month dates, the £ amounts and the blank names with no option (exit 0)', async () => {
    const r = await runCli(['spend', ...OXFORD, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(validateOutput(json)).toBe(true);
    // Hand-summed from the 16 rows: £175,609.28 in all, the -£250.00 credit note netted.
    expect(json.rows).toEqual({ read: 16, accepted: 16, rejected: 0 });
    expect(json.total).toMatchObject({ amount: '175609.28', count: 16 });
    // Isis Roofing (OX4) 4,179.00 + Headington Leisure Trust (OX3) 48,333.33 + Blackbird Leys
    // Builders (OX4) 86,400.00 + Cowley Road CA (OX4) 2,500.00 + Broad Street Chambers (OX1) 4,020.00.
    expect(json.local).toMatchObject({ amount: '145432.33', count: 7 });
    // Cherwell Design is OX16: OX1 never matches it.
    expect(json.leakage).toMatchObject({ amount: '25269.47', count: 3 });
    // Two blank names, "REDACTED", "Redacted - personal data", "Redacted personal data".
    expect(json.redacted).toMatchObject({ amount: '4395.00', count: 5 });
    expect(json.locationUnknown).toMatchObject({ amount: '512.48', count: 1 });
    expect(json.inputs.columns).toMatchObject({
      date: 'Paid Date',
      supplierName: 'Supplier Name',
      amount: 'Amount',
    });
    expect(json.issues.map((i: { code: string }) => i.code)).toEqual([
      'date_format_inferred',
      'vat_basis_unknown',
      'supplier_blank_redacted',
    ]);
    expect(json.issues[0]).toMatchObject({ line: 7, severity: 'warning' });
    expect(r.stderr).toContain('first line 7 ("23/10/2017")');
    expect(r.stderr).toContain('declare --vat-basis inc|exc');
    expect(r.stderr).not.toContain('vatBasis');
  });

  it('puts each month right: day = month dates and ambiguous dates read dd/mm', async () => {
    const r = await runCli(['spend', ...OXFORD, '--period', 'month', '--format', 'json']);
    const months = JSON.parse(r.stdout).byPeriod.month.map(
      (p: { period: string; total: { amount: string } }) => [p.period, p.total.amount],
    );
    expect(months).toEqual([
      ['2017-10', '24985.95'],
      ['2017-11', '7600.40'],
      ['2017-12', '143022.93'],
    ]);
  });

  it('shows the redacted slice with its count and a note in the table', async () => {
    const r = await runCli(['spend', ...OXFORD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Redacted beneficiaries\s+£4,395\.00\s+2\.5%\s+5/);
    expect(r.stdout).toContain(
      '2 rows have a blank supplier name, read as redacted (5 redacted rows in all)',
    );
    expect(r.stdout).toContain(
      'Dates read as dd/mm/yyyy, inferred from 4 rows that cannot be misread (first line 7, "23/10/2017")',
    );
    expect(r.stdout).toMatch(/In-scope spend\s+£175,609\.28\s+100\.0%\s+16/);
  });

  it('names a column the aliases do not know with --columns or --columns-file, and says so with the flag', async () => {
    const text = readFileSync(join(ROOT, FIXTURES, 'oxford-2017-q3.csv'), 'utf8').replace(
      'Paid Date',
      'Date Paid Out',
    );
    const d = dir({
      'q3.csv': text,
      'map.json': '{"date": "Date Paid Out"}',
      'map.csv': 'field,column\ndate,Date Paid Out\n',
    });
    const base = ['spend', '--spend', 'q3.csv', '--local', 'OX1,OX2,OX3,OX4', '--format', 'json'];
    const refused = await runCli(base, d);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no column gives the date');
    expect(refused.stderr).toContain('or name it with --columns date="<header>"');
    expect(refused.stderr).not.toContain('columns.date');
    for (const extra of [
      ['--columns', 'date="Date Paid Out"'],
      ['--columns', 'date=Date Paid Out,amount=Amount'],
      ['--columns-file', 'map.json'],
      ['--columns-file', 'map.csv'],
    ]) {
      const r = await runCli([...base, ...extra], d);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).total.amount).toBe('175609.28');
    }
    const wrong = await runCli([...base, '--columns', 'date="Date Paid"'], d);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('column "Date Paid" chosen for date is not in the header row');
    expect(wrong.stderr).toContain('check its spelling in --columns date="<header>"');
    const unknown = await runCli([...base, '--columns', 'paid=Date Paid Out'], d);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--columns: no field "paid" in this command; it accepts spend: date, supplierName, supplierId, amount',
    );
  });
});

describe('commonweal spend: many files, one answer', () => {
  const FIX = 'packages/flows/src/spend/fixtures';
  const MONTHS = ['04', '05', '06'].map((m) => `${FIX}/spend-2024-${m}.csv`);
  const REST = ['--suppliers', `${FIX}/suppliers.csv`, '--local', 'EX1,EX2,EX4', '--vat-basis', 'exc'];

  it('reads a quoted pattern, sorted, and reports each file and the total', async () => {
    const r = await runCli(['spend', '--spend', `${FIX}/spend-2024-*.csv`, ...REST, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(validateOutput(json), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual(MONTHS);
    expect(
      json.files.map((f: { rows: unknown; total: { amount: string }; local: { amount: string } }) => [
        f.rows,
        f.total.amount,
        f.local.amount,
      ]),
    ).toEqual([
      [{ read: 5, accepted: 5, rejected: 0 }, '82674.21', '6200.00'],
      [{ read: 5, accepted: 5, rejected: 0 }, '9650.25', '6900.00'],
      [{ read: 5, accepted: 5, rejected: 0 }, '17030.00', '4500.00'],
    ]);
    expect(json.rows).toEqual({ read: 15, accepted: 15, rejected: 0 });
    expect([json.total.amount, json.local.amount]).toEqual(['109354.46', '17600.00']);
    // each file keeps its own issues: only June is Windows-1252 with dd/mm dates
    expect(r.stderr).toContain(`${MONTHS[2]}:2: warning: the file is not UTF-8`);
    expect(r.stderr).toContain(`${MONTHS[2]}:3: warning: dates read as dd/mm/yyyy`);
  });

  it('gives the same bytes for the flag repeated in order as for the pattern; another order, another sha256 only', async () => {
    const glob = await runCli([
      'spend',
      '--spend',
      `${FIX}/spend-2024-0[4-6].csv`,
      ...REST,
      '--format',
      'json',
    ]);
    const repeated = await runCli([
      'spend',
      ...MONTHS.flatMap((m) => ['--spend', m]),
      ...REST,
      '--format',
      'json',
    ]);
    expect(repeated.stdout).toBe(glob.stdout);
    const reversed = await runCli([
      'spend',
      ...[...MONTHS].reverse().flatMap((m) => ['--spend', m]),
      ...REST,
      '--format',
      'json',
    ]);
    const [a, b] = [JSON.parse(glob.stdout), JSON.parse(reversed.stdout)];
    expect(b.inputs.sha256).not.toBe(a.inputs.sha256);
    expect(b.local).toEqual(a.local);
    expect(b.topSuppliers).toEqual(a.topSuppliers);
  });

  it('shows a by-file table', async () => {
    const r = await runCli(['spend', '--spend', `${FIX}/spend-2024-*.csv`, ...REST, '--quiet']);
    expect(r.stdout).toContain('By file');
    expect(r.stdout).toMatch(/spend-2024-05\.csv +5 +5 +0 +£9,650\.25 +£6,900\.00 +71\.5%/);
    expect(r.stdout).toMatch(/all files +15 +15 +0 +£109,354\.46 +£17,600\.00 +16\.1%/);
  });

  it('exits 2 naming a pattern that matches nothing, and a file given twice', async () => {
    const none = await runCli(['spend', '--spend', `${FIX}/spend-2023-*.csv`, ...REST]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`--spend '${FIX}/spend-2023-*.csv' matches no file`);
    const twice = await runCli([
      'spend',
      '--spend',
      MONTHS[0]!,
      '--spend',
      `${FIX}/spend-2024-*.csv`,
      ...REST,
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`--spend: ${MONTHS[0]} is given twice`);
  });

  it('still refuses other single-value options given twice', async () => {
    const r = await runCli(['spend', '--spend', MONTHS[0]!, ...REST, '--local', 'EX9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--local was given 2 times');
  });

  it('lm3 takes the same files: round 2 suppliers = £17,600.00 over the three months', async () => {
    const r = await runCli([
      'lm3',
      '--round1',
      '100000',
      '--spend',
      `${FIX}/spend-2024-*.csv`,
      ...REST,
      '--supplier-respend',
      '0.4',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.lm3).toBe('1.2464');
    expect(json.spend.files.map((f: { file: string }) => f.file)).toEqual(MONTHS);
  });
});
