import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
import { dec } from '../money/decimal';
import type { Trace } from '../trace/trace';
import { type DeliveryInputJson, monitorDelivery, parseDeliveryInput } from './monitoring';

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
    { code: 'A1', title: 'Apprenticeship weeks', theme: 'jobs', unit: 'weeks', proxy: proxy('100') },
    { code: 'V1', title: 'Volunteering hours', theme: 'jobs', unit: 'hours', proxy: proxy('10') },
  ],
};

const example: DeliveryInputJson = {
  commitments: [
    // 5 FTE for both years of the contract: J1 counts every year (perYear) → 10 FTE-years
    { measure: 'J1', quantity: 5, year: 2025, duration: 2 },
    { measure: 'A1', quantity: 60, year: 2025 },
    { measure: 'A1', quantity: 40, year: 2026 },
    { measure: 'V1', quantity: 400, year: 2025 },
  ],
  outcomes: [
    { measure: 'J1', quantity: 2, date: '2025-02-10' },
    { measure: 'J1', quantity: 3, period: '2025-Q3' },
    { measure: 'A1', quantity: 20, period: '2025-05' },
    { measure: 'A1', quantity: 16, date: '2025-12-31' },
    { measure: 'V1', quantity: 100, date: '2025-11-30', line: 6 },
    { measure: 'V1', quantity: 50, date: '2026-01-05', line: 7 },
    { measure: 'J1', quantity: 1, date: '2024-12-31', line: 8 },
  ],
  contract: { start: '2025-01-01', end: '2026-12-31' },
  reportDate: '2025-12-31',
  framework,
};

function report(json: DeliveryInputJson) {
  const input = parseDeliveryInput(json);
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = monitorDelivery(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { ...r.value, issues: r.issues };
}

describe('delivery monitoring (hand-checked example)', () => {
  // Two-year contract (730 days), reported at the end of year 1: elapsed 365 ÷ 730 = 0.5.
  const r = report(example);
  const m = (code: string) => r.measures.find((x) => x.measure === code);

  it('elapsed share of the contract at the report date', () => {
    expect(r.elapsed.toString()).toBe('0.5');
  });

  it('jobs 5 of 10 FTE-years (5 FTE × 2 years): share 0.5, pace 1 → green', () => {
    expect([
      m('J1')?.delivered.toString(),
      m('J1')?.deliveredShare?.toString(),
      m('J1')?.pace?.toString(),
      m('J1')?.status,
    ]).toEqual(['5', '0.5', '1', 'green']);
    expect(m('J1')?.committed.toString()).toBe('10');
    expect(m('J1')?.expected.toString()).toBe('5');
  });

  it('apprenticeship weeks: 60 due in year 1 (the 2025 commitment), 40 in year 2; 36 delivered → pace 0.6, red', () => {
    expect([m('A1')?.deliveredShare?.toString(), m('A1')?.pace?.toString(), m('A1')?.status]).toEqual([
      '0.36',
      '0.6',
      'red',
    ]);
    expect(m('A1')?.expected.toString()).toBe('60');
    expect(
      m('A1')?.profile.map((w) => [w.label, w.start, w.end, w.due.toString(), w.delivered.toString()]),
    ).toEqual([
      ['year 1', '2025-01-01', '2025-12-31', '60', '36'],
      ['year 2', '2026-01-01', '2026-12-31', '40', '0'],
    ]);
    expect(m('A1')?.nextDue).toEqual({ end: '2026-12-31', due: dec(40) });
  });

  it('volunteering: all 400 hours due in year 1, 100 delivered → pace 0.25, red', () => {
    expect([m('V1')?.pace?.toString(), m('V1')?.status]).toEqual(['0.25', 'red']);
  });

  // committed: 10 FTE-years × £1,000 + 100 weeks × £100 + 400 hours × £10 = £24,000;
  // due by the end of year 1: 5 × £1,000 + 60 × £100 + 400 × £10 = £15,000;
  // delivered: 5 × £1,000 + 36 × £100 + 100 × £10 = £9,600
  it('money: £15,000 of £24,000 due by the report date, £9,600 delivered → pace 0.64 → red overall', () => {
    expect(r.overall.basis).toBe('value');
    expect(r.overall.committedValue?.toString()).toBe('24000');
    expect(r.overall.expectedValue?.toString()).toBe('15000');
    expect(r.overall.deliveredValue?.toString()).toBe('9600');
    expect(r.overall.pace?.toString()).toBe('0.64');
    expect(r.overall.status).toBe('red');
    expect(r.overall.counts).toEqual({ green: 1, amber: 0, red: 2 });
  });

  it("the deprecated 'elapsed' expectation still gives the old figures, with a warning", () => {
    const old = report({ ...example, expectation: 'elapsed' });
    const o = (code: string) => old.measures.find((x) => x.measure === code);
    expect([o('A1')?.pace?.toString(), o('A1')?.status, o('V1')?.pace?.toString()]).toEqual([
      '0.72',
      'amber',
      '0.5',
    ]);
    expect([old.overall.pace?.toString(), old.overall.status]).toEqual(['0.8', 'amber']);
    expect(old.measures.every((x) => x.profileBasis === 'elapsed')).toBe(true);
    expect(old.issues.map((i) => i.code)).toContain('elapsed_expectation_deprecated');
  });

  it('records outside the contract-to-report window are rejected with located issues: read = accepted + rejected', () => {
    expect(r.records).toEqual({ read: 7, accepted: 5, rejected: 2 });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ['outcome_after_report_date', 7],
      ['outcome_before_start', 8],
    ]);
  });

  it('quarterly periods with per-period and cumulative quantities', () => {
    expect(r.periods.map((p) => p.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    const q3 = r.periods[2];
    expect(q3?.start).toBe('2025-07-01');
    expect(q3?.end).toBe('2025-09-30');
    expect(q3?.measures.map((x) => [x.measure, x.quantity.toString(), x.cumulative.toString()])).toEqual([
      ['J1', '3', '5'],
    ]);
    expect(r.periods[3]?.value?.toString()).toBe('2600'); // 16 weeks × £100 + 100 hours × £10
  });

  it('thresholds are configurable: at amber ≥ 0.5 the apprenticeship weeks (0.6) turn amber', () => {
    const loose = report({ ...example, thresholds: { green: '0.7', amber: '0.5' } });
    expect(loose.measures.map((x) => [x.measure, x.status])).toEqual([
      ['A1', 'amber'],
      ['J1', 'green'],
      ['V1', 'red'],
    ]);
  });

  it('monthly periods; a quarterly record cannot be placed in a month', () => {
    const monthly = report({ ...example, periodicity: 'month' });
    expect(monthly.periods.length).toBe(12);
    expect(monthly.issues.map((i) => i.code)).toContain('period_too_coarse');
    expect(monthly.records.rejected).toBe(3);
  });

  it('without proxies the overall status is the worst measure; uncommitted delivery is listed, not assessed', () => {
    const plain = report({
      ...example,
      framework: undefined,
      outcomes: [...(example.outcomes ?? []), { measure: 'X9', quantity: 3, date: '2025-06-01' }],
    } as DeliveryInputJson);
    expect(plain.overall.basis).toBe('measures');
    expect(plain.priceYear).toBeNull();
    // without the framework's counting rule the duration counts: J1 still 5 × 2 = 10
    expect(plain.measures.find((x) => x.measure === 'J1')?.committed.toString()).toBe('10');
    expect(plain.overall.status).toBe('red');
    const x9 = plain.measures.find((x) => x.measure === 'X9');
    expect(x9?.status).toBe('uncommitted');
    expect(plain.issues.map((i) => i.code)).toContain('outcome_not_committed');
  });

  it('before the contract starts nothing is due', () => {
    const early = report({ ...example, outcomes: [], reportDate: '2024-12-01' });
    expect(early.elapsed.toString()).toBe('0');
    expect(early.measures.every((x) => x.status === 'not-due')).toBe(true);
    expect(early.overall.status).toBe('not-due');
    expect(early.periods).toEqual([]);
  });

  it('bad dates and an inverted contract period are answered, not thrown', () => {
    const bad = parseDeliveryInput({ ...example, reportDate: '2025-02-30' });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]?.path).toEqual(['reportDate']);
    const inv = parseDeliveryInput({ ...example, contract: { start: '2026-01-01', end: '2025-01-01' } });
    if (!inv.ok) throw new Error('parse failed');
    const r2 = monitorDelivery(inv.value);
    expect(r2.ok).toBe(false);
    expect(r2.issues[0]?.code).toBe('contract_period_invalid');
  });
});

/** The committed quantity's trace (pace ← delivered share ← committed). */
const committedTrace = (t: Trace | undefined) => {
  const share = t?.inputs['delivered share']?.trace ?? t;
  return share?.inputs.committed?.trace;
};

describe('committed units count the years (valuation.md §2 counting rules)', () => {
  // Torbay "TOMs dos and don'ts" [PUBLISHED]: 10 full-time + 5 part-time (0.5 FTE) local staff on
  // a 2-year contract = 12.5 FTE × 2 = 25 FTE, counted every year (perYear).
  const torbay = (fw: FrameworkInput | undefined, delivered: string): DeliveryInputJson => ({
    commitments: [{ measure: 'J1', quantity: '12.5', year: 2025, duration: 2 }],
    outcomes: [{ measure: 'J1', quantity: delivered, period: '2025-Q4' }],
    contract: { start: '2025-01-01', end: '2026-12-31' },
    reportDate: '2025-12-31',
    ...(fw ? { framework: fw } : {}),
  });

  it('Torbay: 12.5 FTE for 2 years is 25 FTE-years committed; 12.5 delivered in year 1 is on pace (1), not done', () => {
    const r = report(torbay(framework, '12.5'));
    const j = r.measures[0];
    // delivered share 12.5 ÷ 25 = 0.5; elapsed 365 ÷ 730 = 0.5; pace 0.5 ÷ 0.5 = 1 → green
    // (summing quantities alone would give 12.5 ÷ 12.5 = 1 delivered and pace 2)
    expect([j?.committed.toString(), j?.deliveredShare?.toString(), j?.pace?.toString(), j?.status]).toEqual([
      '25',
      '0.5',
      '1',
      'green',
    ]);
    expect(j?.expected.toString()).toBe('12.5'); // 25 × 0.5
    // money consistent with counted units: 25 × £1,000 committed, 12.5 × £1,000 delivered
    expect([j?.committedValue?.toString(), j?.deliveredValue?.toString()]).toEqual(['25000', '12500']);
    expect([r.overall.committedValue?.toString(), r.overall.pace?.toString()]).toEqual(['25000', '1']);
    const t = committedTrace(j?.trace);
    expect(t?.inputs.quantity?.value).toBe('12.5');
    expect(t?.inputs['counted years']?.value).toBe('2');
    expect(t?.notes).toEqual([
      'counting rule perYear: counted in each year of the duration (from the commitment)',
    ]);
  });

  it('Torbay at half the delivery: 6.25 of 25 FTE-years half-way → pace 0.5, red', () => {
    const j = report(torbay(framework, '6.25')).measures[0];
    expect([j?.deliveredShare?.toString(), j?.pace?.toString(), j?.status]).toEqual(['0.25', '0.5', 'red']);
  });

  it('without a framework the duration is taken as counted years, and the trace says so', () => {
    const r = report(torbay(undefined, '12.5'));
    const j = r.measures[0];
    expect([j?.committed.toString(), j?.pace?.toString(), j?.committedValue]).toEqual(['25', '1', null]);
    expect(committedTrace(j?.trace)?.notes).toEqual([
      'no counting rule (no framework was given): the duration is taken as the counted years, as for a perYear measure',
    ]);
  });

  it('firstYearOnly measures count one year whatever the duration (Torbay, Essex: disadvantaged hires)', () => {
    const fw: FrameworkInput = {
      ...framework,
      measures: [
        ...framework.measures,
        {
          code: 'D1',
          title: 'Long-term unemployed hired',
          theme: 'jobs',
          unit: 'people',
          countingRule: 'firstYearOnly',
        },
      ],
    };
    const r = report({
      ...torbay(fw, '12.5'),
      commitments: [{ measure: 'D1', quantity: '4', year: 2025, duration: 2 }],
      outcomes: [{ measure: 'D1', quantity: '2', date: '2025-06-30' }],
    });
    const d = r.measures[0];
    // committed 4 × 1 = 4 people (not 8), all due in year 1: 2 of 4 by its end → pace 0.5, red
    expect([d?.committed.toString(), d?.pace?.toString(), d?.status]).toEqual(['4', '0.5', 'red']);
    expect(committedTrace(d?.trace)?.notes).toEqual([
      'counting rule firstYearOnly: counted in the first year only; the duration of 2 years is not used',
    ]);
  });

  it("a measure's default duration applies when the commitment gives none; several commitments add up", () => {
    const fw: FrameworkInput = {
      ...framework,
      measures: framework.measures.map((m) => (m.code === 'J1' ? { ...m, defaults: { duration: 2 } } : m)),
    };
    const r = report({
      ...torbay(fw, '7'),
      commitments: [
        { measure: 'J1', quantity: '5', year: 2025 },
        { measure: 'J1', quantity: '4', year: 2026, duration: 1 },
      ],
    });
    const j = r.measures[0];
    // 5 × 2 (measure default) + 4 × 1 = 14 FTE-years; 5 due in year 1 (4 + 5 in year 2): 7 → pace 1.4
    expect([j?.committed.toString(), j?.expected.toString(), j?.pace?.toString()]).toEqual([
      '14',
      '5',
      '1.4',
    ]);
    const t = committedTrace(j?.trace);
    expect(t?.inputs['commitment 1 (2025)']?.value).toBe('10');
    expect(t?.inputs['commitment 2 (2026)']?.value).toBe('4');
    expect(t?.notes).toContain(
      "counting rule perYear: counted in each year of the duration (from the measure's default)",
    );
  });

  it('a commitment counted for longer than the contract is noted in the trace', () => {
    const r = report({
      ...torbay(framework, '12.5'),
      commitments: [{ measure: 'J1', quantity: '5', year: 2025, duration: 3 }],
    });
    // 5 × 3 = 15 FTE-years expected by the end of a 2-year contract
    expect(r.measures[0]?.committed.toString()).toBe('15');
    expect(committedTrace(r.measures[0]?.trace)?.notes).toContain(
      'counted for 3 years, longer than the contract (about 2): pace still expects all of it by the contract end',
    );
  });
});

describe('money in one price year', () => {
  const priced = (value: string, priceYear: number) => ({ ...proxy(value), priceYear });
  const mixed: FrameworkInput = {
    ...framework,
    measures: [
      { code: 'J1', title: 'Local jobs', theme: 'jobs', unit: 'FTE', proxy: priced('1000', 2024) },
      { code: 'V1', title: 'Volunteering hours', theme: 'jobs', unit: 'hours', proxy: priced('100', 2022) },
    ],
  };
  // HMT GDP deflator excerpt, 2024 = 100 (valuation.md §7: 2022 = 90.5005)
  const indexSeries = {
    id: 'hmt-gdp-deflator-2025-12',
    name: 'GDP deflator at market prices',
    baseYear: 2024,
    values: { '2022': '90.5005', '2024': '100' },
    source: { title: 'GDP deflators at market prices', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
  };
  const input: DeliveryInputJson = {
    commitments: [
      { measure: 'J1', quantity: '1', year: 2025, duration: 2 },
      { measure: 'V1', quantity: '10', year: 2025 },
    ],
    outcomes: [
      { measure: 'J1', quantity: '1', period: '2025-Q4' },
      { measure: 'V1', quantity: '5', period: '2025-Q4' },
    ],
    contract: { start: '2025-01-01', end: '2026-12-31' },
    reportDate: '2025-12-31',
    framework: mixed,
  };
  const run = (json: DeliveryInputJson) => {
    const parsed = parseDeliveryInput(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return monitorDelivery(parsed.value);
  };

  it('proxies are rebased to the price year with the index series, the factor in the trace', () => {
    const r = report({ ...input, priceYear: 2024, indexSeries });
    const v = r.measures.find((m) => m.measure === 'V1');
    // £100 in 2022 prices × 100 ÷ 90.5005 = £110.4966… in 2024 prices (valuation.md §7: £110.50)
    const factor = dec(100).dividedBy('90.5005');
    expect(v?.proxy?.toString()).toBe(dec(100).times(factor).toString());
    expect(v?.proxy?.toFixed(2)).toBe('110.50');
    expect(v?.trace.inputs['rebasing factor']?.value).toBe(factor.toString());
    expect(v?.trace.inputs['proxy price year']?.value).toBe('2022');
    expect(r.priceYear).toBe(2024);
    // committed: 1 FTE × 2 years × £1,000 + 10 hours × £110.4966… = £3,104.97;
    // due in year 1: 1 × £1,000 + 10 × £110.4966… = £2,104.97;
    // delivered: 1 × £1,000 + 5 × £110.4966… = £1,552.48 → share 0.5, pace 0.7375 (amber)
    expect(r.overall.committedValue?.toFixed(2)).toBe('3104.97');
    expect(r.overall.expectedValue?.toFixed(2)).toBe('2104.97');
    expect(r.overall.deliveredValue?.toFixed(2)).toBe('1552.48');
    expect(r.overall.pace?.toFixed(4)).toBe('0.7375');
    expect(r.overall.status).toBe('amber');
    expect(r.periods[3]?.value?.toFixed(2)).toBe('1552.48');
  });

  it('several price years without a price year, or without an index series, fail: never summed unrebased', () => {
    const none = run(input);
    expect(none.ok).toBe(false);
    expect(none.issues.map((i) => [i.code, i.path])).toEqual([['price_year_required', ['priceYear']]]);
    const noSeries = run({ ...input, priceYear: 2024 });
    expect(noSeries.issues.map((i) => i.code)).toEqual(['no_index_series']);
    const uncovered = run({ ...input, priceYear: 2023, indexSeries });
    expect(uncovered.ok).toBe(false);
    expect(uncovered.issues.every((i) => i.code === 'index_year_missing')).toBe(true);
  });
});
