import { describe, expect, it } from 'vitest';
import { dec, sum } from '../money/decimal';
import { discountFactor, rateInYear } from './discounting';
import { valueEntries } from './engine';
import { constant35, testFramework } from './fixtures';
import { DiscountScheduleSchema } from './schema';

describe('discountFactor', () => {
  it('constant 3.5%: DF(1) = 0.966184, DF(5) = 0.841973, DF(10) = 0.708919, DF(30) = 0.356278 [D valuation.md §7]', () => {
    expect(discountFactor(constant35, 0).toString()).toBe('1');
    expect(discountFactor(constant35, 1).toFixed(6)).toBe('0.966184');
    expect(discountFactor(constant35, 5).toFixed(6)).toBe('0.841973');
    expect(discountFactor(constant35, 10).toFixed(6)).toBe('0.708919');
    expect(discountFactor(constant35, 30).toFixed(6)).toBe('0.356278');
  });

  it('compounds year by year: a 3.0% band from year 31 gives DF(31) = DF(30)/1.03 = 0.345901 [D §7]', () => {
    const kinked = DiscountScheduleSchema.parse({
      id: 'kinked',
      name: '3.5% then 3.0%',
      bands: [
        { fromYear: 1, rate: '0.035' },
        { fromYear: 31, rate: '0.03' },
      ],
    });
    expect(rateInYear(kinked, 31).toString()).toBe('0.03');
    expect(discountFactor(kinked, 31).toFixed(6)).toBe('0.345901');
    expect(discountFactor(kinked, 31).eq(discountFactor(kinked, 30).dividedBy('1.03'))).toBe(true);
    // not 1/1.03^31
    expect(discountFactor(kinked, 31).toFixed(6)).not.toBe(dec(1).dividedBy(dec('1.03').pow(31)).toFixed(6));
  });

  it('no discounting: every factor is 1', () => {
    expect(discountFactor(null, 0).toString()).toBe('1');
    expect(discountFactor(null, 40).toString()).toBe('1');
  });

  it('NPV of −100, 30 × 5 at years 0–5 at a constant 3.5% = 35.451571 [D valuation.md §7]', () => {
    const flows = ['-100', '30', '30', '30', '30', '30'];
    const npv = sum(flows.map((f, t) => dec(f).times(discountFactor(constant35, t))));
    expect(npv.toFixed(6)).toBe('35.451571');
  });

  it('the same NPV through the engine: FLOW −100 in 2024, 30 a year for 5 years from 2025', () => {
    const r = valueEntries(
      testFramework,
      [
        { measure: 'FLOW', quantity: '-100', year: 2024 },
        { measure: 'FLOW', quantity: '30', year: 2025, duration: 5 },
      ],
      { baseYear: 2024, discounting: constant35 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.totals.presentValue.toFixed(6)).toBe('35.451571');
    expect(r.value.totals.net.toString()).toBe('50');
  });

  it('first year: 100 is 100 under the Green Book convention and 96.62 under the SROI Value Map convention at 3.5% [D §7]', () => {
    const entries = [{ measure: 'FLOW', quantity: '100', year: 2025 }];
    const greenBook = valueEntries(testFramework, entries, { discounting: constant35 });
    const valueMap = valueEntries(testFramework, entries, {
      discounting: constant35,
      firstPeriodDiscounted: true,
    });
    expect(greenBook.ok && valueMap.ok).toBe(true);
    if (!greenBook.ok || !valueMap.ok) return;
    expect(greenBook.value.totals.presentValue.toFixed(2)).toBe('100.00');
    expect(valueMap.value.totals.presentValue.toFixed(2)).toBe('96.62');
    const line = valueMap.value.lines[0];
    expect(line?.values[0]?.offset).toBe(0);
    expect(line?.values[0]?.discountFactor.toFixed(6)).toBe('0.966184');
    expect(line?.trace.notes?.some((n) => n.includes('SROI Value Map convention'))).toBe(true);
    expect(greenBook.value.lines[0]?.trace.notes?.some((n) => n.includes('Green Book convention'))).toBe(
      true,
    );
  });
});
