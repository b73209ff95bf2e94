import { CommonwealError } from '@commonweal/core/issues';
import { type Decimal, isDecimal } from '@commonweal/core/money';

/**
 * A value to write in a cell. Strings are text (neutralised against formula injection);
 * decimals, numbers and bigints are numbers (written plainly, so `-20` stays a number);
 * booleans are `true`/`false`; `null`/`undefined` are empty.
 *
 * @example
 * ```ts
 * const cells: CellValue[] = ['NT1', dec('-20.50'), 2025, true, null];
 * ```
 */
export type CellValue = string | number | bigint | boolean | Decimal | null | undefined;

/**
 * Options of the CSV writer.
 *
 * @example
 * ```ts
 * const opts: CsvWriteOptions = { newline: '\r\n', bom: true };
 * ```
 */
export interface CsvWriteOptions {
  /** Line ending (default `\n`). */
  newline?: '\n' | '\r\n';
  /** Field delimiter (default `,`). */
  delimiter?: string;
  /** Start with a UTF-8 BOM so Excel reads the file as UTF-8 (default false). */
  bom?: boolean;
  /** Write the header row (default true; {@link toCsv} only). */
  header?: boolean;
  /**
   * Neutralise text cells that a spreadsheet would run as formulas (default true; OWASP "CSV
   * Injection"). Turn off only for files no spreadsheet will open.
   */
  escapeFormulas?: boolean;
}

/**
 * A column of {@link toCsv}: a key of the row, or a header with a key or a function.
 *
 * @example
 * ```ts
 * const cols: CsvColumn<{ code: string; value: Decimal }>[] = [
 *   'code',
 *   { header: 'value (£)', value: (r) => r.value },
 * ];
 * ```
 */
export type CsvColumn<T> =
  | (keyof T & string)
  | { header: string; key: keyof T & string }
  | { header: string; value: (row: T) => CellValue };

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

function needsQuotes(s: string, delim: string): boolean {
  // a leading U+FEFF would be read back as a byte-order mark
  if (s.charCodeAt(0) === 0xfeff) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === '\n' || c === '\r' || c === delim) return true;
  }
  return false;
}

/**
 * Formats one cell. Text starting with `=`, `+`, `-`, `@`, TAB, CR or LF gets a leading `'`
 * and quotes (OWASP); text with a quote, delimiter or line break is quoted with quotes doubled
 * (RFC 4180). Numbers are written plainly: decimals in full (never exponent form), so negative
 * amounts stay numeric.
 *
 * Throws `CommonwealError` for a non-finite number or a value of another type (a
 * programmer error).
 *
 * @example
 * ```ts
 * formatCell('=SUM(A1:A2)'); // `"'=SUM(A1:A2)"`
 * formatCell('-20');         // `"'-20"` (text)
 * formatCell(dec('-20'));    // '-20' (a number)
 * formatCell('a "b", c');    // '"a ""b"", c"'
 * ```
 */
export function formatCell(
  value: CellValue,
  options: Pick<CsvWriteOptions, 'delimiter' | 'escapeFormulas'> = {},
): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    const delim = options.delimiter ?? ',';
    if (value.length && (options.escapeFormulas ?? true) && TRIGGERS.has(value[0]!)) {
      return `"'${value.replaceAll('"', '""')}"`;
    }
    return needsQuotes(value, delim) ? `"${value.replaceAll('"', '""')}"` : value;
  }
  if (isDecimal(value)) {
    if (!value.isFinite()) throw new CommonwealError('not_finite', `cannot write ${value.toString()} to CSV`);
    return value.isZero() ? '0' : value.toFixed();
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CommonwealError('not_finite', `cannot write ${value} to CSV`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new CommonwealError('invalid_cell', `cannot write a ${typeof value} to a CSV cell`);
}

/**
 * Formats one record as a CSV line (without the line ending).
 *
 * @example
 * ```ts
 * formatRow(['NT1', dec('12.5'), '@risk']); // `NT1,12.5,"'@risk"`
 * ```
 */
export function formatRow(cells: readonly CellValue[], options: CsvWriteOptions = {}): string {
  const delim = options.delimiter ?? ',';
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i) line += delim;
    line += formatCell(cells[i], options);
  }
  // a lone empty cell would read back as a blank line: quote it
  return cells.length === 1 && line === '' ? '""' : line;
}

/**
 * Writes records (arrays of cells) as CSV text: RFC 4180, deterministic, every line ended with
 * the chosen newline.
 *
 * @example
 * ```ts
 * csvStringify([['code', 'value'], ['NT1', dec('-20')]]); // 'code,value\nNT1,-20\n'
 * ```
 */
export function csvStringify(records: Iterable<readonly CellValue[]>, options: CsvWriteOptions = {}): string {
  let out = '';
  for (const line of csvLines(records, options)) out += line;
  return out;
}

/**
 * The lines of a CSV (each with its line ending), for streaming big outputs to a file.
 *
 * @example
 * ```ts
 * for (const line of csvLines([['a'], ['b']])) stream.write(line);
 * ```
 */
export function* csvLines(
  records: Iterable<readonly CellValue[]>,
  options: CsvWriteOptions = {},
): Generator<string> {
  const nl = options.newline ?? '\n';
  if (nl !== '\n' && nl !== '\r\n')
    throw new CommonwealError('invalid_option', 'newline must be "\\n" or "\\r\\n"');
  const d = options.delimiter ?? ',';
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r' || d === "'") {
    throw new CommonwealError(
      'invalid_option',
      `the CSV delimiter must be one character, got ${JSON.stringify(d)}`,
    );
  }
  let first = options.bom === true;
  for (const r of records) {
    const line = formatRow(r, options) + nl;
    if (first) {
      first = false;
      yield `\uFEFF${line}`;
    } else yield line;
  }
}

function columnPlan<T>(columns: readonly CsvColumn<T>[]): {
  headers: string[];
  get: ((row: T) => CellValue)[];
} {
  const headers: string[] = [];
  const get: ((row: T) => CellValue)[] = [];
  for (const c of columns) {
    if (typeof c === 'string') {
      headers.push(c);
      get.push((row) => (row as Record<string, CellValue>)[c]);
    } else if ('key' in c) {
      const k = c.key;
      headers.push(c.header);
      get.push((row) => (row as Record<string, CellValue>)[k]);
    } else {
      headers.push(c.header);
      get.push(c.value);
    }
  }
  return { headers, get };
}

/**
 * The lines of {@link toCsv} (header first, unless `header: false`), for streaming.
 *
 * @example
 * ```ts
 * for (const line of toCsvLines(rows, ['code', 'value'])) stream.write(line);
 * ```
 */
export function* toCsvLines<T>(
  rows: Iterable<T>,
  columns: readonly CsvColumn<T>[],
  options: CsvWriteOptions = {},
): Generator<string> {
  const { headers, get } = columnPlan(columns);
  const plan = get;
  function* records(): Generator<CellValue[]> {
    if (options.header ?? true) yield headers;
    for (const row of rows) {
      const cells: CellValue[] = new Array(plan.length);
      for (let i = 0; i < plan.length; i++) cells[i] = plan[i]!(row);
      yield cells;
    }
  }
  yield* csvLines(records(), options);
}

/**
 * Writes objects as CSV with the given columns: a header row, then one line per row. Text is
 * neutralised against formula injection; numbers and decimals are written plainly.
 *
 * @example
 * ```ts
 * toCsv([{ code: 'NT1', title: '=HYPERLINK("x")', value: dec('-12.50') }], ['code', 'title', 'value']);
 * // 'code,title,value\nNT1,"\'=HYPERLINK(""x"")",-12.5\n'
 * ```
 */
export function toCsv<T>(
  rows: Iterable<T>,
  columns: readonly CsvColumn<T>[],
  options: CsvWriteOptions = {},
): string {
  let out = '';
  for (const line of toCsvLines(rows, columns, options)) out += line;
  return out;
}

/**
 * A CSV writer for one row at a time: the header line, and a function giving each row's line
 * (with its newline), the same bytes as {@link toCsvLines}. The column plan and options are
 * worked out once, and the cell text of a repeated string (a measure code, a theme) is made once,
 * so a million rows are written without per-row set-up.
 *
 * @example
 * ```ts
 * const w = csvRowWriter<{ code: string; value: number }>(['code', 'value']);
 * w.header; // 'code,value\n'
 * w.row({ code: '=1+1', value: 2 }); // '"\'=1+1",2\n'
 * ```
 */
export function csvRowWriter<T>(
  columns: readonly CsvColumn<T>[],
  options: CsvWriteOptions = {},
): { header: string; row(row: T): string } {
  const { headers, get } = columnPlan(columns);
  const [header = ''] = csvLines([headers], options);
  const nl = options.newline ?? '\n';
  const delim = options.delimiter ?? ',';
  const cellOptions = { delimiter: delim, escapeFormulas: options.escapeFormulas ?? true };
  const texts = new Map<string, string>();
  const n = get.length;
  const cells: string[] = new Array(n);
  return {
    header,
    row(row) {
      for (let i = 0; i < n; i++) {
        const v = get[i]!(row);
        let cell: string;
        if (typeof v === 'string') {
          const known = texts.get(v);
          if (known !== undefined) cell = known;
          else {
            cell = formatCell(v, cellOptions);
            if (texts.size >= 4096) texts.clear();
            texts.set(v, cell);
          }
        } else cell = formatCell(v, cellOptions);
        cells[i] = cell;
      }
      // one flat string (join), not a rope of a hundred pieces kept alive until the sink writes
      const line = cells.join(delim);
      // a lone empty cell would read back as a blank line: quote it
      return (n === 1 && line === '' ? '""' : line) + nl;
    },
  };
}
