import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Framework, type FrameworkInput, FrameworkSchema } from '../framework/schema';
import { dec } from '../money/decimal';
import { createValuationAccumulator } from './accumulator';
import { valueEntries } from './engine';
import { TEST_SOURCE } from './fixtures';
import { toValuationJson, ValuationJsonSchema } from './json';
import { type DiscountSchedule, DiscountScheduleSchema, type EntryInput } from './schema';
import { sroiSummary } from './sroi';
import type { SwitchingValue, ValuationOptions, ValuationResult } from './types';

const proxy = (value: string, extra: Record<string, string> = {}, currency = 'GBP') => ({
  value,
  currency,
  priceYear: 2024,
  basis: 'per unit',
  source: TEST_SOURCE,
  ...extra,
});

// Hand-made measures (not published values) for checking arithmetic.
const fw: Framework = FrameworkSchema.parse({
  id: 'sroi-test',
  title: 'SROI test framework',
  currency: 'GBP',
  themes: [{ id: 'social', title: 'Social' }],
  measures: [
    { code: 'A', title: 'Outcome A', theme: 'social', unit: 'people', proxy: proxy('100') },
    { code: 'B', title: 'Outcome B', theme: 'social', unit: 'people', proxy: proxy('100') },
    { code: 'R', title: 'Record only', theme: 'social', unit: '%' },
  ],
} satisfies FrameworkInput);

const constant35: DiscountSchedule = DiscountScheduleSchema.parse({
  id: 'constant-3.5',
  name: '3.5% constant (the Green Book standard rate for years 0–30)',
  bands: [{ fromYear: 1, rate: '0.035' }],
});

function valued(framework: Framework, entries: EntryInput[], options: ValuationOptions): ValuationResult {
  const r = valueEntries(framework, entries, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function summary(result: ValuationResult, investment: string) {
  const s = sroiSummary(result, investment);
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  return s.value;
}

const find = (list: SwitchingValue[], adjustment: SwitchingValue['adjustment'], scope = 'all') =>
  list.find((s) => s.adjustment === adjustment && s.scope === scope);

describe('NPV and the ratio: published and derived checks', () => {
  it('NPV check of valuation.md §7 [D]: −100 then 30 a year for years 1–5 at 3.5% → 35.451571', () => {
    // year 0 = 2025 (the investment, undiscounted); 30 a year from 2026 for 5 years
    const r = valued(fw, [{ measure: 'A', quantity: '0.3', year: 2026, duration: 5 }], {
      baseYear: 2025,
      discounting: constant35,
    });
    const s = summary(r, '100');
    expect(s.npv.value.toFixed(6)).toBe('35.451571');
    expect(s.npv.trace.formula).toContain('NPV = present value − investment');
    expect(s.npv.trace.inputs.investment?.value).toBe('100');
  });

  it('published ratio [S]: total present value €803,184 on €50,000 → 16.06, "€16 per €1"', () => {
    const eur = FrameworkSchema.parse({
      id: 'eur',
      title: 'EUR test',
      currency: 'EUR',
      themes: [{ id: 'social', title: 'Social' }],
      measures: [
        {
          code: 'TPV',
          title: 'Total present value',
          theme: 'social',
          unit: 'EUR',
          proxy: proxy('1', {}, 'EUR'),
        },
      ],
    });
    const r = valued(eur, [{ measure: 'TPV', quantity: '803184', year: 2024 }], {
      discounting: null,
      investment: '50000',
    });
    expect(r.sroi?.ratio.toFixed(2)).toBe('16.06');
    expect(r.sroi?.ratio.toFixed(0)).toBe('16');
    expect(r.sroi?.npv?.toString()).toBe('753184');
    expect(r.sroi?.netRatio.toFixed(2)).toBe('15.06');
  });

  it('low / central / high from the proxy range: WELLBY £13,000 (£10,000–£16,000) [V], +0.2 for 2 years', () => {
    const wb = FrameworkSchema.parse({
      id: 'wb',
      title: 'WELLBY',
      currency: 'GBP',
      themes: [{ id: 'wellbeing', title: 'Wellbeing' }],
      measures: [
        {
          code: 'WB',
          title: 'Life satisfaction point-years',
          theme: 'wellbeing',
          unit: 'WELLBY',
          proxy: { ...proxy('13000', { low: '10000', high: '16000' }), priceYear: 2019 },
        },
      ],
    });
    // Jacobs' example [V]: 0.2 × £13,000 = £2,600 a person a year, for two years (undiscounted here)
    const r = valued(wb, [{ measure: 'WB', quantity: '0.2', year: 2024, duration: 2 }], {
      discounting: null,
    });
    const s = summary(r, '2000');
    expect([s.presentValue.low, s.presentValue.central, s.presentValue.high].map(String)).toEqual([
      '4000',
      '5200',
      '6400',
    ]);
    expect([s.ratio.low.value, s.ratio.central.value, s.ratio.high.value].map(String)).toEqual([
      '2',
      '2.6',
      '3.2',
    ]);
    expect(s.ratio.low.trace.notes?.[0]).toContain('ranges for proxies only');
    expect(s.paybackMonths?.value.toFixed(4)).toBe('9.2308'); // 2000 ÷ (2600 ÷ 12): one year's impact
  });
});

describe('switching values (hand-checked)', () => {
  // A: 10 × £100 × (1 − 0.2 deadweight) = £800; B: 2 × £100 = £200; PV £1,000 on £400
  const r = valued(
    fw,
    [
      { measure: 'A', quantity: '10', year: 2025, deadweight: '0.2' },
      { measure: 'B', quantity: '2', year: 2025 },
      { measure: 'R', quantity: '40', year: 2025 },
    ],
    { discounting: null },
  );
  const s = summary(r, '400');

  it('all measures: deadweight taken at one level would have to reach 2/3 (now the equivalent of 1/6)', () => {
    const dw = find(s.switchingValues, 'deadweight');
    // before deadweight: 800 ÷ 0.8 + 200 = 1,200; level = 1 − 400 ÷ 1,200; current = 1 − 1,000 ÷ 1,200
    expect(dw?.status).toBe('switches');
    expect(dw?.switching?.toFixed(10)).toBe('0.6666666667');
    expect(dw?.current?.toFixed(10)).toBe('0.1666666667');
    expect(dw?.margin?.toFixed(1)).toBe('0.5');
    expect(dw?.trace.inputs['present value before deadweight']?.value).toBe('1200');
  });

  it("measure A alone: its deadweight can rise from 0.2 to 0.8 (B's £200 still counts)", () => {
    const dw = find(s.switchingValues, 'deadweight', 'A');
    expect([dw?.current?.toString(), dw?.switching?.toString(), dw?.margin?.toString()]).toEqual([
      '0.2',
      '0.8',
      '0.6',
    ]);
    // check by valuing again at the switching value: the ratio is exactly 1
    const again = valued(
      fw,
      [
        { measure: 'A', quantity: '10', year: 2025, deadweight: '0.8' },
        { measure: 'B', quantity: '2', year: 2025 },
      ],
      { discounting: null, investment: '400' },
    );
    expect(again.sroi?.ratio.toString()).toBe('1');
  });

  it('attribution and displacement (none given): A can take 0.75 of either; proxies can fall by 60%', () => {
    const at = find(s.switchingValues, 'attribution', 'A');
    expect([at?.current?.toString(), at?.switching?.toString()]).toEqual(['0', '0.75']);
    expect(find(s.switchingValues, 'displacement', 'A')?.switching?.toString()).toBe('0.75');
    const p = find(s.switchingValues, 'proxy');
    expect([p?.current?.toString(), p?.switching?.toString(), p?.margin?.toString()]).toEqual([
      '1',
      '0.4',
      '0.6',
    ]);
  });

  it('measure B alone cannot bring the ratio to 1 : 1 (A alone is worth £800): stays above', () => {
    expect(find(s.switchingValues, 'deadweight', 'B')?.status).toBe('stays-above');
    expect(find(s.switchingValues, 'proxy', 'B')?.status).toBe('stays-above');
    expect(find(s.switchingValues, 'deadweight', 'B')?.trace.notes).toEqual([
      'the ratio stays at or above 1 : 1 over the whole range',
    ]);
  });

  it('drop-off has no effect on one-year outcomes; record-only measures never appear', () => {
    expect(find(s.switchingValues, 'dropOff')?.status).toBe('no-effect');
    expect(s.switchingValues.some((v) => v.scope === 'R')).toBe(false);
    expect(new Set(s.switchingValues.map((v) => v.scope))).toEqual(new Set(['all', 'A', 'B']));
  });

  it('below 1 : 1 already, deadweight must fall: the switching value is below the current level', () => {
    const low = summary(r, '1100');
    const dw = find(low.switchingValues, 'deadweight', 'A');
    // 1 − (1,100 − 200) ÷ 1,000 = 0.1 < 0.2
    expect([dw?.status, dw?.switching?.toString(), dw?.margin?.toString()]).toEqual([
      'switches',
      '0.1',
      '-0.1',
    ]);
    expect(find(summary(r, '5000').switchingValues, 'deadweight')?.status).toBe('stays-below');
  });

  it('drop-off: £100 a year for 3 years (PV £300) on £219 switches at 30% drop-off (1 + 0.7 + 0.49 = 2.19)', () => {
    const three = valued(fw, [{ measure: 'A', quantity: '1', year: 2025, duration: 3 }], {
      discounting: null,
    });
    const d = find(summary(three, '219').switchingValues, 'dropOff');
    expect([d?.status, d?.current?.toString(), d?.switching?.toString()]).toEqual(['switches', '0', '0.3']);
    // at 100% drop-off only the first year's £100 is left: above £90, so the ratio never falls below 1
    expect(find(summary(three, '90').switchingValues, 'dropOff')?.status).toBe('stays-above');
  });

  it('the current drop-off is recovered from the sums when the lines share one (10%)', () => {
    const ten = valued(fw, [{ measure: 'A', quantity: '1', year: 2025, duration: 3, dropOff: '0.1' }], {
      discounting: constant35,
    });
    expect(find(summary(ten, '100').switchingValues, 'dropOff')?.current?.toString()).toBe('0.1');
  });

  it('bad investments are answered, not thrown', () => {
    expect(sroiSummary(r, '0').issues.map((i) => i.code)).toEqual(['investment_not_positive']);
    expect(sroiSummary(r, 'lots').issues.map((i) => i.code)).toEqual(['invalid_investment']);
  });

  it('a result without its SROI basis still gives the proxy switching values, with a warning', () => {
    const { sroiBasis: _, ...bare } = r;
    const b = sroiSummary(bare, '400');
    expect(b.ok).toBe(true);
    expect(b.issues.map((i) => [i.code, i.severity])).toEqual([['no_sroi_basis', 'warning']]);
    if (b.ok) {
      expect(b.value.switchingValues.map((v) => v.adjustment)).toEqual(['proxy', 'proxy', 'proxy']);
      expect(find(b.value.switchingValues, 'proxy')?.switching?.toString()).toBe('0.4');
    }
  });

  it('with an investment the engine puts them in the result and its JSON (schema-valid, byte-stable)', () => {
    const withInv = valued(
      fw,
      [
        { measure: 'A', quantity: '10', year: 2025, deadweight: '0.2' },
        { measure: 'B', quantity: '2', year: 2025 },
      ],
      { discounting: null, investment: '400' },
    );
    expect(withInv.sroi?.npv?.toString()).toBe('600');
    expect(withInv.sroi?.switchingValues?.length).toBe(15);
    const json = toValuationJson(withInv, { sha256: '0'.repeat(64) });
    expect(ValuationJsonSchema.safeParse(json).success).toBe(true);
    expect(json.sroi?.switchingValues?.[0]).toMatchObject({
      adjustment: 'deadweight',
      scope: 'all',
      status: 'switches',
      current: '0.1666666666666666666666666666666666666667',
    });
    expect(json.sroi?.traces?.npv.result).toBe('600');
    expect(JSON.stringify(toValuationJson(withInv, { sha256: '0'.repeat(64) }))).toBe(JSON.stringify(json));
  });
});

describe('switching values (properties)', () => {
  const entry = fc.record({
    measure: fc.constantFrom('A', 'B'),
    quantity: fc.integer({ min: 1, max: 1000 }).map(String),
    year: fc.integer({ min: 2025, max: 2028 }),
    duration: fc.integer({ min: 1, max: 4 }),
    deadweight: fc.integer({ min: 0, max: 90 }).map((n) => dec(n).dividedBy(100).toString()),
    dropOff: fc.integer({ min: 0, max: 50 }).map((n) => dec(n).dividedBy(100).toString()),
  });

  it('valuing again with the deadweight at its switching value gives a ratio of exactly 1', () => {
    fc.assert(
      fc.property(entry, fc.integer({ min: 1, max: 99 }), (e, pct) => {
        const base = valued(fw, [e], { baseYear: 2025, discounting: constant35 });
        const inv = base.totals.presentValue.times(pct).dividedBy(100).toDecimalPlaces(2);
        if (!inv.gt(0)) return true;
        const dw = find(summary(base, inv.toString()).switchingValues, 'deadweight');
        if (dw?.status !== 'switches' || !dw.switching) return false;
        const again = valued(fw, [{ ...e, deadweight: dw.switching.toString() }], {
          baseYear: 2025,
          discounting: constant35,
          investment: inv.toString(),
        });
        return again.sroi?.ratio.minus(1).abs().lt('1e-30') === true;
      }),
      { numRuns: 100 },
    );
  });

  it('valuing again at the drop-off switching value gives a ratio of 1 to 10 decimal places', () => {
    fc.assert(
      fc.property(entry, fc.integer({ min: 1, max: 99 }), (e, pct) => {
        const base = valued(fw, [{ ...e, duration: Math.max(2, e.duration) }], {
          baseYear: 2025,
          discounting: constant35,
        });
        const inv = base.totals.presentValue.times(pct).dividedBy(100).toDecimalPlaces(2);
        const d = find(summary(base, inv.toString()).switchingValues, 'dropOff');
        if (d?.status !== 'switches' || !d.switching) return d?.status === 'stays-above';
        const again = valued(
          fw,
          [{ ...e, duration: Math.max(2, e.duration), dropOff: d.switching.toString() }],
          {
            baseYear: 2025,
            discounting: constant35,
            investment: inv.toString(),
          },
        );
        return again.sroi?.ratio.minus(1).abs().lt('1e-10') === true;
      }),
      { numRuns: 100 },
    );
  });

  it('a totals-only stream split across accumulators and merged gives the same switching values as one pass', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), fc.nat(), (entries, cut) => {
        const options = { baseYear: 2025, discounting: constant35, investment: '500' };
        const one = valued(fw, entries, options);
        const k = cut % (entries.length + 1);
        const a = createValuationAccumulator(fw, { ...options, keepLines: false });
        const b = createValuationAccumulator(fw, { ...options, keepLines: false, startIndex: k });
        for (const e of entries.slice(0, k)) a.add(e);
        for (const e of entries.slice(k)) b.add(e);
        const merged = a.merge(b).result();
        if (!merged.ok) return false;
        const show = (r: ValuationResult) =>
          JSON.stringify(toValuationJson({ ...r, lines: [] }, { sha256: '0'.repeat(64) }).sroi);
        return show(merged.value) === show(one);
      }),
      { numRuns: 60 },
    );
  });
});
