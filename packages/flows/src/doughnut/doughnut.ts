import type { Issue } from '@commonweal/core/issues';
import {
  assessDoughnut,
  cityPortraitLenses,
  compareYears,
  type DimensionSet,
  type DoughnutJson,
  type DoughnutPortrait,
  type DoughnutTrendJson,
  fanningRaworth2025,
  type IndicatorInput,
  LensSchema,
  raworth2017,
  toDoughnutJson,
  toDoughnutTrendJson,
  type YearComparison,
} from '@commonweal/core/limits';
import { locateRowIssues, readIndicatorsCsv } from '@commonweal/csv';
import { hashInputs, isPlainObject, locateJsonPaths, safeParseJson } from '@commonweal/json';
import {
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  requireRows,
  runFlow,
  textOf,
} from '../inputs/inputs';

/**
 * The dimension sets a doughnut flow takes by name (`--dimensions` on the command line).
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
 * The inputs of {@link doughnutFlow}: the indicators (CSV, or JSON: a list or `{ indicators }`,
 * told by `format` or else by the name), and optionally a dimension set by name.
 *
 * @example
 * ```ts
 * const input: DoughnutFlowInput = { indicators: { name: 'indicators.csv', text }, dimensions: 'fanning-raworth-2025' };
 * ```
 */
export interface DoughnutFlowInput {
  indicators: FlowText;
  /** `csv` or `json` (default: `json` when the name ends in `.json`, else `csv`). */
  format?: 'csv' | 'json' | undefined;
  /** A key of {@link DIMENSION_SETS}; without it, the file's own dimension names. */
  dimensions?: string | undefined;
  /** Which header each column reads (the command line's `--columns indicators.KEY=…`). */
  columns?: FlowColumns | undefined;
}

/**
 * `commonweal doughnut --format json` for one value per indicator: the portrait's JSON and the
 * inputs hash.
 *
 * @example
 * ```ts
 * const doc: DoughnutDocument = { ...toDoughnutJson(portrait), inputs: { sha256 } };
 * ```
 */
export type DoughnutDocument = DoughnutJson & { inputs: { sha256: string } };

/**
 * `commonweal doughnut --format json` when indicators have values for several years: the
 * comparison's JSON and the inputs hash.
 *
 * @example
 * ```ts
 * const doc: DoughnutTrendDocument = { ...toDoughnutTrendJson(comparison), inputs: { sha256 } };
 * ```
 */
export type DoughnutTrendDocument = DoughnutTrendJson & { inputs: { sha256: string } };

/**
 * A doughnut made by {@link doughnutFlow}. With one value per indicator, `trend` is `null` and
 * `portrait` is the portrait. When an indicator has values for more than one year, `trend` is
 * the comparison over years and `portrait` the latest year of each compared indicator.
 *
 * @example
 * ```ts
 * const r = await doughnutFlow({ indicators: { name: 'indicators.csv', text } });
 * if (r.ok && r.trend) r.trend.dimensions.map((d) => `${d.name}: ${d.direction}`);
 * ```
 */
export interface DoughnutFlowResult {
  ok: true;
  portrait: DoughnutPortrait;
  trend: YearComparison | null;
  /** The `--format json` document (portrait or trend). */
  document: DoughnutDocument | DoughnutTrendDocument;
  /** Every issue: the file's, then the assessment's, located by line. */
  issues: Issue[];
  /** Indicator rows: read = accepted + rejected. */
  counts: FlowCounts;
  sha256: string;
  file: string;
  /** The dimension set's name, if given. */
  dimensions?: string;
}

const LENS_IDS = new Set<string>(LensSchema.options);

interface Loaded {
  rows: unknown[];
  lines: number[];
  issues: Issue[];
  read: number;
  rejected: number;
  columns: Parameters<typeof locateRowIssues>[2];
  text: string;
}

async function loadIndicators(input: DoughnutFlowInput): Promise<Loaded> {
  const file = input.indicators.name;
  const text = textOf(input.indicators);
  const format = input.format ?? (/\.json$/i.test(file) ? 'json' : 'csv');
  if (format === 'csv') {
    const r = await readIndicatorsCsv(text, { file, ...input.columns });
    requireRows(r, `${file} cannot be read as an indicators table`);
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
  if (!parsed.ok) throw new FlowFatal(`${file} is not valid JSON`, parsed.issues);
  const data = parsed.value;
  const items = Array.isArray(data)
    ? data
    : isPlainObject(data) && Array.isArray(data.indicators)
      ? data.indicators
      : undefined;
  if (!items) {
    throw new FlowFatal(`${file} cannot be read as indicators`, [
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

/** With city-portrait-lenses the four lenses are the dimensions: each indicator goes under its lens. */
function byLens(loaded: Loaded): { rows: unknown[]; lines: number[]; issues: Issue[] } {
  const rows: unknown[] = [];
  const lines: number[] = [];
  const issues: Issue[] = [];
  loaded.rows.forEach((row, i) => {
    const r = row as Partial<IndicatorInput>;
    if (isPlainObject(row) && typeof r.lens === 'string') {
      rows.push({ ...r, dimension: r.lens });
      lines.push(loaded.lines[i] as number);
    } else if (isPlainObject(row) && typeof r.dimension === 'string' && LENS_IDS.has(r.dimension)) {
      rows.push(row);
      lines.push(loaded.lines[i] as number);
    } else {
      issues.push({
        code: 'lens_required',
        message: `indicator ${isPlainObject(row) && typeof r.id === 'string' ? `"${r.id}" ` : ''}has no lens: with --dimensions city-portrait-lenses every indicator needs a lens (local-social, local-ecological, global-social or global-ecological)`,
        path: [i, 'lens'],
        field: 'lens',
      });
    }
  });
  return { rows, lines, issues };
}

/** True when some indicator id has rows for more than one year: a doughnut over time. */
function severalYears(rows: readonly unknown[]): boolean {
  const years = new Map<unknown, unknown>();
  for (const row of rows) {
    if (!isPlainObject(row)) continue;
    const seen = years.get(row.id);
    if (seen === undefined) years.set(row.id, row.year);
    else if (seen !== row.year) return true;
  }
  return false;
}

/** Each compared indicator's latest year: the portrait the report draws beside the trend. */
function latestRows(rows: readonly unknown[], compared: ReadonlySet<string>): unknown[] {
  const latest = new Map<string, { year: number; row: unknown }>();
  for (const row of rows) {
    if (!isPlainObject(row) || typeof row.id !== 'string' || !compared.has(row.id)) continue;
    const year = typeof row.year === 'number' ? row.year : Number.NEGATIVE_INFINITY;
    const seen = latest.get(row.id);
    if (!seen || year > seen.year) latest.set(row.id, { year, row });
  }
  return [...latest.values()].map((x) => x.row);
}

/**
 * Assesses a place's doughnut from the text of its indicators file, as `commonweal doughnut`
 * does: reads CSV or JSON, groups by the chosen dimension set (for `city-portrait-lenses`, by
 * each row's lens), runs core's `assessDoughnut` — or, when an indicator has values for several
 * years, core's `compareYears` — locates every issue on the file's lines and hashes the inputs.
 * No file system and no `node:` module. Never throws for bad input.
 *
 * @example
 * ```ts
 * const r = await doughnutFlow({ indicators: { name: 'indicators.csv', text } });
 * if (r.ok) r.portrait.summary.ecologicalTransgressed; // 3 on examples/doughnut/indicators.csv
 * else r.headline; // 'indicators.csv cannot be read as an indicators table'
 * ```
 */
export function doughnutFlow(input: DoughnutFlowInput): Promise<DoughnutFlowResult | FlowFailure> {
  return runFlow(() => doughnutOrThrow(input));
}

async function doughnutOrThrow(input: DoughnutFlowInput): Promise<DoughnutFlowResult> {
  const file = input.indicators.name;
  const setName = input.dimensions;
  let set: DimensionSet | undefined;
  if (setName !== undefined) {
    set = Object.hasOwn(DIMENSION_SETS, setName) ? DIMENSION_SETS[setName] : undefined;
    if (!set) {
      throw new FlowFatal(`there is no dimension set ${setName}`, [
        {
          code: 'unknown_dimension_set',
          message: `the dimension set must be one of ${Object.keys(DIMENSION_SETS).join(', ')} (got '${setName}')`,
        },
      ]);
    }
  }
  const loaded = await loadIndicators(input);
  const lensed =
    set === cityPortraitLenses ? byLens(loaded) : { rows: loaded.rows, lines: loaded.lines, issues: [] };
  const at = lensed.lines.map((line) => ({ line }));
  const locate = (issues: readonly Issue[]) => locateRowIssues(issues, at, loaded.columns, file);
  const lensIssues = locateRowIssues(
    lensed.issues,
    loaded.lines.map((line) => ({ line })),
    loaded.columns,
    file,
  );
  const options = set ? { dimensions: set } : {};
  const sha256 = hashInputs(loaded.text, { dimensions: setName ?? null });
  const byLine = (a: Issue, b: Issue) => (a.line ?? 0) - (b.line ?? 0);
  const dimensionSet = set
    ? { setId: set.setId, title: set.title, ...(set.version !== undefined ? { version: set.version } : {}) }
    : undefined;

  if (!severalYears(lensed.rows)) {
    const r = assessDoughnut(lensed.rows as IndicatorInput[], options);
    if (!r.ok) throw new FlowFatal(`${file} cannot be assessed`, r.issues);
    const issues = [...loaded.issues, ...[...lensIssues, ...locate(r.value.issues)].sort(byLine)];
    const rejected = loaded.rejected + lensIssues.length + r.value.counts.rejected;
    const counts = { read: loaded.read, accepted: loaded.read - rejected, rejected };
    const portrait: DoughnutPortrait = { ...r.value, issues, counts };
    const out: DoughnutFlowResult = {
      ok: true,
      portrait,
      trend: null,
      document: { ...toDoughnutJson(portrait), inputs: { sha256 } },
      issues,
      counts,
      sha256,
      file,
    };
    if (setName !== undefined) out.dimensions = setName;
    return out;
  }

  const c = compareYears(lensed.rows as IndicatorInput[], options);
  if (!c.ok) throw new FlowFatal(`${file} cannot be compared over years`, c.issues);
  const issues = [...loaded.issues, ...[...lensIssues, ...locate(c.value.issues)].sort(byLine)];
  const rejected = loaded.rejected + lensIssues.length + c.value.counts.rejected;
  const counts = { read: loaded.read, accepted: loaded.read - rejected, rejected };
  const trend: YearComparison = { ...c.value, issues, counts };
  const compared = new Set(c.value.indicators.map((i) => i.id));
  const latest = assessDoughnut(latestRows(lensed.rows, compared) as IndicatorInput[], options);
  if (!latest.ok) throw new FlowFatal(`${file} cannot be assessed`, latest.issues);
  const portrait: DoughnutPortrait = { ...latest.value, issues, counts };
  const out: DoughnutFlowResult = {
    ok: true,
    portrait,
    trend,
    document: { ...toDoughnutTrendJson(trend, { dimensionSet, counts, issues }), inputs: { sha256 } },
    issues,
    counts,
    sha256,
    file,
  };
  if (setName !== undefined) out.dimensions = setName;
  return out;
}
