import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DoughnutJsonSchema } from '@commonweal/core/limits';
import { schemas } from '@commonweal/json';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

const EXAMPLE = 'examples/doughnut/indicators.csv';

/** The CLI in-process, as the other command tests run it. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const HEADER = 'id,dimension,kind,value,target,baseline,unit,year,lens,source\n';
function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-doughnut-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('commonweal doughnut on the example portrait', () => {
  it('runs with exit 0 and shows statuses in words, "no data" and the summary', async () => {
    const r = await cli(['doughnut', '--indicators', EXAMPLE]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/food\s+social\s+no data\s+0 of 1/);
    expect(r.out).toMatch(/energy\s+social\s+shortfall/);
    expect(r.out).toMatch(/air-pollution\s+ecological\s+within boundary/);
    expect(r.out).toMatch(/climate-change\s+ecological\s+overshoot/);
    expect(r.out).toContain('1 of 5 indicators with data achieved (1 with no data)');
    expect(r.out).toContain('3 of 4 indicators with data transgressed');
    expect(r.out).toMatch(/Mean overshoot\s+1\.075/);
    expect(r.out).toContain('Rows: 10 read, 10 accepted, 0 rejected');
  });

  it('writes JSON valid against core DoughnutJsonSchema and the registered doughnut-output schema', async () => {
    const r = await cli(['doughnut', '--indicators', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(DoughnutJsonSchema.safeParse(data).success).toBe(true);
    expect(schemas['doughnut-output']?.safeParse(data).success).toBe(true);
    expect(data.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(data.issues).toEqual([]);
    expect(data.counts).toEqual({ read: 10, accepted: 10, rejected: 0 });
  });

  it('gives hand-checked ratios for each published variant', async () => {
    const data = JSON.parse((await cli(['doughnut', '-i', EXAMPLE, '--format', 'json'])).out);
    const byId = new Map<string, Record<string, unknown>>(
      data.indicators.map((i: { id: string }) => [i.id, i]),
    );
    // % deprived, baseline 100, target 0: (13.2 − 100) ÷ (0 − 100) = 0.868 → shortfall 0.132
    expect(byId.get('fuel_poverty')).toMatchObject({ ratio: '0.868', shortfall: '0.132', achieved: false });
    // pre-industrial baseline: (420 − 280) ÷ (350 − 280) = 2 → overshoot 1
    expect(byId.get('co2_concentration')).toMatchObject({ ratio: '2', overshoot: '1', transgressed: true });
    // lower is worse, baseline = historic cover 30: (14 − 30) ÷ (20 − 30) = 1.6 → overshoot 0.6
    expect(byId.get('tree_canopy')).toMatchObject({ ratio: '1.6', overshoot: '0.6', transgressed: true });
    // within boundary: 18 ÷ 40 = 0.45 → overshoot 0
    expect(byId.get('no2_annual_mean')).toMatchObject({ ratio: '0.45', overshoot: '0', transgressed: false });
    // above its threshold: 92 ÷ 90 ≥ 1 → achieved, shortfall 0
    expect(byId.get('gigabit_coverage')).toMatchObject({ shortfall: '0', achieved: true });
    // missing: reported as missing, never zero
    expect(byId.get('food_insecurity')).toMatchObject({ value: null, ratio: null, missing: true });
    expect(byId.get('food_insecurity')).not.toHaveProperty('shortfall');
    // mean overshoot (1 + 2.7 + 0.6 + 0) ÷ 4 = 1.075; mean shortfall (0.132 + 0.065 + 2.6/75 + 1.9/65 + 0) ÷ 5
    expect(data.summary).toMatchObject({
      socialAchieved: 1,
      socialWithData: 5,
      socialMissing: 1,
      ecologicalTransgressed: 3,
      ecologicalWithData: 4,
      meanOvershoot: '1.075',
    });
    expect(data.summary.meanShortfall.startsWith('0.05217948717948717948')).toBe(true);
  });

  it('gives byte-identical output for the same input (json, table and md)', async () => {
    for (const format of ['json', 'table', 'md']) {
      const a = await cli(['doughnut', '-i', EXAMPLE, '--format', format]);
      const b = await cli(['doughnut', '-i', EXAMPLE, '--format', format]);
      expect(a.out).toBe(b.out);
      expect(a.out.length).toBeGreaterThan(100);
    }
  });

  it('groups by lens with --dimensions city-portrait-lenses (an empty lens is "no data")', async () => {
    const r = await cli([
      'doughnut',
      '-i',
      EXAMPLE,
      '--dimensions',
      'city-portrait-lenses',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.dimensionSet.setId).toBe('city-portrait-lenses');
    expect(data.dimensions.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      ['local-social', 'shortfall'],
      ['local-ecological', 'overshoot'],
      ['global-ecological', 'overshoot'],
      ['global-social', 'no-data'],
    ]);
  });

  it('accepts --dimensions fanning-raworth-2025 (the example uses its ids)', async () => {
    const r = await cli([
      'doughnut',
      '-i',
      EXAMPLE,
      '--dimensions',
      'fanning-raworth-2025',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).dimensions).toHaveLength(21);
  });

  it('locates dimensions unknown to raworth-2017 on their lines, exit 1', async () => {
    const r = await cli(['doughnut', '-i', EXAMPLE, '--dimensions', 'raworth-2017', '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line, i.column, i.field])).toEqual([
      ['unknown_dimension', 5, 2, 'dimension'],
      ['unknown_dimension', 7, 2, 'dimension'],
    ]);
    expect(data.counts).toEqual({ read: 10, accepted: 8, rejected: 2 });
    expect(r.err).toContain(`${EXAMPLE}:5:2 dimension:`);
  });
});

const OVER_TIME = 'examples/doughnut/indicators-over-time.csv';

describe('commonweal doughnut over time (an indicator with several years)', () => {
  it('shows each dimension by year with its direction towards or away from the safe and just space', async () => {
    const r = await cli(['doughnut', '-i', OVER_TIME]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Doughnut over time, 2021–2023 — dimensions');
    // fuel poverty 15.0% → 13.2% deprived: shortfall 0.150 → 0.132, change −0.018
    expect(r.out).toMatch(
      /energy\s+social\s+shortfall 0\.150\s+shortfall 0\.141\s+shortfall 0\.132\s+-0\.018\s+towards the safe and just space/,
    );
    // tree canopy (14.5 − 30) ÷ (20 − 30) = 1.55 → (14 − 30) ÷ (20 − 30) = 1.6: overshoot 0.55 → 0.6
    expect(r.out).toMatch(
      /land-conversion\s+ecological\s+overshoot 0\.550\s+overshoot 0\.580\s+overshoot 0\.600\s+0\.050\s+away from the safe and just space/,
    );
    expect(r.out).toMatch(/food\s+social\s+shortfall 0\.080\s+no data\s+no data\s+no data/);
    expect(r.out).toContain('Rows: 21 read, 21 accepted, 0 rejected');
  });

  it('writes JSON valid against the doughnut-trend-output schema, with exact steps', async () => {
    const r = await cli(['doughnut', '-i', OVER_TIME, '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(schemas['doughnut-trend-output']?.safeParse(data).success).toBe(true);
    expect(data.format).toBe('commonweal.doughnut-trend.v1');
    expect(data.years).toEqual([2021, 2022, 2023]);
    const co2 = data.dimensions.find((d: { id: string }) => d.id === 'climate-change');
    // consumption CO2 8.1 → 7.8 → 7.4 t against 2 t: overshoot 3.05 → 2.9 → 2.7
    expect(co2.years.map((y: { gap: string }) => y.gap)).toEqual(['3.05', '2.9', '2.7']);
    expect(co2.steps.map((s: { change: string; direction: string }) => [s.change, s.direction])).toEqual([
      ['-0.15', 'towards'],
      ['-0.2', 'towards'],
    ]);
    expect(data.dimensions.find((d: { id: string }) => d.id === 'food').direction).toBe('no-data');
    expect(
      data.summaries.map((s: { year: number; summary: { meanOvershoot: string } }) => [
        s.year,
        s.summary.meanOvershoot,
      ]),
    ).toEqual([
      [2021, '1.2'],
      [2022, '1.16'],
      [2023, '1.1'],
    ]);
    expect(data.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('--report writes a trend chart per dimension and the latest doughnut, no script; md too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-doughnut-trend-'));
    const html = join(dir, 'trend.html');
    const r = await cli(['doughnut', '-i', OVER_TIME, '--report', html]);
    expect(r.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg/g)).toHaveLength(8); // 7 dimensions with data + the latest doughnut
    expect(page).not.toContain('<script');
    expect(page).toContain(
      '3 dimensions moved towards the safe and just space, 2 away from it and 1 did not change',
    );
    const md = await cli(['doughnut', '-i', OVER_TIME, '--format', 'md']);
    expect(md.out).toContain('# Doughnut over time');
    expect(md.out).toMatch(/\| housing \| social \|.*\| away from the safe and just space \|/);
  });

  it('an indicator that changes dimension between years is located on its line and left out, exit 1', async () => {
    const file = tmpFile(
      'ind.csv',
      `${HEADER}a,food,social,5,0,100,%,2022,,s\n` +
        'a,housing,social,4,0,100,%,2023,,s\n' +
        'b,food,social,6,0,100,%,2022,,s\n' +
        'b,food,social,5,0,100,%,2023,,s\n',
    );
    const r = await cli(['doughnut', '-i', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line, i.column, i.field])).toEqual([
      ['indicator_changed', 3, 2, 'dimension'],
    ]);
    expect(data.counts).toEqual({ read: 4, accepted: 2, rejected: 2 });
    expect(r.err).toContain(`${file}:3:2 dimension:`);
  });

  it('is byte-identical whatever the row order', async () => {
    const text = readFileSync(OVER_TIME, 'utf8');
    const [head, ...rows] = text.trimEnd().split('\n');
    const shuffled = tmpFile('over-time.csv', `${[head, ...rows.reverse()].join('\n')}\n`);
    const a = JSON.parse((await cli(['doughnut', '-i', OVER_TIME, '--format', 'json'])).out);
    const b = JSON.parse((await cli(['doughnut', '-i', shuffled, '--format', 'json'])).out);
    delete a.inputs;
    delete b.inputs;
    expect(b).toEqual(a);
  });
});

describe('commonweal doughnut with broken input', () => {
  it('reports broken rows with file:line:column, keeps the rest, exit 1', async () => {
    const file = tmpFile(
      'ind.csv',
      `${HEADER}a,food,social,5,0,100,%,2023,,s\n` +
        'b,food,social,five,0,100,%,2023,,s\n' +
        'c,housing,social,3,0,100,%,2023,,s\n' +
        'c,housing,social,4,0,100,%,2023,,s\n',
    );
    const r = await cli(['doughnut', '-i', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line, i.field])).toEqual([
      ['not_a_number', 3, 'value'],
      ['duplicate_indicator', 4, 'id'],
      ['duplicate_indicator', 5, 'id'],
    ]);
    expect(data.counts).toEqual({ read: 4, accepted: 1, rejected: 3 });
    expect(r.err).toContain(`${file}:3:4 value:`);
    expect(r.err).toContain('3 of 4 indicators rejected');
  });

  it('reads JSON indicators (value null = no data) and locates a bad item by line', async () => {
    const file = tmpFile(
      'ind.json',
      JSON.stringify(
        [
          {
            id: 'a',
            dimension: 'food',
            kind: 'social',
            unit: '%',
            value: null,
            target: '0',
            baseline: '100',
            year: 2023,
            source: 's',
          },
          {
            id: 'b',
            dimension: 'food',
            kind: 'social',
            unit: '%',
            value: '4',
            target: '0',
            baseline: '0',
            year: 2023,
            source: 's',
          },
        ],
        null,
        2,
      ),
    );
    const r = await cli(['doughnut', '-i', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.indicators[0]).toMatchObject({ id: 'a', missing: true, value: null });
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line])).toEqual([
      ['target_equals_baseline', 13],
    ]);
  });

  it('with city-portrait-lenses a row without a lens is a located issue (lens_required), exit 1', async () => {
    const file = tmpFile(
      'ind.csv',
      `${HEADER}a,food,social,5,0,100,%,2023,local-social,s\n` + 'b,air,ecological,18,40,,µg/m³,2023,,s\n',
    );
    const r = await cli(['doughnut', '-i', file, '--dimensions', 'city-portrait-lenses', '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(data.issues.map((i: Record<string, unknown>) => [i.code, i.line, i.column, i.field])).toEqual([
      ['lens_required', 3, 9, 'lens'],
    ]);
    expect(data.counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(data.indicators.map((i: { id: string; dimension: string }) => [i.id, i.dimension])).toEqual([
      ['a', 'local-social'],
    ]);
  });

  it('a file missing a required column cannot be used: exit 2', async () => {
    const file = tmpFile('ind.csv', 'id,dimension,kind,target,unit,year,source\na,food,social,0,%,2023,s\n');
    const r = await cli(['doughnut', '-i', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[missing_column]');
  });

  it.each([
    [['doughnut'], '--indicators is required'],
    [['doughnut', '-i', EXAMPLE, '--dimensions', 'raworth'], '--dimensions must be one of'],
    [['doughnut', '-i', EXAMPLE, '--format', 'csv'], '--format must be one of table, json, md'],
    [['doughnut', '-i', 'examples/doughnut/nope.csv'], 'no such file'],
    [['doughnut', '-i', 'examples/doughnut/README.md'], 'expected a .csv or .json file'],
    [['doughnut', '-i', EXAMPLE, '--colour'], "Unknown option '--colour'"],
  ])('usage error %j → exit 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('--help shows the options and examples, exit 0', async () => {
    const r = await cli(['doughnut', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--dimensions SET');
    expect(r.out).toContain('Examples:\n  commonweal doughnut --indicators examples/doughnut/indicators.csv');
  });

  it('--out writes the same bytes as stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-doughnut-out-'));
    const target = join(dir, 'portrait.json');
    const a = await cli(['doughnut', '-i', EXAMPLE, '--format', 'json', '--out', target]);
    const b = await cli(['doughnut', '-i', EXAMPLE, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.out).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(b.out);
  });
});
