import { describe, expect, it } from 'vitest';
import {
  booleanCell,
  type CellContext,
  type CellResult,
  dateCell,
  decimalCell,
  enumCell,
  fractionCell,
  integerCell,
  normalizeName,
  textCell,
  yearCell,
} from './cells';

const ctx: CellContext = { line: 2, column: 1, field: 'x', key: 'x', table: 't' };
const val = <T>(r: CellResult<T>) =>
  r.ok ? (typeof r.value === 'object' ? String(r.value) : r.value) : r.code;

describe('decimalCell', () => {
  const d = decimalCell();
  it.each([
    ['1234.5', '1234.5'],
    ['£1,234.50', '1234.5'], // the parser test list in economy.md §7
    ['(20)', '-20'],
    ['-£20', '-20'],
    ['73423.70999999999', '73423.70999999999'], // Devon float artefact kept exactly (economy.md §5)
    [' 12 ', '12'],
    ['1e3', '1000'],
  ])('reads %j as %s', (cell, want) => {
    expect(val(d(cell, ctx))).toBe(want);
  });
  it.each([
    ['ten', 'not_a_number'],
    ['1,23,4', 'misplaced_thousands_separator'],
    ['NaN', 'not_finite'],
    ['-Infinity', 'not_finite'],
    ['20%', 'percent_not_allowed'],
    ['1.2.3', 'not_a_number'],
  ])('rejects %j with %s', (cell, code) => {
    expect(val(d(cell, ctx))).toBe(code);
  });
  it('applies bounds and percent option', () => {
    expect(val(decimalCell({ min: 0 })('-1', ctx))).toBe('below_minimum');
    expect(val(decimalCell({ max: 10 })('11', ctx))).toBe('above_maximum');
    expect(val(decimalCell({ percent: true })('12.5%', ctx))).toBe('0.125');
  });
});

describe('fractionCell', () => {
  const f = fractionCell();
  it.each([
    ['20%', '0.2'],
    ['0.2', '0.2'],
    ['0', '0'],
    ['1', '1'],
    ['100%', '1'],
    ['-0', '0'],
  ])('reads %j as %s', (cell, want) => expect(val(f(cell, ctx))).toBe(want));
  it('does not guess that 20 means 20%', () => {
    const r = f('20', ctx);
    expect(r).toEqual({
      ok: false,
      code: 'fraction_too_large',
      message: '"20" is more than 1: write 20% or 0.2',
    });
  });
  it.each([
    ['150%', 'fraction_too_large'],
    ['-0.1', 'fraction_negative'],
    ['-5%', 'fraction_negative'],
    ['abc%', 'not_a_number'],
  ])('rejects %j with %s', (cell, code) => expect(val(f(cell, ctx))).toBe(code));
});

describe('integerCell and yearCell', () => {
  it('reads whole numbers and rejects fractions and out-of-range values', () => {
    const i = integerCell({ min: 1, max: 200 });
    expect(val(i('3', ctx))).toBe(3);
    expect(val(i('3.0', ctx))).toBe(3);
    expect(val(i('0', ctx))).toBe('out_of_range');
    expect(val(i('1.5', ctx))).toBe('not_a_whole_number');
    expect(val(i('x', ctx))).toBe('not_a_number');
  });
  it('reads years and names dates in a year column', () => {
    const y = yearCell();
    expect(val(y('2024', ctx))).toBe(2024);
    expect(val(y(' 2024 ', ctx))).toBe(2024);
    expect(val(y('2024.5', ctx))).toBe('not_a_whole_number');
    expect(val(y('31/03/2024', ctx))).toBe('year_looks_like_date');
    expect(val(y('2017-07-03 00:00:00', ctx))).toBe('year_looks_like_date');
    expect(val(y('1899', ctx))).toBe('out_of_range');
    expect(val(y('24', ctx))).toBe('out_of_range');
  });
});

describe('booleanCell', () => {
  const b = booleanCell();
  it.each(['yes', 'Y', 'TRUE', '1', 't'])('%s is true', (c) => expect(val(b(c, ctx))).toBe(true));
  it.each(['no', 'N', 'false', '0', 'f'])('%s is false', (c) => expect(val(b(c, ctx))).toBe(false));
  it('rejects other words', () => expect(val(b('maybe', ctx))).toBe('invalid_boolean'));
});

describe('dateCell', () => {
  const d = dateCell();
  it.each([
    ['2024-03-31', '2024-03-31'],
    ['2017-07-03 00:00:00', '2017-07-03'], // Devon's timestamps (economy.md §5)
    ['2024-03-31T10:15:00Z', '2024-03-31'],
    ['31/03/2024', '2024-03-31'], // East Cambridgeshire dd/mm/yyyy
    ['1/4/2024', '2024-04-01'],
    ['29/02/2024', '2024-02-29'], // 2024 is a leap year
    ['31.03.2024', '2024-03-31'],
  ])('reads %j as %s', (cell, want) => expect(val(d(cell, ctx))).toBe(want));
  it.each([
    ['31/02/2024', 'impossible_date'],
    ['29/02/2023', 'impossible_date'],
    ['2024-13-01', 'impossible_date'],
    ['2024-02-30', 'impossible_date'],
    ['31/03/24', 'invalid_date'],
    ['March 2024', 'invalid_date'],
    ['2024-03-31 25:00', 'invalid_date'],
  ])('rejects %j with %s', (cell, code) => expect(val(d(cell, ctx))).toBe(code));
  it('explains an impossible date', () => {
    const r = d('31/02/2024', ctx);
    expect(r.ok ? '' : r.message).toContain('February 2024 has 29 days');
  });
  it('refuses to guess between UK and US when both are allowed', () => {
    const both = dateCell({ formats: ['dmy', 'mdy'] });
    expect(val(both('03/04/2024', ctx))).toBe('ambiguous_date');
    expect(val(both('13/04/2024', ctx))).toBe('2024-04-13');
    expect(val(both('04/13/2024', ctx))).toBe('2024-04-13');
    expect(val(both('04/04/2024', ctx))).toBe('2024-04-04');
    expect(val(dateCell({ formats: ['mdy'] })('03/31/2024', ctx))).toBe('2024-03-31');
  });
});

describe('enumCell, textCell, normalizeName', () => {
  it('matches choices like headers', () => {
    const e = enumCell(['perYear', 'firstYearOnly'], { aliases: { annual: 'perYear' } });
    expect(val(e('First year only', ctx))).toBe('firstYearOnly');
    expect(val(e('ANNUAL', ctx))).toBe('perYear');
    expect(val(e('weekly', ctx))).toBe('invalid_choice');
  });
  it('trims text and bounds its length', () => {
    expect(val(textCell()('  a b ', ctx))).toBe('a b');
    expect(val(textCell({ trim: false })(' a ', ctx))).toBe(' a ');
    expect(val(textCell({ maxLength: 2 })('abc', ctx))).toBe('text_too_long');
  });
  it('normalises names', () => {
    expect(['Drop off', 'drop_off', 'DROP-OFF', 'Drop-Off '].map(normalizeName)).toEqual(
      Array(4).fill('dropoff'),
    );
    expect(normalizeName('Net Amount £')).toBe('netamount');
    expect(normalizeName('Bénéficiaire')).toBe('beneficiaire');
  });
});
