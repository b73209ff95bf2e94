import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FrameworkSchema } from '../framework/schema';
import { valueEntries } from './engine';
import { constant35, deflator, testFrameworkInput } from './fixtures';
import { toValuationJson, ValuationJsonSchema } from './json';
import type { EntryInput } from './schema';

// The test framework plus one measure in 2022 prices, valued in 2024 prices via the deflator.
const framework = FrameworkSchema.parse({
  ...testFrameworkInput,
  measures: [
    ...testFrameworkInput.measures,
    {
      code: 'OLD',
      title: 'Valued in 2022 prices',
      theme: 'social',
      unit: 'people',
      proxy: {
        value: '100',
        currency: 'GBP',
        priceYear: 2022,
        basis: 'per person',
        indexSeries: 'hmt-gdp-deflator-2025-12',
        source: {
          title: 'Hand-made test proxy (not a published value)',
          licence: 'CC0-1.0',
          priceYear: 2022,
        },
      },
    },
  ],
});

const entries: EntryInput[] = [
  {
    measure: 'PPL',
    quantity: '100',
    year: 2025,
    deadweight: '0.25',
    attribution: '0.2',
    dropOff: '0.1',
    line: 2,
  },
  { measure: 'OLD', quantity: '3', year: 2026, line: 3 },
  { measure: 'REC', quantity: '40', year: 2025, line: 4 },
  { measure: 'NT99', quantity: '1', year: 2025, line: 5 },
  { measure: 'HIRE', quantity: '2', year: 2025, duration: 3, line: 6 },
];
const SHA = 'a'.repeat(64);

function json() {
  const r = valueEntries(framework, entries, {
    discounting: constant35,
    priceYear: 2024,
    indexSeries: deflator,
    investment: '50000',
    contractValue: '1000000',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return toValuationJson(r.value, { sha256: SHA });
}

function hasUndefined(v: unknown): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.some(hasUndefined);
  if (v && typeof v === 'object') return Object.values(v).some(hasUndefined);
  return false;
}

describe('toValuationJson / ValuationJsonSchema', () => {
  it('the output validates against the published schema', () => {
    const out = json();
    expect(ValuationJsonSchema.safeParse(out).success).toBe(true);
    expect(() => z.toJSONSchema(ValuationJsonSchema)).not.toThrow();
    const schema = z.toJSONSchema(ValuationJsonSchema) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['inputs', 'lines', 'totals', 'issues']),
    );
  });

  it('keeps the contract: sha256, lines in input order with line numbers, decimal strings, issues located', () => {
    const out = json();
    expect(out.inputs.sha256).toBe(SHA);
    const lines = out.lines ?? [];
    expect(lines.map((l) => l.line)).toEqual([2, 3, 4, 6]);
    const ppl = lines[0];
    expect(ppl?.impact).toBe('54000');
    expect(ppl?.values.map((v) => v.value)).toEqual(['54000', '48600', '43740']);
    // full precision: not rounded to pennies
    expect(ppl?.presentValue.length).toBeGreaterThan(20);
    expect(lines[1]?.proxy?.startsWith('110.4966')).toBe(true);
    expect(lines[2]).toMatchObject({ recordOnly: true, measure: 'REC' });
    expect(out.issues).toEqual([
      expect.objectContaining({ line: 5, field: 'measure', code: 'unknown_measure' }),
      expect.objectContaining({ line: 6, field: 'duration', code: 'first_year_only', severity: 'warning' }),
    ]);
    expect(out.counts).toEqual({ read: 5, accepted: 4, rejected: 1 });
    expect(Object.keys(out.totals.byTheme)).toEqual(['jobs', 'social']);
    expect(out.sroi && Object.keys(out.sroi)).toEqual([
      'investment',
      'ratio',
      'netRatio',
      'paybackMonths',
      'npv',
      'ratioLow',
      'ratioHigh',
      'switchingValues',
      'traces',
    ]);
    expect(typeof out.socialValuePercent).toBe('string');
    expect(hasUndefined(out)).toBe(false);
    expect(JSON.stringify(json())).toBe(JSON.stringify(out));
  });

  it('the schema is strict: a float for money or an unknown key is rejected', () => {
    const out = json();
    expect(
      ValuationJsonSchema.safeParse({ ...out, totals: { ...out.totals, presentValue: 1.5 } }).success,
    ).toBe(false);
    expect(ValuationJsonSchema.safeParse({ ...out, extra: true }).success).toBe(false);
    expect(ValuationJsonSchema.safeParse({ ...out, inputs: { sha256: 'abc' } }).success).toBe(false);
  });
});
