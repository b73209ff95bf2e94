import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
import { dec, ZERO } from '../money/decimal';
import { monitorDelivery, parseDeliveryInput } from './monitoring';
import {
  addContract,
  emptyPortfolio,
  finishPortfolio,
  mergePortfolios,
  type PortfolioContract,
  rollUpPortfolio,
  toPortfolioJson,
} from './portfolio';
import { dueByPeriod, reportingPeriods } from './portfolio-periods';

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
  themes: [{ id: 'jobs', title: 'Jobs' }],
  measures: [
    { code: 'J1', title: 'Local jobs', theme: 'jobs', unit: 'FTE', proxy: proxy('1000') },
    { code: 'V1', title: 'Volunteering hours', theme: 'jobs', unit: 'hours', proxy: proxy('10') },
    { code: 'R1', title: 'Record only', theme: 'jobs', unit: 'events' },
  ],
};

interface Made {
  contract: string;
  start: string;
  end: string;
  granularity?: 'year' | 'quarter';
  accrual?: 'pro-rata' | 'at-end';
  periodicity?: 'quarter' | 'month';
  reportDate?: string;
  commitments: { measure: string; quantity: number | string; year: number; duration?: number }[];
  outcomes: { measure: string; quantity: number; period: string }[];
}

function contract(x: Made): PortfolioContract {
  const input = parseDeliveryInput({
    commitments: x.commitments,
    outcomes: x.outcomes,
    framework,
    contract: { start: x.start, end: x.end },
    reportDate: x.reportDate ?? '2025-12-31',
    periodicity: x.periodicity ?? 'quarter',
    profile: { granularity: x.granularity ?? 'year', accrual: x.accrual ?? 'pro-rata' },
  });
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = monitorDelivery(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return {
    contract: x.contract,
    supplier: 'S',
    area: null,
    report: r.value,
    framework: input.value.framework,
  };
}

describe('laying profile windows onto reporting periods', () => {
  const year = [{ start: '2025-01-01', end: '2025-12-31', due: dec(365) }];
  const quarters = reportingPeriods('2025-01-01', '2025-12-31', 'quarter');

  it('splits a window pro rata by days, both ends inclusive', () => {
    const due = dueByPeriod(year, quarters, 'pro-rata');
    // 90 days (Jan–Mar), 91, 92, 92 of 365
    expect([...due].map(([k, v]) => [k, v.toString()])).toEqual([
      ['2025-Q1', '90'],
      ['2025-Q2', '91'],
      ['2025-Q3', '92'],
      ['2025-Q4', '92'],
    ]);
  });

  it('puts the whole window in the period of its last day at the end', () => {
    const due = dueByPeriod(year, quarters, 'at-end');
    expect([...due].map(([k, v]) => [k, v.toString()])).toEqual([['2025-Q4', '365']]);
  });

  it('gives a contract year from 1 April its share of each quarter', () => {
    // 12.5 FTE-years from 1 April 2026: Q2 has 91 of 365 days → 12.5 × 91 ÷ 365 = 3.116438…
    const w = [{ start: '2026-04-01', end: '2027-03-31', due: dec('12.5') }];
    const due = dueByPeriod(w, reportingPeriods('2026-04-01', '2027-03-31', 'quarter'), 'pro-rata');
    expect([...due].map(([k, v]) => [k, v.toFixed(6)])).toEqual([
      ['2026-Q2', '3.116438'],
      ['2026-Q3', '3.150685'],
      ['2026-Q4', '3.150685'],
      ['2027-Q1', '3.082192'],
    ]);
  });

  it('labels months and quarters as monitoring does', () => {
    expect(reportingPeriods('2026-02-10', '2026-07-01', 'quarter').map((p) => p.period)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ]);
    expect(reportingPeriods('2026-03-31', '2026-04-01', 'month')).toEqual([
      { period: '2026-03', start: '2026-03-01', end: '2026-03-31' },
      { period: '2026-04', start: '2026-04-01', end: '2026-04-30' },
    ]);
  });

  const day = fc
    .integer({ min: 0, max: 2000 })
    .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
  const window = fc
    .record({
      a: day,
      b: day,
      due: fc.integer({ min: 0, max: 10 ** 6 }),
      scale: fc.integer({ min: 0, max: 3 }),
    })
    .map((w) => ({
      start: [w.a, w.b].sort()[0] as string,
      end: [w.a, w.b].sort()[1] as string,
      due: dec(w.due).dividedBy(10 ** w.scale),
    }));

  it('adds up over the periods to exactly the windows’ due (any windows, either rule)', () => {
    fc.assert(
      fc.property(
        fc.array(window, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('quarter', 'month') as fc.Arbitrary<'quarter' | 'month'>,
        fc.constantFrom('pro-rata', 'at-end') as fc.Arbitrary<'pro-rata' | 'at-end'>,
        (ws, periodicity, accrual) => {
          const periods = reportingPeriods('2024-01-01', '2029-12-31', periodicity);
          const due = dueByPeriod(ws, periods, accrual);
          const total = [...due.values()].reduce((s, v) => s.plus(v), ZERO);
          expect(total.toString()).toBe(ws.reduce((s, w) => s.plus(w.due), ZERO).toString());
          for (const v of due.values()) expect(v.isNegative()).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the portfolio by period (hand-checked)', () => {
  // A: 5 FTE a year for 2025 and 2026 (contract years = calendar years); 5 delivered in 2025-Q4.
  const a = contract({
    contract: 'A',
    start: '2025-01-01',
    end: '2026-12-31',
    commitments: [{ measure: 'J1', quantity: 5, year: 2025, duration: 2 }],
    outcomes: [{ measure: 'J1', quantity: 5, period: '2025-Q4' }],
  });
  // B: 400 hours in contract year 1 (1 July 2025 – 30 June 2026), at the end; 100 delivered in 2025-Q3.
  const b = contract({
    contract: 'B',
    start: '2025-07-01',
    end: '2026-06-30',
    accrual: 'at-end',
    commitments: [{ measure: 'V1', quantity: 400, year: 2025 }],
    outcomes: [{ measure: 'V1', quantity: 100, period: '2025-Q3' }],
  });
  const r = rollUpPortfolio([b, a]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const ps = r.value.periods;
  const at = (k: string) => {
    const p = ps.find((x) => x.period === k);
    if (!p) throw new Error(`no period ${k}`);
    return p;
  };

  it('runs from the first contract start to the last window, forward after the report date', () => {
    expect(ps.map((p) => [p.period, p.forward])).toEqual([
      ['2025-Q1', false],
      ['2025-Q2', false],
      ['2025-Q3', false],
      ['2025-Q4', false],
      ['2026-Q1', true],
      ['2026-Q2', true],
      ['2026-Q3', true],
      ['2026-Q4', true],
    ]);
  });

  it('makes due in each period the profile’s share, valued by the proxy', () => {
    // 2025-Q1: A's year 1 has 90 of 365 days: 5 × 90 ÷ 365 = 1.232877 FTE-years × £1,000
    expect(at('2025-Q1').dueValue?.toFixed(2)).toBe('1232.88');
    // 2026-Q2: A's 5 × 91 ÷ 365 = £1,246.58, and B's 400 hours × £10 at its window's end (30 June 2026)
    expect(at('2026-Q2').dueValue?.toFixed(2)).toBe('5246.58');
    const j1 = at('2025-Q4').measures.find((m) => m.measure === 'J1');
    expect([j1?.cumulativeDue.toString(), j1?.cumulativeDelivered.toString(), j1?.status]).toEqual([
      '5',
      '5',
      'green',
    ]);
  });

  it('rates each period end to the report date on cumulative value, as monitoring does', () => {
    // 2025-Q3: due 5 × 273 ÷ 365 × £1,000 = £3,739.73 (B's hours are due at its end); delivered £1,000
    const q3 = at('2025-Q3');
    expect(q3.cumulative.dueValue?.toFixed(2)).toBe('3739.73');
    expect(q3.cumulative.deliveredValue?.toString()).toBe('1000');
    expect(q3.cumulative.shortfallValue?.toFixed(2)).toBe('2739.73');
    expect([q3.cumulative.basis, q3.cumulative.pace?.toFixed(4), q3.cumulative.status]).toEqual([
      'value',
      '0.2674',
      'red',
    ]);
    // 2025-Q4: £5,000 due, £6,000 delivered: ahead by £1,000, pace 1.2, green
    const q4 = at('2025-Q4');
    expect([q4.cumulative.shortfallValue?.toString(), q4.cumulative.pace?.toString()]).toEqual([
      '-1000',
      '1.2',
    ]);
    expect(q4.cumulative.status).toBe('green');
    expect(q4.trace.dueValue?.notes?.join(' ')).toContain('both ends inclusive');
  });

  it('shows the forward profile only after the report date', () => {
    const f = at('2026-Q4');
    expect([f.cumulative.status, f.cumulative.pace]).toEqual([null, null]);
    expect(f.cumulative.dueValue?.toString()).toBe('14000'); // all committed: 10 × £1,000 + 400 × £10
  });

  it('adds up, over all periods, to what is committed', () => {
    const due = ps.reduce((s, p) => s.plus(p.dueValue ?? ZERO), ZERO);
    expect(due.toString()).toBe(r.value.total.committedValue.toString());
    expect(ps.at(-1)?.cumulative.dueValue?.toString()).toBe('14000');
  });

  it('rates by the worst contract measure when a committed measure has no proxy', () => {
    const c = contract({
      contract: 'C',
      start: '2025-01-01',
      end: '2025-12-31',
      commitments: [{ measure: 'R1', quantity: 4, year: 2025 }],
      outcomes: [{ measure: 'R1', quantity: 1, period: '2025-Q1' }],
    });
    const q = rollUpPortfolio([a, c]);
    if (!q.ok) throw new Error('not rolled up');
    const q1 = q.value.periods[0];
    // R1: 4 × 90 ÷ 365 = 0.986 due, 1 delivered → green; A's J1: 0 delivered of 1.23 → red
    expect([
      q1?.period,
      q1?.dueValue.toFixed(2),
      q1?.unvalued,
      q1?.cumulative.basis,
      q1?.cumulative.status,
    ]).toEqual([
      '2025-Q1',
      '1232.88', // A's J1 only: R1 has no proxy
      1,
      'measures',
      'red',
    ]);
    expect(q1?.measures.map((m) => [m.measure, m.status])).toEqual([
      ['J1', 'red'],
      ['R1', 'green'],
    ]);
  });
});

describe('the period view over random portfolios', () => {
  const made = fc
    .record({
      startYear: fc.integer({ min: 2024, max: 2026 }),
      startMonth: fc.integer({ min: 1, max: 12 }),
      years: fc.integer({ min: 1, max: 3 }),
      granularity: fc.constantFrom('year', 'quarter') as fc.Arbitrary<'year' | 'quarter'>,
      accrual: fc.constantFrom('pro-rata', 'at-end') as fc.Arbitrary<'pro-rata' | 'at-end'>,
      j: fc.integer({ min: 1, max: 2000 }),
      jd: fc.integer({ min: 0, max: 25 }),
      duration: fc.integer({ min: 1, max: 4 }),
      v: fc.integer({ min: 0, max: 900 }),
    })
    .map((x) => {
      const start = `${x.startYear}-${String(x.startMonth).padStart(2, '0')}-01`;
      const endDate = new Date(Date.UTC(x.startYear + x.years, x.startMonth - 1, 0));
      return {
        start,
        end: endDate.toISOString().slice(0, 10),
        granularity: x.granularity,
        accrual: x.accrual,
        commitments: [
          { measure: 'J1', quantity: (x.j / 100).toString(), year: x.startYear, duration: x.duration },
          ...(x.v ? [{ measure: 'V1', quantity: x.v, year: x.startYear + 1 }] : []),
        ],
        outcomes: [{ measure: 'J1', quantity: x.jd, period: `${x.startYear}-Q4` }],
      };
    });
  const portfolio = fc
    .array(made, { minLength: 1, maxLength: 5 })
    .map((xs) => xs.map((x, i) => contract({ ...x, contract: `C${i}`, reportDate: '2026-06-30' })));

  it('due over all periods = committed, per contract measure and in money, exactly', () => {
    fc.assert(
      fc.property(portfolio, (cs) => {
        const r = rollUpPortfolio(cs);
        if (!r.ok) throw new Error('not rolled up');
        for (const m of r.value.measures) {
          const due = r.value.periods.reduce(
            (s, p) => s.plus(p.measures.find((x) => x.measure === m.measure)?.due ?? ZERO),
            ZERO,
          );
          const windows = cs.reduce(
            (s, c) =>
              s.plus(
                (c.report.measures.find((x) => x.measure === m.measure)?.profile ?? []).reduce(
                  (t, w) => t.plus(w.due),
                  ZERO,
                ),
              ),
            ZERO,
          );
          expect(due.toString()).toBe(windows.toString());
          expect(due.toString()).toBe(m.committed.toString());
        }
        const last = r.value.periods.at(-1);
        expect(last?.cumulative.dueValue?.toString()).toBe(r.value.total.committedValue.toString());
      }),
      { numRuns: 40 },
    );
  });

  it('merging halves gives the same bytes as one pass, periods included', () => {
    const json = (acc: ReturnType<typeof emptyPortfolio>) => {
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
    const fold = (cs: PortfolioContract[]) => cs.reduce((acc, c) => addContract(acc, c), emptyPortfolio());
    fc.assert(
      fc.property(portfolio, fc.nat(), (cs, cut) => {
        const k = cut % (cs.length + 1);
        const whole = json(fold(cs));
        expect(json(mergePortfolios(fold(cs.slice(0, k)), fold(cs.slice(k))))).toBe(whole);
        expect(json(mergePortfolios(fold(cs.slice(k)), fold(cs.slice(0, k))))).toBe(whole);
      }),
      { numRuns: 30 },
    );
  });
});
