import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hashInputs } from '@commonweal/json';
import { describe, expect, it } from 'vitest';
import { lm3Flow } from './lm3';

const FIX = (name: string) => fileURLToPath(new URL(`../spend/fixtures/${name}`, import.meta.url));
const input = (name: string) => ({ name, text: new Uint8Array(readFileSync(FIX(name))) });
const MONTHS = ['spend-2024-04.csv', 'spend-2024-05.csv', 'spend-2024-06.csv'];

describe('lm3Flow', () => {
  it('reproduces the worked example: R1 £100, R2 £40, R3 £20 → 1.60 (economy.md §1)', async () => {
    const r = await lm3Flow({ round1: '100', round2: '40', round3: '20' });
    if (!r.ok) throw new Error(r.headline);
    expect(r.document.lm3).toBe('1.6');
    expect(r.document.lm3Rounded).toBe('1.60');
    expect(r.sha256).toBe(
      hashInputs({ round1: '100', round2: '40', round2Suppliers: null, round2Staff: null, round3: '20' }),
    );
  });

  it('takes round 2 from three monthly files merged: (100,000 + 17,600 + 7,040) ÷ 100,000 = 1.2464', async () => {
    const r = await lm3Flow({
      round1: '100000',
      supplierRespend: '0.4',
      spend: {
        spend: MONTHS.map(input),
        suppliers: input('suppliers.csv'),
        options: { local: ['EX1', 'EX2', 'EX4'], vatBasis: 'exclusive' },
      },
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.document.lm3).toBe('1.2464');
    expect(r.document.spend?.local.amount).toBe('17600.00');
    expect(r.document.spend?.rows).toEqual({ read: 15, accepted: 15, rejected: 0 });
    expect(r.document.spend?.files?.map((f) => f.local.amount)).toEqual(['6200.00', '6900.00', '4500.00']);
    expect(r.issues.some((i) => i.code === 'lm3_staff_missing')).toBe(true);
  });

  it('fails, never throws, on inputs that do not go together or cannot give an LM3', async () => {
    const both = await lm3Flow({ round1: '100', round2: '40', round2Suppliers: '10' });
    expect(both.ok).toBe(false);
    const zero = await lm3Flow({ round1: '0', round2: '0' });
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.headline).toBe('LM3 cannot be computed from these rounds');
    const none = await lm3Flow({ round1: '100' });
    expect(none.ok).toBe(false);
    const word = await lm3Flow({ round1: 'lots', round2: '1' });
    expect(word.ok).toBe(false);
  });
});
