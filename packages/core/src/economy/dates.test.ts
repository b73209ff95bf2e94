import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFormatOf, excelSerialDate, readDate } from './dates';
import { parseSpendDate } from './period';

describe('readDate', () => {
  it('reads ISO dates and timestamps', () => {
    expect(readDate('2017-07-03 00:00:00')).toEqual({ ok: true, value: '2017-07-03' });
    expect(readDate('2024-03-31T10:00:00Z')).toEqual({ ok: true, value: '2024-03-31' });
    expect(readDate('2024-02-29', 'iso')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('reads day = month as one date: 10/10/2017 is 10 October (the issue 10 file)', () => {
    expect(readDate('10/10/2017')).toEqual({ ok: true, value: '2017-10-10', order: 'same' });
    expect(parseSpendDate('10/10/2017')).toEqual({ ok: true, value: '2017-10-10' });
    expect(readDate('01/01/2024', 'mdy')).toEqual({ ok: true, value: '2024-01-01', order: 'same' });
  });

  it('says which order a numeric date proves', () => {
    expect(readDate('25/12/2024')).toEqual({ ok: true, value: '2024-12-25', order: 'dmy' });
    expect(readDate('12/25/2024')).toEqual({ ok: true, value: '2024-12-25', order: 'mdy' });
    expect(readDate('03/07/2017', 'dmy')).toEqual({ ok: true, value: '2017-07-03' });
    expect(readDate('03/07/2017', 'mdy')).toEqual({ ok: true, value: '2017-03-07' });
  });

  it('keeps both readings of an ambiguous date', () => {
    const r = readDate('03/07/2017');
    expect(r).toMatchObject({
      ok: false,
      code: 'ambiguous_date',
      readings: { dmy: '2017-07-03', mdy: '2017-03-07' },
    });
    expect(!r.ok && r.reason).toBe(
      '"03/07/2017" could be 3 July or 7 March 2017: declare the date format (dd/mm/yyyy for UK files)',
    );
  });

  it('reads Excel serial dates', () => {
    expect(excelSerialDate(43012)).toBe('2017-10-04');
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(60)).toBeUndefined();
    expect(excelSerialDate(45382.75)).toBe('2024-03-31');
    expect(readDate('43012')).toEqual({ ok: true, value: '2017-10-04' });
    expect(readDate('45382.5', 'excel')).toEqual({ ok: true, value: '2024-03-31' });
    expect(readDate('2017', 'excel')).toEqual({ ok: true, value: '1905-07-09' });
    expect(readDate('2017').ok).toBe(false);
    expect(readDate('43012', 'auto', { serials: false }).ok).toBe(false);
    expect(readDate('2024-03-31', 'excel')).toMatchObject({ ok: false, code: 'invalid_date' });
  });

  it('reads month names', () => {
    expect(readDate('3-Jul-2017')).toEqual({ ok: true, value: '2017-07-03' });
    expect(readDate('3 July 2017')).toEqual({ ok: true, value: '2017-07-03' });
    expect(readDate('3rd July 2017')).toEqual({ ok: true, value: '2017-07-03' });
  });

  it.each([
    ['31/02/2024', 'impossible_date'],
    ['29/02/2023', 'impossible_date'],
    ['2024-13-01', 'impossible_date'],
    ['13/13/2024', 'impossible_date'],
    ['2024-03-31 25:00', 'invalid_date'],
    ['yesterday', 'invalid_date'],
    ['', 'invalid_date'],
  ])('rejects %j as %s', (t, code) => {
    expect(readDate(t, 'dmy')).toMatchObject({ ok: false, code });
  });

  it('reads two-digit years as 20yy unless told not to', () => {
    expect(readDate('31/03/24')).toEqual({ ok: true, value: '2024-03-31', order: 'dmy' });
    expect(readDate('31/03/24', 'auto', { twoDigitYears: false })).toMatchObject({ code: 'invalid_date' });
  });

  it('names the formats the CLI takes', () => {
    expect(dateFormatOf('dd/mm/yyyy')).toBe('dmy');
    expect(dateFormatOf('MM/DD/YYYY')).toBe('mdy');
    expect(dateFormatOf('yyyy-mm-dd')).toBe('iso');
    expect(dateFormatOf('excel')).toBe('excel');
    expect(dateFormatOf('dd.mm.yy')).toBeUndefined();
  });
});

describe('readDate properties', () => {
  const day = fc.record({
    y: fc.integer({ min: 1990, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
  });
  const pad = (n: number) => String(n).padStart(2, '0');

  it('day = month reads as the same date under dd/mm, mm/dd and auto', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('/', '-', '.'), ({ y, m }, sep) => {
        const text = `${pad(m)}${sep}${pad(m)}${sep}${y}`;
        const want = `${y}-${pad(m)}-${pad(m)}`;
        for (const f of ['dmy', 'mdy', 'auto'] as const) {
          const r = readDate(text, f);
          if (!r.ok || r.value !== want) return false;
        }
        return true;
      }),
    );
  });

  it('a dd/mm date written from a real day reads back to that day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1950, 0, 1), max: new Date(2100, 11, 31), noInvalidDate: true }),
        (d) => {
          const [y, m, dd] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
          const want = `${y}-${pad(m)}-${pad(dd)}`;
          const r = readDate(`${pad(dd)}/${pad(m)}/${y}`, 'dmy');
          const s = readDate(`${pad(m)}/${pad(dd)}/${y}`, 'mdy');
          return r.ok && r.value === want && s.ok && s.value === want;
        },
      ),
    );
  });
});
