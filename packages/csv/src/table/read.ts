import type { Issue, IssueCode } from '@commonweal/core/issues';
import { type CellContext, type CellParser, normalizeName } from '../cells/cells';
import { type CsvSource, type ReadRecordsOptions, RecordStream } from '../source/source';
import type { CsvRecord } from '../tokenizer/tokenizer';
import type { Columns, RowContext, RowProblem, Table } from './table';

/**
 * Options of {@link readTable} and {@link readAll}.
 *
 * @example
 * ```ts
 * const opts: ReadTableOptions = { file: 'spend-2024-q1.csv', headers: { amount: 'SumOfAmount_Exc_VAT' } };
 * ```
 */
export interface ReadTableOptions extends ReadRecordsOptions {
  /** File name put on every issue. */
  file?: string;
  /**
   * Which header in the file a column key reads, overriding header and alias matching — e.g.
   * to choose between two columns that both match (Cannock Chase's Inc/Exc VAT amounts).
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * How messages tell the user to name a column's header (default: the `headers` option); a
   * command line names its flag, e.g. `--columns bid="<header>"`.
   */
  columnHint?: (key: string) => string;
  /** Columns the table does not use: one warning naming them (`warn`, default) or nothing. */
  unknownColumns?: 'warn' | 'ignore';
  /**
   * Most data rows read (default: no limit). The read stops at the limit with a `too_many_rows`
   * issue; the rows before it are counted as usual. With `maxBytes`, `maxColumns` and
   * `maxFieldLength` (see `ReadRecordsOptions`) it bounds what an untrusted file can cost.
   */
  maxRows?: number;
}

/**
 * One row read from a table: its value, or the issues that rejected it. `line` is the physical
 * 1-based line the row starts on; `record` holds the cells as written.
 *
 * @example
 * ```ts
 * for await (const row of readTable(source, entries)) {
 *   if (row.ok) use(row.value);
 *   else for (const i of row.issues) console.log(formatIssue(i));
 * }
 * ```
 */
export type TableRow<T> =
  | { ok: true; line: number; value: T; warnings: readonly Issue[]; record: readonly string[] }
  | { ok: false; line: number; issues: Issue[]; record: readonly string[] };

/**
 * Row counts of a read: `read = accepted + rejected` always holds. Blank lines and rows whose
 * cells are all empty are skipped and counted in `blank`, not in `read`.
 *
 * @example
 * ```ts
 * const c: TableCounts = { read: 10, accepted: 8, rejected: 2, blank: 1 };
 * ```
 */
export interface TableCounts {
  /** Rows read (after the header). */
  read: number;
  /** Rows that gave a value. */
  accepted: number;
  /** Rows rejected with issues. */
  rejected: number;
  /** Blank lines and all-empty rows skipped. */
  blank: number;
}

/**
 * A column the reader found in the file's header.
 *
 * @example
 * ```ts
 * const c: ResolvedColumn = { key: 'dropOff', header: 'Drop off', column: 8 };
 * ```
 */
export interface ResolvedColumn {
  /** The table's column key. */
  key: string;
  /** The header as written in the file. */
  header: string;
  /** 1-based position in the file. */
  column: number;
}

/**
 * The end of a read: counts, file-level issues (header problems, unknown columns, a source that
 * failed), and whether everything was accepted.
 *
 * @example
 * ```ts
 * const s = reader.summary();
 * if (!s.ok) console.log(`${s.counts.rejected} of ${s.counts.read} rows rejected`);
 * ```
 */
export interface TableSummary {
  /** No file-level error and no rejected row. */
  ok: boolean;
  /** A file-level error stopped the read (no rows, or not all rows, were read). */
  stopped: boolean;
  /** Row counts. */
  counts: TableCounts;
  /** File-level issues (errors and warnings). */
  fileIssues: Issue[];
  /** The columns matched in the header (empty if there was no header). */
  columns: ResolvedColumn[];
}

/**
 * Reads a typed table from a CSV source as a stream of rows (see {@link TableReader}).
 *
 * @example
 * ```ts
 * const reader = readTable(readFileSource('entries.csv'), entriesTable, { file: 'entries.csv' });
 * for await (const row of reader) if (row.ok) total = total.plus(row.value.quantity);
 * const { counts, fileIssues } = reader.summary(); // read = accepted + rejected
 * ```
 */
export function readTable<C extends Columns, R>(
  source: CsvSource,
  table: Table<C, R>,
  options: ReadTableOptions = {},
): TableReader<C, R> {
  return new TableReader(source, table, options);
}

/**
 * The result of {@link readAll}: accepted values, every issue (file-level first, then rows in
 * line order), counts, and `ok` when nothing was rejected.
 *
 * @example
 * ```ts
 * const { rows, issues, counts } = await readAll(text, table);
 * ```
 */
export interface ReadAllResult<T> {
  /** No error issue: every row accepted, no file-level error. */
  ok: boolean;
  /** Accepted row values, in file order. */
  rows: T[];
  /** All issues (errors and warnings). */
  issues: Issue[];
  /** Row counts (`read = accepted + rejected`). */
  counts: TableCounts;
  /** The columns matched in the header. */
  columns: ResolvedColumn[];
}

/**
 * Reads a whole table into memory: values, issues and counts. Use {@link readTable} to stream a
 * big file instead.
 *
 * @example
 * ```ts
 * const r = await readAll('measure,quantity\nNT1,10\nNT2,ten\n', table);
 * r.counts;    // { read: 2, accepted: 1, rejected: 1, blank: 0 }
 * r.issues[0]; // { code: 'not_a_number', line: 3, column: 2, field: 'quantity', ... }
 * ```
 */
export async function readAll<C extends Columns, R>(
  source: CsvSource,
  table: Table<C, R>,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<R>> {
  const reader = new TableReader(source, table, options);
  const rows: R[] = [];
  const rowIssues: Issue[] = [];
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      if (row.ok) {
        rows.push(row.value);
        for (const w of row.warnings) rowIssues.push(w);
      } else for (const i of row.issues) rowIssues.push(i);
    }
  }
  const s = reader.summary();
  return { ok: s.ok, rows, issues: [...s.fileIssues, ...rowIssues], counts: s.counts, columns: s.columns };
}

const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/** Appends to a list made only when needed (most rows have no issues). */
function append(list: Issue[] | undefined, issue: Issue): Issue[] {
  if (list === undefined) return [issue];
  list.push(issue);
  return list;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200b) && c !== 0x3000)
      return false;
  }
  return true;
}

function allBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (!isBlank(f)) return false;
  return true;
}

function list(names: readonly string[]): string {
  return names.length ? names.map((h) => `"${h}"`).join(', ') : '(none)';
}

/**
 * Streams the rows of one table from one source. Iterate it with `for await` (row by row) or
 * {@link TableReader.batches} (arrays of rows, faster for big files); it can be read once.
 * Live counts are in {@link TableReader.counts}; after the read, {@link TableReader.summary}
 * gives counts, file-level issues and the matched columns.
 *
 * A file-level error (no header, a required column missing, two columns matching one key, a
 * source that failed) stops the read with an issue in `summary().fileIssues`; rows are never
 * silently dropped: `read = accepted + rejected`.
 *
 * @example
 * ```ts
 * const reader = readTable(text, table, { file: 'in.csv' });
 * for await (const row of reader) console.log(row.line, row.ok);
 * console.log(reader.summary().counts);
 * ```
 */
export class TableReader<C extends Columns, R> implements AsyncIterable<TableRow<R>> {
  /** Live row counts. */
  readonly counts: TableCounts = { read: 0, accepted: 0, rejected: 0, blank: 0 };
  /** File-level issues found so far. */
  readonly fileIssues: Issue[] = [];
  /** Columns matched in the header (empty until the header is read). */
  columns: ResolvedColumn[] = [];
  private stopped = false;
  private blankRows = 0;
  private readonly records: RecordStream;
  private readonly file: string | undefined;
  // per-column plans, filled from the header
  private keys: string[] = [];
  private idx: number[] = [];
  private parsers: CellParser<unknown>[] = [];
  private required: boolean[] = [];
  private hasDefault: boolean[] = [];
  private defaults: unknown[] = [];
  private fieldNames: string[] = [];
  private headerWidth = 0;
  private headerByKey = new Map<string, ResolvedColumn>();
  private readonly cellCtx: CellContext;
  private readonly rowCtx: RowContext;

  constructor(
    source: CsvSource,
    readonly table: Table<C, R>,
    private readonly options: ReadTableOptions = {},
  ) {
    this.records = new RecordStream(source, options);
    this.file = options.file;
    this.cellCtx = { line: 0, column: 0, field: '', key: '', table: table.name };
    const byKey = this.headerByKey;
    this.rowCtx = {
      line: 0,
      table: table.name,
      file: options.file,
      record: [],
      headerOf: (key: string) => byKey.get(key)?.header,
    };
  }

  /**
   * The end of the read (call after iterating): counts, file-level issues, matched columns.
   *
   * @example
   * ```ts
   * for await (const _ of reader);
   * reader.summary().counts.read;
   * ```
   */
  summary(): TableSummary {
    const fileErrors = this.fileIssues.some((i) => i.severity !== 'warning');
    return {
      ok: !fileErrors && this.counts.rejected === 0,
      stopped: this.stopped,
      counts: { ...this.counts },
      fileIssues: [...this.fileIssues],
      columns: [...this.columns],
    };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TableRow<R>, void, undefined> {
    for await (const batch of this.batches()) yield* batch;
  }

  /**
   * The rows in batches (one per source chunk): the fast way through a big file.
   *
   * @example
   * ```ts
   * for await (const batch of readTable(source, table).batches()) for (const row of batch) handle(row);
   * ```
   */
  async *batches(): AsyncGenerator<TableRow<R>[], void, undefined> {
    try {
      yield* this.readBatches();
    } finally {
      this.noteEncoding();
    }
  }

  /** How the text was decoded, first among the file's issues (the reader needs it to judge the rest). */
  private noteEncoding(): void {
    const notes: Issue[] = [];
    const n = this.records.encodingNote;
    if (n !== undefined)
      notes.push(this.at('encoding_inferred', n.message, { line: n.line, severity: 'warning' }));
    const r = this.records.replacementAt;
    if (r !== undefined)
      notes.push(
        this.at(
          'replacement_character',
          'the text holds U+FFFD (�), the mark a decoder leaves for bytes that were not UTF-8: the characters there are lost — read the file as bytes (e.g. readFileSource) so its encoding is detected, or name it with the encoding option',
          { line: r.line, severity: 'warning' },
        ),
      );
    if (notes.length) this.fileIssues.unshift(...notes); // bounded: at most 2
  }

  private async *readBatches(): AsyncGenerator<TableRow<R>[], void, undefined> {
    let headerDone = false;
    const maxRows = this.options.maxRows ?? Number.POSITIVE_INFINITY;
    for await (const batch of this.records) {
      const out: TableRow<R>[] = [];
      for (const rec of batch) {
        if (!headerDone) {
          if (rec.error === undefined && allBlank(rec.fields)) {
            this.blankRows++;
            continue;
          }
          headerDone = true;
          if (!this.readHeader(rec)) {
            this.stopped = true;
            return;
          }
          continue;
        }
        if (rec.error === undefined && allBlank(rec.fields)) {
          this.blankRows++;
          continue;
        }
        if (this.counts.read >= maxRows) {
          this.counts.blank = this.blankRows + this.records.blankLines;
          if (out.length) yield out;
          this.stopped = true;
          this.fileIssues.push(
            this.at(
              'too_many_rows',
              `the file has more than ${maxRows} rows: reading stopped at line ${rec.line}; split the file, or raise maxRows if it is trusted`,
              { line: rec.line },
            ),
          );
          return;
        }
        out.push(this.readRow(rec));
      }
      this.counts.blank = this.blankRows + this.records.blankLines;
      if (out.length) yield out;
    }
    this.counts.blank = this.blankRows + this.records.blankLines;
    const tooLarge = this.records.tooLarge;
    if (tooLarge !== undefined) {
      this.stopped = true;
      this.fileIssues.push(
        this.at(
          'file_too_large',
          `the file is larger than the limit of ${tooLarge.limit} bytes: reading stopped near line ${this.records.lines}; split the file, or raise maxBytes if it is trusted`,
          {},
        ),
      );
      return;
    }
    const err = this.records.sourceError;
    if (err !== undefined) {
      this.stopped = true;
      const why = err instanceof Error ? err.message : String(err);
      this.fileIssues.push(
        this.at(
          'read_failed',
          `could not read the ${headerDone ? 'rest of the ' : ''}file (${why}); reading stopped near line ${this.records.lines}: check the file and read it again`,
          {},
        ),
      );
      return;
    }
    if (!headerDone) {
      this.stopped = true;
      const wanted = Object.values(this.table.columns)
        .filter((c) => c.required)
        .map((c) => c.header);
      this.fileIssues.push(
        this.at(
          'empty_file',
          `the file is empty: it needs a header row${wanted.length ? ` with ${list(wanted)}` : ''} and then one row per ${this.table.name} line`,
          {},
        ),
      );
    }
  }

  private at(code: IssueCode, message: string, where: Omit<Issue, 'code' | 'message' | 'file'>): Issue {
    const i: Issue = { code, message, ...where };
    if (this.file !== undefined) i.file = this.file;
    return i;
  }

  /** Matches the header; false (with issues) when the read cannot go on. */
  private readHeader(rec: CsvRecord): boolean {
    const line = rec.line;
    if (rec.error) {
      this.fileIssues.push(
        this.at('invalid_header', `the header row cannot be read: ${rec.error.message}`, {
          line,
          column: rec.error.column,
        }),
      );
      return false;
    }
    const headers = rec.fields.map((h) => h.trim());
    const table = this.table;
    const explicit = new Map<string, string>(); // normalised header → key
    const explicitKeys = new Set<string>();
    for (const [key, header] of Object.entries(this.options.headers ?? {})) {
      if (!(key in table.columns)) continue;
      explicit.set(normalizeName(header), key);
      explicitKeys.add(key);
    }
    const found = new Map<string, number[]>();
    const unknown: string[] = [];
    headers.forEach((h, j) => {
      const n = normalizeName(h);
      if (n === '') return;
      let key = explicit.get(n);
      if (key === undefined) {
        key = table.lookup.get(n);
        if (key !== undefined && explicitKeys.has(key)) return; // the caller chose another column
      }
      if (key === undefined) {
        unknown.push(h);
        return;
      }
      const at = found.get(key);
      if (at) at.push(j);
      else found.set(key, [j]);
    });
    let fatal = false;
    const foundList = list(headers.filter((h) => h !== ''));
    const hint = this.options.columnHint ?? ((key: string) => `the reader's headers option (headers.${key})`);
    for (const [key, col] of Object.entries(table.columns)) {
      const at = found.get(key);
      const names = [col.header, ...(col.aliases ?? [])];
      if (!at) {
        if (explicitKeys.has(key)) {
          fatal = true;
          this.fileIssues.push(
            this.at(
              'missing_column',
              `the file has no column "${this.options.headers?.[key]}" (chosen for ${col.header}): check its spelling in ${hint(key)}. Headers found: ${foundList}`,
              { line, field: col.header },
            ),
          );
        } else if (col.required) {
          fatal = true;
          const also = names.length > 1 ? ` (also accepted: ${list(names.slice(1))})` : '';
          this.fileIssues.push(
            this.at(
              'missing_column',
              `the file has no "${col.header}" column${also}: add it to the header row, or name the column that holds it with ${hint(key)}. Headers found: ${foundList}`,
              { line, field: col.header },
            ),
          );
        }
        continue;
      }
      if (at.length > 1) {
        fatal = true;
        const which = at.map((j) => `"${headers[j]}" (column ${j + 1})`).join(' and ');
        this.fileIssues.push(
          this.at(
            'ambiguous_column',
            `${which} both mean ${col.header}: keep one, or choose one with ${hint(key)}`,
            { line, column: at[1]! + 1, field: headers[at[1]!]! },
          ),
        );
        continue;
      }
      const j = at[0]!;
      const resolved: ResolvedColumn = { key, header: headers[j]!, column: j + 1 };
      this.columns.push(resolved);
      this.headerByKey.set(key, resolved);
    }
    if (fatal) return false;
    if (unknown.length && (this.options.unknownColumns ?? 'warn') === 'warn') {
      this.fileIssues.push(
        this.at(
          'unknown_columns',
          `${unknown.length === 1 ? 'column' : 'columns'} ${list(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not used by ${table.name} and ${unknown.length === 1 ? 'was' : 'were'} ignored: check for a misspelt header`,
          { line, severity: 'warning' },
        ),
      );
    }
    this.columns.sort((a, b) => a.column - b.column);
    // plans in table order, so values come out in a stable key order
    for (const [key, col] of Object.entries(table.columns)) {
      if (col.matchOnly) continue;
      const r = this.headerByKey.get(key);
      this.keys.push(key);
      this.idx.push(r ? r.column - 1 : -1);
      this.parsers.push(col.parse);
      this.required.push(col.required === true && col.allowEmpty !== true);
      this.hasDefault.push('default' in col);
      this.defaults.push(col.default);
      this.fieldNames.push(r ? r.header : col.header);
    }
    this.headerWidth = headers.length;
    return true;
  }

  private reject(rec: CsvRecord, issues: Issue[]): TableRow<R> {
    this.counts.rejected++;
    return { ok: false, line: rec.line, issues, record: rec.fields };
  }

  private readRow(rec: CsvRecord): TableRow<R> {
    this.counts.read++;
    const line = rec.line;
    const fields = rec.fields;
    if (rec.error) {
      const e = rec.error;
      const field = this.columns.find((c) => c.column === e.column)?.header;
      return this.reject(rec, [
        this.at(e.code, e.message, field ? { line, column: e.column, field } : { line, column: e.column }),
      ]);
    }
    const width = this.headerWidth;
    if (fields.length !== width) {
      if (fields.length < width) {
        return this.reject(rec, [
          this.at(
            'too_few_fields',
            `this row has ${fields.length} values but the header has ${width} columns: check for a missing comma or a line break inside a value`,
            { line, column: fields.length + 1 },
          ),
        ]);
      }
      for (let j = width; j < fields.length; j++) {
        if (!isBlank(fields[j]!)) {
          return this.reject(rec, [
            this.at(
              'too_many_fields',
              `this row has ${fields.length} values but the header has ${width} columns: put a value that contains a comma in "quotes" (e.g. "1,234") or remove the extra comma`,
              { line, column: j + 1 },
            ),
          ]);
        }
      }
    }
    const values: Record<string, unknown> = {};
    let issues: Issue[] | undefined;
    let warnings: Issue[] | undefined;
    const ctx = this.cellCtx;
    ctx.line = line;
    const keys = this.keys;
    for (let k = 0; k < keys.length; k++) {
      const j = this.idx[k]!;
      const cell = j >= 0 ? fields[j]! : '';
      if (j < 0 || isBlank(cell)) {
        if (this.hasDefault[k]) values[keys[k]!] = this.defaults[k];
        else if (this.required[k]) {
          issues = append(
            issues,
            this.at('empty_cell', `${this.fieldNames[k]} is empty: fill it in`, {
              line,
              column: j + 1,
              field: this.fieldNames[k]!,
            }),
          );
        }
        continue;
      }
      ctx.column = j + 1;
      ctx.field = this.fieldNames[k]!;
      ctx.key = keys[k]!;
      const r = this.parsers[k]!(cell, ctx);
      if (r.ok) {
        values[keys[k]!] = r.value;
        if (r.warning) {
          warnings = append(
            warnings,
            this.at(r.warning.code, r.warning.message, {
              line,
              column: j + 1,
              field: this.fieldNames[k]!,
              severity: 'warning',
            }),
          );
        }
      } else {
        issues = append(
          issues,
          this.at(r.code, r.message, { line, column: j + 1, field: this.fieldNames[k]! }),
        );
      }
    }
    if (issues) return this.reject(rec, issues);
    const check = this.table.row;
    if (check === undefined) {
      this.counts.accepted++;
      return { ok: true, line, value: values as R, warnings: warnings ?? NO_ISSUES, record: fields };
    }
    const rc = this.rowCtx;
    rc.line = line;
    rc.record = fields;
    const out = check(values as never, rc);
    if (out.problems?.length) {
      for (const p of out.problems) {
        const warn = out.ok && p.severity === 'warning';
        const issue = this.problemIssue(p, line, warn);
        if (warn) warnings = append(warnings, issue);
        else issues = append(issues, issue);
      }
    }
    if (!out.ok || issues)
      return this.reject(
        rec,
        issues ?? [this.at('row_rejected', `${this.table.name} row rejected`, { line })],
      );
    this.counts.accepted++;
    return { ok: true, line, value: out.value, warnings: warnings ?? NO_ISSUES, record: fields };
  }

  private problemIssue(p: RowProblem, line: number, warning: boolean): Issue {
    const where: Omit<Issue, 'code' | 'message' | 'file'> = { line };
    if (p.key !== undefined) {
      const r = this.headerByKey.get(p.key);
      if (r) {
        where.column = r.column;
        where.field = r.header;
      } else {
        const col = this.table.columns[p.key];
        if (col) where.field = col.header;
      }
    }
    if (warning) where.severity = 'warning';
    return this.at(p.code, p.message, where);
  }
}
