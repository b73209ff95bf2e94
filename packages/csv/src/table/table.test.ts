import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateCell, decimalCell, fractionCell, textCell, yearCell } from '../cells/cells';
import { readAll, readTable } from './read';
import { defineTable } from './table';

// ODI Leeds council-spending-data aliases (economy.md §6)
const spend = defineTable({
  name: 'spend',
  columns: {
    date: {
      header: 'Payment Date',
      aliases: ['Transaction Date', 'Date', 'Date paid'],
      required: true,
      parse: dateCell(),
    },
    amount: {
      header: 'Amount',
      aliases: ['Net amount', 'NetAmount', 'Net Amount £'],
      required: true,
      parse: decimalCell(),
    },
    supplier: {
      header: 'Beneficiary Name',
      aliases: ['Supplier name', 'SupplierName'],
      required: true,
      parse: textCell(),
    },
    dropOff: { header: 'drop_off', parse: fractionCell() },
    note: { header: 'note', parse: textCell(), default: '' },
  },
});

describe('header matching', () => {
  it.each([
    'Payment Date,Amount,Beneficiary Name',
    'payment_date,AMOUNT,beneficiary-name',
    'Transaction Date,Net Amount £,Supplier Name',
    'DATE PAID , NetAmount , SupplierName',
  ])('matches %j', async (header) => {
    const r = await readAll(`${header}\n31/03/2024,"£1,234.50",ACME Ltd\n`, spend);
    expect(r.issues).toEqual([]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.date).toBe('2024-03-31');
    expect(r.rows[0]!.amount.toString()).toBe('1234.5');
    expect(r.rows[0]!.note).toBe(''); // default for a missing optional column
  });

  it('matches Drop off, drop_off and DROP-OFF to drop_off', async () => {
    for (const h of ['Drop off', 'drop_off', 'DROP-OFF']) {
      const r = await readAll(`Date,Amount,Supplier name,${h}\n2024-03-31,1,A,20%\n`, spend);
      expect(r.rows[0]!.dropOff?.toString()).toBe('0.2');
      expect(r.columns.find((c) => c.key === 'dropOff')).toEqual({ key: 'dropOff', header: h, column: 4 });
    }
  });

  it('names a missing required column and lists the headers found, reading nothing', async () => {
    const r = await readAll('Date,Supplier name,Extra\n2024-03-31,A,x\n', spend, { file: 'spend.csv' });
    expect(r.counts).toEqual({ read: 0, accepted: 0, rejected: 0, blank: 0 });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      {
        code: 'missing_column',
        message: `the file has no "Amount" column (also accepted: "Net amount", "NetAmount", "Net Amount £"): add it to the header row, or name the column that holds it with the reader's headers option (headers.amount). Headers found: "Date", "Supplier name", "Extra"`,
        line: 1,
        field: 'Amount',
        file: 'spend.csv',
      },
    ]);
  });

  it('refuses to guess when two columns mean one field (Cannock Chase-style), unless told which', async () => {
    const text = 'Date,Amount,Net amount,Supplier name\n2024-03-31,120,100,A\n';
    const r = await readAll(text, spend);
    expect(r.issues.map((i) => [i.code, i.line, i.column, i.field])).toEqual([
      ['ambiguous_column', 1, 3, 'Net amount'],
    ]);
    expect(r.counts.read).toBe(0);
    const chosen = await readAll(text, spend, { headers: { amount: 'Net amount' } });
    expect(chosen.issues).toEqual([]);
    expect(chosen.rows[0]!.amount.toString()).toBe('100');
  });

  it('warns once about unknown columns, and can be told not to', async () => {
    const text =
      'Date,Amount,Supplier name,Vat Reg No,Expense Code\n2024-03-31,1,A,x,y\n2024-03-31,2,B,x,y\n';
    const r = await readAll(text, spend);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'unknown_columns', severity: 'warning', line: 1 });
    expect(r.issues[0]!.message).toContain('"Vat Reg No", "Expense Code"');
    expect(r.ok).toBe(true);
    expect((await readAll(text, spend, { unknownColumns: 'ignore' })).issues).toEqual([]);
  });

  it('skips empty rows above the header', async () => {
    const r = await readAll(',,\n\nDate,Amount,Supplier name\n2024-03-31,1,A\n', spend);
    expect(r.issues).toEqual([]);
    expect(r.counts).toEqual({ read: 1, accepted: 1, rejected: 0, blank: 2 });
  });

  it('reports an empty file', async () => {
    for (const text of ['', '\n\n', '\uFEFF']) {
      const r = await readAll(text, spend);
      expect(r.issues.map((i) => i.code)).toEqual(['empty_file']);
    }
  });

  it('rejects an unreadable header', async () => {
    const r = await readAll('"Date,Amount\n', spend);
    expect(r.issues.map((i) => i.code)).toEqual(['invalid_header']);
  });

  it('rejects a table whose columns share a header', () => {
    expect(() =>
      defineTable({
        name: 'bad',
        columns: { a: { header: 'Amount', parse: textCell() }, b: { header: 'amount', parse: textCell() } },
      }),
    ).toThrow(/both column a and column b/);
  });
});

describe('rows', () => {
  it('skips blank lines and all-empty rows, keeps line numbers, accepts empty trailing fields', async () => {
    const text =
      'Date,Amount,Supplier name\r\n\r\n2024-03-31,1,A\r\n,,\r\n"2024-03-31",2,"B\r\nC"\r\n2024-03-31,3,D,,\r\n';
    const r = await readAll(text, spend);
    expect(r.issues).toEqual([]);
    expect(r.counts).toEqual({ read: 3, accepted: 3, rejected: 0, blank: 2 });
    const lines: number[] = [];
    for await (const row of readTable(text, spend)) lines.push(row.line);
    expect(lines).toEqual([3, 5, 7]);
  });

  it('reports every bad cell of a row, and an empty required cell', async () => {
    const r = await readAll('Date,Amount,Supplier name\n31/02/2024,abc,\n', spend);
    expect(r.issues.map((i) => [i.line, i.column, i.field, i.code])).toEqual([
      [2, 1, 'Date', 'impossible_date'],
      [2, 2, 'Amount', 'not_a_number'],
      [2, 3, 'Supplier name', 'empty_cell'],
    ]);
    expect(r.counts).toEqual({ read: 1, accepted: 0, rejected: 1, blank: 0 });
  });

  it('runs the row check, locating its problems by column key', async () => {
    const t = defineTable({
      name: 'pairs',
      columns: {
        low: { header: 'low', required: true, parse: decimalCell() },
        high: { header: 'high', required: true, parse: decimalCell() },
      },
      row: (v, ctx) =>
        v.low.gt(v.high)
          ? { ok: false, problems: [{ code: 'proxy_range', message: 'low is above high', key: 'low' }] }
          : {
              ok: true,
              value: { width: v.high.minus(v.low).toString(), line: ctx.line, header: ctx.headerOf('high') },
              problems: v.low.isZero()
                ? [{ code: 'reference_zero', message: 'low is zero', severity: 'warning' }]
                : [],
            },
    });
    const r = await readAll('High,Low\n5,1\n1,5\n5,0\n', t);
    expect(r.rows).toEqual([
      { width: '4', line: 2, header: 'High' },
      { width: '5', line: 4, header: 'High' },
    ]);
    expect(r.issues.map((i) => [i.line, i.column, i.field, i.code, i.severity])).toEqual([
      [3, 2, 'Low', 'proxy_range', undefined],
      [4, undefined, undefined, 'reference_zero', 'warning'],
    ]);
    expect(r.ok).toBe(false);
  });

  it('turns a failing source into a read_failed issue', async () => {
    async function* failing() {
      yield 'Date,Amount,Supplier name\n2024-03-31,1,A\n';
      throw new Error('EIO');
    }
    const reader = readTable(failing(), spend, { file: 'x.csv' });
    const rows = [];
    for await (const row of reader) rows.push(row);
    const s = reader.summary();
    expect(rows).toHaveLength(1);
    expect(s.stopped).toBe(true);
    expect(s.fileIssues.map((i) => [i.code, i.file])).toEqual([['read_failed', 'x.csv']]);
  });

  it('never throws on arbitrary bytes and always has read = accepted + rejected (property)', async () => {
    const header = new TextEncoder().encode('Date,Amount,Supplier name,drop_off\n');
    const junk = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .string({
          unit: fc.constantFrom('2024-03-31', ',', '"', '\n', '\r', '1', '£', '%', '\u0000', 'A', ' '),
          maxLength: 80,
        })
        .map((s) => new TextEncoder().encode(s)),
      fc.constant(new Uint8Array([0x22, ...new TextEncoder().encode('x'.repeat(100_000))])),
    );
    await fc.assert(
      fc.asyncProperty(junk, fc.boolean(), async (body, withHeader) => {
        const bytes = withHeader ? new Uint8Array([...header, ...body]) : body;
        const r = await readAll(bytes, spend);
        expect(r.counts.read).toBe(r.counts.accepted + r.counts.rejected);
        expect(r.rows.length).toBe(r.counts.accepted);
        for (const i of r.issues) expect(typeof i.message).toBe('string');
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('matchOnly columns', () => {
  it('are matched in the header (no unknown-column warning, their header not taken) but never read', async () => {
    const t = defineTable({
      name: 'scan',
      columns: {
        year: { header: 'year', required: true, parse: yearCell() },
        quantity: {
          header: 'quantity',
          aliases: ['qty'],
          required: true,
          parse: decimalCell(),
          matchOnly: true,
        },
      },
    });
    const r = await readAll('QTY,Year\nnot a number,2026\n,2027\n', t);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([{ year: 2026 }, { year: 2027 }]);
  });
});
