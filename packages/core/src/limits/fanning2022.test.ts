import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dec, dec } from '../money/decimal';
import { compareYears } from './compare';
import { assessDoughnut, type IndicatorInput } from './doughnut';

// Real data: Fanning, O'Neill, Hickel & Roux (2022), "The social shortfall and ecological overshoot
// of nations", Nature Sustainability 5:26–36, doi:10.1038/s41893-021-00799-z. The workbook's
// licence is not confirmed, so it is read at test time from the shared folder and never copied
// into the repository. Values are normalised: 1 = social threshold / biophysical boundary, so
// every indicator has target 1, baseline 0. Published precision is 2 dp: values are rounded
// half-up to 2 dp before use (the CSV holds binary doubles such as 1.1499999999999999).
const DIR = '/work/shared/data/fanning2022';
const available =
  existsSync(`${DIR}/Social_Historical.csv`) && existsSync(`${DIR}/Biophysical_Historical.csv`);
if (!available) {
  console.warn(`SKIPPED fanning2022 tests: ${DIR} is not present on this machine`);
}
const SOURCE = 'Fanning et al. 2022, Nature Sustainability (goodlife.leeds.ac.uk workbook)';

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function readRows(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(`${DIR}/${file}`, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  return { header: splitCsvLine(lines[0] as string), rows: lines.slice(1).map(splitCsvLine) };
}

/** Indicators for one country-year: target 1, baseline 0, value rounded to 2 dp (missing → null). */
function indicatorsFor(iso3c: string, year: number): IndicatorInput[] {
  const out: IndicatorInput[] = [];
  for (const [file, kind] of [
    ['Social_Historical.csv', 'social'],
    ['Biophysical_Historical.csv', 'ecological'],
  ] as const) {
    const { header, rows } = readRows(file);
    const row = rows.find((r) => r[1] === iso3c && r[2] === String(year));
    if (!row) throw new Error(`no ${iso3c} ${year} in ${file}`);
    header.slice(3).forEach((name, k) => {
      const cell = (row[k + 3] ?? '').trim();
      out.push({
        id: name,
        dimension: name,
        kind,
        unit: 'normalised (1 = threshold/boundary)',
        value: cell === '' ? null : dec(cell).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toString(),
        target: '1',
        year,
        source: SOURCE,
      });
    });
  }
  return out;
}

describe.skipIf(!available)('Fanning et al. (2022) country data', () => {
  it('United Kingdom 2015: 10 of 11 social thresholds achieved, 5 of 6 boundaries transgressed', () => {
    // By hand from the CSV rows (2 dp):
    // social 1.01, 1.15, 1.61, 1.05, 1.05, 1.05, 1.33, 1.06, 1.17, 0.90, 1.02 → only Equality (0.90) < 1
    // biophysical 6.54, 1.30, 2.04, 0.76, 2.83, 3.28 → only Land-System Change (0.76) ≤ 1
    const r = assessDoughnut(indicatorsFor('GBR', 2015));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value.summary;
    expect([s.socialAchieved, s.socialWithData, s.socialMissing]).toEqual([10, 11, 0]);
    expect([s.ecologicalTransgressed, s.ecologicalWithData, s.ecologicalMissing]).toEqual([5, 6, 0]);
    // mean shortfall = (1 − 0.90) / 11; mean overshoot = (5.54 + 0.30 + 1.04 + 0 + 1.83 + 2.28) / 6 = 10.99 / 6
    expect(s.meanShortfall?.value.eq(dec('0.1').dividedBy(11))).toBe(true);
    expect(s.meanOvershoot?.value.eq(dec('10.99').dividedBy(6))).toBe(true);
    expect(r.value.indicators.find((i) => i.id === 'Equality')?.achieved).toBe(false);
    expect(r.value.indicators.find((i) => i.id === 'Land-System Change')?.transgressed).toBe(false);
  });

  it('Afghanistan 1992: five social values missing are reported as missing, not as zero', () => {
    // Row: LS –, LE 0.53, Nutrition 0.32, Sanitation 0.19, Income –, Energy –, Education 0.11,
    // Social support –, Democratic quality 0.17, Equality –, Employment 1.09.
    const r = assessDoughnut(indicatorsFor('AFG', 1992));
    if (!r.ok) throw new Error('expected ok');
    const s = r.value.summary;
    expect([s.socialAchieved, s.socialWithData, s.socialMissing]).toEqual([1, 6, 5]);
    // (0.47 + 0.68 + 0.81 + 0.89 + 0.83 + 0) / 6 = 3.68 / 6
    expect(s.meanShortfall?.value.eq(dec('3.68').dividedBy(6))).toBe(true);
    // biophysical 0.03, 2.51, 3.30, 0.22, 0.33, 0.21 → P and N transgressed
    expect([s.ecologicalTransgressed, s.ecologicalWithData]).toEqual([2, 6]);
  });

  it('United Kingdom 1992 → 2015: direction and size of change per indicator', () => {
    // By hand from the two rows: CO2 overshoot 4.15 → 5.54 (+1.39, worsening); phosphorus 1.17 → 0.30
    // (−0.87, improving); land-system change 0.64 → 0.76 stays within (unchanged, ratio +0.12);
    // employment shortfall 0.12 → 0 (improving); social support missing in 1992 (no comparison).
    const c = compareYears([...indicatorsFor('GBR', 1992), ...indicatorsFor('GBR', 2015)]);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.years).toEqual([1992, 2015]);
    const get = (id: string) => c.value.indicators.find((i) => i.id === id);
    expect([get('CO2 Emissions')?.direction, get('CO2 Emissions')?.overall?.change.toString()]).toEqual([
      'worsening',
      '1.39',
    ]);
    expect([get('Phosphorus')?.direction, get('Phosphorus')?.overall?.change.toString()]).toEqual([
      'improving',
      '-0.87',
    ]);
    expect(get('Land-System Change')?.direction).toBe('unchanged');
    expect(get('Land-System Change')?.overall?.ratioChange.toString()).toBe('0.12');
    expect([get('Employment')?.direction, get('Employment')?.overall?.change.toString()]).toEqual([
      'improving',
      '-0.12',
    ]);
    expect(get('Social Support')?.direction).toBe('no-data');
    // 1992: social 1.12, 1.05, 1.48, 1.05, 1.04, 1.05, 0.96, –, 1.24, 0.88, 0.88 → 7 of 10 achieved;
    // biophysical 5.15, 2.17, 1.74, 0.64, 2.84, 1.98 → 5 of 6 transgressed.
    expect(
      c.value.summaries.map((s) => [
        s.year,
        s.summary.socialAchieved,
        s.summary.socialWithData,
        s.summary.ecologicalTransgressed,
      ]),
    ).toEqual([
      [1992, 7, 10, 5],
      [2015, 10, 11, 5],
    ]);
  });
});
