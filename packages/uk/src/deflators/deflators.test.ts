import { dec, rebase, roundMoney } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { hmtGdpDeflator } from './deflators';

describe('HM Treasury GDP deflator (December 2025 QNA, 2024 = 100)', () => {
  it('holds the 2015–2024 values of valuation.md §7 (as bundled in the greenbook R package)', () => {
    expect(
      Object.fromEntries(Object.entries(hmtGdpDeflator.values).map(([y, v]) => [y, v.toString()])),
    ).toEqual({
      '2015': '75.1536',
      '2016': '76.4554',
      '2017': '77.6367',
      '2018': '79.1606',
      '2019': '81.1085',
      '2020': '85.2137',
      '2021': '85.6358',
      '2022': '90.5005',
      '2023': '96.2507',
      '2024': '100',
    });
    expect(hmtGdpDeflator.baseYear).toBe(2024);
  });

  it('rises every year from 2015 to 2024 (a guard against transposed digits)', () => {
    const years = Object.keys(hmtGdpDeflator.values).sort();
    for (let i = 1; i < years.length; i++) {
      const a = hmtGdpDeflator.values[years[i - 1]!]!;
      const b = hmtGdpDeflator.values[years[i]!]!;
      expect(b.gt(a), `${years[i]} > ${years[i - 1]}`).toBe(true);
    }
  });

  it('£100 in 2022 prices is £110.50 in 2024 prices (100 × 100 ÷ 90.5005, valuation.md §7 [D])', () => {
    const r = rebase('100', 2022, 2024, hmtGdpDeflator);
    expect(r.ok).toBe(true);
    if (r.ok) expect(roundMoney(r.value)).toBe('110.50');
  });

  it('£13,000 (WELLBY, 2019 prices) is £15,426.98 in 2023 prices (≈ £15,427, valuation.md §8 [D])', () => {
    const r = rebase('13000', 2019, 2023, hmtGdpDeflator);
    expect(r.ok && roundMoney(r.value)).toBe('15426.98');
  });

  it('rebasing there and back returns the value (to 30 significant digits)', () => {
    const there = rebase('250', 2016, 2023, hmtGdpDeflator);
    if (!there.ok) throw new Error('2016→2023 should rebase');
    const back = rebase(there.value, 2023, 2016, hmtGdpDeflator);
    expect(back.ok && back.value.toSignificantDigits(30).eq(dec('250'))).toBe(true);
  });

  it('answers a year the series does not cover with an issue, never a guess', () => {
    const r = rebase('100', 2014, 2024, hmtGdpDeflator);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('index_year_missing');
  });

  it('carries provenance with the vintage, the cross-check and the 2020 caution', () => {
    const s = hmtGdpDeflator.source;
    expect(s.publisher).toBe('HM Treasury');
    expect(s.licence).toBe('OGL-UK-3.0');
    expect(s.edition).toContain('December 2025');
    expect(s.notes).toContain('greenbook R package');
    expect(s.notes).toContain('2020');
  });
});
