import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineSpend, baselineValue } from './baseline';

const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('baselineValue', () => {
  const measures = [
    { code: 'JOB', proxy: { value: '21000' } },
    { code: 'VOL', proxy: { value: '14.43' } },
    { code: 'MEET', proxy: null },
  ];

  it('sums quantity × proxy × duration, and the net after the three adjustments, in decimals', async () => {
    const f = file(
      'entries.csv',
      [
        'measure,quantity,year,duration,deadweight,attribution,displacement,drop_off,notes',
        'JOB,2,2026,3,10%,,0.5,,', // 126000 gross, 126000 × 0.9 × 0.5 = 56700 net
        'VOL,0.1,2026,,,,,,', // 1.443
        'VOL,0.2,2027,1,,,,,', // 2.886: 0.1 + 0.2 stays exact
        'MEET,5,2026,1,,,,,record only',
      ].join('\n'),
    );
    const r = await baselineValue(measures, f);
    expect(r).toMatchObject({ rows: 4, accepted: 4, rejected: 0 });
    expect(r.totals).toEqual({ gross: '126004.33', net: '56704.33' });
    expect(r.detail.byMeasure).toEqual({ JOB: '56700.00', MEET: '0.00', VOL: '4.33' });
  });

  it('rejects the rows the engine rejects and counts them', async () => {
    const f = file(
      'bad.csv',
      [
        'measure,quantity,year,duration,deadweight,attribution,displacement',
        'JOB,ten,2026,1,,,',
        'NOPE,1,2026,1,,,',
        'JOB,1,31/03/2026,1,,,',
        'JOB,1,2026,1,120%,,',
        'JOB,-3,2026,1,,,',
        'JOB,1,2026,0,,,',
        'JOB,1,2026,1,,,,too many',
        'JOB,1,2026,1,,,',
      ].join('\n'),
    );
    const r = await baselineValue(measures, f);
    expect(r).toMatchObject({ rows: 8, accepted: 1, rejected: 7 });
    expect(r.totals.gross).toBe('21000.00');
  });
});

describe('baselineSpend', () => {
  it('sums total, local (by postcode area), redacted, quarters and suppliers from a Devon-shaped file', async () => {
    const f = file(
      'spend.csv',
      [
        'Body,Date,Amount,Supplier Name,Supplier ID',
        'E1,2024-04-02 00:00:00,1000.10,Exe Bakers Ltd,S1',
        'E1,2024-05-09 00:00:00,"£2,000.20",Bristol Printers Ltd,S2',
        'E1,2024-07-01 00:00:00,-100.10,Exe Bakers Ltd,S1',
        'E1,2024-07-03 00:00:00,50.00,REDACTED,',
        'E1,2024-07-04 00:00:00,70.00,,',
        'E1,2024-02-31 00:00:00,99.00,Exe Bakers Ltd,S1',
        'E1,2024-07-05 00:00:00,TBC,Exe Bakers Ltd,S1',
        'E1,2024-07-06 00:00:00,5.00,Unknown Ltd,S9',
      ].join('\n'),
    );
    const register = [
      { supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB' },
      { supplierId: 'S2', supplierName: 'Bristol Printers Ltd', postcode: 'BS1 4DJ' },
    ];
    const r = await baselineSpend(f, register, ['EX', 'TQ']);
    expect(r).toMatchObject({ rows: 8, accepted: 6, rejected: 2 });
    expect(r.totals).toEqual({ total: '3025.20', local: '900.00', redacted: '120.00' });
    expect(r.detail.quarters).toEqual({ '2024-Q2': '3000.30', '2024-Q3': '24.90' });
    expect(r.detail.top).toEqual({
      'Bristol Printers Ltd': '2000.20',
      'Exe Bakers Ltd': '900.00',
      'Unknown Ltd': '5.00',
    });
  });

  it('reads East Cambridgeshire dd/mm/yyyy dates and refuses impossible ones', async () => {
    const f = file(
      'ecambs.csv',
      [
        'Body name,Transaction date,Supplier (beneficiary),Net amount',
        'ECDC,29/02/2024,Ely Co-op,10.00',
        'ECDC,29/02/2023,Ely Co-op,10.00',
        'ECDC,01/10/2024,Ely Co-op,5.50',
      ].join('\n'),
    );
    const r = await baselineSpend(f, [{ supplierName: 'Ely Co-op', postcode: 'CB7 4EE' }], ['CB']);
    expect(r).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
    expect(r.totals.local).toBe('15.50');
    expect(r.detail.quarters).toEqual({ '2024-Q1': '10.00', '2024-Q4': '5.50' });
  });
});
