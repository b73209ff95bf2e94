import { readFileSync } from 'node:fs';
import { assessDoughnut, IndicatorSchema } from '@commonweal/core/limits';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateRowIssues, readIndicators, readIndicatorsCsv } from './indicators';

const fixture = readFileSync(new URL('./fixtures/broken-indicators.csv', import.meta.url));
const HEADER = 'id,dimension,kind,value,target,baseline,unit,year,lens,source\n';

// [line, field, column, code], one per broken row of fixtures/broken-indicators.csv, worked out by hand
const EXPECTED: [number, string | undefined, number, string][] = [
  [4, 'value', 4, 'not_a_number'],
  [5, 'kind', 3, 'invalid_choice'],
  [6, 'id', 1, 'empty_cell'],
  [7, 'target', 5, 'empty_cell'],
  [8, 'target', 5, 'target_equals_baseline'],
  [9, 'target', 5, 'target_equals_baseline'],
  [10, 'lens', 9, 'lens_kind_mismatch'],
  [11, 'lens', 9, 'invalid_choice'],
  [12, 'year', 8, 'year_looks_like_date'],
  [13, undefined, 6, 'too_few_fields'],
  [15, 'source', 10, 'empty_cell'],
];

describe('readIndicatorsCsv on the broken-rows fixture', () => {
  it('gives one located issue per broken row and keeps read = accepted + rejected', async () => {
    const r = await readIndicatorsCsv(fixture, { file: 'broken-indicators.csv' });
    expect(r.issues.map((i) => [i.line, i.field, i.column, i.code])).toEqual(EXPECTED);
    for (const i of r.issues) expect(i.file).toBe('broken-indicators.csv');
    expect(r.counts).toEqual({ read: 15, accepted: 4, rejected: 11, blank: 0 });
    expect(r.ok).toBe(false);
    expect(r.indicators.map((i) => [i.line, i.id])).toEqual([
      [2, 'fuel_poverty'],
      [3, 'food_insecurity'],
      [14, 'na_value'],
      [16, 'canopy'],
    ]);
  });

  it('reads an empty value and NA as missing (null), never as zero', async () => {
    const r = await readIndicatorsCsv(fixture);
    const byId = new Map(r.indicators.map((i) => [i.id, i]));
    expect(byId.get('food_insecurity')?.value).toBeNull();
    expect(byId.get('na_value')?.value).toBeNull();
    expect(String(byId.get('fuel_poverty')?.value)).toBe('13.2');
  });

  it('gives rows that core accepts, with baseline and lens only when written', async () => {
    const r = await readIndicatorsCsv(fixture);
    for (const row of r.indicators) expect(IndicatorSchema.safeParse(row).success).toBe(true);
    const canopy = r.indicators.find((i) => i.id === 'canopy');
    expect(String(canopy?.baseline)).toBe('30');
    expect(canopy?.lens).toBe('local-ecological');
    expect('baseline' in (r.indicators.find((i) => i.id === 'na_value') ?? {})).toBe(false);
    expect('lens' in (r.indicators.find((i) => i.id === 'na_value') ?? {})).toBe(false);
  });

  it('feeds assessDoughnut: missing reported as missing; % deprived 13.2 → shortfall 0.132', async () => {
    const r = await readIndicatorsCsv(fixture);
    const p = assessDoughnut(r.indicators);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const fuel = p.value.indicators.find((i) => i.id === 'fuel_poverty');
    // (13.2 − 100) ÷ (0 − 100) = 0.868; shortfall 1 − 0.868 = 0.132
    expect(fuel?.ratio?.toString()).toBe('0.868');
    expect(fuel?.shortfall?.toString()).toBe('0.132');
    // lower is worse: (14 − 30) ÷ (20 − 30) = 1.6 → overshoot 0.6
    expect(p.value.indicators.find((i) => i.id === 'canopy')?.overshoot?.toString()).toBe('0.6');
    expect(p.value.summary.socialMissing).toBe(1);
    expect(p.value.summary.ecologicalMissing).toBe(1);
    expect(p.value.summary.socialWithData).toBe(1);
  });

  it('a missing required column stops the read with a file-level issue', async () => {
    const r = await readIndicatorsCsv(
      'id,dimension,kind,target,unit,year,source\nx,food,social,0,%,2023,s\n',
    );
    expect(r.issues.map((i) => [i.code, i.field])).toEqual([['missing_column', 'value']]);
    expect(r.counts.read).toBe(0);
  });

  it('streams the same rows as the whole read', async () => {
    const reader = readIndicators(fixture);
    const lines: number[] = [];
    for await (const row of reader) lines.push(row.line);
    expect(lines).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(reader.summary().counts).toEqual({ read: 15, accepted: 4, rejected: 11, blank: 0 });
  });
});

describe('locateRowIssues', () => {
  it('puts the line, column and header of the row on assessDoughnut issues (repeated id on lines 2 and 4)', async () => {
    const text =
      `${HEADER}a,food,social,5,0,100,%,2023,,s\n` +
      'b,food,social,7,0,100,%,2023,,s\n' +
      'a,food,social,6,0,100,%,2024,,s\n';
    const r = await readIndicatorsCsv(text, { file: 'x.csv' });
    const p = assessDoughnut(r.indicators);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const located = locateRowIssues(p.value.issues, r.indicators, r.columns, 'x.csv');
    expect(located.map((i) => [i.code, i.line, i.column, i.field, i.file])).toEqual([
      ['duplicate_indicator', 2, 1, 'id', 'x.csv'],
      ['duplicate_indicator', 4, 1, 'id', 'x.csv'],
    ]);
  });
});

describe('indicator reader invariants', () => {
  it('read = accepted + rejected for any mix of good, missing and broken values (property)', async () => {
    const cell = fc.constantFrom('12.5', '', 'NA', 'x', '-3', '1,000', '1e3', '..', '50%');
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 20 }), async (values) => {
        const text = HEADER + values.map((v, k) => `i${k},food,social,"${v}",0,100,%,2023,,s\n`).join('');
        const r = await readIndicatorsCsv(text);
        expect(r.counts.read).toBe(values.length);
        expect(r.counts.accepted + r.counts.rejected).toBe(r.counts.read);
        expect(r.indicators.length).toBe(r.counts.accepted);
        // every missing marker is null, never zero
        values.forEach((v, k) => {
          const row = r.indicators.find((i) => i.id === `i${k}`);
          if (v === '' || v === 'NA' || v === '..') expect(row?.value).toBeNull();
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
