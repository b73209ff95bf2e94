import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import {
  createSpendAccumulator,
  declaredExclusions,
  inScopeIssues,
  negativeSupplierIssues,
  rankSuppliers,
  vatBasisVerdict,
} from './spend';

describe('the stages of a spend result', () => {
  it('vatBasisVerdict: one basis, mixed bases, a basis missing for some rows, none declared', () => {
    expect(vatBasisVerdict(new Map([['exclusive', 4]]), 4)).toEqual({ vatBasis: 'exclusive', issues: [] });
    const mixed = vatBasisVerdict(
      new Map([
        ['inclusive', 1],
        ['exclusive', 2],
      ]),
      3,
    );
    expect(mixed.vatBasis).toBe('mixed');
    expect(mixed.issues.map((i) => [i.code, i.severity])).toEqual([['vat_basis_mixed', undefined]]);
    const part = vatBasisVerdict(
      new Map([
        ['exclusive', 2],
        ['unknown', 1],
      ]),
      3,
    );
    expect(part.vatBasis).toBe('exclusive');
    expect(part.issues.map((i) => [i.code, i.severity])).toEqual([['vat_basis_mixed', 'warning']]);
    expect(vatBasisVerdict(new Map([['unknown', 2]]), 2).issues.map((i) => i.code)).toEqual([
      'vat_basis_unknown',
    ]);
    expect(vatBasisVerdict(new Map(), 0)).toEqual({ vatBasis: 'unknown', issues: [] });
  });

  it('inScopeIssues: zero with rows, negative, or nothing to say', () => {
    expect(inScopeIssues(2, dec(0)).map((i) => i.code)).toEqual(['no_in_scope_spend']);
    expect(inScopeIssues(0, dec(0))).toEqual([]);
    expect(inScopeIssues(2, dec('-0.01')).map((i) => i.code)).toEqual(['negative_total']);
    expect(inScopeIssues(2, dec('10'))).toEqual([]);
  });

  it('rankSuppliers: largest first, ties by name then key, whatever the order given', () => {
    const s = [
      { key: 'k3', name: 'Bakers', amount: dec('100') },
      { key: 'k1', name: 'Roofers', amount: dec('250.50') },
      { key: 'k2', name: 'Bakers', amount: dec('100') },
      { key: 'k4', name: 'Artists', amount: dec('100') },
    ];
    const keys = ['k1', 'k4', 'k2', 'k3'];
    expect(rankSuppliers(s).map((x) => x.key)).toEqual(keys);
    expect(rankSuppliers([...s].reverse()).map((x) => x.key)).toEqual(keys);
  });

  it('negativeSupplierIssues: one warning per negative total, in key order, with the amount', () => {
    const issues = negativeSupplierIssues([
      { key: 'b', name: 'Exe Bakers', amount: dec('-20') },
      { key: 'a', name: 'Isis Roofing', amount: dec('-0.5') },
      { key: 'c', name: 'Sidmouth Signs', amount: dec('0') },
    ]);
    expect(issues.map((i) => i.message.slice(0, 40))).toEqual([
      'Isis Roofing has a negative total (-0.50',
      'Exe Bakers has a negative total (-20.00)',
    ]);
  });

  it('declaredExclusions: in words, lists sorted', () => {
    expect(
      declaredExclusions({
        redacted: true,
        supplierIds: [],
        supplierNames: ['Exeter City Council', 'Devon County Council'],
        departments: [],
        expenseTypes: ['Direct Payments'],
        from: '2024-04-01',
      }),
    ).toEqual([
      'redacted beneficiaries',
      'suppliers: Devon County Council, Exeter City Council',
      'expense types: Direct Payments',
      'payments before 2024-04-01',
    ]);
  });
});

describe('accumulators of different files merge, and row issues keep their file', () => {
  it('puts the file on row issues, and merging keeps it', () => {
    const options = { local: ['EX1'], vatBasis: 'exclusive' as const };
    const april = createSpendAccumulator(options, { file: 'spend-2024-04.csv' });
    const may = createSpendAccumulator(options, { file: 'spend-2024-05.csv' });
    april.add({ date: '2024-04-02', supplierName: 'Exe Bakers', amount: '10', line: 2 });
    may.add({ date: '2024-05-02', supplierName: 'Exe Bakers', amount: '10', vatBasis: 'inclusive', line: 7 });
    may.add({ date: 'soon', supplierName: 'Exe Bakers', amount: '10', line: 8 });
    const all = createSpendAccumulator(options).merge(april).merge(may).result();
    expect(all.rows).toEqual({ read: 3, accepted: 1, rejected: 2 });
    expect(
      all.issues.filter((i) => i.line !== undefined).map((i) => `${i.file}:${i.line} ${i.code}`),
    ).toEqual(['spend-2024-05.csv:7 vat_basis_mismatch', 'spend-2024-05.csv:8 schema_custom']);
    // the file is not an option: these accumulators merge
    expect(all.total.amount.toString()).toBe('10');
  });
});
