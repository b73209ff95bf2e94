import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { normalisedRatio, overshootOf, referenceRatio, shortfallOf } from './normalise';

// Decimals with up to 4 dp, built from integers so no float arithmetic is involved.
const decimal = (min: number, max: number) =>
  fc.integer({ min: min * 10000, max: max * 10000 }).map((n) => dec(n).dividedBy(10000));

const unwrap = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error('expected ok');
  return r.value;
};

describe('normalisedRatio', () => {
  it('baseline defaults to 0: nitrogen 194.34 / 62 (doughnut v3 2022)', () => {
    expect(unwrap(normalisedRatio('194.34', '62')).toFixed(4)).toBe('3.1345');
  });

  it('pre-industrial baseline: CO2 (417.07 − 280)/(350 − 280) = 1.958142857…', () => {
    expect(unwrap(normalisedRatio('417.07', '350', '280')).toFixed(6)).toBe('1.958143');
  });

  it('"% deprived" with target 0 and baseline 100: 9.62 % → ratio 0.9038, shortfall 0.0962', () => {
    const r = unwrap(normalisedRatio('9.62', '0', '100'));
    expect(r.toString()).toBe('0.9038');
    expect(shortfallOf(r).toString()).toBe('0.0962');
  });

  it('target equal to baseline is an issue, not a number', () => {
    const r = normalisedRatio('5', '3', '3');
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('target_equals_baseline');
    expect(referenceRatio('5', '3', '3').issues[0]?.code).toBe('target_equals_baseline');
    expect(referenceRatio('5', '3', '0').issues[0]?.code).toBe('reference_zero');
  });

  it('a value exactly at the threshold is achieved and exactly at the boundary is not overshoot', () => {
    const one = unwrap(normalisedRatio('350', '350', '280'));
    expect(shortfallOf(one).isZero()).toBe(true);
    expect(overshootOf(one).isZero()).toBe(true);
  });

  it('property: lower-is-worse (1 − v/ref)/(1 − B/ref) equals (v − ref)/(B − ref) (baseline = ref)', () => {
    fc.assert(
      fc.property(decimal(-1000, 1000), decimal(-1000, 1000), decimal(-1000, 1000), (v, b, ref) => {
        fc.pre(!ref.isZero() && !b.eq(ref));
        const a = unwrap(referenceRatio(v, b, ref));
        const n = unwrap(normalisedRatio(v, b, ref));
        // Equal to 30 significant digits (both are computed at 40).
        return a.toSignificantDigits(30).eq(n.toSignificantDigits(30));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: ratio increases with value when target > baseline and decreases when target < baseline', () => {
    fc.assert(
      fc.property(
        decimal(-500, 500),
        decimal(-500, 500),
        decimal(-500, 500),
        decimal(0, 100),
        (v, t, b, step) => {
          fc.pre(!t.eq(b) && step.gt(0));
          const lo = unwrap(normalisedRatio(v, t, b));
          const hi = unwrap(normalisedRatio(v.plus(step), t, b));
          return t.gt(b) ? hi.gt(lo) : hi.lt(lo);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('property: shortfall and overshoot are never negative, and at most one of them is positive', () => {
    fc.assert(
      fc.property(decimal(-100, 100), (r) => {
        const s = shortfallOf(r);
        const o = overshootOf(r);
        return !s.isNegative() && !o.isNegative() && (s.isZero() || o.isZero());
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
