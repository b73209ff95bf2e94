import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../money/decimal';
import { assessPlan, type PlanInput, PlanSchema, sourceKind } from './plan';

const indicator = (over: Record<string, unknown> = {}) => ({
  id: 'I1',
  title: 'Local share of council spend',
  source: { kind: 'spend-share', category: 'local' },
  unit: 'share',
  direction: 'increase',
  baseline: { value: '0.38', date: '2024-04-01' },
  target: { value: '0.55', date: '2030-03-31' },
  ...over,
});

const plan = (indicators: unknown[], extra: Partial<PlanInput> = {}) =>
  PlanSchema.parse({
    format: 'commonweal.plan.v1',
    title: 'Test plan',
    place: 'Exe Vale',
    adopted: '2026-03-18',
    vision: 'A fair local economy',
    ledBy: 'Community forum',
    objectives: [
      { id: 'O1', title: 'Money stays local', priority: 'local-supply-chain', indicators, actions: [] },
    ],
    ...extra,
  });

const spend = (share: string) => ({
  name: 'spend.json',
  kind: 'spend' as const,
  sha256: null,
  document: { local: { share }, definition: {} },
});

describe('plan progress (hand-checked)', () => {
  it('puts the expected value on the straight line from baseline to target', () => {
    // 2024-04-01 → 2027-03-31 is 1,094 days of 2,190 to 2030-03-31: 0.38 + 0.17 × 1094 ÷ 2190
    const r = assessPlan(plan([indicator()]), [spend('0.4513')], '2027-03-31');
    const i = r.progress.indicators[0];
    expect(i?.expected?.toDecimalPlaces(6).toString()).toBe('0.464922');
    expect(i?.status).toBe('off-track');
    expect(i?.progress?.toDecimalPlaces(4).toString()).toBe('0.4194'); // (0.4513 − 0.38) ÷ 0.17
    expect(i?.trace?.notes?.[0]).toBe(
      'off track: latest 0.4513 < expected 0.4649223744292237442922374429223744292237',
    );
    expect(i?.from).toEqual({ name: 'spend.json', kind: 'spend', sha256: null, field: 'local.share' });
    expect(
      assessPlan(plan([indicator()]), [spend('0.47')], '2027-03-31').progress.indicators[0]?.status,
    ).toBe('on-track');
  });

  it('reads a decrease the other way, and no document as no data', () => {
    const carbon = indicator({
      id: 'I6',
      source: { kind: 'carbon' },
      unit: 'tCO2e',
      direction: 'decrease',
      baseline: { value: '400', date: '2024-04-01' },
      target: { value: '150', date: '2030-03-31' },
    });
    const doc = {
      name: 'carbon.json',
      kind: 'carbon' as const,
      sha256: 'ab',
      document: { totals: { tco2e: '270' } },
    };
    const r = assessPlan(plan([carbon, indicator()]), [doc], '2027-03-31');
    expect(r.progress.indicators.map((i) => i.status)).toEqual(['on-track', 'no-data']); // 270 ≤ 275.11
    expect(r.progress.counts).toEqual({ 'on-track': 1, 'off-track': 0, 'no-data': 1 });
    expect(r.progress.objectives[0]?.status).toBe('on-track');
  });

  it('takes weights from the priorities output and says when it is not the survey the plan cites', () => {
    const p = plan([indicator()], { priorities: { file: 'priorities.json', sha256: 'a'.repeat(64) } });
    const pri = {
      name: 'p.json',
      kind: 'priorities' as const,
      sha256: 'b'.repeat(64),
      document: { groupWeighting: 'equal', overall: { weights: { 'local-supply-chain': '22.5' } } },
    };
    const r = assessPlan(p, [pri], '2027-03-31');
    expect(r.progress.objectives[0]?.weight?.toString()).toBe('22.5');
    expect(r.progress.objectives[0]?.weightFrom).toBe('priorities');
    expect(r.issues.map((i) => i.code)).toEqual(['priorities_mismatch']);
    expect(r.progress.priorities?.matched).toBe(false);
  });

  it('flags a target that goes the wrong way', () => {
    const r = assessPlan(
      plan([indicator({ target: { value: '0.2', date: '2030-03-31' } })]),
      [],
      '2027-03-31',
    );
    expect(r.issues[0]).toMatchObject({
      code: 'target_direction',
      path: ['objectives', 0, 'indicators', 0, 'target', 'value'],
    });
  });

  it('tells result documents apart by their shape', () => {
    expect(sourceKind({ lm3: '1.55', rounds: {} })).toBe('lm3');
    expect(sourceKind({ format: 'commonweal.portfolio.v1' })).toBe('portfolio');
    expect(sourceKind({ dimensionSet: {}, dimensions: [] })).toBe('doughnut');
    expect(sourceKind({ hello: 1 })).toBeNull();
  });
});

describe('plan progress rule (properties)', () => {
  const cents = fc.integer({ min: -10_000, max: 10_000 }).map((n) => dec(n).dividedBy(100));
  const day = fc
    .integer({ min: 0, max: 3000 })
    .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));

  it('on track exactly when latest is at or beyond expected; at or after the target date, exactly when the target is met', () => {
    fc.assert(
      fc.property(cents, cents, cents, day, fc.boolean(), (b, t, latest, asOf, up) => {
        const [lo, hi] = b.lte(t) ? [b, t] : [t, b];
        const [baseline, target] = up ? [lo, hi] : [hi, lo];
        const ind = indicator({
          direction: up ? 'increase' : 'decrease',
          baseline: { value: baseline.toString(), date: '2025-01-01' },
          target: { value: target.toString(), date: '2028-01-01' },
        });
        const r = assessPlan(plan([ind]), [spend(latest.toString())], asOf).progress.indicators[0];
        if (!r?.expected) throw new Error('no expected value');
        const beyond = up ? latest.gte(r.expected) : latest.lte(r.expected);
        expect(r.status).toBe(beyond ? 'on-track' : 'off-track');
        if (asOf >= '2028-01-01') expect(r.status === 'on-track').toBe(r.targetMet);
        if (asOf <= '2025-01-01') expect(r.expected.eq(baseline)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
