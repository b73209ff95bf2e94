import { dec, rebase, roundMoney } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { hmtGdpDeflator } from '../deflators/deflators';
import { ValueRangeSchema, wellbyProxy, wellbyValue } from './wellby';

describe('WELLBY value (HM Treasury, Wellbeing Guidance for Appraisal, July 2021)', () => {
  it('is £13,000 central, £10,000 low, £16,000 high, in 2019 prices (valuation.md §8 [V])', () => {
    expect(wellbyValue.central.toString()).toBe('13000');
    expect(wellbyValue.low.toString()).toBe('10000');
    expect(wellbyValue.high.toString()).toBe('16000');
    expect(wellbyValue.priceYear).toBe(2019);
    expect(wellbyValue.currency).toBe('GBP');
    expect(wellbyValue.source).toMatchObject({
      publisher: 'HM Treasury',
      edition: 'July 2021',
      licence: 'OGL-UK-3.0',
      priceYear: 2019,
    });
  });

  it('reproduces the published example: 0.2 × £13,000 = £2,600 per person per year (valuation.md §8 [V])', () => {
    const perPersonPerYear = dec('0.2').times(wellbyValue.central);
    expect(roundMoney(perPersonPerYear)).toBe('2600.00');
    // …for two years, undiscounted: £5,200 per person
    expect(roundMoney(perPersonPerYear.times(2))).toBe('5200.00');
  });

  it('rebases to 2024 prices with the bundled GDP deflator (13,000 × 100 ÷ 81.1085 [D])', () => {
    const r = rebase(wellbyValue.central, wellbyValue.priceYear, 2024, hmtGdpDeflator);
    expect(r.ok && roundMoney(r.value)).toBe('16027.91');
    expect(wellbyProxy.indexSeries).toBe(hmtGdpDeflator.id);
  });

  it('is also a framework proxy with the same range', () => {
    expect(wellbyProxy.value.toString()).toBe('13000');
    expect(wellbyProxy.low?.toString()).toBe('10000');
    expect(wellbyProxy.high?.toString()).toBe('16000');
    expect(wellbyProxy.priceYear).toBe(2019);
    expect(wellbyProxy.source.licence).toBe('OGL-UK-3.0');
  });

  it('rejects a range whose low exceeds its central value', () => {
    const r = ValueRangeSchema.safeParse({ ...JSON.parse(JSON.stringify(wellbyValue)), low: '14000' });
    expect(r.success).toBe(false);
  });
});
