import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { RATIO_ROUNDING, round } from '../money/round';
import { fanningRaworth2025 } from './dimensions';
import { assessDoughnut, type IndicatorInput } from './doughnut';
import { normalisedRatio, referenceRatio } from './normalise';

// Published values: Fanning & Raworth (2025), authors' data in github.com/a-fanning/doughnut-v3,
// file Analysis-R2/myData/12_20250115_globalDoughnutData_2000-2022.csv at commit
// 080250107b02f4853ccec2cd250995d2fa964cc0, rows for date = 2022. Columns copied: indicator,
// value, boundary, ratio. In that file `ratio` is the published overshoot (ratio − 1) for
// ecological rows and the shortfall for social rows, to 2 dp. Formulas: Analysis/scripts/
// 5_calculateRatios.R (commit 36b5383995797792d82ce39ac1dc580db60d2b1d).
const SOURCE = 'Fanning & Raworth 2025, a-fanning/doughnut-v3 @0802501';
// Published precision: 2 dp, half-up.
const HALF_UP_2 = RATIO_ROUNDING;

interface Row {
  id: string;
  dimension: string;
  unit: string;
  value: string;
  boundary: string;
  /** Baseline of the normalisation (pre-industrial or lower-is-worse reference). */
  baseline?: string;
  published: string;
}

const ecological2022: Row[] = [
  {
    id: 'co2_ppm',
    dimension: 'climate-change',
    unit: 'ppm CO2',
    value: '417.07',
    boundary: '350',
    baseline: '280',
    published: '0.96',
  },
  {
    id: 'erf_wm2',
    dimension: 'climate-change',
    unit: 'W/m2',
    value: '2.91',
    boundary: '1',
    published: '1.91',
  },
  {
    id: 'chemicalsMt_Hzd',
    dimension: 'chemical-pollution',
    unit: 'Mt',
    value: '1988.73',
    boundary: '60',
    published: '32.15',
  },
  {
    id: 'phosphorusMt',
    dimension: 'nutrient-pollution',
    unit: 'Mt P',
    value: '23.17',
    boundary: '6.2',
    published: '2.74',
  },
  {
    id: 'nitrogenMt',
    dimension: 'nutrient-pollution',
    unit: 'Mt N',
    value: '194.34',
    boundary: '62',
    published: '2.13',
  },
  {
    id: 'interhemAOD',
    dimension: 'air-pollution',
    unit: 'AOD',
    value: '0.08',
    boundary: '0.1',
    baseline: '0.03',
    published: '-0.29',
  },
  {
    id: 'blueDev',
    dimension: 'freshwater-disruption',
    unit: '%',
    value: '18.6',
    boundary: '10.2',
    published: '0.82',
  },
  {
    id: 'soilDev',
    dimension: 'freshwater-disruption',
    unit: '%',
    value: '19.25',
    boundary: '11.1',
    published: '0.73',
  },
  {
    id: 'forestAreaMKM2',
    dimension: 'land-conversion',
    unit: 'million km2',
    value: '38.18',
    boundary: '47.9',
    baseline: '63.87',
    published: '0.61',
  },
  {
    id: 'extinction1900',
    dimension: 'biodiversity-breakdown',
    unit: 'E/MSY',
    value: '100',
    boundary: '10',
    published: '9.00',
  },
  {
    id: 'hanppGtC',
    dimension: 'biodiversity-breakdown',
    unit: 'GtC',
    value: '17.02',
    boundary: '5.59',
    published: '2.04',
  },
  {
    id: 'totalOzone',
    dimension: 'ozone-depletion',
    unit: 'DU',
    value: '284.58',
    boundary: '276',
    baseline: '290',
    published: '-0.61',
  },
];

// Ω aragonite 2022: value 2.79, boundary 2.75, reference 3.44, published −0.05 (see the test below).
const aragonite = {
  id: 'omega_a',
  dimension: 'ocean-acidification',
  unit: 'Ω',
  value: '2.79',
  boundary: '2.75',
  baseline: '3.44',
  published: '-0.05',
};

// Social rows: "% of people deprived", foundation 0 %: ratio (100 − v)/100, shortfall v/100.
const social2022: Row[] = [
  {
    id: 'undernourishment',
    dimension: 'food',
    unit: '%',
    value: '9.62',
    boundary: '0',
    baseline: '100',
    published: '0.10',
  },
  {
    id: 'foodInsecurity',
    dimension: 'food',
    unit: '%',
    value: '29.36',
    boundary: '0',
    baseline: '100',
    published: '0.29',
  },
  {
    id: 'under5death',
    dimension: 'health',
    unit: '%',
    value: '42.62',
    boundary: '0',
    baseline: '100',
    published: '0.43',
  },
  {
    id: 'UHCindex',
    dimension: 'health',
    unit: '%',
    value: '28.07',
    boundary: '0',
    baseline: '100',
    published: '0.28',
  },
  {
    id: 'adultLiteracy',
    dimension: 'education',
    unit: '%',
    value: '16.15',
    boundary: '0',
    baseline: '100',
    published: '0.16',
  },
  {
    id: 'secondarySchool',
    dimension: 'education',
    unit: '%',
    value: '36.91',
    boundary: '0',
    baseline: '100',
    published: '0.37',
  },
];

const toIndicator = (r: Row, kind: 'social' | 'ecological'): IndicatorInput => ({
  id: r.id,
  dimension: r.dimension,
  kind,
  unit: r.unit,
  value: r.value,
  target: r.boundary,
  ...(r.baseline !== undefined ? { baseline: r.baseline } : {}),
  year: 2022,
  source: SOURCE,
});

describe('doughnut v3 (Fanning & Raworth 2025): published 2022 global ratios reproduced', () => {
  for (const r of ecological2022) {
    it(`${r.id}: (ratio − 1) to 2 dp = published ${r.published}`, () => {
      const ratio = normalisedRatio(r.value, r.boundary, r.baseline ?? '0');
      expect(ratio.ok).toBe(true);
      if (ratio.ok) expect(round(ratio.value.minus(1), HALF_UP_2)).toBe(r.published);
    });
  }

  for (const r of social2022) {
    it(`${r.id}: shortfall to 2 dp = published ${r.published}`, () => {
      const p = assessDoughnut([toIndicator(r, 'social')]);
      expect(p.ok).toBe(true);
      if (p.ok) expect(round(p.value.indicators[0]?.shortfall ?? dec(-1), HALF_UP_2)).toBe(r.published);
    });
  }

  it('the lower-is-worse forms in the authors’ script equal the baseline form (forest, ozone, aragonite)', () => {
    for (const r of [
      ...ecological2022.filter((x) => ['forestAreaMKM2', 'totalOzone'].includes(x.id)),
      aragonite,
    ]) {
      const a = referenceRatio(r.value, r.boundary, r.baseline as string);
      const b = normalisedRatio(r.value, r.boundary, r.baseline as string);
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok)
        expect(a.value.toSignificantDigits(30).eq(b.value.toSignificantDigits(30))).toBe(true);
    }
  });

  it('aragonite: the published −0.05 comes from the unrounded Ω; 2.79 as printed gives −0.06', () => {
    // The CSV prints value to 2 dp. (3.44 − v)/(3.44 − 2.75) − 1 rounds to −0.05 only for v ≤ 2.78795,
    // and v rounds to 2.79 for v ≥ 2.785: every Ω in [2.785, 2.78795] reproduces the published ratio.
    const at = (v: string) => {
      const r = referenceRatio(v, aragonite.boundary, aragonite.baseline);
      if (!r.ok) throw new Error('unexpected');
      return round(r.value.minus(1), HALF_UP_2);
    };
    expect(at('2.785')).toBe(aragonite.published);
    expect(at('2.7875')).toBe(aragonite.published);
    expect(at('2.79')).toBe('-0.06');
  });

  it('global ecological overshoot 2022: 10 of 13 indicators and 6 of 9 dimensions beyond the boundary', () => {
    // Counted from the published ratio column: every row above with ratio − 1 > 0, plus aragonite (−0.05).
    const ind = [...ecological2022, aragonite].map((r) => toIndicator(r, 'ecological'));
    const p = assessDoughnut(ind, { dimensions: fanningRaworth2025 });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.summary.ecologicalWithData).toBe(13);
    expect(p.value.summary.ecologicalTransgressed).toBe(
      ecological2022.filter((r) => !r.published.startsWith('-')).length,
    );
    expect(p.value.summary.ecologicalTransgressed).toBe(10);
    const over = p.value.dimensions.filter((d) => d.status === 'overshoot').map((d) => d.id);
    expect(over).toEqual([
      'climate-change',
      'chemical-pollution',
      'nutrient-pollution',
      'freshwater-disruption',
      'land-conversion',
      'biodiversity-breakdown',
    ]);
    expect(p.value.dimensions.filter((d) => d.status === 'within').map((d) => d.id)).toEqual([
      'ocean-acidification',
      'air-pollution',
      'ozone-depletion',
    ]);
    // The 12 social dimensions have no indicators here: reported as no data, not as achieved.
    expect(p.value.dimensions.filter((d) => d.status === 'no-data')).toHaveLength(12);
    expect(p.value.summary.meanShortfall).toBeNull();
  });

  it('a missing value (foodInsecurity 2000 is NA in the file) is reported as missing, not zero', () => {
    const p = assessDoughnut([
      {
        id: 'foodInsecurity',
        dimension: 'food',
        kind: 'social',
        unit: '%',
        value: null,
        target: '0',
        baseline: '100',
        year: 2000,
        source: SOURCE,
      },
      {
        id: 'undernourishment',
        dimension: 'food',
        kind: 'social',
        unit: '%',
        value: '13.09',
        target: '0',
        baseline: '100',
        year: 2000,
        source: SOURCE,
      },
    ]);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const fi = p.value.indicators.find((i) => i.id === 'foodInsecurity');
    expect(fi?.missing).toBe(true);
    expect(fi?.ratio).toBeNull();
    expect(fi?.shortfall).toBeUndefined();
    expect(p.value.summary.socialWithData).toBe(1);
    expect(p.value.summary.socialMissing).toBe(1);
    // mean over the one indicator with data: 13.09 % deprived → 0.1309, published 0.13
    expect(p.value.summary.meanShortfall?.value.toString()).toBe('0.1309');
  });
});
