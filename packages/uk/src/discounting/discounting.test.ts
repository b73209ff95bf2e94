import { Dec, dec, ONE, round } from '@commonweal/core/money';
import {
  type DiscountSchedule,
  DiscountScheduleSchema,
  discountFactor,
  rateInYear,
} from '@commonweal/core/valuation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantSchedule,
  discountingByName,
  discountingNames,
  greenBookCatastrophicRiskRemoved,
  greenBookHealth,
  greenBookStandard,
} from './discounting';

const df6 = (s: DiscountSchedule, t: number) => discountFactor(s, t).toFixed(6);

describe('Green Book discount schedules (HM Treasury, The Green Book 2022, Annex A6)', () => {
  it('have the published bands and rates (valuation.md §7; greenbook R package stpr_schedule.csv)', () => {
    const bands = (s: DiscountSchedule) => s.bands.map((b) => [b.fromYear, b.rate.toString()]);
    expect(bands(greenBookStandard)).toEqual([
      [1, '0.035'],
      [31, '0.03'],
      [76, '0.025'],
      [126, '0.02'],
      [201, '0.015'],
      [301, '0.01'],
    ]);
    expect(bands(greenBookHealth).map(([, r]) => r)).toEqual([
      '0.015',
      '0.0129',
      '0.0107',
      '0.0086',
      '0.0064',
      '0.0043',
    ]);
    expect(bands(greenBookCatastrophicRiskRemoved).map(([, r]) => r)).toEqual([
      '0.03',
      '0.0257',
      '0.0214',
      '0.0171',
      '0.0129',
      '0.0086',
    ]);
    for (const s of [greenBookHealth, greenBookCatastrophicRiskRemoved]) {
      expect(s.bands.map((b) => b.fromYear)).toEqual([1, 31, 76, 126, 201, 301]);
    }
  });

  it('apply each rate from the first year of its band (steps at 31, 76, 126, 201, 301)', () => {
    const r = (t: number) => rateInYear(greenBookStandard, t).toString();
    expect([
      r(1),
      r(30),
      r(31),
      r(75),
      r(76),
      r(125),
      r(126),
      r(200),
      r(201),
      r(300),
      r(301),
      r(1000),
    ]).toEqual([
      '0.035',
      '0.035',
      '0.03',
      '0.03',
      '0.025',
      '0.025',
      '0.02',
      '0.02',
      '0.015',
      '0.015',
      '0.01',
      '0.01',
    ]);
  });

  it('carry provenance: HM Treasury, OGL v3.0, Annex A6, cross-checked against the greenbook package', () => {
    for (const s of [greenBookStandard, greenBookHealth, greenBookCatastrophicRiskRemoved]) {
      expect(s.source?.publisher).toBe('HM Treasury');
      expect(s.source?.licence).toBe('OGL-UK-3.0');
      expect(s.source?.edition).toContain('Annex A6');
      expect(s.source?.url).toMatch(/^https:\/\/www\.gov\.uk\//);
      expect(s.source?.notes).toContain('greenbook R package');
    }
  });

  it('are valid DiscountSchedules that round-trip through JSON', () => {
    for (const s of [greenBookStandard, greenBookHealth, greenBookCatastrophicRiskRemoved]) {
      const again = DiscountScheduleSchema.parse(JSON.parse(JSON.stringify(s)));
      expect(again.bands.map((b) => b.rate.toString())).toEqual(s.bands.map((b) => b.rate.toString()));
    }
  });

  it('are frozen, so the per-schedule factor cache can never go stale', () => {
    expect(Object.isFrozen(greenBookStandard)).toBe(true);
    expect(Object.isFrozen(greenBookStandard.bands)).toBe(true);
    expect(() => {
      (greenBookStandard.bands as { fromYear: number }[]).push({ fromYear: 2 });
    }).toThrow();
  });
});

describe('Green Book discount factors (valuation.md §7 table [D], 6 d.p.)', () => {
  // Derived by compounding the Annex A6 rates year by year: DF(t) = DF(t−1) ÷ (1 + r_t).
  const standard: [number, string][] = [
    [1, '0.966184'],
    [2, '0.933511'],
    [3, '0.901943'],
    [4, '0.871442'],
    [5, '0.841973'],
    [10, '0.708919'],
    [15, '0.596891'],
    [20, '0.502566'],
    [25, '0.423147'],
    [30, '0.356278'],
    [31, '0.345901'],
    [40, '0.265105'],
    [50, '0.197263'],
    [60, '0.146782'],
    [75, '0.094214'],
    [76, '0.091916'],
    [100, '0.050818'],
    [125, '0.027411'],
    [126, '0.026873'],
  ];
  const health: [number, string][] = [
    [1, '0.985222'],
    [2, '0.970662'],
    [3, '0.956317'],
    [4, '0.942184'],
    [5, '0.928260'],
    [10, '0.861667'],
    [15, '0.799852'],
    [20, '0.742470'],
    [25, '0.689206'],
    [30, '0.639762'],
    [31, '0.631615'],
    [40, '0.562799'],
    [50, '0.495094'],
    [60, '0.435534'],
    [75, '0.359354'],
    [76, '0.355550'],
    [100, '0.275402'],
    [125, '0.211062'],
    [126, '0.209262'],
  ];

  it.each(standard)('standard: DF(%i) = %s', (t, expected) => {
    expect(df6(greenBookStandard, t)).toBe(expected);
  });

  it.each(health)('health: DF(%i) = %s', (t, expected) => {
    expect(df6(greenBookHealth, t)).toBe(expected);
  });

  it('DF(0) = 1: the base year is not discounted', () => {
    expect(discountFactor(greenBookStandard, 0).eq(1)).toBe(true);
  });

  it('steps at year 31 and year 76: DF(31) = DF(30) ÷ 1.03, DF(76) = DF(75) ÷ 1.025, not 1 ÷ (1 + r)^t', () => {
    expect(
      discountFactor(greenBookStandard, 31).eq(discountFactor(greenBookStandard, 30).dividedBy('1.03')),
    ).toBe(true);
    expect(
      discountFactor(greenBookStandard, 76).eq(discountFactor(greenBookStandard, 75).dividedBy('1.025')),
    ).toBe(true);
    // the non-kinked formula 1 ÷ 1.03^31 gives a different number
    expect(ONE.dividedBy(dec('1.03').pow(31)).toFixed(6)).not.toBe('0.345901');
  });

  it('DF(75) = 1 ÷ (1.035^30 × 1.03^45), in decimals', () => {
    const expected = ONE.dividedBy(dec('1.035').pow(30).times(dec('1.03').pow(45)));
    expect(
      discountFactor(greenBookStandard, 75).toSignificantDigits(30).eq(expected.toSignificantDigits(30)),
    ).toBe(true);
    expect(expected.toFixed(6)).toBe('0.094214');
  });

  it('every year 1–126 equals the year-by-year product of 1 ÷ (1 + r_k), for all three schedules', () => {
    for (const s of [greenBookStandard, greenBookHealth, greenBookCatastrophicRiskRemoved]) {
      let product = ONE;
      for (let t = 1; t <= 126; t++) {
        const r =
          t <= 30
            ? s.bands[0]!.rate
            : t <= 75
              ? s.bands[1]!.rate
              : t <= 125
                ? s.bands[2]!.rate
                : s.bands[3]!.rate;
        product = product.dividedBy(ONE.plus(r));
        expect(discountFactor(s, t).eq(product), `${s.id} year ${t}`).toBe(true);
      }
    }
  });

  it('year 10 to 4 d.p. is 0.7089 (rounding of the derived 0.708919; the printed Green Book table figure is unverified [R])', () => {
    expect(
      round(discountFactor(greenBookStandard, 10), { name: 'df-4dp', places: 4, mode: Dec.ROUND_HALF_UP }),
    ).toBe('0.7089');
  });

  it('NPV of −100, 30, 30, 30, 30, 30 (years 0–5) is 35.451571 (greenbook package test, valuation.md §7 [D])', () => {
    const flows = ['-100', '30', '30', '30', '30', '30'];
    const npv = flows.reduce(
      (acc, f, t) => acc.plus(dec(f).times(discountFactor(greenBookStandard, t))),
      dec(0),
    );
    expect(npv.toFixed(6)).toBe('35.451571');
  });

  it('catastrophic risk removed: DF(1) = 1 ÷ 1.03 and DF(31) = DF(30) ÷ 1.0257', () => {
    const s = greenBookCatastrophicRiskRemoved;
    expect(discountFactor(s, 1).eq(ONE.dividedBy('1.03'))).toBe(true);
    expect(discountFactor(s, 31).eq(discountFactor(s, 30).dividedBy('1.0257'))).toBe(true);
  });

  it('property: factors fall every year and follow DF(t) = DF(t−1) ÷ (1 + r_t) to year 400', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(greenBookStandard, greenBookHealth, greenBookCatastrophicRiskRemoved),
        fc.integer({ min: 1, max: 400 }),
        (s, t) => {
          const prev = discountFactor(s, t - 1);
          const cur = discountFactor(s, t);
          return cur.lt(prev) && cur.eq(prev.dividedBy(ONE.plus(rateInYear(s, t))));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('constantSchedule', () => {
  it('1 ÷ 1.035^2 = 0.933511 (same as the Green Book in years 1–30)', () => {
    const flat = constantSchedule('0.035');
    expect(flat.id).toBe('constant:0.035');
    expect(flat.name).toBe('Constant 3.5% discount rate');
    expect(df6(flat, 2)).toBe('0.933511');
    expect(df6(flat, 40)).not.toBe(df6(greenBookStandard, 40));
  });

  it('property: a constant rate gives DF(t) = 1 ÷ (1 + r)^t', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 120 }), (bp, t) => {
        const r = dec(bp).dividedBy(10000);
        const flat = constantSchedule(r);
        const expected = ONE.dividedBy(ONE.plus(r).pow(t));
        return discountFactor(flat, t).toSignificantDigits(30).eq(expected.toSignificantDigits(30));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects a rate of −1 or less (programmer error)', () => {
    expect(() => constantSchedule('-1')).toThrow(/greater than −1/);
  });
});

describe('discountingByName (the CLI --discounting option)', () => {
  it('finds the named Green Book schedules (the shared objects, so factors stay cached)', () => {
    const get = (n: string) => {
      const r = discountingByName(n);
      if (!r.ok) throw new Error(r.issues[0]?.message);
      return r.value;
    };
    expect(get('green-book')).toBe(greenBookStandard);
    expect(get('green-book-health')).toBe(greenBookHealth);
    expect(get('green-book-catastrophic-risk-removed')).toBe(greenBookCatastrophicRiskRemoved);
    expect(get(' Green-Book ')).toBe(greenBookStandard);
    expect(get('none')).toBeNull();
  });

  it('reads constant:0.035 and constant:3.5% as the same flat 3.5%', () => {
    for (const n of ['constant:0.035', 'constant:3.5%']) {
      const r = discountingByName(n);
      expect(r.ok).toBe(true);
      if (r.ok && r.value) {
        expect(r.value.id).toBe('constant:0.035');
        expect(df6(r.value, 1)).toBe('0.966184');
      }
    }
  });

  it('answers an unknown name with an issue listing the names it knows', () => {
    const r = discountingByName('treasury');
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'unknown_discounting', field: 'discounting' });
    for (const n of [
      'green-book',
      'green-book-health',
      'green-book-catastrophic-risk-removed',
      'constant:',
      'none',
    ]) {
      expect(r.issues[0]?.message).toContain(n);
    }
  });

  it.each([
    ['constant:abc', /not a number/],
    ['constant:', /empty/],
    ['constant:3.5', /3\.5%/],
    ['constant:-0.01', /negative/],
  ])('answers a bad rate "%s" with an invalid_discount_rate issue', (name, message) => {
    const r = discountingByName(name);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('invalid_discount_rate');
    expect(r.issues[0]?.message).toMatch(message);
  });

  it('lists the names it understands', () => {
    expect(discountingNames).toEqual([
      'green-book',
      'green-book-health',
      'green-book-catastrophic-risk-removed',
      'constant:<rate>',
      'none',
    ]);
  });
});
