import { describe, expect, it } from 'vitest';
import { renderCarbonHtml, renderCarbonMarkdown } from './carbon';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from './report-test-kit';
import { carbonFixture } from './test-fixtures';

const c = carbonFixture();
const html = renderCarbonHtml(c);
const md = renderCarbonMarkdown(c);

describe('renderCarbonHtml / renderCarbonMarkdown', () => {
  it('is one well-formed, self-contained, deterministic page with ordered headings and a chart', () => {
    expectSelfContained(html);
    expect(renderCarbonHtml(carbonFixture())).toBe(html);
    expect(renderCarbonMarkdown(carbonFixture())).toBe(md);
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect((html.match(/<svg role="img" aria-labelledby="[^"]+-t [^"]+-d"/g) ?? []).length).toBe(1);
    expectMdTablesConsistent(md);
  });

  it('by year: tCO2e × carbon value × DF (hand-checked in test-fixtures.ts), totals from the result', () => {
    const rows = htmlTable(html, 'Carbon cost by year');
    expect(rows.slice(1)).toEqual([
      ['2025', '50', '£200.00', '£10,000.00', '1.0000', '£10,000.00'],
      ['2026', '40', '£220.00', '£8,800.00', '0.9662', '£8,502.42'], // 8,800 ÷ 1.035
      ['2027', '-10', '£240.00', '-£2,400.00', '0.9335', '-£2,240.43'], // −2,400 ÷ 1.035²
      ['Total', '80', '', '£16,400.00', '', '£16,261.99'],
    ]);
    expect(html).toContain('<dt>Carbon cost (present value)</dt><dd class="cw-value">£16,261.99</dd>');
    const t = visibleText(html);
    expect(t).toContain('Test carbon values (test-carbon-values), 2024 prices; Hand-made test carbon values');
    expect(t).toContain('Constant 3.5% (test schedule)');
  });
});
