import {
  createSpendAccumulator,
  type DateFormat,
  type MapSpendHeadersOptions,
  mapSpendHeaders,
  REQUIRED_SPEND_FIELDS,
  readDate,
  SPEND_HEADER_ALIASES,
  type SpendAccumulator,
  type SpendAnalysis,
  type SpendField,
  type SpendHeaderAlias,
  type SpendHeaderMapping,
  type SpendOptionsInput,
  type SpendRow,
  type VatBasis,
} from '@commonweal/core/economy';
import { fail, type Issue, type IssueCode, issue, ok, type Result } from '@commonweal/core/issues';
import { booleanCell, type CellParser, decimalCell, textCell } from '../cells/cells';
import type { CsvSource, ReadRecordsOptions } from '../source/source';
import { type TableCounts, TableReader, type TableRow } from '../table/read';
import { type ColumnDef, defineTable, type Table } from '../table/table';
import { peekHeader } from './peek';

/**
 * Options of {@link readSpend}: the file name for issues, the file's VAT basis (required to
 * choose between Cannock Chase's `SumOfAmount_Inc_VAT` and `SumOfAmount_Exc_VAT`), how numeric
 * dates are ordered (`auto`, the default, reads a `dd/mm/yyyy` date only when its day is above
 * 12; declare `dmy` for UK files), explicit column choices and extra header variants (both
 * passed to core `mapSpendHeaders`), and how many row issues to keep (the rest are counted).
 *
 * @example
 * ```ts
 * const o: ReadSpendOptions = { file: 'cannock-2024-q1.csv', vatBasis: 'exclusive', dateFormat: 'dmy' };
 * ```
 */
export interface ReadSpendOptions extends ReadRecordsOptions {
  /** File name put on every issue. */
  file?: string;
  /** The file's VAT basis; must agree with a header that states one (e.g. `Net amount`). */
  vatBasis?: VatBasis;
  /** Day/month order of numeric dates (default `auto`: only unambiguous ones are read). */
  dateFormat?: DateFormat;
  /** Name the column of a field (header text or 0-based index); wins over the aliases. */
  columns?: MapSpendHeadersOptions['columns'];
  /** Extra header variants for this publisher, checked before the built-in ones. */
  aliases?: readonly SpendHeaderAlias[];
  /** Row issues kept in {@link SpendReadSummary.issues} (default 1000); the rest are counted by code. */
  maxIssues?: number;
  /** How messages name the options that fix a problem (the CLI names its flags). */
  hints?: SpendReadHints;
}

/**
 * How the spend reader's messages name the options that fix a problem: a library caller is
 * told about `columns.date` and `dateFormat`, a command-line user about `--columns date=…` and
 * `--date-format`.
 *
 * @example
 * ```ts
 * const cli: SpendReadHints = {
 *   column: (field) => `--columns ${field}="<header>"`,
 *   dateFormat: (f) => `--date-format ${f === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy'}`,
 * };
 * ```
 */
export interface SpendReadHints {
  /** How to name the column that holds a field. */
  column: (field: string) => string;
  /** How to declare the date order. */
  dateFormat: (format: 'dmy' | 'mdy') => string;
  /** How to declare the VAT basis (default `vatBasis`). */
  vatBasis?: string;
}

const API_HINTS: SpendReadHints = {
  column: (field) => `columns.${field}`,
  dateFormat: (f) => `dateFormat: '${f}'`,
};

/**
 * What a blank supplier name is read as: a redaction (the Transparency Code's guidance is that
 * a withheld beneficiary is a redaction), counted and valued in the redacted slice.
 *
 * @example
 * ```ts
 * BLANK_SUPPLIER; // 'REDACTED (blank in the file)'
 * ```
 */
export const BLANK_SUPPLIER = 'REDACTED (blank in the file)';

/**
 * The date order a spend reader inferred from the rows that cannot be misread (a day above
 * 12): the order, the first lines that showed it (with the text), and how many ambiguous dates
 * were then read that way.
 *
 * @example
 * ```ts
 * const d: DateInference = { order: 'dmy', decidedBy: [{ line: 5, text: '25/04/2024' }], agreeing: 40, settled: 12 };
 * ```
 */
export interface DateInference {
  order: 'dmy' | 'mdy';
  decidedBy: { line: number; text: string }[];
  /** Rows whose date showed the order (including those in `decidedBy`). */
  agreeing: number;
  /** Ambiguous dates (e.g. 03/04/2024) read in the inferred order. */
  settled: number;
}

/**
 * The end of a spend read: row counts (`read = accepted + rejected`), the header mapping core
 * `mapSpendHeaders` made (with the original headers, for the trace), the VAT basis in force,
 * the date format, how many rows were procurement card transactions, and the issues —
 * file-level first, then row issues in line order (capped at `maxIssues`, with a count of the
 * rest).
 *
 * @example
 * ```ts
 * const s = reader.summary();
 * s.counts;                   // { read: 60, accepted: 59, rejected: 1, blank: 0 }
 * s.mapping?.headers.amount;  // 'Amount'
 * ```
 */
export interface SpendReadSummary {
  /** No file-level error and no rejected row. */
  ok: boolean;
  /** A file-level error stopped the read (a header that cannot be mapped, a failed source). */
  stopped: boolean;
  counts: TableCounts;
  /** How the header mapped onto spend fields (undefined when the header could not be read). */
  mapping: SpendHeaderMapping | undefined;
  /** The VAT basis of the amounts: declared, or stated by the amount header. */
  vatBasis: VatBasis | undefined;
  dateFormat: DateFormat;
  /** Under `auto`: the date order the file's unambiguous rows showed (undefined if none did). */
  dateInference: DateInference | undefined;
  /** Accepted rows flagged as procurement card transactions (no £500 threshold applies). */
  cardTransactions: number;
  /** Accepted rows whose supplier name was blank, read as redactions ({@link BLANK_SUPPLIER}). */
  blankSuppliers: number;
  issues: Issue[];
}

/** Rows held at most while the date order is unknown (then their ambiguous dates are issues). */
const HOLD_LIMIT = 25_000;
const LAYOUT = { dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy' } as const;

const text = textCell();
const amountCell = decimalCell({ example: '1234.50' });
const cardCell = booleanCell();

/**
 * A date cell read with core `readDate`: ISO dates and timestamps (`2017-07-03 00:00:00`),
 * `dd/mm/yyyy` when declared `dmy`, day = month always (`10/10/2017`), Excel serials
 * (`43012`), and under `auto` only dates that cannot be misread — `03/07/2017` is an
 * `ambiguous_date` issue asking for the format. (The spend reader does better under `auto`: it
 * infers the file's order from its unambiguous rows.)
 *
 * @example
 * ```ts
 * spendDateCell('auto')('03/07/2017', ctx); // { ok: false, code: 'ambiguous_date', … }
 * spendDateCell('dmy')('03/07/2017', ctx);  // { ok: true, value: '2017-07-03' }
 * ```
 */
export function spendDateCell(format: DateFormat = 'auto'): CellParser<string> {
  return (cell) => {
    const d = readDate(cell, format);
    if (d.ok) return { ok: true, value: d.value };
    return { ok: false, code: d.code, message: d.reason };
  };
}

/**
 * The columns of a spend table: one per mapped spend field, keyed by the field (see
 * {@link spendTable}).
 *
 * @example
 * ```ts
 * const cols: SpendColumns = { date: { header: 'Date', required: true, parse: spendDateCell('dmy') } };
 * ```
 */
export type SpendColumns = Record<string, ColumnDef<unknown>>;

const PARSERS: Record<SpendField, (format: DateFormat) => CellParser<unknown>> = {
  date: spendDateCell,
  supplierName: () => text,
  supplierId: () => text,
  amount: () => amountCell,
  transactionId: () => text,
  invoiceId: () => text,
  department: () => text,
  expenseType: () => text,
  purpose: () => text,
  cardTransaction: () => cardCell,
};

const OPTIONAL_TEXT = [
  'supplierId',
  'transactionId',
  'invoiceId',
  'department',
  'expenseType',
  'purpose',
] as const;

/**
 * The typed table for one spend file, built from its header mapping: one column per mapped
 * field, matched by the header exactly as the file writes it; date and amount must be filled,
 * and a blank supplier name is read as {@link BLANK_SUPPLIER}. Rows are core `SpendRow`s (ISO
 * date, decimal amount, `line`, and the file's VAT basis when known).
 *
 * @example
 * ```ts
 * const m = mapSpendHeaders(['Date', 'Supplier Name', 'Amount']);
 * if (m.ok) spendTable(m.value, { dateFormat: 'dmy' }).columns.date.header; // 'Date'
 * ```
 */
export function spendTable(
  mapping: SpendHeaderMapping,
  options: { dateFormat?: DateFormat; vatBasis?: VatBasis; date?: CellParser<unknown> } = {},
): Table<SpendColumns, SpendRow> {
  const format = options.dateFormat ?? 'auto';
  const basis = options.vatBasis ?? mapping.vatBasis;
  const columns: SpendColumns = {};
  for (const [field, header] of Object.entries(mapping.headers)) {
    if (!(field in PARSERS) || header === undefined) continue;
    const f = field as SpendField;
    columns[f] = {
      header: header.trim(),
      required: REQUIRED_SPEND_FIELDS.includes(f),
      parse: f === 'date' && options.date ? options.date : PARSERS[f](format),
    };
    // A blank beneficiary is a redaction, not a broken row.
    if (f === 'supplierName') columns[f].allowEmpty = true;
  }
  return defineTable<SpendColumns, SpendRow>({
    name: 'spend',
    columns,
    row: (v, ctx) => {
      const values = v as Record<string, unknown>;
      const name = values.supplierName;
      const row = {
        date: values.date as string,
        supplierName: typeof name === 'string' && name !== '' ? name : BLANK_SUPPLIER,
        amount: values.amount,
        line: ctx.line,
      } as SpendRow;
      for (const k of OPTIONAL_TEXT) {
        const x = values[k];
        if (typeof x === 'string' && x !== '') row[k] = x;
      }
      if (typeof values.cardTransaction === 'boolean') row.cardTransaction = values.cardTransaction;
      if (basis !== undefined) row.vatBasis = basis;
      return { ok: true, value: row };
    },
  });
}

// Stands in when there is no header to map, so the table reader reports the empty file, the
// unreadable header row or the failed source in its own words.
const PLACEHOLDER = defineTable({
  name: 'spend',
  columns: Object.fromEntries(
    REQUIRED_SPEND_FIELDS.map((f) => [
      f,
      {
        header: SPEND_HEADER_ALIASES.find((a) => a.field === f)?.header ?? f,
        required: true,
        parse: text,
      },
    ]),
  ) as SpendColumns,
});

/**
 * Streams a council spend-over-£500 file as typed core `SpendRow`s, one per line, each
 * accepted or rejected with located issues (`read = accepted + rejected`). The header row is
 * mapped with core `mapSpendHeaders` — the published variants of Devon, East Cambridgeshire,
 * Cannock Chase, Lichfield and the ODI Leeds aliases — and a header that cannot be mapped (a
 * required column missing, two amount columns without a declared VAT basis) stops the read with
 * file-level issues. Amounts are read as decimals from the text (`£1,234.50`,
 * `73423.70999999999`, `-120.00` credit notes); dates with core `parseSpendDate`.
 *
 * Memory stays flat: rows are yielded in batches per source chunk and never collected; only
 * the first `maxIssues` row issues are kept.
 *
 * @example
 * ```ts
 * const reader = new SpendReader(readFileSource('spend.csv'), { file: 'spend.csv', dateFormat: 'dmy' });
 * for await (const row of reader) if (row.ok) accumulator.add(row.value);
 * reader.summary().counts; // { read, accepted, rejected, blank }
 * ```
 */
export class SpendReader implements AsyncIterable<TableRow<SpendRow>> {
  #inner: TableReader<SpendColumns, SpendRow> | undefined;
  #mapping: SpendHeaderMapping | undefined;
  #vatBasis: VatBasis | undefined;
  #fileIssues: Issue[] = [];
  #rowIssues: Issue[] = [];
  #suppressed = new Map<string, number>();
  #stoppedEarly = false;
  #card = 0;
  #blankNames = 0;
  #used = false;
  // Date order inferred under `auto` (see #dateParser).
  #order: 'dmy' | 'mdy' | undefined;
  #decidedBy: { line: number; text: string }[] = [];
  #agreeing = 0;
  #settled = 0;
  #gaveUp = false;
  #moved = 0;
  readonly #source: CsvSource;
  readonly #options: ReadSpendOptions;

  constructor(source: CsvSource, options: ReadSpendOptions = {}) {
    this.#source = source;
    this.#options = options;
  }

  /**
   * Live row counts (zero until the header is read).
   *
   * @example
   * ```ts
   * reader.counts.read;
   * ```
   */
  get counts(): TableCounts {
    if (!this.#inner) return { read: 0, accepted: 0, rejected: 0, blank: 0 };
    const c = this.#inner.counts;
    // Rows held for an ambiguous date and rejected at the end were counted accepted by the table.
    return { ...c, accepted: c.accepted - this.#moved, rejected: c.rejected + this.#moved };
  }

  get #hints(): SpendReadHints {
    return this.#options.hints ?? API_HINTS;
  }

  /**
   * The date cell under `auto`: rows whose day is above 12 set the file's order; an ambiguous
   * date before that is passed on as both readings (`dmy|mdy`) and its row held back until the
   * order is known; a date that contradicts the order is not a date of this file.
   */
  #dateParser(): CellParser<unknown> {
    return (cell, ctx) => {
      const r = readDate(cell, 'auto');
      if (r.ok) {
        if (r.order === 'dmy' || r.order === 'mdy') {
          if (this.#order === undefined) this.#order = r.order;
          if (r.order !== this.#order) {
            const first = this.#decidedBy[0]!;
            return {
              ok: false,
              code: 'impossible_date',
              message: `${JSON.stringify(cell.trim())} is not a real date in ${LAYOUT[this.#order]}, the order line ${first.line} (${JSON.stringify(first.text)}) shows for this file: check the day and month, or give ${this.#hints.dateFormat(r.order)} if the whole file is ${LAYOUT[r.order]}`,
            };
          }
          this.#agreeing++;
          if (this.#decidedBy.length < 3) this.#decidedBy.push({ line: ctx.line, text: cell.trim() });
        }
        return { ok: true, value: r.value };
      }
      if (r.code === 'ambiguous_date' && r.readings) {
        if (this.#order !== undefined) {
          this.#settled++;
          return { ok: true, value: r.readings[this.#order] };
        }
        if (!this.#gaveUp) return { ok: true, value: `${r.readings.dmy}|${r.readings.mdy}` };
        return { ok: false, code: 'ambiguous_date', message: this.#ambiguous(cell) };
      }
      return { ok: false, code: r.code, message: r.reason };
    };
  }

  #ambiguous(cell: string): string {
    const r = readDate(cell, 'auto');
    const both = !r.ok && r.readings ? `${r.readings.dmy} or ${r.readings.mdy}` : 'two dates';
    const where = this.#gaveUp
      ? `none of the first ${HOLD_LIMIT.toLocaleString('en-GB')} rows`
      : 'no row of the file';
    return `${JSON.stringify(cell.trim())} could be ${both}, and ${where} has a day above 12 to show whether it writes dd/mm or mm/dd: give ${this.#hints.dateFormat('dmy')} (UK files) or ${this.#hints.dateFormat('mdy')}`;
  }

  /** Settles the held rows' dates in the inferred order, or rejects them when none is known. */
  #release(held: TableRow<SpendRow>[]): void {
    const col = this.#inner?.columns.find((c) => c.key === 'date');
    for (let k = 0; k < held.length; k++) {
      const row = held[k]!;
      if (!row.ok) continue;
      const bar = row.value.date.indexOf('|');
      if (bar < 0) continue;
      if (this.#order !== undefined) {
        row.value.date = this.#order === 'dmy' ? row.value.date.slice(0, bar) : row.value.date.slice(bar + 1);
        this.#settled++;
        continue;
      }
      this.#moved++;
      const cell = col ? (row.record[col.column - 1] ?? '') : '';
      const where: Omit<Issue, 'code' | 'message' | 'file'> = { line: row.line };
      if (col) {
        where.column = col.column;
        where.field = col.header;
      }
      held[k] = {
        ok: false,
        line: row.line,
        issues: [this.#at('ambiguous_date', this.#ambiguous(cell), where)],
        record: row.record,
      };
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TableRow<SpendRow>, void, undefined> {
    for await (const batch of this.batches()) yield* batch;
  }

  /**
   * Accepted rows only (issues of rejected rows are kept in the summary): the stream to feed
   * `analyseSpendAsync` or a spend accumulator.
   *
   * @example
   * ```ts
   * const analysis = await analyseSpendAsync(reader.rows(), { local: ['EX1'] });
   * ```
   */
  async *rows(): AsyncGenerator<SpendRow, void, undefined> {
    for await (const batch of this.batches()) for (const row of batch) if (row.ok) yield row.value;
  }

  /**
   * The rows in batches (one per source chunk): the fast way through a big file. The reader
   * can be read once.
   *
   * @example
   * ```ts
   * for await (const batch of reader.batches()) for (const row of batch) if (row.ok) acc.add(row.value);
   * ```
   */
  async *batches(): AsyncGenerator<TableRow<SpendRow>[], void, undefined> {
    if (this.#used) {
      this.#fileIssues.push(
        this.#at('source_reused', 'a spend reader can be read only once: make a new one', {}),
      );
      return;
    }
    this.#used = true;
    const {
      file,
      vatBasis,
      dateFormat,
      columns,
      aliases,
      maxIssues: _maxIssues,
      hints: _hints,
      ...records
    } = this.#options;
    const auto = (dateFormat ?? 'auto') === 'auto';
    const peeked = await peekHeader(this.#source, records);
    // The placeholder never yields a row: it fails at the header.
    let table = PLACEHOLDER as unknown as Table<SpendColumns, SpendRow>;
    const header = peeked.header;
    if (header && header.error === undefined) {
      const mapOptions: MapSpendHeadersOptions = {};
      if (vatBasis !== undefined) mapOptions.vatBasis = vatBasis;
      if (columns !== undefined) mapOptions.columns = columns;
      if (aliases !== undefined) mapOptions.aliases = aliases;
      if (file !== undefined) mapOptions.file = file;
      mapOptions.nameColumn = this.#hints.column;
      if (this.#hints.vatBasis !== undefined) mapOptions.nameVatBasis = this.#hints.vatBasis;
      const m = mapSpendHeaders(
        header.fields.map((h) => h.trim()),
        mapOptions,
      );
      const located = m.issues.map((i) => (i.line !== undefined ? { ...i, line: header.line } : i));
      for (const x of located) this.#fileIssues.push(x);
      if (!m.ok) {
        this.#stoppedEarly = true;
        return;
      }
      this.#mapping = m.value;
      this.#vatBasis = vatBasis ?? m.value.vatBasis;
      const unused = m.value.unmapped.map((u) => u.header.trim()).filter((h) => h !== '');
      if (unused.length) {
        this.#fileIssues.push(
          this.#at(
            'unknown_columns',
            `${unused.length === 1 ? 'column' : 'columns'} ${unused.map((h) => `"${h}"`).join(', ')} ${unused.length === 1 ? 'is' : 'are'} not a spend field and ${unused.length === 1 ? 'was' : 'were'} ignored: name ${unused.length === 1 ? 'it' : 'them'} with ${this.#hints.column('FIELD')} if ${unused.length === 1 ? 'it holds' : 'they hold'} a spend field`,
            { line: header.line, severity: 'warning' },
          ),
        );
      }
      try {
        const tableOptions: { dateFormat?: DateFormat; vatBasis?: VatBasis; date?: CellParser<unknown> } = {};
        if (dateFormat !== undefined) tableOptions.dateFormat = dateFormat;
        if (auto) tableOptions.date = this.#dateParser();
        if (this.#vatBasis !== undefined) tableOptions.vatBasis = this.#vatBasis;
        table = spendTable(m.value, tableOptions);
      } catch (e) {
        this.#fileIssues.push(
          this.#at(
            'header_ambiguous',
            `the header cannot be read as a spend file (${(e as Error).message}): rename one of the columns`,
            { line: header.line },
          ),
        );
        this.#stoppedEarly = true;
        return;
      }
    }
    const inner = new TableReader(peeked.source, table, {
      ...records,
      ...(file !== undefined ? { file } : {}),
      unknownColumns: 'ignore',
    });
    this.#inner = inner;
    const limit = this.#options.maxIssues ?? 1000;
    const keep = (i: Issue) => {
      if (this.#rowIssues.length < limit) this.#rowIssues.push(i);
      else this.#suppressed.set(i.code, (this.#suppressed.get(i.code) ?? 0) + 1);
    };
    const tally = (batch: TableRow<SpendRow>[]) => {
      for (const row of batch) {
        if (row.ok) {
          if (row.value.cardTransaction === true) this.#card++;
          if (row.value.supplierName === BLANK_SUPPLIER) this.#blankNames++;
          for (const w of row.warnings) keep(w);
        } else for (const i of row.issues) keep(i);
      }
    };
    const pending = (row: TableRow<SpendRow>) => row.ok && row.value.date.includes('|');
    // Rows from the first ambiguous date on wait, in order, until a row shows the date order.
    let held: TableRow<SpendRow>[] = [];
    for await (const batch of inner.batches()) {
      if (auto && (held.length > 0 || batch.some(pending))) {
        for (const row of batch) held.push(row);
        if (this.#order === undefined && held.length < HOLD_LIMIT) continue;
        if (this.#order === undefined) this.#gaveUp = true;
        this.#release(held);
        const out = held;
        held = [];
        tally(out);
        yield out;
        continue;
      }
      tally(batch);
      yield batch;
    }
    if (held.length) {
      this.#release(held);
      tally(held);
      yield held;
    }
  }

  #at(code: IssueCode, message: string, where: Omit<Issue, 'code' | 'message' | 'file'>): Issue {
    const i: Issue = issue(code, message, where);
    if (this.#options.file !== undefined) i.file = this.#options.file;
    return i;
  }

  /**
   * The end of the read (call after iterating): counts, mapping, VAT basis, issues.
   *
   * @example
   * ```ts
   * for await (const _ of reader.batches());
   * reader.summary().ok;
   * ```
   */
  summary(): SpendReadSummary {
    const inner = this.#inner?.summary();
    const issues = [...this.#fileIssues, ...(inner?.fileIssues ?? []), ...this.#rowIssues];
    if (this.#suppressed.size) {
      const n = [...this.#suppressed.values()].reduce((a, b) => a + b, 0);
      const codes = [...this.#suppressed]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([c, k]) => `${c}: ${k}`)
        .join(', ');
      issues.push(
        this.#at(
          'issues_truncated',
          `${n} more row issues were not listed (${codes}): fix the ones above and read the file again`,
          { severity: 'warning' },
        ),
      );
    }
    const fileErrors = [...this.#fileIssues, ...(inner?.fileIssues ?? [])].some(
      (i) => i.severity !== 'warning',
    );
    const counts = this.counts;
    const inference: DateInference | undefined =
      this.#order !== undefined
        ? { order: this.#order, decidedBy: this.#decidedBy, agreeing: this.#agreeing, settled: this.#settled }
        : undefined;
    if (inference) {
      const lines = inference.decidedBy.map((d) => `line ${d.line} (${JSON.stringify(d.text)})`).join(', ');
      const other = inference.order === 'dmy' ? 'mdy' : 'dmy';
      issues.unshift(
        this.#at(
          'date_format_inferred',
          `dates read as ${LAYOUT[inference.order]}: ${inference.agreeing} ${inference.agreeing === 1 ? 'row' : 'rows'} can be read no other way (${inference.order === 'dmy' ? 'a day above 12' : 'a second number above 12'}), first ${lines}; ${inference.settled} ${inference.settled === 1 ? 'date' : 'dates'} with day and month different and both 12 or under ${inference.settled === 1 ? 'was' : 'were'} read that way. If that is wrong, give ${this.#hints.dateFormat(other)}`,
          { severity: 'warning', line: inference.decidedBy[0]!.line },
        ),
      );
    }
    if (this.#blankNames > 0) {
      issues.push(
        this.#at(
          'supplier_blank_redacted',
          `${this.#blankNames} ${this.#blankNames === 1 ? 'row has' : 'rows have'} a blank supplier name: read as redacted (their money is in the redacted slice, as the Transparency Code treats withheld names)`,
          { severity: 'warning' },
        ),
      );
    }
    return {
      ok: !fileErrors && counts.rejected === 0,
      stopped: this.#stoppedEarly || (inner?.stopped ?? false),
      counts,
      mapping: this.#mapping,
      vatBasis: this.#vatBasis,
      dateFormat: this.#options.dateFormat ?? 'auto',
      dateInference: inference,
      cardTransactions: this.#card,
      blankSuppliers: this.#blankNames,
      issues,
    };
  }
}

/**
 * Streams a council spend file as typed rows (see {@link SpendReader}).
 *
 * @example
 * ```ts
 * const reader = readSpend('Date,Supplier Name,Amount\n2024-04-02,Exe Bakers,"£1,234.50"\n');
 * for await (const row of reader) row.ok && row.value.amount.toString(); // '1234.5'
 * ```
 */
export function readSpend(source: CsvSource, options: ReadSpendOptions = {}): SpendReader {
  return new SpendReader(source, options);
}

/**
 * Options of {@link accumulateSpendCsv}: progress reporting for long reads.
 *
 * @example
 * ```ts
 * const o: SpendProgressOptions = { progressEvery: 100_000, onProgress: (c) => console.error(c.read) };
 * ```
 */
export interface SpendProgressOptions {
  /** Called after every `progressEvery` rows read (checked once per source chunk). */
  onProgress?: (counts: TableCounts) => void;
  /** Rows between progress calls (default 100,000). */
  progressEvery?: number;
}

/**
 * Reads a spend file into a spend accumulator (accepted rows only) and returns the read's
 * summary. Use it to split a big file across workers: read each part into its own accumulator,
 * `merge` them in file order, then {@link withReadCounts} with every part's summary.
 *
 * @example
 * ```ts
 * const acc = createSpendAccumulator({ local: ['EX1'] });
 * const read = await accumulateSpendCsv(readFileSource('q1.csv'), acc, { file: 'q1.csv' });
 * const analysis = withReadCounts(acc.result(), [read]);
 * ```
 */
export async function accumulateSpendCsv(
  source: CsvSource | SpendReader,
  accumulator: SpendAccumulator,
  options: ReadSpendOptions & SpendProgressOptions = {},
): Promise<SpendReadSummary> {
  const { onProgress, progressEvery = 100_000, ...read } = options;
  const reader = source instanceof SpendReader ? source : new SpendReader(source, read);
  let next = progressEvery;
  for await (const batch of reader.batches()) {
    for (const row of batch) if (row.ok) accumulator.add(row.value);
    if (onProgress) {
      const c = reader.counts;
      if (c.read >= next) {
        onProgress(c);
        next = (Math.floor(c.read / progressEvery) + 1) * progressEvery;
      }
    }
  }
  return reader.summary();
}

/**
 * Puts the reader's counts and issues into a spend analysis: rows rejected by the reader never
 * reached the accumulator, so `rows.read` becomes the rows read from the file(s) and
 * `rows.rejected` adds the reader's rejections to the accumulator's (`read = accepted +
 * rejected` still holds); the reader issues come first.
 *
 * @example
 * ```ts
 * const a = withReadCounts(acc.result(), [readQ1, readQ2]);
 * a.rows; // { read: 120, accepted: 118, rejected: 2 }
 * ```
 */
export function withReadCounts(analysis: SpendAnalysis, reads: readonly SpendReadSummary[]): SpendAnalysis {
  let read = 0;
  let rejected = analysis.rows.rejected;
  const issues: Issue[] = [];
  for (const r of reads) {
    read += r.counts.read;
    rejected += r.counts.rejected;
    for (const x of r.issues) issues.push(x);
  }
  // The header already said the VAT basis is unknown; the analysis need not say it again.
  const said = new Set(issues.filter((i) => i.code === 'vat_basis_unknown').map((i) => i.code));
  return {
    ...analysis,
    rows: { read, accepted: read - rejected, rejected },
    issues: [...issues, ...analysis.issues.filter((i) => !said.has(i.code))],
  };
}

/**
 * What {@link analyseSpendCsv} gives: the analysis (counts and issues include the reader's)
 * and the read's summary (header mapping, VAT basis, card transactions).
 *
 * @example
 * ```ts
 * const { analysis, read } = r.value;
 * read.mapping?.headers; // { date: 'Date', amount: 'Amount', … }
 * ```
 */
export interface SpendCsvAnalysis {
  analysis: SpendAnalysis;
  read: SpendReadSummary;
}

/**
 * Streams a spend file through a spend analysis in one pass with flat memory. The VAT basis
 * declared for the file (or stated by its header) is the analysis's basis unless `spend`
 * says otherwise. Fails (with the file-level issues) when the file cannot be read as a spend
 * file; bad rows are rejected with located issues and counted.
 *
 * @example
 * ```ts
 * const r = await analyseSpendCsv(readFileSource('spend.csv'), {
 *   file: 'spend.csv', dateFormat: 'dmy', spend: { local: ['EX1', 'EX2'], suppliers: register },
 * });
 * if (r.ok) toSpendJson(r.value.analysis).local.share;
 * ```
 */
export async function analyseSpendCsv(
  source: CsvSource,
  options: ReadSpendOptions & SpendProgressOptions & { spend?: SpendOptionsInput } = {},
): Promise<Result<SpendCsvAnalysis>> {
  const { spend = {}, ...read } = options;
  const basis = spend.vatBasis ?? read.vatBasis;
  const acc = createSpendAccumulator(
    basis !== undefined ? { ...spend, vatBasis: basis } : spend,
    read.file !== undefined ? { file: read.file } : {},
  );
  const summary = await accumulateSpendCsv(new SpendReader(source, read), acc, read);
  if (summary.stopped && summary.issues.some((i) => i.severity !== 'warning')) return fail(summary.issues);
  const analysis = withReadCounts(acc.result(), [summary]);
  return ok({ analysis, read: summary }, analysis.issues);
}
