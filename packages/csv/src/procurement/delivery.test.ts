import { MilestoneSchema, OutcomeRecordSchema } from '@commonweal/core/procurement';
import { describe, expect, it } from 'vitest';
import { readMilestonesCsv, readOutcomesCsv } from './delivery';

const located = (issues: { line?: number; field?: string; code: string }[]) =>
  issues.map((i) => [i.line, i.field, i.code]);

describe('readOutcomesCsv: return basis and evidence', () => {
  it('reads to-date returns (also written "cumulative") and evidence references; a bad basis is located', async () => {
    const r = await readOutcomesCsv(
      [
        'measure,quantity,period,basis,evidence reference',
        'EX-JOB,2.5,2026-Q2,to date,payroll extract June 2026',
        'EX-JOB,5.25,2026-Q3,Cumulative,payroll extract September 2026',
        'EX-JOB,2.75,2026-Q4,,',
        'EX-JOB,3,2027-Q1,weekly,payroll extract March 2027',
      ].join('\n'),
      { file: 'returns.csv' },
    );
    expect(located(r.issues)).toEqual([[5, 'basis', 'invalid_choice']]);
    expect(r.rows.map((o) => [o.period, o.basis, o.evidence])).toEqual([
      ['2026-Q2', 'to-date', 'payroll extract June 2026'],
      ['2026-Q3', 'to-date', 'payroll extract September 2026'],
      ['2026-Q4', undefined, undefined],
    ]);
    for (const o of r.rows)
      expect(OutcomeRecordSchema.safeParse({ ...o, quantity: o.quantity.toFixed() }).success).toBe(true);
    expect(r.counts).toEqual({ read: 4, accepted: 3, rejected: 1, blank: 0 });
  });
});

describe('readMilestonesCsv', () => {
  it('reads due-by dates or periods; missing, doubled or negative ones are located issues', async () => {
    const r = await readMilestonesCsv(
      [
        'measure,quantity,due by,period,notes',
        'EX-NEET,2,30/09/2026,,first cohort',
        'EX-NEET,2,,2027-Q1,second cohort',
        'EX-JOB,12.5,,,no date',
        'EX-JOB,12.5,2027-03-31,2027-Q1,both',
        'CO2,-4,2027-03-31,,negative',
      ].join('\n'),
      { file: 'milestones.csv' },
    );
    expect(located(r.issues)).toEqual([
      // located by the column as the file names it
      [4, 'due by', 'date_or_period_missing'],
      [5, 'period', 'date_and_period'],
      [6, 'quantity', 'negative_quantity'],
    ]);
    expect(r.issues.every((i) => i.file === 'milestones.csv')).toBe(true);
    expect(r.rows.map((m) => [m.measure, m.quantity.toFixed(), m.date, m.period, m.line])).toEqual([
      ['EX-NEET', '2', '2026-09-30', undefined, 2],
      ['EX-NEET', '2', undefined, '2027-Q1', 3],
    ]);
    for (const m of r.rows)
      expect(MilestoneSchema.safeParse({ ...m, quantity: m.quantity.toFixed() }).success).toBe(true);
    expect(r.counts).toEqual({ read: 5, accepted: 2, rejected: 3, blank: 0 });
  });
});
