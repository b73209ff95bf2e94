import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FrameworkInput, FrameworkSchema } from '../framework/schema';
import { type Entry, type EntryInput, EntrySchema } from '../valuation/schema';
import { evaluate, parseEvaluationInput } from './evaluate';
import { valueCommitments } from './social-value';

const proxy = (value: string) => ({
  value,
  currency: 'GBP',
  priceYear: 2025,
  basis: 'per unit',
  source: { title: 'Constructed test proxy', licence: 'CC0-1.0' },
});
const frameworkInput: FrameworkInput = {
  id: 'demo',
  title: 'Demo measures',
  currency: 'GBP',
  themes: [{ id: 'jobs', title: 'Jobs' }],
  measures: [
    { code: 'J1', title: 'Local jobs (FTE)', theme: 'jobs', unit: 'FTE', proxy: proxy('1000') },
    { code: 'WB1', title: 'Wellbeing', theme: 'jobs', unit: 'WELLBY', proxy: proxy('100') },
    { code: 'REC', title: 'Recorded only', theme: 'jobs', unit: 'people' },
  ],
};
const framework = FrameworkSchema.parse(frameworkInput);

// Two J1 rows in 2025 differ only by quantity, two WB1 rows in 2026 only by deadweight.
const rows: EntryInput[] = [
  { measure: 'J1', quantity: '4', year: 2025, bid: 'B1', line: 2 },
  { measure: 'WB1', quantity: '6', year: 2026, bid: 'B1', deadweight: '0.2', line: 3 },
  { measure: 'J1', quantity: '1', year: 2025, bid: 'B1', line: 4 },
  { measure: 'REC', quantity: '3', year: 2025, bid: 'B1', line: 5 },
  { measure: 'WB1', quantity: '6', year: 2026, bid: 'B1', line: 6 },
  { measure: 'J1', quantity: '2', year: 2026, bid: 'B1', line: 7 },
];
const entries: Entry[] = rows.map((r) => EntrySchema.parse(r));

function trace(list: readonly Entry[]) {
  const r = valueCommitments(framework, list, { baseYear: 2025, discounting: null });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('valueCommitments: the trace names commitments by bid, measure and year', () => {
  it('not by position: numbered only among the same name, by quantity then the other fields', () => {
    const t = trace(entries).trace;
    const named = Object.entries(t.inputs)
      .filter(([k]) => k.startsWith('commitment '))
      .map(([k, v]) => [k, v.value]);
    // J1 2025: 1 × £1,000 then 4 × £1,000; WB1 2026: 6 × £100 with deadweight 0 then 0.2
    // (no deadweight sorts before "0.2"); record-only REC is not valued, so not listed.
    expect(named).toEqual([
      ['commitment B1 J1 2025 (1 of 2)', '1000'],
      ['commitment B1 J1 2025 (2 of 2)', '4000'],
      ['commitment B1 J1 2026', '2000'],
      ['commitment B1 WB1 2026 (1 of 2)', '600'],
      ['commitment B1 WB1 2026 (2 of 2)', '480'],
    ]);
    // 1,000 + 4,000 + 2,000 + 600 + 480 = 8,080 (undiscounted)
    expect(t.result).toBe('8080');
  });

  it('shuffling the commitments gives an identical trace (same names, values, order; seeded)', () => {
    const expected = JSON.stringify(trace(entries));
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length }), (shuffled) => {
        // the file's line numbers travel with the rows; the trace must not depend on either
        expect(JSON.stringify(trace(shuffled))).toBe(expected);
      }),
      { seed: 42, numRuns: 200 },
    );
    // and a plain reversal, hand-made
    expect(JSON.stringify(trace([...entries].reverse()))).toBe(expected);
  });

  it('through evaluate: a bid’s social value trace is the same whatever the commitments’ order', () => {
    const input = (commitments: EntryInput[]) => {
      const parsed = parseEvaluationInput({
        model: {
          id: 'T1',
          title: 'Care',
          currency: 'GBP',
          criteria: [
            { id: 'price', title: 'Price', weight: 50, type: 'price', method: 'lowest-ratio' },
            {
              id: 'sv',
              title: 'Social value',
              weight: 50,
              type: 'social-value',
              mode: 'quantitative',
              method: 'highest-ratio',
            },
          ],
        },
        bids: [
          { bid: 'B1', bidder: 'Acme', price: 1000 },
          { bid: 'B2', bidder: 'Brill', price: 1000 },
        ],
        commitments: [...commitments, { measure: 'J1', quantity: '1', year: 2025, bid: 'B2', line: 9 }],
        framework: frameworkInput,
        valuation: { discounting: null },
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const r = evaluate(parsed.value);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return JSON.stringify(r.value.bids.find((b) => b.bid === 'B1')?.socialValue);
    };
    const forward = input(rows);
    expect(forward).toContain('commitment B1 WB1 2026 (2 of 2)');
    expect(input([...rows].reverse())).toBe(forward);
    expect(input([rows[4], rows[0], rows[5], rows[2], rows[1], rows[3]] as EntryInput[])).toBe(forward);
  });
});
