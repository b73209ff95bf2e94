import type { Issue } from '@commonweal/core/issues';
import type { Decimal } from '@commonweal/core/money';
import { decimalCell, enumCell, textCell, yearCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadTableOptions, type ResolvedColumn, readAll, type TableCounts } from '../table/read';
import { defineTable, type RowOf, type RowOutcome, type RowProblem } from '../table/table';

const text = textCell();
const decimal = decimalCell();

/**
 * How a boundary in a boundaries file is given: for the whole planet (`global`) or a nation
 * (`national`), shared by the `population` it is for, or already per person (`per-capita`).
 *
 * @example
 * ```ts
 * const s: BoundaryScale = 'per-capita';
 * ```
 */
export type BoundaryScale = 'global' | 'national' | 'per-capita';

/**
 * The columns of a boundaries file, to share out to a place per person:
 * `id,boundary,unit,scale,population,population_year,population_source,year,source`, with
 * optional `name`, `dimension`, `basis` (consumption or territorial accounting) and `footprint`
 * (the place's footprint per person, in the same unit, to compare). `unit` is the boundary's
 * unit as a total (`t CO2 per year`); a `per-capita` row gives that amount per person.
 * `population` (with its year and source) is needed for `global` and `national` rows.
 *
 * @example
 * ```ts
 * // id,boundary,unit,scale,population,population_year,population_source,year,source
 * // co2,0.95,t CO2 per year,per-capita,,,,2017,doughnut-v3 group data 2017
 * ```
 */
export const BOUNDARY_COLUMNS = {
  id: { header: 'id', aliases: ['indicator', 'indCode'], required: true, parse: text },
  name: { header: 'name', parse: text },
  dimension: { header: 'dimension', parse: text },
  boundary: { header: 'boundary', aliases: ['value'], required: true, parse: decimal },
  unit: { header: 'unit', aliases: ['units'], required: true, parse: text },
  scale: {
    header: 'scale',
    required: true,
    parse: enumCell(['global', 'national', 'per-capita'] as const, {
      aliases: { planetary: 'global', 'per capita': 'per-capita', 'per person': 'per-capita' },
    }),
  },
  population: { header: 'population', parse: decimal },
  populationYear: { header: 'population_year', aliases: ['population year'], parse: yearCell() },
  populationSource: { header: 'population_source', aliases: ['population source'], parse: text },
  year: { header: 'year', aliases: ['date'], parse: yearCell() },
  basis: { header: 'basis', parse: text },
  source: { header: 'source', required: true, parse: text },
  footprint: { header: 'footprint', aliases: ['footprint per capita'], parse: decimal },
} as const;

type BoundaryValues = RowOf<typeof BOUNDARY_COLUMNS>;

/**
 * One boundary read from a file, with the line it came from.
 *
 * @example
 * ```ts
 * const row: BoundaryRow = { id: 'co2', boundary: dec('0.95'), unit: 't CO2 per year', scale: 'per-capita',
 *   year: 2017, source: 'doughnut-v3', line: 2 };
 * ```
 */
export interface BoundaryRow {
  id: string;
  name?: string;
  dimension?: string;
  boundary: Decimal;
  unit: string;
  scale: BoundaryScale;
  /** Population the boundary is for (`global`, `national`). */
  population?: { value: Decimal; year?: number; source?: string };
  /** Year (vintage) of the boundary. */
  year?: number;
  basis?: string;
  source: string;
  /** The place's footprint per person, in the boundary's unit. */
  footprint?: Decimal;
  line: number;
}

function checkBoundary(v: BoundaryValues, line: number): RowOutcome<BoundaryRow> {
  const problems: RowProblem[] = [];
  if (v.boundary.isNegative())
    problems.push({
      code: 'boundary_negative',
      message: `boundary "${v.id}" is ${v.boundary.toString()}: a boundary to share out must not be negative`,
      key: 'boundary',
    });
  if (v.scale === 'per-capita' && v.population !== undefined)
    problems.push({
      code: 'population_not_used',
      message: `boundary "${v.id}" is per-capita, so it is not shared by a population: leave population empty, or write the total boundary with scale global or national`,
      key: 'population',
    });
  if (v.scale !== 'per-capita') {
    if (v.population === undefined)
      problems.push({
        code: 'population_required',
        message: `boundary "${v.id}" is ${v.scale}: give the population it is for (with population_year and population_source), or write it per person with scale per-capita`,
        key: 'population',
      });
    else if (!v.population.gt(0))
      problems.push({
        code: 'population_not_positive',
        message: `boundary "${v.id}": the population it is shared by must be greater than 0`,
        key: 'population',
      });
    else if (v.populationSource === undefined)
      problems.push({
        code: 'population_source_required',
        message: `boundary "${v.id}": say where its population comes from in population_source`,
        key: 'populationSource',
      });
  }
  if (v.footprint?.isNegative())
    problems.push({
      code: 'footprint_negative',
      message: `boundary "${v.id}": a footprint must not be negative`,
      key: 'footprint',
    });
  if (problems.length) return { ok: false, problems };
  const row: BoundaryRow = {
    id: v.id,
    boundary: v.boundary,
    unit: v.unit,
    scale: v.scale,
    source: v.source,
    line,
  };
  if (v.name !== undefined) row.name = v.name;
  if (v.dimension !== undefined) row.dimension = v.dimension;
  if (v.population !== undefined) {
    row.population = { value: v.population };
    if (v.populationYear !== undefined) row.population.year = v.populationYear;
    if (v.populationSource !== undefined) row.population.source = v.populationSource;
  }
  if (v.year !== undefined) row.year = v.year;
  if (v.basis !== undefined) row.basis = v.basis;
  if (v.footprint !== undefined) row.footprint = v.footprint;
  return { ok: true, value: row };
}

const boundariesTable = defineTable({
  name: 'boundaries',
  columns: BOUNDARY_COLUMNS,
  row: (v, ctx) => checkBoundary(v, ctx.line),
});

/**
 * What {@link readBoundariesCsv} gives: accepted boundaries in file order, every issue, counts
 * (`read = accepted + rejected`) and the matched columns.
 *
 * @example
 * ```ts
 * const r: BoundariesCsv = await readBoundariesCsv(text, { file: 'boundaries.csv' });
 * r.boundaries.map((b) => b.id);
 * ```
 */
export interface BoundariesCsv {
  /** No error issue. */
  ok: boolean;
  boundaries: BoundaryRow[];
  issues: Issue[];
  counts: TableCounts;
  columns: ResolvedColumn[];
}

/**
 * Reads a boundaries CSV (see {@link BOUNDARY_COLUMNS}). Bad cells and rows are located issues;
 * an id on more than one row rejects **every** row with it (`duplicate_boundary`), so the result
 * never depends on row order.
 *
 * @example
 * ```ts
 * const r = await readBoundariesCsv(
 *   'id,boundary,unit,scale,source\nco2,0.95,t CO2 per year,per-capita,doughnut-v3\n',
 *   { file: 'boundaries.csv' },
 * );
 * r.boundaries[0]?.boundary.toString(); // '0.95'
 * ```
 */
export async function readBoundariesCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<BoundariesCsv> {
  const r = await readAll(source, boundariesTable, options);
  const linesById = new Map<string, number[]>();
  for (const b of r.rows) linesById.set(b.id, [...(linesById.get(b.id) ?? []), b.line]);
  const idCol = r.columns.find((c) => c.key === 'id');
  const dupIssues: Issue[] = [];
  const boundaries: BoundaryRow[] = [];
  for (const b of r.rows) {
    const lines = linesById.get(b.id) ?? [];
    if (lines.length < 2) {
      boundaries.push(b);
      continue;
    }
    const others = lines.filter((l) => l !== b.line).join(', ');
    const i: Issue = {
      code: 'duplicate_boundary',
      message: `boundary "${b.id}" is also on line${lines.length > 2 ? 's' : ''} ${others}: give each boundary one row (a new id for another vintage); every row of "${b.id}" was left out`,
      line: b.line,
      field: idCol?.header ?? 'id',
    };
    if (idCol) i.column = idCol.column;
    if (options.file !== undefined) i.file = options.file;
    dupIssues.push(i);
  }
  const issues = [...r.issues, ...dupIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const rejected = r.counts.rejected + dupIssues.length;
  return {
    ok: r.ok && dupIssues.length === 0,
    boundaries,
    issues,
    counts: { ...r.counts, accepted: r.counts.read - rejected, rejected },
    columns: r.columns,
  };
}
