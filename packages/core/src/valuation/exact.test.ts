import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, type Decimal } from '../money/decimal';
import { ExactSum, fixedText, scaledOf, scaledText, timesText, X, XZERO } from './exact';

// The reference: a plain working-precision sum (exact for these values).
const reference = (xs: Decimal[]) => xs.reduce((a, b) => a.plus(b), XZERO);

const digits = fc.stringMatching(/^[0-9]{1,20}$/);
const decimalText = fc
  .tuple(
    fc.boolean(),
    digits,
    fc.option(digits, { nil: undefined }),
    fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
  )
  .map(
    ([neg, int, frac, exp]) =>
      `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}${exp !== undefined ? `e${exp}` : ''}`,
  );
const value = fc.oneof(
  decimalText.map((t) => new X(t)),
  decimalText.map((t) => new Dec(t)),
  // values near the scaled-integer limit, so folding into the Decimal runs
  fc.maxSafeInteger().map((n) => new X(n)),
  fc
    .constantFrom('0.01', '-0.01', '9007199254740.991', '0.000000000000000000001', '1e15', '-0')
    .map((t) => new X(t)),
);

describe('ExactSum (allocation-free exact sum)', () => {
  it('equals the working-precision sum for any decimals, in any order (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (xs) => {
        const s = new ExactSum();
        for (const v of xs) s.add(v);
        expect(s.value().eq(reference(xs))).toBe(true);
        // and its text is the reference's (no stray exponent or rounding)
        expect(s.value().toFixed()).toBe(reference(xs).toFixed());
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('adds pennies exactly a million times: 1,000,000 × 0.01 = 10,000', () => {
    const s = new ExactSum();
    const penny = new X('0.01');
    for (let i = 0; i < 1_000_000; i++) s.add(penny);
    expect(s.value().toFixed()).toBe('10000');
  });

  it('folds into the Decimal when the scaled integer would pass 2^53 − 1', () => {
    const s = new ExactSum();
    s.add(new X('9007199254740991')); // 2^53 − 1
    s.add(new X('1'));
    s.add(new X('0.5')); // rescaling the held integer would overflow too
    expect(s.value().toFixed()).toBe('9007199254740992.5');
  });
});

describe('scaled integers (lines printed as text)', () => {
  it('writes m / 10^s as toFixed() does: no exponent, no trailing zeros, 0 for zero', () => {
    expect(scaledText(-1250n, 3)).toBe('-1.25');
    expect(scaledText(5n, 4)).toBe('0.0005');
    expect(scaledText(1200n, 2)).toBe('12');
    expect(scaledText(0n, 7)).toBe('0');
    expect(scaledText(12n, -2)).toBe('1200');
    expect(scaledOf('-12.50')).toEqual({ m: -1250n, s: 2 });
    expect(fixedText(new X('-0'))).toBe('0');
    expect(timesText(scaledOf('1.5'), scaledOf('0.2'))).toBe('0.3');
  });

  it('property: the product as text equals the exact Decimal product written by fixedText', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const product = new X(a).times(b);
        expect(timesText(scaledOf(fixedText(a)), scaledOf(fixedText(b)))).toBe(fixedText(product));
        expect(fixedText(new Dec(a))).toBe(new Dec(a).isZero() ? '0' : new Dec(a).toFixed());
      }),
      { numRuns: 500 },
    );
  });
});
