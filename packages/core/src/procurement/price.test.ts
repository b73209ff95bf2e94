import { describe, expect, it } from 'vitest';
import { type Decimal, dec } from '../money/decimal';
import { type PriceRule, scorePrices } from './price';

const bids = (...prices: (string | number)[]) =>
  prices.map((p, i) => ({ bid: String.fromCharCode(65 + i), price: dec(p) }));

function raws(rule: PriceRule, prices: (string | number)[], places?: number): Record<string, string> {
  const r = scorePrices(rule, bids(...prices));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return Object.fromEntries(
    r.value.scores.map((s) => [s.bid, places === undefined ? s.raw.toString() : s.raw.toFixed(places)]),
  );
}

// procurement.md §2: CCS Digital Outcomes & Specialists example, prices A £15,000, B £10,000, C £30,000.
const CCS = [15000, 10000, 30000];

describe('published price scoring examples (procurement.md §2)', () => {
  it('CCS DOS, lowest-ratio, M = 1: A 0.667, B 1, C 0.333 (3 d.p.) [PUBLISHED]', () => {
    expect(raws({ method: 'lowest-ratio', max: dec(1) }, CCS, 3)).toEqual({
      A: '0.667',
      B: '1.000',
      C: '0.333',
    });
  });

  it('impactbids "The quality imperative", lowest-ratio, M = 40: 40 / 38.10 / 37.04; exact 38.0952, 37.0370 [PUBLISHED]', () => {
    expect(raws({ method: 'lowest-ratio', max: dec(40) }, [100, 105, 108], 2)).toEqual({
      A: '40.00',
      B: '38.10',
      C: '37.04',
    });
    expect(raws({ method: 'lowest-ratio', max: dec(40) }, [100, 105, 108], 4)).toEqual({
      A: '40.0000',
      B: '38.0952',
      C: '37.0370',
    });
  });

  it('linear-deviation on CCS prices, M = 100: A 50, B 100, C clamped from −100 to 0 [DERIVED]', () => {
    expect(raws({ method: 'linear-deviation' }, CCS)).toEqual({ A: '50', B: '100', C: '0' });
    const r = scorePrices({ method: 'linear-deviation' }, bids(...CCS));
    const c = r.ok ? r.value.scores.find((s) => s.bid === 'C') : undefined;
    expect(c?.trace.notes?.join(' ')).toContain('-100');
  });

  it('spread on CCS prices, M = 100: A 75, B 100, C 0 [DERIVED]', () => {
    expect(raws({ method: 'spread' }, CCS)).toEqual({ A: '75', B: '100', C: '0' });
  });

  it('mean-deviation on CCS prices: mean 18,333.33; A 68.18, B 95.45, C −13.64 → clamped 0 [DERIVED]', () => {
    expect(raws({ method: 'mean-deviation' }, CCS, 2)).toEqual({ A: '68.18', B: '95.45', C: '0.00' });
    const r = scorePrices({ method: 'mean-deviation' }, bids(...CCS));
    if (!r.ok) throw new Error('failed');
    expect(r.value.basis.mean?.toFixed(2)).toBe('18333.33');
    const c = r.value.scores.find((s) => s.bid === 'C');
    expect(c?.trace.notes?.join(' ')).toContain('-13.63636');
  });
});

describe('budget method (fixed reference and ceiling)', () => {
  const rule: PriceRule = { method: 'budget', reference: dec(80000), ceiling: dec(120000) };
  it('is linear between the reference (full marks) and the ceiling (0), clamped', () => {
    // hand-checked: (120000 − 100000) ÷ 40000 × 100 = 50; 70000 → 125 clamped to 100; 130000 → −25 clamped to 0
    expect(raws(rule, [100000, 70000, 130000, 80000, 120000])).toEqual({
      A: '50',
      B: '100',
      C: '0',
      D: '100',
      E: '0',
    });
  });
  it('does not depend on the other bids', () => {
    expect(raws(rule, [100000]).A).toBe(raws(rule, [100000, 50000, 1]).A);
  });
  it('accepts a zero price (full marks, clamped) and answers a missing ceiling with an issue', () => {
    expect(raws(rule, [0]).A).toBe('100');
    const r = scorePrices({ method: 'budget', reference: dec(1) }, bids(5));
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('budget_incomplete');
  });
});

describe('edge cases for every method', () => {
  const ratio: PriceRule['method'][] = ['lowest-ratio', 'linear-deviation', 'mean-deviation'];

  it.each(ratio)(
    '%s: a zero or negative price is an issue, never a division by zero, and does not set Pmin',
    (method) => {
      const r = scorePrices({ method }, bids(0, 100, -5, 200));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.issues.map((i) => [i.code, i.message.slice(0, 7)])).toEqual([
        ['price_not_positive', 'bid "A"'],
        ['price_not_positive', 'bid "C"'],
      ]);
      expect(r.value.scores.map((s) => s.bid)).toEqual(['B', 'D']);
      expect(r.value.basis.lowest?.toString()).toBe('100');
      for (const s of r.value.scores) expect(s.raw.isFinite()).toBe(true);
    },
  );

  it('spread accepts a zero price: it is the lowest and scores full marks', () => {
    expect(raws({ method: 'spread' }, [0, 50, 100])).toEqual({ A: '100', B: '50', C: '0' });
  });

  it('all prices equal: full marks for every ratio method and for spread; 50 at the mean for mean-deviation', () => {
    for (const method of ['lowest-ratio', 'linear-deviation', 'spread'] as const) {
      expect(raws({ method }, [500, 500, 500])).toEqual({ A: '100', B: '100', C: '100' });
    }
    expect(raws({ method: 'mean-deviation' }, [500, 500])).toEqual({ A: '50', B: '50' });
  });

  it('a single bid: full marks, except mean-deviation (50: it is the mean)', () => {
    expect(raws({ method: 'lowest-ratio' }, [700]).A).toBe('100');
    expect(raws({ method: 'linear-deviation' }, [700]).A).toBe('100');
    expect(raws({ method: 'spread' }, [700]).A).toBe('100');
    expect(raws({ method: 'mean-deviation' }, [700]).A).toBe('50');
  });

  it('a bid above twice the lowest: linear-deviation 0 (clamped), lowest-ratio still positive', () => {
    expect(raws({ method: 'linear-deviation' }, [100, 250])).toEqual({ A: '100', B: '0' });
    expect(raws({ method: 'lowest-ratio' }, [100, 250])).toEqual({ A: '100', B: '40' });
  });

  it('mean-deviation clamps at 100 for a bid far below the mean', () => {
    // mean of 10 and 100 = 55; 10 → 50 + 100 × 45/55 = 131.8 → 100
    expect(raws({ method: 'mean-deviation' }, [10, 100]).A).toBe('100');
  });

  it('scores stay within 0…M and normalised within 0…1 for every method', () => {
    const methods: PriceRule[] = [
      { method: 'lowest-ratio' },
      { method: 'linear-deviation' },
      { method: 'spread' },
      { method: 'mean-deviation' },
      { method: 'budget', reference: dec(90), ceiling: dec(300) },
    ];
    for (const rule of methods) {
      const r = scorePrices({ ...rule, max: dec(30) }, bids(100, 120, 333, 95, 410));
      if (!r.ok) throw new Error('failed');
      for (const s of r.value.scores) {
        expect(s.raw.gte(0) && s.raw.lte(30)).toBe(true);
        expect((s.normalised as Decimal).lte(1)).toBe(true);
      }
    }
  });

  it('an empty set scores nothing and has no basis', () => {
    const r = scorePrices({ method: 'lowest-ratio' }, []);
    expect(r.ok && r.value.scores.length === 0 && r.value.basis.lowest === null).toBe(true);
  });
});
