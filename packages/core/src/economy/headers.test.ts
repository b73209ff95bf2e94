import { describe, expect, it } from 'vitest';
import { mapSpendHeaders, normaliseHeader, SPEND_HEADER_ALIASES } from './headers';

// Headers as published (economy.md §5 [V]).
const DEVON =
  'Body,Name of Body,Date,Transaction Number,Invoice Number,Amount,Supplier Name,Supplier ID,Vat Reg No,Expense Area,Expense Type,Expense Code,Creditor Type'.split(
    ',',
  );
const EAST_CAMBS = [
  'Body name',
  'Transaction date',
  'Supplier',
  'Transaction number',
  'Net amount',
  'Irrecoverable VAT',
  'Department/service',
  'Procurement category',
  'CIPFA expenditure code',
  'Purpose',
  'Card transaction',
];
const CANNOCK = [
  'Service_Area_Categorisation',
  'Date',
  'Transaction_Number',
  'SumOfAmount_Inc_VAT',
  'SumOfAmount_Exc_VAT',
  'Capital_Revenue',
  'Supplier_Name',
  'Supplier_ID',
  'Contract_ID',
];
const LICHFIELD = [
  'Publisher URI',
  'Publisher label',
  'Date',
  'Transaction number',
  'Amount (excl. VAT)',
  'Supplier name',
  'Supplier ID',
  'Expense area',
  'Expense type',
  'Expense code',
  'Extended description',
];

describe('mapSpendHeaders: published header variants (economy.md §5)', () => {
  it('maps Devon CC, warning that "Amount" does not state its VAT basis', () => {
    const r = mapSpendHeaders(DEVON);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.mapping).toEqual({
      date: 2,
      transactionId: 3,
      invoiceId: 4,
      amount: 5,
      supplierName: 6,
      supplierId: 7,
      department: 9,
      expenseType: 10,
    });
    expect(r.value.extras).toEqual({ body: 0, bodyName: 1, vatNumber: 8, expenseCode: 11, creditorType: 12 });
    expect(r.value.unmapped).toEqual([]);
    expect(r.value.vatBasis).toBeUndefined();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['vat_basis_unknown', 'warning']]);
    expect(r.value.headers.amount).toBe('Amount');
  });

  it('maps East Cambridgeshire (LGA style): "Net amount" is exclusive of VAT', () => {
    const r = mapSpendHeaders(EAST_CAMBS);
    expect(r.ok && r.value.mapping).toEqual({
      date: 1,
      supplierName: 2,
      transactionId: 3,
      amount: 4,
      department: 6,
      expenseType: 7,
      purpose: 9,
      cardTransaction: 10,
    });
    expect(r.ok && r.value.extras).toEqual({ bodyName: 0, irrecoverableVat: 5, expenseCode: 8 });
    expect(r.ok && r.value.vatBasis).toBe('exclusive');
    expect(r.issues).toEqual([]);
  });

  it('Cannock Chase: Inc and Exc VAT columns are an issue until vatBasis is declared', () => {
    const r = mapSpendHeaders(CANNOCK);
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'header_ambiguous', field: 'amount', line: 1, column: 4 });
    expect(r.issues[0]!.message).toContain('vatBasis');

    const inc = mapSpendHeaders(CANNOCK, { vatBasis: 'inclusive' });
    const exc = mapSpendHeaders(CANNOCK, { vatBasis: 'exclusive' });
    expect(inc.ok && inc.value.mapping.amount).toBe(3);
    expect(exc.ok && exc.value.mapping.amount).toBe(4);
    expect(exc.ok && exc.value.vatBasis).toBe('exclusive');
    expect(exc.ok && exc.value.mapping).toMatchObject({
      department: 0,
      date: 1,
      transactionId: 2,
      supplierName: 6,
      supplierId: 7,
    });
    expect(exc.ok && exc.value.extras).toEqual({ capitalRevenue: 5, contractId: 8 });
    // The unchosen amount column is listed as unmapped, not silently lost.
    expect(exc.ok && exc.value.unmapped).toEqual([{ index: 3, header: 'SumOfAmount_Inc_VAT' }]);
  });

  it('maps Lichfield, whose amount is excluding VAT', () => {
    const r = mapSpendHeaders(LICHFIELD);
    expect(r.ok && r.value.mapping).toEqual({
      date: 2,
      transactionId: 3,
      amount: 4,
      supplierName: 5,
      supplierId: 6,
      department: 7,
      expenseType: 8,
      purpose: 10,
    });
    expect(r.ok && r.value.vatBasis).toBe('exclusive');
    expect(r.ok && r.value.extras).toEqual({ body: 0, bodyName: 1, expenseCode: 9 });
  });

  it('a declared basis that contradicts the header is an issue', () => {
    const r = mapSpendHeaders(LICHFIELD, { vatBasis: 'inclusive' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['vat_basis_mismatch']);
  });
});

describe('mapSpendHeaders: ODI Leeds aliases (economy.md §6)', () => {
  const base = (field: 'amount' | 'supplierName' | 'date', header: string) => {
    const h = { date: 'Date', supplierName: 'Supplier Name', amount: 'Amount' };
    h[field] = header;
    return [h.date, h.supplierName, h.amount];
  };
  it.each(['Net amount', 'NetAmount', 'Net Amount £', 'Net Amount'])('amount alias %s', (a) => {
    const r = mapSpendHeaders(base('amount', a));
    expect(r.ok && r.value.mapping.amount).toBe(2);
    expect(r.ok && r.value.vatBasis).toBe('exclusive');
  });
  it.each([
    'Supplier name',
    'SupplierName',
    'Supplier Name',
    'Supplier Name(T)',
    'Benificiary Name',
    'Beneficiary Name',
  ])('supplier alias %s', (a) => {
    const r = mapSpendHeaders(base('supplierName', a));
    expect(r.ok && r.value.mapping.supplierName).toBe(1);
  });
  it.each(['Transaction Date', 'Invoice Payment Date', 'Date', 'Date paid', 'Pay date', 'Payment date'])(
    'date alias %s',
    (a) => {
      const r = mapSpendHeaders(base('date', a));
      expect(r.ok && r.value.mapping.date).toBe(0);
    },
  );
  it.each(['Service Area', 'Service Label', 'Organisational Unit'])('department alias %s', (a) => {
    const r = mapSpendHeaders(['Date', 'Supplier Name', 'Amount', a]);
    expect(r.ok && r.value.mapping.department).toBe(3);
  });
  it('Body name and Organisation Label are the publishing body', () => {
    const r = mapSpendHeaders(['Organisation Label', 'Date', 'Supplier Name', 'Amount']);
    expect(r.ok && r.value.extras.bodyName).toBe(0);
  });
});

describe('mapSpendHeaders: matching and conflicts', () => {
  it('ignores case, whitespace, underscores and a UTF-8 BOM', () => {
    const r = mapSpendHeaders(['\uFEFFDATE', '  supplier   NAME ', 'net_amount', 'Something Else']);
    expect(r.ok && r.value.mapping).toEqual({ date: 0, supplierName: 1, amount: 2 });
    expect(r.ok && r.value.unmapped).toEqual([{ index: 3, header: 'Something Else' }]);
    expect(r.ok && r.value.headers.supplierName).toBe('  supplier   NAME ');
  });

  it('two date columns are an issue, resolved by naming the column', () => {
    const headers = ['Payment Date', 'Transaction Date', 'Supplier Name', 'Net amount'];
    const r = mapSpendHeaders(headers);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'header_ambiguous', field: 'date' });
    const chosen = mapSpendHeaders(headers, { columns: { date: 'payment date' } });
    expect(chosen.ok && chosen.value.mapping.date).toBe(0);
    expect(chosen.ok && chosen.value.unmapped).toEqual([{ index: 1, header: 'Transaction Date' }]);
  });

  it('a missing required column fails with the accepted variants listed', () => {
    const r = mapSpendHeaders(['Date', 'Amount', 'Expense Type'], { file: 'spend.csv' });
    expect(r.ok).toBe(false);
    const errors = r.issues.filter((i) => i.severity !== 'warning');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'header_missing',
      field: 'supplierName',
      file: 'spend.csv',
      line: 1,
    });
    expect(errors[0]!.message).toContain('"Supplier Name"');
  });

  it('a named column that is not in the header is an issue', () => {
    const r = mapSpendHeaders(['Date', 'Supplier Name', 'Amount'], { columns: { purpose: 'Narrative' } });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('header_not_found');
  });

  it('publisher-specific aliases extend the table', () => {
    const r = mapSpendHeaders(['Paid On', 'Payee', 'Value'], {
      aliases: [
        { header: 'Paid On', field: 'date', seenIn: 'test' },
        { header: 'Payee', field: 'supplierName', seenIn: 'test' },
        { header: 'Value', field: 'amount', vatBasis: 'inclusive', seenIn: 'test' },
      ],
    });
    expect(r.ok && r.value.mapping).toEqual({ date: 0, supplierName: 1, amount: 2 });
    expect(r.ok && r.value.vatBasis).toBe('inclusive');
  });

  it('the alias table has no two variants that normalise alike', () => {
    const keys = SPEND_HEADER_ALIASES.map((a) => normaliseHeader(a.header));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
