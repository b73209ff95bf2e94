import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
import {
  type DeliveryInputJson,
  type DeliveryReport,
  monitorDelivery,
  parseDeliveryInput,
} from './monitoring';
import {
  addContract,
  emptyPortfolio,
  finishPortfolio,
  mergePortfolios,
  type PortfolioAccumulator,
  type PortfolioContract,
  PortfolioJsonSchema,
  rollUpPortfolio,
  toPortfolioJson,
} from './portfolio';

const proxy = (value: string) => ({
  value,
  currency: 'GBP',
  priceYear: 2025,
  basis: 'per unit',
  source: { title: 'Constructed test proxy', licence: 'CC0-1.0' },
});

// Constructed measures and proxies (not published values): hand-checked arithmetic only.
const framework: FrameworkInput = {
  id: 'demo',
  title: 'Demo measures',
  currency: 'GBP',
  themes: [
    { id: 'jobs', title: 'Jobs' },
    { id: 'community', title: 'Community' },
  ],
  outcomes: [{ id: 'local-work', theme: 'jobs', title: 'More local people in work' }],
  measures: [
    {
      code: 'J1',
      title: 'Local jobs',
      theme: 'jobs',
      outcome: 'local-work',
      unit: 'FTE',
      proxy: proxy('1000'),
    },
    { code: 'V1', title: 'Volunteering hours', theme: 'community', unit: 'hours', proxy: proxy('10') },
    { code: 'R1', title: 'Record only', theme: 'community', unit: 'events' },
  ],
};

function report(json: Omit<DeliveryInputJson, 'framework' | 'contract' | 'reportDate'>): DeliveryReport {
  const input = parseDeliveryInput({
    ...json,
    framework,
    contract: { start: '2025-01-01', end: '2026-12-31' },
    reportDate: '2025-12-31',
  });
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = monitorDelivery(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const fw = parseDeliveryInput({
  commitments: [],
  outcomes: [],
  contract: { start: '2025-01-01', end: '2025-12-31' },
  reportDate: '2025-12-31',
  framework,
});
const parsedFramework = fw.ok ? fw.value.framework : undefined;

// A: 5 FTE for both years (10 FTE-years, £10,000); year 1 due by the report date, all delivered.
const a: PortfolioContract = {
  contract: 'A',
  supplier: 'Northside Care',
  area: 'North ward',
  framework: parsedFramework,
  report: report({
    commitments: [{ measure: 'J1', quantity: 5, year: 2025, duration: 2 }],
    outcomes: [{ measure: 'J1', quantity: 5, period: '2025-Q4' }],
  }),
};
// B: 400 volunteering hours in year 1 (£4,000), 100 delivered; 2 record-only events, 2 delivered.
const b: PortfolioContract = {
  contract: 'B',
  supplier: 'Greenway Grounds',
  area: null,
  framework: parsedFramework,
  report: report({
    commitments: [
      { measure: 'V1', quantity: 400, year: 2025 },
      { measure: 'R1', quantity: 2, year: 2025 },
    ],
    outcomes: [
      { measure: 'V1', quantity: 100, period: '2025-Q3' },
      { measure: 'R1', quantity: 2, period: '2025-Q3' },
    ],
  }),
};

describe('portfolio roll-up (hand-checked)', () => {
  const r = rollUpPortfolio([b, a]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const p = r.value;

  it('adds committed, due-by-now and delivered value over contracts', () => {
    expect(p.total.committedValue.toString()).toBe('14000'); // 10 × 1000 + 400 × 10
    expect(p.total.expectedValue.toString()).toBe('9000'); // 5 × 1000 + 400 × 10
    expect(p.total.deliveredValue.toString()).toBe('6000'); // 5 × 1000 + 100 × 10
    expect(p.total.pace?.toFixed(6)).toBe('0.666667');
    expect(p.total.unvalued).toBe(1); // R1 has no proxy
    expect(p.total.rag).toEqual({ green: 2, amber: 0, red: 1, notDue: 0, uncommitted: 0 });
    expect(p.total.behind).toEqual(['B']);
    expect(p.total.trace.deliveredValue.inputs).toEqual({
      'A J1': { value: '5000' },
      'B V1': { value: '1000' },
    });
  });

  it('groups by theme, outcome, supplier and area, sorted by key', () => {
    expect(p.by.theme.map((g) => [g.key, g.title, g.deliveredValue.toString(), g.behind])).toEqual([
      ['community', 'Community', '1000', ['B']],
      ['jobs', 'Jobs', '5000', []],
    ]);
    expect(p.by.outcome.map((g) => g.key)).toEqual(['community: (no outcome)', 'local-work']);
    expect(p.by.supplier.map((g) => g.key)).toEqual(['Greenway Grounds', 'Northside Care']);
    expect(p.by.area.map((g) => [g.key, g.contracts])).toEqual([
      ['(no area given)', ['B']],
      ['North ward', ['A']],
    ]);
  });

  it('keeps quantities per measure and contract lines', () => {
    expect(p.measures.map((m) => [m.measure, m.committed.toString(), m.delivered.toString()])).toEqual([
      ['J1', '10', '5'],
      ['R1', '2', '2'],
      ['V1', '400', '100'],
    ]);
    expect(p.contracts.map((c) => [c.contract, c.status, c.behind])).toEqual([
      ['A', 'green', false],
      ['B', 'red', true],
    ]);
    // 2025-Q3: B's 100 hours × £10 valued; its 2 record-only events (no proxy) counted as unvalued
    expect(p.periods.map((x) => [x.period, x.deliveredValue.toString(), x.unvalued])).toContainEqual([
      '2025-Q3',
      '1000',
      1,
    ]);
  });

  it('writes JSON that its schema accepts', () => {
    const doc = toPortfolioJson(p, {
      sha256: 'x',
      periodicity: 'quarter',
      currency: 'GBP',
      counts: { read: 2, accepted: 2, rejected: 0 },
      issues: [],
    });
    expect(PortfolioJsonSchema.parse(doc).total.deliveredValue).toBe('6000');
  });

  it('refuses a contract twice', () => {
    const d = rollUpPortfolio([a, a]);
    expect(d.ok).toBe(false);
    expect(d.issues[0]?.code).toBe('duplicate_contract');
  });
});

describe('portfolio accumulators merge', () => {
  const contract = fc
    .record({
      supplier: fc.constantFrom('S1', 'S2', 'S3'),
      area: fc.option(fc.constantFrom('North', 'South'), { nil: null }),
      j: fc.integer({ min: 1, max: 20 }),
      jd: fc.integer({ min: 0, max: 25 }),
      v: fc.integer({ min: 0, max: 900 }),
      vd: fc.integer({ min: 0, max: 900 }),
    })
    .map((x) => ({
      supplier: x.supplier,
      area: x.area,
      report: report({
        commitments: [
          { measure: 'J1', quantity: x.j, year: 2025, duration: 2 },
          ...(x.v ? [{ measure: 'V1', quantity: x.v, year: 2025 }] : []),
        ],
        outcomes: [
          { measure: 'J1', quantity: x.jd, period: '2025-Q2' },
          { measure: 'V1', quantity: x.vd, period: '2025-Q4' },
        ],
      }),
    }));

  const fold = (cs: PortfolioContract[]): PortfolioAccumulator =>
    cs.reduce((acc, c) => addContract(acc, c), emptyPortfolio());
  const json = (acc: PortfolioAccumulator) => {
    const r = finishPortfolio(acc);
    if (!r.ok) throw new Error('not finished');
    return JSON.stringify(
      toPortfolioJson(r.value, {
        sha256: '',
        periodicity: 'quarter',
        currency: null,
        counts: { read: 0, accepted: 0, rejected: 0 },
        issues: [],
      }),
    );
  };

  it('the roll-up of a portfolio equals the merge of its halves (either order)', () => {
    fc.assert(
      fc.property(fc.array(contract, { minLength: 1, maxLength: 8 }), fc.nat(), (raw, cut) => {
        const cs = raw.map((c, i) => ({ ...c, contract: `C${i}`, framework: parsedFramework }));
        const k = cut % (cs.length + 1);
        const whole = json(fold(cs));
        expect(json(mergePortfolios(fold(cs.slice(0, k)), fold(cs.slice(k))))).toBe(whole);
        expect(json(mergePortfolios(fold(cs.slice(k)), fold(cs.slice(0, k))))).toBe(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('the whole is the sum of its contracts and of its suppliers', () => {
    fc.assert(
      fc.property(fc.array(contract, { minLength: 1, maxLength: 6 }), (raw) => {
        const cs = raw.map((c, i) => ({ ...c, contract: `C${i}`, framework: parsedFramework }));
        const r = rollUpPortfolio(cs);
        if (!r.ok) throw new Error('not rolled up');
        const p = r.value;
        const byContract = p.contracts.reduce(
          (s, c) => s.plus(c.deliveredValue),
          p.total.deliveredValue.times(0),
        );
        const bySupplier = p.by.supplier.reduce(
          (s, g) => s.plus(g.committedValue),
          p.total.committedValue.times(0),
        );
        expect(byContract.toString()).toBe(p.total.deliveredValue.toString());
        expect(bySupplier.toString()).toBe(p.total.committedValue.toString());
        expect(
          p.total.rag.green +
            p.total.rag.amber +
            p.total.rag.red +
            p.total.rag.notDue +
            p.total.rag.uncommitted,
        ).toBe(p.total.measures);
      }),
      { numRuns: 30 },
    );
  });
});
