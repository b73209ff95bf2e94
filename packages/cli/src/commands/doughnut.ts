import type {
  DimensionStatus,
  IndicatorAssessment,
  SpaceDirection,
  YearComparison,
} from '@commonweal/core/limits';
import { Dec, type Decimal, type RoundingPolicy, round } from '@commonweal/core/money';
import { INDICATOR_COLUMNS } from '@commonweal/csv';
import { DIMENSION_SETS, type DoughnutFlowResult, documentText, doughnutFlow } from '@commonweal/flows';
import {
  renderDoughnutHtml,
  renderDoughnutMarkdown,
  renderDoughnutTrendHtml,
  renderDoughnutTrendMarkdown,
} from '@commonweal/report';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';

/**
 * Ratios, shortfalls and overshoots in tables: half-up to 3 places (JSON keeps full precision).
 *
 * @example
 * ```ts
 * round('0.0346666', DOUGHNUT_DISPLAY_ROUNDING); // '0.035'
 * ```
 */
export const DOUGHNUT_DISPLAY_ROUNDING: RoundingPolicy = {
  name: 'doughnut-ratio-half-up-3dp',
  places: 3,
  mode: Dec.ROUND_HALF_UP,
};

/**
 * What `commonweal doughnut` computed (the doughnut flow's result), ready for any output format.
 *
 * @example
 * ```ts
 * const o: DoughnutOutcome = await computeDoughnut(io, { indicators: 'indicators.csv' });
 * ```
 */
export type DoughnutOutcome = DoughnutFlowResult;

/**
 * Assesses a place's indicators as `commonweal doughnut` does: checks the flags, reads the file
 * (CSV or JSON) and runs `doughnutFlow` (a portrait, or a doughnut over time when an indicator
 * has several years).
 *
 * @example
 * ```ts
 * const o = await computeDoughnut(io, { indicators: 'examples/doughnut/indicators.csv' });
 * o.portrait.summary.ecologicalTransgressed; // 3
 * ```
 */
export async function computeDoughnut(io: CliIO, values: Record<string, unknown>): Promise<DoughnutOutcome> {
  const file = values.indicators;
  if (typeof file !== 'string' || file === '') throw new UsageError('--indicators is required');
  const setName = values.dimensions;
  if (setName !== undefined && (typeof setName !== 'string' || !Object.hasOwn(DIMENSION_SETS, setName))) {
    throw new UsageError(
      `--dimensions must be one of ${Object.keys(DIMENSION_SETS).join(', ')} (got '${String(setName)}'); leave it out to use the file's own dimension names`,
    );
  }
  const cols = columnsOption(io, values, [{ name: 'indicators', fields: fieldsOf(INDICATOR_COLUMNS) }]);
  const ext = extension(file, io);
  if (ext !== 'csv' && ext !== 'json') throw new UsageError(`${file}: expected a .csv or .json file`);
  const r = await doughnutFlow({
    indicators: { name: file, text: readText(io, file) },
    format: ext,
    dimensions: setName,
    columns: headersFor(cols, 'indicators'),
  });
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  return r;
}

const STATUS_WORDS: Record<DimensionStatus, string> = {
  achieved: 'achieved',
  shortfall: 'shortfall',
  within: 'within boundary',
  overshoot: 'overshoot',
  'no-data': 'no data',
};

const fig = (d: Decimal | null | undefined): string =>
  d === null || d === undefined ? '' : round(d, DOUGHNUT_DISPLAY_ROUNDING);

function indicatorStatus(i: IndicatorAssessment): string {
  if (i.missing) return 'no data';
  if (i.kind === 'social') return i.achieved ? 'achieved' : 'shortfall';
  return i.transgressed ? 'overshoot' : 'within boundary';
}

/**
 * Renders a portrait as plain text (the default) or Markdown: dimensions with status words
 * (no colour), indicators (missing values as "no data"), and the summary.
 *
 * @example
 * ```ts
 * io.stdout(doughnutTable(outcome));
 * ```
 */
export function doughnutTable(o: DoughnutOutcome, markdown = false): string {
  const p = o.portrait;
  const s = p.summary;
  const dimHeaders = ['dimension', 'kind', 'status', 'with data', 'mean shortfall / overshoot'];
  const dimAlign: ('left' | 'right')[] = ['left', 'left', 'left', 'right', 'right'];
  const dimRows = p.dimensions.map((d) => [
    d.name === d.id ? d.id : `${d.name} (${d.id})`,
    d.kind,
    STATUS_WORDS[d.status],
    `${d.withData} of ${d.indicators}`,
    fig((d.kind === 'social' ? d.meanShortfall : d.meanOvershoot)?.value),
  ]);
  const indHeaders = [
    'dimension',
    'indicator',
    'year',
    'value',
    'target',
    'baseline',
    'ratio',
    'shortfall / overshoot',
    'status',
  ];
  const indAlign: ('left' | 'right')[] = [
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'left',
  ];
  const indRows = p.indicators.map((i) => [
    i.dimension,
    i.name ? `${i.id} (${i.name})` : i.id,
    String(i.year),
    i.value === null ? 'no data' : `${i.value.toString()} ${i.unit}`,
    i.target.toString(),
    i.baseline.toString(),
    i.ratio === null ? '' : fig(i.ratio),
    fig(i.kind === 'social' ? i.shortfall : i.overshoot),
    indicatorStatus(i),
  ]);
  const missing = (n: number) => (n ? ` (${n} with no data)` : '');
  const summaryRows = [
    [
      'Social foundation',
      `${s.socialAchieved} of ${s.socialWithData} indicators with data achieved${missing(s.socialMissing)}`,
    ],
    [
      'Ecological ceiling',
      `${s.ecologicalTransgressed} of ${s.ecologicalWithData} indicators with data transgressed${missing(s.ecologicalMissing)}`,
    ],
    ['Mean shortfall', s.meanShortfall ? fig(s.meanShortfall.value) : 'no data'],
    ['Mean overshoot', s.meanOvershoot ? fig(s.meanOvershoot.value) : 'no data'],
  ];
  const setText = p.dimensionSet ? `dimensions: ${p.dimensionSet.title}` : "dimensions: the file's own";
  const notes = [
    `A portrait, not a composite index. ratio = (value − baseline) ÷ (target − baseline): 1 is the social threshold or the ecological boundary; shortfall = max(0, 1 − ratio), overshoot = max(0, ratio − 1). Means are over indicators with data; "no data" is never counted as zero.`,
    `${o.file}; ${setText}. Rows: ${o.counts.read} read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected. Inputs sha256 ${o.sha256}.`,
    `Figures rounded half-up to ${DOUGHNUT_DISPLAY_ROUNDING.places} places for display only (--format json has them in full).`,
  ];
  if (markdown) {
    return [
      '# Doughnut portrait',
      '',
      '## Dimensions',
      '',
      markdownTable(dimHeaders, dimRows, dimAlign),
      '## Indicators',
      '',
      markdownTable(indHeaders, indRows, indAlign),
      '## Summary',
      '',
      markdownTable(['figure', 'value'], summaryRows, ['left', 'left']),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    textTable(dimHeaders, dimRows, { align: dimAlign, title: 'Doughnut portrait — dimensions' }),
    textTable(indHeaders, indRows, { align: indAlign, title: 'Indicators' }),
    textTable(['figure', 'value'], summaryRows, { align: ['left', 'left'], title: 'Summary' }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

const DIRECTION_WORDS: Record<SpaceDirection, string> = {
  towards: 'towards the safe and just space',
  away: 'away from the safe and just space',
  unchanged: 'unchanged',
  'no-data': 'no data',
};

/**
 * Renders a doughnut over time as plain text or Markdown: per dimension its status and mean
 * shortfall or overshoot in each year, the change from the first to the last year with data and
 * the direction in words; the same per indicator; and each year's summary.
 *
 * @example
 * ```ts
 * if (outcome.trend) io.stdout(doughnutTrendTable(outcome, outcome.trend));
 * ```
 */
export function doughnutTrendTable(o: DoughnutOutcome, t: YearComparison, markdown = false): string {
  const years = t.years.map(String);
  const right = (k: number): ('left' | 'right')[] => Array.from({ length: k }, () => 'right');
  const dimHeaders = ['dimension', 'kind', ...years, 'change', 'direction'];
  const dimAlign: ('left' | 'right')[] = ['left', 'left', ...right(years.length), 'right', 'left'];
  let mixed = false;
  const dimRows = t.dimensions.map((d) => {
    const cells = d.years.map((y) =>
      y.gap === null ? 'no data' : `${STATUS_WORDS[y.status]} ${fig(y.gap.value)}`,
    );
    const differ = d.steps.some((s) => !s.sameIndicators);
    if (differ) mixed = true;
    return [
      d.name === d.id ? d.id : `${d.name} (${d.id})`,
      d.kind,
      ...cells,
      d.overall ? fig(d.overall.change) : '',
      `${DIRECTION_WORDS[d.direction]}${differ ? ' *' : ''}`,
    ];
  });
  const indHeaders = ['indicator', 'dimension', ...years, 'change', 'direction'];
  const indRows = t.indicators.map((i) => {
    const cells = t.years.map((y) => {
      const p = i.points.find((x) => x.year === y);
      if (!p) return '';
      return p.missing || p.gap === null ? 'no data' : fig(p.gap);
    });
    return [
      i.id,
      i.dimension,
      ...cells,
      i.overall ? fig(i.overall.change) : '',
      i.direction === 'no-data' ? 'no data' : i.direction,
    ];
  });
  const sumHeaders = [
    'year',
    'social achieved',
    'ecological transgressed',
    'mean shortfall',
    'mean overshoot',
  ];
  const sumRows = t.summaries.map(({ year, summary: s }) => [
    String(year),
    `${s.socialAchieved} of ${s.socialWithData}`,
    `${s.ecologicalTransgressed} of ${s.ecologicalWithData}`,
    s.meanShortfall ? fig(s.meanShortfall.value) : 'no data',
    s.meanOvershoot ? fig(s.meanOvershoot.value) : 'no data',
  ]);
  const setText = o.portrait.dimensionSet
    ? `dimensions: ${o.portrait.dimensionSet.title}`
    : "dimensions: the file's own";
  const notes = [
    `Each year: the status and the mean shortfall (social) or overshoot (ecological) over that year's indicators with data; "no data" is never counted as zero. change = last year with data − first (negative = towards the safe and just space). A portrait, not a composite index.`,
    ...(mixed
      ? [
          '* the indicators with data differ between years, so the means are over different indicators: read the indicators below.',
        ]
      : []),
    `${o.file}; ${setText}. Rows: ${o.counts.read} read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected. Inputs sha256 ${o.sha256}.`,
    `Figures rounded half-up to ${DOUGHNUT_DISPLAY_ROUNDING.places} places for display only (--format json has them in full).`,
  ];
  const sumAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right'];
  if (markdown) {
    return [
      '# Doughnut over time',
      '',
      '## Dimensions',
      '',
      markdownTable(dimHeaders, dimRows, dimAlign),
      '## Indicators',
      '',
      markdownTable(indHeaders, indRows, dimAlign),
      '## Summary by year',
      '',
      markdownTable(sumHeaders, sumRows, sumAlign),
      markdownList(notes),
      '',
    ].join('\n');
  }
  const span = `${t.years[0] ?? ''}–${t.years[t.years.length - 1] ?? ''}`;
  return [
    textTable(dimHeaders, dimRows, { align: dimAlign, title: `Doughnut over time, ${span} — dimensions` }),
    textTable(indHeaders, indRows, { align: dimAlign, title: 'Indicators (shortfall or overshoot by year)' }),
    textTable(sumHeaders, sumRows, { align: sumAlign, title: 'Summary by year' }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal doughnut`: a doughnut portrait of a place from its indicators — shortfall below
 * the social foundation, overshoot beyond the ecological ceiling, missing data reported as such.
 *
 * @example
 * ```sh
 * commonweal doughnut --indicators examples/doughnut/indicators.csv --format json
 * ```
 */
export const doughnutCommand: Command = {
  name: 'doughnut',
  summary: 'Assess a doughnut portrait of a place: social shortfall and ecological overshoot',
  usage:
    'commonweal doughnut --indicators <file.csv|file.json> [--dimensions SET] [--format table|json|md] [--out FILE]',
  options: {
    ...COLUMN_OPTIONS,
    indicators: {
      type: 'string',
      short: 'i',
      value: 'FILE',
      description:
        'Indicators: id,dimension,kind,value,target,baseline,unit,year,lens,source (empty value = no data)',
    },
    dimensions: {
      type: 'string',
      value: 'SET',
      choices: Object.keys(DIMENSION_SETS),
      description: `Dimension set: ${Object.keys(DIMENSION_SETS).join(', ')} (default: the file's own dimension names; city-portrait-lenses groups by each row's lens)`,
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal doughnut --indicators examples/doughnut/indicators.csv',
    'commonweal doughnut -i examples/doughnut/indicators.csv --dimensions fanning-raworth-2025 --format md',
    'commonweal doughnut -i examples/doughnut/indicators.csv --dimensions city-portrait-lenses --format json --out portrait.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const o = await computeDoughnut(io, values);
    const t = o.trend;
    return finish(io, values, {
      issues: o.issues,
      output: () =>
        format === 'json'
          ? documentText(o.document)
          : t
            ? doughnutTrendTable(o, t, format === 'md')
            : doughnutTable(o, format === 'md'),
      report: t
        ? {
            html: () => renderDoughnutTrendHtml(t, o.portrait),
            md: () => renderDoughnutTrendMarkdown(t, o.portrait),
          }
        : { html: () => renderDoughnutHtml(o.portrait), md: () => renderDoughnutMarkdown(o.portrait) },
      after: () => {
        if (o.counts.rejected > 0 && !quiet) {
          io.stderr(
            `${o.counts.rejected} of ${o.counts.read} indicators rejected and left out (see the issues above).\n`,
          );
        }
      },
    });
  },
};
