import { readFileSync } from 'node:fs';
import { mapSpendHeaders, type VatBasis } from '@commonweal/core/economy';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../source/source';

// Headers of real "spend over £500" files, with where each was seen (fixtures/README.md).
const fixture = readFileSync(new URL('./fixtures/council-headers.csv', import.meta.url), 'utf8');
const [head, ...rows] = parseCsv(fixture).records.map((r) => r.fields);
const col = (name: string) => head!.indexOf(name);
const publishers = rows.map((r) => ({
  council: r[col('council')]!,
  url: r[col('url')]!,
  dateSeen: r[col('date_seen')]!,
  header: parseCsv(r[col('header')]!).records[0]!.fields.map((h) => h.trim()),
  vatBasis: (r[col('vat_basis')] || undefined) as VatBasis | undefined,
  want: {
    date: r[col('date_column')]!,
    supplierName: r[col('supplier_column')]!,
    amount: r[col('amount_column')]!,
  },
}));

describe('the built-in aliases read real councils’ spend headers with no column mapping', () => {
  it('records at least 15 distinct English councils, each with a source and a date, the issue’s Oxford header among them', () => {
    const councils = new Set(publishers.map((p) => p.council));
    expect(councils.size).toBe(publishers.length);
    expect(councils.size).toBeGreaterThanOrEqual(15);
    for (const p of publishers) {
      expect(p.url).toMatch(/^https?:\/\//);
      expect(p.dateSeen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(publishers.find((p) => p.council === 'Oxford City Council')?.header.join(',')).toBe(
      'Client,Service Area,Expenditure Category,Expenditure Code,Paid Date,Trans No,Amount,Type of Expenditure,Supplier ID,Supplier Name',
    );
  });

  it.each(publishers.map((p) => [p.council, p] as const))('%s: date, supplier name and amount', (_, p) => {
    const r = mapSpendHeaders(p.header, p.vatBasis ? { vatBasis: p.vatBasis } : {});
    expect(r.issues.filter((i) => i.severity !== 'warning')).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect({
      date: r.value.headers.date,
      supplierName: r.value.headers.supplierName,
      amount: r.value.headers.amount,
    }).toEqual(p.want);
  });
});
