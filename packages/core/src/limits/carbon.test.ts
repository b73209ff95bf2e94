import { describe, expect, it } from 'vitest';
import { roundMoney } from '../money/round';
import {
  type CarbonInput,
  CarbonJsonSchema,
  netSocialValueWithinLimits,
  toCarbonJson,
  valueCarbon,
} from './carbon';

// Green Book standard schedule (valuation.md §7 [V]).
const greenBookStandard = {
  id: 'green-book-standard',
  name: 'Green Book STPR',
  bands: [
    { fromYear: 1, rate: '0.035' },
    { fromYear: 31, rate: '0.03' },
    { fromYear: 76, rate: '0.025' },
    { fromYear: 126, rate: '0.02' },
    { fromYear: 201, rate: '0.015' },
    { fromYear: 301, rate: '0.01' },
  ],
};

// DESNZ carbon values, Table 3, 2022 prices, £/tCO2e (valuation.md §10 [V as read into the
// `greenbook` package]) — the years used here only.
const desnz = {
  id: 'desnz-2023-table-3',
  name: 'DESNZ carbon values (Nov 2023)',
  priceYear: 2022,
  unit: '£/tCO2e',
  rows: [
    { year: 2025, low: '136.53', central: '273.06', high: '409.60' },
    { year: 2026, low: '138.61', central: '277.22', high: '415.83' },
  ],
  source: {
    title: 'Valuation of energy use and greenhouse gas emissions for appraisal, data tables 1–19',
    publisher: 'DESNZ',
    edition: 'November 2023',
    priceYear: 2022,
    licence: 'OGL-UK-3.0',
  },
};

const input: CarbonInput = {
  emissions: [
    { year: 2026, tco2e: '100' },
    { year: 2025, tco2e: '60' },
    { year: 2025, tco2e: '40' },
  ],
  values: desnz,
  scenario: 'central',
  baseYear: 2025,
  priceYear: 2022,
  discounting: greenBookStandard,
};

describe('valueCarbon', () => {
  it('tCO2e × value × DF: 100 t in 2025 and 2026 at the central values (hand-checked)', () => {
    const r = valueCarbon(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.years.map((y) => [y.year, y.tco2e.toString(), y.undiscounted.value.toString()])).toEqual([
      [2025, '100', '27306'],
      [2026, '100', '27722'],
    ]);
    expect(v.totals.tco2e.value.toString()).toBe('200');
    expect(v.totals.undiscounted.value.toString()).toBe('55028');
    // 27,306 + 27,722 / 1.035 = 27,306 + 26,784.54 = 54,090.54
    expect(roundMoney(v.totals.presentValue.value)).toBe('54090.54');
    expect(v.years[1]?.discountFactor.toFixed(6)).toBe('0.966184'); // standard DF(1), valuation.md §7
    expect(v.years[0]?.carbonValue.trace.inputs['carbon value']?.source?.publisher).toBe('DESNZ');
  });

  it('low and high scenarios use their own series', () => {
    const low = valueCarbon({ ...input, scenario: 'low', discounting: null });
    const high = valueCarbon({ ...input, scenario: 'high', discounting: null });
    if (!low.ok || !high.ok) throw new Error('expected ok');
    expect(low.value.totals.presentValue.value.toString()).toBe('27514'); // 100 × (136.53 + 138.61)
    expect(high.value.totals.presentValue.value.toString()).toBe('82543'); // 100 × (409.60 + 415.83)
  });

  it('avoided emissions (negative tCO2e) give a negative cost', () => {
    const r = valueCarbon({ ...input, emissions: [{ year: 2025, tco2e: '-10' }] });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.totals.presentValue.value.toString()).toBe('-2730.6');
  });

  it('a year the series does not cover is an issue, never interpolated', () => {
    const r = valueCarbon({ ...input, emissions: [...input.emissions, { year: 2027, tco2e: '5' }] });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['carbon_value_year_missing', ['emissions', 3, 'year']],
    ]);
  });

  it('rebasing to another price year needs an index series', () => {
    expect(valueCarbon({ ...input, priceYear: 2024 }).issues.map((i) => i.code)).toEqual([
      'index_series_required',
    ]);
    const r = valueCarbon({
      ...input,
      priceYear: 2024,
      discounting: null,
      emissions: [{ year: 2025, tco2e: '1' }],
      indexSeries: {
        id: 'gdp',
        name: 'GDP deflator',
        baseYear: 2024,
        values: { '2022': '90.5005', '2024': '100' },
        source: { title: 'GDP deflators at market prices', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
      },
    });
    if (!r.ok) throw new Error('expected ok');
    // 273.06 × 100 / 90.5005 = 301.72 (valuation.md §7 deflators)
    expect(roundMoney(r.value.totals.presentValue.value)).toBe('301.72');
  });

  it('JSON: decimals as strings, valid against the schema', () => {
    const r = valueCarbon(input);
    if (!r.ok) throw new Error('expected ok');
    const json = toCarbonJson(r.value);
    const text = JSON.stringify(json);
    expect(text).not.toContain('undefined');
    expect(CarbonJsonSchema.parse(JSON.parse(text))).toEqual(json);
    expect(json.totals.undiscounted).toBe('55028');
    expect(json.options.values.source).toBe(
      'DESNZ, Valuation of energy use and greenhouse gas emissions for appraisal, data tables 1–19 (November 2023), 2022 prices [OGL-UK-3.0]',
    );
  });
});

describe('netSocialValueWithinLimits', () => {
  it('social value PV − carbon cost PV, both parts shown', () => {
    const carbon = valueCarbon(input);
    if (!carbon.ok) throw new Error('expected ok');
    const n = netSocialValueWithinLimits({
      socialValuePV: '125000',
      carbonCostPV: carbon.value.totals.presentValue,
    });
    expect(roundMoney(n.value)).toBe('70909.46');
    expect(roundMoney(n.carbonCostPV.value)).toBe('54090.54');
    expect(n.socialValuePV.value.toString()).toBe('125000');
    expect(n.trace.inputs.carbonCostPV?.trace?.formula).toContain('carbon cost PV');
  });

  it('avoided emissions add to the net value', () => {
    expect(netSocialValueWithinLimits({ socialValuePV: '1000', carbonCostPV: '-200' }).value.toString()).toBe(
      '1200',
    );
  });
});
