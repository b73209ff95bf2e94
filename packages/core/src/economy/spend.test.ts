import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { analyseSpend, analyseSpendAsync, createSpendAccumulator, type SpendRowInput } from './spend';
import { SpendJsonSchema, toSpendJson } from './spend-json';
import { buildSupplierRegister, type SupplierRegister } from './supplier';

const reg = buildSupplierRegister([
  { supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'ex12ab', sme: 'Y' }, // EX1 → local
  { supplierId: 'S2', supplierName: 'Teign Care CIC', postcode: 'EX10 1AA', vcse: 'Y' }, // EX10 ≠ EX1 → leakage
  { supplierId: 'S3', supplierName: 'Exe Co-operative Ltd', postcode: 'EX2 4QP', cooperative: 'Y' }, // sector EX2 4 → local
  { supplierId: 'S4', supplierName: 'Sector Five Ltd', postcode: 'EX2 5AA' }, // sector EX2 5 → leakage
  { supplierId: 'S5', supplierName: 'Torbay Traders', postcode: 'TQ1 1AA', sme: 'Y' }, // area TQ → local
  { supplierId: 'S6', supplierName: 'Big Outsourcing PLC', postcode: 'BS1 4DJ', sme: 'N' }, // leakage
  { supplierId: 'S7', supplierName: 'Nowhere Ltd', postcode: 'NOT A PC' }, // location unknown
]);
if (!reg.ok) throw new Error('register');
const register: SupplierRegister = reg.value;
const LOCAL = ['EX1', 'EX2 4', 'TQ'];

const ROWS: SpendRowInput[] = [
  { date: '2024-04-01', supplierName: 'Exe Bakers Ltd', supplierId: 'S1', amount: '1000.00', line: 2 },
  { date: '2025-03-31', supplierName: 'EXE BAKERS LIMITED', amount: '500', line: 3 },
  { date: '2025-04-01', supplierName: 'Teign Care CIC', supplierId: 'S2', amount: '300', line: 4 },
  { date: '2024-06-15', supplierName: 'Exe Bakers Ltd', supplierId: 'S1', amount: '-200', line: 5 }, // credit note
  { date: '2024-07-01', supplierName: 'REDACTED', amount: '150', line: 6 },
  { date: '2024-07-02', supplierName: 'Redacted under DP Act', amount: '50', line: 7 },
  { date: '2024-07-03', supplierName: 'Personal data', amount: '25', line: 8 },
  { date: '2024-08-01', supplierName: 'Unknown Supplier Ltd', amount: '400', line: 9 },
  { date: '2024-09-01', supplierName: 'Big Outsourcing PLC', supplierId: 'S6', amount: '2000', line: 10 },
  { date: '2024-09-02', supplierName: 'Exe Co-operative', amount: 75, line: 11 },
  { date: '2024-10-01', supplierName: 'Torbay Traders', amount: dec('100'), line: 12 },
  { date: '2024-10-02', supplierName: 'Sector Five Ltd', amount: '60', line: 13 },
  { date: '2024-10-03', supplierName: 'Nowhere Ltd', amount: '40', line: 14 },
  { date: '2024-10-04', supplierName: 'Exe Bakers', amount: 'ten', line: 15 },
  { date: '31/12/2024', supplierName: 'Exe Bakers', amount: '5', line: 16 },
];

const run = (extra: Record<string, unknown> = {}) =>
  analyseSpend(ROWS, { local: LOCAL, suppliers: register, vatBasis: 'exclusive', ...extra });

describe('analyseSpend: hand-checked fixture', () => {
  const a = run();

  it('accounts for every row: read = accepted + rejected, with located issues', () => {
    expect(a.rows).toEqual({ read: 15, accepted: 13, rejected: 2 });
    const rowIssues = a.issues.filter((i) => i.line !== undefined);
    expect(rowIssues.map((i) => [i.line, i.field])).toEqual([
      [15, 'amount'],
      [16, 'date'],
    ]);
  });

  it('nets credit notes into totals: in-scope spend £4,500.00', () => {
    // 1000 + 500 + 300 − 200 + 150 + 50 + 25 + 400 + 2000 + 75 + 100 + 60 + 40
    expect(a.total.amount.toString()).toBe('4500');
    expect(a.total.share.toString()).toBe('1');
    expect(a.total.count).toBe(13);
  });

  it('splits spend into local, leakage, location unknown, redacted and unclassified', () => {
    // local: Exe Bakers 1000 + 500 − 200, Exe Co-op 75, Torbay Traders 100
    expect([a.local.amount.toString(), a.local.count]).toEqual(['1475', 5]);
    expect(a.local.share.toFixed(6)).toBe('0.327778'); // 1475 / 4500
    // leakage: Teign Care (EX10) 300, Big Outsourcing 2000, Sector Five (EX2 5) 60
    expect([a.leakage.amount.toString(), a.leakage.count]).toEqual(['2360', 3]);
    expect(a.leakage.share.toFixed(6)).toBe('0.524444');
    expect([a.locationUnknown.amount.toString(), a.locationUnknown.count]).toEqual(['40', 1]);
    expect([a.redacted.amount.toString(), a.redacted.count]).toEqual(['225', 3]);
    expect([a.unclassified.amount.toString(), a.unclassified.count]).toEqual(['400', 1]);
    const parts = [a.local, a.leakage, a.locationUnknown, a.redacted, a.unclassified];
    expect(parts.reduce((s, p) => s.plus(p.amount), dec(0)).eq(a.total.amount)).toBe(true);
  });

  it('classifies SME, VCSE and co-operative spend from the register (never redacted rows)', () => {
    expect([a.sme.amount.toString(), a.sme.count]).toEqual(['1400', 4]); // Exe Bakers 1300 + Torbay 100
    expect([a.vcse.amount.toString(), a.vcse.count]).toEqual(['300', 1]);
    expect([a.cooperative.amount.toString(), a.cooperative.count]).toEqual(['75', 1]);
  });

  it('splits by financial year at 31 March / 1 April', () => {
    const fy = a.byPeriod.financialYear!;
    expect(fy.map((p) => [p.period, p.total.amount.toString()])).toEqual([
      ['2024-25', '4200'],
      ['2025-26', '300'],
    ]);
    expect(fy[1]!.leakage.share.toString()).toBe('1');
    expect(a.byPeriod.month!.map((p) => p.period)).toEqual([
      '2024-04',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2025-03',
      '2025-04',
    ]);
    expect(a.byPeriod.quarter!.map((p) => p.period)).toEqual([
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
    ]);
    expect(a.byPeriod.financialQuarter).toBeUndefined();
  });

  it('ranks top suppliers by £ with names from the register', () => {
    expect(a.topSuppliers.map((s) => [s.rank, s.name, s.amount.toString(), s.count])).toEqual([
      [1, 'Big Outsourcing PLC', '2000', 1],
      [2, 'Exe Bakers Ltd', '1300', 3],
      [3, 'Unknown Supplier Ltd', '400', 1],
      [4, 'Teign Care CIC', '300', 1],
      [5, 'Torbay Traders', '100', 1],
      [6, 'Exe Co-operative Ltd', '75', 1],
      [7, 'Sector Five Ltd', '60', 1],
      [8, 'Nowhere Ltd', '40', 1],
    ]);
    expect(a.topSuppliers[1]).toMatchObject({ local: true, sme: true, matched: true, supplierId: 'S1' });
    expect(a.topSuppliers[2]).toMatchObject({ matched: false });
    expect(a.suppliers).toEqual({ count: 8, matched: 7, unmatched: 1, negative: 0 });
  });

  it('traces the local share', () => {
    expect(a.traces.local.inputs['in-scope spend']!.value).toBe('4500.00');
    expect(a.traces.local.notes).toContain('boundary: EX1, EX2 4, TQ');
  });

  it('gives JSON matching SpendJsonSchema with strings for decimals and no undefined', () => {
    const json = toSpendJson(a);
    expect(SpendJsonSchema.safeParse(json).success).toBe(true);
    expect(json.local).toEqual({ amount: '1475.00', share: dec(1475).dividedBy(4500).toString(), count: 5 });
    expect(json.rows).toEqual({ read: 15, accepted: 13, rejected: 2 });
    expect(json.topSuppliers[2]).toMatchObject({ supplierId: null, local: null, sme: null });
    expect(JSON.stringify(json)).not.toContain('undefined');
    const walk = (v: unknown): void => {
      expect(v).not.toBeUndefined();
      if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(json);
  });
});

describe('redactions and exclusions', () => {
  it('treats every redaction marker as redacted, and only whole-name markers exactly', () => {
    const a = analyseSpend(
      [
        { date: '2024-04-01', supplierName: 'REDACTED', amount: '1' },
        { date: '2024-04-01', supplierName: 'Redacted - personal data', amount: '1' },
        { date: '2024-04-01', supplierName: 'Personal Information', amount: '1' },
        { date: '2024-04-01', supplierName: 'Individual', amount: '1' },
        { date: '2024-04-01', supplierName: 'Individual Care Ltd', amount: '1' },
        { date: '2024-04-01', supplierName: 'Supplier 99', amount: '1' },
      ],
      { local: ['EX'], redactionMarkers: [{ text: 'supplier 99', match: 'exact' }] },
    );
    expect(a.redacted.count).toBe(5);
    expect(a.unclassified.count).toBe(1);
    expect(a.topSuppliers.map((s) => s.name)).toEqual(['Individual Care Ltd']);
  });

  it('excluding redactions takes them out of the denominator but still reports them', () => {
    const a = run({ exclude: { redacted: true } });
    expect(a.total.amount.toString()).toBe('4275');
    expect(a.redacted.amount.toString()).toBe('225');
    expect(a.redacted.share.eq(dec(225).dividedBy(4275))).toBe(true);
    expect(a.excluded.byRule.redacted).toEqual({ amount: dec('225'), count: 3 });
    expect(a.local.share.eq(dec(1475).dividedBy(4275))).toBe(true);
    expect(a.definition.redacted).toBe('excluded');
    expect(a.rows.accepted).toBe(13);
  });

  it('declared exclusions (other public bodies, a period) are counted apart and declared', () => {
    const a = run({ exclude: { supplierNames: ['big outsourcing'], from: '2024-04-01', to: '2025-03-31' } });
    expect(a.excluded.byRule).toEqual({
      'after period': { amount: dec('300'), count: 1 },
      supplier: { amount: dec('2000'), count: 1 },
    });
    expect(a.total.amount.toString()).toBe('2200');
    expect(a.gross.amount.toString()).toBe('4500');
    expect(a.definition.exclusions).toEqual([
      'suppliers: big outsourcing',
      'payments before 2024-04-01',
      'payments after 2025-03-31',
    ]);
  });
});

describe('amounts, VAT and flags', () => {
  it('flags a negative supplier total', () => {
    const a = analyseSpend(
      [
        { date: '2024-04-01', supplierName: 'Exe Bakers', supplierId: 'S1', amount: '100' },
        { date: '2024-04-02', supplierName: 'Exe Bakers', supplierId: 'S1', amount: '-150.50' },
      ],
      { local: LOCAL, suppliers: register },
    );
    expect(a.suppliers.negative).toBe(1);
    const i = a.issues.find((x) => x.code === 'negative_supplier_total');
    expect(i?.message).toContain('-50.50');
    expect(i?.severity).toBe('warning');
  });

  it('rounds float artefacts to pence and says so (Devon: 73423.70999999999)', () => {
    const a = analyseSpend([{ date: '2017-07-03 00:00:00', supplierName: 'X', amount: '73423.70999999999' }]);
    expect(a.total.amount.toString()).toBe('73423.71');
    expect(a.definition.amountsRoundedToPence).toBe(1);
    expect(a.issues.map((i) => i.code)).toContain('amount_rounded');
  });

  it('rejects a row on another VAT basis than the one declared', () => {
    const a = analyseSpend(
      [
        { date: '2024-04-01', supplierName: 'X', amount: '10', vatBasis: 'exclusive' },
        { date: '2024-04-01', supplierName: 'X', amount: '12', vatBasis: 'inclusive', line: 3 },
      ],
      { vatBasis: 'exclusive' },
    );
    expect(a.rows).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(a.issues.find((i) => i.code === 'vat_basis_mismatch')).toMatchObject({
      line: 3,
      field: 'vatBasis',
    });
  });

  it('never mixes VAT bases silently', () => {
    const a = analyseSpend([
      { date: '2024-04-01', supplierName: 'X', amount: '10', vatBasis: 'exclusive' },
      { date: '2024-04-01', supplierName: 'X', amount: '12', vatBasis: 'inclusive' },
    ]);
    expect(a.definition.vatBasis).toBe('mixed');
    expect(a.issues.find((i) => i.code === 'vat_basis_mixed')?.severity).toBeUndefined(); // an error
  });

  it('caps the issue list and counts the rest by code', () => {
    const bad = Array.from({ length: 5 }, (_, k) => ({
      date: 'x',
      supplierName: 'X',
      amount: '1',
      line: k + 2,
    }));
    const a = analyseSpend(bad, { maxIssues: 2 });
    expect(a.rows.rejected).toBe(5);
    expect(a.issues.filter((i) => i.line !== undefined)).toHaveLength(2);
    expect(a.issues.find((i) => i.code === 'issues_truncated')?.message).toContain('3 more issues');
  });

  it('reports invalid local-area entries and a missing register', () => {
    const a = analyseSpend([], { local: ['EX1', 'rubbish'] });
    expect(a.issues.map((i) => i.code)).toEqual(['local_area_invalid', 'supplier_register_missing']);
  });
});

describe('mergeable and streaming', () => {
  const names = [
    'Exe Bakers Ltd',
    'EXE BAKERS LIMITED',
    'Teign Care CIC',
    'REDACTED',
    'Unknown Ltd',
    'UNKNOWN LIMITED',
    'Big Outsourcing PLC',
    'Nowhere Ltd',
    'Torbay Traders',
  ];
  const row = fc.record({
    date: fc.constantFrom('2024-03-31', '2024-04-01', '2024-12-31', '2025-01-01', '2025-03-31', 'bad'),
    supplierName: fc.constantFrom(...names),
    amount: fc.oneof(
      fc.integer({ min: -100_000, max: 1_000_000 }).map((p) => (p / 100).toFixed(2)),
      fc.constantFrom('73423.70999999999', 'ten', '-0.005'),
    ),
    supplierId: fc.option(fc.constantFrom('S1', 'S6', 'X9'), { nil: undefined }),
  });
  const options = { local: LOCAL, suppliers: register, top: 6, maxIssues: 7 };
  const clean = (
    r: { supplierId?: string | undefined } & Omit<SpendRowInput, 'supplierId'>,
    k: number,
  ): SpendRowInput => {
    const out: SpendRowInput = { date: r.date, supplierName: r.supplierName, amount: r.amount, line: k + 2 };
    if (r.supplierId !== undefined) out.supplierId = r.supplierId;
    return out;
  };

  it('splitting a file in two and merging gives exactly the one-pass answer', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.nat(), (raw, cut) => {
        const rows = raw.map(clean);
        const at = rows.length ? cut % (rows.length + 1) : 0;
        const one = createSpendAccumulator(options);
        for (const r of rows) one.add(r);
        const a = createSpendAccumulator(options);
        const b = createSpendAccumulator(options);
        for (const r of rows.slice(0, at)) a.add(r);
        for (const r of rows.slice(at)) b.add(r);
        expect(toSpendJson(a.merge(b).result())).toEqual(toSpendJson(one.result()));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('merging three parts in order equals one pass; the merged-in part is unchanged', () => {
    const one = analyseSpend(ROWS, { local: LOCAL, suppliers: register });
    const parts = [ROWS.slice(0, 4), ROWS.slice(4, 9), ROWS.slice(9)].map((p) => {
      const acc = createSpendAccumulator({ local: LOCAL, suppliers: register });
      for (const r of p) acc.add(r);
      return acc;
    });
    const before = toSpendJson(parts[1]!.result());
    const merged = parts[0]!.merge(parts[1]!).merge(parts[2]!);
    expect(toSpendJson(merged.result())).toEqual(toSpendJson(one));
    expect(toSpendJson(parts[1]!.result())).toEqual(before);
  });

  it('an unmatched supplier shows the same spelling whichever part saw it first', () => {
    const part = (name: string) =>
      createSpendAccumulator().add({ date: '2024-04-01', supplierName: name, amount: '1' });
    const ab = part('Unknown Ltd').merge(part('UNKNOWN LIMITED')).result();
    const ba = part('UNKNOWN LIMITED').merge(part('Unknown Ltd')).result();
    expect(ab.topSuppliers.map((s) => [s.name, s.count])).toEqual([['UNKNOWN LIMITED', 2]]);
    expect(toSpendJson(ab)).toEqual(toSpendJson(ba));
  });

  it('refuses to merge accumulators with different options', () => {
    const a = createSpendAccumulator({ local: ['EX1'] });
    const b = createSpendAccumulator({ local: ['EX10'] });
    expect(() => a.merge(b)).toThrow(/different options/);
    expect(() => a.merge(a)).toThrow();
  });

  it('keeps no per-row state: state stays the same size as rows grow', () => {
    const acc = createSpendAccumulator({ local: LOCAL, suppliers: register });
    const feed = (n: number) => {
      for (let k = 0; k < n; k++) {
        acc.add({
          date: `2024-0${(k % 6) + 4}-15`,
          supplierName: names[k % names.length]!,
          amount: `${k % 997}.${k % 100}`,
        });
      }
    };
    feed(1_000);
    const small = acc.stateSize();
    feed(20_000);
    expect(acc.stateSize()).toEqual(small);
    expect(acc.result().rows.read).toBe(21_000);
  });

  it('reads an async stream', async () => {
    async function* gen() {
      for (const r of ROWS) yield r;
    }
    const a = await analyseSpendAsync(gen(), { local: LOCAL, suppliers: register, vatBasis: 'exclusive' });
    expect(toSpendJson(a)).toEqual(toSpendJson(run()));
  });
});
