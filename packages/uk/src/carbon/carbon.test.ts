import { dec, roundMoney } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { type CarbonValuesTableInput, carbonProxyFor, carbonValues, loadCarbonValues } from './carbon';

// DESNZ, Valuation of energy use and GHG emissions for appraisal (Nov 2023), data tables 1–19,
// Table 3, 2022 prices, £/tCO2e (valuation.md §10 [V as read into the greenbook R package]).
const TABLE_3: [number, string, string, string][] = [
  [2020, '126.60', '253.19', '379.79'],
  [2021, '128.52', '257.05', '385.57'],
  [2022, '130.48', '260.96', '391.44'],
  [2023, '132.47', '264.93', '397.40'],
  [2024, '134.48', '268.97', '403.45'],
  [2025, '136.53', '273.06', '409.60'],
  [2026, '138.61', '277.22', '415.83'],
  [2027, '140.72', '281.44', '422.17'],
  [2028, '142.87', '285.73', '428.60'],
  [2029, '145.04', '290.08', '435.12'],
  [2030, '147.25', '294.50', '441.75'],
  [2035, '158.81', '317.62', '476.42'],
  [2040, '171.27', '342.55', '513.82'],
  [2045, '184.51', '369.02', '553.53'],
  [2050, '198.77', '397.54', '596.31'],
];

const value = (year: number, scenario: 'low' | 'central' | 'high') => {
  const r = carbonValues.valueFor(year, scenario);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return roundMoney(r.value);
};

describe('DESNZ carbon values (November 2023, Table 3, 2022 prices)', () => {
  it.each(TABLE_3)('%i: low %s, central %s, high %s', (year, low, central, high) => {
    expect([value(year, 'low'), value(year, 'central'), value(year, 'high')]).toEqual([low, central, high]);
  });

  it('covers exactly the years of valuation.md §10, ascending', () => {
    expect(carbonValues.years()).toEqual(TABLE_3.map(([y]) => y));
  });

  it('defaults to the central scenario', () => {
    const r = carbonValues.valueFor(2030);
    expect(r.ok && r.value.toString()).toBe('294.5');
  });

  it('low ≈ 50% and high ≈ 150% of central, to the penny (a guard against transcription errors)', () => {
    for (const row of carbonValues.rows) {
      expect(row.low.minus(row.central.dividedBy(2)).abs().lte('0.01'), `${row.year} low`).toBe(true);
      expect(row.high.minus(row.central.times('1.5')).abs().lte('0.01'), `${row.year} high`).toBe(true);
    }
  });

  it('answers an uncovered year with an issue that says to load the full series (no interpolation)', () => {
    for (const year of [2019, 2031, 2049, 2051]) {
      const r = carbonValues.valueFor(year, 'central');
      expect(r.ok).toBe(false);
      expect(r.issues[0]?.code).toBe('carbon_year_not_covered');
      expect(r.issues[0]?.message).toContain(String(year));
      expect(r.issues[0]?.message).toContain('loadCarbonValues');
      expect(r.issues[0]?.message).toContain('2020–2030, 2035, 2040, 2045, 2050');
    }
  });

  it('answers a fractional year or an unknown scenario with an issue', () => {
    expect(carbonValues.valueFor(2030.5).issues[0]?.code).toBe('invalid_year');
    expect(carbonValues.valueFor(2030, 'mid' as 'central').issues[0]?.code).toBe('unknown_carbon_scenario');
  });

  it('carries provenance: DESNZ, November 2023, Table 3, the data-tables URL, OGL, 2022 prices', () => {
    expect(carbonValues.priceYear).toBe(2022);
    expect(carbonValues.currency).toBe('GBP');
    expect(carbonValues.unit).toBe('tCO2e');
    expect(carbonValues.source).toMatchObject({
      url: 'https://assets.publishing.service.gov.uk/media/6567994fcc1ec5000d8eef17/data-tables-1-19.xlsx',
      licence: 'OGL-UK-3.0',
      priceYear: 2022,
    });
    expect(carbonValues.source.edition).toContain('November 2023, Table 3');
    expect(carbonValues.source.publisher).toContain('DESNZ');
  });

  it('valuing 10 tCO2e avoided in 2025 at the central value gives £2,730.60 (10 × 273.06)', () => {
    const r = carbonValues.valueFor(2025);
    expect(r.ok && roundMoney(dec(10).times(r.value))).toBe('2730.60');
  });
});

describe('carbonProxyFor', () => {
  it('builds a proxy with central value and low/high from the same table', () => {
    const r = carbonProxyFor(2025);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.value, r.value.low, r.value.high].map((d) => d?.toString())).toEqual([
      '273.06',
      '136.53',
      '409.6',
    ]);
    expect(r.value.priceYear).toBe(2022);
    expect(r.value.currency).toBe('GBP');
    expect(r.value.source.licence).toBe('OGL-UK-3.0');
  });

  it('answers an uncovered year with the table’s issue', () => {
    const r = carbonProxyFor(2033);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('carbon_year_not_covered');
  });
});

describe('loadCarbonValues', () => {
  // [CONSTRUCTED] shape of a user-loaded full series: two later years from the same Table 3
  // as a user would transcribe them; only the structure is under test here.
  const fullSeries: CarbonValuesTableInput = {
    id: 'desnz-carbon-values-2023-11-full',
    name: 'DESNZ carbon values (user-loaded full series)',
    currency: 'GBP',
    priceYear: 2022,
    rows: [
      { year: 2032, low: '151.77', central: '303.54', high: '455.31' },
      { year: 2031, low: '149.49', central: '298.98', high: '448.48' },
    ],
    source: {
      title: 'Valuation of energy use and greenhouse gas emissions for appraisal',
      licence: 'OGL-UK-3.0',
    },
  };

  it('loads a user table from an object or JSON text, sorted by year, defaulting the unit to tCO2e', () => {
    for (const input of [fullSeries, JSON.stringify(fullSeries)]) {
      const r = loadCarbonValues(input);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.years()).toEqual([2031, 2032]);
      expect(r.value.unit).toBe('tCO2e');
      const v = r.value.valueFor(2031, 'high');
      expect(v.ok && v.value.toString()).toBe('448.48');
      expect(r.value.valueFor(2030).issues[0]?.message).toContain('2031, 2032');
      const p = carbonProxyFor(2032, r.value);
      expect(p.ok && p.value.value.toString()).toBe('303.54');
    }
  });

  it('answers invalid JSON text with an invalid_json issue', () => {
    const r = loadCarbonValues('{ "id": ');
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('invalid_json');
  });

  it('answers bad rows with issues located by JSON path', () => {
    const bad = {
      ...fullSeries,
      rows: [
        { year: 2031, low: '149.49', central: 'n/a', high: '448.48' },
        { year: 2032, low: '455.31', central: '303.54', high: '151.77' },
        { year: 2032, low: '1', central: '2', high: '3' },
        { year: 2033, low: '-1', central: '2', high: '3' },
      ],
    };
    const r = loadCarbonValues(bad);
    expect(r.ok).toBe(false);
    const at = (p: (string | number)[]) => r.issues.find((i) => JSON.stringify(i.path) === JSON.stringify(p));
    expect(at(['rows', 0, 'central'])?.message).toContain('not a number');
    expect(at(['rows', 1, 'central'])?.message).toContain('low ≤ central ≤ high');
    expect(at(['rows', 3, 'low'])?.message).toContain('negative');
    // duplicates are checked once every row parses
    const dup = loadCarbonValues({ ...fullSeries, rows: [fullSeries.rows[0], fullSeries.rows[0]] });
    expect(dup.ok).toBe(false);
    expect(dup.issues[0]).toMatchObject({ path: ['rows', 1, 'year'] });
    expect(dup.issues[0]?.message).toContain('appears twice');
  });

  it('requires provenance with a licence', () => {
    const { source: _, ...noSource } = fullSeries;
    const r = loadCarbonValues(noSource);
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.path?.[0] === 'source')).toBe(true);
  });
});
