import { SUPPLIER_REGISTER_COLUMNS } from '@commonweal/core/economy';
import { describe, expect, it } from 'vitest';
import { readSupplierRegisterCsv, SUPPLIER_COLUMNS } from './suppliers';

describe('readSupplierRegisterCsv', () => {
  it('uses the column names of core SUPPLIER_REGISTER_COLUMNS', () => {
    for (const [header, key] of Object.entries(SUPPLIER_REGISTER_COLUMNS)) {
      expect(SUPPLIER_COLUMNS[key].header).toBe(header);
    }
  });

  it('reads yes/no/true/false flags, blank as not known, and parses postcodes', async () => {
    const r = await readSupplierRegisterCsv(
      [
        'supplier_id,supplier_name,postcode,sme,vcse,cooperative',
        'S1,Exe Bakers Ltd,ex1 2ab,yes,no,false',
        'S2,Sidmouth Signs,EX10 8XY,true,,NO',
        ',Exeter Food Co-op,EX4 3PQ,Y,Yes,TRUE',
      ].join('\n'),
      { file: 'suppliers.csv' },
    );
    expect(r.ok).toBe(true);
    expect(r.counts).toEqual({ read: 3, accepted: 3, rejected: 0, blank: 0 });
    const s1 = r.register.byId.get('S1');
    expect(s1).toMatchObject({ sme: true, vcse: false, cooperative: false });
    expect(s1?.postcode?.district).toBe('EX1');
    const s2 = r.register.byId.get('S2');
    expect(s2?.vcse).toBeUndefined();
    expect(s2?.postcode?.district).toBe('EX10');
    expect(r.register.byName.get('exeter food co op')).toMatchObject({ vcse: true, cooperative: true });
  });

  it('locates bad rows and counts duplicates as rejected (read = accepted + rejected)', async () => {
    const r = await readSupplierRegisterCsv(
      [
        'supplier_id,supplier_name,postcode,sme,vcse,cooperative',
        'S1,Exe Bakers Ltd,EX1 2AB,maybe,no,no', // 2: bad flag
        'S2,,EX1 2AB,yes,no,no', // 3: no name
        'S3,Topsham Ferries,EX3 0XX,yes,no,no', // 4: ok
        'S3,Topsham Ferries Again,EX3 0XX,yes,no,no', // 5: duplicate id
        'S4,Nowhere Ltd,NOT A CODE,no,no,no', // 6: accepted, location unknown
      ].join('\n'),
      { file: 'suppliers.csv' },
    );
    expect(r.counts).toEqual({ read: 5, accepted: 2, rejected: 3, blank: 0 });
    expect(r.ok).toBe(false);
    expect(r.usable).toBe(true);
    expect(r.issues.map((i) => [i.line, i.code, i.severity ?? 'error'])).toEqual([
      [2, 'invalid_boolean', 'error'],
      [3, 'empty_cell', 'error'],
      [5, 'supplier_duplicate_id', 'error'],
      [6, 'supplier_postcode_invalid', 'warning'],
    ]);
    expect(r.issues.every((i) => i.file === 'suppliers.csv')).toBe(true);
    expect(r.register.size).toBe(2);
  });

  it('is unusable without a supplier_name column', async () => {
    const r = await readSupplierRegisterCsv('supplier_id,postcode\nS1,EX1 2AB\n');
    expect(r.usable).toBe(false);
    expect(r.issues[0]?.code).toBe('missing_column');
    expect(r.register.size).toBe(0);
  });
});
