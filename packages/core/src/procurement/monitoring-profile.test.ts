import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
import { dec } from '../money/decimal';
import { type DeliveryInputJson, monitorDelivery, parseDeliveryInput } from './monitoring';

// Constructed measures and proxies (not published values): hand-checked arithmetic only.
const proxy = (value: string) => ({
  value,
  currency: 'GBP',
  priceYear: 2025,
  basis: 'per unit',
  source: { title: 'Constructed test proxy', licence: 'CC0-1.0' },
});
const framework: FrameworkInput = {
  id: 'demo',
  title: 'Demo measures',
  currency: 'GBP',
  themes: [{ id: 'jobs', title: 'Jobs' }],
  measures: [
    { code: 'J1', title: 'Local jobs', theme: 'jobs', unit: 'FTE', proxy: proxy('1000') },
    {
      code: 'D1',
      title: 'Long-term unemployed people hired',
      theme: 'jobs',
      unit: 'people',
      countingRule: 'firstYearOnly',
      proxy: proxy('500'),
    },
    { code: 'A1', title: 'Apprenticeship weeks', theme: 'jobs', unit: 'weeks', proxy: proxy('100') },
  ],
};

function run(json: DeliveryInputJson) {
  const input = parseDeliveryInput(json);
  if (!input.ok) throw new Error(JSON.stringify(input.issues));
  const r = monitorDelivery(input.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { ...r.value, issues: r.issues };
}

// Issue 13: "A first-year-only commitment of 4 with 2 delivered at the end of year 1 of a 2-year
// contract shows GREEN (pace 1.00). It must be RED/AMBER by the commitment's own profile."
const issueCase: DeliveryInputJson = {
  commitments: [{ measure: 'D1', quantity: 4, year: 2025, duration: 2 }],
  outcomes: [{ measure: 'D1', quantity: 2, period: '2025-Q3', evidence: 'HR starters list', line: 2 }],
  contract: { start: '2025-01-01', end: '2026-12-31' },
  reportDate: '2025-12-31',
  framework,
};

describe('the wrong RAG of issue 13, reproduced and fixed', () => {
  it('by elapsed share (the old, deprecated rule) it showed green at pace 1', () => {
    const old = run({ ...issueCase, expectation: 'elapsed' });
    expect([old.measures[0]?.pace?.toString(), old.measures[0]?.status]).toEqual(['1', 'green']);
  });

  it("by the commitment's own profile all 4 were due in year 1: 2 delivered → pace 0.5, red", () => {
    const r = run(issueCase);
    const d = r.measures[0];
    expect([d?.expected.toString(), d?.pace?.toString(), d?.status, d?.profileBasis]).toEqual([
      '4',
      '0.5',
      'red',
      'commitments',
    ]);
    expect(
      d?.profile.map((w) => [w.label, w.start, w.end, w.due.toString(), w.delivered.toString()]),
    ).toEqual([['year 1', '2025-01-01', '2025-12-31', '4', '2']]);
    expect(d?.nextDue).toBeNull();
    expect([r.overall.expectedValue?.toString(), r.overall.pace?.toString(), r.overall.status]).toEqual([
      '2000',
      '0.5',
      'red',
    ]);
  });

  it('the trace states the rule: pace = delivered ÷ expected by the profile, with the thresholds', () => {
    const t = run(issueCase).measures[0]?.trace;
    expect(t?.formula).toBe(
      'pace = delivered ÷ expected by the report date (the delivery profile); red (green ≥ 0.9, amber ≥ 0.7, else red)',
    );
    const expected = t?.inputs.expected?.trace;
    expect(expected?.formula).toContain('Σ due in each profile window × share due (pro rata');
    expect(expected?.inputs['1. year 1 (2025-01-01 – 2025-12-31)']?.value).toBe('4');
    expect(expected?.notes?.[0]).toContain('a firstYearOnly measure in its first year only');
  });

  it('three quarters in, 2 of 4 is red under pro rata (2.99 due), not yet due under at-end', () => {
    const q3 = run({ ...issueCase, reportDate: '2025-09-30' });
    // 273 of 365 days of year 1: 4 × 273 ÷ 365 = 2.9918 due; 2 ÷ 2.9918 = 0.6685 → red
    expect(q3.measures[0]?.expected.toFixed(4)).toBe('2.9918');
    expect(q3.measures[0]?.pace?.toFixed(4)).toBe('0.6685');
    expect(q3.measures[0]?.status).toBe('red');
    const strict = run({ ...issueCase, reportDate: '2025-09-30', profile: { accrual: 'at-end' } });
    expect([strict.measures[0]?.expected.toString(), strict.measures[0]?.status]).toEqual(['0', 'not-due']);
    expect(strict.measures[0]?.nextDue).toEqual({ end: '2025-12-31', due: dec(4) });
  });
});

describe('profiles derived from the commitments', () => {
  it('quarters: each contract year split into four equal quarters; at 30 June two are due', () => {
    const r = run({
      commitments: [{ measure: 'J1', quantity: 8, year: 2025, duration: 2 }],
      outcomes: [
        { measure: 'J1', quantity: 2, period: '2025-Q1' },
        { measure: 'J1', quantity: 1, period: '2025-Q2' },
      ],
      contract: { start: '2025-01-01', end: '2026-12-31' },
      reportDate: '2025-06-30',
      profile: { granularity: 'quarter' },
      framework,
    });
    const j = r.measures[0];
    expect(j?.profile.length).toBe(8);
    expect(j?.profile.slice(0, 3).map((w) => [w.label, w.start, w.end, w.due.toString()])).toEqual([
      ['year 1 quarter 1', '2025-01-01', '2025-03-31', '2'],
      ['year 1 quarter 2', '2025-04-01', '2025-06-30', '2'],
      ['year 1 quarter 3', '2025-07-01', '2025-09-30', '2'],
    ]);
    // 4 due, 3 delivered → 0.75 amber; trajectory cumulative 2, 3 against 2, 4
    expect([j?.expected.toString(), j?.pace?.toString(), j?.status]).toEqual(['4', '0.75', 'amber']);
    expect(
      j?.profile.slice(0, 2).map((w) => [w.cumulativeDue.toString(), w.cumulativeDelivered.toString()]),
    ).toEqual([
      ['2', '2'],
      ['4', '3'],
    ]);
    expect(j?.profile.at(-1)?.cumulativeDue.toString()).toBe('16');
  });

  it('a contract from 1 April: a 2026 commitment is due in contract year 2 (April 2026 – March 2027)', () => {
    const r = run({
      commitments: [
        { measure: 'A1', quantity: 50, year: 2025 },
        { measure: 'A1', quantity: 30, year: 2026 },
      ],
      outcomes: [{ measure: 'A1', quantity: 50, date: '2026-02-01' }],
      contract: { start: '2025-04-01', end: '2027-03-31' },
      reportDate: '2026-03-31',
      framework,
    });
    const a = r.measures[0];
    expect(a?.profile.map((w) => [w.label, w.start, w.end, w.due.toString()])).toEqual([
      ['year 1', '2025-04-01', '2026-03-31', '50'],
      ['year 2', '2026-04-01', '2027-03-31', '30'],
    ]);
    expect([a?.expected.toString(), a?.pace?.toString(), a?.status]).toEqual(['50', '1', 'green']);
  });

  it('nothing due yet (a year-2 commitment in year 1): not-due, early delivery counts towards year 2', () => {
    const r = run({
      commitments: [{ measure: 'A1', quantity: 40, year: 2026 }],
      outcomes: [{ measure: 'A1', quantity: 10, period: '2025-Q4' }],
      contract: { start: '2025-01-01', end: '2026-12-31' },
      reportDate: '2025-12-31',
      framework,
    });
    const a = r.measures[0];
    expect([a?.expected.toString(), a?.pace, a?.status]).toEqual(['0', null, 'not-due']);
    expect(a?.profile.map((w) => [w.label, w.delivered.toString()])).toEqual([['year 2', '10']]);
    expect(r.overall.status).toBe('not-due');
  });

  it('a commitment past the contract end is due by its last day, and the trace says so', () => {
    const r = run({
      commitments: [{ measure: 'J1', quantity: 5, year: 2025, duration: 3 }],
      outcomes: [],
      contract: { start: '2025-01-01', end: '2026-12-31' },
      reportDate: '2026-12-31',
      framework,
    });
    const j = r.measures[0];
    expect(j?.profile.map((w) => [w.label, w.start, w.end, w.due.toString()])).toEqual([
      ['year 1', '2025-01-01', '2025-12-31', '5'],
      ['year 2', '2026-01-01', '2026-12-31', '5'],
      ['by the contract end', '2026-12-31', '2026-12-31', '5'],
    ]);
    expect(j?.expected.toString()).toBe('15');
    expect(j?.trace.inputs.expected?.trace?.notes).toContain(
      'part of the commitment falls after the contract ends (2026-12-31): it is due by the contract end',
    );
  });
});

describe('milestones', () => {
  const base: DeliveryInputJson = {
    ...issueCase,
    outcomes: [{ measure: 'D1', quantity: 2, date: '2025-05-01' }],
    reportDate: '2025-06-30',
    milestones: [
      { measure: 'D1', quantity: 1, date: '2025-03-31', line: 2 },
      { measure: 'D1', quantity: 3, period: '2025-Q4', line: 3 },
    ],
  };

  it('windows run from the previous milestone; the profile follows them instead of the commitment', () => {
    const r = run(base);
    const d = r.measures[0];
    expect(d?.profileBasis).toBe('milestones');
    expect(d?.profile.map((w) => [w.label, w.start, w.end, w.due.toString(), w.source])).toEqual([
      ['by 2025-03-31', '2025-01-01', '2025-03-31', '1', 'milestone'],
      ['by 2025-Q4', '2025-04-01', '2025-12-31', '3', 'milestone'],
    ]);
    // 1 + 3 × 91 ÷ 275 days = 1.9927 due at 30 June; 2 delivered → green
    expect(d?.expected.toFixed(4)).toBe('1.9927');
    expect(d?.status).toBe('green');
    expect(r.milestones).toEqual({ read: 2, accepted: 2, rejected: 0 });
  });

  it('milestones outside the contract or for measures not committed are rejected, located', () => {
    const r = run({
      ...base,
      milestones: [
        ...(base.milestones ?? []),
        { measure: 'D1', quantity: 1, date: '2027-01-01', line: 4 },
        { measure: 'ZZ', quantity: 1, date: '2025-06-01', line: 5 },
      ],
    });
    expect(
      r.issues.filter((i) => i.code.startsWith('milestone_')).map((i) => [i.code, i.line, i.field]),
    ).toEqual([
      ['milestone_after_end', 4, 'date'],
      ['milestone_not_committed', 5, 'measure'],
    ]);
    expect(r.milestones).toEqual({ read: 4, accepted: 2, rejected: 2 });
  });

  it('milestones that do not add up to the commitment are followed, with a warning', () => {
    const r = run({ ...base, milestones: [{ measure: 'D1', quantity: 3, date: '2025-12-31' }] });
    expect(r.issues.map((i) => [i.code, i.severity])).toContainEqual([
      'milestones_differ_from_commitment',
      'warning',
    ]);
    expect(r.measures[0]?.profile.at(-1)?.cumulativeDue.toString()).toBe('3');
  });
});

describe('supplier returns: per period or to date, with evidence', () => {
  const returns: DeliveryInputJson = {
    commitments: [{ measure: 'J1', quantity: 10, year: 2025 }],
    outcomes: [
      { measure: 'J1', quantity: 3, period: '2025-Q1', basis: 'to-date', evidence: 'payroll Q1', line: 2 },
      { measure: 'J1', quantity: 5, period: '2025-Q2', basis: 'to-date', evidence: 'payroll Q2', line: 3 },
      { measure: 'J1', quantity: 1, period: '2025-Q3', line: 4 },
      { measure: 'J1', quantity: 8, period: '2025-Q4', basis: 'to-date', line: 5 },
    ],
    contract: { start: '2025-01-01', end: '2025-12-31' },
    reportDate: '2025-12-31',
    framework,
  };

  it('a to-date return adds its rise over what was counted before; per-period and cumulative follow', () => {
    const r = run(returns);
    const j = r.measures[0];
    expect(
      j?.returns.map((x) => [x.when, x.basis, x.reported.toString(), x.counted.toString(), x.evidence]),
    ).toEqual([
      ['2025-Q1', 'to-date', '3', '3', 'payroll Q1'],
      ['2025-Q2', 'to-date', '5', '2', 'payroll Q2'],
      ['2025-Q3', 'period', '1', '1', null],
      ['2025-Q4', 'to-date', '8', '2', null],
    ]);
    expect(j?.delivered.toString()).toBe('8');
    expect(j?.withoutEvidence).toBe(2);
    expect(
      r.periods.map((p) => [
        p.period,
        p.measures[0]?.quantity.toString(),
        p.measures[0]?.cumulative.toString(),
      ]),
    ).toEqual([
      ['2025-Q1', '3', '3'],
      ['2025-Q2', '2', '5'],
      ['2025-Q3', '1', '6'],
      ['2025-Q4', '2', '8'],
    ]);
  });

  it('a to-date figure for a quarter counts everything dated in that quarter as before it', () => {
    const r = run({
      ...returns,
      outcomes: [
        { measure: 'J1', quantity: 1, date: '2025-05-15' },
        { measure: 'J1', quantity: 4, period: '2025-Q2', basis: 'to-date' },
      ],
    });
    // the Q2 to-date total (4) covers the 15 May return: 1 + 3, not 1 + 4
    expect(r.measures[0]?.returns.map((x) => x.counted.toString())).toEqual(['1', '3']);
    expect(r.measures[0]?.delivered.toString()).toBe('4');
    expect(r.issues.map((i) => i.code)).not.toContain('to_date_decreased');
  });

  it('a to-date figure lower than before is counted as a correction, with a located warning', () => {
    const r = run({
      ...returns,
      outcomes: [
        ...(returns.outcomes ?? []),
        { measure: 'J1', quantity: 7, date: '2025-12-31', basis: 'to-date', line: 6 },
      ],
    });
    expect(r.measures[0]?.delivered.toString()).toBe('7');
    const w = r.issues.find((i) => i.code === 'to_date_decreased');
    expect([w?.line, w?.field, w?.severity]).toEqual([6, 'quantity', 'warning']);
  });
});

describe('profile invariants (property)', () => {
  const arb = fc.record({
    commitments: fc.array(
      fc.record({
        measure: fc.constantFrom('J1', 'D1', 'A1'),
        quantity: fc.integer({ min: 0, max: 500 }),
        year: fc.integer({ min: 2024, max: 2028 }),
        duration: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    startMonth: fc.integer({ min: 1, max: 12 }),
    years: fc.integer({ min: 1, max: 3 }),
    granularity: fc.constantFrom('year' as const, 'quarter' as const),
    accrual: fc.constantFrom('pro-rata' as const, 'at-end' as const),
    a: fc.integer({ min: 0, max: 1500 }),
    b: fc.integer({ min: 0, max: 1500 }),
  });

  it('expected never falls as the report date moves on, never exceeds what is committed, and is all of it at the end', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const mm = String(c.startMonth).padStart(2, '0');
        const start = `2025-${mm}-01`;
        const endDate = new Date(2025 + c.years, c.startMonth - 1, 0);
        const end = `${endDate.getFullYear()}-${String(endDate.getMonth() + 1).padStart(2, '0')}-${String(endDate.getDate()).padStart(2, '0')}`;
        const at = (days: number) => {
          const d = new Date(2025, c.startMonth - 1, 1 + days);
          return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        };
        const json = (reportDate: string): DeliveryInputJson => ({
          commitments: c.commitments,
          outcomes: [],
          contract: { start, end },
          reportDate,
          profile: { granularity: c.granularity, accrual: c.accrual },
          framework,
        });
        const [early, late] = c.a <= c.b ? [c.a, c.b] : [c.b, c.a];
        const r1 = run(json(at(early)));
        const r2 = run(json(at(late)));
        const rEnd = run(json(end));
        for (const m of r1.measures) {
          const m2 = r2.measures.find((x) => x.measure === m.measure);
          const mEnd = rEnd.measures.find((x) => x.measure === m.measure);
          if (!m2 || !mEnd) return false;
          if (m2.expected.lt(m.expected) || m.expected.gt(m.committed)) return false;
          if (!mEnd.expected.eq(m.committed)) return false;
          if (!(m.profile.at(-1)?.cumulativeDue ?? dec(0)).eq(m.committed)) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
