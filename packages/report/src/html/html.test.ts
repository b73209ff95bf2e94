import { CommonwealError } from '@commonweal/core/issues';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wellFormedProblems } from '../check/wellformed';
import {
  callout,
  dataTable,
  definitionList,
  escapeHtml,
  figure,
  heading,
  htmlDocument,
  keyFigures,
  paragraph,
  REPORT_CSS,
  section,
  slug,
} from './index';

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'q'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;',
    );
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
  it('property: escaped text has no markup characters and unescapes to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(wellFormedProblems(e)).toEqual([]);
        expect(unescapeHtml(e)).toBe(s);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('htmlDocument', () => {
  const page = htmlDocument({
    title: 'Tender <evaluation>',
    description: 'Scores & "ranking"',
    body: heading(1, 'Tender evaluation') + paragraph('Three bids.'),
  });
  it('is one self-contained, well-formed page: no script, nothing fetched', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<title>Tender &lt;evaluation&gt;</title>');
    expect(page).toContain('<meta name="description" content="Scores &amp; &quot;ranking&quot;">');
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<link|@import|url\(/);
    expect(wellFormedProblems(page)).toEqual([]);
  });
  it('has a print stylesheet that drops backgrounds and keeps tables and figures whole', () => {
    expect(REPORT_CSS).toContain('@media print');
    const print = REPORT_CSS.slice(REPORT_CSS.indexOf('@media print'));
    expect(print).toMatch(/background:transparent!important/);
    expect(print).toMatch(/table,figure[^{]*\{break-inside:avoid/);
    expect(REPORT_CSS).toMatch(/tbody tr:nth-child\(even\)\{background/);
    expect(REPORT_CSS).toMatch(/\.cw-num\{text-align:right/);
    expect(REPORT_CSS).toContain('system-ui');
  });
  it('is deterministic and takes another language and extra styles', () => {
    const again = htmlDocument({
      title: 'Tender <evaluation>',
      description: 'Scores & "ranking"',
      body: heading(1, 'Tender evaluation') + paragraph('Three bids.'),
    });
    expect(again).toBe(page);
    const cy = htmlDocument({ title: 'Gwerthusiad', lang: 'cy', body: '', styles: '.x{color:red}' });
    expect(cy).toContain('<html lang="cy">');
    expect(cy).toContain('.x{color:red}\n</style>');
  });
  it('rejects a language tag that could break out of its attribute, and </style> in styles', () => {
    expect(() => htmlDocument({ title: 't', body: '', lang: 'en"><script>' })).toThrow(CommonwealError);
    expect(() => htmlDocument({ title: 't', body: '', styles: '</style><script>' })).toThrow(CommonwealError);
  });
});

describe('headings, sections, paragraphs', () => {
  it('escapes text and ids', () => {
    expect(heading(2, 'Ranking & scores', 'ranking')).toBe('<h2 id="ranking">Ranking &amp; scores</h2>');
    expect(heading(3, 'x', 'a"b')).toBe('<h3 id="a&quot;b">x</h3>');
    expect(paragraph('Bids < £10k')).toBe('<p>Bids &lt; £10k</p>');
    expect(paragraph('Lead', { lead: true })).toBe('<p class="cw-lead">Lead</p>');
  });
  it('rejects heading levels outside 1–6', () => {
    expect(() => heading(7 as 1, 'x')).toThrow(CommonwealError);
    expect(() => heading(0 as 1, 'x')).toThrow(CommonwealError);
  });
  it('names a section by its heading', () => {
    const s = section({ title: 'Weight sensitivity', body: paragraph('x'), level: 3 });
    expect(s).toBe(
      '<section aria-labelledby="weight-sensitivity">\n<h3 id="weight-sensitivity">Weight sensitivity</h3>\n<p>x</p>\n</section>',
    );
    expect(section({ title: 'A', id: 'custom', body: '' })).toContain('<h2 id="custom">A</h2>');
  });
  it('makes slugs from content', () => {
    expect(slug('Price & quality — Lot 2')).toBe('price-quality-lot-2');
    expect(slug('Évaluation')).toBe('evaluation');
    expect(slug('***')).toBe('section');
    expect(slug('2024 results')).toBe('s-2024-results');
  });
});

describe('dataTable', () => {
  const table = dataTable({
    caption: 'Weighted scores by bid',
    headers: ['Bid', 'Price', 'Quality', 'Status', 'Total'],
    rows: [
      ['Bid <A>', '36.00', '28.50', { html: '<strong>Pass</strong>' }, '£1,064.50'],
      ['Bid B', '40.00', '(20)', { html: '<strong>Pass</strong>' }, '71.25%'],
    ],
    footer: [['Maximum', '40.00', '60.00', '', '100.00']],
  });
  it('has a caption, scoped headers, a footer and escaped text cells', () => {
    expect(table).toContain('<caption>Weighted scores by bid</caption>');
    expect(table).toContain('<th scope="col">Bid</th>');
    expect(table).toContain('<th scope="row">Bid &lt;A&gt;</th>');
    expect(table).toContain('<td><strong>Pass</strong></td>');
    expect(table).toMatch(/<tfoot>\n<tr><th scope="row">Maximum<\/th>/);
    expect(table).toContain('role="region" aria-label="Weighted scores by bid" tabindex="0"');
    expect(wellFormedProblems(table)).toEqual([]);
  });
  it('right-aligns columns whose cells all look numeric, and headers with them', () => {
    expect(table).toContain('<th scope="col" class="cw-num">Price</th>');
    expect(table).toContain('<td class="cw-num">(20)</td>');
    expect(table).toContain('<td class="cw-num">£1,064.50</td>');
    expect(table).toContain('<th scope="col">Status</th>');
  });
  it('follows explicit alignment and can do without row headers', () => {
    const t = dataTable({
      caption: 'c',
      headers: ['a', 'b'],
      rows: [['1', 'x']],
      align: ['center'],
      rowHeaders: false,
    });
    expect(t).toContain('<td class="cw-center">1</td><td>x</td>');
  });
  it('says when there are no rows', () => {
    expect(dataTable({ caption: 'c', headers: ['a', 'b'], rows: [] })).toContain(
      '<td colspan="2">No rows.</td>',
    );
  });
  it('rejects a missing caption and rows of the wrong width, saying where', () => {
    expect(() => dataTable({ caption: ' ', headers: ['a'], rows: [] })).toThrow(/caption/);
    expect(() => dataTable({ caption: 'c', headers: ['a', 'b'], rows: [['1', '2'], ['1']] })).toThrow(
      /rows\.1: has 1 cells but the table has 2 headers/,
    );
  });
});

describe('keyFigures, callout, definitionList, figure', () => {
  it('renders key figures as a description list of cards', () => {
    const k = keyFigures([
      { label: 'Social value', value: '£1,234.00', note: '2024 prices' },
      { label: 'Bids <late>', value: '1' },
    ]);
    expect(k).toContain(
      '<dt>Social value</dt><dd class="cw-value">£1,234.00</dd><dd class="cw-note">2024 prices</dd>',
    );
    expect(k).toContain('<dt>Bids &lt;late&gt;</dt>');
    expect(wellFormedProblems(k)).toEqual([]);
    expect(keyFigures([])).toBe('');
  });
  it('gives each callout kind a status word, an icon and a role, not colour alone', () => {
    const words = { info: 'Note:', warning: 'Warning:', danger: 'Danger:' } as const;
    for (const kind of ['info', 'warning', 'danger'] as const) {
      const c = callout(kind, paragraph('x'), 'Late <bid>');
      expect(c).toContain(`class="cw-callout cw-callout-${kind}" role="note"`);
      expect(c).toContain(`<span>${words[kind]} Late &lt;bid&gt;</span>`);
      expect(c).toContain('<svg aria-hidden="true"');
      expect(wellFormedProblems(c)).toEqual([]);
    }
    expect(REPORT_CSS).toMatch(/cw-callout-warning\{border-left-style:dashed/);
    expect(REPORT_CSS).toMatch(/cw-callout-danger\{border-left-style:double/);
    expect(() => callout('oops' as 'info', '')).toThrow(CommonwealError);
  });
  it('renders definitions with text or trusted html', () => {
    const d = definitionList([
      { term: 'Deadweight', description: 'What would happen <anyway>' },
      { term: 'Source', description: { html: '<cite>Green Book</cite>' } },
    ]);
    expect(d).toContain('<dt>Deadweight</dt><dd>What would happen &lt;anyway&gt;</dd>');
    expect(d).toContain('<dd><cite>Green Book</cite></dd>');
    expect(definitionList([])).toBe('');
  });
  it('wraps content in a figure with an escaped caption', () => {
    expect(figure('<svg></svg>', 'Figure 1 <x>')).toBe(
      '<figure class="cw-figure">\n<svg></svg>\n<figcaption>Figure 1 &lt;x&gt;</figcaption>\n</figure>',
    );
  });
});
