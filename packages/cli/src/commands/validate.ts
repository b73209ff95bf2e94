import { type DateFormat, SPEND_EXTRA_FIELDS, SPEND_FIELDS } from '@commonweal/core/economy';
import { formatIssue, type Issue } from '@commonweal/core/issues';
import { validateModel } from '@commonweal/core/procurement';
import {
  BID_COLUMNS,
  COMMITMENT_COLUMNS,
  EMISSION_COLUMNS,
  ENTRY_COLUMNS,
  GATE_COLUMNS,
  INDICATOR_COLUMNS,
  MEASURE_COLUMNS,
  MODERATION_COLUMNS,
  OUTCOME_COLUMNS,
  parseCsv,
  readBidsCsv,
  readCommitmentsCsv,
  readEmissionsCsv,
  readEntriesCsv,
  readGatesCsv,
  readIndicatorsCsv,
  readMeasuresCsv,
  readModerationCsv,
  readOutcomesCsv,
  readPrioritySurveyCsv,
  readScoresCsv,
  readSpend,
  readSupplierRegisterCsv,
  SCORE_COLUMNS,
  SUPPLIER_COLUMNS,
  SURVEY_COLUMNS,
} from '@commonweal/csv';
import {
  canonicalStringify,
  locateJsonPaths,
  ocdsSkeleton,
  parseEntries,
  parseFramework,
  parseWith,
  safeParseJson,
  schemaInfo,
  schemaNames,
} from '@commonweal/json';
import type { Command } from '../command';
import {
  CLI_HINTS,
  COLUMN_OPTIONS,
  type CsvInput,
  columnsOption,
  DATE_FORMAT_OPTION,
  dateFormatOption,
  fieldsOf,
  headersFor,
} from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { chooseFormat, emit } from '../util/output';

/** What a validation found in one file. */
export interface Validation {
  file: string;
  kind: string;
  description: string;
  issues: Issue[];
  counts?: { read: number; accepted: number; rejected: number };
}

/** What a kind's reader is given besides the text: column choices and the date format. */
interface CheckOptions {
  table: ReturnType<typeof headersFor>;
  dateFormat: DateFormat;
}

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

interface Kind {
  id: string;
  description: string;
  ext: 'csv' | 'json';
  /** Columns (normalised) that identify a CSV kind, all required. */
  columns?: string[];
  /** The fields `--columns` may name for this kind. */
  fields?: CsvInput['fields'];
  /** Keys that identify a JSON kind. */
  detect?: (value: unknown) => boolean;
  /** The registered JSON Schema (`commonweal schema NAME`) a JSON kind is checked against. */
  schema?: string;
  check: (
    text: string,
    file: string,
    o: CheckOptions,
  ) => Promise<Omit<Validation, 'file' | 'kind' | 'description'>>;
}

/** Puts the line and column of its JSON path on every issue that has none (and the file). */
function locateIssues(issues: readonly Issue[], text: string, file: string): Issue[] {
  const at = locateJsonPaths(
    text,
    issues.map((i) => i.path ?? []),
  );
  return issues.map((i) => {
    const hit = at.get(JSON.stringify(i.path ?? []));
    const out: Issue = { ...i, file };
    if (hit && i.line === undefined) {
      out.line = hit.line;
      out.column = hit.column;
    }
    return out;
  });
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const counts = (c: { read: number; accepted: number; rejected: number }) => ({
  read: c.read,
  accepted: c.accepted,
  rejected: c.rejected,
});
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kinds of file `commonweal validate` recognises, most specific first. */
const KINDS: Kind[] = [
  {
    id: 'measures',
    description: 'measures framework table',
    ext: 'csv',
    columns: ['code', 'title', 'theme', 'unit', 'proxyvalue'],
    fields: fieldsOf(MEASURE_COLUMNS),
    check: async (text, file, o) => {
      const r = await readMeasuresCsv(text, { file, ...o.table });
      return { issues: r.issues };
    },
  },
  {
    id: 'commitments',
    description: 'bid commitments (entries with a bid column)',
    ext: 'csv',
    columns: ['bid', 'measure', 'quantity', 'year'],
    fields: fieldsOf(COMMITMENT_COLUMNS),
    check: async (text, file, o) => {
      const r = await readCommitmentsCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'entries',
    description: 'entries (commitments or delivered outcomes)',
    ext: 'csv',
    columns: ['measure', 'quantity', 'year'],
    fields: fieldsOf(ENTRY_COLUMNS),
    check: async (text, file, o) => {
      const r = await readEntriesCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'outcomes',
    description: 'delivered outcome records (monitoring)',
    ext: 'csv',
    columns: ['measure', 'quantity'],
    fields: fieldsOf(OUTCOME_COLUMNS),
    check: async (text, file, o) => {
      const r = await readOutcomesCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'scores',
    description: "evaluators' scores",
    ext: 'csv',
    columns: ['bid', 'criterion', 'evaluator', 'score'],
    fields: fieldsOf(SCORE_COLUMNS),
    check: async (text, file, o) => {
      const r = await readScoresCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'moderation',
    description: 'moderated scores',
    ext: 'csv',
    columns: ['bid', 'criterion', 'score', 'reason'],
    fields: fieldsOf(MODERATION_COLUMNS),
    check: async (text, file, o) => {
      const r = await readModerationCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'gates',
    description: 'pass/fail gate results',
    ext: 'csv',
    columns: ['bid', 'criterion', 'result'],
    fields: fieldsOf(GATE_COLUMNS),
    check: async (text, file, o) => {
      const r = await readGatesCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'bids',
    description: 'bids',
    ext: 'csv',
    columns: ['bid', 'bidder', 'price'],
    fields: fieldsOf(BID_COLUMNS),
    check: async (text, file, o) => {
      const r = await readBidsCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'indicators',
    description: 'place indicators (doughnut portrait)',
    ext: 'csv',
    columns: ['id', 'dimension', 'kind', 'value', 'target'],
    fields: fieldsOf(INDICATOR_COLUMNS),
    check: async (text, file, o) => {
      const r = await readIndicatorsCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'emissions',
    description: 'emissions by year',
    ext: 'csv',
    columns: ['year', 'tco2e'],
    fields: fieldsOf(EMISSION_COLUMNS),
    check: async (text, file, o) => {
      const r = await readEmissionsCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'suppliers',
    description: 'supplier register',
    ext: 'csv',
    columns: ['suppliername', 'postcode'],
    fields: fieldsOf(SUPPLIER_COLUMNS),
    check: async (text, file, o) => {
      const r = await readSupplierRegisterCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'survey',
    description: 'community priorities survey',
    ext: 'csv',
    columns: ['respondent', 'group', 'item'],
    fields: fieldsOf(SURVEY_COLUMNS),
    check: async (text, file, o) => {
      const r = await readPrioritySurveyCsv(text, { file, ...o.table });
      return { issues: r.issues, counts: counts(r.counts) };
    },
  },
  {
    id: 'spend',
    description: 'council spend-over-£500 file',
    ext: 'csv',
    fields: [...SPEND_FIELDS, ...SPEND_EXTRA_FIELDS].map((key) => ({ key })),
    check: async (text, file, o) => {
      const reader = readSpend(text, {
        file,
        dateFormat: o.dateFormat,
        hints: CLI_HINTS,
        ...(o.table.headers ? { columns: o.table.headers } : {}),
      });
      for await (const _batch of reader.batches()) {
        // read to the end; the summary holds the counts and issues
      }
      const s = reader.summary();
      return { issues: s.issues, counts: counts(s.counts) };
    },
  },
  {
    id: 'evaluation-model',
    description: 'tender evaluation model',
    ext: 'json',
    schema: 'evaluation-model',
    detect: (v) => isObject(v) && Array.isArray(v.criteria),
    check: async (text, file) => {
      const parsed = safeParseJson(text, { file });
      if (!parsed.ok) return { issues: parsed.issues };
      const r = validateModel(parsed.value);
      return { issues: locateIssues(r.issues, text, file) };
    },
  },
  {
    id: 'framework',
    description: 'measures framework',
    ext: 'json',
    schema: 'framework',
    detect: (v) => isObject(v) && Array.isArray(v.measures),
    check: async (text, file) => ({ issues: parseFramework(text, { file }).issues }),
  },
  {
    id: 'ocds',
    description: 'OCDS release, release package or record package',
    ext: 'json',
    detect: (v) => isObject(v) && ('releases' in v || 'records' in v || 'ocid' in v || 'tender' in v),
    check: async (text, file) => ({ issues: ocdsSkeleton(text, { file }).issues }),
  },
  {
    id: 'entries-json',
    description: 'entries',
    ext: 'json',
    schema: 'entries',
    detect: (v) => Array.isArray(v) || (isObject(v) && Array.isArray(v.entries)),
    check: async (text, file) => {
      const r = parseEntries(text, { file });
      return {
        issues: r.issues,
        ...(r.ok ? { counts: { read: r.value.length, accepted: r.value.length, rejected: 0 } } : {}),
      };
    },
  },
];

// Every other input format with a JSON Schema is a kind too (named as `commonweal schema`
// names it; given with --kind, never detected): checked by the same zod schema the JSON Schema
// is generated from.
for (const name of schemaNames()) {
  const info = schemaInfo(name);
  if (info.io !== 'input' || KINDS.some((k) => k.schema === name || (k.ext === 'json' && k.id === name)))
    continue;
  KINDS.push({
    id: KINDS.some((k) => k.id === name) ? `${name}-json` : name,
    description: info.description.charAt(0).toLowerCase() + info.description.slice(1),
    ext: 'json',
    schema: name,
    check: async (text, file) => {
      const r = parseWith(info.schema, text, { file });
      return {
        issues: r.issues,
        ...(r.ok && Array.isArray(r.value)
          ? { counts: { read: r.value.length, accepted: r.value.length, rejected: 0 } }
          : {}),
      };
    },
  });
}

/**
 * The registered JSON Schema name each JSON kind of {@link validateText} is checked against
 * (kind id → schema name), so the JSON Schemas and `commonweal validate` can be compared.
 *
 * @example
 * ```ts
 * JSON_KIND_SCHEMAS.framework; // 'framework'
 * ```
 */
export const JSON_KIND_SCHEMAS: Readonly<Record<string, string>> = Object.fromEntries(
  KINDS.filter((k) => k.ext === 'json' && k.schema).map((k) => [k.id, k.schema as string]),
);

/**
 * Detects what kind of Commonweal input a file is (by extension, then its header or keys) and
 * reads it with the matching reader, returning every issue and the row counts.
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
  const ext = options.ext ?? extension(file);
  let kind: Kind | undefined;
  if (kindId) {
    kind =
      KINDS.find((k) => k.ext === ext && (k.id === kindId || k.id === `${kindId}-json`)) ??
      KINDS.find((k) => k.id === kindId);
    if (!kind) throw new UsageError(`--kind must be one of ${KINDS.map((k) => k.id).join(', ')}`);
  } else if (ext === 'csv') {
    const first = parseCsv(text.slice(0, 64 * 1024)).records.find((r) =>
      r.fields.some((f) => f.trim() !== ''),
    );
    const headers = new Set((first?.fields ?? []).map(norm));
    kind =
      KINDS.find((k) => k.ext === 'csv' && k.columns && k.columns.every((c) => headers.has(c))) ??
      KINDS.find((k) => k.id === 'spend');
  } else if (ext === 'json') {
    const parsed = safeParseJson(text, { file });
    if (!parsed.ok) return { file, kind: 'json', description: 'JSON', issues: parsed.issues };
    kind = KINDS.find((k) => k.ext === 'json' && k.detect?.(parsed.value));
    if (!kind) {
      return {
        file,
        kind: 'unknown',
        description: 'unrecognised JSON',
        issues: [
          {
            code: 'unknown_kind',
            message:
              'not a framework, evaluation model, entries list or OCDS release: give --kind to say what it is',
            file,
          },
        ],
      };
    }
  } else {
    throw new UsageError(`${file}: validate reads .csv and .json files`);
  }
  if (!kind) throw new UsageError(`${file}: cannot tell what kind of file this is; give --kind`);
  const chosen = kind.fields ? options.columns?.({ name: kind.id, fields: kind.fields }) : undefined;
  const table = headersFor(chosen ? { [kind.id]: chosen } : undefined, kind.id);
  const r = await kind.check(text, file, { table, dateFormat: options.dateFormat ?? 'auto' });
  return { file, kind: kind.id, description: kind.description, ...r };
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
      choices: KINDS.map((k) => k.id),
      description: `Say what the file is instead of detecting it: ${KINDS.map((k) => k.id).join(', ')}`,
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: ['table', 'json'],
      description: 'table (default) or json',
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout',
    },
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal validate examples/valuation/commitments.csv',
    'commonweal validate examples/tender/model.json examples/tender/bids.csv examples/tender/scores.csv',
    'commonweal validate spend-2025-q1.csv --kind spend --format json',
  ],
  async run({ values, positionals }, io: CliIO) {
    const format = chooseFormat(values.format, ['table', 'json']);
    const quiet = Boolean(values.quiet);
    const results: Validation[] = [];
    const options: ValidateOptions = {
      columns: (input) => columnsOption(io, values, [input])?.[input.name],
      dateFormat: dateFormatOption(values['date-format']),
    };
    for (const file of positionals) {
      results.push(
        await validateText(
          readText(io, file),
          file,
          typeof values.kind === 'string' ? values.kind : undefined,
          { ...options, ext: extension(file, io) },
        ),
      );
    }
    let text: string;
    if (format === 'json') {
      text = canonicalStringify(results, { indent: 2, finalNewline: true });
    } else {
      text = results
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
        .concat('\n');
    }
    emit(io, text, values.out, quiet);
    return results.some((v) => v.issues.some((i) => i.severity !== 'warning')) ? 1 : 0;
  },
};
