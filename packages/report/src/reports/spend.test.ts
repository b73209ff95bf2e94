import { analyseSpend } from '@commonweal/core/economy';
import { describe, expect, it } from 'vitest';
import { fmtMoney } from '../format/format';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from './report-test-kit';
import { renderSpendHtml, renderSpendMarkdown } from './spend';
import { spendFixture } from './test-fixtures';

const a = spendFixture();
const html = renderSpendHtml(a);
const md = renderSpendMarkdown(a);
const text = visibleText(html);
const gbp = (d: Parameters<typeof fmtMoney>[0]) => fmtMoney(d, 'GBP');

describe('renderSpendHtml / renderSpendMarkdown: the page', () => {
  it('is one well-formed, self-contained page; deterministic', () => {
    expectSelfContained(html);
    expect(renderSpendHtml(a)).toBe(html);
    expect(renderSpendMarkdown(spendFixture())).toBe(md);
  });

  it('has headings in order, the same in HTML and Markdown; charts are accessible; tables consistent', () => {
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect((html.match(/<svg role="img" aria-labelledby="[^"]+-t [^"]+-d"/g) ?? []).length).toBe(2);
    expect(expectMdTablesConsistent(md).length).toBe(6);
  });
});

describe('figures (the rows of core’s spend tests, hand-checked there)', () => {
  it('key figures: in-scope £4,500; local 1,475 ÷ 4,500 = 32.8 %, SME 31.1 %, VCSE 6.7 %, co-op 1.7 %', () => {
    expect(html).toContain('<dt>In-scope spend</dt><dd class="cw-value">£4,500.00</dd>');
    expect(html).toContain(
      '<dt>Local share</dt><dd class="cw-value">32.8%</dd><dd class="cw-note">£1,475.00</dd>',
    );
    expect(html).toContain('<dt>SME share</dt><dd class="cw-value">31.1%</dd>');
    expect(html).toContain('<dt>VCSE share</dt><dd class="cw-value">6.7%</dd>');
    expect(html).toContain('<dt>Co-operative share</dt><dd class="cw-value">1.7%</dd>');
    expect(html).toContain('<dt>Leakage</dt><dd class="cw-value">52.4%</dd>');
  });

  it('shares: bar chart and table with amounts and payment counts', () => {
    const rows = htmlTable(html, 'Spend by kind of supplier');
    expect(rows.slice(1)).toEqual([
      ['Local suppliers', '£1,475.00', '32.8%', '5'],
      ['Small and medium enterprises (SME)', '£1,400.00', '31.1%', '4'],
      ['Voluntary, community and social enterprises (VCSE)', '£300.00', '6.7%', '1'],
      ['Co-operatives and mutuals', '£75.00', '1.7%', '1'],
    ]);
    expect(html).toContain('<title>Local suppliers: 32.8%</title>');
  });

  it('where the money went adds up to in-scope spend', () => {
    const rows = htmlTable(html, 'Where in-scope spend went (these add up to the total)');
    expect(rows.slice(1)).toEqual([
      ['Local suppliers', '£1,475.00', '32.8%', '5'],
      ['Outside the local area (leakage)', '£2,360.00', '52.4%', '3'],
      ['Location unknown', '£40.00', '0.9%', '1'],
      ['Redacted beneficiary', '£225.00', '5.0%', '3'],
      ['Not in the supplier register (unclassified)', '£400.00', '8.9%', '1'],
      ['In-scope spend', gbp(a.total.amount), '100.0%', '13'],
    ]);
  });

  it('by period: a table per granularity and a stacked chart by financial year', () => {
    const fy = htmlTable(html, "Spend by financial year (shares of each period's in-scope spend)");
    // 2024-25: everything but Teign Care's £300 on 2025-04-01
    expect(fy.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['2024-25', '£4,200.00', '12'],
      ['2025-26', '£300.00', '1'],
    ]);
    expect(html).toContain('In-scope spend by financial year');
    expect(html).toContain('<title>2024-25, Local suppliers: £1,475.00</title>');
    const months = htmlTable(html, "Spend by month (shares of each period's in-scope spend)");
    expect(months.find((r) => r[0] === '2024-06')?.[1]).toBe('-£200.00'); // the credit note
  });

  it('top suppliers with flags in words', () => {
    const rows = htmlTable(html, 'Top 8 suppliers by in-scope spend');
    expect(rows[1]).toEqual([
      'Big Outsourcing PLC',
      '1',
      '£2,000.00',
      '44.4%',
      '1',
      'no',
      'no',
      'unknown',
      'unknown',
      'yes (S6)',
    ]);
    expect(rows[3]?.[0]).toBe('Unknown Supplier Ltd');
    expect(rows[3]?.[9]).toBe('no');
  });

  it('leakage, redacted, unclassified and the definition of local', () => {
    expect(text).toContain('Leakage £2,360.00 (52.4%, 3 payments)');
    expect(text).toContain(
      'Redacted £225.00 (5.0%, 3 payments): beneficiaries the council redacted; counted in in-scope spend',
    );
    expect(text).toContain('Unclassified £400.00 (8.9%, 1 payment)');
    expect(text).toContain('suppliers whose register postcode is in EX1, EX2 4, TQ');
    expect(text).toContain('amounts exclude VAT');
    expect(text).toContain('15 read: 13 accepted, 2 rejected');
    expect(text).toContain('(line 15, field amount');
    expect(text).toContain('(line 16, field date');
  });

  it('every money figure on the page (outside charts) is a figure of the analysis', () => {
    const known = new Set<string>();
    const share = (s: { amount: Parameters<typeof fmtMoney>[0] }) => known.add(gbp(s.amount));
    for (const k of [
      'total',
      'local',
      'leakage',
      'locationUnknown',
      'sme',
      'vcse',
      'cooperative',
      'redacted',
      'unclassified',
    ] as const)
      share(a[k]);
    share(a.excluded);
    for (const periods of Object.values(a.byPeriod)) for (const p of periods ?? []) share(p.total);
    for (const s of a.topSuppliers) share(s);
    const money = [...text.matchAll(/-?£[\d,]+\.\d{2}/g)].map((m) => m[0]);
    expect(money.length).toBeGreaterThan(30);
    for (const m of money) expect(known, m).toContain(m);
  });
});

describe('exclusions and hostile supplier names', () => {
  it('lists declared exclusions and escapes supplier names in HTML and Markdown', () => {
    const b = analyseSpend(
      [
        { date: '2024-04-01', supplierName: '<img src=x onerror=alert(1)> | *Ltd*', amount: '100' },
        { date: '2024-04-02', supplierName: 'Devon County Council', amount: '50' },
      ],
      { local: ['EX'], exclude: { supplierNames: ['Devon County Council'] } },
    );
    const page = renderSpendHtml(b, { title: 'Spend <2024>' });
    expectSelfContained(page);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; | *Ltd*');
    expect(page).toContain('<title>Spend &lt;2024&gt;</title>');
    const excluded = htmlTable(page, 'Spend excluded by declared rules');
    expect(excluded[excluded.length - 1]).toEqual(['Excluded', '£50.00', '1']);
    const mark = renderSpendMarkdown(b);
    expect(mark).toContain('\\<img src=x onerror=alert(1)\\> \\| \\*Ltd\\*');
    expectMdTablesConsistent(mark);
  });
});
