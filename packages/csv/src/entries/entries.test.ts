import { readFileSync } from 'node:fs';
import { EntrySchema } from '@commonweal/core/valuation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earliestEntryYear, readEntries, readEntriesCsv } from './entries';

const fixture = readFileSync(new URL('./fixtures/broken-entries.csv', import.meta.url));

// [line, field as written in the header (undefined for structural issues), code] — one per broken row,
// worked out by hand from fixtures/broken-entries.csv
const EXPECTED: [number, string | undefined, string][] = [
  [3, 'quantity', 'not_a_number'],
  [4, 'measure', 'empty_cell'],
  [5, 'year', 'not_a_number'],
  [6, 'year', 'not_a_whole_number'],
  [7, 'deadweight', 'fraction_too_large'],
  [8, 'attribution', 'fraction_negative'],
  [9, 'displacement', 'not_a_number'],
  [10, 'duration', 'out_of_range'],
  [11, 'duration', 'not_a_whole_number'],
  [12, 'local', 'invalid_boolean'],
  [13, undefined, 'too_many_fields'],
  [14, undefined, 'too_few_fields'],
  [16, 'quantity', 'misplaced_thousands_separator'],
  [17, 'quantity', 'not_finite'],
  [18, 'quantity', 'not_finite'],
  [19, 'year', 'empty_cell'],
  [20, 'year', 'year_looks_like_date'],
  [21, 'quantity', 'not_a_number'],
  [23, 'drop_off', 'fraction_too_large'],
  [24, 'year', 'out_of_range'],
  [25, 'notes', 'quote_in_field'],
  [29, 'quantity', 'percent_not_allowed'],
  [30, 'quantity', 'not_a_number'],
  [31, 'attribution', 'not_a_number'],
  [32, 'quantity', 'not_a_number'],
  [33, 'quantity', 'empty_cell'],
  [34, 'measure', 'empty_cell'],
  [35, 'year', 'year_looks_like_date'],
  [36, 'quantity', 'unclosed_quote'],
];

const COLUMN: Record<string, number> = {
  measure: 1,
  quantity: 2,
  year: 3,
  duration: 4,
  deadweight: 5,
  attribution: 6,
  displacement: 7,
  drop_off: 8,
  local: 9,
  notes: 10,
};

describe('readEntriesCsv on the broken-rows fixture', () => {
  it('gives exactly one located issue per broken row (29 kinds)', async () => {
    const r = await readEntriesCsv(fixture, { file: 'broken-entries.csv' });
    expect(r.issues.map((i) => [i.line, i.field, i.code])).toEqual(EXPECTED);
    for (const i of r.issues) {
      expect(i.file).toBe('broken-entries.csv');
      expect(i.message.length).toBeGreaterThan(10);
      if (i.field) expect(i.column).toBe(COLUMN[i.field]);
    }
    expect(r.issues.find((i) => i.code === 'too_many_fields')?.column).toBe(11);
    expect(r.issues.find((i) => i.code === 'too_few_fields')?.column).toBe(4);
  });

  it('counts rows: read = accepted + rejected, blank lines apart', async () => {
    const r = await readEntriesCsv(fixture);
    // 38 physical lines after the header: one is the 2nd line of a quoted note, one empty, one all commas
    expect(r.counts).toEqual({ read: 35, accepted: 6, rejected: 29, blank: 2 });
    expect(r.counts.read).toBe(r.counts.accepted + r.counts.rejected);
    expect(r.ok).toBe(false);
  });

  it('reads the good rows around the broken ones, with their lines', async () => {
    const r = await readEntriesCsv(fixture);
    const got = r.entries.map((e) => [e.line, e.measure, e.quantity.toString(), e.year]);
    expect(got).toEqual([
      [2, 'NT1', '10', 2025],
      [26, 'NT1', '5', 2025], // £5
      [27, 'NT1', '5', 2025], // note over lines 27-28
      [37, 'NT2', '7', 2026], // after the unbalanced quote on line 36
      [38, 'NT3', '1000', 2026], // "1,000"
      [39, 'NT1', '-5', 2025], // (5)
    ]);
    const first = r.entries[0]!;
    expect(first.duration).toBe(2);
    expect(first.deadweight?.toString()).toBe('0.2'); // 20%
    expect(first.attribution?.toString()).toBe('0.1');
    expect(first.displacement?.toString()).toBe('0');
    expect(first.dropOff?.toString()).toBe('0.1'); // 10%
    expect(first.local).toBe(true);
    expect(first.notes).toBe('good row');
    expect(r.entries[2]!.notes).toBe('a note\r\nover two lines');
    expect(r.entries[3]!.local).toBe(true);
    expect(r.entries[4]!.local).toBe(false);
  });

  it('gives entries equal to core EntrySchema output', async () => {
    const r = await readEntriesCsv(fixture);
    const first = r.entries[0]!;
    const viaSchema = EntrySchema.parse({
      measure: 'NT1',
      quantity: '10',
      year: 2025,
      duration: 2,
      deadweight: '0.2',
      attribution: '0.1',
      displacement: '0',
      dropOff: '0.1',
      local: true,
      notes: 'good row',
      line: 2,
    });
    expect(
      EntrySchema.parse({
        ...first,
        quantity: first.quantity.toString(),
        deadweight: '0.2',
        attribution: '0.1',
        displacement: '0',
        dropOff: '0.1',
      }),
    ).toEqual(viaSchema);
    expect(Object.keys(first).sort()).toEqual(Object.keys(viaSchema).sort());
  });

  it('gives identical results when the bytes arrive in awkward chunks', async () => {
    const whole = await readEntriesCsv(fixture);
    const strip = (x: typeof whole) => JSON.stringify(x);
    for (const size of [1, 2, 3, 5, 64]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < fixture.length; i += size) chunks.push(fixture.subarray(i, i + size));
      expect(strip(await readEntriesCsv(chunks))).toBe(strip(whole));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: fixture.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), fixture.length];
          async function* gen() {
            for (let k = 0; k + 1 < at.length; k++) yield fixture.subarray(at[k], at[k + 1]);
          }
          expect(strip(await readEntriesCsv(gen()))).toBe(strip(whole));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('streams rows with readEntries and summarises', async () => {
    const reader = readEntries(fixture.toString('utf8'), { file: 'x.csv' });
    const lines: number[] = [];
    for await (const row of reader) lines.push(row.line);
    expect(lines.length).toBe(35);
    expect(lines[lines.length - 1]).toBe(39);
    expect(reader.summary().counts).toEqual({ read: 35, accepted: 6, rejected: 29, blank: 2 });
  });

  it('checks measure codes against a framework, naming a near miss', async () => {
    const r = await readEntriesCsv('measure,quantity,year\nNT1,1,2025\nnt1,2,2025\nXX9,3,2025\n', {
      framework: ['NT1', 'NT2'],
    });
    expect(r.entries.map((e) => e.line)).toEqual([2]);
    expect(r.issues.map((i) => [i.line, i.code, i.column, i.field])).toEqual([
      [3, 'unknown_measure', 1, 'measure'],
      [4, 'unknown_measure', 1, 'measure'],
    ]);
    expect(r.issues[0]!.message).toContain('did you mean "NT1"?');
  });
});

describe('earliestEntryYear', () => {
  it('reads the year column as the reader does: headers matched, bad years and bad rows passed over', async () => {
    const text = 'Measure Code,QTY,Year\nNT1,1,2027\nNT1,abc,2025\nNT1,2,20x6\n,3,2031\n';
    // 2025's row has a bad quantity: the scan counts it (a lower bound), the reader does not
    expect(await earliestEntryYear(text)).toBe(2025);
    expect(await earliestEntryYear('measure,quantity,year\nNT1,"1\n2",2019\nNT1,1,2030\n')).toBe(2019);
    expect(
      await earliestEntryYear('measure,quantity,when\nNT1,1,2027\n', { headers: { year: 'when' } }),
    ).toBe(2027);
    expect(await earliestEntryYear('measure,quantity,year\nNT1,1,soon\n')).toBeUndefined();
    expect(await earliestEntryYear('measure,quantity\nNT1,1\n')).toBeUndefined();
    // Windows-1252 bytes (£ as 0xA3) decoded as the reader decodes them
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('measure,quantity,year,notes\nNT1,1,2026,'),
      0xa3,
      10,
    ]);
    expect(await earliestEntryYear(bytes)).toBe(2026);
  });

  it('property: never later than the earliest year the reader accepts, and equal to it when every row is accepted', async () => {
    const row = fc.record({
      quantity: fc.constantFrom('1', '2.5', 'x', ''),
      year: fc.oneof(fc.integer({ min: 1990, max: 2100 }).map(String), fc.constantFrom('', '20x6', '2026.5')),
      notes: fc.constantFrom('', '"a, b"', '"two\nlines"', 'plain'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        const text = [
          'measure,quantity,year,notes',
          ...rows.map((r) => `NT1,${r.quantity},${r.year},${r.notes}`),
        ].join('\n');
        const read = await readEntriesCsv(text);
        const years = read.entries.map((e) => e.year);
        const scanned = await earliestEntryYear(text);
        if (years.length) expect(scanned).toBeLessThanOrEqual(Math.min(...years));
        if (read.counts.rejected === 0) expect(scanned).toBe(years.length ? Math.min(...years) : undefined);
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});
