import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BID_COLUMNS, SCORE_COLUMNS } from '@commonweal/csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOption, dateFormatOption, fieldsOf, parseColumnsFile, parseColumnsSpec } from './csv-options';
import type { CliIO } from './io';
import { FatalIssues } from './load';

const SPEND = [{ name: 'spend', fields: ['date', 'supplierName', 'amount'].map((key) => ({ key })) }];

function io(files: Record<string, string> = {}): CliIO {
  const cwd = mkdtempSync(join(tmpdir(), 'cw-cols-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  return { stdout: () => {}, stderr: () => {}, cwd, isTTY: false };
}

describe('parseColumnsSpec', () => {
  it('reads field=column pairs, with spaces, quotes and commas in quoted columns', () => {
    expect(parseColumnsSpec('date=Paid Date,amount=Amount')).toEqual({ date: 'Paid Date', amount: 'Amount' });
    expect(parseColumnsSpec('date="Paid Date", amount = Amount ')).toEqual({
      date: 'Paid Date',
      amount: 'Amount',
    });
    expect(parseColumnsSpec('supplierName="Name, Supplier",amount=\'Net £\'')).toEqual({
      supplierName: 'Name, Supplier',
      amount: 'Net £',
    });
    expect(parseColumnsSpec('purpose="The ""why"""')).toEqual({ purpose: 'The "why"' });
    expect(parseColumnsSpec('date=Paid Date,')).toEqual({ date: 'Paid Date' });
  });

  it.each([
    ['date', 'has no "="'],
    ['=Paid Date', 'no field before "="'],
    ['date=', 'no column given for date'],
    ['date="Paid Date', 'no closing "'],
    ['date="Paid" Date', 'unexpected text after the quoted column'],
    ['date=A,date=B', 'date is named twice'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseColumnsSpec(text)).toThrow(message);
  });

  it('reads back any mapping written with quotes (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^[A-Za-z][A-Za-z0-9_]*$/.test(s));
    const column = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '');
    fc.assert(
      fc.property(fc.dictionary(name, column, { minKeys: 1, maxKeys: 5 }), (map) => {
        const text = Object.entries(map)
          .map(([f, c]) => `${f}="${c.replace(/"/g, '""')}"`)
          .join(',');
        expect(parseColumnsSpec(text)).toEqual(map);
      }),
    );
  });
});

describe('parseColumnsFile', () => {
  it('reads JSON and CSV mappings', () => {
    expect(parseColumnsFile('{"date": "Paid Date", "amount": "Amount"}', 'map.json')).toEqual({
      date: 'Paid Date',
      amount: 'Amount',
    });
    expect(
      parseColumnsFile('\uFEFFfield,column\ndate,Paid Date\nsupplierName,"Name, Supplier"\n\n', 'map.csv'),
    ).toEqual({
      date: 'Paid Date',
      supplierName: 'Name, Supplier',
    });
  });

  it('locates the problems of a mapping file', () => {
    const bad = (text: string, file: string) => {
      try {
        parseColumnsFile(text, file);
      } catch (e) {
        expect(e).toBeInstanceOf(FatalIssues);
        return (e as FatalIssues).issues.map((i) => [i.code, i.line, i.column, i.field, i.file]);
      }
      return [];
    };
    expect(bad('date,Paid Date\n', 'map.csv')).toEqual([
      ['missing_header', 1, undefined, undefined, 'map.csv'],
    ]);
    expect(bad('field,column\ndate\namount,Amount,extra\n', 'map.csv')).toEqual([
      ['invalid_mapping', 2, 2, undefined, 'map.csv'],
      ['invalid_mapping', 3, 2, undefined, 'map.csv'],
    ]);
    expect(bad('field,column\ndate,A\ndate,B\n', 'map.csv')).toEqual([
      ['duplicate_field', 3, 1, 'date', 'map.csv'],
    ]);
    expect(bad('{"date": 3}', 'map.json')).toEqual([
      ['invalid_mapping', undefined, undefined, 'date', 'map.json'],
    ]);
    expect(bad('["date"]', 'map.json')).toEqual([
      ['invalid_mapping', undefined, undefined, undefined, 'map.json'],
    ]);
    expect(bad('{date', 'map.json')[0]?.[0]).toBe('invalid_json');
  });
});

describe('columnsOption', () => {
  it('is undefined without --columns or --columns-file', () => {
    expect(columnsOption(io(), {}, SPEND)).toBeUndefined();
  });

  it('merges repeated flags and a file; the flags win', () => {
    const cli = io({ 'map.json': '{"date": "Date Paid", "amount": "Amount"}' });
    const cols = columnsOption(
      cli,
      { columns: ['date=Paid Date', 'supplier_name=Supplier'], 'columns-file': 'map.json' },
      SPEND,
    );
    expect(cols).toEqual({ spend: { date: 'Paid Date', amount: 'Amount', supplierName: 'Supplier' } });
  });

  it('sends a field to the first input that has it, or to the input named', () => {
    const inputs = [
      { name: 'bids', fields: fieldsOf(BID_COLUMNS) },
      { name: 'scores', fields: fieldsOf(SCORE_COLUMNS) },
    ];
    expect(
      columnsOption(
        io(),
        { columns: 'price=Tender Price,comment=Notes,scores.bid=Tender,social_value=SV' },
        inputs,
      ),
    ).toEqual({
      bids: { price: 'Tender Price', socialValue: 'SV' },
      scores: { comment: 'Notes', bid: 'Tender' },
    });
  });

  it('refuses an unknown field, listing the fields the command accepts', () => {
    expect(() => columnsOption(io(), { columns: 'paid=Paid Date' }, SPEND)).toThrow(
      '--columns: no field "paid" in this command; it accepts date, supplierName, amount',
    );
  });

  it('refuses a mapping file of the wrong kind', () => {
    expect(() => columnsOption(io(), { 'columns-file': 'map.txt' }, SPEND)).toThrow(
      'expected a .json or .csv file',
    );
  });
});

describe('dateFormatOption', () => {
  it.each([
    [undefined, 'auto'],
    ['auto', 'auto'],
    ['dd/mm/yyyy', 'dmy'],
    ['mm/dd/yyyy', 'mdy'],
    ['yyyy-mm-dd', 'iso'],
    ['excel', 'excel'],
    ['dmy', 'dmy'],
  ])('%s is %s', (v, f) => expect(dateFormatOption(v)).toBe(f));
  it('lists the values when it is given another', () => {
    expect(() => dateFormatOption('uk')).toThrow(
      '--date-format must be auto, dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd or excel',
    );
  });
});
