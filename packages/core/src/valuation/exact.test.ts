import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, type Decimal } from '../money/decimal';
import { ExactSum, X, XZERO } from './exact';

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
