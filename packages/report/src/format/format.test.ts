import { CommonwealError } from '@commonweal/core/issues';
import { dec, SCORE_ROUNDING } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtMoney, fmtNumber, fmtPercent, fmtScore, scoreRounding } from './format';

describe('fmtMoney (core formatMoney, money-half-up-2dp)', () => {
  it('groups thousands and rounds half-up to pennies', () => {
    expect(fmtMoney('1234.565', 'GBP')).toBe('£1,234.57');
    expect(fmtMoney(dec('1234567.5'))).toBe('£1,234,567.50');
    expect(fmtMoney('0.005')).toBe('£0.01');
  });
  it('prints negatives with a leading minus and never a negative zero', () => {
    expect(fmtMoney('-20', 'GBP')).toBe('-£20.00');
    expect(fmtMoney('-0.004')).toBe('£0.00');
  });
  it('writes a currency without a symbol as a code after the amount', () => {
    expect(fmtMoney('5', 'CHF')).toBe('5.00 CHF');
    expect(fmtMoney('5', 'EUR')).toBe('€5.00');
  });
});

describe('fmtScore (score-half-up policy)', () => {
  it('rounds half-up on the decimal, not the binary float', () => {
    // (2.675).toFixed(2) is '2.67' in JavaScript because 2.675 is stored as 2.67499999…
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(fmtScore('2.675')).toBe('2.68');
    expect(fmtScore('71.125')).toBe('71.13');
    expect(fmtScore('71.125', 1)).toBe('71.1');
    expect(fmtScore('71.15', 1)).toBe('71.2');
    expect(fmtScore('-0.001')).toBe('0.00');
  });
  it('names its policy', () => {
    expect(scoreRounding(2)).toBe(SCORE_ROUNDING);
    expect(scoreRounding(1).name).toBe('score-half-up-1dp');
    expect(scoreRounding(0).places).toBe(0);
  });
  it('rejects impossible decimal places', () => {
    expect(() => fmtScore('1', -1)).toThrow(CommonwealError);
    expect(() => fmtScore('1', 1.5)).toThrow(CommonwealError);
  });
});

describe('fmtPercent', () => {
  it('formats fractions as percentages, 2 places by default like core formatPercent', () => {
    expect(fmtPercent('0.2468')).toBe('24.68%');
    expect(fmtPercent('0.2468', 1)).toBe('24.7%');
    expect(fmtPercent('12.5', 0)).toBe('1,250%');
    expect(fmtPercent('-0.00001')).toBe('0.00%');
    expect(fmtPercent('-0.125', 0)).toBe('-13%');
  });
});

describe('fmtNumber', () => {
  it('groups thousands and keeps every digit without places', () => {
    expect(fmtNumber('1234567.891')).toBe('1,234,567.891');
    expect(fmtNumber('999')).toBe('999');
    expect(fmtNumber('-1000')).toBe('-1,000');
    expect(fmtNumber('1e21')).toBe('1,000,000,000,000,000,000,000');
  });
  it('rounds half-up (away from zero) with places and never prints -0', () => {
    expect(fmtNumber('1234567.891', 1)).toBe('1,234,567.9');
    expect(fmtNumber('-1234.5', 0)).toBe('-1,235');
    expect(fmtNumber(-0.004, 2)).toBe('0.00');
    expect(fmtNumber('0', 2)).toBe('0.00');
  });
  it('property: removing the separators gives back the decimal, in groups of three', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.nat({ max: 9999 }),
        (whole, frac) => {
          const text = `${whole}.${String(frac).padStart(4, '0')}`;
          const out = fmtNumber(text);
          expect(out.replace(/,/g, '')).toBe(dec(text).toFixed());
          expect(out).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
