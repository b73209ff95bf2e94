import { type DateFormat, SPEND_EXTRA_FIELDS, SPEND_FIELDS } from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
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
  type SpendReadHints,
  SUPPLIER_COLUMNS,
  SURVEY_COLUMNS,
} from '@commonweal/csv';
import {
  locateJsonPaths,
  ocdsSkeleton,
  parseEntries,
  parseFramework,
  parseWith,
  safeParseJson,
  schemaInfo,
  schemaNames,
} from '@commonweal/json';
import {
  type FlowColumns,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  runFlow,
  textOf,
} from '../inputs/inputs';

/**
 * A CSV kind's fields that a column choice may name (`--columns` on the command line).
 *
 * @example
 * ```ts
 * const f: ValidateFields = { name: 'bids', fields: [{ key: 'bid' }, { key: 'price' }] };
 * ```
 */
export interface ValidateFields {
  name: string;
  fields: readonly { key: string; header?: string }[];
}

/**
 * What a validation found in one file: its kind (detected, or as told), every issue and, for a
 * table, the rows read, accepted and rejected.
 *
 * @example
 * ```ts
 * const v: Validation = { file: 'e.csv', kind: 'entries', description: 'entries', issues: [] };
 * ```
 */
export interface Validation {
  file: string;
  kind: string;
  description: string;
  issues: Issue[];
  counts?: { read: number; accepted: number; rejected: number };
}

/** What a kind's reader is given besides the text: column choices and the date format. */
interface CheckOptions {
  table: FlowColumns;
  dateFormat: DateFormat;
  hints: SpendReadHints | undefined;
}

/**
 * Options of {@link validateText} and {@link validateFlow}: the column choice for the kind found
 * (the command line's `--columns`; it may throw a usage error for a field the kind does not
 * have), the spend file's date format and how messages name options.
 *
 * @example
 * ```ts
 * const o: ValidateFlowOptions = { dateFormat: 'dmy' };
 * ```
 */
export interface ValidateFlowOptions {
  columns?: ((input: ValidateFields) => FlowColumns | undefined) | undefined;
  dateFormat?: DateFormat | undefined;
  /** How spend messages name the options that fix them (default: the reader's own words). */
  hints?: SpendReadHints | undefined;
  /** The file's kind by extension (`csv` or `json`) when its name does not say, e.g. standard input. */
  ext?: string | undefined;
}

interface Kind {
  id: string;
  description: string;
  ext: 'csv' | 'json';
  /** Columns (normalised) that identify a CSV kind, all required. */
  columns?: string[];
  /** The fields `--columns` may name for this kind. */
  fields?: ValidateFields['fields'];
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

// A table's fields, its keys and canonical headers (as the command line's `--columns` names them).
const fieldsOf = (columns: Record<string, { header: string }>) =>
  Object.entries(columns).map(([key, c]) => ({ key, header: c.header }));

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
        ...(o.hints ? { hints: o.hints } : {}),
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
 * The kinds {@link validateText} knows, most specific first (`commonweal validate --kind`).
 *
 * @example
 * ```ts
 * VALIDATE_KINDS.includes('bids'); // true
 * ```
 */
export const VALIDATE_KINDS: readonly string[] = KINDS.map((k) => k.id);

const extensionOf = (file: string) => /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';

/**
 * Detects what kind of Commonweal input a file is (by extension, then its header or keys) and
 * reads it with the matching reader, returning every issue and the row counts. A kind it does
 * not know, or a file that is neither `.csv` nor `.json`, is a {@link FlowFatal}.
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
  options: ValidateFlowOptions = {},
): Promise<Validation> {
  const ext = options.ext ?? extensionOf(file);
  let kind: Kind | undefined;
  if (kindId) {
    kind =
      KINDS.find((k) => k.ext === ext && (k.id === kindId || k.id === `${kindId}-json`)) ??
      KINDS.find((k) => k.id === kindId);
    if (!kind) throw new FlowFatal(`--kind must be one of ${KINDS.map((k) => k.id).join(', ')}`, []);
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
    throw new FlowFatal(`${file}: validate reads .csv and .json files`, []);
  }
  if (!kind) throw new FlowFatal(`${file}: cannot tell what kind of file this is; give --kind`, []);
  const table = (kind.fields ? options.columns?.({ name: kind.id, fields: kind.fields }) : undefined) ?? {};
  const r = await kind.check(text, file, {
    table,
    dateFormat: options.dateFormat ?? 'auto',
    hints: options.hints,
  });
  return { file, kind: kind.id, description: kind.description, ...r };
}

/**
 * The inputs of {@link validateFlow}: the files to check, and optionally the kind they all are.
 *
 * @example
 * ```ts
 * const input: ValidateFlowInput = { files: [{ name: 'bids.csv', text: 'bid,bidder,price\nB1,A,100\n' }] };
 * ```
 */
export interface ValidateFlowInput extends ValidateFlowOptions {
  files: FlowText[];
  /** Say what every file is instead of detecting it (see {@link VALIDATE_KINDS}). */
  kind?: string | undefined;
  /** Per file (by position), the kind by extension when its name does not say, e.g. standard input. */
  exts?: (string | undefined)[] | undefined;
}

/**
 * What {@link validateFlow} found: one validation per file (in order), which is also the JSON
 * document (`commonweal validate --format json`), and every issue with its file.
 *
 * @example
 * ```ts
 * const r = await validateFlow(input);
 * if (r.ok) r.validations[0]?.kind; // 'bids'
 * ```
 */
export interface ValidateFlowResult {
  ok: true;
  validations: Validation[];
  document: Validation[];
  issues: Issue[];
}

/**
 * Validates input files as `commonweal validate` does ({@link validateText} for each), with no
 * file system: the caller reads the files.
 *
 * @example
 * ```ts
 * const r = await validateFlow({ files: [{ name: 'e.csv', text: 'measure,quantity,year\nNT1,ten,2025\n' }] });
 * if (r.ok) r.issues[0]?.line; // 2
 * ```
 */
export async function validateFlow(input: ValidateFlowInput): Promise<ValidateFlowResult | FlowFailure> {
  return runFlow(async () => {
    const validations: Validation[] = [];
    for (const [i, f] of input.files.entries()) {
      const ext = input.exts?.[i] ?? input.ext;
      validations.push(await validateText(textOf(f), f.name, input.kind, { ...input, ext }));
    }
    return {
      ok: true as const,
      validations,
      document: validations,
      issues: validations.flatMap((v) => v.issues.map((i) => ({ file: v.file, ...i }))),
    };
  });
}
