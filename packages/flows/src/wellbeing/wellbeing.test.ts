import { dec, roundMoney } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wellbeingFlow } from './wellbeing';

describe('wellbeingFlow', () => {
  it('0.2 × 30 people × 2 years = 12 WELLBYs; £13,000 central (2019 prices) → £156,000 undiscounted', async () => {
    const r = await wellbeingFlow({
      deltaLifeSatisfaction: dec('0.2'),
      people: dec(30),
      years: 2,
      startYear: 2026,
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.document.wellbys).toBe('12');
    expect(r.document.central.undiscounted).toBe('156000');
    // Green Book health rate 1.5 %: 78,000 + 78,000 ÷ 1.015
    expect(roundMoney(dec(r.document.central.presentValue))).toBe('154847.29');
    expect(r.document.inputs.sha256).toBe(r.sha256);
  });

  it('a bad input fails with an issue naming it, never a throw', async () => {
    const r = await wellbeingFlow({
      deltaLifeSatisfaction: dec('0.2'),
      people: dec(-3),
      years: 2,
      startYear: 2026,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path?.[0]).toBe('people');
  });

  it('property: the hash changes when any input changes and not otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 10 }),
        async (people, years) => {
          const run = (p: number) =>
            wellbeingFlow({ deltaLifeSatisfaction: dec('0.1'), people: dec(p), years, startYear: 2026 });
          const [a, b, c] = await Promise.all([run(people), run(people), run(people + 1)]);
          if (!a.ok || !b.ok || !c.ok) throw new Error('flow failed');
          expect(a.sha256).toBe(b.sha256);
          expect(c.sha256).not.toBe(a.sha256);
        },
      ),
      { numRuns: 25 },
    );
  });
});
