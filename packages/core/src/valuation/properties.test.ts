import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, type Decimal, dec } from '../money/decimal';
import { createValuationAccumulator } from './accumulator';
import { valueEntries } from './engine';
import { constant35, testFramework } from './fixtures';
import { toValuationJson } from './json';
import { type DiscountSchedule, DiscountScheduleSchema, type EntryInput } from './schema';
import type { ValuationOptions, ValuationResult } from './types';

// Checks use a 2,000-digit decimal so that the test's own sums never round.
const Big = Dec.clone({ precision: 2000 });
const bigSum = (xs: Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), new Big(0));

const kinked: DiscountSchedule = DiscountScheduleSchema.parse({
  id: 'kinked',
  name: '3.5% to year 2, then 3.0%',
  bands: [
    { fromYear: 1, rate: '0.035' },
    { fromYear: 3, rate: '0.03' },
  ],
});

const cents = fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }));
const quantity = cents.map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`);
const fraction = fc.integer({ min: 0, max: 100 }).map((n) => dec(n).dividedBy(100).toString());

const entryArb: fc.Arbitrary<EntryInput> = fc
  .record(
    {
      measure: fc.constantFrom('FTE', 'HIRE', 'PPL', 'CO2', 'GAS', 'REC', 'FLOW'),
      quantity,
      year: fc.integer({ min: 2024, max: 2030 }),
      duration: fc.integer({ min: 1, max: 6 }),
      deadweight: fraction,
      displacement: fraction,
      attribution: fraction,
      dropOff: fraction,
    },
    { requiredKeys: ['measure', 'quantity', 'year'] },
  )
  .map((e) => e as EntryInput);

// Some rows that must be rejected, so merging and permuting also carry issues.
const badArb: fc.Arbitrary<EntryInput> = fc.oneof(
  fc.constant({ measure: 'NT99', quantity: '1', year: 2025 }),
  fc.constant({ measure: 'PPL', quantity: '-1', year: 2025 }),
  fc.constant({ measure: 'PPL', quantity: '1', year: 2020 }),
);
const rowsArb = fc.array(fc.oneof({ weight: 6, arbitrary: entryArb }, { weight: 1, arbitrary: badArb }), {
  maxLength: 15,
});
const optionsArb: fc.Arbitrary<ValuationOptions> = fc.record({
  baseYear: fc.constant(2024),
  discounting: fc.constantFrom(null, constant35, kinked),
  firstPeriodDiscounted: fc.boolean(),
});

function run(entries: EntryInput[], options: ValuationOptions): ValuationResult {
  const r = valueEntries(testFramework, entries, options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const SHA = '0'.repeat(64);
const PROPS = { seed: 42, numRuns: 200 };

describe('valuation invariants (fast-check)', () => {
  it('value is linear in quantity: ×k scales gross, net, present value, low and high exactly', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 8 }),
        optionsArb,
        fc.oneof(fc.integer({ min: 0, max: 1000 }).map(String), fc.constantFrom('0.5', '2.25', '0.01')),
        (entries, options, k) => {
          const a = run(entries, options);
          const b = run(
            entries.map((e) => ({
              ...e,
              quantity: dec(e.quantity as string)
                .times(k)
                .toString(),
            })),
            options,
          );
          for (const key of ['gross', 'net', 'presentValue', 'low', 'high', 'impact'] as const) {
            expect(b.totals[key].eq(new Big(a.totals[key]).times(k))).toBe(true);
          }
          a.lines.forEach((l, i) => {
            const m = b.lines[i];
            expect(m?.presentValue.eq(new Big(l.presentValue).times(k))).toBe(true);
            expect(m?.net.eq(new Big(l.net).times(k))).toBe(true);
            expect(m?.gross.eq(new Big(l.gross).times(k))).toBe(true);
          });
        },
      ),
      PROPS,
    );
  });

  it('present value ≤ net for non-negative values when every discount factor ≤ 1', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (entries, options) => {
        const r = run(
          entries.filter((e) => e.measure !== 'FLOW'),
          options,
        );
        for (const l of r.lines) {
          expect(l.presentValue.lte(l.net)).toBe(true);
          for (const v of l.values) expect(v.discountFactor.lte(1)).toBe(true);
        }
        expect(r.totals.presentValue.lte(r.totals.net)).toBe(true);
        expect(r.totals.net.lte(r.totals.gross)).toBe(true);
      }),
      PROPS,
    );
  });

  it('totals are the exact sums of the lines, and lines the exact sums of their years', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (entries, options) => {
        const r = run(entries, options);
        const valued = r.lines.filter((l) => !l.recordOnly);
        expect(r.totals.gross.eq(bigSum(valued.map((l) => l.gross)))).toBe(true);
        expect(r.totals.net.eq(bigSum(valued.map((l) => l.net)))).toBe(true);
        expect(r.totals.impact.eq(bigSum(valued.map((l) => l.impact)))).toBe(true);
        expect(r.totals.presentValue.eq(bigSum(valued.map((l) => l.presentValue)))).toBe(true);
        expect(r.totals.low.eq(bigSum(valued.map((l) => l.low ?? dec(0))))).toBe(true);
        expect(r.totals.high.eq(bigSum(valued.map((l) => l.high ?? dec(0))))).toBe(true);
        for (const l of valued) {
          expect(l.net.eq(bigSum(l.values.map((v) => v.value)))).toBe(true);
          expect(l.presentValue.eq(bigSum(l.values.map((v) => v.presentValue)))).toBe(true);
        }
        expect(r.counts.read).toBe(entries.length);
        expect(r.counts.read).toBe(r.counts.accepted + r.counts.rejected);
        expect(r.lines.length).toBe(r.counts.accepted);
      }),
      PROPS,
    );
  });

  it('by theme and by measure sum to the total', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (entries, options) => {
        const r = run(entries, options);
        for (const by of [r.totals.byTheme, r.totals.byMeasure]) {
          const parts = Object.values(by);
          expect(r.totals.presentValue.eq(bigSum(parts.map((p) => p.presentValue)))).toBe(true);
          expect(r.totals.net.eq(bigSum(parts.map((p) => p.net)))).toBe(true);
          expect(r.totals.gross.eq(bigSum(parts.map((p) => p.gross)))).toBe(true);
        }
      }),
      PROPS,
    );
  });

  it('splitting the input between two accumulators and merging gives exactly the one-pass result', () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, fc.nat(), fc.boolean(), (entries, options, cut, keepLines) => {
        const at = entries.length ? cut % (entries.length + 1) : 0;
        const onePass = run(entries, options);
        const a = createValuationAccumulator(testFramework, { ...options, baseYear: 2024, keepLines });
        const b = createValuationAccumulator(testFramework, {
          ...options,
          baseYear: 2024,
          keepLines,
          startIndex: at,
        });
        for (const e of entries.slice(0, at)) a.add(e);
        for (const e of entries.slice(at)) b.add(e);
        const merged = a.merge(b).result();
        expect(merged.ok).toBe(true);
        if (!merged.ok) return;
        const expected = toValuationJson(onePass, { sha256: SHA });
        const got = toValuationJson(merged.value, { sha256: SHA });
        if (keepLines) expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
        else {
          expect(got.lines).toEqual([]);
          // without lines, only the discount schedule's source is cited
          const totalsOnly = toValuationJson(onePass, { sha256: SHA }, { lines: false });
          expect(JSON.stringify({ ...got, lines: undefined })).toBe(JSON.stringify(totalsOnly));
        }
      }),
      PROPS,
    );
  });

  it('permuting entries permutes the lines and leaves totals unchanged', () => {
    const arb = rowsArb.chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length, maxLength: rows.length },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, optionsArb, ([rows, order], options) => {
        const a = run(rows, options);
        const b = run(
          order.map((i) => rows[i] as EntryInput),
          options,
        );
        const ja = toValuationJson(a, { sha256: SHA });
        const jb = toValuationJson(b, { sha256: SHA });
        expect(JSON.stringify(jb.totals)).toBe(JSON.stringify(ja.totals));
        expect(jb.counts).toEqual(ja.counts);
        expect(jb.recorded).toEqual(ja.recorded);
        // line at new position p is the line of original row order[p]
        const byRow = new Map((ja.lines ?? []).map((l) => [l.index, l]));
        expect(jb.lines?.length).toBe(a.lines.length);
        for (const l of jb.lines ?? []) {
          const original = byRow.get(order[l.index] as number);
          expect({ ...l, index: 0 }).toEqual({ ...original, index: 0 });
        }
      }),
      PROPS,
    );
  });
});
