import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decimal } from '@commonweal/core/money';
import { valueEntries } from '@commonweal/core/valuation';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/src/test/harness';
import { fmtMoney, fmtNumber } from '../format/format';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from './report-test-kit';
import { testFramework, testSchedule, valuationFixture } from './test-fixtures';
import { renderValuationHtml, renderValuationMarkdown } from './valuation';

const r = valuationFixture();
const html = renderValuationHtml(r, { framework: testFramework });
const md = renderValuationMarkdown(r, { framework: testFramework });
const text = visibleText(html);
const gbp = (d: Parameters<typeof fmtMoney>[0]) => fmtMoney(d, 'GBP');

describe('renderValuationHtml / renderValuationMarkdown: the page', () => {
  it('is one well-formed, self-contained page: no script, nothing fetched', () => {
    expectSelfContained(html);
    // the proxy's address is printed as text for the reader, never linked or fetched
    expect(text).toContain('https://example.org/test-proxies');
    expect(html).not.toMatch(/href=/);
  });

  it('is deterministic: same result, same bytes (and a fresh run of the engine too)', () => {
    expect(renderValuationHtml(r, { framework: testFramework })).toBe(html);
    expect(renderValuationMarkdown(r, { framework: testFramework })).toBe(md);
    expect(renderValuationHtml(valuationFixture(), { framework: testFramework })).toBe(html);
  });

  it('has headings in order, the same in HTML and Markdown; charts are accessible svgs', () => {
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect(h.slice(1)).toEqual([
      '2 Key figures',
      '2 Value by theme',
      '2 Largest measures',
      '2 Value over the years',
      '2 Record-only measures',
      '2 Valued entries',
      '2 Method',
      '2 Provenance of proxies',
      '2 Issues found in the entries',
    ]);
    expect((html.match(/<svg role="img" aria-labelledby="[^"]+-t [^"]+-d"/g) ?? []).length).toBe(3);
    expect((html.match(/<table/g) ?? []).length).toBe((html.match(/<caption>/g) ?? []).length);
  });

  it('Markdown tables are consistent', () => {
    expect(expectMdTablesConsistent(md).length).toBe(6);
  });
});

describe('figures (hand-checked; proxies are hand-made, 3.5 % test schedule, base year 2025)', () => {
  // FTE: 3 × £1,000 a year for 3 years, drop-off 10 %: 3,000 + 2,700 + 2,430 = 8,130 net;
  //   PV 3,000 + 2,700 ÷ 1.035 + 2,430 ÷ 1.035² = 7,877.13
  // APP: 2 × £5,000, first year only: 10,000 (base year, undiscounted)
  // CO2: 10 t × £250 in 2026 and 2027: 5,000 net; PV 2,500 ÷ 1.035 + 2,500 ÷ 1.035² = 4,749.24
  // VOL: 200 h × £15 × (1 − 0.2 deadweight default) × (1 − 0.1 attribution) = 2,160
  // Total PV 7,877.13 + 10,000 + 4,749.24 + 2,160 = 24,786.36 (rounded from 24,786.3623)
  it('key figures: PV central, low and high, SV % of contract, SROI', () => {
    expect(gbp(r.totals.presentValue)).toBe('£24,786.36');
    expect(html).toContain('<dt>Present value (central)</dt><dd class="cw-value">£24,786.36</dd>');
    // low: CO2 at £200 → PV 3,799.39, so 24,786.36 − 949.85 = 23,836.52; high at £300 → 25,736.21
    expect(html).toContain('<dt>Present value, low</dt><dd class="cw-value">£23,836.52</dd>');
    expect(html).toContain('<dt>Present value, high</dt><dd class="cw-value">£25,736.21</dd>');
    // 24,786.36 ÷ 500,000 = 4.96 %; SROI 24,786.36 ÷ 50,000 = 0.50
    expect(html).toContain('<dt>Social value as % of contract</dt><dd class="cw-value">4.96%</dd>');
    expect(html).toContain('<dt>SROI ratio</dt><dd class="cw-value">£0.50 : £1</dd>');
    expect(text).toContain('on an investment of £50,000.00; net -0.50');
  });

  it('totals by theme: chart and table, footer equal to the result totals', () => {
    const rows = htmlTable(html, 'Totals by theme');
    expect(rows.slice(1)).toEqual([
      ['Jobs and skills', '£19,000.00', '£18,130.00', '£17,877.13', '72.1%'],
      ['Environment', '£5,000.00', '£5,000.00', '£4,749.24', '19.2%'],
      ['Stronger communities', '£3,000.00', '£2,160.00', '£2,160.00', '8.7%'],
      ['Total', gbp(r.totals.gross), gbp(r.totals.net), gbp(r.totals.presentValue), '100.0%'],
    ]);
    expect(html).toContain('<title>Jobs and skills: £17,877.13</title>');
  });

  it('largest measures, largest first', () => {
    const rows = htmlTable(html, 'Present value by measure');
    expect(rows.slice(1).map((x) => [x[0], x[3]])).toEqual([
      ['APP: Apprenticeships started', '£10,000.00'],
      ['FTE: Local people employed on the contract', '£7,877.13'],
      ['CO2: Carbon emissions avoided', '£4,749.24'],
      ['VOL: Staff volunteering hours', '£2,160.00'],
    ]);
    const top2 = htmlTable(
      renderValuationHtml(r, { framework: testFramework, top: 2 }),
      'Present value by measure (top 2 of 4)',
    );
    expect(top2.length).toBe(3);
  });

  it('value by year, summed across lines, adds up to the net and present value totals', () => {
    // 2025: FTE 3,000 + APP 10,000 + VOL 2,160 = 15,160; 2026: FTE 2,700 + CO2 2,500 = 5,200;
    // 2027: FTE 2,430 + CO2 2,500 = 4,930
    const rows = htmlTable(html, 'Value by year, summed across entries');
    expect(rows.slice(1)).toEqual([
      ['2025', '£15,160.00', '£15,160.00'],
      ['2026', '£5,200.00', '£5,024.15'],
      ['2027', '£4,930.00', '£4,602.21'],
      ['Total', gbp(r.totals.net), gbp(r.totals.presentValue)],
    ]);
    expect(html).toContain('Value by year, undiscounted and present value');
  });

  it('record-only measures are counted, never valued', () => {
    const rows = htmlTable(html, 'Record-only measures (counted, not valued)');
    expect(rows[1]).toEqual([
      'REC: Share of staff living locally (recorded only)',
      'Jobs and skills',
      '%',
      '1',
      '40',
      '40',
    ]);
  });

  it('every valued entry with its adjustments, net and present value', () => {
    const rows = htmlTable(html, 'Valued entries; entry is the line of the input file, or its position');
    expect(rows[4]).toEqual([
      '5',
      'VOL: Staff volunteering hours',
      '2025',
      '200 hours',
      '£15.00',
      'deadweight 20.0% (measure default); attribution 10.0%',
      '£2,160.00',
      '£2,160.00',
    ]);
    for (const [i, l] of r.lines.filter((x) => !x.recordOnly).entries()) {
      expect(rows[i + 1]?.slice(6)).toEqual([gbp(l.net), gbp(l.presentValue)]);
    }
  });

  it('method notes: discounting schedule, convention, price year, base year, adjustments', () => {
    expect(text).toContain('Constant 3.5% (test schedule): 3.5% from year 1, compounded year by year');
    expect(text).toContain('Green Book: the base year 2025 is year 0 and undiscounted');
    expect(text).toContain('2024: every amount is in 2024 prices');
    expect(text).toContain('(1 − deadweight) × (1 − displacement) × (1 − attribution)');
    expect(text).toContain('6 read: 5 accepted, 1 rejected');
  });

  it('provenance: each measure’s proxy with source, price year, licence and address', () => {
    const rows = htmlTable(html, 'Provenance of proxies');
    expect(rows[2]).toEqual([
      'CO2: Carbon emissions avoided',
      '£250.00 per tonne (low £200.00, high £300.00)',
      '2024',
      'Commonweal tests, Hand-made test proxy (not a published value)',
      'CC0-1.0',
      'https://example.org/test-proxies',
    ]);
    expect(rows.length).toBe(5); // the four valued measures; REC has no proxy
  });

  it('rejected entries are listed as issues with where they point', () => {
    expect(text).toContain('Error unknown_measure: measure "NOPE" is not in the framework');
    expect(text).toContain('(line 7, field measure, at entries.5.measure)');
  });

  it('every money figure on the page (outside charts) is a figure of the result', () => {
    const known = new Set<string>();
    const add = (d: Parameters<typeof fmtMoney>[0] | undefined) => {
      if (d !== undefined) known.add(gbp(d));
    };
    const t = r.totals;
    for (const d of [t.gross, t.net, t.presentValue, t.low, t.high]) add(d);
    for (const s of [...Object.values(t.byTheme), ...Object.values(t.byMeasure)]) {
      add(s.gross);
      add(s.net);
      add(s.presentValue);
    }
    for (const l of r.lines) {
      add(l.net);
      add(l.presentValue);
      add(l.proxy);
    }
    const byYear = new Map<number, [Decimal, Decimal]>();
    for (const l of r.lines)
      for (const v of l.values) {
        const cur = byYear.get(v.year);
        byYear.set(
          v.year,
          cur ? [cur[0].plus(v.value), cur[1].plus(v.presentValue)] : [v.value, v.presentValue],
        );
      }
    for (const [v, pv] of byYear.values()) {
      add(v);
      add(pv);
    }
    if (r.sroi) known.add(`£${fmtNumber(r.sroi.ratio, 2)}`); // the SROI ratio, "£0.50 : £1"
    add(r.options.contractValue);
    add(r.sroi?.investment);
    for (const m of testFramework.measures) {
      add(m.proxy?.value);
      add(m.proxy?.low);
      add(m.proxy?.high);
    }
    const money = [...text.matchAll(/-?£[\d,]+\.\d{2}/g)].map((m) => m[0]);
    expect(money.length).toBeGreaterThan(40);
    for (const m of money) expect(known, m).toContain(m);
  });
});

describe('without a framework, and with nothing valued', () => {
  it('uses codes and the proxy sources carried in the lines’ traces', () => {
    const page = renderValuationHtml(r);
    expectSelfContained(page);
    expect(htmlHeadings(page)[0]).toBe('1 Social value valuation');
    const rows = htmlTable(page, 'Provenance of proxies');
    expect(rows[2]?.slice(0, 5)).toEqual([
      'CO2',
      '£250.00 per tCO2e',
      '2024',
      'Commonweal tests, Hand-made test proxy (not a published value)',
      'CC0-1.0',
    ]);
  });

  it('a valuation with no valued entry renders without charts and says why', () => {
    const empty = valueEntries(testFramework, [{ measure: 'NOPE', quantity: '1', year: 2025 }], {
      baseYear: 2025,
      discounting: testSchedule,
    });
    if (!empty.ok) throw new Error('expected ok');
    const page = renderValuationHtml(empty.value, { framework: testFramework });
    expectSelfContained(page);
    expect(page).not.toContain('<svg role="img"');
    const t = visibleText(page);
    expect(t).toContain('No entry was valued, so there are no totals by theme.');
    expect(t).toContain('No entry was valued, so there is no value by year.');
    expect(t).toContain('£0.00');
    expect(mdHeadings(renderValuationMarkdown(empty.value, { framework: testFramework }))).toEqual(
      htmlHeadings(page),
    );
  });
});

describe('renderValuationHtml / renderValuationMarkdown: "By file" for several entries files', () => {
  const files = [
    {
      file: 'h1.csv',
      counts: { read: 2, accepted: 2, rejected: 0 },
      entries: { start: 0, end: 2 },
      totals: { gross: '1', net: '1', impact: '1', presentValue: '100.004', low: '1', high: '1' },
    },
    {
      file: 'h2.csv',
      counts: { read: 3, accepted: 2, rejected: 1 },
      entries: { start: 2, end: 4 },
      totals: { gross: '1', net: '1', impact: '1', presentValue: '250.5', low: '1', high: '1' },
    },
  ];

  it('lists each file and all files after the key figures, in HTML and Markdown alike', () => {
    const page = renderValuationHtml(r, { framework: testFramework, files });
    const mdPage = renderValuationMarkdown(r, { framework: testFramework, files });
    const h = htmlHeadings(page);
    expect(h.slice(h.indexOf('2 Key figures'), h.indexOf('2 Key figures') + 2)).toEqual([
      '2 Key figures',
      '2 By file',
    ]);
    expect(mdHeadings(mdPage)).toEqual(htmlHeadings(page));
    const table = htmlTable(page, 'Rows and present value by file').slice(1);
    expect(table.slice(0, 2)).toEqual([
      ['h1.csv', '2', '2', '0', '1–2', '£100.00'],
      ['h2.csv', '3', '2', '1', '3–4', '£250.50'],
    ]);
    expect(table[2]?.slice(0, 5)).toEqual([
      'All files',
      String(r.counts.read),
      String(r.counts.accepted),
      String(r.counts.rejected),
      '1–4',
    ]);
    expect(table[2]?.[5]).toBe(gbp(r.totals.presentValue));
    expectMdTablesConsistent(mdPage);
  });

  it('is left out for one file: the same bytes as without files', () => {
    expect(renderValuationHtml(r, { framework: testFramework, files: files.slice(0, 1) })).toBe(html);
    expect(renderValuationMarkdown(r, { framework: testFramework, files: files.slice(0, 1) })).toBe(md);
  });

  it('`commonweal value` on examples/valuation/delivered: the report has the table’s "By file" figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-vfiles-'));
    const args = (report: string) => [
      'value',
      '--framework',
      'examples/valuation/measures.csv',
      '--entries',
      'examples/valuation/delivered/delivered-2026-h1.csv',
      '--entries',
      'examples/valuation/delivered/delivered-2026-h2.csv',
      '--report',
      join(dir, report),
      '-q',
    ];
    const run = await runCli([...args('two.md'), '--format', 'md']);
    expect(run.code, run.stderr).toBe(0);
    const report = readFileSync(join(dir, 'two.md'), 'utf8');
    const rows = (text: string, from: string) =>
      text
        .slice(text.indexOf(from))
        .split('\n')
        .filter((l) => /^\| (examples|All|all)/.test(l))
        .slice(0, 3)
        .map((l) =>
          l
            .split('|')
            .slice(1, -1)
            .map((x) => x.trim()),
        );
    const inReport = rows(report, '## By file');
    expect(inReport).toEqual([
      ['examples/valuation/delivered/delivered-2026-h1.csv', '2', '2', '0', '1–2', '£348,383.15'],
      ['examples/valuation/delivered/delivered-2026-h2.csv', '3', '3', '0', '3–5', '£193,159.19'],
      ['All files', '5', '5', '0', '1–5', '£541,542.35'],
    ]);
    // The same figures as the table's section (which has no entries column).
    expect(rows(run.stdout, '## By file').map((x) => x.join(' '))).toEqual(
      inReport.map(([f, ...x]) => [f === 'All files' ? 'all files' : f, ...x.slice(0, 3), x[4]].join(' ')),
    );
    await runCli([...args('two.html')]);
    const page = readFileSync(join(dir, 'two.html'), 'utf8');
    expect(htmlTable(page, 'Rows and present value by file')[3]).toEqual(inReport[2]);
    // One file: no "By file" in the report.
    const oneArgs = args('one.md');
    oneArgs.splice(oneArgs.indexOf('examples/valuation/delivered/delivered-2026-h2.csv') - 1, 2);
    const one = await runCli(oneArgs);
    expect(one.code, one.stderr).toBe(0);
    const oneReport = readFileSync(join(dir, 'one.md'), 'utf8');
    expect(oneReport).toContain('## Key figures');
    expect(oneReport).not.toContain('By file');
  });
});
