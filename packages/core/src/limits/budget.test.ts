import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { assessCarbonBudget, budgetExhaustion, budgetPathway, reductionRateForBudget } from './budget';

describe('reductionRateForBudget', () => {
  it('Manchester check (limits.md §8 [D]): 15 MtCO2 at −13 %/yr implies E0 = 1.95 MtCO2/yr; r = E0/B', () => {
    const r = reductionRateForBudget({ budget: '15', currentEmissions: '1.95' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.value.toString()).toBe('0.13');
    if (r.ok) expect(r.value.trace.formula).toContain('r = E0 ÷ B');
  });

  it('first year excluded: r = E0/(B + E0) = 1.95/16.95', () => {
    const r = reductionRateForBudget({
      budget: '15',
      currentEmissions: '1.95',
      convention: 'firstYearExcluded',
    });
    if (!r.ok) throw new Error('expected ok');
    expect(r.value.value.eq(dec('1.95').dividedBy('16.95'))).toBe(true);
    expect(r.value.value.toFixed(6)).toBe('0.115044');
  });

  it('a budget below one year of emissions cannot be kept (first year included)', () => {
    expect(reductionRateForBudget({ budget: '1', currentEmissions: '2' }).issues[0]?.code).toBe(
      'budget_below_one_year',
    );
    expect(reductionRateForBudget({ budget: '0', currentEmissions: '2' }).ok).toBe(false);
  });

  it('property: the rate’s pathway sums (to infinity) to the budget under both conventions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 1, max: 1000 }), (b, e) => {
        fc.pre(e <= b);
        const B = dec(b);
        const E0 = dec(e);
        const inc = reductionRateForBudget({ budget: B, currentEmissions: E0 });
        const exc = reductionRateForBudget({
          budget: B,
          currentEmissions: E0,
          convention: 'firstYearExcluded',
        });
        if (!inc.ok || !exc.ok) return false;
        const sumInc = E0.dividedBy(inc.value.value); // Σ_{t≥0} E0 (1 − r)^t
        const sumExc = E0.times(dec(1).minus(exc.value.value)).dividedBy(exc.value.value); // Σ_{t≥1}
        return sumInc.minus(B).abs().lt('1e-30') && sumExc.minus(B).abs().lt('1e-30');
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('budgetPathway', () => {
  it('E_t = E0 (1 − r)^t year by year (Manchester: 1.95 at −13 %)', () => {
    const p = budgetPathway({ currentEmissions: '1.95', rate: '0.13', startYear: 2018, endYear: 2020 });
    if (!p.ok) throw new Error('expected ok');
    expect(p.value.years.map((y) => [y.year, y.emissions.toString(), y.cumulative.toString()])).toEqual([
      [2018, '1.95', '1.95'],
      [2019, '1.6965', '3.6465'], // 1.95 × 0.87
      [2020, '1.475955', '5.122455'], // 1.6965 × 0.87
    ]);
  });

  it('to 2100 the pathway uses the whole 15 Mt less a tail of 15 × 0.87^83', () => {
    const p = budgetPathway({ currentEmissions: '1.95', rate: '0.13', startYear: 2018, endYear: 2100 });
    if (!p.ok) throw new Error('expected ok');
    const tail = dec(15).times(dec('0.87').pow(83));
    expect(p.value.beyondEnd?.toSignificantDigits(20).eq(tail.toSignificantDigits(20))).toBe(true);
    expect(
      p.value.total.value
        .plus(p.value.beyondEnd ?? 0)
        .toSignificantDigits(30)
        .toString(),
    ).toBe('15');
    expect(p.value.years).toHaveLength(83);
  });

  it('first year excluded: t = 0 is listed but not counted', () => {
    const p = budgetPathway({
      currentEmissions: '2',
      rate: '0.5',
      startYear: 2020,
      endYear: 2022,
      convention: 'firstYearExcluded',
    });
    if (!p.ok) throw new Error('expected ok');
    expect(p.value.years.map((y) => [y.counted, y.cumulative.toString()])).toEqual([
      [false, '0'],
      [true, '1'],
      [true, '1.5'],
    ]);
    expect(p.value.beyondEnd?.toString()).toBe('0.5'); // 0.25 + 0.125 + … = 0.5
  });
});

describe('budgetExhaustion', () => {
  it('flat emissions: years left = B / E0; Manchester flat at 1.95 would use 15 Mt during 2025', () => {
    const e = budgetExhaustion({ budget: '15', currentEmissions: '1.95', startYear: 2018 });
    if (!e.ok) throw new Error('expected ok');
    expect(e.value.yearsLeft?.value.toFixed(4)).toBe('7.6923'); // 15 / 1.95
    expect(e.value.exhaustedIn).toBe(2025); // 8 × 1.95 = 15.6 ≥ 15 > 7 × 1.95 = 13.65
  });

  it('exactly on the budget: 10 at 2 a year is used up in the fifth year', () => {
    const e = budgetExhaustion({ budget: '10', currentEmissions: '2', startYear: 2021 });
    if (!e.ok) throw new Error('expected ok');
    expect(e.value.exhaustedIn).toBe(2025);
  });

  it('a trend: 10 at 2 a year growing 10 % — 2 + 2.2 + 2.42 + 2.662 = 9.282 < 10, fifth year exhausts', () => {
    const e = budgetExhaustion({ budget: '10', currentEmissions: '2', startYear: 2021, trendRate: '0.1' });
    if (!e.ok) throw new Error('expected ok');
    expect(e.value.exhaustedIn).toBe(2025);
    // n = ln(1 + 0.1 × 10 / 2) / ln(1.1) = ln 1.5 / ln 1.1 = 4.25416…
    expect(e.value.yearsLeft?.value.toFixed(4)).toBe('4.2542');
  });

  it('a falling trend that never reaches the budget: null with a warning', () => {
    // cumulative approaches 2 / 0.25 = 8 < 10
    const e = budgetExhaustion({ budget: '10', currentEmissions: '2', startYear: 2021, trendRate: '-0.25' });
    if (!e.ok) throw new Error('expected ok');
    expect(e.value.exhaustedIn).toBeNull();
    expect(e.issues[0]?.code).toBe('budget_never_exhausted');
  });

  it('first year excluded counts from the year after', () => {
    const e = budgetExhaustion({
      budget: '10',
      currentEmissions: '2',
      startYear: 2020,
      convention: 'firstYearExcluded',
    });
    if (!e.ok) throw new Error('expected ok');
    expect([e.value.firstBudgetYear, e.value.exhaustedIn]).toEqual([2021, 2025]);
  });

  it('property: the exhaustion year is the first whose cumulative emissions reach the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: -20, max: 20 }),
        (b, e, g) => {
          const rate = dec(g).dividedBy(100);
          const r = budgetExhaustion({
            budget: dec(b),
            currentEmissions: dec(e),
            startYear: 2000,
            trendRate: rate,
          });
          if (!r.ok) return false;
          let cum = dec(0);
          let em = dec(e);
          for (let k = 0; k < 2000; k++) {
            cum = cum.plus(em);
            if (cum.gte(b)) return r.value.exhaustedIn === 2000 + k;
            em = em.times(dec(1).plus(rate));
          }
          return r.value.exhaustedIn === null;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('assessCarbonBudget', () => {
  // Constructed emissions (not Manchester's actual figures, which are unverified): hand-checked.
  const input = {
    budget: { total: '15', fromYear: 2018, toYear: 2100, unit: 'MtCO2', source: 'constructed example' },
    emissionsToDate: [
      { year: 2020, emissions: '1.7' },
      { year: 2018, emissions: '2.0' },
      { year: 2019, emissions: '1.9' },
    ],
  };

  it('remaining budget arithmetic: 15 − (2.0 + 1.9 + 1.7) = 9.4; r = 1.7 / 9.4; flat runs out in 2026', () => {
    const a = assessCarbonBudget(input);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.value.used.value.toString()).toBe('5.6');
    expect(a.value.remaining.value.toString()).toBe('9.4');
    expect(a.value.latestYear).toBe(2020);
    expect(a.value.currentEmissions.toString()).toBe('1.7');
    expect(a.value.requiredRate?.value.toFixed(6)).toBe('0.180851'); // 1.7 / 9.4
    // flat 1.7 from 2021: 5 years = 8.5 < 9.4 ≤ 6 years = 10.2 → 2026
    expect(a.value.atCurrentEmissions.exhaustedIn).toBe(2026);
    expect(a.value.pathway?.years[0]?.year).toBe(2021);
    expect(a.value.pathway?.years.at(-1)?.year).toBe(2100);
    expect(a.value.issues).toEqual([]);
  });

  it('first year excluded: r = 1.7 / (9.4 + 1.7); the pathway starts from 2020 (already counted)', () => {
    const a = assessCarbonBudget({ ...input, convention: 'firstYearExcluded', trendRate: '-0.05' });
    if (!a.ok) throw new Error('expected ok');
    expect(a.value.requiredRate?.value.eq(dec('1.7').dividedBy('11.1'))).toBe(true);
    expect(a.value.pathway?.years[0]).toMatchObject({ year: 2020, counted: false });
    expect(a.value.onTrend?.trendRate.toString()).toBe('-0.05');
  });

  it('gaps, years outside the period and repeated years are reported', () => {
    const gap = assessCarbonBudget({
      ...input,
      emissionsToDate: [
        { year: 2018, emissions: '2' },
        { year: 2020, emissions: '1.7' },
      ],
    });
    expect(gap.ok && gap.issues.map((i) => i.code)).toEqual(['emissions_year_gap']);
    const outside = assessCarbonBudget({ ...input, emissionsToDate: [{ year: 2017, emissions: '2' }] });
    expect(outside.issues.map((i) => i.code)).toEqual(['year_outside_budget']);
    const twice = assessCarbonBudget({
      ...input,
      emissionsToDate: [
        { year: 2018, emissions: '2' },
        { year: 2018, emissions: '2' },
      ],
    });
    expect(twice.issues.map((i) => i.code)).toEqual(['duplicate_year']);
  });

  it('a budget already used up: no rate, the year it ran out, a warning', () => {
    const a = assessCarbonBudget({ ...input, budget: { total: '5', fromYear: 2018 } });
    if (!a.ok) throw new Error('expected ok');
    expect(a.value.requiredRate).toBeNull();
    expect(a.value.exhaustedIn).toBe(2020); // 2.0 + 1.9 = 3.9 < 5 ≤ 5.6
    expect(a.issues.map((i) => i.code)).toEqual(['budget_exhausted']);
  });
});
