import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvTokenizer } from './tokenizer';

function tokenize(chunks: string[], options = {}): { records: CsvRecord[]; blank: number } {
  const t = new CsvTokenizer(options);
  const records: CsvRecord[] = [];
  for (const c of chunks) t.push(c, records);
  t.end(records);
  return { records, blank: t.blankLines };
}

const view = (rs: CsvRecord[]) => rs.map((r) => [r.line, r.fields, r.error?.code]);

describe('CsvTokenizer', () => {
  it('reads RFC 4180 records with quotes, doubled quotes and empty fields', () => {
    const { records } = tokenize(['a,"b,c","say ""hi""",,\n1,2,3,4,5']);
    expect(view(records)).toEqual([
      [1, ['a', 'b,c', 'say "hi"', '', ''], undefined],
      [2, ['1', '2', '3', '4', '5'], undefined],
    ]);
  });

  it('strips a BOM and accepts CRLF, LF and lone CR line ends', () => {
    const { records } = tokenize(['\uFEFFh1,h2\r\na,b\nc,d\re,f\r\n']);
    expect(view(records)).toEqual([
      [1, ['h1', 'h2'], undefined],
      [2, ['a', 'b'], undefined],
      [3, ['c', 'd'], undefined],
      [4, ['e', 'f'], undefined],
    ]);
  });

  it('keeps physical line numbers right after multi-line quoted cells', () => {
    const { records } = tokenize(['h\n"one\r\ntwo\nthree"\n"x\ry"\nlast\n']);
    expect(view(records)).toEqual([
      [1, ['h'], undefined],
      [2, ['one\r\ntwo\nthree'], undefined],
      [5, ['x\ry'], undefined],
      [7, ['last'], undefined],
    ]);
  });

  it('skips blank lines and counts them', () => {
    const { records, blank } = tokenize(['a\n\n\r\n\rb\n']);
    expect(view(records)).toEqual([
      [1, ['a'], undefined],
      [5, ['b'], undefined],
    ]);
    expect(blank).toBe(3);
  });

  it('ends an unclosed quote at the end of its line and reads the following lines again', () => {
    const { records } = tokenize(['a,b\n1,"2\n3,4\n5,"6"\n7,8\n']);
    expect(view(records)).toEqual([
      [1, ['a', 'b'], undefined],
      [2, ['1', '"2'], 'unclosed_quote'],
      [3, ['3', '4'], undefined],
      [4, ['5', '6'], undefined],
      [5, ['7', '8'], undefined],
    ]);
    expect(records[1]!.error).toMatchObject({ line: 2, column: 2 });
  });

  it('reports text after a closing quote on one line without losing the row', () => {
    const { records } = tokenize(['"ab"c,d\n']);
    expect(view(records)).toEqual([[1, ['ab"c', 'd'], 'quote_in_field']]);
  });

  it('bounds a runaway quoted field by maxFieldLength', () => {
    const body = Array.from({ length: 50 }, (_, k) => `${k},x`).join('\n');
    const { records } = tokenize([`a,"${body}`], { maxFieldLength: 64 });
    expect(records[0]!.error?.code).toBe('unclosed_quote');
    expect(records.length).toBe(50); // the 49 lines after the stray quote are read as records
    expect(records[49]).toMatchObject({ line: 50, fields: ['49', 'x'] });
  });

  it('accepts other delimiters', () => {
    expect(view(tokenize(['a;"b;c"\n'], { delimiter: ';' }).records)).toEqual([[1, ['a', 'b;c'], undefined]]);
    expect(() => new CsvTokenizer({ delimiter: '"' })).toThrow();
  });

  const csvText = fc.string({
    unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', '\uFEFF', '\u0000', 'é', '😀'),
    maxLength: 200,
  });

  it('gives the same records however the text is cut into chunks (property)', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const c of at) {
          chunks.push(text.slice(prev, c));
          prev = c;
        }
        chunks.push(text.slice(prev));
        const one = tokenize([text]);
        const many = tokenize(chunks);
        expect(view(many.records)).toEqual(view(one.records));
        expect(many.blank).toBe(one.blank);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('never throws, and lines only grow (property)', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const { records } = tokenize([text]);
        let last = 0;
        for (const r of records) {
          expect(r.line).toBeGreaterThan(last);
          last = r.line;
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('record length limit', () => {
  it('rejects a record longer than maxRecordLength, dropping the fields past it, and reads the next line', () => {
    const { records } = tokenize(['a,b\n', 'xxxx,yyyy,zzzz,', 'wwww\nc,d\n'], { maxRecordLength: 10 });
    expect(records.map((r) => [r.line, r.fields, r.error?.code])).toEqual([
      [1, ['a', 'b'], undefined],
      [2, ['xxxx', 'yyyy'], 'record_too_long'],
      [3, ['c', 'd'], undefined],
    ]);
    expect(records[1]!.error!.message).toContain('longer than 10 characters');
  });

  it('keeps memory bounded on one 64 MiB line of short fields, whatever the column limit', () => {
    const t = new CsvTokenizer({ maxRecordLength: 1 << 20, maxColumns: 1 << 24 });
    const out: CsvRecord[] = [];
    const piece = 'abcdefg,'.repeat(8192);
    for (let i = 0; i < 1024; i++) t.push(piece, out);
    t.end(out);
    expect(out).toHaveLength(1);
    expect(out[0]!.error?.code).toBe('record_too_long');
    expect(out[0]!.fields.length).toBe(Math.floor((1 << 20) / 7)); // the fields within the limit
  });
});
