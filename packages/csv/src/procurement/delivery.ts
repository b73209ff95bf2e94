import type { Framework } from '@commonweal/core/framework';
import type { Milestone, OutcomeRecord } from '@commonweal/core/procurement';
import type { Entry } from '@commonweal/core/valuation';
import { type CellParser, dateCell, decimalCell, enumCell, showCell, textCell } from '../cells/cells';
import { ENTRY_COLUMNS, entryRow } from '../entries/entries';
import type { CsvSource } from '../source/source';
import { type ReadAllResult, type ReadTableOptions, readAll } from '../table/read';
import { defineTable, type RowOutcome, type RowProblem, type Table } from '../table/table';

const text = textCell();

/**
 * The columns of a bids' commitments file: the entries columns (`measure,quantity,year` and the
 * optional adjustments) with `bid` required, so every commitment says whose it is.
 *
 * @example
 * ```ts
 * // bid,measure,quantity,year,duration
 * // B1,EX-JOB,12.5,2026,2
 * ```
 */
export const COMMITMENT_COLUMNS = {
  ...ENTRY_COLUMNS,
  bid: { header: 'bid', aliases: ['bid id'], required: true, parse: text },
} as const;

/**
 * The commitments table, checking each `measure` against a framework (or list of codes) when
 * one is given: an unknown code is an `unknown_measure` issue naming the nearest code, never
 * silently corrected.
 *
 * @example
 * ```ts
 * const table = commitmentsTableFor(['EX-JOB']);
 * const r = await readAll('bid,measure,quantity,year\nB1,ex-job,1,2026\n', table);
 * r.issues[0]?.message; // 'measure "ex-job" is not in the framework: did you mean "EX-JOB"?'
 * ```
 */
export function commitmentsTableFor(
  measures?: Framework | Iterable<string>,
): Table<typeof COMMITMENT_COLUMNS, Entry> {
  return defineTable({ name: 'commitments', columns: COMMITMENT_COLUMNS, row: entryRow(measures) });
}

/**
 * Options of {@link readCommitmentsCsv}.
 *
 * @example
 * ```ts
 * const opts: ReadCommitmentsOptions = { file: 'commitments.csv', framework };
 * ```
 */
export interface ReadCommitmentsOptions extends ReadTableOptions {
  /** Check measure codes against this framework (or list of codes). */
  framework?: Framework | Iterable<string>;
}

/**
 * Reads the bids' social value commitments (entries with `bid`), for quantitative social value
 * scoring or, for the winning bid, delivery monitoring. `read = accepted + rejected`.
 *
 * @example
 * ```ts
 * const r = await readCommitmentsCsv('bid,measure,quantity,year\nB1,EX-JOB,12.5,2026\n');
 * r.rows[0]?.bid; // 'B1'
 * ```
 */
export function readCommitmentsCsv(
  source: CsvSource,
  options: ReadCommitmentsOptions = {},
): Promise<ReadAllResult<Entry>> {
  const { framework, ...rest } = options;
  return readAll(source, commitmentsTableFor(framework), rest);
}

const PERIOD = /^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$/;

/**
 * A reporting period cell: a quarter `2026-Q3` (also `2026 Q3`, `2026q3`) or a month `2026-07`,
 * returned as `YYYY-Qn` or `YYYY-MM`.
 *
 * Code: `invalid_period`.
 *
 * @example
 * ```ts
 * periodCell('2026 q3', ctx); // { ok: true, value: '2026-Q3' }
 * periodCell('Q3', ctx);      // { ok: false, code: 'invalid_period', … }
 * ```
 */
export const periodCell: CellParser<string> = (cell) => {
  const t = cell.trim().toUpperCase().replace(/\s+/, '-');
  const v = /^\d{4}Q[1-4]$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4)}` : t;
  if (PERIOD.test(v)) return { ok: true, value: v };
  return {
    ok: false,
    code: 'invalid_period',
    message: `${showCell(cell)} is not a period: write a quarter such as 2026-Q3 or a month such as 2026-07`,
  };
};

/**
 * The columns of an outcome records file (a supplier's returns: what was delivered):
 * `measure,quantity` must be there and filled, with a `date` (ISO or dd/mm/yyyy) or a `period`
 * (`2026-Q3` or `2026-07`) on every row; `evidence` (the reference that backs the return),
 * written as a supplier return also reads: `period,commitment,delivered,evidence reference`;
 * `basis`, `contract` and `notes` are optional. `basis` is `period` (default: the quantity
 * delivered in the period) or `to date` (the total since the contract start, as some returns
 * are written; also `cumulative`).
 *
 * @example
 * ```ts
 * // measure,quantity,period,basis,evidence
 * // EX-JOB,11,2026-Q2,to date,payroll extract
 * ```
 */
export const OUTCOME_COLUMNS = {
  measure: { header: 'measure', aliases: ['measure code', 'commitment'], required: true, parse: text },
  quantity: { header: 'quantity', aliases: ['qty', 'delivered'], required: true, parse: decimalCell() },
  date: { header: 'date', aliases: ['delivered on'], parse: dateCell() },
  period: { header: 'period', aliases: ['quarter', 'month'], parse: periodCell },
  evidence: { header: 'evidence', aliases: ['evidence reference', 'evidence ref'], parse: text },
  basis: {
    header: 'basis',
    aliases: ['return basis'],
    parse: enumCell(['period', 'to-date'] as const, {
      aliases: { cumulative: 'to-date', 'year to date': 'to-date', 'in period': 'period' },
    }),
  },
  contract: { header: 'contract', parse: text },
  notes: { header: 'notes', parse: text },
} as const;

function periodBounds(period: string): [string, string] {
  const m = PERIOD.exec(period) as RegExpExecArray;
  const y = m[1] as string;
  if (m[2] !== undefined) {
    const q = Number(m[2]);
    const first = String((q - 1) * 3 + 1).padStart(2, '0');
    const last = String(q * 3).padStart(2, '0');
    return [`${y}-${first}-01`, `${y}-${last}-31`];
  }
  return [`${y}-${m[3]}-01`, `${y}-${m[3]}-31`];
}

/**
 * The outcome records table: rows are core `OutcomeRecord` values with `line` set. A row with
 * neither date nor period is rejected (`date_or_period_missing`); with both, the date must fall
 * in the period (`date_outside_period`).
 *
 * @example
 * ```ts
 * const { issues } = await readAll('measure,quantity,date,period\nJ1,2,,\n', outcomesTable);
 * issues[0]?.code; // 'date_or_period_missing'
 * ```
 */
export const outcomesTable = defineTable({
  name: 'outcomes',
  columns: OUTCOME_COLUMNS,
  row: (v, ctx): RowOutcome<OutcomeRecord> => {
    const problems: RowProblem[] = [];
    if (v.date === undefined && v.period === undefined) {
      problems.push({
        code: 'date_or_period_missing',
        message: 'give the date of delivery (date) or the period it was delivered in (period)',
        key: 'date',
      });
    } else if (v.date !== undefined && v.period !== undefined) {
      const [from, to] = periodBounds(v.period);
      if (v.date < from || v.date > to)
        problems.push({
          code: 'date_outside_period',
          message: `the date ${v.date} is not in the period ${v.period}: correct one of them, or give only one`,
          key: 'date',
        });
    }
    if (problems.length) return { ok: false, problems };
    const r: OutcomeRecord = { measure: v.measure, quantity: v.quantity, line: ctx.line };
    if (v.date !== undefined) r.date = v.date;
    if (v.period !== undefined) r.period = v.period;
    if (v.evidence !== undefined) r.evidence = v.evidence;
    if (v.basis !== undefined) r.basis = v.basis;
    if (v.contract !== undefined) r.contract = v.contract;
    if (v.notes !== undefined) r.notes = v.notes;
    return { ok: true, value: r };
  },
});

/**
 * Reads outcome records (what a supplier delivered, with evidence) for delivery monitoring.
 * `read = accepted + rejected`.
 *
 * @example
 * ```ts
 * const r = await readOutcomesCsv('measure,quantity,period,evidence\nEX-JOB,11,2026-Q2,payroll\n');
 * r.rows[0]?.period; // '2026-Q2'
 * ```
 */
export function readOutcomesCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<OutcomeRecord>> {
  return readAll(source, outcomesTable, options);
}

/**
 * The columns of a delivery milestones file (what is due by when, as agreed with the supplier):
 * `measure,quantity` and a `date` (due by) or a `period` (due by its end) on every row, in the
 * counted units of the commitment (FTE-years, people, £…); `notes` optional.
 *
 * @example
 * ```ts
 * // measure,quantity,date,notes
 * // EX-NEET,2,2026-09-30,first cohort
 * ```
 */
export const MILESTONE_COLUMNS = {
  measure: { header: 'measure', aliases: ['measure code', 'commitment'], required: true, parse: text },
  quantity: { header: 'quantity', aliases: ['qty', 'due'], required: true, parse: decimalCell() },
  date: { header: 'date', aliases: ['due by', 'due date', 'milestone'], parse: dateCell() },
  period: { header: 'period', aliases: ['quarter', 'month'], parse: periodCell },
  notes: { header: 'notes', parse: text },
} as const;

/**
 * The milestones table: rows are core `Milestone` values with `line` set. A row with neither
 * date nor period (`date_or_period_missing`), with both (`date_and_period`: say one), or with a
 * negative quantity (`negative_quantity`) is rejected.
 *
 * @example
 * ```ts
 * const { issues } = await readAll('measure,quantity,date\nJ1,-2,2026-06-30\n', milestonesTable);
 * issues[0]?.code; // 'negative_quantity'
 * ```
 */
export const milestonesTable = defineTable({
  name: 'milestones',
  columns: MILESTONE_COLUMNS,
  row: (v, ctx): RowOutcome<Milestone> => {
    const problems: RowProblem[] = [];
    if (v.date === undefined && v.period === undefined)
      problems.push({
        code: 'date_or_period_missing',
        message: 'give the date the quantity is due by (date) or the period it is due in (period)',
        key: 'date',
      });
    else if (v.date !== undefined && v.period !== undefined)
      problems.push({
        code: 'date_and_period',
        message: `a milestone is due by one date: give the date (${v.date}) or the period (${v.period}), not both`,
        key: 'period',
      });
    if (v.quantity.isNegative())
      problems.push({
        code: 'negative_quantity',
        message: `the quantity due is ${v.quantity.toString()}: write what is due as a positive number`,
        key: 'quantity',
      });
    if (problems.length) return { ok: false, problems };
    const m: Milestone = { measure: v.measure, quantity: v.quantity, line: ctx.line };
    if (v.date !== undefined) m.date = v.date;
    if (v.period !== undefined) m.period = v.period;
    if (v.notes !== undefined) m.notes = v.notes;
    return { ok: true, value: m };
  },
});

/**
 * Reads delivery milestones for delivery monitoring (core `DeliveryInput.milestones`).
 * `read = accepted + rejected`.
 *
 * @example
 * ```ts
 * const r = await readMilestonesCsv('measure,quantity,period\nEX-NEET,2,2026-Q3\n');
 * r.rows[0]?.period; // '2026-Q3'
 * ```
 */
export function readMilestonesCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<Milestone>> {
  return readAll(source, milestonesTable, options);
}
