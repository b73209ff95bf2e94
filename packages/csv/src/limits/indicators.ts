import type { Issue } from '@commonweal/core/issues';
import { type IndicatorInput, type Lens, LensSchema, lensKind } from '@commonweal/core/limits';
import type { Decimal } from '@commonweal/core/money';
import { type CellParser, decimalCell, enumCell, textCell, yearCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import {
  type ReadTableOptions,
  type ResolvedColumn,
  readAll,
  readTable,
  type TableCounts,
  type TableReader,
} from '../table/read';
import { defineTable, type RowOf, type RowOutcome, type RowProblem, type Table } from '../table/table';

const text = textCell();
const decimal = decimalCell();

/** Cells that mean "no data" in published indicator files (the doughnut-v3 CSVs write `NA`). */
const MISSING = new Set(['na', 'n/a', '..']);

/**
 * An indicator value cell: a decimal, or `NA`, `N/A` or `..` for no data (`null`, reported as
 * missing, never zero). An empty cell also means no data (the reader leaves the key out).
 *
 * @example
 * ```ts
 * indicatorValueCell('13.2', ctx); // { ok: true, value: Dec('13.2') }
 * indicatorValueCell('NA', ctx);   // { ok: true, value: null }
 * ```
 */
export const indicatorValueCell: CellParser<Decimal | null> = (cell, ctx) => {
  if (MISSING.has(cell.trim().toLowerCase())) return { ok: true, value: null };
  return decimal(cell, ctx);
};

/**
 * The columns of a place-indicators file (one row per indicator of a doughnut portrait):
 * `id,dimension,kind,value,target,baseline,unit,year,lens,source`. `value` must be a column
 * but its cells may be empty (no data); `baseline` (default 0) and `lens` are optional, as are
 * `name` and `notes`. For a "% deprived" indicator write `baseline` 100 and `target` 0; for a
 * "lower is worse" boundary write the reference (e.g. pre-human forest cover) as `baseline`.
 *
 * @example
 * ```ts
 * // id,dimension,kind,value,target,baseline,unit,year,lens,source
 * // fuel_poverty,energy,social,13.2,0,100,% of households,2023,local-social,council survey
 * ```
 */
export const INDICATOR_COLUMNS = {
  id: { header: 'id', aliases: ['indicator id', 'indicator code', 'indCode'], required: true, parse: text },
  dimension: { header: 'dimension', required: true, parse: text },
  kind: {
    header: 'kind',
    aliases: ['domain'],
    required: true,
    parse: enumCell(['social', 'ecological'] as const, {
      aliases: { foundation: 'social', ceiling: 'ecological', environmental: 'ecological' },
    }),
  },
  value: { header: 'value', required: true, allowEmpty: true, parse: indicatorValueCell },
  target: { header: 'target', aliases: ['threshold', 'boundary'], required: true, parse: decimal },
  baseline: { header: 'baseline', aliases: ['reference'], parse: decimal },
  unit: { header: 'unit', aliases: ['units'], required: true, parse: text },
  year: { header: 'year', aliases: ['date'], required: true, parse: yearCell() },
  lens: { header: 'lens', parse: enumCell(LensSchema.options) },
  source: { header: 'source', required: true, parse: text },
  name: { header: 'name', aliases: ['indicator', 'indicator name'], parse: text },
  notes: { header: 'notes', parse: text },
} as const;

type IndicatorValues = RowOf<typeof INDICATOR_COLUMNS>;

/**
 * One indicator read from a file: a core `IndicatorInput` (ready for `assessDoughnut`) with the
 * line it was read from.
 *
 * @example
 * ```ts
 * const row: IndicatorRow = { id: 'no2', dimension: 'air-pollution', kind: 'ecological', unit: 'µg/m³',
 *   value: dec('18'), target: dec('40'), year: 2023, source: 'constructed example', line: 7 };
 * ```
 */
export type IndicatorRow = IndicatorInput & { line: number };

function toIndicator(v: IndicatorValues, line: number): IndicatorRow {
  const row: IndicatorRow = {
    id: v.id,
    dimension: v.dimension,
    kind: v.kind,
    unit: v.unit,
    value: v.value ?? null,
    target: v.target,
    year: v.year,
    source: v.source,
    line,
  };
  if (v.baseline !== undefined) row.baseline = v.baseline;
  if (v.lens !== undefined) row.lens = v.lens as Lens;
  if (v.name !== undefined) row.name = v.name;
  if (v.notes !== undefined) row.notes = v.notes;
  return row;
}

/** Cross-field checks the assessment would otherwise make without a line number. */
function checkIndicator(v: IndicatorValues, line: number): RowOutcome<IndicatorRow> {
  const problems: RowProblem[] = [];
  const baseline = v.baseline;
  if (baseline === undefined ? v.target.isZero() : v.target.eq(baseline)) {
    problems.push({
      code: 'target_equals_baseline',
      message: `indicator "${v.id}": target ${v.target.toString()} equals the baseline ${(baseline ?? v.target).toString()}${baseline === undefined ? ' (an empty baseline means 0)' : ''}, so the ratio is undefined: give a target that differs from the baseline (for "% deprived" write baseline 100, target 0)`,
      key: 'target',
    });
  }
  if (v.lens !== undefined && lensKind(v.lens as Lens) !== v.kind) {
    problems.push({
      code: 'lens_kind_mismatch',
      message: `indicator "${v.id}" is ${v.kind} but its lens is ${v.lens}: use a ${v.kind} lens (local-${v.kind} or global-${v.kind}) or fix the kind`,
      key: 'lens',
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: toIndicator(v, line) };
}

/**
 * The place-indicators table: rows are {@link IndicatorRow}s. An empty `value` (or `NA`) is
 * no data, never zero; a target equal to the baseline and a lens of the other kind are row
 * issues. Repeated ids and dimension checks are left to core's `assessDoughnut`, which rejects
 * every instance (so the outcome does not depend on row order).
 *
 * @example
 * ```ts
 * const { rows } = await readAll('id,dimension,kind,value,target,baseline,unit,year,lens,source\n' +
 *   'no2,air-pollution,ecological,18,40,,µg/m³,2023,local-ecological,constructed\n', indicatorsTable);
 * rows[0].value?.toString(); // '18'
 * ```
 */
export const indicatorsTable: Table<typeof INDICATOR_COLUMNS, IndicatorRow> = defineTable({
  name: 'indicators',
  columns: INDICATOR_COLUMNS,
  row: (v, ctx) => checkIndicator(v, ctx.line),
});

/**
 * Streams the indicators of a CSV source row by row: `{ ok: true, line, value }` or
 * `{ ok: false, line, issues }`; `summary()` gives counts (`read = accepted + rejected`).
 *
 * @example
 * ```ts
 * const reader = readIndicators(text, { file: 'indicators.csv' });
 * for await (const row of reader) if (row.ok) list.push(row.value);
 * reader.summary().counts;
 * ```
 */
export function readIndicators(
  source: CsvSource,
  options: ReadTableOptions = {},
): TableReader<typeof INDICATOR_COLUMNS, IndicatorRow> {
  return readTable(source, indicatorsTable, options);
}

/**
 * What {@link readIndicatorsCsv} gives: the accepted indicators (with lines), every issue,
 * counts and the columns matched in the header (to locate later issues by column).
 *
 * @example
 * ```ts
 * const r: IndicatorsCsv = await readIndicatorsCsv(text);
 * r.counts.read === r.counts.accepted + r.counts.rejected; // true
 * ```
 */
export interface IndicatorsCsv {
  /** No error issue. */
  ok: boolean;
  indicators: IndicatorRow[];
  issues: Issue[];
  counts: TableCounts;
  columns: ResolvedColumn[];
}

/**
 * Reads a whole place-indicators CSV (see {@link INDICATOR_COLUMNS}). Bad rows come back as
 * located issues (line, column, field), never dropped silently.
 *
 * @example
 * ```ts
 * const r = await readIndicatorsCsv(await readFile('indicators.csv', 'utf8'), { file: 'indicators.csv' });
 * const portrait = assessDoughnut(r.indicators);
 * ```
 */
export async function readIndicatorsCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<IndicatorsCsv> {
  const r = await readAll(source, indicatorsTable, options);
  return { ok: r.ok, indicators: r.rows, issues: r.issues, counts: r.counts, columns: r.columns };
}

/**
 * Puts file positions on issues that point into a list of rows read from a file by index —
 * `path: [index, field, …]`, as core's `assessDoughnut` and `valueCarbon` write them — using
 * each row's `line` and the header's columns. Issues already located, or whose index is not a
 * row, are returned unchanged.
 *
 * @example
 * ```ts
 * const read = await readIndicatorsCsv(text, { file: 'indicators.csv' });
 * const r = assessDoughnut(read.indicators);
 * if (r.ok) locateRowIssues(r.value.issues, read.indicators, read.columns, 'indicators.csv');
 * // [{ code: 'duplicate_indicator', line: 7, column: 1, field: 'id', file: 'indicators.csv', … }]
 * ```
 */
export function locateRowIssues(
  issues: readonly Issue[],
  rows: readonly { line: number }[],
  columns: readonly ResolvedColumn[],
  file?: string,
): Issue[] {
  return issues.map((i) => {
    if (i.line !== undefined || !i.path || typeof i.path[0] !== 'number') return i;
    const row = rows[i.path[0]];
    if (!row) return i;
    const out: Issue = { ...i, line: row.line };
    const key = typeof i.path[1] === 'string' ? i.path[1] : i.field;
    const col = key === undefined ? undefined : columns.find((c) => c.key === key);
    if (col) {
      out.column = col.column;
      out.field = col.header;
    }
    if (file !== undefined && out.file === undefined) out.file = file;
    return out;
  });
}
