import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemas } from '@commonweal/json';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

const EXAMPLE = 'examples/doughnut/boundaries.csv';
const PLACE = [
  '--population',
  '250000',
  '--population-year',
  '2023',
  '--population-source',
  'constructed example',
  '--place',
  'Example Borough',
];

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-downscale-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = 'id,boundary,unit,scale,population,population_year,population_source,year,source,footprint\n';

describe('commonweal downscale on the example boundaries', () => {
  it('shares each boundary out per person: table, exit 0', async () => {
    const r = await cli(['downscale', '--boundaries', EXAMPLE, ...PLACE]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // doughnut-v3 2017: 0.95 t CO2 per person × 250,000 = 237,500 t; footprint 7.4 ÷ 0.95 = 7.78947…
    expect(r.out).toMatch(
      /co2 \(CO2 emissions\)\s+per-capita\s+0\.95\s+t CO2 per year\s+0\.95\s+237,500\s+7\.4\s+7\.78947\s+overshoot 6\.78947/,
    );
    // 62,000,000 t N ÷ 8,000,000,000 people = 0.00775 t per person × 250,000 = 1,937.5 t
    expect(r.out).toMatch(/global\s+62,000,000 ÷ 8,000,000,000\s+t N per year\s+0\.00775\s+1,937\.5/);
    expect(r.out).toContain('Rows: 6 read, 6 accepted, 0 rejected');
  });

  it('writes JSON valid against downscale-output, exact figures with traces and provenance', async () => {
    const r = await cli(['downscale', '--boundaries', EXAMPLE, ...PLACE, '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(schemas['downscale-output']?.safeParse(data).success).toBe(true);
    expect(data.place).toEqual({
      name: 'Example Borough',
      population: '250000',
      year: 2023,
      source: 'constructed example',
    });
    const byId = new Map(data.boundaries.map((b: { id: string }) => [b.id, b]));
    expect(byId.get('co2')).toMatchObject({
      perCapita: '0.95',
      place: '237500',
      ratio: '7.789473684210526315789473684210526315789',
      transgressed: true,
    });
    expect(byId.get('nitrogen_global')).toMatchObject({ perCapita: '0.00775', place: '1937.5' });
    const trace = (byId.get('nitrogen_global') as { trace: { formula: string; notes: string[] } }).trace;
    expect(trace.formula).toBe('place boundary = per-capita boundary × place population');
    expect(trace.notes).toContain(
      'world population: year 2023, source: constructed round figure (not a statistic)',
    );
    expect(data.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('md and --report (html) name the place, population source and method; same bytes each run', async () => {
    const md = await cli(['downscale', '--boundaries', EXAMPLE, ...PLACE, '--format', 'md']);
    expect(md.out).toContain('# Boundaries shared out per person: Example Borough');
    const again = await cli(['downscale', '--boundaries', EXAMPLE, ...PLACE, '--format', 'md']);
    expect(again.out).toBe(md.out);
    const dir = mkdtempSync(join(tmpdir(), 'cw-downscale-r-'));
    const html = join(dir, 'd.html');
    expect((await cli(['downscale', '--boundaries', EXAMPLE, ...PLACE, '--report', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('O’Neill et al. 2018');
    expect(page).toContain('1 of 1 footprints per person overshoot their per-capita boundary');
    expect(page).not.toContain('<script');
  });
});

describe('commonweal downscale with broken input', () => {
  it('locates bad rows (file:line:column) and keeps the rest, exit 1', async () => {
    const file = tmpFile(
      'b.csv',
      `${HEADER}a,62,t N per year,global,,,,2025,s,\n` +
        'b,0.95,t CO2 per year,per-capita,,,,2017,s,\n' +
        'c,lots,t,per-capita,,,,2017,s,\n' +
        'd,1,t,national,67000000,2022,ONS,2024,s,\n' +
        'b,1,t,per-capita,,,,2017,s,\n',
    );
    const r = await cli(['downscale', '--boundaries', file, ...PLACE, '--format', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out);
    expect(
      data.issues.map((i: Record<string, unknown>) => [i.code, i.line, i.field, i.severity ?? 'error']),
    ).toEqual([
      ['population_required', 2, 'population', 'error'],
      ['duplicate_boundary', 3, 'id', 'error'],
      ['not_a_number', 4, 'boundary', 'error'],
      ['population_years_differ', 5, 'population_year', 'warning'],
      ['duplicate_boundary', 6, 'id', 'error'],
    ]);
    expect(data.counts).toEqual({ read: 5, accepted: 1, rejected: 4 });
    // national: 1 ÷ 67,000,000 × 250,000
    expect(data.boundaries[0].trace.formula).toBe('place boundary = per-capita boundary × place population');
    expect(data.boundaries[0].trace.inputs.perCapita.trace.formula).toBe(
      'per-capita boundary = national boundary ÷ national population',
    );
    expect(r.err).toContain(`${file}:2:`);
  });

  it('a file without the required columns cannot be used: exit 2', async () => {
    const file = tmpFile('b.csv', 'id,unit\na,t\n');
    const r = await cli(['downscale', '--boundaries', file, ...PLACE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[missing_column]');
  });

  it.each([
    [['downscale', ...PLACE], '--boundaries is required'],
    [
      ['downscale', '--boundaries', EXAMPLE, '--population-year', '2023', '--population-source', 's'],
      '--population is required',
    ],
    [
      [
        'downscale',
        '--boundaries',
        EXAMPLE,
        '--population',
        'many',
        '--population-year',
        '2023',
        '--population-source',
        's',
      ],
      '--population must be a number',
    ],
    [
      ['downscale', '--boundaries', EXAMPLE, '--population', '5', '--population-source', 's'],
      '--population-year is required',
    ],
    [
      [
        'downscale',
        '--boundaries',
        EXAMPLE,
        '--population',
        '5',
        '--population-year',
        '23',
        '--population-source',
        's',
      ],
      'four-digit year',
    ],
    [
      ['downscale', '--boundaries', EXAMPLE, '--population', '5', '--population-year', '2023'],
      '--population-source is required',
    ],
    [['downscale', '--boundaries', 'examples/doughnut/README.md', ...PLACE], 'expected a .csv file'],
    [
      ['downscale', '--boundaries', EXAMPLE, ...PLACE, '--format', 'csv'],
      '--format must be one of table, json, md',
    ],
    [['downscale', '--boundaries', EXAMPLE, ...PLACE, '--population', '6'], '--population'],
  ])('usage error %j → exit 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });
});
