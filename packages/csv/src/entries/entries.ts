import type { Framework } from '@commonweal/core/framework';
import type { Issue } from '@commonweal/core/issues';
import type { Entry } from '@commonweal/core/valuation';
import {
  booleanCell,
  decimalCell,
  fractionCell,
  integerCell,
  normalizeName,
  showCell,
  textCell,
  yearCell,
} from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadTableOptions, readAll, readTable, type TableCounts, type TableReader } from '../table/read';
import { defineTable, type RowContext, type RowOf, type RowOutcome, type Table } from '../table/table';

const text = textCell();
const fraction = fractionCell();

/**
 * The columns of an entries file (commitments or delivered outcomes, one row per measure and
 * year). `measure`, `quantity` and `year` must be there; the adjustments (fractions: `20%` or
 * `0.2`), `duration` (whole years, 1–200), `local` (yes/no) and the text columns are optional —
 * an empty cell leaves the measure's default in force.
 *
 * @example
 * ```ts
 * // measure,quantity,year,duration,deadweight,attribution,displacement,drop_off,local
 * // NT1,12.5,2025,2,20%,0.1,,10%,yes
 * ```
 */
export const ENTRY_COLUMNS = {
  measure: { header: 'measure', aliases: ['measure code', 'measure id'], required: true, parse: text },
  quantity: { header: 'quantity', aliases: ['qty'], required: true, parse: decimalCell() },
  year: { header: 'year', required: true, parse: yearCell() },
  duration: {
    header: 'duration',
    aliases: ['duration years'],
    parse: integerCell({ min: 1, max: 200, unit: 'years' }),
  },
  deadweight: { header: 'deadweight', parse: fraction },
  attribution: { header: 'attribution', parse: fraction },
  displacement: { header: 'displacement', parse: fraction },
  dropOff: { header: 'drop_off', parse: fraction },
  local: { header: 'local', parse: booleanCell() },
  supplier: { header: 'supplier', parse: text },
  contract: { header: 'contract', parse: text },
  bid: { header: 'bid', parse: text },
  period: { header: 'period', parse: text },
  evidence: { header: 'evidence', parse: text },
  notes: { header: 'notes', parse: text },
} as const;

/** The typed cells of an entries row, before they become a core `Entry`. */
export type EntryValues = RowOf<typeof ENTRY_COLUMNS>;

function toEntry(v: EntryValues, line: number): Entry {
  // written out (not a loop over keys): this runs once per row of big files
  const e: Entry = { measure: v.measure, quantity: v.quantity, year: v.year, line };
  if (v.duration !== undefined) e.duration = v.duration;
  if (v.deadweight !== undefined) e.deadweight = v.deadweight;
  if (v.attribution !== undefined) e.attribution = v.attribution;
  if (v.displacement !== undefined) e.displacement = v.displacement;
  if (v.dropOff !== undefined) e.dropOff = v.dropOff;
  if (v.local !== undefined) e.local = v.local;
  if (v.supplier !== undefined) e.supplier = v.supplier;
  if (v.contract !== undefined) e.contract = v.contract;
  if (v.bid !== undefined) e.bid = v.bid;
  if (v.period !== undefined) e.period = v.period;
  if (v.evidence !== undefined) e.evidence = v.evidence;
  if (v.notes !== undefined) e.notes = v.notes;
  return e;
}

/**
 * The entries table without a measure check: rows are core `Entry` values (as
 * `EntrySchema` outputs them) with `line` set.
 *
 * @example
 * ```ts
 * const { rows } = await readAll('measure,quantity,year\nNT1,10,2025\n', entriesTable);
 * rows[0]; // { measure: 'NT1', quantity: Dec('10'), year: 2025, line: 2 }
 * ```
 */
export const entriesTable: Table<typeof ENTRY_COLUMNS, Entry> = defineTable({
  name: 'entries',
  columns: ENTRY_COLUMNS,
  row: entryRow(),
});

/**
 * The entries table checking each `measure` against a framework's measure codes (or a list of
 * codes). An unknown code is an `unknown_measure` issue; a code that differs only in case or
 * spacing is named in the message, never silently corrected.
 *
 * @example
 * ```ts
 * const table = entriesTableFor(['NT1', 'NT2']);
 * const r = await readAll('measure,quantity,year\nnt1,10,2025\n', table);
 * r.issues[0].message; // 'measure "nt1" is not in the framework: did you mean "NT1"?'
 * ```
 */
export function entriesTableFor(measures: Framework | Iterable<string>): Table<typeof ENTRY_COLUMNS, Entry> {
  return defineTable({ name: 'entries', columns: ENTRY_COLUMNS, row: entryRow(measures) });
}

/**
 * The row check of an entries-shaped table (entries, or commitments with a `bid`): builds the
 * core `Entry` and, when measures are given, rejects an unknown code with an `unknown_measure`
 * problem naming the nearest code (never silently corrected).
 *
 * @example
 * ```ts
 * defineTable({ name: 'commitments', columns: COMMITMENT_COLUMNS, row: entryRow(framework) });
 * ```
 */
export function entryRow(
  measures?: Framework | Iterable<string>,
): (v: EntryValues, ctx: RowContext) => RowOutcome<Entry> {
  if (measures === undefined) return (v, ctx) => ({ ok: true, value: toEntry(v, ctx.line) });
  const codes = new Set<string>(
    'measures' in measures && Array.isArray(measures.measures)
      ? measures.measures.map((m) => m.code)
      : (measures as Iterable<string>),
  );
  const near = new Map<string, string>();
  for (const c of [...codes].sort()) if (!near.has(normalizeName(c))) near.set(normalizeName(c), c);
  return (v, ctx) => {
    if (!codes.has(v.measure)) {
      const guess = near.get(normalizeName(v.measure));
      const hint = guess ? `did you mean "${guess}"?` : 'check the code against the measures framework';
      return {
        ok: false,
        problems: [
          {
            code: 'unknown_measure',
            message: `measure ${showCell(v.measure)} is not in the framework: ${hint}`,
            key: 'measure',
          },
        ],
      };
    }
    return { ok: true, value: toEntry(v, ctx.line) };
  };
}

/**
 * Options of {@link readEntries} and {@link readEntriesCsv}.
 *
 * @example
 * ```ts
 * const opts: ReadEntriesOptions = { file: 'bid-a.csv', framework };
 * ```
 */
export interface ReadEntriesOptions extends ReadTableOptions {
  /** Check measure codes against this framework (or list of codes). */
  framework?: Framework | Iterable<string>;
}

/**
 * Streams entries from a CSV source: each row is `{ ok: true, line, value: Entry }` or
 * `{ ok: false, line, issues }`, so bad rows are reported, never dropped; `summary()` gives
 * the counts (`read = accepted + rejected`) and file-level issues.
 *
 * @example
 * ```ts
 * const reader = readEntries(readFileSource('bid-a.csv'), { file: 'bid-a.csv' });
 * for await (const row of reader) if (row.ok) valuation.add(row.value);
 * console.log(reader.summary().counts);
 * ```
 */
export function readEntries(
  source: CsvSource,
  options: ReadEntriesOptions = {},
): TableReader<typeof ENTRY_COLUMNS, Entry> {
  const { framework, ...rest } = options;
  return readTable(source, framework ? entriesTableFor(framework) : entriesTable, rest);
}

/**
 * The entries of a CSV source, read whole: accepted entries, every issue, counts.
 *
 * @example
 * ```ts
 * const { entries, issues, counts } = await readEntriesCsv('measure,quantity,year\nNT1,12.5,2025\n');
 * entries[0].quantity.toString(); // '12.5'
 * ```
 */
export async function readEntriesCsv(
  source: CsvSource,
  options: ReadEntriesOptions = {},
): Promise<{ ok: boolean; entries: Entry[]; issues: Issue[]; counts: TableCounts }> {
  const { framework, ...rest } = options;
  const r = await readAll(source, framework ? entriesTableFor(framework) : entriesTable, rest);
  return { ok: r.ok, entries: r.rows, issues: r.issues, counts: r.counts };
}

// Every column matched as the entries table matches it, but only the year read: a scan, not a check.
const yearScanTable = defineTable({
  name: 'entries',
  columns: Object.fromEntries(
    Object.entries(ENTRY_COLUMNS).map(([k, c]) => [k, k === 'year' ? c : { ...c, matchOnly: true }]),
  ) as unknown as typeof ENTRY_COLUMNS,
  row: (v) => ({ ok: true, value: v.year }),
});

/**
 * The earliest year among an entries source's rows whose `year` cell reads, found by a quick
 * read of that one column — the header matched, the text decoded and the rows split exactly as
 * {@link readEntries} does them — or undefined when no row's year reads. No row the reader
 * accepts has an earlier year, so it is a lower bound on the earliest accepted year (the
 * default base year of discounting): equal to it as soon as one row of that year is accepted.
 *
 * @example
 * ```ts
 * await earliestEntryYear('measure,quantity,year\nNT1,1,2027\nNT1,2,2025\nNT1,3,20x6\n'); // 2025
 * ```
 */
export async function earliestEntryYear(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<number | undefined> {
  let earliest: number | undefined;
  const reader = readTable(source, yearScanTable, { ...options, unknownColumns: 'ignore' });
  for await (const batch of reader.batches())
    for (const row of batch)
      if (row.ok && (earliest === undefined || row.value < earliest)) earliest = row.value;
  return earliest;
}
