import { CommonwealError } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../source/source';
import { type CsvColumn, csvLines, csvRowWriter, csvStringify, formatCell, formatRow, toCsv } from './writer';

describe('formatCell (OWASP CSV Injection, economy.md §8)', () => {
  it.each([
    ['=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['+44 20 7946 0000', `"'+44 20 7946 0000"`],
    ['-20', `"'-20"`],
    ['@risk', `"'@risk"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['\nx', `"'\nx"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])('neutralises text %j', (text, want) => expect(formatCell(text)).toBe(want));

  it('writes numbers plainly so negative amounts stay numeric', () => {
    expect(formatCell(dec('-20.50'))).toBe('-20.5');
    expect(formatCell(dec('1e50'))).toBe('1' + '0'.repeat(50));
    expect(formatCell(dec('0.0000001'))).toBe('0.0000001');
    expect(formatCell(-3)).toBe('-3');
    expect(formatCell(-0)).toBe('0');
    expect(formatCell(10n)).toBe('10');
    expect(formatCell(true)).toBe('true');
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(() => formatCell(Number.NaN)).toThrow();
  });

  it('quotes RFC 4180 specials and nothing else', () => {
    expect(formatCell('plain text')).toBe('plain text');
    expect(formatCell('a,b')).toBe('"a,b"');
    expect(formatCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCell('two\nlines')).toBe('"two\nlines"');
    expect(formatCell('a;b', { delimiter: ';' })).toBe('"a;b"');
    expect(formatCell('=1', { escapeFormulas: false })).toBe('=1');
  });

  it('quotes a lone empty cell so the row is not a blank line', () => {
    expect(formatRow([''])).toBe('""');
    expect(formatRow(['', ''])).toBe(',');
  });
});

describe('toCsv and csvStringify', () => {
  const rows = [
    { code: 'NT1', title: 'Local jobs, FTE', value: dec('12769.68') },
    { code: 'NT2', title: '=cmd|calc', value: dec('-64.66') },
  ];
  it('writes a header and rows deterministically with the chosen newline', () => {
    const cols = [
      'code',
      'title',
      { header: 'value (£)', value: (r: (typeof rows)[number]) => r.value },
    ] as const;
    expect(toCsv(rows, cols)).toBe(
      'code,title,value (£)\nNT1,"Local jobs, FTE",12769.68\nNT2,"\'=cmd|calc",-64.66\n',
    );
    expect(toCsv(rows, [{ header: 'Code', key: 'code' }], { newline: '\r\n', header: false })).toBe(
      'NT1\r\nNT2\r\n',
    );
    expect(toCsv([], ['code'], { bom: true })).toBe('\uFEFFcode\n');
  });
  it('streams lines', () => {
    expect([...csvLines([['a'], ['b']])]).toEqual(['a\n', 'b\n']);
    expect(() => [...csvLines([['a']], { newline: '\r' as '\n' })]).toThrow();
  });

  it('round-trips arbitrary strings through the reader (property)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '\uFEFF', '\u0000', '=', '-', "'", '😀', 'é'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        fc.boolean(),
        (records, crlf) => {
          const text = csvStringify(records, { newline: crlf ? '\r\n' : '\n' });
          const back = parseCsv(text).records;
          // a record that is a single empty cell is written "" and read back as ['']
          expect(back.map((r) => r.fields)).toEqual(
            records.map((r) => r.map((c) => (/^[=+\-@\t\r\n]/.test(c) ? `'${c}` : c))),
          );
          for (const r of back) expect(r.error).toBeUndefined();
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never writes a text cell that starts with a formula trigger (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 6 }), (cells) => {
        for (const r of parseCsv(csvStringify([cells])).records) {
          for (const f of r.fields) expect(/^[=+\-@\t\r\n]/.test(f)).toBe(false);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('csvRowWriter', () => {
  type Row = { a: string; b: number | null; c: boolean };
  const columns: CsvColumn<Row>[] = ['a', { header: 'B', key: 'b' }, { header: 'c?', value: (r) => r.c }];

  it('writes the header once and each row with its newline, formulas neutralised', () => {
    const w = csvRowWriter(columns, { newline: '\r\n', bom: true });
    expect(w.header).toBe('\uFEFFa,B,c?\r\n');
    expect(w.row({ a: '=SUM(A1)', b: -1.5, c: true })).toBe(`"'=SUM(A1)",-1.5,true\r\n`);
    expect(w.row({ a: '=SUM(A1)', b: null, c: false })).toBe(`"'=SUM(A1)",,false\r\n`);
    expect(() => csvRowWriter(columns, { delimiter: '"' })).toThrow(CommonwealError);
  });

  it('property: header + rows are the bytes of toCsv, whatever the text (repeats cached)', () => {
    const text = fc.constantFrom('x', '=1', 'a,b', 'q"q', ' ', '', 'line\nbreak', '\uFEFFbom', '-3');
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: text, b: fc.option(fc.integer()), c: fc.boolean() }), { maxLength: 30 }),
        fc.constantFrom(',', ';', '\t'),
        (rows, delimiter) => {
          const w = csvRowWriter(columns, { delimiter });
          let got = w.header;
          for (const r of rows) got += w.row(r);
          expect(got).toBe(toCsv(rows, columns, { delimiter }));
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});
