import type { Issue } from '@commonweal/core/issues';
import type { Decimal } from '@commonweal/core/money';
import { decimalCell, yearCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadTableOptions, type ResolvedColumn, readAll, type TableCounts } from '../table/read';
import { defineTable } from '../table/table';

/**
 * The columns of an emissions file: `year,tco2e` — tonnes CO2e emitted in each year (negative
 * = avoided), one row per year. Both must be filled.
 *
 * @example
 * ```ts
 * // year,tco2e
 * // 2025,120.5
 * // 2026,-30
 * ```
 */
export const EMISSION_COLUMNS = {
  year: { header: 'year', required: true, parse: yearCell() },
  tco2e: {
    header: 'tco2e',
    aliases: ['tonnes co2e', 't co2e', 'emissions tco2e', 'emissions'],
    required: true,
    parse: decimalCell({ example: '120.5' }),
  },
} as const;

/**
 * One year of emissions read from a file, with the line it came from — the shape of core's
 * `valueCarbon` `emissions` items.
 *
 * @example
 * ```ts
 * const row: EmissionRow = { year: 2026, tco2e: dec('-30'), line: 3 };
 * ```
 */
export interface EmissionRow {
  year: number;
  /** Tonnes CO2e; negative = avoided. */
  tco2e: Decimal;
  line: number;
}

const emissionsTable = defineTable({
  name: 'emissions',
  columns: EMISSION_COLUMNS,
  row: (v, ctx) => ({ ok: true, value: { year: v.year, tco2e: v.tco2e, line: ctx.line } as EmissionRow }),
});

/**
 * What {@link readEmissionsCsv} gives: accepted years (in file order, each year once), every
 * issue, counts (`read = accepted + rejected`) and the matched columns.
 *
 * @example
 * ```ts
 * const r: EmissionsCsv = await readEmissionsCsv('year,tco2e\n2025,100\n');
 * r.emissions[0]?.year; // 2025
 * ```
 */
export interface EmissionsCsv {
  /** No error issue. */
  ok: boolean;
  emissions: EmissionRow[];
  issues: Issue[];
  counts: TableCounts;
  columns: ResolvedColumn[];
}

/**
 * Reads an emissions CSV (`year,tco2e`). Bad cells are located issues; a year written on more
 * than one row rejects **every** row of that year (`duplicate_year`), so the result never
 * depends on which row comes first — add the tonnes together into one row.
 *
 * @example
 * ```ts
 * const r = await readEmissionsCsv('year,tco2e\n2025,100\n2026,-20\n2026,5\n', { file: 'e.csv' });
 * r.emissions.length; // 1 (2025)
 * r.issues.map((i) => [i.line, i.code]); // [[3, 'duplicate_year'], [4, 'duplicate_year']]
 * r.counts; // { read: 3, accepted: 1, rejected: 2, blank: 0 }
 * ```
 */
export async function readEmissionsCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<EmissionsCsv> {
  const r = await readAll(source, emissionsTable, options);
  const linesByYear = new Map<number, number[]>();
  for (const e of r.rows) linesByYear.set(e.year, [...(linesByYear.get(e.year) ?? []), e.line]);
  const yearCol = r.columns.find((c) => c.key === 'year');
  const dupIssues: Issue[] = [];
  const emissions: EmissionRow[] = [];
  for (const e of r.rows) {
    const lines = linesByYear.get(e.year) ?? [];
    if (lines.length < 2) {
      emissions.push(e);
      continue;
    }
    const others = lines.filter((l) => l !== e.line).join(', ');
    const i: Issue = {
      code: 'duplicate_year',
      message: `year ${e.year} is also on line${lines.length > 2 ? 's' : ''} ${others}: write one row per year (add the tonnes together); every row of ${e.year} was left out`,
      line: e.line,
      field: yearCol?.header ?? 'year',
    };
    if (yearCol) i.column = yearCol.column;
    if (options.file !== undefined) i.file = options.file;
    dupIssues.push(i);
  }
  // File-level issues (no line, or the header's) first, then rows in line order; sort is stable.
  const issues = [...r.issues, ...dupIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const rejected = r.counts.rejected + dupIssues.length;
  return {
    ok: r.ok && dupIssues.length === 0,
    emissions,
    issues,
    counts: { ...r.counts, accepted: r.counts.read - rejected, rejected },
    columns: r.columns,
  };
}
