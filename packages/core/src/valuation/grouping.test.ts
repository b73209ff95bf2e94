import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../money/decimal';
import { createSourceIndex } from '../trace/sources';
import { createValuationAccumulator, lineText } from './accumulator';
import { valueEntries } from './engine';
import { constant35, testFramework } from './fixtures';
import { toValuationLineJson } from './json';
import type { Entry, EntryInput } from './schema';
import type { ValuationLine, ValuationLineText } from './types';

const options = { baseYear: 2024, discounting: constant35 };

describe('totals-only accumulator (keepLines: false)', () => {
  it('gives exactly the totals of valuing every row alone, also past its id and group tables', () => {
    // 9,000 distinct deadweights pass the 8,192 ids kept for grouping, so the tables are reset
    // mid-stream; totals must not notice
    const entries: EntryInput[] = Array.from({ length: 9000 }, (_, i) => ({
      measure: i % 3 === 0 ? 'PPL' : 'CO2',
      quantity: `${(i % 97) + 1}.${i % 10}`,
      year: 2024 + (i % 5),
      deadweight: `0.${String(i).padStart(4, '0')}`,
      dropOff: i % 2 ? '0.1' : '0',
    }));
    const full = valueEntries(testFramework, entries, options);
    const acc = createValuationAccumulator(testFramework, { ...options, keepLines: false });
    for (const e of entries) acc.add(e);
    const totals = acc.result();
    if (!full.ok || !totals.ok) throw new Error('valuation failed');
    expect(totals.value.lines).toEqual([]);
    expect(totals.value.totals).toEqual(full.value.totals);
    expect(totals.value.counts).toEqual(full.value.counts);
  });

  it('keeps apart rows that differ in any one thing but quantity (measure, year, duration, each adjustment)', () => {
    const base = {
      measure: 'PPL',
      quantity: '7',
      year: 2025,
      duration: 2,
      deadweight: '0.1',
      displacement: '0.2',
      attribution: '0.3',
      dropOff: '0.4',
    };
    const entries: EntryInput[] = [
      base,
      { ...base, measure: 'CO2' },
      { ...base, year: 2026 },
      { ...base, duration: 3 },
      { ...base, deadweight: '0.2' },
      { ...base, displacement: '0.1' },
      { ...base, attribution: '0.4' },
      { ...base, dropOff: '0.3' },
      { ...base, deadweight: '0.3', attribution: '0.1' }, // the same numbers in other places
      base,
    ];
    const full = valueEntries(testFramework, entries, options);
    const acc = createValuationAccumulator(testFramework, { ...options, keepLines: false });
    for (const e of entries) acc.add(e);
    const totals = acc.result();
    if (!full.ok || !totals.ok) throw new Error('valuation failed');
    expect(totals.value.totals).toEqual(full.value.totals);
  });

  it('maxIssues keeps the issues of the earliest rows, however the input is split, and counts the rest', () => {
    const rows: EntryInput[] = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? { measure: 'NOPE', quantity: '1', year: 2025 } : { measure: 'PPL', quantity: '-1', year: 2025 },
    );
    const one = createValuationAccumulator(testFramework, { ...options, keepLines: false, maxIssues: 3 });
    for (const r of rows) one.add(r);
    const a = createValuationAccumulator(testFramework, { ...options, keepLines: false, maxIssues: 3 });
    const b = createValuationAccumulator(testFramework, {
      ...options,
      keepLines: false,
      maxIssues: 3,
      startIndex: 4,
    });
    for (const r of rows.slice(4)) b.add(r);
    for (const r of rows.slice(0, 4)) a.add(r);
    const r1 = one.result();
    const r2 = b.merge(a).result();
    if (!r1.ok || !r2.ok) throw new Error('valuation failed');
    expect(r1.value.counts).toEqual({ read: 10, accepted: 0, rejected: 10 });
    expect(r1.value.issues.map((i) => [i.path?.[1], i.code])).toEqual([
      [0, 'negative_quantity'],
      [1, 'unknown_measure'],
      [2, 'negative_quantity'],
      [undefined, 'issues_truncated'],
    ]);
    expect(r1.value.issues[3]?.message).toMatch(
      /^7 more issues were not listed \(negative_quantity: 3, unknown_measure: 4\)/,
    );
    expect(r2.value.issues).toEqual(r1.value.issues);
  });
});

describe('totals-only accumulator without a base year (deferred)', () => {
  const noBase = { discounting: constant35 };
  const rows = (n: number): EntryInput[] =>
    Array.from({ length: n }, (_, i) => ({
      measure: i % 3 === 0 ? 'PPL' : 'CO2',
      quantity: `${(i % 89) + 1}.${i % 7}`,
      // the earliest year comes last, so nothing can be valued before the end
      year: i === n - 1 ? 2021 : 2023 + (i % 4),
      deadweight: `0.${String(i % 9001).padStart(4, '0')}`,
    }));

  it('takes the earliest accepted year as the base year, exactly as valueEntries does, past its id tables', () => {
    const entries = rows(9500);
    const full = valueEntries(testFramework, entries, noBase);
    const acc = createValuationAccumulator(testFramework, { ...noBase, keepLines: false });
    for (const e of entries) acc.add(e);
    const r = acc.result();
    if (!full.ok || !r.ok) throw new Error('valuation failed');
    expect(r.value.baseYear).toBe(2021);
    expect(full.value.baseYear).toBe(2021);
    expect(r.value.totals).toEqual(full.value.totals);
    expect(r.value.counts).toEqual(full.value.counts);
  });

  it('merges deferred accumulators into the one-pass result', () => {
    const entries = rows(300);
    const a = createValuationAccumulator(testFramework, { ...noBase, keepLines: false });
    const b = createValuationAccumulator(testFramework, { ...noBase, keepLines: false, startIndex: 120 });
    for (const e of entries.slice(0, 120)) a.add(e);
    for (const e of entries.slice(120)) b.add(e);
    const full = valueEntries(testFramework, entries, noBase);
    const r = a.merge(b).result();
    if (!full.ok || !r.ok) throw new Error('valuation failed');
    expect(r.value.baseYear).toBe(2021);
    expect(r.value.totals).toEqual(full.value.totals);
  });

  it('fails with no_entries when no row is accepted, keeping the rows’ issues', () => {
    const acc = createValuationAccumulator(testFramework, { ...noBase, keepLines: false });
    acc.add({ measure: 'NOPE', quantity: '1', year: 2025 });
    const r = acc.result();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['unknown_measure', 'no_entries']);
  });

  it('still refuses lines without a base year', () => {
    const r = createValuationAccumulator(testFramework, noBase).result();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('base_year_required');
  });
});

describe('onLine', () => {
  it('hands out every line as valued, the same lines valueEntries keeps, and keeps none', () => {
    const entries: EntryInput[] = [
      { measure: 'PPL', quantity: '2', year: 2024, duration: 2, dropOff: '0.1' },
      { measure: 'CO2', quantity: '3.5', year: 2025 },
      { measure: 'NOPE', quantity: '1', year: 2025 },
      { measure: 'PPL', quantity: '1', year: 2026 },
    ];
    const seen: unknown[] = [];
    const acc = createValuationAccumulator(testFramework, { ...options, onLine: (l) => seen.push(l) });
    for (const e of entries) acc.add(e);
    const r = acc.result();
    const full = valueEntries(testFramework, entries, options);
    if (!full.ok || !r.ok) throw new Error('valuation failed');
    expect(r.value.lines).toEqual([]);
    expect(seen).toEqual(full.value.lines);
    expect(seen).toHaveLength(3);
    expect(r.value.totals).toEqual(full.value.totals);
  });
});

describe('onLine with linesOnly (a second read for the lines)', () => {
  const entries: EntryInput[] = [
    { measure: 'PPL', quantity: '2', year: 2024, duration: 3, dropOff: '0.1', deadweight: '0.2' },
    { measure: 'CO2', quantity: '3.5', year: 2025 },
    { measure: 'PPL', quantity: '1', year: 2026 },
  ];

  it('streams the same lines, their values and traces built when read, and no totals', () => {
    const seen: ValuationLine[] = [];
    const acc = createValuationAccumulator(testFramework, {
      ...options,
      onLine: (l) => seen.push(l),
      linesOnly: true,
    });
    for (const e of entries) acc.add(e);
    const full = valueEntries(testFramework, entries, options);
    const r = acc.result();
    if (!full.ok || !r.ok) throw new Error('valuation failed');
    // PPL: 2 × (1 − 0.2) × proxy, three years kept at (1 − 0.1)^k
    expect(seen[0]?.values.map((v) => v.year)).toEqual([2024, 2025, 2026]);
    const json = (l: ValuationLine) => JSON.stringify(toValuationLineJson(l, createSourceIndex()));
    expect(seen.map(json)).toEqual(full.value.lines.map(json));
    expect(seen).toEqual(full.value.lines);
    expect(r.value.counts).toEqual(full.value.counts);
    expect(r.value.totals.presentValue.toString()).toBe('0');
    expect(full.value.totals.presentValue.isZero()).toBe(false);
  });

  it('a streamed line has the keys of the held line in the same order, and a read getter becomes a plain property', () => {
    const seen: ValuationLine[] = [];
    const acc = createValuationAccumulator(testFramework, { ...options, onLine: (l) => seen.push(l) });
    for (const e of entries) acc.add(e);
    const full = valueEntries(testFramework, entries, options);
    if (!full.ok) throw new Error('valuation failed');
    expect(seen.map((l) => Object.keys(l))).toEqual(full.value.lines.map((l) => Object.keys(l)));
    const line = seen[0] as ValuationLine;
    expect(typeof Object.getOwnPropertyDescriptor(line, 'trace')?.get).toBe('function');
    expect(line.trace.result).toBe(line.presentValue.toString());
    const settled = Object.getOwnPropertyDescriptor(line, 'trace');
    expect(settled?.get).toBeUndefined();
    expect(settled?.value).toBe(line.trace);
    expect(settled?.enumerable).toBe(true);
  });

  it('a line set by hand keeps what was set', () => {
    const seen: ValuationLine[] = [];
    const acc = createValuationAccumulator(testFramework, { ...options, onLine: (l) => seen.push(l) });
    acc.add(entries[1] as EntryInput);
    const line = seen[0] as ValuationLine;
    line.values = [];
    expect(line.values).toEqual([]);
    expect(line.trace.result).toBe(line.presentValue.toString());
  });

  it('streamed lines (shared per-unit factors) equal lines valued factor by factor, for any rows', () => {
    const frac = fc.constantFrom(undefined, '0', '0.1', '0.25', '0.333', '0.5');
    const row = fc.record({
      measure: fc.constantFrom('PPL', 'CO2', 'FTE'),
      quantity: fc.integer({ min: -50, max: 5000 }).map((n) => (n / 7).toFixed(3)),
      year: fc.integer({ min: 2024, max: 2028 }),
      duration: fc.constantFrom(undefined, 1, 2, 4),
      deadweight: frac,
      displacement: frac,
      attribution: frac,
      dropOff: frac,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const entries = rows.map((r) =>
          Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
        ) as EntryInput[];
        const seen: ValuationLine[] = [];
        const acc = createValuationAccumulator(testFramework, {
          ...options,
          onLine: (l) => seen.push(l),
          linesOnly: true,
        });
        for (const e of entries) acc.add(e);
        const full = valueEntries(testFramework, entries, options);
        if (!full.ok) return;
        const json = (l: ValuationLine) => JSON.stringify(toValuationLineJson(l, createSourceIndex()));
        expect(seen.map(json)).toEqual(full.value.lines.map(json));
      }),
      { numRuns: 60 },
    );
  });
});

describe('onLineText (lines printed as text)', () => {
  it("gives a line's figures as its Decimal line writes them, record-only lines included", () => {
    const entries: EntryInput[] = [
      { measure: 'PPL', quantity: '2', year: 2024, duration: 3, dropOff: '0.1', deadweight: '0.2' },
      { measure: 'REC', quantity: '35', year: 2025 },
      { measure: 'CO2', quantity: '0', year: 2025 },
    ];
    const seen: ValuationLineText[] = [];
    const acc = createValuationAccumulator(testFramework, {
      ...options,
      onLineText: (t) => seen.push({ ...t }),
    });
    for (const e of entries) acc.add(e);
    const full = valueEntries(testFramework, entries, options);
    if (!full.ok) throw new Error('valuation failed');
    expect(seen).toEqual(full.value.lines.map(lineText));
    expect(seen[1]).toMatchObject({
      measure: 'REC',
      proxy: undefined,
      gross: '0',
      low: undefined,
      recordOnly: true,
    });
    expect(seen[2]?.presentValue).toBe('0');
    expect(acc.result().ok && acc.result()).toMatchObject({ value: { counts: full.value.counts } });
  });

  it('linesBaseYear: lines at a year given while the totals wait for the earliest; an earlier row gives no line', () => {
    const { baseYear: _, ...deferred } = options;
    const seen: ValuationLineText[] = [];
    const acc = createValuationAccumulator(testFramework, {
      ...deferred,
      keepLines: false,
      linesBaseYear: 2025,
      onLineText: (t) => seen.push({ ...t }),
    });
    acc.add({ measure: 'PPL', quantity: '2', year: 2026 });
    acc.add({ measure: 'PPL', quantity: '1', year: 2024 });
    const r = acc.result();
    if (!r.ok) throw new Error('valuation failed');
    // the totals took 2024 (the earliest accepted year); the caller sees it is not 2025
    expect(r.value.baseYear).toBe(2024);
    expect(seen.map((t) => t.index)).toEqual([0]);
    expect(
      createValuationAccumulator(testFramework, { ...deferred, onLineText: () => {} }).result(),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'base_year_required' }],
    });
  });

  it('property: for any rows, each text line equals lineText of the line valued factor by factor', () => {
    const frac = fc.constantFrom(undefined, '0', '0.1', '0.25', '0.333', '0.5', '1');
    const row = fc.record({
      measure: fc.constantFrom('PPL', 'CO2', 'FTE', 'REC', 'HIRE'),
      quantity: fc.integer({ min: -50, max: 500_000 }).map((n) => (n / 7).toFixed(3)),
      year: fc.integer({ min: 2024, max: 2090 }),
      duration: fc.constantFrom(undefined, 1, 2, 4, 40),
      deadweight: frac,
      displacement: frac,
      attribution: frac,
      dropOff: frac,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const entries = rows.map((r) =>
          Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
        ) as EntryInput[];
        const seen: ValuationLineText[] = [];
        const acc = createValuationAccumulator(testFramework, {
          ...options,
          onLineText: (t) => seen.push({ ...t }),
        });
        for (const e of entries) acc.add(e);
        const full = valueEntries(testFramework, entries, options);
        if (!full.ok) return;
        expect(seen).toEqual(full.value.lines.map(lineText));
        // the same read made the totals too
        const r = acc.result();
        expect(r.ok && r.value.totals).toEqual(full.value.totals);
        // base year deferred for the totals, the lines at the earliest accepted year given beside it
        const { baseYear: _, ...deferred } = options;
        const byDefault = valueEntries(testFramework, entries, deferred);
        if (!byDefault.ok) return;
        const atEarliest: ValuationLineText[] = [];
        const both = createValuationAccumulator(testFramework, {
          ...deferred,
          keepLines: false,
          linesBaseYear: byDefault.value.baseYear,
          onLineText: (t) => atEarliest.push({ ...t }),
        });
        for (const e of entries) both.add(e);
        const b = both.result();
        if (!b.ok) throw new Error('valuation failed');
        expect(b.value.baseYear).toBe(byDefault.value.baseYear);
        expect(b.value.totals).toEqual(byDefault.value.totals);
        expect(atEarliest).toEqual(byDefault.value.lines.map(lineText));
      }),
      { numRuns: 80 },
    );
  });
});

describe('fractions of a parsed entry (read from the digits, no Decimal made)', () => {
  it('property: an adjustment is accepted exactly when 0 ≤ it ≤ 1; NaN and infinities are refused', () => {
    const text = fc
      .tuple(
        fc.boolean(),
        fc.nat({ max: 3 }),
        fc.stringMatching(/^[0-9]{0,12}$/),
        fc.integer({ min: -9, max: 2 }),
      )
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}e${exp}`);
    fc.assert(
      fc.property(
        fc.oneof(text, fc.constantFrom('1', '1.0000001', '0.9999999999', '-0', '0', 'NaN', 'Infinity')),
        (t) => {
          const v = new Dec(t);
          const acc = createValuationAccumulator(testFramework, { ...options, keepLines: false });
          acc.add({ measure: 'PPL', quantity: new Dec(3), year: 2024, deadweight: v } as Entry);
          const r = acc.result();
          const fraction = v.isFinite() && v.gte(0) && v.lte(1);
          if (!r.ok) throw new Error('valuation failed');
          expect(r.value.counts.accepted).toBe(fraction ? 1 : 0);
          expect(r.value.issues.some((i) => i.code === 'invalid_entry' && i.field === 'deadweight')).toBe(
            !fraction,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('streamed lines past the id tables', () => {
  it('lines found by numeric key, then by text key once the tables are full, equal lines valued alone', () => {
    // 9,000 distinct deadweights pass the 8,192 ids, so the tables are reset mid-stream
    const entries: EntryInput[] = Array.from({ length: 9000 }, (_, i) => ({
      measure: i % 3 === 0 ? 'PPL' : 'CO2',
      quantity: `${(i % 97) + 1}.${i % 10}`,
      year: 2024 + (i % 5),
      deadweight: `0.${String(i % 9001).padStart(4, '0')}`,
      dropOff: i % 2 ? '0.1' : '0',
      duration: (i % 4) + 1,
    }));
    const full = valueEntries(testFramework, entries, options);
    if (!full.ok) throw new Error('valuation failed');
    const texts: ValuationLineText[] = [];
    const lines: ValuationLine[] = [];
    const a = createValuationAccumulator(testFramework, {
      ...options,
      onLineText: (t) => texts.push({ ...t }),
    });
    const b = createValuationAccumulator(testFramework, {
      ...options,
      onLine: (l) => lines.push(l),
      linesOnly: true,
    });
    for (const e of entries) {
      a.add(e);
      b.add(e);
    }
    expect(texts).toEqual(full.value.lines.map(lineText));
    expect(lines.map(lineText)).toEqual(full.value.lines.map(lineText));
  });
});
