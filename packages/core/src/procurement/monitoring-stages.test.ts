import { parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameworkSchema } from '../framework/schema';
import { dec, ZERO } from '../money/decimal';
import type { Entry } from '../valuation/schema';
import { type Accepted, acceptMilestones, acceptReturns, countToDate, tallyCommitments } from './monitoring';

// The stages of monitorDelivery, each on its own (constructed figures, hand-checked).
const framework = FrameworkSchema.parse({
  id: 'demo',
  title: 'Demo measures',
  currency: 'GBP',
  themes: [{ id: 'jobs', title: 'Jobs' }],
  measures: [
    { code: 'J1', title: 'Local jobs', theme: 'jobs', unit: 'FTE' },
    { code: 'D1', title: 'People hired', theme: 'jobs', unit: 'people', countingRule: 'firstYearOnly' },
  ],
});
const contract = { start: parseISO('2026-04-01'), end: parseISO('2028-03-31') };
const texts = { startText: '2026-04-01', endText: '2028-03-31' };
const entry = (measure: string, quantity: string, year: number, duration: number): Entry =>
  ({ measure, quantity: dec(quantity), year, duration }) as Entry;

describe('tallyCommitments (stage 1)', () => {
  it('counts perYear in every year of the duration and firstYearOnly once, with a window per counted year', () => {
    const t = tallyCommitments(
      [entry('J1', '12.5', 2026, 2), entry('D1', '4', 2026, 2)],
      framework,
      contract,
      'year',
    );
    expect(t.get('J1')?.committed.toString()).toBe('25');
    expect(t.get('J1')?.windows.map((w) => w.due.toString())).toEqual(['12.5', '12.5']);
    expect(t.get('D1')?.committed.toString()).toBe('4');
    expect(t.get('D1')?.windows).toHaveLength(1);
    expect([...(t.get('D1')?.notes ?? [])][0]).toContain('the duration of 2 years is not used');
  });
});

describe('acceptMilestones (stage 2)', () => {
  it('read = accepted + rejected, whatever the dates (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            measure: fc.constantFrom('J1', 'X9'),
            quantity: fc.integer({ min: -2, max: 5 }),
            date: fc.date({ min: new Date('2025-01-01'), max: new Date('2029-12-31'), noInvalidDate: true }),
          }),
          { maxLength: 20 },
        ),
        (list) => {
          const t = tallyCommitments([entry('J1', '10', 2026, 2)], framework, contract, 'year');
          const ms = list.map((m) => ({
            measure: m.measure,
            quantity: dec(m.quantity),
            date: m.date.toISOString().slice(0, 10),
          }));
          const r = acceptMilestones(ms, t, { ...contract, ...texts });
          expect(r.counts.read).toBe(list.length);
          expect(r.counts.accepted + r.counts.rejected).toBe(r.counts.read);
          expect(r.issues).toHaveLength(r.counts.rejected);
          expect(t.get('J1')?.milestones).toHaveLength(r.counts.accepted);
        },
      ),
    );
  });
});

describe('acceptReturns (stage 3)', () => {
  it('rejects returns before the contract or after the report date, located by line', () => {
    const t = tallyCommitments([entry('J1', '10', 2026, 2)], framework, contract, 'year');
    const r = acceptReturns(
      [
        { measure: 'J1', quantity: dec(1), period: '2026-Q1', line: 2 },
        { measure: 'J1', quantity: dec(2), period: '2026-Q2', evidence: 'payroll', line: 3 },
        { measure: 'J1', quantity: dec(3), date: '2027-06-01', line: 4 },
        { measure: 'N1', quantity: dec(1), date: '2026-05-01', line: 5 },
      ],
      t,
      {
        ...contract,
        report: parseISO('2027-03-31'),
        ...texts,
        reportDateText: '2027-03-31',
        periodicity: 'quarter',
      },
    );
    expect(r.issues.map((i) => [i.code, i.line, i.severity ?? 'error'])).toEqual([
      ['outcome_before_start', 2, 'error'],
      ['outcome_after_report_date', 4, 'error'],
      ['outcome_not_committed', 5, 'warning'],
    ]);
    expect(r.accepted.map((a) => [a.measure, a.counted.toString(), a.evidence])).toEqual([
      ['J1', '2', 'payroll'],
      ['N1', '1', null],
    ]);
    expect(t.get('N1')?.committed.isZero()).toBe(true);
  });
});

describe('countToDate (stage 4)', () => {
  it('to-date returns add what they rise by: the counted sum is the last figure reported (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (rises) => {
        let total = 0;
        const accepted: Accepted[] = rises.map((r, i) => {
          total += r;
          const when = new Date(2026, 3 + 3 * i, 1);
          return {
            index: i,
            measure: 'J1',
            reported: dec(total),
            counted: dec(total),
            basis: 'to-date',
            when,
            asOf: when,
            shown: `q${i}`,
            periodStart: when,
            evidence: null,
          };
        });
        const r = countToDate(accepted.reverse());
        const list = r.byMeasure.get('J1') ?? [];
        expect(list.reduce((s, a) => s.plus(a.counted), ZERO).toString()).toBe(String(total));
        expect(list.map((a) => a.counted.toNumber())).toEqual(rises);
        expect(r.issues).toEqual([]);
      }),
    );
  });
});
