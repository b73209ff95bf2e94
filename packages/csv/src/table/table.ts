import { CommonwealError, type IssueCode } from '@commonweal/core/issues';
import { type CellParser, normalizeName } from '../cells/cells';

/**
 * One column of a table: the header it is known by (plus aliases), whether it must be there,
 * and how its cells are parsed.
 *
 * Empty cells (blank or only spaces) never reach `parse`:
 * - `required: true` — the column must be in the header and every row must fill it
 *   (`empty_cell` issue otherwise), unless `allowEmpty: true`;
 * - otherwise an empty cell gives `default` when there is one, else the key is left out.
 *
 * @example
 * ```ts
 * const quantity: ColumnDef<Decimal> = { header: 'quantity', aliases: ['qty'], required: true, parse: decimalCell() };
 * ```
 */
export interface ColumnDef<T = unknown> {
  /** The canonical header, e.g. `drop_off` (matched ignoring case, spaces and punctuation). */
  header: string;
  /** Other headers that mean the same column, e.g. `['Net amount', 'NetAmount']`. */
  aliases?: readonly string[];
  /** The column must be in the file (and its cells filled, unless `allowEmpty`). */
  required?: boolean;
  /** With `required`: the column must be in the file, but its cells may be empty. */
  allowEmpty?: boolean;
  /** Parses a non-empty cell. */
  parse: CellParser<T>;
  /** Value for an empty cell or a missing optional column. */
  default?: T;
  /** What the column holds (for documentation and messages). */
  description?: string;
  /**
   * Matched in the header as any column is (so it is not an unknown column and no other column
   * takes its header), but its cells are never read and rows lack its value: for a quick read of
   * one or two columns of a wide table.
   */
  matchOnly?: boolean;
}

/**
 * The columns of a table, by key.
 *
 * @example
 * ```ts
 * const cols = { year: { header: 'year', required: true, parse: yearCell() } } satisfies Columns;
 * ```
 */
export type Columns = Record<string, ColumnDef<unknown>>;

/**
 * The value type a column's parser gives.
 *
 * @example
 * ```ts
 * type Q = ColumnValue<{ header: 'quantity'; parse: CellParser<Decimal> }>; // Decimal
 * ```
 */
export type ColumnValue<D> = D extends { parse: CellParser<infer T> } ? T : never;

/**
 * `true` when a column's key is always in a parsed row: it has a `default`, or it is
 * `required` without `allowEmpty`.
 *
 * @example
 * ```ts
 * type A = AlwaysPresent<{ header: 'year'; required: true; parse: CellParser<number> }>; // true
 * ```
 */
export type AlwaysPresent<D> = D extends { default: unknown }
  ? true
  : D extends { required: true }
    ? D extends { allowEmpty: true }
      ? false
      : true
    : false;

/**
 * Flattens an intersection into one object type (for readable hovers).
 *
 * @example
 * ```ts
 * type X = Simplify<{ a: 1 } & { b?: 2 }>; // { a: 1; b?: 2 }
 * ```
 */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The parsed values of one row: keys of required (or defaulted) columns are always there;
 * others are optional.
 *
 * @example
 * ```ts
 * type R = RowOf<{ a: { header: 'a'; required: true; parse: CellParser<number> }; b: { header: 'b'; parse: CellParser<string> } }>;
 * // { a: number; b?: string }
 * ```
 */
export type RowOf<C extends Columns> = Simplify<
  { -readonly [K in keyof C as AlwaysPresent<C[K]> extends true ? K : never]: ColumnValue<C[K]> } & {
    -readonly [K in keyof C as AlwaysPresent<C[K]> extends true ? never : K]?: ColumnValue<C[K]>;
  }
>;

/**
 * A problem a row check found: a code, a message, and the column key it is about (so the issue
 * gets that column's position and header). `severity: 'warning'` keeps the row.
 *
 * @example
 * ```ts
 * const p: RowProblem = { code: 'proxy_incomplete', message: 'a proxy needs a price year: fill in price_year', key: 'priceYear' };
 * ```
 */
export interface RowProblem {
  /** Stable code. */
  code: IssueCode;
  /** What is wrong and what to do. */
  message: string;
  /** Column key the problem is about. */
  key?: string;
  /** `warning` keeps the row. */
  severity?: 'error' | 'warning';
}

/**
 * What a table's `row` check returns: the row's final value (it may reshape the parsed
 * values), or the problems that reject it.
 *
 * @example
 * ```ts
 * const good: RowOutcome<{ total: number }> = { ok: true, value: { total: 3 } };
 * const bad: RowOutcome<never> = { ok: false, problems: [{ code: 'x', message: 'y' }] };
 * ```
 */
export type RowOutcome<R> =
  | { ok: true; value: R; problems?: RowProblem[] }
  | { ok: false; problems: RowProblem[] };

/**
 * Where a row is, for `row` checks. The reader reuses one context object: read it, do not keep
 * it.
 *
 * @example
 * ```ts
 * const check = (values: { year: number }, ctx: RowContext) => ({ ok: true as const, value: { ...values, line: ctx.line } });
 * ```
 */
export interface RowContext {
  /** 1-based physical line where the row starts. */
  line: number;
  /** The table's name. */
  table: string;
  /** The file name given to the reader, if any. */
  file: string | undefined;
  /** The row's cells as written. */
  record: readonly string[];
  /** The header (as written in the file) of a column key, if the file has that column. */
  headerOf(key: string): string | undefined;
}

/**
 * A table definition: its name (used in messages), its columns, and an optional cross-field
 * check that turns the parsed values into the row's value.
 *
 * @example
 * ```ts
 * const spend = defineTable({
 *   name: 'spend',
 *   columns: {
 *     date: { header: 'Payment Date', aliases: ['Transaction Date', 'Date'], required: true, parse: dateCell() },
 *     amount: { header: 'Amount', aliases: ['Net amount'], required: true, parse: decimalCell() },
 *     supplier: { header: 'Supplier Name', aliases: ['Beneficiary Name'], required: true, parse: textCell() },
 *   },
 * });
 * ```
 */
export interface TableDef<C extends Columns, R> {
  /** Name used in messages, e.g. `entries`. */
  name: string;
  /** Columns by key. */
  columns: C;
  /** Cross-field check and reshaping; without it, rows are the parsed values. */
  row?: (values: RowOf<C>, ctx: RowContext) => RowOutcome<R>;
}

/**
 * A checked table definition (see {@link defineTable}).
 *
 * @example
 * ```ts
 * const t: Table<{ year: ColumnDef<number> }, { year?: number }> = defineTable({ name: 't', columns: { year: { header: 'year', parse: yearCell() } } });
 * ```
 */
export interface Table<C extends Columns, R> extends TableDef<C, R> {
  /** Normalised header or alias → column key. */
  readonly lookup: ReadonlyMap<string, string>;
}

/**
 * Defines a typed table: checks that no two columns share a header or alias (after
 * normalising), and infers the row type.
 *
 * Headers match case-, space-, underscore- and punctuation-insensitively: `Drop off`,
 * `drop_off` and `DROP-OFF` all match a column with header `drop_off`.
 *
 * @example
 * ```ts
 * const entries = defineTable({
 *   name: 'entries',
 *   columns: {
 *     measure: { header: 'measure', required: true, parse: textCell() },
 *     quantity: { header: 'quantity', aliases: ['qty'], required: true, parse: decimalCell() },
 *     dropOff: { header: 'drop_off', parse: fractionCell() },
 *   },
 *   row: (v, ctx) => ({ ok: true, value: { ...v, line: ctx.line } }),
 * });
 * // rows are { measure: string; quantity: Decimal; dropOff?: Decimal; line: number }
 * ```
 */
export function defineTable<const C extends Columns, R = RowOf<C>>(def: TableDef<C, R>): Table<C, R> {
  const lookup = new Map<string, string>();
  for (const [key, col] of Object.entries(def.columns)) {
    for (const name of [col.header, ...(col.aliases ?? [])]) {
      const n = normalizeName(name);
      if (n === '')
        throw new CommonwealError('invalid_table', `table ${def.name}: column ${key} has an empty header`);
      const other = lookup.get(n);
      if (other !== undefined && other !== key) {
        throw new CommonwealError(
          'invalid_table',
          `table ${def.name}: "${name}" would match both column ${other} and column ${key}`,
        );
      }
      lookup.set(n, key);
    }
  }
  return { ...def, lookup };
}
