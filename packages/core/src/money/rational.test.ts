import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, dec } from './decimal';
import { Rational, sumRational } from './rational';

const big = fc.bigInt({ min: -(BigInt(10) ** BigInt(60)), max: BigInt(10) ** BigInt(60) });
const den = fc.bigInt({ min: BigInt(1), max: BigInt(10) ** BigInt(50) });
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^[0-9]{0,25}$/))
  .map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}`);

describe('Rational (exact fractions for scores)', () => {
  it('5/12 × 93 is exactly 38.75; 1/3 × 18 is exactly 6, where step-by-step decimals give 5.99…9', () => {
    expect(Rational.of(5).div(12).times(93).toDecimal().toString()).toBe('38.75');
    expect(Rational.of(1).div(3).times(18).toDecimal().toString()).toBe('6');
    expect(dec(1).dividedBy(3).times(18).toString()).toBe('5.999999999999999999999999999999999999999');
  });

  it('reads a decimal exactly, in lowest terms', () => {
    expect(Rational.of('2.50').toString()).toBe('5/2');
    expect(Rational.of('-0.125').toString()).toBe('-1/8');
    expect(Rational.of('1e-3').toString()).toBe('1/1000');
    expect(Rational.ratio(BigInt(6), BigInt(-4)).toString()).toBe('-3/2');
    expect(() => Rational.ratio(BigInt(1), BigInt(0))).toThrow(/zero denominator/);
    expect(() => Rational.of(1).div(0)).toThrow(/by zero/);
  });

  it('thirds add up to exactly 1 (decimals do not compare equal)', () => {
    const third = Rational.of(1).div(3);
    expect(sumRational([third, third, third]).eq(1)).toBe(true);
    const d3 = dec(1).dividedBy(3);
    expect(d3.plus(d3).plus(d3).eq(1)).toBe(false);
  });

  it('toDecimal rounds once, half-up to 40 significant digits: the same as one decimal.js division (property)', () => {
    fc.assert(
      fc.property(big, den, (n, d) => {
        const r = Rational.ratio(n, d);
        if (r.d === BigInt(1)) return;
        const once = new Dec(r.n.toString()).dividedBy(new Dec(r.d.toString()));
        expect(r.toDecimal().toString()).toBe(once.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('decimals round-trip exactly, and + − × ÷ agree with exact decimal arithmetic (property)', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = Rational.of(a);
        const y = Rational.of(b);
        expect(x.toDecimal().eq(dec(a))).toBe(true);
        // sums, differences and products of ≤ 50-digit decimals are exact at this precision
        const P = Dec.clone({ precision: 200 });
        expect(x.plus(y).eq(new P(a).plus(b).toFixed())).toBe(true);
        expect(x.minus(y).eq(new P(a).minus(b).toFixed())).toBe(true);
        expect(x.times(y).eq(new P(a).times(b).toFixed())).toBe(true);
        if (y.sign() !== 0) expect(x.div(y).times(y).eq(x)).toBe(true);
        expect(x.compare(y)).toBe(new P(a).comparedTo(b));
      }),
      { numRuns: 500 },
    );
  });
});
