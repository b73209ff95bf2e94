import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarbonJsonSchema } from '@commonweal/core/limits';
import { dec, roundMoney, sum } from '@commonweal/core/money';
import { schemas } from '@commonweal/json';
import { carbonValues } from '@commonweal/uk';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

const EXAMPLE = 'examples/carbon/emissions.csv';

/** The CLI in-process, as the other command tests run it. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-carbon-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// The example contract, 2025–2030 (examples/carbon/emissions.csv); negative = avoided.
const EMISSIONS: [number, string][] = [
  [2025, '120'],
  [2026, '95'],
  [2027, '80'],
  [2028, '-25'],
  [2029, '60'],
  [2030, '-40'],
];

describe('commonweal carbon on the example contract', () => {
  it('runs with exit 0 and shows years, totals and the values used', async () => {
    const r = await cli(['carbon', '--emissions', EXAMPLE]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2028\s+3\s+-25\s+£285\.73\s+-£7,143\.25/);
    expect(r.out).toMatch(/Carbon cost, present value\s+£78,036\.73/);
    expect(r.out).toContain('central carbon values, 2022 prices; base year 2025');
    expect(r.out).toContain('Green Book standard discount rate');
  });

  it('writes JSON valid against core CarbonJsonSchema and the registered carbon-output schema', async () => {
    const r = await cli(['carbon', '--emissions', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(CarbonJsonSchema.safeParse(data).success).toBe(true);
    expect(schemas['carbon-output']?.safeParse(data).success).toBe(true);
    expect(data.options).toMatchObject({ scenario: 'central', baseYear: 2025, priceYear: 2022 });
    expect(data.options.discounting.id).toBe('green-book');
    expect(data.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('PV = Σ tCO2e × DESNZ central value (Table 3, 2022 prices) ÷ 1.035^t, checked by hand', async () => {
    const data = JSON.parse((await cli(['carbon', '--emissions', EXAMPLE, '--format', 'json'])).out);
    // DESNZ Nov 2023 Table 3 central, £/tCO2e: 273.06, 277.22, 281.44, 285.73, 290.08, 294.50
    const central: Record<number, string> = {
      2025: '273.06',
      2026: '277.22',
      2027: '281.44',
      2028: '285.73',
      2029: '290.08',
      2030: '294.50',
    };
    const pv = sum(
      EMISSIONS.map(([y, t]) =>
        dec(t)
          .times(central[y] as string)
          .dividedBy(dec('1.035').pow(y - 2025)),
      ),
    );
    expect(roundMoney(pv)).toBe('78036.73');
    expect(roundMoney(data.totals.presentValue)).toBe('78036.73');
    expect(dec(data.totals.presentValue).minus(pv).abs().lt('1e-20')).toBe(true);
    // undiscounted: 32767.20 + 26335.90 + 22515.20 − 7143.25 + 17404.80 − 11780.00 = 80099.85
    expect(data.totals.undiscounted).toBe('80099.85');
    expect(data.totals.tco2e).toBe('290');
    expect(data.years.map((y: { carbonValue: string }) => y.carbonValue)).toEqual(
      EMISSIONS.map(([y]) => String(carbonValues.rows.find((row) => row.year === y)?.central)),
    );
    // avoided emissions are a negative cost: 2030, −40 × 294.50 × 1/1.035^5
    const y2030 = data.years.find((y: { year: number }) => y.year === 2030);
    expect(y2030.undiscounted).toBe('-11780');
    expect(roundMoney(y2030.presentValue)).toBe('-9918.44');
  });

  it('shows net social value within limits with both parts: 250,000 − 78,036.73 = 171,963.27', async () => {
    const json = JSON.parse(
      (await cli(['carbon', '--emissions', EXAMPLE, '--social-value-pv', '250,000', '--format', 'json'])).out,
    );
    expect(json.netSocialValue.socialValuePV).toBe('250000');
    expect(roundMoney(json.netSocialValue.carbonCostPV)).toBe('78036.73');
    expect(roundMoney(json.netSocialValue.net)).toBe('171963.27');
    expect(schemas['carbon-output']?.safeParse(json).success).toBe(true);
    const table = (await cli(['carbon', '--emissions', EXAMPLE, '--social-value-pv', '250000'])).out;
    expect(table).toMatch(/Social value \(present value\)\s+£250,000\.00/);
    expect(table).toMatch(/less carbon cost \(present value\)\s+£78,036\.73/);
    expect(table).toMatch(/Net social value within limits\s+£171,963\.27/);
  });

  it('rebases to 2024 prices with the HMT GDP deflator (90.5005 → 100), high scenario', async () => {
    const data = JSON.parse(
      (
        await cli([
          'carbon',
          '--emissions',
          EXAMPLE,
          '--scenario',
          'high',
          '--price-year',
          '2024',
          '--format',
          'json',
        ])
      ).out,
    );
    // DESNZ Table 3 high: 409.60, 415.83, 422.17, 428.60, 435.12, 441.75 (2022 prices)
    const high: Record<number, string> = {
      2025: '409.60',
      2026: '415.83',
      2027: '422.17',
      2028: '428.60',
      2029: '435.12',
      2030: '441.75',
    };
    const pv = sum(
      EMISSIONS.map(([y, t]) =>
        dec(t)
          .times(high[y] as string)
          .times(100)
          .dividedBy('90.5005')
          .dividedBy(dec('1.035').pow(y - 2025)),
      ),
    );
    expect(roundMoney(pv)).toBe('129343.95');
    expect(roundMoney(data.totals.presentValue)).toBe('129343.95');
    expect(data.options.indexSeries.id).toBe('hmt-gdp-deflator-2025-12-qna');
  });

  it('gives byte-identical output for the same input', async () => {
    for (const format of ['json', 'table', 'md']) {
      const a = await cli([
        'carbon',
        '--emissions',
        EXAMPLE,
        '--format',
        format,
        '--social-value-pv',
        '1000',
      ]);
      const b = await cli([
        'carbon',
        '--emissions',
        EXAMPLE,
        '--format',
        format,
        '--social-value-pv',
        '1000',
      ]);
      expect(a.out).toBe(b.out);
    }
  });
});

describe('commonweal carbon: years the values do not cover', () => {
  const file = () => tmpFile('e.csv', 'year,tco2e\n2030,10\n2031,10\n');

  it('a year outside the bundled series is a located issue telling how to load the full series; exit 1', async () => {
    const f = file();
    const r = await cli(['carbon', '--emissions', f, '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0]).toMatchObject({
      code: 'carbon_year_not_covered',
      line: 3,
      column: 1,
      field: 'year',
      file: f,
    });
    expect(data.issues[0].message).toContain('2020–2030, 2035, 2040, 2045, 2050');
    expect(data.issues[0].message).toContain('--carbon-values FILE.json');
    // only 2030 is valued: 10 × 294.50
    expect(data.totals.undiscounted).toBe('2945');
    expect(r.err).toContain(`${f}:3:1 year:`);
    expect(r.err).toContain('1 of 2 rows rejected');
  });

  it('--carbon-values loads a fuller series (constructed test values, not DESNZ figures)', async () => {
    const values = tmpFile(
      'values.json',
      JSON.stringify({
        id: 'test-series',
        name: 'Constructed test series',
        currency: 'GBP',
        priceYear: 2022,
        rows: [
          { year: 2030, low: '1', central: '2', high: '3' },
          { year: 2031, low: '1', central: '4', high: '5' },
        ],
        source: { title: 'constructed for a test', licence: 'CC0-1.0' },
      }),
    );
    const r = await cli([
      'carbon',
      '--emissions',
      file(),
      '--carbon-values',
      values,
      '--discounting',
      'none',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.totals.presentValue).toBe('60'); // 10 × 2 + 10 × 4, undiscounted
    expect(data.options.values.id).toBe('test-series');
  });

  it('a bad carbon values file cannot be used: exit 2', async () => {
    const values = tmpFile('values.json', '{"id": "x"}');
    const r = await cli(['carbon', '--emissions', EXAMPLE, '--carbon-values', values]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot be used as carbon values');
  });

  it('a row before an explicit base year is a located issue, exit 1', async () => {
    const r = await cli(['carbon', '--emissions', EXAMPLE, '--base-year', '2026', '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line])).toEqual([
      ['year_before_base_year', 2],
    ]);
    expect(data.years[0]).toMatchObject({ year: 2026, t: 0, discountFactor: '1' });
  });
});

describe('commonweal carbon with broken input', () => {
  it('locates broken rows and rejects every row of a repeated year, exit 1', async () => {
    const f = tmpFile('e.csv', 'year,tco2e\n2025,10\n2026,ten\n2027,5\n2027,6\n');
    const r = await cli(['carbon', '--emissions', f, '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line, i.field])).toEqual([
      ['not_a_number', 3, 'tco2e'],
      ['duplicate_year', 4, 'year'],
      ['duplicate_year', 5, 'year'],
    ]);
    expect(data.years.map((y: { year: number }) => y.year)).toEqual([2025]);
  });

  it('no row could be valued: issues, nothing written, exit 1', async () => {
    const f = tmpFile('e.csv', 'year,tco2e\n2060,10\n');
    const r = await cli(['carbon', '--emissions', f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('[carbon_year_not_covered]');
  });

  it('reads JSON emissions', async () => {
    const f = tmpFile(
      'e.json',
      JSON.stringify([
        { year: 2025, tco2e: '120' },
        { year: 2026, tco2e: -30 },
      ]),
    );
    const r = await cli(['carbon', '--emissions', f, '--discounting', 'none', '--format', 'json']);
    expect(r.code).toBe(0);
    // 120 × 273.06 − 30 × 277.22 = 32767.2 − 8316.6
    expect(JSON.parse(r.out).totals.presentValue).toBe('24450.6');
  });

  it.each([
    [['carbon'], '--emissions is required'],
    [
      ['carbon', '--emissions', EXAMPLE, '--scenario', 'medium'],
      '--scenario must be one of low, central, high',
    ],
    [['carbon', '--emissions', EXAMPLE, '--base-year', '20x5'], '--base-year must be a whole number'],
    [['carbon', '--emissions', EXAMPLE, '--discounting', 'treasury'], 'unknown discounting "treasury"'],
    [['carbon', '--emissions', EXAMPLE, '--price-year', '2030'], 'the HMT GDP deflator covers'],
    [['carbon', '--emissions', EXAMPLE, '--social-value-pv', 'lots'], '--social-value-pv'],
    [['carbon', '--emissions', EXAMPLE, '--format', 'csv'], '--format must be one of table, json, md'],
    [['carbon', '--emissions', 'examples/carbon/missing.csv'], 'no such file'],
  ])('usage error %j → exit 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('--help shows the options and examples, exit 0', async () => {
    const r = await cli(['carbon', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--carbon-values FILE');
    expect(r.out).toContain('Examples:\n  commonweal carbon --emissions examples/carbon/emissions.csv');
  });
});
