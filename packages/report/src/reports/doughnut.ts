import type { DimensionSummary, DoughnutPortrait, IndicatorAssessment } from '@commonweal/core/limits';
import { fmtNumber } from '../format/format';
import { doughnutChart } from '../svg/doughnut';
import {
  type Block,
  type ReportDocument,
  type Rich,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from './blocks';
import { citeSource, issuesSection, pctText } from './common';

/**
 * Options of {@link renderDoughnutHtml} and {@link renderDoughnutMarkdown}.
 *
 * @example
 * ```ts
 * const o: DoughnutReportOptions = { place: 'Exampleton', title: 'Exampleton doughnut portrait 2024' };
 * ```
 */
export interface DoughnutReportOptions {
  /** The place portrayed, used in the default title. */
  place?: string;
  /** Page title. Default `Doughnut portrait` (`: <place>` when given). */
  title?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

/**
 * The status of a dimension in words, with its mean shortfall or overshoot over its indicators
 * with data.
 *
 * @example
 * ```ts
 * dimensionStatus(portrait.dimensions[0]!); // 'shortfall 20.0% (mean of 1 indicator)'
 * ```
 */
export function dimensionStatus(d: DimensionSummary): string {
  const of = `mean of ${d.withData} indicator${d.withData === 1 ? '' : 's'}`;
  switch (d.status) {
    case 'no-data':
      return d.indicators === 0 ? 'no data (no indicator)' : 'no data';
    case 'achieved':
      return 'achieved';
    case 'within':
      return 'within the ceiling';
    case 'shortfall':
      return `shortfall ${pctText(d.meanShortfall?.value ?? 0)} (${of})`;
    case 'overshoot':
      return `overshoot ${pctText(d.meanOvershoot?.value ?? 0)} (${of})`;
  }
}

/** The status of an indicator in one word or two (the size is in its own column). */
function statusWord(i: IndicatorAssessment): string {
  if (i.missing) return 'no data';
  if (i.kind === 'social') return i.achieved ? 'achieved' : 'shortfall';
  return i.transgressed ? 'overshoot' : 'within the ceiling';
}

function gapOf(i: IndicatorAssessment): string {
  if (i.missing) return '–';
  return i.kind === 'social' ? pctText(i.shortfall ?? 0) : pctText(i.overshoot ?? 0);
}

/** Counts over dimensions: achieved of social with data, transgressed of ecological with data. */
function dimensionCounts(p: DoughnutPortrait) {
  const social = p.dimensions.filter((d) => d.kind === 'social');
  const eco = p.dimensions.filter((d) => d.kind === 'ecological');
  return {
    achieved: social.filter((d) => d.status === 'achieved').length,
    socialWithData: social.filter((d) => d.status !== 'no-data').length,
    socialNoData: social.filter((d) => d.status === 'no-data').length,
    transgressed: eco.filter((d) => d.status === 'overshoot').length,
    ecoWithData: eco.filter((d) => d.status !== 'no-data').length,
    ecoNoData: eco.filter((d) => d.status === 'no-data').length,
  };
}

function doughnutDocument(p: DoughnutPortrait, options: DoughnutReportOptions): ReportDocument {
  const title = options.title ?? `Doughnut portrait${options.place ? `: ${options.place}` : ''}`;
  const k = dimensionCounts(p);
  const s = p.summary;
  const headline = `${k.achieved} of ${k.socialWithData} social foundations achieved; ${k.transgressed} of ${k.ecoWithData} ecological ceilings transgressed.`;
  const noData = `${k.socialNoData} social and ${k.ecoNoData} ecological dimensions have no data.`;
  const byIndicator = `By indicator: ${s.socialAchieved} of ${s.socialWithData} social indicators with data achieve their threshold (${s.socialMissing} without data); ${s.ecologicalTransgressed} of ${s.ecologicalWithData} ecological indicators with data transgress their boundary (${s.ecologicalMissing} without data).`;

  const figures = [
    {
      label: 'Social foundations achieved',
      value: `${k.achieved} of ${k.socialWithData}`,
      note: 'dimensions with data',
    },
    {
      label: 'Ecological ceilings transgressed',
      value: `${k.transgressed} of ${k.ecoWithData}`,
      note: 'dimensions with data',
    },
    {
      label: 'Mean shortfall',
      value: s.meanShortfall ? pctText(s.meanShortfall.value) : 'no data',
      note: `over ${s.socialWithData} social indicators with data`,
    },
    {
      label: 'Mean overshoot',
      value: s.meanOvershoot ? pctText(s.meanOvershoot.value) : 'no data',
      note: `over ${s.ecologicalWithData} ecological indicators with data`,
    },
  ];

  const social = p.dimensions.filter((d) => d.kind === 'social');
  const eco = p.dimensions.filter((d) => d.kind === 'ecological');
  const dimWords = p.dimensions.map((d) => `${d.name}: ${dimensionStatus(d)}`).join('; ');
  const body: Block[] = [];
  if (p.dimensions.length) {
    body.push({
      type: 'figure',
      svg: doughnutChart({
        title: `Shortfall and overshoot by dimension${options.place ? `, ${options.place}` : ''}`,
        description: `${headline} ${dimWords}.`,
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
        'The doughnut: solid red wedges inside the green ring are shortfalls below the social foundation, hatched orange wedges outside it overshoots beyond the ecological ceiling (mean over each dimension’s indicators with data); grey hatched wedges have no data.',
      description: `${dimWords}.`,
    });
  } else {
    body.push({ type: 'paragraph', text: 'No indicator was accepted, so there is no doughnut to draw.' });
  }

  const dimensionRows: Rich[][] = p.dimensions.map((d) => [
    d.name,
    d.kind,
    `${d.withData} of ${d.indicators}`,
    d.kind === 'social'
      ? d.meanShortfall
        ? pctText(d.meanShortfall.value)
        : '–'
      : d.meanOvershoot
        ? pctText(d.meanOvershoot.value)
        : '–',
    dimensionStatus(d),
  ]);

  const indicatorRows: Rich[][] = p.indicators.map((i) => {
    const dim = p.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension;
    return [
      i.name ?? i.id,
      dim,
      String(i.year),
      i.value === null ? 'no data' : fmtNumber(i.value),
      fmtNumber(i.target),
      fmtNumber(i.baseline),
      i.unit,
      i.ratio === null ? '–' : fmtNumber(i.ratio, 3),
      gapOf(i),
      statusWord(i),
      citeSource(i.source),
    ];
  });

  const setText = p.dimensionSet
    ? `${p.dimensionSet.title}${p.dimensionSet.version ? `, version ${p.dimensionSet.version}` : ''} (${p.dimensionSet.setId})`
    : 'the dimensions named by the indicators themselves (no published set was given)';

  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: [{ strong: headline }, ` ${noData}`] },
    {
      type: 'section',
      title: 'Summary',
      body: [
        { type: 'keyFigures', figures },
        { type: 'paragraph', text: byIndicator },
      ],
    },
    { type: 'section', title: 'The doughnut', body },
    {
      type: 'section',
      title: 'Dimensions',
      body: [
        {
          type: 'table',
          caption: 'Status of each dimension (mean over its indicators with data)',
          headers: ['Dimension', 'Kind', 'Indicators with data', 'Mean shortfall or overshoot', 'Status'],
          rows: dimensionRows,
          align: [undefined, 'left', 'right', 'right', 'left'],
        },
      ],
    },
    {
      type: 'section',
      title: 'Indicators',
      body: [
        {
          type: 'table',
          caption: 'Indicators: value, target, baseline, ratio and status',
          headers: [
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
          ],
          rows: indicatorRows,
          align: [
            undefined,
            'left',
            'right',
            'right',
            'right',
            'right',
            'left',
            'right',
            'right',
            'left',
            'left',
          ],
        },
      ],
    },
    {
      type: 'section',
      title: 'Method',
      body: [
        {
          type: 'definitions',
          items: [
            { term: 'Dimensions', description: setText },
            {
              term: 'Ratio',
              description:
                '(value − baseline) ÷ (target − baseline); the target is the social threshold or the ecological boundary',
            },
            {
              term: 'Shortfall',
              description: 'max(0, 1 − ratio) for a social indicator; achieved when the ratio is at least 1',
            },
            {
              term: 'Overshoot',
              description:
                'max(0, ratio − 1) for an ecological indicator; transgressed when the ratio is above 1 (at the boundary is within)',
            },
            {
              term: 'Dimensions and means',
              description:
                'a dimension’s figure is the mean over its indicators with data (achieved or within-boundary ones count 0); an indicator without data is reported as missing, never as zero',
            },
            {
              term: 'Not an index',
              description: 'the portrait shows each dimension on its own; it is not added up into one score',
            },
            {
              term: 'Indicators',
              description: `${p.counts.read} read: ${p.counts.accepted} accepted, ${p.counts.rejected} rejected`,
            },
          ],
        },
      ],
    },
    ...issuesSection(p.issues, 'Indicators not assessed'),
  ];
  return { title, description: `${headline} ${noData}`, blocks };
}

/**
 * Renders a doughnut portrait as one self-contained HTML page: the doughnut (each dimension's
 * mean shortfall or overshoot over its indicators with data; dimensions without data as `no
 * data`), the summary counts ("n of m social foundations achieved; k of j ecological ceilings
 * transgressed"), a table of dimensions and one of indicators (value, target, baseline, ratio,
 * shortfall or overshoot, status in words, source) and the method. Pure and deterministic.
 *
 * @example
 * ```ts
 * const r = assessDoughnut(indicators, { dimensions: raworth2017 });
 * if (r.ok) writeFileSync('doughnut.html', renderDoughnutHtml(r.value, { place: 'Exampleton' }));
 * ```
 */
export function renderDoughnutHtml(portrait: DoughnutPortrait, options: DoughnutReportOptions = {}): string {
  return renderDocumentHtml(doughnutDocument(portrait, options), options.lang);
}

/**
 * Renders a doughnut portrait as Markdown, with the same sections, tables and words as
 * {@link renderDoughnutHtml}.
 *
 * @example
 * ```ts
 * const r = assessDoughnut(indicators);
 * if (r.ok) console.log(renderDoughnutMarkdown(r.value));
 * ```
 */
export function renderDoughnutMarkdown(
  portrait: DoughnutPortrait,
  options: DoughnutReportOptions = {},
): string {
  return renderDocumentMarkdown(doughnutDocument(portrait, options));
}
