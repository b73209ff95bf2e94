import { Decimal as DecimalJs } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommonwealError } from '../issues/issues';
import { Dec, dec, sum } from './decimal';
import { IndexSeriesSchema, rebase } from './index-series';
import { parseDecimal } from './parse';
import { formatMoney, formatPercent, MONEY_ROUNDING, round, roundMoney } from './round';
import { DecimalInputSchema, FractionSchema } from './schema';

describe('dec', () => {
  it('reads strings and numbers without float arithmetic', () => {
    expect(dec('0.1').plus(dec('0.2')).toString()).toBe('0.3');
    expect(dec(0.1).plus(dec(0.2)).toString()).toBe('0.3');
    expect(dec('12769.68').times(2).toString()).toBe('25539.36');
  });
  it('throws CommonwealError for programmer errors', () => {
    expect(() => dec('abc')).toThrow(CommonwealError);
    expect(() => dec(Number.NaN)).toThrow(CommonwealError);
    expect(() => dec(Number.POSITIVE_INFINITY)).toThrow(/not finite/);
  });
  it('is isolated from the global decimal.js configuration', () => {
    const before = DecimalJs.precision;
    DecimalJs.set({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
    try {
      expect(dec('1').dividedBy(3).toString()).toBe('0.3333333333333333333333333333333333333333');
      expect(round('2.345', MONEY_ROUNDING)).toBe('2.35');
    } finally {
      DecimalJs.set({ precision: before, rounding: DecimalJs.ROUND_HALF_UP });
    }
  });
  it('sums 100,000 pennies to exactly £1,000.00', () => {
    const pennies = Array.from({ length: 100_000 }, () => '0.01');
    expect(sum(pennies).toString()).toBe('1000');
    let float = 0;
    for (let i = 0; i < 100_000; i++) float += 0.01;
    expect(float).not.toBe(1000); // the reason money is decimal
  });
});

describe('parseDecimal', () => {
  it.each([
    ['1234.5', '1234.5', false],
    ['£1,234.50', '1234.5', false],
    ['-£20', '-20', false],
    ['£-20', '-20', false],
    ['(20.00)', '-20', false],
    ['20%', '0.2', true],
    ['12.5 %', '0.125', true],
    [' 1e3 ', '1000', false],
    ['73423.70999999999', '73423.70999999999', false],
    ['.5', '0.5', false],
  ])('%s → %s', (text, value, percent) => {
    const r = parseDecimal(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.toString()).toBe(value);
      expect(r.percent).toBe(percent);
    }
  });
  it.each([
    ['', 'empty'],
    ['ten', 'not a number'],
    ['NaN', 'finite'],
    ['Infinity', 'finite'],
    ['1,23,4', 'thousands'],
    ['1.2.3', 'not a number'],
    ['abc%', 'not a number'],
  ])('rejects %j with a reason', (text, reason) => {
    const r = parseDecimal(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseDecimal(s);
        if (r.ok) expect(r.value.isFinite()).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
  it('round-trips any decimal string it prints', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
        const text = `${a}.${String(b).padStart(2, '0')}`;
        const r = parseDecimal(text);
        expect(r.ok && r.value.eq(new Dec(text))).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('rounding at presentation', () => {
  it('rounds money half-up to pennies', () => {
    expect(roundMoney('2.345')).toBe('2.35');
    expect(roundMoney('2.344999')).toBe('2.34');
    expect(roundMoney('-2.345')).toBe('-2.35');
    expect(roundMoney('-0.001')).toBe('0.00');
    expect(roundMoney('110.4966')).toBe('110.50');
  });
  it('formats money and percentages for people', () => {
    expect(formatMoney('1234.5')).toBe('£1,234.50');
    expect(formatMoney('-20', 'GBP')).toBe('-£20.00');
    expect(formatMoney('1234567.891', 'EUR')).toBe('€1,234,567.89');
    expect(formatMoney('5', 'NOK')).toBe('5.00 NOK');
    expect(formatPercent('0.2468')).toBe('24.68%');
  });
});

describe('rebase', () => {
  const series = IndexSeriesSchema.parse({
    id: 'test-deflator',
    name: 'GDP deflator (test copy)',
    baseYear: 2024,
    values: { '2022': '90.5005', '2024': '100' },
    source: { title: 'GDP deflators at market prices', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
  });
  it('rebases £100 in 2022 prices to £110.50 in 2024 prices (valuation.md §7)', () => {
    const r = rebase('100', 2022, 2024, series);
    expect(r.ok).toBe(true);
    if (r.ok) expect(roundMoney(r.value)).toBe('110.50');
  });
  it('answers an uncovered year with an issue', () => {
    const r = rebase('100', 2019, 2024, series);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('index_year_missing');
  });
});

describe('schemas at the edge', () => {
  it('accepts decimal strings and finite numbers', () => {
    expect(DecimalInputSchema.parse('1234.50').toString()).toBe('1234.5');
    expect(DecimalInputSchema.parse(12).toString()).toBe('12');
    expect(DecimalInputSchema.safeParse('£12').success).toBe(false);
    expect(DecimalInputSchema.safeParse(Number.NaN).success).toBe(false);
  });
  it('keeps fractions within 0–1', () => {
    expect(FractionSchema.parse('0.25').toString()).toBe('0.25');
    expect(FractionSchema.safeParse('1.5').success).toBe(false);
    expect(FractionSchema.safeParse(-0.1).success).toBe(false);
  });
});
