import { assessDoughnut, compareYears, type IndicatorInput } from '@commonweal/core/limits';
import { describe, expect, it } from 'vitest';
import { renderDoughnutTrendHtml, renderDoughnutTrendMarkdown } from './doughnut-trend';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  mdHeadings,
  visibleText,
} from './report-test-kit';

// Constructed values (not statistics).
const row = (
  id: string,
  dimension: string,
  kind: 'social' | 'ecological',
  year: number,
  value: string | null,
): IndicatorInput => ({
  id,
  dimension,
  kind,
  unit: kind === 'social' ? '% deprived' : 't per person',
  value,
  target: kind === 'social' ? '0' : '2',
  ...(kind === 'social' ? { baseline: '100' } : {}),
  year,
  source: 'constructed example',
});
const rows = [
  row('fuel', 'energy', 'social', 2021, '15'),
  row('fuel', 'energy', 'social', 2023, '13'),
  row('co2', 'climate-change', 'ecological', 2021, '8'),
  row('co2', 'climate-change', 'ecological', 2023, '9'),
  row('food', 'food', 'social', 2021, null),
  row('food', 'food', 'social', 2023, null),
];
const c = compareYears(rows);
const latest = assessDoughnut(rows.filter((r) => r.year === 2023));
if (!c.ok || !latest.ok) throw new Error('fixture');
const html = renderDoughnutTrendHtml(c.value, latest.value, { place: 'Exampleton' });
const md = renderDoughnutTrendMarkdown(c.value, latest.value, { place: 'Exampleton' });
const text = visibleText(html);

describe('renderDoughnutTrendHtml / renderDoughnutTrendMarkdown', () => {
  it('is one well-formed, self-contained page with the same headings in HTML and Markdown; deterministic', () => {
    expectSelfContained(html);
    expect(renderDoughnutTrendHtml(c.value, latest.value, { place: 'Exampleton' })).toBe(html);
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect(h).toEqual([
      '1 Doughnut over time: Exampleton, 2021–2023',
      '2 Dimensions over time',
      '2 Trend by dimension',
      '2 Steps',
      '2 Indicators over time',
      '2 Summary by year',
      '2 Latest year',
      '2 Method',
    ]);
    expectMdTablesConsistent(md);
  });

  it('says the direction in words with the change in points: energy towards (15% → 13%), climate away (300% → 350%)', () => {
    expect(text).toContain(
      '1 dimension moved towards the safe and just space, 1 away from it and 0 did not change; 1 has fewer than two years with data.',
    );
    expect(text).toContain('towards the safe and just space (-2.0 points, 2021–2023)');
    expect(text).toContain('away from the safe and just space (+50.0 points, 2021–2023)');
    expect(text).toContain('no data (fewer than two years with data)');
  });

  it('draws one trend chart per dimension with data and the latest doughnut, all inline SVG', () => {
    expect(html.match(/<svg/g)).toHaveLength(3); // energy, climate change, the doughnut (food has no data)
    expect(html).toContain('energy: mean shortfall by year, Exampleton');
    expect(html).not.toMatch(/<script|<link|@import/);
  });
});
