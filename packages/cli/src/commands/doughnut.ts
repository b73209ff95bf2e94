import type { Issue } from '@commonweal/core/issues';
import {
  assessDoughnut,
  cityPortraitLenses,
  type DimensionSet,
  type DimensionStatus,
  type DoughnutJson,
  type DoughnutPortrait,
  fanningRaworth2025,
  type IndicatorAssessment,
  type IndicatorInput,
  LensSchema,
  raworth2017,
  toDoughnutJson,
} from '@commonweal/core/limits';
import { Dec, type Decimal, type RoundingPolicy, round } from '@commonweal/core/money';
import { INDICATOR_COLUMNS, locateRowIssues, readIndicatorsCsv } from '@commonweal/csv';
import {
  canonicalStringify,
  hashInputs,
  isPlainObject,
  locateJsonPaths,
  safeParseJson,
} from '@commonweal/json';
import { renderDoughnutHtml, renderDoughnutMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues } from '../util/load';
import { chooseFormat, emit, FORMAT_OPTION, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';

/**
 * The dimension sets `--dimensions` takes, by name.
 *
 * @example
 * ```ts
 * DIMENSION_SETS['fanning-raworth-2025']?.dimensions.length; // 21
 * ```
 */
export const DIMENSION_SETS: Readonly<Record<string, DimensionSet>> = {
  'raworth-2017': raworth2017,
  'fanning-raworth-2025': fanningRaworth2025,
  'city-portrait-lenses': cityPortraitLenses,
};

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
 * What `commonweal doughnut` computed, ready for any output format.
 *
 * @example
 * ```ts
 * const o: DoughnutOutcome = await computeDoughnut(io, { indicators: 'indicators.csv' });
 * ```
 */
export interface DoughnutOutcome {
  portrait: DoughnutPortrait;
  /** Every issue: the file's, then the assessment's (located by line). */
  issues: Issue[];
  counts: { read: number; accepted: number; rejected: number };
  sha256: string;
  file: string;
  /** The `--dimensions` name, if given. */
  dimensions?: string;
}

const LENS_IDS = new Set<string>(LensSchema.options);

/** Rows read from the file, with the line each starts on. */
interface Loaded {
  rows: unknown[];
  lines: number[];
  issues: Issue[];
  read: number;
  rejected: number;
  columns: Parameters<typeof locateRowIssues>[2];
  text: string;
}

async function loadIndicators(
  io: CliIO,
  file: string,
  columns: ReturnType<typeof headersFor>,
): Promise<Loaded> {
  const ext = extension(file, io);
  if (ext !== 'csv' && ext !== 'json') throw new UsageError(`${file}: expected a .csv or .json file`);
  const text = readText(io, file);
  if (ext === 'csv') {
    const r = await readIndicatorsCsv(text, { file, ...columns });
    if (r.counts.read === 0 && r.issues.some((i) => i.severity !== 'warning')) {
      throw new FatalIssues(`${file} cannot be read as an indicators table`, r.issues);
    }
    return {
      rows: r.indicators,
      lines: r.indicators.map((i) => i.line),
      issues: r.issues,
      read: r.counts.read,
      rejected: r.counts.rejected,
      columns: r.columns,
      text,
    };
  }
  const parsed = safeParseJson(text, { file });
  if (!parsed.ok) throw new FatalIssues(`${file} is not valid JSON`, parsed.issues);
  const data = parsed.value;
  const items = Array.isArray(data)
    ? data
    : isPlainObject(data) && Array.isArray(data.indicators)
      ? data.indicators
      : undefined;
  if (!items) {
    throw new FatalIssues(`${file} cannot be read as indicators`, [
      {
        code: 'not_a_list',
        message:
          'the file must hold a list of indicators, or an object with an "indicators" list (see commonweal schema doughnut-indicators)',
        file,
      },
    ]);
  }
  const prefix = Array.isArray(data) ? [] : ['indicators'];
  const at = locateJsonPaths(
    text,
    items.map((_, i) => [...prefix, i]),
  );
  const lines = items.map((_, i) => at.get(JSON.stringify([...prefix, i]))?.line ?? 1);
  return { rows: items, lines, issues: [], read: items.length, rejected: 0, columns: [], text };
}

/**
 * Assesses a place's indicators as `commonweal doughnut` does: reads the file (CSV or JSON),
 * groups by the chosen dimension set (for `city-portrait-lenses`, by each row's `lens`), runs
 * core's `assessDoughnut`, and locates its issues on the file's lines.
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
  let set: DimensionSet | undefined;
  if (setName !== undefined) {
    set = typeof setName === 'string' ? DIMENSION_SETS[setName] : undefined;
    if (!set) {
      throw new UsageError(
        `--dimensions must be one of ${Object.keys(DIMENSION_SETS).join(', ')} (got '${String(setName)}'); leave it out to use the file's own dimension names`,
      );
    }
  }
  const cols = columnsOption(io, values, [{ name: 'indicators', fields: fieldsOf(INDICATOR_COLUMNS) }]);
  const loaded = await loadIndicators(io, file, headersFor(cols, 'indicators'));
  const lensIssues: Issue[] = [];
  let rows = loaded.rows;
  let lines = loaded.lines;
  if (set === cityPortraitLenses) {
    // The four lenses are the dimensions: each indicator goes under its lens.
    const keep: number[] = [];
    rows = [];
    loaded.rows.forEach((row, i) => {
      const r = row as Partial<IndicatorInput>;
      if (isPlainObject(row) && typeof r.lens === 'string') {
        rows.push({ ...r, dimension: r.lens });
        keep.push(i);
      } else if (isPlainObject(row) && typeof r.dimension === 'string' && LENS_IDS.has(r.dimension)) {
        rows.push(row);
        keep.push(i);
      } else {
        lensIssues.push({
          code: 'lens_required',
          message: `indicator ${isPlainObject(row) && typeof r.id === 'string' ? `"${r.id}" ` : ''}has no lens: with --dimensions city-portrait-lenses every indicator needs a lens (local-social, local-ecological, global-social or global-ecological)`,
          path: [i, 'lens'],
          field: 'lens',
        });
      }
    });
    lines = keep.map((i) => loaded.lines[i] as number);
  }
  const r = assessDoughnut(rows as IndicatorInput[], set ? { dimensions: set } : {});
  if (!r.ok) throw new FatalIssues(`${file} cannot be assessed`, r.issues);
  const at = lines.map((line) => ({ line }));
  const located = [
    ...locateRowIssues(
      lensIssues,
      loaded.lines.map((line) => ({ line })),
      loaded.columns,
      file,
    ),
    ...locateRowIssues(r.value.issues, at, loaded.columns, file),
  ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const issues = [...loaded.issues, ...located];
  const portrait: DoughnutPortrait = { ...r.value, issues };
  const rejected = loaded.rejected + lensIssues.length + r.value.counts.rejected;
  const counts = { read: loaded.read, accepted: loaded.read - rejected, rejected };
  portrait.counts = counts;
  const out: DoughnutOutcome = {
    portrait,
    issues,
    counts,
    sha256: hashInputs(loaded.text, { dimensions: typeof setName === 'string' ? setName : null }),
    file,
  };
  if (typeof setName === 'string') out.dimensions = setName;
  return out;
}

/**
 * The JSON contract of `commonweal doughnut`: core's `toDoughnutJson` plus `inputs.sha256`
 * (valid against `commonweal schema doughnut-output`).
 *
 * @example
 * ```ts
 * const json = doughnutJson(await computeDoughnut(io, { indicators: 'indicators.csv' }));
 * ```
 */
export function doughnutJson(o: DoughnutOutcome): DoughnutJson & { inputs: { sha256: string } } {
  return { ...toDoughnutJson(o.portrait), inputs: { sha256: o.sha256 } };
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
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout',
    },
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
    const outcome = await computeDoughnut(io, values);
    printIssues(io, outcome.issues, quiet);
    const text =
      format === 'json'
        ? canonicalStringify(doughnutJson(outcome), { indent: 2, finalNewline: true })
        : doughnutTable(outcome, format === 'md');
    emit(io, text, values.out, quiet);
    writeReport(
      io,
      values.report,
      {
        html: () => renderDoughnutHtml(outcome.portrait),
        md: () => renderDoughnutMarkdown(outcome.portrait),
      },
      quiet,
    );
    if (outcome.counts.rejected > 0 && !quiet) {
      io.stderr(
        `${outcome.counts.rejected} of ${outcome.counts.read} indicators rejected and left out (see the issues above).\n`,
      );
    }
    return outcome.issues.some((i) => i.severity !== 'warning') ? 1 : 0;
  },
};
