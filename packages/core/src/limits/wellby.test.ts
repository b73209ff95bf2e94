import { describe, expect, it } from 'vitest';
import { roundMoney } from '../money/round';
import { valueWellbeing, type WellbeingInput } from './wellby';

// Green Book health schedule (valuation.md §7 [V]: Green Book Annex A6 via the `greenbook` package).
const greenBookHealth = {
  id: 'green-book-health',
  name: 'Green Book health discount rate',
  bands: [
    { fromYear: 1, rate: '0.015' },
    { fromYear: 31, rate: '0.0129' },
    { fromYear: 76, rate: '0.0107' },
    { fromYear: 126, rate: '0.0086' },
    { fromYear: 201, rate: '0.0064' },
    { fromYear: 301, rate: '0.0043' },
  ],
  source: { title: 'The Green Book', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
};

// HM Treasury, Wellbeing Guidance for Appraisal (July 2021): £13,000 (2019 prices), £10,000–£16,000 (valuation.md §8 [V]).
const wellby = {
  central: '13000',
  low: '10000',
  high: '16000',
  priceYear: 2019,
  source: {
    title: 'Wellbeing Guidance for Appraisal',
    publisher: 'HM Treasury',
    edition: 'July 2021',
    priceYear: 2019,
    licence: 'OGL-UK-3.0',
  },
};

// GDP deflators, 2024 = 100 (valuation.md §7, as bundled in the `greenbook` package).
const deflator = {
  id: 'hmt-gdp-deflator-2025-12',
  name: 'GDP deflator at market prices',
  baseYear: 2024,
  values: { '2019': '81.1085', '2023': '96.2507', '2024': '100' },
  source: {
    title: 'GDP deflators at market prices',
    publisher: 'HM Treasury',
    edition: 'December 2025',
    licence: 'OGL-UK-3.0',
  },
};

const example: WellbeingInput = {
  deltaLifeSatisfaction: '0.2',
  people: '1',
  years: 2,
  startYear: 2025,
  baseYear: 2025,
  priceYear: 2019,
  wellby,
  discounting: greenBookHealth,
};

describe('valueWellbeing', () => {
  it('HMT published example: +0.2 life satisfaction → 0.2 × £13,000 = £2,600 per person per year, for 2 years', () => {
    const r = valueWellbeing(example);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.central.perPersonPerYear.value.toString()).toBe('2600');
    expect(r.value.central.undiscounted.value.toString()).toBe('5200');
    expect(r.value.wellbys.value.toString()).toBe('0.4');
    // PV on the health schedule, first year = base year: 2600 + 2600 / 1.015 = 5161.58 [D]
    expect(roundMoney(r.value.central.presentValue.value)).toBe('5161.58');
    // range: 0.2 × £10,000 and 0.2 × £16,000
    expect(r.value.low.perPersonPerYear.value.toString()).toBe('2000');
    expect(r.value.high.perPersonPerYear.value.toString()).toBe('3200');
    expect(r.value.years.map((y) => [y.year, y.t, y.discountFactor.toFixed(6)])).toEqual([
      [2025, 0, '1.000000'],
      [2026, 1, '0.985222'], // health DF(1), valuation.md §7
    ]);
    expect(r.value.options.discounting).toEqual({
      id: 'green-book-health',
      name: 'Green Book health discount rate',
    });
    expect(r.value.central.wellbyValue.trace.inputs['WELLBY value']?.source?.publisher).toBe('HM Treasury');
  });

  it('people scale the value; undiscounted when discounting is null', () => {
    const r = valueWellbeing({ ...example, people: '250', discounting: null });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.central.presentValue.value.toString()).toBe('1300000'); // 0.2 × 250 × 2 × 13,000
    expect(r.value.options.discounting).toBeNull();
  });

  it('rebased to 2023 prices with the GDP deflator: £13,000 × 96.2507 / 81.1085 = £15,426.98 ≈ £15,427 (valuation.md §8 [D])', () => {
    const r = valueWellbeing({ ...example, priceYear: 2023, indexSeries: deflator });
    if (!r.ok) throw new Error('expected ok');
    expect(roundMoney(r.value.central.wellbyValue.value)).toBe('15426.98');
    expect(r.value.central.wellbyValue.trace.formula).toContain('index[2023] ÷ index[2019]');
    expect(r.value.options.indexSeries?.id).toBe('hmt-gdp-deflator-2025-12');
  });

  it('a different price year without an index series, or a start before the base year, is an issue', () => {
    const a = valueWellbeing({ ...example, priceYear: 2023 });
    expect(a.ok).toBe(false);
    expect(a.issues.map((i) => i.code)).toEqual(['index_series_required']);
    const b = valueWellbeing({ ...example, startYear: 2024 });
    expect(b.issues.map((i) => i.code)).toEqual(['year_before_base_year']);
    const c = valueWellbeing({ ...example, priceYear: 2030, indexSeries: deflator });
    expect(c.issues[0]?.code).toBe('index_year_missing');
    const d = valueWellbeing({ ...example, deltaLifeSatisfaction: '11' });
    expect(d.ok).toBe(false);
  });

  it('a later start is discounted from the base year', () => {
    const r = valueWellbeing({ ...example, startYear: 2026, years: 1 });
    if (!r.ok) throw new Error('expected ok');
    expect(roundMoney(r.value.central.presentValue.value)).toBe('2561.58'); // 2600 / 1.015
  });
});
