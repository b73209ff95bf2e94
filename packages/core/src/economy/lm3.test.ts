import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { createLm3Accumulator, Lm3JsonSchema, lm3, lm3FromSpend, toLm3Json } from './lm3';
import { analyseSpend } from './spend';
import { buildSupplierRegister } from './supplier';

describe('LM3 = (R1 + R2 + R3) ÷ R1 (NEF, economy.md §1)', () => {
  it('reproduces the worked example: R1 £100, R2 £40, R3 £20 → 1.60 [D]', () => {
    const r = lm3({ round1: '100', round2: '40', round3: '20' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lm3.toString()).toBe('1.6');
    expect(r.value.status).toBe('complete');
    expect(r.issues).toEqual([]);
    const json = toLm3Json(r.value);
    expect(json.lm3Rounded).toBe('1.60');
    expect(json.rounds).toEqual({
      round1: { amount: '100' },
      round2: { amount: '40', suppliers: '40', staff: '0' },
      round3: { amount: '20', surveyed: '20', extrapolated: '0', missing: [], unsurveyedRound2: '0' },
    });
    expect(Lm3JsonSchema.safeParse(json).success).toBe(true);
    expect(r.value.trace.formula).toBe('LM3 = (round 1 + round 2 + round 3) ÷ round 1');
  });

  it('keeps the make-up of round 2 (suppliers, staff) and round 3 (surveyed, extrapolated)', () => {
    const r = lm3({
      round1: 100,
      round2: { suppliers: 30, staff: 10 },
      round3: { surveyed: 12, extrapolated: 8 },
    });
    expect(r.ok && r.value.lm3.toString()).toBe('1.6');
    expect(r.ok && toLm3Json(r.value).rounds.round3).toMatchObject({ surveyed: '12', extrapolated: '8' });
  });

  it('spans 1 (nothing local) to 3 (everything re-spent locally) [D]', () => {
    const none = lm3({ round1: 100, round2: 0 }); // nothing local: nothing to re-spend, so complete
    expect(none.ok && [none.value.lm3.toString(), none.value.status]).toEqual(['1', 'complete']);
    const top = lm3({ round1: 100, round2: 100, round3: 100 });
    expect(top.ok && top.value.lm3.toString()).toBe('3');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r1p, f2, f3) => {
          const r1 = dec(r1p).dividedBy(100);
          const r2 = r1.times(dec(f2)).toDecimalPlaces(2, 1); // round down: stays ≤ R1
          const r3 = r2.times(dec(f3)).toDecimalPlaces(2, 1);
          const r = lm3({ round1: r1.toString(), round2: r2.toString(), round3: r3.toString() });
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value.lm3.gte(1) && r.value.lm3.lte(3)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('LM3 validation', () => {
  it('R1 = 0 is an issue, not a division by zero', () => {
    const r = lm3({ round1: '0', round2: '0', round3: '0' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['lm3_round1_zero']);
  });

  it('R2 > R1 and R3 > R2 are errors under the classic definition, warnings when relaxed', () => {
    const r2 = lm3({ round1: 100, round2: 120, round3: 20 });
    expect(r2.ok).toBe(false);
    expect(r2.issues.map((i) => i.code)).toEqual(['lm3_round2_exceeds_round1']);
    const r3 = lm3({ round1: 100, round2: 40, round3: 50 });
    expect(r3.issues.map((i) => i.code)).toEqual(['lm3_round3_exceeds_round2']);
    const relaxed = lm3({ round1: 100, round2: 120, round3: 20 }, { classic: false });
    expect(relaxed.ok && relaxed.value.lm3.toString()).toBe('2.4');
    expect(relaxed.issues[0]?.severity).toBe('warning');
  });

  it('missing R3 gives a partial result, clearly labelled, never a silent 0', () => {
    const r = lm3({ round1: 100, round2: 40 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.status).toBe('partial');
    expect(r.value.lm3.toString()).toBe('1.4'); // a lower bound
    expect(r.value.label).toMatch(/partial.*lower bound/);
    expect(r.value.rounds.round3.amount).toBeNull();
    expect(toLm3Json(r.value).rounds.round3.amount).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['lm3_round3_missing', 'warning']]);
  });

  it('invalid input is answered with issues', () => {
    expect(lm3({ round1: 'lots', round2: '1' }).ok).toBe(false);
  });
});

describe('LM3 accumulator (mergeable round sums)', () => {
  it('merging parts gives the same LM3 as one accumulator', () => {
    const one = createLm3Accumulator()
      .addRound1('60')
      .addRound1('40')
      .addRecipient({ group: 'suppliers', name: 'Exe Bakers', round2: '25', reSpend: '10' })
      .addRecipient({ group: 'suppliers', name: 'Torbay Traders', round2: '5', reSpendShare: '0.4' })
      .addRecipient({ group: 'staff', round2: '10', reSpendShare: '0.8' });
    const a = createLm3Accumulator()
      .addRound1('60')
      .addRecipient({ group: 'suppliers', round2: '25', reSpend: '10' });
    const b = createLm3Accumulator()
      .addRound1('40')
      .addRecipient({ group: 'suppliers', round2: '5', reSpendShare: '0.4' })
      .addRecipient({ group: 'staff', round2: '10', reSpendShare: '0.8' });
    const r1 = one.result();
    const r2 = a.merge(b).result();
    // R1 100, R2 40, R3 = 10 + 5 × 0.4 + 10 × 0.8 = 20 → 1.6
    expect(r1.ok && toLm3Json(r1.value)).toEqual(r2.ok && toLm3Json(r2.value));
    expect(r1.ok && r1.value.lm3.toString()).toBe('1.6');
    expect(r1.ok && toLm3Json(r1.value).rounds.round3).toMatchObject({ surveyed: '10', extrapolated: '10' });
  });

  it('unsurveyed recipients make the result partial, naming the group and its round-2 spend', () => {
    const r = createLm3Accumulator()
      .addRound1('100')
      .addRecipient({ group: 'suppliers', round2: '30', reSpend: '15' })
      .addRecipient({ group: 'staff', round2: '10' })
      .result();
    expect(r.ok && r.value.status).toBe('partial');
    expect(r.ok && r.value.rounds.round3.missing).toEqual(['staff']);
    expect(r.ok && r.value.rounds.round3.unsurveyedRound2.toString()).toBe('10');
    expect(r.ok && r.value.lm3.toString()).toBe('1.55');
  });

  it('rejects a recipient giving both an amount and a share, and negative spend', () => {
    const r = createLm3Accumulator()
      .addRound1('100')
      .addRecipient({ group: 'suppliers', round2: '30', reSpend: '15', reSpendShare: '0.5', line: 4 })
      .addRecipient({ group: 'staff', round2: '-5', line: 5 })
      .result();
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ['lm3_respend_ambiguous', 4],
      ['schema_custom', 5],
    ]);
  });
});

describe('lm3FromSpend', () => {
  it('uses local spend as round 2 and survey shares for round 3: £40 local, half re-spent → 1.60', () => {
    const r = lm3FromSpend('40', { round1: '100', reSpendShares: { suppliers: '0.5' } });
    expect(r.ok && r.value.lm3.toString()).toBe('1.6');
    expect(r.issues.map((i) => i.code)).toEqual(['lm3_staff_missing']);
  });

  it('adds local staff spend and its re-spend share', () => {
    const r = lm3FromSpend(30, {
      round1: 100,
      staffLocalSpend: 10,
      reSpendShares: { suppliers: '0.5', staff: '0.5' },
    });
    expect(r.ok && r.value.lm3.toString()).toBe('1.6');
    expect(r.issues).toEqual([]);
  });

  it('takes local supplier spend from a spend analysis', () => {
    const reg = buildSupplierRegister([
      { supplierId: 'S1', supplierName: 'Exe Bakers', postcode: 'EX1 2AB' },
    ]);
    if (!reg.ok) throw new Error('register');
    const analysis = analyseSpend(
      [
        { date: '2024-04-01', supplierName: 'Exe Bakers', amount: '40' },
        { date: '2024-04-01', supplierName: 'Far Away plc', amount: '60' },
      ],
      { local: ['EX'], suppliers: reg.value },
    );
    const r = lm3FromSpend(analysis, {
      round1: analysis.total.amount,
      staffLocalSpend: 0,
      reSpendShares: { suppliers: '0.5' },
    });
    expect(r.ok && r.value.lm3.toString()).toBe('1.6');
    expect(r.ok && r.value.rounds.round2.suppliers.toString()).toBe('40');
  });

  it('a missing supplier survey share makes the result partial', () => {
    const r = lm3FromSpend('40', { round1: '100', staffLocalSpend: '0', reSpendShares: {} });
    expect(r.ok && r.value.status).toBe('partial');
    expect(r.ok && r.value.lm3.toString()).toBe('1.4');
    expect(r.issues.map((i) => i.code)).toEqual(['lm3_round3_missing']);
  });

  it('a share outside 0–1 is an issue', () => {
    const r = lm3FromSpend('40', { round1: '100', reSpendShares: { suppliers: '1.5' } });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.path).toEqual(['reSpendShares', 'suppliers']);
  });
});

describe('lm3FromSpend with decimal shares', () => {
  it('accepts Decimal re-spend shares as its type says (R1 100, R2 40, 50% re-spent → 1.6)', () => {
    const r = lm3FromSpend('40', { round1: '100', reSpendShares: { suppliers: dec('0.5') } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.lm3.toString()).toBe('1.6');
  });
});
