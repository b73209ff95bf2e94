import { assessDoughnut } from '@commonweal/core/limits';
import { describe, expect, it } from 'vitest';
import { renderDoughnutHtml, renderDoughnutMarkdown } from './doughnut';
import {
  expectHeadingOrder,
  expectMdTablesConsistent,
  expectSelfContained,
  htmlHeadings,
  htmlTable,
  mdHeadings,
  visibleText,
} from './report-test-kit';
import { doughnutFixture } from './test-fixtures';

const p = doughnutFixture();
const html = renderDoughnutHtml(p, { place: 'Exampleton' });
const md = renderDoughnutMarkdown(p, { place: 'Exampleton' });
const text = visibleText(html);

describe('renderDoughnutHtml / renderDoughnutMarkdown: the page', () => {
  it('is one well-formed, self-contained page; deterministic', () => {
    expectSelfContained(html);
    expect(renderDoughnutHtml(p, { place: 'Exampleton' })).toBe(html);
    expect(renderDoughnutMarkdown(doughnutFixture(), { place: 'Exampleton' })).toBe(md);
  });

  it('has headings in order, the same in HTML and Markdown; consistent Markdown tables', () => {
    const h = htmlHeadings(html);
    expectHeadingOrder(h.map((x) => Number(x[0])));
    expect(mdHeadings(md)).toEqual(h);
    expect(h).toEqual([
      '1 Doughnut portrait: Exampleton',
      '2 Summary',
      '2 The doughnut',
      '2 Dimensions',
      '2 Indicators',
      '2 Method',
    ]);
    const tables = expectMdTablesConsistent(md);
    expect(tables.map((t) => t.length - 2)).toEqual([21, 8]); // 21 Raworth dimensions, 8 indicators
  });
});

describe('figures (constructed indicators, hand-checked in test-fixtures.ts)', () => {
  it('summary counts: n of m social foundations achieved; k of j ecological ceilings transgressed', () => {
    // social with data: food (short), housing (short), education (achieved); health has no value
    // ecological with data: climate change and nitrogen over; land conversion and air pollution within
    expect(text).toContain('1 of 3 social foundations achieved; 2 of 4 ecological ceilings transgressed.');
    expect(text).toContain('9 social and 5 ecological dimensions have no data.');
    // by indicator, from core's summary: 1 of 3 social achieved; 2 of 4 ecological transgressed
    expect(p.summary.socialAchieved).toBe(1);
    expect(p.summary.ecologicalTransgressed).toBe(2);
    expect(text).toContain(
      'By indicator: 1 of 3 social indicators with data achieve their threshold (1 without data)',
    );
    // mean shortfall (0.2 + 0.05 + 0) ÷ 3 = 8.3 %; mean overshoot (1.5 + 0.4 + 0 + 0) ÷ 4 = 47.5 %
    expect(html).toContain('<dt>Mean shortfall</dt><dd class="cw-value">8.3%</dd>');
    expect(html).toContain('<dt>Mean overshoot</dt><dd class="cw-value">47.5%</dd>');
  });

  it('the doughnut: each dimension’s mean shortfall or overshoot, missing dimensions as no data', () => {
    const svg = html.slice(html.indexOf('<svg role="img"'), html.indexOf('</svg>') + 6);
    expect(svg).toMatch(/aria-labelledby="[^"]+-t [^"]+-d"/);
    const shown = visibleText(svg, true);
    expect(shown).toContain('shortfall 20%');
    expect(shown).toContain('shortfall 5%');
    expect(shown).toContain('overshoot 150%');
    expect(shown).toContain('overshoot 40%');
    expect(shown).toContain('achieved');
    expect(shown).toContain('within');
    // 14 of 21 dimensions have no data (health has an indicator without a value)
    expect((shown.match(/no data/g) ?? []).length).toBeGreaterThanOrEqual(14);
  });

  it('the indicator table: value, target, baseline, unit, ratio, shortfall or overshoot, status, source', () => {
    const rows = htmlTable(html, 'Indicators: value, target, baseline, ratio and status');
    expect(rows[0]).toEqual([
      'Indicator',
      'Dimension',
      'Year',
      'Value',
      'Target',
      'Baseline',
      'Unit',
      'Ratio',
      'Shortfall or overshoot',
      'Status',
      'Source',
    ]);
    const row = (name: string) => rows.find((r) => r[0] === name);
    const src = 'constructed example (not published data)';
    expect(row('Homes not overcrowded')).toEqual([
      'Homes not overcrowded',
      'housing',
      '2024',
      '95',
      '100',
      '0',
      '% of homes',
      '0.950',
      '5.0%',
      'shortfall',
      src,
    ]);
    expect(row('Territorial CO2 emissions')?.slice(7, 10)).toEqual(['2.500', '150.0%', 'overshoot']);
    expect(row('NO2 concentration')?.slice(7, 10)).toEqual(['1.000', '0.0%', 'within the ceiling']); // at the boundary
    expect(row('Adults qualified to level 3')?.slice(7, 10)).toEqual(['1.000', '0.0%', 'achieved']); // at the threshold
    expect(row('Access to a GP within 2 weeks')?.slice(3, 10)).toEqual([
      'no data',
      '1',
      '0',
      'index',
      '–',
      '–',
      'no data',
    ]);
  });

  it('the dimension table has every dimension of the set, with status in words', () => {
    const rows = htmlTable(html, 'Status of each dimension (mean over its indicators with data)');
    expect(rows.length).toBe(22);
    expect(rows.find((r) => r[0] === 'water')).toEqual([
      'water',
      'social',
      '0 of 0',
      '–',
      'no data (no indicator)',
    ]);
    expect(rows.find((r) => r[0] === 'health')?.[4]).toBe('no data');
    expect(rows.find((r) => r[0] === 'climate change')?.[4]).toBe('overshoot 150.0% (mean of 1 indicator)');
  });

  it('names the dimension set and the method; never a composite index', () => {
    expect(text).toContain(
      'Doughnut of social and planetary boundaries (Raworth 2017), version 2017 (raworth-2017)',
    );
    expect(text).toContain('it is not added up into one score');
  });
});

describe('other portraits', () => {
  it('without a set, with rejected indicators and hostile names: renders, escapes and lists issues', () => {
    const r = assessDoughnut([
      {
        id: 'a',
        name: '<b>Homes</b> & "rent"',
        dimension: 'housing',
        kind: 'social',
        unit: 'index',
        value: '0.5',
        target: '1',
        year: 2024,
        source: 'x',
      },
      {
        id: 'b',
        dimension: 'climate',
        kind: 'ecological',
        unit: 'index',
        value: '3',
        target: '1',
        year: 2024,
        source: 'y',
      },
      {
        id: 'c',
        dimension: 'climate',
        kind: 'ecological',
        unit: 'index',
        value: '1',
        target: '2',
        baseline: '2',
        year: 2024,
        source: 'z',
      },
    ]);
    if (!r.ok) throw new Error('expected ok');
    const page = renderDoughnutHtml(r.value);
    expectSelfContained(page);
    expect(page).not.toContain('<b>Homes');
    expect(page).toContain('&lt;b&gt;Homes&lt;/b&gt; &amp; &quot;rent&quot;');
    const t = visibleText(page);
    expect(t).toContain('0 of 1 social foundations achieved; 1 of 1 ecological ceilings transgressed.');
    expect(t).toContain('the dimensions named by the indicators themselves');
    expect(t).toContain('Indicators not assessed');
    expect(t).toContain('3 read: 2 accepted, 1 rejected');
    expectMdTablesConsistent(renderDoughnutMarkdown(r.value));
  });

  it('a portrait with no indicator says so and draws nothing', () => {
    const r = assessDoughnut([]);
    if (!r.ok) throw new Error('expected ok');
    const page = renderDoughnutHtml(r.value);
    expectSelfContained(page);
    expect(page).not.toContain('<svg role="img"');
    expect(visibleText(page)).toContain('No indicator was accepted, so there is no doughnut to draw.');
  });
});
