import { assessPlaceBudget, PlaceCarbonBudgetSchema } from '@commonweal/core/limits';
import { dec } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from '../reports/report-test-kit';
import { renderCarbonBudgetHtml, renderCarbonBudgetMarkdown } from './carbon-budget';

// Constructed: 100 kt for 2020–2029 at 20 % a year; first allowance 0.2 × 100 ÷ (1 − 0.8^10) = 22.41 kt.
function fixture() {
  const budget = PlaceCarbonBudgetSchema.parse({
    place: 'Testford',
    budget: { total: '100', fromYear: 2020, toYear: 2029, unit: 'ktCO2' },
    pathway: { rate: '0.2' },
    source: { title: 'Hand-made test budget', licence: 'CONSTRUCTED' },
  });
  const r = assessPlaceBudget({
    budget,
    emissions: [
      { year: 2020, emissions: dec(20) },
      { year: 2021, emissions: dec(19) },
    ],
  });
  if (!r.ok) throw new Error('fixture failed');
  return r.value;
}

const html = renderCarbonBudgetHtml(fixture());
const md = renderCarbonBudgetMarkdown(fixture());

describe('renderCarbonBudgetHtml / renderCarbonBudgetMarkdown', () => {
  it('is one well-formed, self-contained, deterministic page with ordered headings and one chart', () => {
    expectSelfContained(html);
    expect(html).not.toContain('<script');
    expect(renderCarbonBudgetHtml(fixture())).toBe(html);
    expect(renderCarbonBudgetMarkdown(fixture())).toBe(md);
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect((html.match(/<svg role="img" aria-labelledby="[^"]+-t [^"]+-d"/g) ?? []).length).toBe(1);
    expectMdTablesConsistent(md);
  });

  it('status by year against the pathway: 22.6 then 18.1 kt allowed (hand-checked)', () => {
    // 0.8^10 = 0.1073741824; 20 ÷ 0.8926258176 = 22.4058…; × 0.8 = 17.9246…
    const rows = htmlTable(html, 'Status by year (ktCO2)');
    expect(rows.slice(1)).toEqual([
      ['2020', '20.0', '22.4', '-2.4', 'within', '20.0', '22.4', 'within', '80.0'],
      ['2021', '19.0', '17.9', '1.1', 'over the pathway', '39.0', '40.3', 'within', '61.0'],
    ]);
    const t = visibleText(html);
    expect(t).toContain('Emissions were above the published pathway in 2021.');
    // required rate 19 ÷ 61 = 31.1 %; flat 61 ÷ 19 = 3.2 years → runs out during 2025
    expect(t).toContain('keeping within it needs a cut of 31.1% every year from 2022');
    expect(t).toContain('it runs out during 2025');
  });

  it('the chart tells its lines apart without colour: a legend label and a dash pattern per line', () => {
    expect(html).toContain('Published pathway (−20.0% a year)');
    expect(html).toContain('Needed from 2022 (−31.1% a year)');
    expect((html.match(/stroke-dasharray/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
