import { describe, expect, it } from 'vitest';
import { FrameworkSchema } from '../framework/schema';
import { dec } from '../money/decimal';
import { roundMoney } from '../money/round';
import { createValuationAccumulator } from './accumulator';
import { valueEntries, valueEntriesAsync } from './engine';
import { constant35, deflator, mixedFramework, testFramework, testFrameworkInput } from './fixtures';
import type { EntryInput } from './schema';
import type { ValuationResult } from './types';

function value(entries: EntryInput[], options: Parameters<typeof valueEntries>[2]): ValuationResult {
  const r = valueEntries(testFramework, entries, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('counting rules (Torbay "TOMs dos and don\'ts", valuation.md §2)', () => {
  it('10 full-time + 5 half-time (0.5 FTE) for 2 years = 12.5 FTE × 2 = 25 FTE-years', () => {
    const fte = dec(10).plus(dec(5).times('0.5'));
    expect(fte.toString()).toBe('12.5');
    const r = value([{ measure: 'FTE', quantity: fte.toString(), year: 2025, duration: 2 }], {
      discounting: null,
    });
    const line = r.lines[0];
    expect(line?.countedUnits.toString()).toBe('25');
    expect(line?.countedYears).toBe(2);
    expect(line?.values.map((v) => v.year)).toEqual([2025, 2026]);
    // proxy £1 per FTE-year: gross = net = PV = 25
    expect(r.totals.gross.toString()).toBe('25');
    expect(r.totals.net.toString()).toBe('25');
    expect(r.totals.presentValue.toString()).toBe('25');
  });

  it('a firstYearOnly measure counts once, whatever the duration (with a warning)', () => {
    const r = value([{ measure: 'HIRE', quantity: '3', year: 2025, duration: 2, line: 9 }], {
      discounting: null,
    });
    const line = r.lines[0];
    expect(line?.countedYears).toBe(1);
    expect(line?.countedUnits.toString()).toBe('3');
    expect(line?.values).toHaveLength(1);
    expect(r.totals.gross.toString()).toBe('3000');
    expect(r.counts).toEqual({ read: 1, accepted: 1, rejected: 0 });
    expect(r.issues).toMatchObject([
      { code: 'first_year_only', severity: 'warning', line: 9, field: 'duration' },
    ]);
  });

  it('a local-only measure rejects an entry marked not local', () => {
    const r = value(
      [
        { measure: 'FTE', quantity: '1', year: 2025, local: false, line: 2 },
        { measure: 'FTE', quantity: '1', year: 2025, local: true, line: 3 },
      ],
      { discounting: null },
    );
    expect(r.counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(r.issues).toMatchObject([{ code: 'not_local', line: 2, field: 'local' }]);
  });
});

describe('SROI chain (hand-checked)', () => {
  // 100 people × £1,000 × (1 − 0.25) × (1 − 0.1) × (1 − 0.2) = £54,000 impact a year;
  // drop-off 10% over 3 years: 54,000, 48,600, 43,740 (the 100, 90, 81 pattern); net 146,340.
  // Green Book convention, base year 2025 = year 0, 3.5%:
  //   PV = 54,000 + 48,600/1.035 + 43,740/1.035² = 141,788.2797731569… (Python decimal, 50 digits)
  // SROI Value Map convention (year 1 discounted once):
  //   PV = 54,000/1.035 + 48,600/1.035² + 43,740/1.035³ = 136,993.5070272047…
  // Investment £50,000: ratio 2.8357655954…, net ratio 1.8357655954…, payback 50,000 ÷ (54,000 ÷ 12) = 11.11 months.
  const entry: EntryInput = {
    measure: 'PPL',
    quantity: '100',
    year: 2025,
    deadweight: '0.25',
    attribution: '0.2',
    dropOff: '0.1',
    line: 2,
  };

  it('impact, drop-off, gross, net, present value', () => {
    const r = value([entry], { discounting: constant35, investment: '50000' });
    const line = r.lines[0];
    if (!line) throw new Error('no line');
    expect(line.impact.toString()).toBe('54000');
    expect(line.values.map((v) => v.value.toString())).toEqual(['54000', '48600', '43740']);
    expect(line.gross.toString()).toBe('300000');
    expect(line.net.toString()).toBe('146340');
    expect(line.presentValue.toFixed(10)).toBe('141788.2797731569');
    expect(roundMoney(r.totals.presentValue)).toBe('141788.28');
    // adjustments: entry, measure default (displacement 0.1, duration 3), entry
    expect(line.adjustments.deadweight).toMatchObject({ from: 'entry' });
    expect(line.adjustments.displacement.value.toString()).toBe('0.1');
    expect(line.adjustments.displacement.from).toBe('measure');
    expect(line.adjustments.duration).toEqual({ value: 3, from: 'measure' });
    expect(line.trace.inputs.proxy?.source?.title).toContain('Hand-made');
    expect(line.trace.inputs['discount factor 2026 (t=1)']?.value.slice(0, 8)).toBe('0.966183');
    expect(line.trace.notes?.[0]).toContain("displacement 0.1 from the measure's default");
  });

  it('SROI ratio, net ratio and payback months', () => {
    const r = value([entry], { discounting: constant35, investment: '50000' });
    expect(r.sroi?.ratio.toFixed(10)).toBe('2.8357655955');
    expect(r.sroi?.netRatio.toFixed(10)).toBe('1.8357655955');
    expect(r.sroi?.paybackMonths?.toFixed(2)).toBe('11.11');
    expect(r.totals.impact.toString()).toBe('54000');
  });

  it('SROI Value Map convention discounts year 1 once: PV 136,993.51', () => {
    const r = value([entry], { discounting: constant35, firstPeriodDiscounted: true, investment: '50000' });
    expect(r.totals.presentValue.toFixed(10)).toBe('136993.5070272047');
    expect(r.sroi?.ratio.toFixed(4)).toBe('2.7399');
  });

  it('low and high present values use the proxy range (800/1,200), central where a proxy has none', () => {
    const r = value([entry, { measure: 'FTE', quantity: '1', year: 2025 }], { discounting: null });
    // PPL: net 146,340 at £1,000 → 117,072 at £800, 175,608 at £1,200; FTE adds 1 to each
    expect(r.totals.low.toString()).toBe('117073');
    expect(r.totals.high.toString()).toBe('175609');
    expect(r.totals.presentValue.toString()).toBe('146341');
    expect(r.lines[1]?.trace.notes).toContain(
      'the proxy has no low value: the low present value uses the central proxy',
    );
  });

  it('SV% = PV ÷ contract value × 100', () => {
    const r = value([entry], { discounting: null, contractValue: '585360' });
    expect(r.socialValuePercent?.toString()).toBe('25');
  });

  it('payback is left out, with a warning, when the annual impact is not positive', () => {
    const r = value([{ measure: 'FLOW', quantity: '-10', year: 2025 }], {
      discounting: null,
      investment: '100',
    });
    expect(r.sroi?.ratio.toString()).toBe('-0.1');
    expect(r.sroi?.paybackMonths).toBeUndefined();
    expect(r.issues.map((i) => i.code)).toEqual(['no_payback']);
  });
});

describe('price years', () => {
  it('£100 in 2022 prices → £110.50 in 2024 prices with the GDP deflator 90.5005 → 100 [D valuation.md §7]', () => {
    const r = valueEntries(mixedFramework, [{ measure: 'OLD', quantity: '1', year: 2024 }], {
      discounting: null,
      priceYear: 2024,
      indexSeries: deflator,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const line = r.value.lines[0];
    expect(roundMoney(line?.proxy ?? dec(0))).toBe('110.50');
    expect(roundMoney(r.value.totals.presentValue)).toBe('110.50');
    expect(line?.trace.inputs['rebasing factor']?.source?.publisher).toBe('HM Treasury');
    expect(line?.trace.notes?.some((n) => n.includes('rebased from 2022 to 2024'))).toBe(true);
  });

  it('proxies in several price years and no price year given → fails asking for one', () => {
    const r = valueEntries(mixedFramework, [{ measure: 'NEW', quantity: '1', year: 2024 }], {
      discounting: null,
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['price_year_required']);
    expect(r.issues[0]?.message).toContain('2022, 2024');
  });

  it('mixing price years without an index series → the entry is rejected, never added unrebased', () => {
    const r = valueEntries(
      mixedFramework,
      [
        { measure: 'OLD', quantity: '1', year: 2024, line: 2 },
        { measure: 'NEW', quantity: '1', year: 2024, line: 3 },
      ],
      { discounting: null, priceYear: 2024 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.issues).toMatchObject([{ code: 'no_index_series', line: 2, field: 'measure' }]);
    expect(r.value.totals.presentValue.toString()).toBe('100');
    expect(r.value.counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
  });

  it('an index series that misses a year → index_year_missing', () => {
    const r = valueEntries(mixedFramework, [{ measure: 'NEW', quantity: '1', year: 2024, line: 5 }], {
      baseYear: 2024,
      discounting: null,
      priceYear: 2021,
      indexSeries: deflator,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.issues[0]).toMatchObject({ code: 'index_year_missing', line: 5 });
    expect(r.value.counts.rejected).toBe(1);
  });
});

describe('money never passes through a binary float', () => {
  it('100,000 entries of £0.01 sum to exactly £1,000.00', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({
      measure: 'CO2',
      quantity: '0.1',
      year: 2025,
      line: i + 2,
    }));
    const r = value(entries, { discounting: null });
    expect(r.lines).toHaveLength(100_000);
    expect(r.lines[0]?.gross.toString()).toBe('0.01');
    expect(r.totals.gross.eq('1000')).toBe(true);
    expect(r.totals.presentValue.toFixed(2)).toBe('1000.00');
    // floats drift: 100,000 additions of 0.01 do not give 1000
    let f = 0;
    for (let i = 0; i < 100_000; i++) f += 0.01;
    expect(f).not.toBe(1000);
  });

  it('the same through a streaming accumulator with totals only', () => {
    const acc = createValuationAccumulator(testFramework, {
      baseYear: 2025,
      discounting: constant35,
      keepLines: false,
    });
    for (let i = 0; i < 100_000; i++) acc.add({ measure: 'CO2', quantity: '0.1', year: 2025 });
    const r = acc.result();
    expect(r.ok && r.value.totals.presentValue.toString()).toBe('1000');
    expect(r.ok && r.value.lines.length).toBe(0);
  });

  it('0.1 + 0.2 = 0.3 exactly (carbon £0.1 + gas £0.2), and 3 × £0.1 = £0.30', () => {
    const r = value(
      [
        { measure: 'CO2', quantity: '1', year: 2025 },
        { measure: 'GAS', quantity: '1', year: 2025 },
      ],
      { discounting: null },
    );
    expect(r.totals.gross.toString()).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
    const three = value([{ measure: 'CO2', quantity: 3, year: 2025 }], { discounting: null });
    expect(three.totals.net.toString()).toBe('0.3');
  });
});

describe('bad entries are answered with located issues', () => {
  const entries: unknown[] = [
    { measure: 'PPL', quantity: '1', year: 2025, line: 2 },
    { measure: 'NT99', quantity: '1', year: 2025, line: 3 },
    { measure: 'PPL', quantity: '1', year: 2023, line: 4 },
    { measure: 'PPL', quantity: '-5', year: 2025, line: 5 },
    { measure: 'PPL', quantity: 'ten', year: 2025, line: 6 },
    { measure: 'PPL', quantity: '1', year: 2025, deadweight: '1.5', line: 7 },
    { measure: 'REC', quantity: '40', year: 2025, line: 8 },
  ];

  it('unknown measure, before base year, negative quantity, not a number, not a fraction', () => {
    const r = valueEntries(testFramework, entries as EntryInput[], { baseYear: 2024, discounting: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.issues).toMatchObject([
      { code: 'unknown_measure', line: 3, field: 'measure', path: ['entries', 1, 'measure'] },
      { code: 'before_base_year', line: 4, field: 'year', path: ['entries', 2, 'year'] },
      { code: 'negative_quantity', line: 5, field: 'quantity', path: ['entries', 3, 'quantity'] },
      { line: 6, field: 'quantity', path: ['entries', 4, 'quantity'] },
      { line: 7, field: 'deadweight', path: ['entries', 5, 'deadweight'] },
    ]);
    const { read, accepted, rejected } = r.value.counts;
    expect({ read, accepted, rejected }).toEqual({ read: 7, accepted: 2, rejected: 5 });
    expect(read).toBe(accepted + rejected);
    expect(r.value.lines.map((l) => l.line)).toEqual([2, 8]);
  });

  it('record-only measures are counted in `recorded`, never in money totals', () => {
    const r = value(
      [
        { measure: 'REC', quantity: '40', year: 2025 },
        { measure: 'REC', quantity: '60', year: 2025, duration: 2 },
        { measure: 'FTE', quantity: '2', year: 2025 },
      ],
      { discounting: null },
    );
    expect(r.recorded).toMatchObject([{ measure: 'REC', unit: '%', entries: 2 }]);
    expect(r.recorded[0]?.quantity.toString()).toBe('100');
    expect(r.recorded[0]?.countedUnits.toString()).toBe('160');
    expect(r.lines.map((l) => l.recordOnly)).toEqual([true, true, false]);
    expect(r.totals.gross.toString()).toBe('2');
    expect(r.totals.byMeasure.REC).toBeUndefined();
  });

  it('the default base year is the earliest accepted year', () => {
    const r = value(
      [
        { measure: 'NT99', quantity: '1', year: 2020 },
        { measure: 'FTE', quantity: '1', year: 2027 },
        { measure: 'FTE', quantity: '1', year: 2026 },
      ],
      { discounting: constant35 },
    );
    expect(r.baseYear).toBe(2026);
    expect(r.lines.map((l) => l.values[0]?.offset)).toEqual([1, 0]);
  });

  it('nothing accepted and no base year → fails with every row issue and no_entries', () => {
    const r = valueEntries(testFramework, [{ measure: 'NT99', quantity: '1', year: 2025, line: 2 }], {
      discounting: null,
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['unknown_measure', 'no_entries']);
  });

  it('invalid options fail: no discounting given, bad investment, other currency, broken framework', () => {
    const bad = valueEntries(testFramework, [], { investment: '0', currency: 'EUR' } as never);
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.code).sort()).toEqual([
      'currency_mismatch',
      'discounting_required',
      'investment_not_positive',
    ]);
    const broken = FrameworkSchema.parse({
      ...testFrameworkInput,
      measures: [{ code: 'X', title: 'X', theme: 'nowhere', unit: 'u' }],
    });
    const r = valueEntries(broken, [], { discounting: null });
    expect(r.issues).toMatchObject([{ code: 'unknown_theme', path: ['framework', 'measures', 0, 'theme'] }]);
  });

  it('a parsed entry (decimals) is checked without zod and gives the same figures', () => {
    const r = value([{ measure: 'PPL', quantity: '2', year: 2025 }], { discounting: constant35 });
    const parsed = valueEntries(testFramework, [{ measure: 'PPL', quantity: dec(2), year: 2025 }], {
      discounting: constant35,
    });
    expect(parsed.ok && parsed.value.totals.presentValue.eq(r.totals.presentValue)).toBe(true);
    const wrong = valueEntries(
      testFramework,
      [{ measure: 'PPL', quantity: dec(2), year: 2025, dropOff: dec(2) }],
      {
        discounting: null,
      },
    );
    expect(wrong.ok).toBe(false);
    expect(wrong.issues[0]).toMatchObject({ code: 'invalid_entry', field: 'dropOff' });
  });
});

describe('totals and streaming', () => {
  const entries: EntryInput[] = [
    { measure: 'PPL', quantity: '10', year: 2025, dropOff: '0.3' },
    { measure: 'FTE', quantity: '4.5', year: 2026, duration: 4 },
    { measure: 'GAS', quantity: '1000', year: 2027 },
    { measure: 'REC', quantity: '1', year: 2025 },
  ];

  it('by theme, outcome and measure, keys sorted', () => {
    const r = value(entries, { discounting: constant35 });
    expect(Object.keys(r.totals.byTheme)).toEqual(['environment', 'jobs', 'social']);
    expect(Object.keys(r.totals.byOutcome)).toEqual(['local-employment', 'wellbeing']);
    expect(Object.keys(r.totals.byMeasure)).toEqual(['FTE', 'GAS', 'PPL']);
    expect(r.totals.byMeasure.GAS?.gross.toString()).toBe('200');
  });

  it('valueEntriesAsync gives the same result, with or without a base year; keepLines false keeps totals only', async () => {
    const r = value(entries, { discounting: constant35 });
    async function* stream() {
      for (const e of entries) yield e;
    }
    const a = await valueEntriesAsync(testFramework, stream(), { discounting: constant35 });
    const b = await valueEntriesAsync(testFramework, stream(), { discounting: constant35, baseYear: 2025 });
    const c = await valueEntriesAsync(testFramework, stream(), {
      discounting: constant35,
      baseYear: 2025,
      keepLines: false,
    });
    for (const x of [a, b, c]) {
      expect(x.ok).toBe(true);
      if (!x.ok) continue;
      expect(x.value.totals.presentValue.eq(r.totals.presentValue)).toBe(true);
      expect(x.value.totals.low.eq(r.totals.low)).toBe(true);
      expect(x.value.recorded).toEqual(r.recorded);
    }
    expect(c.ok && c.value.lines).toEqual([]);
  });

  it('a streaming accumulator without a base year fails with base_year_required', () => {
    const acc = createValuationAccumulator(testFramework, { discounting: null } as never);
    const r = acc.result();
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['base_year_required']);
  });

  it('accumulators with different options cannot be merged', () => {
    const a = createValuationAccumulator(testFramework, { baseYear: 2025, discounting: null });
    const b = createValuationAccumulator(testFramework, { baseYear: 2026, discounting: null });
    expect(() => a.merge(b)).toThrow(/same framework with the same options/);
  });
});
