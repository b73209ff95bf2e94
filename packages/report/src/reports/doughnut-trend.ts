import type {
  DimensionChange,
  DoughnutPortrait,
  SpaceDirection,
  YearComparison,
} from '@commonweal/core/limits';
import { fmtNumber } from '../format/format';
import { doughnutChart } from '../svg/doughnut';
import { lineChart } from '../svg/line';
import {
  type Block,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
import { issuesSection, pctText } from './common';
import type { DoughnutReportOptions } from './doughnut';

const DIRECTION: Record<SpaceDirection, string> = {
  towards: 'towards the safe and just space',
  away: 'away from the safe and just space',
  unchanged: 'unchanged',
  'no-data': 'no data (fewer than two years with data)',
};

/**
 * A dimension's direction over time in words, with the change in percentage points and the
 * years it spans.
 *
 * @example
 * ```ts
 * dimensionDirection(trend.dimensions[0]!); // 'away from the safe and just space (+12.0 points, 2019–2023)'
 * ```
 */
export function dimensionDirection(d: DimensionChange): string {
  if (!d.overall) return DIRECTION[d.direction];
  const points = fmtNumber(d.overall.change.times(100), 1);
  const sign = d.overall.change.gt(0) ? '+' : '';
  return `${DIRECTION[d.direction]} (${sign}${points} points, ${d.overall.from}–${d.overall.to})`;
}

const what = (d: DimensionChange) => (d.kind === 'social' ? 'shortfall' : 'overshoot');

function trendChart(d: DimensionChange, place: string | undefined): Block | undefined {
  const points = d.years.filter((y) => y.gap !== null);
  if (points.length === 0) return undefined;
  const words = d.years
    .map((y) => `${y.year}: ${y.gap === null ? 'no data' : `${what(d)} ${pctText(y.gap.value)}`}`)
    .join('; ');
  return {
    type: 'figure',
    svg: lineChart({
      title: `${d.name}: mean ${what(d)} by year${place ? `, ${place}` : ''}`,
      description: `${d.kind === 'social' ? 'Shortfall below the social foundation' : 'Overshoot beyond the ecological ceiling'}; 0% is the edge of the safe and just space. ${words}. Direction: ${dimensionDirection(d)}.`,
      xLabel: 'Year',
      yLabel: `Mean ${what(d)} (%)`,
      series: [
        {
          label: what(d),
          points: points.map((y) => ({ x: y.year, y: y.gap?.value.times(100) ?? 0 })),
        },
      ],
      format: (v) => `${fmtNumber(v, 1)}%`,
      width: 560,
    }),
    caption: `${d.name} (${d.kind}): mean ${what(d)} over the indicators with data each year; lower is nearer the safe and just space (0%). ${dimensionDirection(d)}.`,
    description: `${words}.`,
  };
}

function trendDocument(
  t: YearComparison,
  latest: DoughnutPortrait,
  options: DoughnutReportOptions,
): ReportDocument {
  const span = t.years.length ? `${t.years[0]}–${t.years[t.years.length - 1]}` : 'no years';
  const title = options.title ?? `Doughnut over time${options.place ? `: ${options.place}` : ''}, ${span}`;
  const count = (dir: SpaceDirection) => t.dimensions.filter((d) => d.direction === dir).length;
  const dims = (k: number) => `${k} dimension${k === 1 ? '' : 's'}`;
  const headline = `${dims(count('towards'))} moved towards the safe and just space, ${count('away')} away from it and ${count('unchanged')} did not change; ${count('no-data')} ${count('no-data') === 1 ? 'has' : 'have'} fewer than two years with data.`;
  const mixed = t.dimensions.some((d) => d.steps.some((s) => !s.sameIndicators));

  const yearCells = (d: DimensionChange): Rich[] =>
    t.years.map((year) => {
      const y = d.years.find((x) => x.year === year);
      if (!y || y.gap === null) return 'no data';
      return `${y.status === 'within' ? 'within' : y.status} ${pctText(y.gap.value)}`;
    });
  const dimRows: Rich[][] = t.dimensions.map((d) => [
    d.name,
    d.kind,
    ...yearCells(d),
    `${dimensionDirection(d)}${d.steps.some((s) => !s.sameIndicators) ? ' *' : ''}`,
  ]);
  const stepRows: Rich[][] = t.dimensions.flatMap((d) =>
    d.steps.map((s) => [
      d.name,
      `${s.from}–${s.to}`,
      `${s.change.gt(0) ? '+' : ''}${fmtNumber(s.change.times(100), 1)}`,
      DIRECTION[s.direction],
      s.sameIndicators ? 'yes' : 'no',
    ]),
  );
  const indRows: Rich[][] = t.indicators.map((i) => [
    i.id,
    i.dimension,
    ...t.years.map((year) => {
      const p = i.points.find((x) => x.year === year);
      if (!p) return '–';
      return p.gap === null ? 'no data' : pctText(p.gap);
    }),
    i.direction === 'no-data' ? 'no data' : i.direction,
  ]);
  const sumRows: Rich[][] = t.summaries.map(({ year, summary: s }) => [
    String(year),
    `${s.socialAchieved} of ${s.socialWithData}`,
    `${s.ecologicalTransgressed} of ${s.ecologicalWithData}`,
    s.meanShortfall ? pctText(s.meanShortfall.value) : 'no data',
    s.meanOvershoot ? pctText(s.meanOvershoot.value) : 'no data',
  ]);

  const charts = t.dimensions
    .map((d) => trendChart(d, options.place))
    .filter((b): b is Block => b !== undefined);
  const social = latest.dimensions.filter((d) => d.kind === 'social');
  const eco = latest.dimensions.filter((d) => d.kind === 'ecological');
  const latestBlocks: Block[] = latest.dimensions.length
    ? [
        {
          type: 'figure',
          svg: doughnutChart({
            title: `Latest year of each indicator${options.place ? `, ${options.place}` : ''}`,
            description: `The doughnut drawn from each indicator's latest year with a value. ${latest.dimensions.map((d) => `${d.name}: ${d.status}`).join('; ')}.`,
            social: social.map((d) => ({
              id: d.id,
              label: d.name,
              shortfall: d.status === 'no-data' ? null : (d.meanShortfall?.value ?? null),
            })),
            ecological: eco.map((d) => ({
              id: d.id,
              label: d.name,
              overshoot: d.status === 'no-data' ? null : (d.meanOvershoot?.value ?? null),
            })),
          }),
          caption:
            'The doughnut from each indicator’s latest year: shortfalls drawn inward from the social foundation, overshoots outward from the ecological ceiling (see the legend); grey hatched wedges have no data.',
          description: latest.dimensions.map((d) => `${d.name}: ${d.status}`).join('; '),
        },
      ]
    : [];

  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: [{ strong: headline }] },
    {
      type: 'section',
      title: 'Dimensions over time',
      body: [
        {
          type: 'table',
          caption:
            'Status and mean shortfall or overshoot of each dimension by year, and the direction from the first to the last year with data',
          headers: ['Dimension', 'Kind', ...t.years.map(String), 'Direction'],
          rows: dimRows,
          align: [undefined, 'left', ...t.years.map(() => 'right' as const), 'left'],
        },
        ...(mixed
          ? [
              {
                type: 'paragraph' as const,
                text: '* The indicators with data differ between years in this dimension, so its yearly means are over different indicators: read the indicators below.',
              },
            ]
          : []),
      ],
    },
    {
      type: 'section',
      title: 'Trend by dimension',
      body: charts.length ? charts : [{ type: 'paragraph', text: 'No dimension has data in any year.' }],
    },
    {
      type: 'section',
      title: 'Steps',
      body: stepRows.length
        ? [
            {
              type: 'table',
              caption:
                'Change between consecutive years with data (percentage points; negative = towards the safe and just space)',
              headers: ['Dimension', 'Years', 'Change (points)', 'Direction', 'Same indicators'],
              rows: stepRows,
              align: [undefined, 'left', 'right', 'left', 'left'],
            },
          ]
        : [{ type: 'paragraph', text: 'No dimension has two years with data.' }],
    },
    {
      type: 'section',
      title: 'Indicators over time',
      body: [
        {
          type: 'table',
          caption: 'Shortfall (social) or overshoot (ecological) of each indicator by year',
          headers: ['Indicator', 'Dimension', ...t.years.map(String), 'Direction'],
          rows: indRows,
          align: [undefined, 'left', ...t.years.map(() => 'right' as const), 'left'],
        },
      ],
    },
    {
      type: 'section',
      title: 'Summary by year',
      body: [
        {
          type: 'table',
          caption:
            'Indicators achieving their threshold or transgressing their boundary, and mean shortfall and overshoot, each year',
          headers: ['Year', 'Social achieved', 'Ecological transgressed', 'Mean shortfall', 'Mean overshoot'],
          rows: sumRows,
          align: ['left', 'right', 'right', 'right', 'right'],
        },
      ],
    },
    {
      type: 'section',
      title: 'Latest year',
      body: latestBlocks.length ? latestBlocks : [{ type: 'paragraph', text: 'No indicator to draw.' }],
    },
    {
      type: 'section',
      title: 'Method',
      body: [
        {
          type: 'definitions',
          items: [
            {
              term: 'Each year',
              description:
                'the dimension’s mean shortfall (social) or overshoot (ecological) over that year’s indicators with data; an indicator without data is reported as missing, never as zero',
            },
            {
              term: 'Direction',
              description:
                'towards the safe and just space when the mean shortfall or overshoot falls from the first to the last year with data, away when it rises',
            },
            {
              term: 'Not an index',
              description: 'each dimension is shown on its own; nothing is added up into one score',
            },
            {
              term: 'Indicator-years',
              description: `${t.counts.read} read: ${t.counts.accepted} compared, ${t.counts.rejected} left out`,
            },
          ],
        },
      ],
    },
    ...issuesSection(t.issues, 'Indicators not compared'),
  ];
  return { title, description: headline, blocks };
}

/**
 * Renders a doughnut over time as one self-contained HTML page: each dimension's status and mean
 * shortfall or overshoot by year with its direction (towards or away from the safe and just
 * space), a trend chart per dimension (inline SVG, no script), the steps between years, the
 * indicators by year, each year's summary, and the doughnut of each indicator's latest year.
 * Pure and deterministic.
 *
 * @example
 * ```ts
 * const c = compareYears(indicators);
 * const latest = assessDoughnut(latestIndicators);
 * if (c.ok && latest.ok) writeFileSync('trend.html', renderDoughnutTrendHtml(c.value, latest.value));
 * ```
 */
export function renderDoughnutTrendHtml(
  trend: YearComparison,
  latest: DoughnutPortrait,
  options: DoughnutReportOptions = {},
): string {
  return renderDocumentHtml(trendDocument(trend, latest, options), options.lang);
}

/**
 * Renders a doughnut over time as Markdown, with the same sections, tables and words as
 * {@link renderDoughnutTrendHtml}.
 *
 * @example
 * ```ts
 * if (c.ok && latest.ok) console.log(renderDoughnutTrendMarkdown(c.value, latest.value));
 * ```
 */
export function renderDoughnutTrendMarkdown(
  trend: YearComparison,
  latest: DoughnutPortrait,
  options: DoughnutReportOptions = {},
): string {
  return renderDocumentMarkdown(trendDocument(trend, latest, options));
}
