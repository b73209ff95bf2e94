import { describe, expect, it } from 'vitest';
import { financialYear, parseSpendDate, periodOf } from './period';

describe('financial years (1 April – 31 March)', () => {
  it('31 March closes the year, 1 April opens the next', () => {
    expect(financialYear('2025-03-31')).toBe('2024-25');
    expect(financialYear('2025-04-01')).toBe('2025-26');
    expect(financialYear('2024-01-15')).toBe('2023-24');
    expect(financialYear('1999-12-31')).toBe('1999-00');
  });
  it('labels months, calendar quarters and financial quarters', () => {
    expect(periodOf('2024-05-10', 'month')).toBe('2024-05');
    expect(periodOf('2024-05-10', 'quarter')).toBe('2024-Q2');
    expect(periodOf('2024-12-31', 'quarter')).toBe('2024-Q4');
    expect(periodOf('2024-04-01', 'financialQuarter')).toBe('2024-25 Q1');
    expect(periodOf('2024-07-01', 'financialQuarter')).toBe('2024-25 Q2');
    expect(periodOf('2024-12-31', 'financialQuarter')).toBe('2024-25 Q3');
    expect(periodOf('2025-03-31', 'financialQuarter')).toBe('2024-25 Q4');
  });
});

describe('parseSpendDate', () => {
  it('reads Devon timestamps and ISO dates', () => {
    expect(parseSpendDate('2017-07-03 00:00:00')).toEqual({ ok: true, value: '2017-07-03' });
    expect(parseSpendDate('2017-07-03T00:00:00Z')).toEqual({ ok: true, value: '2017-07-03' });
    expect(parseSpendDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });
  it('reads UK dd/mm/yyyy only when declared or unambiguous', () => {
    expect(parseSpendDate('03/07/2017', 'dmy')).toEqual({ ok: true, value: '2017-07-03' });
    expect(parseSpendDate('03/07/2017', 'mdy')).toEqual({ ok: true, value: '2017-03-07' });
    expect(parseSpendDate('31/03/2025')).toEqual({ ok: true, value: '2025-03-31' });
    const ambiguous = parseSpendDate('03/07/2017');
    expect(ambiguous.ok).toBe(false);
    expect(!ambiguous.ok && ambiguous.reason).toContain('declare the date format');
  });
  it('reads month names', () => {
    expect(parseSpendDate('3-Jul-2017')).toEqual({ ok: true, value: '2017-07-03' });
    expect(parseSpendDate('3 July 2017')).toEqual({ ok: true, value: '2017-07-03' });
  });
  it.each(['2023-02-29', '2024-13-01', '31/02/2024', 'yesterday', ''])('rejects %j', (t) => {
    expect(parseSpendDate(t, 'dmy').ok).toBe(false);
  });
});
