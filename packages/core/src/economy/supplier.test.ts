import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../trace/sha256';
import { buildSupplierRegister, matchSupplier, normaliseSupplierName } from './supplier';

describe('normaliseSupplierName', () => {
  it('ignores case, punctuation, spacing, Ltd/Limited/PLC, &/and and a leading The', () => {
    const same = [
      'The Smith & Sons Ltd.',
      'SMITH AND SONS LIMITED',
      'Smith and Sons PLC',
      '  smith   &   sons  ',
      'Smith & Sons',
    ];
    expect(new Set(same.map(normaliseSupplierName))).toEqual(new Set(['smith and sons']));
  });
  it('keeps words that only look like suffixes mid-name, and strips apostrophes and dots without splitting', () => {
    expect(normaliseSupplierName("Sainsbury's Supermarkets Ltd")).toBe('sainsburys supermarkets');
    expect(normaliseSupplierName('J.R. Smith Limited')).toBe('jr smith');
    expect(normaliseSupplierName('Limited Edition Prints')).toBe('limited edition prints');
    expect(normaliseSupplierName('Café Crème Ltd')).toBe('cafe creme');
  });
});

describe('buildSupplierRegister', () => {
  it('reads flags, parses postcodes and matches by id, then by normalised name', () => {
    const r = buildSupplierRegister([
      {
        supplierId: 'S1',
        supplierName: 'Exe Bakers Ltd',
        postcode: 'ex12ab',
        sme: 'Y',
        vcse: 'n',
        cooperative: '',
        line: 2,
      },
      { supplierName: 'The Torbay Co-operative', postcode: 'TQ1 1AA', cooperative: true, line: 3 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues).toEqual([]);
    expect(r.value.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
    const s1 = matchSupplier(r.value, { supplierId: ' s1 ', supplierName: 'anything' });
    expect(s1).toMatchObject({ key: 'id:S1', sme: true, vcse: false, postcode: { unit: 'EX1 2AB' } });
    expect(s1 && 'cooperative' in s1).toBe(false); // blank = not known
    expect(matchSupplier(r.value, { supplierName: 'EXE BAKERS LIMITED' })?.key).toBe('id:S1');
    expect(matchSupplier(r.value, { supplierName: 'torbay co operative' })?.key).toBe(
      'name:torbay co operative',
    );
    expect(matchSupplier(r.value, { supplierName: 'Someone Else' })).toBeUndefined();
  });

  it('rejects bad records with located issues; rows read = accepted + rejected', () => {
    const r = buildSupplierRegister([
      { supplierId: 'S1', supplierName: 'A Ltd', line: 2 },
      { supplierId: 'S1', supplierName: 'B Ltd', line: 3 },
      { supplierId: 'S2', supplierName: '', line: 4 },
      { supplierId: 'S3', supplierName: 'C Ltd', sme: 'maybe', line: 5 },
      { supplierId: 'S4', supplierName: 'D Ltd', postcode: 'EX1', line: 6 },
    ]);
    expect(r.ok && r.value.rows).toEqual({ read: 5, accepted: 2, rejected: 3 });
    expect(r.issues.map((i) => [i.code, i.line, i.field, i.severity ?? 'error'])).toEqual([
      ['supplier_duplicate_id', 3, 'supplierId', 'error'],
      ['schema_too_small', 4, 'supplierName', 'error'],
      ['schema_custom', 5, 'sme', 'error'],
      ['supplier_postcode_invalid', 6, 'postcode', 'warning'],
    ]);
  });

  it('a name shared by two suppliers matches only by id', () => {
    const r = buildSupplierRegister([
      { supplierId: 'S1', supplierName: 'Acme Ltd' },
      { supplierId: 'S2', supplierName: 'ACME LIMITED' },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['supplier_name_ambiguous']);
    if (!r.ok) return;
    expect(matchSupplier(r.value, { supplierName: 'Acme' })).toBeUndefined();
    expect(matchSupplier(r.value, { supplierId: 'S2', supplierName: 'Acme' })?.key).toBe('id:S2');
  });

  it('the signature ignores record order', () => {
    const a = { supplierId: 'S1', supplierName: 'A Ltd', postcode: 'EX1 2AB' };
    const b = { supplierId: 'S2', supplierName: 'B Ltd', sme: true };
    const r1 = buildSupplierRegister([a, b]);
    const r2 = buildSupplierRegister([b, a]);
    expect(r1.ok && r2.ok && r1.value.signature === r2.value.signature).toBe(true);
  });
});

describe('sha256Hex', () => {
  // FIPS 180-4 / NIST example vectors.
  it('matches the published test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});
