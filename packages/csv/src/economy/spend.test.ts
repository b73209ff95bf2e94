import { createSpendAccumulator, parseLocalArea, toSpendJson } from '@commonweal/core/economy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableRow } from '../table/read';
import { accumulateSpendCsv, analyseSpendCsv, BLANK_SUPPLIER, readSpend, withReadCounts } from './spend';
import { readSupplierRegisterCsv } from './suppliers';

async function all<T>(reader: AsyncIterable<TableRow<T>>): Promise<TableRow<T>[]> {
  const out: TableRow<T>[] = [];
  for await (const row of reader) out.push(row);
  return out;
}

const values = <T>(rows: TableRow<T>[]): T[] => rows.flatMap((r) => (r.ok ? [r.value] : []));

// Headers exactly as economy.md §5 lists them.
const DEVON =
  'Body,Name of Body,Date,Transaction Number,Invoice Number,Amount,Supplier Name,Supplier ID,Vat Reg No,Expense Area,Expense Type,Expense Code,Creditor Type';
const EAST_CAMBS =
  'Body name,Transaction date,Supplier (beneficiary),Transaction number,Net amount,Irrecoverable VAT,Department/service,Procurement category,CIPFA expenditure code,Purpose,Card transaction';
const CANNOCK =
  'Service_Area_Categorisation,Date,Transaction_Number,SumOfAmount_Inc_VAT,SumOfAmount_Exc_VAT,Capital_Revenue,Supplier_Name,Supplier_ID,Contract_ID';
const LICHFIELD =
  'Publisher URI,Publisher label,Date,Transaction number,Amount (excl. VAT),Supplier name,Supplier ID,Expense area,Expense type,Expense code,Extended description';

describe('readSpend: the real header variants (economy.md §5–§6)', () => {
  it('reads Devon: ISO timestamps, float artefacts and credit notes, with a BOM and CRLF', async () => {
    const text = `\uFEFF${DEVON}\r\n${[
      'E10000008,Devon County Council,2017-07-03 00:00:00,5100012345,INV-881,73423.70999999999,Exe Valley Builders Ltd,S0042,GB123456789,Highways,Road Maintenance,4210,LTD',
      'E10000008,Devon County Council,2017-07-05 00:00:00,5100012346,CN-12,-120.00,Exe Valley Builders Ltd,S0042,GB123456789,Highways,Road Maintenance,4210,LTD',
    ].join('\r\n')}\r\n`;
    const reader = readSpend(text, { file: 'devon.csv' });
    const rows = values(await all(reader));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      date: '2017-07-03',
      supplierName: 'Exe Valley Builders Ltd',
      supplierId: 'S0042',
      transactionId: '5100012345',
      invoiceId: 'INV-881',
      department: 'Highways',
      expenseType: 'Road Maintenance',
      line: 2,
    });
    // Read from the text, never through a float: the artefact is kept exactly until the analysis rounds it.
    expect(rows[0]?.amount.toString()).toBe('73423.70999999999');
    expect(rows[1]?.amount.toString()).toBe('-120');
    const s = reader.summary();
    expect(s.counts).toEqual({ read: 2, accepted: 2, rejected: 0, blank: 0 });
    expect(s.mapping?.headers.amount).toBe('Amount');
    expect(s.mapping?.extras.creditorType).toBe(12);
    // Devon's "Amount" does not state the VAT basis: a warning, not a guess.
    expect(s.issues.map((i) => i.code)).toEqual(['vat_basis_unknown']);
  });

  it('reads East Cambridgeshire: dd/mm/yyyy when declared dmy, net amounts, card transactions', async () => {
    const text = `${EAST_CAMBS}\n${[
      'East Cambridgeshire DC,03/07/2017,Fenland Print Co-operative,TX1,"£1,234.50",0,Communications,Printing,4510,Leaflets,N',
      'East Cambridgeshire DC,14/07/2017,Ely Hardware,TX2,42.99,0,Depot,Tools,4700,Padlocks,Y',
    ].join('\n')}\n`;
    const reader = readSpend(text, { dateFormat: 'dmy' });
    const rows = values(await all(reader));
    expect(
      rows.map((r) => [r.date, r.supplierName, r.amount.toString(), r.cardTransaction, r.vatBasis]),
    ).toEqual([
      ['2017-07-03', 'Fenland Print Co-operative', '1234.5', false, 'exclusive'],
      ['2017-07-14', 'Ely Hardware', '42.99', true, 'exclusive'],
    ]);
    expect(rows[0]).toMatchObject({
      department: 'Communications',
      expenseType: 'Printing',
      purpose: 'Leaflets',
    });
    const s = reader.summary();
    expect(s.vatBasis).toBe('exclusive');
    expect(s.cardTransactions).toBe(1);
    expect(s.issues).toEqual([]);
  });

  it('refuses Cannock Chase without a declared VAT basis, and takes the declared column', async () => {
    const text = `${CANNOCK}\nHousing,2024-04-02,T100,120.00,100.00,Revenue,Cannock Roofing Ltd,C77,K9\n`;
    const none = readSpend(text, { file: 'cannock.csv' });
    expect(await all(none)).toEqual([]);
    const s = none.summary();
    expect(s.stopped).toBe(true);
    expect(s.ok).toBe(false);
    expect(s.issues[0]).toMatchObject({
      code: 'header_ambiguous',
      line: 1,
      file: 'cannock.csv',
      field: 'amount',
    });
    expect(s.issues[0]?.message).toContain('vatBasis');

    const exc = values(await all(readSpend(text, { vatBasis: 'exclusive' })));
    expect(exc.map((r) => [r.amount.toString(), r.vatBasis, r.department])).toEqual([
      ['100', 'exclusive', 'Housing'],
    ]);
    const inc = values(await all(readSpend(text, { vatBasis: 'inclusive' })));
    expect(inc.map((r) => [r.amount.toString(), r.vatBasis])).toEqual([['120', 'inclusive']]);
  });

  it('reads Lichfield: "Amount (excl. VAT)" states the basis', async () => {
    const text = `${LICHFIELD}\nhttp://opendatacommunities.org/id/district-council/lichfield,Lichfield DC,2024-05-10,L-1,615.00,Spires Catering,SP1,Leisure,Catering,5100,Event buffet\n`;
    const reader = readSpend(text);
    const rows = values(await all(reader));
    expect(rows[0]).toMatchObject({
      date: '2024-05-10',
      supplierName: 'Spires Catering',
      vatBasis: 'exclusive',
      purpose: 'Event buffet',
      department: 'Leisure',
    });
    expect(reader.summary().issues).toEqual([]);
  });

  it('reads the ODI Leeds aliases ("Supplier Name(T)", "Benificiary Name" (sic), "Net Amount £", "Payment Date")', async () => {
    for (const [supplier, amount] of [
      ['Supplier Name(T)', 'NetAmount'],
      ['Benificiary Name', 'Net Amount £'],
      ['Beneficiary Name', 'Net amount'],
    ] as const) {
      const text = `Organisation Label,Service Label,Payment Date,${supplier},${amount}\nLeeds CC,Parks,2024-06-30,Aire Trees,"1,000.00"\n`;
      const reader = readSpend(text);
      const rows = values(await all(reader));
      expect(rows, supplier).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        supplierName: 'Aire Trees',
        department: 'Parks',
        vatBasis: 'exclusive',
      });
      expect(rows[0]?.amount.toString()).toBe('1000');
    }
  });

  it('fails a file without a supplier column, naming the headers it expected', async () => {
    const reader = readSpend('Date,Amount\n2024-01-01,10\n', { file: 'x.csv' });
    expect(await all(reader)).toEqual([]);
    const s = reader.summary();
    expect(s.stopped).toBe(true);
    expect(s.issues.find((i) => i.code === 'header_missing')).toMatchObject({
      field: 'supplierName',
      file: 'x.csv',
    });
    const r = await analyseSpendCsv('Date,Amount\n2024-01-01,10\n');
    expect(r.ok).toBe(false);
  });

  it('reports an empty file', async () => {
    const reader = readSpend('\n\n');
    expect(await all(reader)).toEqual([]);
    expect(reader.summary().issues.map((i) => i.code)).toEqual(['empty_file']);
  });
});

describe('readSpend: bad rows are located and counted', () => {
  const text = `Date,Supplier Name,Supplier ID,Amount\n${[
    '2024-04-02,Exe Bakers,S1,100.00', // 2 ok
    '2024-04-03,Exe Bakers,S1,twelve', // 3 not a number
    '2024-04-04,,S1,10.00', // 4 blank supplier: a redaction
    '03/07/2017,Exe Bakers,S1,10.00', // 5 ambiguous alone; line 8 shows the file is dd/mm
    '31/02/2024,Exe Bakers,S1,10.00', // 6 day > 12 reads as dd/mm: not a calendar date
    '2024-04-05,Exe Bakers', // 7 too few fields
    '25/12/2024,Exe Bakers,S1,"£1,234.50"', // 8 ok: day above 12 cannot be misread
  ].join('\n')}\n`;

  it('rejects each bad row with line, column and field; read = accepted + rejected', async () => {
    const reader = readSpend(text, { file: 'bad.csv' });
    const rows = await all(reader);
    const s = reader.summary();
    expect(s.counts).toEqual({ read: 7, accepted: 4, rejected: 3, blank: 0 });
    expect(s.counts.read).toBe(s.counts.accepted + s.counts.rejected);
    const bad = s.issues.filter((i) => i.severity !== 'warning');
    expect(bad.map((i) => [i.line, i.code, i.column, i.field])).toEqual([
      [3, 'not_a_number', 4, 'Amount'],
      [6, 'impossible_date', 1, 'Date'],
      [7, 'too_few_fields', 3, undefined],
    ]);
    expect(bad.every((i) => i.file === 'bad.csv')).toBe(true);
    expect(values(rows).map((r) => [r.line, r.date, r.supplierName, r.amount.toString()])).toEqual([
      [2, '2024-04-02', 'Exe Bakers', '100'],
      [4, '2024-04-04', BLANK_SUPPLIER, '10'],
      [5, '2017-07-03', 'Exe Bakers', '10'],
      [8, '2024-12-25', 'Exe Bakers', '1234.5'],
    ]);
    expect(s.dateInference).toEqual({
      order: 'dmy',
      decidedBy: [{ line: 8, text: '25/12/2024' }],
      agreeing: 1,
      settled: 1,
    });
    expect(s.blankSuppliers).toBe(1);
    const note = s.issues.find((i) => i.code === 'date_format_inferred');
    expect(note).toMatchObject({ severity: 'warning', line: 8, file: 'bad.csv' });
    expect(note?.message).toBe(
      'dates read as dd/mm/yyyy: 1 row can be read no other way (a day above 12), first line 8 ("25/12/2024"); 1 date with day and month different and both 12 or under was read that way. If that is wrong, give dateFormat: \'mdy\'',
    );
    expect(s.issues.find((i) => i.code === 'supplier_blank_redacted')?.message).toContain(
      '1 row has a blank supplier name',
    );
  });

  it('reads the dates as declared: dd/mm, or mm/dd (where line 8 is no date)', async () => {
    const reader = readSpend(text, { dateFormat: 'dmy' });
    const rows = values(await all(reader));
    expect(rows.map((r) => r.date)).toContain('2017-07-03');
    expect(reader.summary().counts.rejected).toBe(3);
    expect(reader.summary().dateInference).toBeUndefined();
    const us = readSpend(text, { dateFormat: 'mdy' });
    const usRows = values(await all(us));
    expect(usRows.map((r) => r.date)).toEqual(['2024-04-02', '2024-04-04', '2017-03-07']);
    expect(us.summary().counts.rejected).toBe(4);
  });

  it('carries the reader rejections into the analysis counts, and the blank name into the redacted slice', async () => {
    const r = await analyseSpendCsv(text, { spend: { local: ['EX1'] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.analysis.rows).toEqual({ read: 7, accepted: 4, rejected: 3 });
    expect(r.value.analysis.total.amount.toString()).toBe('1354.5');
    expect(r.value.analysis.redacted.amount.toString()).toBe('10');
    expect(r.value.analysis.redacted.count).toBe(1);
    expect(r.value.analysis.issues.filter((i) => i.line !== undefined).map((i) => i.line)).toEqual([
      8, 1, 3, 6, 7,
    ]);
  });

  it('keeps only maxIssues row issues and counts the rest (memory stays flat)', async () => {
    const lines = ['Date,Supplier Name,Amount'];
    for (let i = 0; i < 2500; i++) lines.push(`2024-04-02,Exe Bakers,${i % 2 ? 'x' : '1'}`);
    const reader = readSpend(lines.join('\n'), { maxIssues: 100 });
    for await (const _ of reader.batches());
    const s = reader.summary();
    expect(s.counts).toEqual({ read: 2500, accepted: 1250, rejected: 1250, blank: 0 });
    const row = s.issues.filter((i) => i.code === 'not_a_number');
    expect(row).toHaveLength(100);
    expect(s.issues.at(-1)).toMatchObject({ code: 'issues_truncated', severity: 'warning' });
    expect(s.issues.at(-1)?.message).toContain('not_a_number: 1150');
  });
});

describe('readSpend: streaming sources', () => {
  const text = `${DEVON}\n${Array.from(
    { length: 40 },
    (_, i) =>
      `E1,Devon CC,2024-0${1 + (i % 9)}-1${i % 10} 00:00:00,T${i},I${i},${i % 7 === 0 ? '-' : ''}${100 + i}.5,Supplier ${i % 5},S${i % 5},,Area,Type,1,LTD`,
  ).join('\n')}\n`;

  it('gives the same rows from tiny chunks, bytes, a web stream and a string', async () => {
    const expected = await all(readSpend(text, { vatBasis: 'exclusive' }));
    const bytes = new TextEncoder().encode(text);
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.slice(i, i + 7);
    };
    const stream = new Blob([bytes]).stream();
    for (const source of [chunks(), bytes, stream, [text.slice(0, 5), text.slice(5)]]) {
      const rows = await all(readSpend(source, { vatBasis: 'exclusive' }));
      expect(rows.map((r) => [r.line, r.ok, r.ok && r.value.amount.toString()])).toEqual(
        expected.map((r) => [r.line, r.ok, r.ok && r.value.amount.toString()]),
      );
    }
    expect(expected).toHaveLength(40);
  });

  it('reports a source that fails after the header as read_failed', async () => {
    async function* broken() {
      yield `${DEVON}\nE1,Devon CC,2024-01-01,T,I,1,X,S,,A,T,1,LTD\n`;
      throw new Error('disk gone');
    }
    const reader = readSpend(broken(), { vatBasis: 'exclusive' });
    const rows = await all(reader);
    expect(rows).toHaveLength(1);
    const s = reader.summary();
    expect(s.stopped).toBe(true);
    expect(s.issues.map((i) => i.code)).toContain('read_failed');
  });

  it('reports a source that fails before the header ends as read_failed', async () => {
    async function* broken() {
      yield 'Date,Supp';
      throw new Error('disk gone');
    }
    const reader = readSpend(broken());
    expect(await all(reader)).toEqual([]);
    expect(reader.summary().issues.map((i) => i.code)).toContain('read_failed');
  });
});

describe('spend analysis through the reader', () => {
  const register =
    'supplier_id,supplier_name,postcode,sme,vcse,cooperative\nS1,Exe Bakers Ltd,EX1 2AB,yes,no,no\nS2,Sidmouth Signs,EX10 8XY,yes,no,no\nS3,Exeter Food Co-op,EX4 3PQ,yes,yes,yes\n';
  const spend = `Date,Supplier Name,Supplier ID,Amount\n${[
    '2024-04-02,Exe Bakers Ltd,S1,600.00',
    '2024-04-09,Sidmouth Signs,S2,300.00',
    '2024-05-01,Exeter Food Co-op,S3,100.00',
    '2024-05-20,REDACTED UNDER DP ACT,,50.00',
    '2024-06-01,National Supplies PLC,N9,-50.00',
  ].join('\n')}\n`;

  it('counts EX1 as local and EX10 as leakage: a district never matches a longer one (hand-checked shares)', async () => {
    const reg = await readSupplierRegisterCsv(register);
    expect(reg.ok).toBe(true);
    const r = await analyseSpendCsv(spend, {
      vatBasis: 'exclusive',
      spend: { local: ['EX1', 'EX4'], suppliers: reg.register },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const json = toSpendJson(r.value.analysis);
    // Total 600 + 300 + 100 + 50 − 50 = 1000; local = Exe Bakers (EX1) 600 + Co-op (EX4) 100 = 700.
    expect(json.total).toEqual({ amount: '1000.00', share: '1', count: 5 });
    expect(json.local).toEqual({ amount: '700.00', share: '0.7', count: 2 });
    // Sidmouth Signs is in EX10: outside EX1, so leakage.
    expect(json.leakage).toEqual({ amount: '300.00', share: '0.3', count: 1 });
    expect(json.sme).toEqual({ amount: '1000.00', share: '1', count: 3 });
    expect(json.vcse).toEqual({ amount: '100.00', share: '0.1', count: 1 });
    expect(json.cooperative).toEqual({ amount: '100.00', share: '0.1', count: 1 });
    expect(json.redacted).toEqual({ amount: '50.00', share: '0.05', count: 1 });
    expect(json.unclassified).toEqual({ amount: '-50.00', share: '-0.05', count: 1 });
    expect(json.topSuppliers.map((s) => [s.name, s.local])).toEqual([
      ['Exe Bakers Ltd', true],
      ['Sidmouth Signs', false],
      ['Exeter Food Co-op', true],
      ['National Supplies PLC', null],
    ]);
  });

  it('rounds float artefacts to pence in the analysis and says so', async () => {
    const r = await analyseSpendCsv('Date,Supplier Name,Amount\n2017-07-03,A,73423.70999999999\n', {
      vatBasis: 'exclusive',
    });
    expect(r.ok && toSpendJson(r.value.analysis).total.amount).toBe('73423.71');
    expect(r.ok && r.value.analysis.definition.amountsRoundedToPence).toBe(1);
  });

  it('split files merged give exactly the one-pass result (property)', async () => {
    const area = parseLocalArea(['EX1', 'EX4']);
    if (!area.ok) throw new Error('area');
    const reg = (await readSupplierRegisterCsv(register)).register;
    const options = { local: area.value, suppliers: reg, vatBasis: 'exclusive' as const };
    const row = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      supplier: fc.constantFrom(
        'Exe Bakers Ltd,S1',
        'Sidmouth Signs,S2',
        'Exeter Food Co-op,S3',
        'Other Ltd,',
        'REDACTED,',
      ),
      pence: fc.integer({ min: -50_000, max: 5_000_000 }),
      artefact: fc.boolean(),
    });
    const line = (r: { day: number; month: number; supplier: string; pence: number; artefact: boolean }) =>
      `2024-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')},${r.supplier},${(r.pence / 100).toFixed(2)}${r.artefact ? '0000001' : ''}`;
    const header = 'Date,Supplier Name,Supplier ID,Net amount';
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.nat(), async (rows, cut) => {
        const k = rows.length ? cut % (rows.length + 1) : 0;
        const whole = `${header}\n${rows.map(line).join('\n')}\n`;
        const a = `${header}\n${rows.slice(0, k).map(line).join('\n')}\n`;
        const b = `${header}\n${rows.slice(k).map(line).join('\n')}\n`;
        const one = createSpendAccumulator(options);
        const s = await accumulateSpendCsv(whole, one);
        const left = createSpendAccumulator(options);
        const right = createSpendAccumulator(options);
        const sa = await accumulateSpendCsv(a, left);
        const sb = await accumulateSpendCsv(b, right);
        const merged = withReadCounts(left.merge(right).result(), [sa, sb]);
        expect(toSpendJson(merged)).toEqual(toSpendJson(withReadCounts(one.result(), [s])));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('readSpend: the date order of a file is inferred from its unambiguous rows', () => {
  const tiny = (t: string) =>
    (async function* () {
      for (let i = 0; i < t.length; i += 7) yield t.slice(i, i + 7);
    })();

  it('holds rows with ambiguous dates across chunks until a row shows dd/mm, in file order', async () => {
    const text = `Paid Date,Supplier Name,Amount\n${[
      '01/04/2024,A,1', // 2 ambiguous
      '10/10/2017,B,2', // 3 day = month: the same date either way
      '03/04/2024,C,3', // 4 ambiguous
      '15/04/2024,D,4', // 5 shows dd/mm
      '02/05/2024,E,5', // 6 read as dd/mm at once
    ].join('\n')}\n`;
    const reader = readSpend(tiny(text), {
      aliases: [{ header: 'Paid Date', field: 'date', seenIn: 'test' }],
    });
    const rows = values(await all(reader));
    expect(rows.map((r) => [r.line, r.date])).toEqual([
      [2, '2024-04-01'],
      [3, '2017-10-10'],
      [4, '2024-04-03'],
      [5, '2024-04-15'],
      [6, '2024-05-02'],
    ]);
    const s = reader.summary();
    expect(s.dateInference).toEqual({
      order: 'dmy',
      decidedBy: [{ line: 5, text: '15/04/2024' }],
      agreeing: 1,
      settled: 3,
    });
  });

  it('infers mm/dd too, and rejects a date that contradicts the order', async () => {
    const text = 'Date,Supplier Name,Amount\n04/01/2024,A,1\n04/15/2024,B,2\n25/04/2024,C,3\n';
    const reader = readSpend(text, { file: 'us.csv' });
    const rows = values(await all(reader));
    expect(rows.map((r) => r.date)).toEqual(['2024-04-01', '2024-04-15']);
    const s = reader.summary();
    expect(s.dateInference?.order).toBe('mdy');
    const bad = s.issues.find((i) => i.code === 'impossible_date');
    expect(bad).toMatchObject({ line: 4, column: 1, field: 'Date' });
    expect(bad?.message).toContain('the order line 3 ("04/15/2024") shows');
    expect(s.counts).toEqual({ read: 3, accepted: 2, rejected: 1, blank: 0 });
  });

  it('rejects ambiguous dates, located and counted, when no row decides', async () => {
    const text = 'Date,Supplier Name,Amount\n01/04/2024,A,1\n05/05/2024,B,2\n03/04/2024,C,3\n';
    const reader = readSpend(tiny(text), {
      file: 'q.csv',
      hints: { column: (f) => `--columns ${f}=…`, dateFormat: (f) => `--date-format ${f}` },
    });
    const rows = values(await all(reader));
    expect(rows.map((r) => r.date)).toEqual(['2024-05-05']);
    const s = reader.summary();
    expect(s.counts).toEqual({ read: 3, accepted: 1, rejected: 2, blank: 0 });
    const bad = s.issues.filter((i) => i.code === 'ambiguous_date');
    expect(bad.map((i) => [i.line, i.column, i.field, i.file])).toEqual([
      [2, 1, 'Date', 'q.csv'],
      [4, 1, 'Date', 'q.csv'],
    ]);
    expect(bad[0]?.message).toBe(
      '"01/04/2024" could be 2024-04-01 or 2024-01-04, and no row of the file has a day above 12 to show whether it writes dd/mm or mm/dd: give --date-format dmy (UK files) or --date-format mdy',
    );
    expect(s.dateInference).toBeUndefined();
  });

  it('reads Excel serial dates in the date column', async () => {
    const rows = values(await all(readSpend('Date,Supplier Name,Amount\n43012,A,1\n45382.5,B,2\n')));
    expect(rows.map((r) => r.date)).toEqual(['2017-10-04', '2024-03-31']);
  });

  it('rows read = accepted + rejected whatever the order of the dates (property)', async () => {
    const cell = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }));
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 30 }), async (dates) => {
        const text = `Date,Supplier Name,Amount\n${dates.map(([d, m]) => `${d}/${m}/2024,A,1`).join('\n')}\n`;
        const reader = readSpend(tiny(text));
        const rows = await all(reader);
        const c = reader.summary().counts;
        const decided = dates.some(([d]) => d > 12);
        const okRows = values(rows);
        // With a deciding row every date is read dd/mm; without one only day = month dates are.
        const want = dates
          .filter(([d, m]) => decided || d === m)
          .map(([d, m]) => `2024-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
        return (
          c.read === dates.length &&
          c.read === c.accepted + c.rejected &&
          rows.length === c.read &&
          okRows.map((r) => r.date).join() === want.join()
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('readSpend: rows held for the date order are bounded', () => {
  it('stops holding after 25,000 rows: those ambiguous dates are issues, later ones follow the order found', async () => {
    const lines = ['Date,Supplier Name,Amount'];
    for (let i = 0; i < 30_000; i++) lines.push('03/04/2024,A,1');
    lines.push('25/04/2024,B,2', '05/06/2024,C,3');
    const reader = readSpend(lines.join('\n'));
    let accepted = 0;
    const dates: string[] = [];
    for await (const batch of reader.batches())
      for (const row of batch)
        if (row.ok) {
          accepted++;
          if (row.value.supplierName !== 'A') dates.push(row.value.date);
        }
    const s = reader.summary();
    expect(s.counts.read).toBe(30_002);
    expect(s.counts.read).toBe(s.counts.accepted + s.counts.rejected);
    expect(s.counts.accepted).toBe(accepted);
    expect(s.counts.rejected).toBe(30_000);
    expect(dates).toEqual(['2024-04-25', '2024-06-05']);
    const first = s.issues.find((i) => i.code === 'ambiguous_date');
    expect(first?.line).toBe(2);
    expect(first?.message).toContain('none of the first 25,000 rows has a day above 12');
  });
});
