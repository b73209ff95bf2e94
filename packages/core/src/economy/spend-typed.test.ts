import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, dec } from '../money/decimal';
import { createSpendAccumulator, type SpendRowInput, SpendRowSchema } from './spend';
import { toSpendJson } from './spend-json';
import { buildSupplierRegister } from './supplier';

// The spend accumulator takes rows a reader has already typed (ISO date, Decimal amount, trimmed
// text) without a second zod parse, and keeps its sums in pence: both must give exactly what
// the schema path and Decimal sums give.
const reg = buildSupplierRegister([
  { supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB', sme: 'Y' },
  { supplierId: 'S6', supplierName: 'Big Outsourcing PLC', postcode: 'BS1 4DJ', sme: 'N' },
]);
if (!reg.ok) throw new Error('register');
const options = { local: ['EX1'], suppliers: reg.value, top: 5, maxIssues: 5 };

const row = fc.record(
  {
    date: fc.constantFrom(
      '2024-03-31',
      '2024-04-01',
      '2025-02-28',
      '2024-02-30',
      ' 2024-05-01',
      '2017-07-03 00:00:00',
    ),
    supplierName: fc.constantFrom(
      'Exe Bakers Ltd',
      'Big Outsourcing PLC',
      'REDACTED',
      'Someone Else',
      ' padded ',
      '',
    ),
    amount: fc.oneof(
      fc.integer({ min: -10_000_000, max: 100_000_000 }).map((p) => (p / 100).toFixed(2)),
      fc.constantFrom('73423.70999999999', '-0.005', '90071992547409.91', '1e20', '-1e-9', '0'),
    ),
    supplierId: fc.constantFrom('S1', 'S6', 'X9', ' s1 '),
    department: fc.constantFrom('Adult Care', ' Highways', ''),
    cardTransaction: fc.boolean(),
    vatBasis: fc.constantFrom('exclusive' as const, 'inclusive' as const),
  },
  { requiredKeys: ['date', 'supplierName', 'amount'] },
);

/** The row as given, but with its amount as a Decimal (the fast path must still check the rest). */
function decimalAmount(r: SpendRowInput): SpendRowInput {
  const a = r.amount;
  return typeof a === 'string' && /^-?[0-9.e]+$/.test(a) && !Number.isNaN(Number(a))
    ? { ...r, amount: new Dec(a) }
    : r;
}

/** The same row as a reader would type it (when the schema accepts it). */
function typed(r: SpendRowInput): SpendRowInput {
  const p = SpendRowSchema.safeParse(r);
  if (!p.success) return r;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p.data)) if (v !== undefined) out[k] = v;
  return out as SpendRowInput;
}

describe('spend accumulator fast paths', () => {
  it('typed rows give exactly the analysis of the same rows as text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, fc.constantFrom(typed, decimalAmount)), { maxLength: 40 }),
        fc.nat(),
        (raw, cut) => {
          const rows = raw.map(([r], i) => ({ ...r, line: i + 2 }) as SpendRowInput);
          const shape = raw.map(([, f]) => f);
          const text = createSpendAccumulator(options);
          for (const r of rows) text.add(r);
          const fast = createSpendAccumulator(options);
          const more = createSpendAccumulator(options);
          const at = rows.length ? cut % (rows.length + 1) : 0;
          rows.forEach((r, i) => {
            (i < at ? fast : more).add(shape[i]!(r));
          });
          expect(toSpendJson(fast.merge(more).result())).toEqual(toSpendJson(text.result()));
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });

  it('sums past 2^53 pence stay exact (hand-checked: 3 × £90,071,992,547,409.91 = £270,215,977,642,229.73)', () => {
    const acc = createSpendAccumulator({ local: ['EX1'] });
    for (let i = 0; i < 3; i++)
      acc.add({ date: '2024-04-01', supplierName: 'Giant Ltd', amount: dec('90071992547409.91') });
    const a = acc.result();
    expect(a.total.amount.toFixed(2)).toBe('270215977642229.73');
    expect(a.gross.amount.toFixed(2)).toBe('270215977642229.73');
    expect(a.topSuppliers[0]?.amount.toFixed(2)).toBe('270215977642229.73');
  });

  it('a typed amount from another decimal clone is read as a Dec', () => {
    const Other = Dec.clone({ precision: 5 });
    const acc = createSpendAccumulator({ local: ['EX1'] });
    acc.add({ date: '2024-04-01', supplierName: 'Exe Bakers Ltd', amount: new Other('123456.78') });
    acc.add({ date: '2024-04-01', supplierName: 'Exe Bakers Ltd', amount: new Other('0.01') });
    expect(acc.result().total.amount.toFixed(2)).toBe('123456.79');
  });
});
