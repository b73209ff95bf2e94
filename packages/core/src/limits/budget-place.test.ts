import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, sum } from '../money/decimal';
import {
  assessPlaceBudget,
  PlaceBudgetJsonSchema,
  PlaceCarbonBudgetSchema,
  pathwayAllowances,
  toPlaceBudgetJson,
  unitFactor,
} from './budget-place';

// Manchester City Council, Climate Change Action Plan Annual Report 2020-21, "Carbon budget"
// (council direct emissions; read at cape.mysociety.org/media/data/plans/manchester-city-council-45334f1.html):
// budget 316,048 tCO2 for 2018/19–2099/2100, a 13 % a year pathway; annual caps 41,087, 35,745,
// 31,099, 27,056, 23,538, 20,478, 17,816 tCO2; actual 37,173, 32,284, 25,501 tCO2 (94,958 in all,
// "12,973 tonnes, or 12%, under-budget"); the first three years are "34.2%" of the budget, the
// seven to 2025 "62%", the twelve to 2030 "81%"; "used only 30%". Financial years are written
// here by the year they start (2018 = 2018/19).
const MANCHESTER = {
  place: 'Manchester City Council (direct emissions)',
  budget: { total: '316048', fromYear: 2018, toYear: 2099, unit: 'tCO2' as const },
  pathway: { rate: '0.13' },
  source: {
    title: 'Climate Change Action Plan, Annual Report 2020-21',
    publisher: 'Manchester City Council',
    licence: 'not stated: figures quoted for a test only',
  },
};
const ACTUAL = [
  { year: 2018, emissions: dec(37173) },
  { year: 2019, emissions: dec(32284) },
  { year: 2020, emissions: dec(25501) },
];

describe('pathwayAllowances: Manchester City Council, 316,048 tCO2 at 13 % a year (published)', () => {
  const p = pathwayAllowances('316048', '0.13', 2018, 2099);

  it('reproduces the seven published annual caps to the tonne', () => {
    expect(p.years.slice(0, 7).map((y) => y.allowance.toFixed(0))).toEqual([
      '41087',
      '35745',
      '31099',
      '27056',
      '23538',
      '20478',
      '17816',
    ]);
  });

  it('shares of the budget as published: 34.2 % (3 years), 62 % (7), 81 % (12)', () => {
    const share = (n: number) => (p.years[n - 1]?.cumulative ?? dec(0)).dividedBy(316048).times(100);
    expect(share(3).toFixed(1)).toBe('34.2');
    expect(share(7).toFixed(0)).toBe('62');
    expect(share(12).toFixed(0)).toBe('81');
  });

  it('the allowances add up to the budget exactly (to 30 places)', () => {
    expect(p.years).toHaveLength(82);
    expect(p.years.at(-1)?.cumulative.minus(316048).abs().lt('1e-30')).toBe(true);
  });

  it('the five years 2020/21–2024/25 sum to 119,987 t (the report prints 119,988)', () => {
    expect(sum(p.years.slice(2, 7).map((y) => y.allowance)).toFixed(0)).toBe('119987');
  });
});

describe('assessPlaceBudget on Manchester City Council 2018/19–2020/21', () => {
  const r = assessPlaceBudget({ budget: PlaceCarbonBudgetSchema.parse(MANCHESTER), emissions: ACTUAL });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const a = r.value;

  it('94,958 t used, 12,973 t (12 %) under the three years’ caps, 30 % of the budget used', () => {
    expect(a.used.value.toString()).toBe('94958');
    const last = a.years[2];
    expect(last?.cumulativeAllowance?.minus(last.cumulative).toFixed(0)).toBe('12973');
    expect(
      last?.cumulativeAllowance
        ?.minus(last.cumulative)
        .dividedBy(last.cumulativeAllowance)
        .times(100)
        .toFixed(0),
    ).toBe('12');
    expect(a.used.value.dividedBy(316048).times(100).toFixed(0)).toBe('30');
    expect(a.years.map((y) => y.status)).toEqual(['within', 'within', 'within']);
    expect(a.years.map((y) => y.cumulativeStatus)).toEqual(['within', 'within', 'within']);
  });

  it('remaining 221,090 t; required rate from 2021/22 = 25,501 ÷ 221,090; flat, it lasts 8.67 years', () => {
    expect(a.remaining.value.toString()).toBe('221090');
    expect(a.requiredRate?.value.toFixed(6)).toBe(dec(25501).dividedBy(221090).toFixed(6));
    expect(a.requiredRate?.value.toFixed(4)).toBe('0.1153');
    expect(a.atCurrentEmissions.yearsLeft?.value.toFixed(2)).toBe('8.67');
    expect(a.atCurrentEmissions.exhaustedIn).toBe(2029);
  });

  it('observed trend (25,501 ÷ 37,173)^(1/2) − 1 = −17.2 % a year, which never uses up what remains', () => {
    expect(a.observedTrend?.value.times(100).toFixed(1)).toBe('-17.2');
    expect(a.onTrend?.exhaustedIn).toBeNull();
    expect(a.issues.map((i) => i.code)).toContain('budget_never_exhausted');
  });

  it('writes JSON valid against its schema, every summary figure with a trace', () => {
    const j = toPlaceBudgetJson(a, 'ab'.repeat(32));
    expect(PlaceBudgetJsonSchema.safeParse(JSON.parse(JSON.stringify(j))).success).toBe(true);
    expect(j.summary.remaining.trace.formula).toBe('remaining budget = budget − used');
    expect(j.allowances).toHaveLength(82);
    expect(j.requiredPathway[0]?.year).toBe(2021);
  });
});

describe('assessPlaceBudget: status and edges', () => {
  const budget = {
    place: 'Test',
    budget: { total: '100', fromYear: 2020, toYear: 2029, unit: 'ktCO2' as const },
    pathway: { rate: '0.2' },
    source: { title: 'constructed', licence: 'CONSTRUCTED' },
  };

  it('a year above its allowance is over; a budget used up gives the year it ran out', () => {
    const r = assessPlaceBudget({
      budget: PlaceCarbonBudgetSchema.parse(budget),
      emissions: [
        { year: 2020, emissions: dec(60) },
        { year: 2021, emissions: dec(50) },
      ],
    });
    if (!r.ok) throw new Error('failed');
    expect(r.value.years.map((y) => [y.status, y.cumulativeStatus])).toEqual([
      ['over', 'over'],
      ['over', 'over'],
    ]);
    expect(r.value.exhaustedIn).toBe(2021);
    expect(r.value.requiredRate).toBeNull();
  });

  it('the schema refuses a rate outside 0–1 and a period that ends before it starts, with paths', () => {
    const r = PlaceCarbonBudgetSchema.safeParse({
      ...budget,
      budget: { ...budget.budget, toYear: 2010 },
      pathway: { rate: '13' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['budget.toYear', 'pathway.rate']);
  });

  it('units convert exactly', () => {
    expect(unitFactor('ktCO2', 'MtCO2').toString()).toBe('0.001');
    expect(unitFactor('MtCO2', 'tCO2').toString()).toBe('1000000');
  });

  it('property: the allowances of any rate and period add up to the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (pct, years, total) => {
          const p = pathwayAllowances(String(total), dec(pct).dividedBy(100), 2020, 2020 + years - 1);
          expect(p.years).toHaveLength(years);
          expect(p.years.at(-1)?.cumulative.minus(total).abs().lt('1e-25')).toBe(true);
        },
      ),
    );
  });
});
