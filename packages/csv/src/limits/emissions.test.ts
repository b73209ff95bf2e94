import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEmissionsCsv } from './emissions';

const fixture = readFileSync(new URL('./fixtures/broken-emissions.csv', import.meta.url));

describe('readEmissionsCsv on the broken-rows fixture', () => {
  it('locates every broken row; a repeated year rejects both of its rows', async () => {
    const r = await readEmissionsCsv(fixture, { file: 'broken-emissions.csv' });
    // worked out by hand from fixtures/broken-emissions.csv
    expect(r.issues.map((i) => [i.line, i.field, i.column, i.code])).toEqual([
      [3, 'year', 1, 'duplicate_year'],
      [4, 'tco2e', 2, 'not_a_number'],
      [5, 'tco2e', 2, 'empty_cell'],
      [6, 'year', 1, 'empty_cell'],
      [8, 'year', 1, 'duplicate_year'],
      [9, 'tco2e', 2, 'percent_not_allowed'],
      [10, 'year', 1, 'year_looks_like_date'],
    ]);
    for (const i of r.issues) expect(i.file).toBe('broken-emissions.csv');
    expect(r.issues[0]?.message).toContain('also on line 8');
    expect(r.counts).toEqual({ read: 9, accepted: 2, rejected: 7, blank: 0 });
    expect(r.ok).toBe(false);
    // negative = avoided is kept; "1,000" reads as 1000
    expect(r.emissions.map((e) => [e.line, e.year, e.tco2e.toString()])).toEqual([
      [2, 2025, '120.5'],
      [7, 2029, '1000'],
    ]);
  });

  it('keeps avoided (negative) emissions', async () => {
    const r = await readEmissionsCsv('year,tco2e\n2025,100\n2026,-40.25\n');
    expect(r.ok).toBe(true);
    expect(r.emissions.map((e) => e.tco2e.toString())).toEqual(['100', '-40.25']);
    expect(r.issues).toEqual([]);
  });

  it('a file without the tco2e column is a file-level issue', async () => {
    const r = await readEmissionsCsv('year,co2\n2025,1\n', { file: 'e.csv' });
    expect(r.issues.map((i) => [i.code, i.line, i.field])).toEqual([['missing_column', 1, 'tco2e']]);
    expect(r.issues[0]?.message).toContain('Headers found: "year", "co2"');
    expect(r.counts.read).toBe(0);
    expect(r.ok).toBe(false);
  });

  it('the outcome does not depend on row order, and read = accepted + rejected (property)', async () => {
    const row = fc.record({
      year: fc.integer({ min: 2025, max: 2030 }),
      t: fc.integer({ min: -50, max: 50 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
        const text = (rs: typeof rows) => `year,tco2e\n${rs.map((x) => `${x.year},${x.t}`).join('\n')}\n`;
        const a = await readEmissionsCsv(text(rows));
        const b = await readEmissionsCsv(text([...rows].reverse()));
        expect(a.counts.accepted + a.counts.rejected).toBe(a.counts.read);
        const key = (r: typeof a) => r.emissions.map((e) => `${e.year}:${e.tco2e}`).sort();
        expect(key(a)).toEqual(key(b));
        const years = a.emissions.map((e) => e.year);
        expect(new Set(years).size).toBe(years.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
