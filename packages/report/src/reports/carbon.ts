import type { CarbonValuation } from '@commonweal/core/limits';
import type { Decimal } from '@commonweal/core/money';
import { fmtMoney, fmtNumber } from '../format/format';
import { lineChart } from '../svg/line';
import { type Block, type ReportDocument, renderDocumentHtml, renderDocumentMarkdown } from './blocks';
import { citeSource, issuesSection } from './common';

/**
 * Options of {@link renderCarbonHtml} and {@link renderCarbonMarkdown}.
 *
 * @example
 * ```ts
 * const o: CarbonReportOptions = { title: 'Carbon cost of the fleet contract' };
 * ```
 */
export interface CarbonReportOptions {
  /** Page title. Default `Carbon valuation`. */
  title?: string;
  /** Currency of the carbon values. Default `GBP`. */
  currency?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

function carbonDocument(c: CarbonValuation, options: CarbonReportOptions): ReportDocument {
  const currency = options.currency ?? 'GBP';
  const money = (d: Decimal) => fmtMoney(d, currency);
  const o = c.options;
  const t = c.totals;
  const title = options.title ?? 'Carbon valuation';
  const tonnes = (d: Decimal) => `${fmtNumber(d, 2)} tCO2e`;
  const lead = `${tonnes(t.tco2e.value)} over ${c.years.length} year${c.years.length === 1 ? '' : 's'}, valued at the ${o.scenario} ${o.values.name} in ${o.priceYear} prices and discounted to ${o.baseYear}. A positive value is a cost; avoided emissions are negative.`;
  const body: Block[] = [];
  if (c.years.length) {
    const words = c.years
      .map(
        (y) =>
          `${y.year}: ${tonnes(y.tco2e)}, ${money(y.undiscounted.value)} undiscounted, ${money(y.presentValue.value)} present value`,
      )
      .join('; ');
    body.push({
      type: 'figure',
      svg: lineChart({
        title: 'Carbon cost by year, undiscounted and present value',
        description: `Emissions of each year × its carbon value, and the same discounted to ${o.baseYear}. ${words}.`,
        xLabel: 'Year',
        yLabel: `Carbon cost (${currency}, ${o.priceYear} prices)`,
        series: [
          { label: 'Undiscounted', points: c.years.map((y) => ({ x: y.year, y: y.undiscounted.value })) },
          { label: 'Present value', points: c.years.map((y) => ({ x: y.year, y: y.presentValue.value })) },
        ],
        format: (v) => money(v),
        width: 880,
      }),
      caption: `Carbon cost by year: emissions × ${o.scenario} carbon value, undiscounted and discounted to ${o.baseYear}.`,
      description: `${words}.`,
    });
  }
  body.push({
    type: 'table',
    caption: 'Carbon cost by year',
    headers: [
      'Year',
      'Emissions (tCO2e)',
      `Carbon value (${currency}/tCO2e)`,
      'Undiscounted',
      'Discount factor',
      'Present value',
    ],
    rows: c.years.map((y) => [
      String(y.year),
      fmtNumber(y.tco2e),
      money(y.carbonValue.value),
      money(y.undiscounted.value),
      fmtNumber(y.discountFactor, 4),
      money(y.presentValue.value),
    ]),
    footer: [
      ['Total', fmtNumber(t.tco2e.value), '', money(t.undiscounted.value), '', money(t.presentValue.value)],
    ],
  });
  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: lead },
    {
      type: 'section',
      title: 'Key figures',
      body: [
        {
          type: 'keyFigures',
          figures: [
            { label: 'Emissions', value: tonnes(t.tco2e.value), note: `${c.years.length} years` },
            {
              label: 'Carbon cost (present value)',
              value: money(t.presentValue.value),
              note: `${o.priceYear} prices, discounted to ${o.baseYear}`,
            },
            {
              label: 'Carbon cost (undiscounted)',
              value: money(t.undiscounted.value),
              note: `${o.scenario} carbon values`,
            },
          ],
        },
      ],
    },
    { type: 'section', title: 'By year', body },
    {
      type: 'section',
      title: 'Method',
      body: [
        {
          type: 'definitions',
          items: [
            {
              term: 'Formula',
              description:
                'present value = Σ over years of tCO2e × carbon value of the year × DF(year − base year)',
            },
            {
              term: 'Carbon values',
              description: `${o.values.name} (${o.values.id}), ${o.values.priceYear} prices; ${citeSource(o.values.source)}`,
            },
            { term: 'Scenario', description: o.scenario },
            {
              term: 'Price year',
              description: `${o.priceYear}${o.indexSeries ? `, rebased with ${o.indexSeries.name} (${o.indexSeries.id})` : ''}`,
            },
            { term: 'Base year', description: String(o.baseYear) },
            {
              term: 'Discounting',
              description: o.discounting
                ? `${o.discounting.name} (${o.discounting.id})`
                : 'none: present value equals the undiscounted value',
            },
            {
              term: 'Missing years',
              description: 'a year the carbon values do not cover is an issue; values are never interpolated',
            },
          ],
        },
      ],
    },
    ...issuesSection(c.issues, 'Issues'),
  ];
  return {
    title,
    description: `Carbon cost ${money(t.presentValue.value)} present value for ${tonnes(t.tco2e.value)}.`,
    blocks,
  };
}

/**
 * Renders a carbon valuation (`valueCarbon` in `@commonweal/core/limits`) as one self-contained
 * HTML page: key figures, the cost by year (chart and table with tCO2e, carbon value, discount
 * factor and present value) and the method with the carbon values' provenance.
 *
 * @example
 * ```ts
 * const r = valueCarbon({ emissions, values: carbonValues, scenario: 'central', baseYear: 2025,
 *   priceYear: 2022, discounting: greenBookStandard });
 * if (r.ok) writeFileSync('carbon.html', renderCarbonHtml(r.value));
 * ```
 */
export function renderCarbonHtml(valuation: CarbonValuation, options: CarbonReportOptions = {}): string {
  return renderDocumentHtml(carbonDocument(valuation, options), options.lang);
}

/**
 * Renders a carbon valuation as Markdown, with the same sections, tables and words as
 * {@link renderCarbonHtml}.
 *
 * @example
 * ```ts
 * const r = valueCarbon(input);
 * if (r.ok) console.log(renderCarbonMarkdown(r.value));
 * ```
 */
export function renderCarbonMarkdown(valuation: CarbonValuation, options: CarbonReportOptions = {}): string {
  return renderDocumentMarkdown(carbonDocument(valuation, options));
}
