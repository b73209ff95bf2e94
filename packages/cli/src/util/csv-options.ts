import { DATE_FORMAT_NAMES, type DateFormat, dateFormatOf } from '@commonweal/core/economy';
import { type Issue, issue } from '@commonweal/core/issues';
import { type Columns, normalizeName, parseCsv, type SpendReadHints } from '@commonweal/csv';
import type { OptionSpec } from '../command';
import { type CliIO, extension, readText, UsageError } from './io';
import { FatalIssues } from './load';

export { DATE_FORMAT_NAMES, type DateFormat };

/**
 * The options every CSV-reading command takes to name its columns: `--columns` (repeatable or
 * comma-separated `field=column` pairs) and `--columns-file` (the same mapping as a JSON or CSV
 * file a council keeps and reuses every quarter).
 *
 * @example
 * ```ts
 * const options = { ...SPEND_READ_OPTIONS, ...COLUMN_OPTIONS };
 * ```
 */
export const COLUMN_OPTIONS: Record<string, OptionSpec> = {
  columns: {
    type: 'string',
    multiple: true,
    value: 'FIELD=COLUMN,…',
    description:
      'Name the column that holds a field, e.g. date="Paid Date",amount=Amount (repeatable; quote a column with commas: supplierName="Name, Supplier")',
  },
  'columns-file': {
    type: 'string',
    value: 'FILE',
    description:
      'The column mapping as a file to reuse each quarter: JSON {"date": "Paid Date"} or CSV with header field,column (--columns wins)',
  },
};

/**
 * The `--date-format` option of commands that read dates from a spend file.
 *
 * @example
 * ```ts
 * commandHelp({ ...cmd, options: { ...DATE_FORMAT_OPTION } });
 * ```
 */
export const DATE_FORMAT_OPTION: Record<string, OptionSpec> = {
  'date-format': {
    type: 'string',
    value: 'auto|dd/mm/yyyy|mm/dd/yyyy|yyyy-mm-dd|excel',
    choices: ['auto', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd', 'excel', 'dmy', 'mdy', 'iso'],
    description:
      'How dates are written: auto (default: the order is inferred from dates with a day above 12, and said), dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd or excel (serial day numbers such as 43012)',
  },
};

/**
 * Reads `--date-format` (`auto` when absent); an unknown value is a usage error listing the
 * values.
 *
 * @example
 * ```ts
 * dateFormatOption('dd/mm/yyyy'); // 'dmy'
 * ```
 */
export function dateFormatOption(value: unknown): DateFormat {
  if (value === undefined) return 'auto';
  const f = typeof value === 'string' ? dateFormatOf(value) : undefined;
  if (f === undefined)
    throw new UsageError(
      `--date-format must be auto, dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd or excel (got '${String(value)}')`,
    );
  return f;
}

const FLAG_NAME: Record<'dmy' | 'mdy', string> = { dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy' };

/**
 * How the spend reader's messages name the CLI flags (never an API option such as
 * `columns.date`).
 *
 * @example
 * ```ts
 * CLI_HINTS.column('date'); // '--columns date="<header>"'
 * ```
 */
export const CLI_HINTS: SpendReadHints = {
  column: (field) => `--columns ${field}="<header>"`,
  dateFormat: (f) => `--date-format ${FLAG_NAME[f]}`,
  vatBasis: '--vat-basis inc|exc',
};

/**
 * Splits a `--columns` value into `field → column` pairs: `date=Paid Date,amount=Amount`; a
 * column in double quotes may hold commas and `""` for a quote (`supplierName="Name, Supplier"`).
 * A malformed pair is a usage error saying what to write.
 *
 * @example
 * ```ts
 * parseColumnsSpec('date=Paid Date,amount="Amount, £"'); // { date: 'Paid Date', amount: 'Amount, £' }
 * ```
 */
export function parseColumnsSpec(text: string): Record<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const eq = text.indexOf('=', i);
    const comma = text.indexOf(',', i);
    if (eq < 0 || (comma >= 0 && comma < eq)) {
      const bit = text.slice(i, comma < 0 ? n : comma).trim();
      if (bit === '' && comma >= 0) {
        i = comma + 1;
        continue;
      }
      throw new UsageError(
        `--columns: "${bit}" has no "=": write field=column, e.g. --columns date="Paid Date"`,
      );
    }
    const field = text.slice(i, eq).trim();
    if (field === '') throw new UsageError(`--columns: a pair has no field before "=": write field=column`);
    let j = eq + 1;
    while (j < n && text[j] === ' ') j++;
    let column: string;
    if (text[j] === '"' || text[j] === "'") {
      const q = text[j]!;
      let k = j + 1;
      let v = '';
      for (;;) {
        if (k >= n) throw new UsageError(`--columns: the column for ${field} has no closing ${q}`);
        if (text[k] === q) {
          if (text[k + 1] === q) {
            v += q;
            k += 2;
            continue;
          }
          break;
        }
        v += text[k];
        k++;
      }
      column = v;
      k++;
      while (k < n && text[k] === ' ') k++;
      if (k < n && text[k] !== ',')
        throw new UsageError(
          `--columns: unexpected text after the quoted column for ${field}: put a comma between pairs`,
        );
      i = k + 1;
    } else {
      const end = text.indexOf(',', j);
      column = text.slice(j, end < 0 ? n : end).trim();
      i = end < 0 ? n : end + 1;
    }
    if (column === '')
      throw new UsageError(`--columns: no column given for ${field}: write ${field}=<header>`);
    const had = out.get(field);
    if (had !== undefined && had !== column)
      throw new UsageError(`--columns: ${field} is named twice ("${had}" and "${column}"): keep one`);
    out.set(field, column);
  }
  return Object.fromEntries(out);
}

/**
 * Reads a column-mapping file: JSON `{ "date": "Paid Date", "amount": "Amount" }` or CSV with
 * the header `field,column` and one pair a row. Problems are located issues (file, line,
 * field), given back as a `FatalIssues` error (exit 2).
 *
 * @example
 * ```ts
 * parseColumnsFile('field,column\ndate,Paid Date\n', 'map.csv'); // { date: 'Paid Date' }
 * ```
 */
export function parseColumnsFile(text: string, file: string): Record<string, string> {
  const issues: Issue[] = [];
  const out = new Map<string, string>();
  const put = (field: string, column: string, where: Omit<Issue, 'code' | 'message'>) => {
    const had = out.get(field);
    if (had !== undefined && had !== column) {
      issues.push(
        issue('duplicate_field', `${field} is mapped twice ("${had}" and "${column}"): keep one`, where),
      );
      return;
    }
    out.set(field, column);
  };
  if (extension(file) === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new FatalIssues(`${file} is not a column mapping`, [
        issue('invalid_json', `${file} is not JSON (${(e as Error).message}): write {"date": "Paid Date"}`, {
          file,
        }),
      ]);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new FatalIssues(`${file} is not a column mapping`, [
        issue(
          'invalid_mapping',
          'a column mapping is one JSON object of field: column, e.g. {"date": "Paid Date"}',
          {
            file,
          },
        ),
      ]);
    }
    for (const [field, column] of Object.entries(data)) {
      if (typeof column !== 'string' || column.trim() === '') {
        issues.push(
          issue(
            'invalid_mapping',
            `the column for ${field} must be a header, as text (got ${JSON.stringify(column)})`,
            {
              file,
              path: [field],
              field,
            },
          ),
        );
        continue;
      }
      put(field.trim(), column.trim(), { file, path: [field], field });
    }
  } else {
    const { records } = parseCsv(text.replace(/^\uFEFF/, ''));
    let first = true;
    for (const rec of records) {
      if (rec.fields.every((f) => f.trim() === '')) continue;
      const where = { file, line: rec.line };
      if (rec.error !== undefined) {
        issues.push(issue('invalid_csv', `the row cannot be read: ${rec.error.message}`, where));
        continue;
      }
      const [field = '', column = '', ...rest] = rec.fields.map((f) => f.trim());
      if (first) {
        first = false;
        if (normalizeName(field) === 'field' && normalizeName(column) === 'column') continue;
        issues.push(
          issue(
            'missing_header',
            `the first row must be the header field,column (got "${rec.fields.join(',')}")`,
            where,
          ),
        );
        continue;
      }
      if (field === '' || column === '' || rest.some((r) => r !== '')) {
        issues.push(
          issue(
            'invalid_mapping',
            'each row is one field and the column that holds it, e.g. date,Paid Date',
            {
              ...where,
              column: field === '' ? 1 : 2,
            },
          ),
        );
        continue;
      }
      put(field, column, { ...where, column: 1, field });
    }
  }
  if (issues.length) throw new FatalIssues(`${file} cannot be used as a column mapping`, issues);
  return Object.fromEntries(out);
}

/**
 * One CSV input of a command and the fields its columns may be named for: the table key
 * (`supplierName`) or its canonical header (`supplier_name`), matched ignoring case and
 * punctuation.
 *
 * @example
 * ```ts
 * const input: CsvInput = { name: 'bids', fields: fieldsOf(BID_COLUMNS) };
 * ```
 */
export interface CsvInput {
  /** The input's name, for `name.field=column` and in messages (e.g. `spend`, `bids`). */
  name: string;
  fields: readonly { key: string; header?: string }[];
}

/**
 * The fields of a table's columns (its keys and canonical headers).
 *
 * @example
 * ```ts
 * fieldsOf(BID_COLUMNS).map((f) => f.key); // ['bid', 'bidder', 'price', …]
 * ```
 */
export function fieldsOf(columns: Columns): { key: string; header: string }[] {
  return Object.entries(columns).map(([key, c]) => ({ key, header: c.header }));
}

/**
 * Reads `--columns` and `--columns-file` into a column choice per input: `{ spend: { date:
 * 'Paid Date' } }`. A field goes to the first input that has it (the command's main file comes
 * first); `bids.price=Tender Price` names the input. A field no input has is a usage error
 * listing the fields the command accepts. Undefined when neither option was given.
 *
 * @example
 * ```ts
 * const cols = columnsOption(io, values, [{ name: 'spend', fields: SPEND_FIELDS.map((key) => ({ key })) }]);
 * cols?.spend; // { date: 'Paid Date', amount: 'Amount' }
 * ```
 */
export function columnsOption(
  io: CliIO,
  values: Record<string, unknown>,
  inputs: readonly CsvInput[],
): Record<string, Record<string, string>> | undefined {
  const raw = new Map<string, string>();
  const file = values['columns-file'];
  if (file !== undefined) {
    if (typeof file !== 'string' || file === '') throw new UsageError('--columns-file needs a file');
    if (!['json', 'csv'].includes(extension(file)))
      throw new UsageError(`--columns-file ${file}: expected a .json or .csv file`);
    for (const [f, c] of Object.entries(parseColumnsFile(readText(io, file), file))) raw.set(f, c);
  }
  const flags = values.columns;
  const list = Array.isArray(flags) ? flags.map(String) : typeof flags === 'string' ? [flags] : [];
  const fromFlags = new Map<string, string>();
  for (const v of list) {
    for (const [f, c] of Object.entries(parseColumnsSpec(v))) {
      const had = fromFlags.get(f);
      if (had !== undefined && had !== c)
        throw new UsageError(`--columns: ${f} is named twice ("${had}" and "${c}"): keep one`);
      fromFlags.set(f, c);
    }
  }
  for (const [f, c] of fromFlags) raw.set(f, c);
  if (file === undefined && list.length === 0) return undefined;

  const out: Record<string, Record<string, string>> = {};
  for (const input of inputs) out[input.name] = {};
  const find = (input: CsvInput, name: string) => {
    const n = normalizeName(name);
    return input.fields.find(
      (f) => normalizeName(f.key) === n || (f.header !== undefined && normalizeName(f.header) === n),
    );
  };
  const unknown: string[] = [];
  for (const [name, column] of raw) {
    const dot = name.indexOf('.');
    const named =
      dot > 0 ? inputs.find((i) => normalizeName(i.name) === normalizeName(name.slice(0, dot))) : undefined;
    const candidates = named ? [named] : inputs;
    const fieldName = named ? name.slice(dot + 1) : name;
    let placed = false;
    for (const input of candidates) {
      const f = find(input, fieldName);
      if (f) {
        out[input.name]![f.key] = column;
        placed = true;
        break;
      }
    }
    if (!placed) unknown.push(name);
  }
  if (unknown.length) {
    const accepted = inputs
      .map((i) => `${inputs.length > 1 ? `${i.name}: ` : ''}${i.fields.map((f) => f.key).join(', ')}`)
      .join('; ');
    throw new UsageError(
      `--columns: ${unknown.length === 1 ? 'no field' : 'no fields'} ${unknown.map((u) => `"${u}"`).join(', ')} in this command; it accepts ${accepted}${inputs.length > 1 ? ` (write input.field to choose the file, e.g. ${inputs[1]!.name}.${inputs[1]!.fields[0]?.key ?? 'field'}=…)` : ''}`,
    );
  }
  return out;
}

/**
 * A table reader's `headers` option from a column choice (undefined when empty), so callers can
 * spread it into the reader options.
 *
 * @example
 * ```ts
 * readBidsCsv(text, { file, ...headersFor(cols, 'bids') });
 * ```
 */
export function headersFor(
  columns: Record<string, Record<string, string>> | undefined,
  input: string,
): { headers?: Record<string, string>; columnHint: (key: string) => string } {
  const h = columns?.[input];
  const hint = (key: string) => `--columns ${key}="<header>"`;
  return h && Object.keys(h).length ? { headers: h, columnHint: hint } : { columnHint: hint };
}
