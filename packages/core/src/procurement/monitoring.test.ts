import { describe, expect, it } from 'vitest';
import type { FrameworkInput } from '../framework/schema';
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
    { measure: 'J1', quantity: 10, year: 2025 },
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

  it('jobs 5 of 10: share 0.5, pace 1 → green', () => {
    expect([
      m('J1')?.delivered.toString(),
      m('J1')?.deliveredShare?.toString(),
      m('J1')?.pace?.toString(),
      m('J1')?.status,
    ]).toEqual(['5', '0.5', '1', 'green']);
    expect(m('J1')?.expected.toString()).toBe('5');
  });

  it('apprenticeship weeks 36 of 100: pace 0.72 → amber (≥ 0.7, < 0.9)', () => {
    expect([m('A1')?.deliveredShare?.toString(), m('A1')?.pace?.toString(), m('A1')?.status]).toEqual([
      '0.36',
      '0.72',
      'amber',
    ]);
  });

  it('volunteering 100 of 400 hours: pace 0.5 → red', () => {
    expect([m('V1')?.pace?.toString(), m('V1')?.status]).toEqual(['0.5', 'red']);
  });

  it('money: committed £24,000, delivered £9,600 → share 0.4, pace 0.8 → amber overall', () => {
    expect(r.overall.basis).toBe('value');
    expect(r.overall.committedValue?.toString()).toBe('24000');
    expect(r.overall.deliveredValue?.toString()).toBe('9600');
    expect(r.overall.pace?.toString()).toBe('0.8');
    expect(r.overall.status).toBe('amber');
    expect(r.overall.counts).toEqual({ green: 1, amber: 1, red: 1 });
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

  it('thresholds are configurable: at green ≥ 0.7 the apprenticeship weeks turn green', () => {
    const loose = report({ ...example, thresholds: { green: '0.7', amber: '0.5' } });
    expect(loose.measures.map((x) => [x.measure, x.status])).toEqual([
      ['A1', 'green'],
      ['J1', 'green'],
      ['V1', 'amber'],
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
