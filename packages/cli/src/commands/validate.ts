import type { DateFormat } from '@commonweal/core/economy';
import { formatIssue, hasErrors } from '@commonweal/core/issues';
import {
  documentText,
  JSON_KIND_SCHEMAS,
  VALIDATE_KINDS,
  type ValidateFlowOptions,
  type Validation,
  validateFlow,
} from '@commonweal/flows';
import type { Command } from '../command';
import {
  CLI_HINTS,
  COLUMN_OPTIONS,
  type CsvInput,
  columnsOption,
  DATE_FORMAT_OPTION,
  dateFormatOption,
  headersFor,
} from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { chooseFormat, OUT_OPTION } from '../util/output';

export type { Validation };
export { JSON_KIND_SCHEMAS };

/**
 * Options of {@link validateText}: how to resolve `--columns` for the kind found (a usage
 * error for a field the kind does not have), and the spend file's date format.
 *
 * @example
 * ```ts
 * const o: ValidateOptions = { dateFormat: 'dmy' };
 * ```
 */
export interface ValidateOptions {
  columns?: (input: CsvInput) => Record<string, string> | undefined;
  dateFormat?: DateFormat;
  /** The file's kind by extension (`csv` or `json`) when its name does not say, e.g. standard input. */
  ext?: string;
}

/** The flow's options from the command line's: `--columns` as headers with the CLI's hints. */
function flowOptions(options: ValidateOptions): ValidateFlowOptions {
  const pick = options.columns;
  return {
    columns: (input) => headersFor(pick ? { [input.name]: pick(input) ?? {} } : undefined, input.name),
    dateFormat: options.dateFormat,
    hints: CLI_HINTS,
    ext: options.ext,
  };
}

/**
 * Detects what kind of Commonweal input a file is (by extension, then its header or keys) and
 * reads it with the matching reader (the validate flow of `@commonweal/flows`), returning every
 * issue and the row counts. An unknown kind or extension is a usage error.
 *
 * @example
 * ```ts
 * const v = await validateText('measure,quantity,year\nNT1,ten,2025\n', 'e.csv');
 * v.kind; // 'entries'
 * v.issues[0]?.line; // 2
 * ```
 */
export async function validateText(
  text: string,
  file: string,
  kindId?: string,
  options: ValidateOptions = {},
): Promise<Validation> {
  const r = await validateFlow({ files: [{ name: file, text }], kind: kindId, ...flowOptions(options) });
  if (!r.ok) throw new UsageError(r.headline);
  return r.validations[0] as Validation;
}

/**
 * `commonweal validate FILE…`: detects the kind of each file and reports its issues.
 *
 * @example
 * ```sh
 * commonweal validate examples/tender/model.json examples/tender/scores.csv
 * ```
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Detect the kind of an input file and report its issues (located by line and column)',
  usage: 'commonweal validate FILE [FILE…] [--kind KIND] [--format table|json]',
  positionals: [
    { name: 'file', required: true, description: 'A .csv or .json input file (several may be given)' },
  ],
  variadic: true,
  options: {
    ...COLUMN_OPTIONS,
    ...DATE_FORMAT_OPTION,
    kind: {
      type: 'string',
      short: 'k',
      value: 'KIND',
      choices: VALIDATE_KINDS,
      description: `Say what the file is instead of detecting it: ${VALIDATE_KINDS.join(', ')}`,
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: ['table', 'json'],
      description: 'table (default) or json',
    },
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal validate examples/valuation/commitments.csv',
    'commonweal validate examples/tender/model.json examples/tender/bids.csv examples/tender/scores.csv',
    'commonweal validate spend-2025-q1.csv --kind spend --format json',
  ],
  async run({ values, positionals }, io: CliIO) {
    const format = chooseFormat(values.format, ['table', 'json']);
    const options: ValidateOptions = {
      columns: (input) => columnsOption(io, values, [input])?.[input.name],
      dateFormat: dateFormatOption(values['date-format']),
    };
    const r = await validateFlow({
      files: positionals.map((file) => ({ name: file, text: readText(io, file) })),
      exts: positionals.map((file) => extension(file, io)),
      kind: typeof values.kind === 'string' ? values.kind : undefined,
      ...flowOptions(options),
    });
    if (!r.ok) throw new UsageError(r.headline);
    const results = r.validations;
    // The issues are validate's result, written with it, so finish() gets none to print on stderr.
    const code = await finish(io, values, {
      issues: [],
      output: () =>
        format === 'json'
          ? documentText(r.document)
          : results
              .map((v) => {
                const errors = v.issues.filter((i) => i.severity !== 'warning').length;
                const warnings = v.issues.length - errors;
                const c = v.counts
                  ? `; rows ${v.counts.read} read, ${v.counts.accepted} accepted, ${v.counts.rejected} rejected`
                  : '';
                const head = `${v.file}: ${v.description} — ${errors ? `${errors} error(s)` : 'no errors'}${warnings ? `, ${warnings} warning(s)` : ''}${c}`;
                return [head, ...v.issues.map((i) => `  ${formatIssue({ file: v.file, ...i })}`)].join('\n');
              })
              .join('\n')
              .concat('\n'),
    });
    return hasErrors(r.issues) ? 1 : code;
  },
};
