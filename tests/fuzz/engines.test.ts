// Engine invariants across packages: the streaming paths (CSV written by the SDK, read back in
// arbitrary chunks, into the totals-only or spend accumulators) give exactly the answer of the
// in-memory engines.
//
// The engines' own invariants are tested beside them and not repeated here:
// - valuation linear in quantity, PV ≤ undiscounted value for positive values, totals = exact sum
//   of lines, split/merge and permutation: packages/core/src/valuation/properties.test.ts
// - evaluation totals within 0–100, permutation invariance, monotone own scores:
//   packages/core/src/procurement/properties.test.ts
// - doughnut ratios monotonic in value: packages/core/src/limits/normalise.test.ts; portrait order
//   independence: packages/core/src/limits/doughnut.test.ts
// - spend split/merge: packages/core/src/economy/spend.test.ts; typed rows and pence sums:
//   packages/core/src/economy/spend-typed.test.ts
import { analyseSpend, type SpendRowInput, toSpendJson } from '@commonweal/core/economy';
import { validateFramework } from '@commonweal/core/framework';
import { dec } from '@commonweal/core/money';
import { createValuationAccumulator, type EntryInput, valueEntries } from '@commonweal/core/valuation';
import { analyseSpendCsv, readEntries, toCsv } from '@commonweal/csv';
import { greenBookStandard, hmtGdpDeflator } from '@commonweal/uk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './seed';

const SOURCE = { title: 'Hand-made fuzz proxy (not a published value)', licence: 'CC0-1.0' };
const proxy = (value: string, priceYear: number) => ({
  value,
  currency: 'GBP',
  priceYear,
  basis: 'per unit',
  source: { ...SOURCE, priceYear },
});
const fw = validateFramework({
  id: 'fuzz',
  title: 'Fuzz framework',
  currency: 'GBP',
  themes: [
    { id: 'a', title: 'A' },
    { id: 'b', title: 'B' },
  ],
  outcomes: [],
  measures: [
    { code: 'JOB', title: 'Jobs', theme: 'a', unit: 'FTE', proxy: proxy('21000', 2024) },
    {
      code: 'WB',
      title: 'Wellbeing',
      theme: 'b',
      unit: 'WELLBY',
      proxy: proxy('13000', 2019),
      defaults: { dropOff: '0.1' },
    },
    {
      code: 'HIRE',
      title: 'Hires',
      theme: 'a',
      unit: 'people',
      proxy: proxy('1200', 2022),
      countingRule: 'firstYearOnly',
    },
    { code: 'REC', title: 'Recorded', theme: 'b', unit: 'things', proxy: null },
  ],
});
if (!fw.ok) throw new Error(JSON.stringify(fw.issues));
const framework = fw.value;
const options = {
  baseYear: 2025,
  priceYear: 2024,
  indexSeries: hmtGdpDeflator,
  discounting: greenBookStandard,
};

// few values, so that rows often share everything but one field (the totals-only grouping must
// keep them apart)
const fraction = fc.constantFrom(undefined, undefined, '0', '0.1', '1', '0.333');
const entry = fc.record(
  {
    measure: fc.constantFrom('JOB', 'WB', 'HIRE', 'REC', 'NOPE'),
    quantity: fc.oneof(
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`),
      fc.constantFrom('123456789012345.678', '0.000001'),
    ),
    year: fc.integer({ min: 2024, max: 2027 }),
    duration: fc.constantFrom(undefined, 1, 2, 5),
    deadweight: fraction,
    attribution: fraction,
    displacement: fraction,
    dropOff: fraction,
  },
  { requiredKeys: ['measure', 'quantity', 'year'] },
);

const COLUMNS = [
  'measure',
  'quantity',
  'year',
  'duration',
  'deadweight',
  'attribution',
  'displacement',
  'dropOff',
] as const;

function chunked(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const c of [...at, text.length]) {
    out.push(text.slice(prev, c));
    prev = c;
  }
  return out;
}

describe('streaming paths equal the in-memory engines (fast-check)', () => {
  it('entries → toCsv → readEntries in any chunks → totals-only accumulator = valueEntries, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (raw, cuts) => {
          const entries = raw.map((e) => {
            const out: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
            return out as EntryInput;
          });
          const csv = toCsv(
            entries,
            // numbers as decimals: written plainly (a text "-1" would be neutralised as "'-1")
            COLUMNS.map((k) => ({
              header: k === 'dropOff' ? 'drop_off' : k,
              value: (e: EntryInput) => {
                const v = e[k] as string | number | undefined;
                return typeof v === 'string' && k !== 'measure' ? dec(v) : v;
              },
            })),
          );
          const acc = createValuationAccumulator(framework, { ...options, keepLines: false, maxIssues: 5 });
          const reader = readEntries(chunked(csv, cuts));
          let i = 0;
          for await (const batch of reader.batches())
            for (const row of batch) {
              expect(row.ok).toBe(true);
              if (row.ok) acc.add(row.value, i);
              i++;
            }
          expect(reader.summary().counts.read).toBe(entries.length);
          const streamed = acc.result();
          const direct = valueEntries(framework, entries, options);
          if (!streamed.ok || !direct.ok) throw new Error('valuation failed');
          expect(streamed.value.totals).toEqual(direct.value.totals);
          expect(streamed.value.counts).toEqual(direct.value.counts);
          expect(streamed.value.recorded).toEqual(direct.value.recorded);
          // the issues of the first rows, in the same order
          const first = direct.value.issues.slice(0, 5).map((x) => x.code);
          expect(streamed.value.issues.slice(0, first.length).map((x) => x.code)).toEqual(first);
        },
      ),
      runs(60),
    );
  });

  it('spend rows → toCsv → analyseSpendCsv in any chunks = analyseSpend, exactly', async () => {
    const row = fc.record({
      date: fc.constantFrom('2024-03-31', '2024-04-01', '2025-01-15'),
      supplierName: fc.constantFrom('Exe Bakers Ltd', 'Big Outsourcing PLC', 'REDACTED', '=Formula Ltd'),
      amount: fc.integer({ min: -1_000_000, max: 10_000_000 }).map((p) => (p / 100).toFixed(2)),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (rows, cuts) => {
          const csv = toCsv(rows, [
            { header: 'Date', key: 'date' },
            { header: 'Supplier Name', key: 'supplierName' },
            { header: 'Amount', value: (x) => dec(x.amount) },
          ]);
          const spend = { local: ['EX1'], vatBasis: 'exclusive' as const, top: 10 };
          const r = await analyseSpendCsv(chunked(csv, cuts), { spend });
          if (!r.ok) throw new Error(JSON.stringify(r.issues));
          // the writer neutralised "=Formula Ltd" as "'=Formula Ltd": that is the name read back
          const expected = analyseSpend(
            rows.map(
              (x, k): SpendRowInput => ({
                ...x,
                supplierName: x.supplierName.startsWith('=') ? `'${x.supplierName}` : x.supplierName,
                line: k + 2,
              }),
            ),
            spend,
          );
          const strip = (j: ReturnType<typeof toSpendJson>) => ({ ...j, issues: undefined });
          expect(strip(toSpendJson(r.value.analysis))).toEqual(strip(toSpendJson(expected)));
        },
      ),
      runs(60),
    );
  });
});
