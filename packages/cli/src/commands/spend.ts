import { createHash } from 'node:crypto';
import {
  type DateFormat,
  type LocalArea,
  type PeriodGranularity,
  parseLocalArea,
  SPEND_EXTRA_FIELDS,
  SPEND_FIELDS,
  type SpendAnalysis,
  type SpendShare,
  type VatBasis,
} from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import { formatMoney, formatPercent } from '@commonweal/core/money';
import { type SpendReadSummary, SUPPLIER_COLUMNS, type SupplierRegisterCsv, toCsv } from '@commonweal/csv';
import {
  type CreateSha256,
  documentText,
  type FlowStream,
  type SpendDocument,
  type SpendFileRead,
  type SpendFlowInput,
  type SpendFlowResult,
  spendFlow,
} from '@commonweal/flows';
import { renderSpendHtml, renderSpendMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import {
  CLI_HINTS,
  COLUMN_OPTIONS,
  type CsvInput,
  columnsOption,
  DATE_FORMAT_OPTION,
  dateFormatOption,
  fieldsOf,
} from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { byteSource, type CliIO, csvReadOptions, extension, UsageError } from '../util/io';
import { FatalIssues } from '../util/load';
import { manyFiles } from '../util/many';
import { chooseFormat, intOption, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, markdownText, textTable } from '../util/table';

/** A file streamed from disk with its SHA-256 computed on the way (the file is read once). */
export interface HashedFile {
  source: AsyncIterable<Uint8Array>;
  /** The SHA-256 of the bytes read so far (call after the read). */
  digest(): string;
}

/**
 * Streams a file relative to the working directory, hashing its bytes as they pass, so a big
 * spend file is never read whole. A missing file or a folder is an `InputError` (exit 2).
 *
 * @example
 * ```ts
 * const f = hashedFile(io, 'spend.csv');
 * for await (const _ of f.source);
 * f.digest(); // 64 hex digits
 * ```
 */
export function hashedFile(io: CliIO, file: string, expect: readonly string[] = ['csv']): HashedFile {
  if (!expect.includes(extension(file, io))) {
    throw new UsageError(`${file}: expected a ${expect.map((e) => `.${e}`).join(' or ')} file`);
  }
  const hash = createHash('sha256');
  let hex: string | undefined;
  const inner = byteSource(io, file);
  return {
    source: {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of inner) {
          hash.update(chunk);
          yield chunk;
        }
      },
    },
    digest() {
      hex ??= hash.digest('hex');
      return hex;
    },
  };
}

/** An issue with only the properties that are set (JSON has no `undefined`). */
export function cleanIssue(i: Issue): Issue {
  const out: Issue = { code: i.code, message: i.message };
  if (i.path !== undefined) out.path = [...i.path];
  if (i.line !== undefined) out.line = i.line;
  if (i.column !== undefined) out.column = i.column;
  if (i.field !== undefined) out.field = i.field;
  if (i.file !== undefined) out.file = i.file;
  if (i.severity !== undefined) out.severity = i.severity;
  return out;
}

const PERIODS: Record<string, PeriodGranularity> = {
  month: 'month',
  quarter: 'quarter',
  'financial-year': 'financialYear',
  'financial-quarter': 'financialQuarter',
};
const VAT: Record<string, VatBasis> = {
  inc: 'inclusive',
  exc: 'exclusive',
  inclusive: 'inclusive',
  exclusive: 'exclusive',
};
/** The CSV inputs of `spend` and `lm3 --spend`, for `--columns`: the spend file, then the register. */
export const SPEND_INPUTS: readonly CsvInput[] = [
  { name: 'spend', fields: [...SPEND_FIELDS, ...SPEND_EXTRA_FIELDS].map((key) => ({ key })) },
  { name: 'suppliers', fields: fieldsOf(SUPPLIER_COLUMNS) },
];

function choice<T>(value: unknown, name: string, table: Record<string, T>, shown: string): T | undefined {
  if (value === undefined) return undefined;
  const v = table[String(value)];
  if (v === undefined) throw new UsageError(`--${name} must be ${shown} (got '${String(value)}')`);
  return v;
}

/** The `--local` option read into a local area; invalid entries are a usage error. */
export function localOption(value: unknown): LocalArea {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(
      '--local is required: the postcode areas, districts or sectors that count as local, e.g. --local "EX1,EX2,EX4"',
    );
  }
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const r = parseLocalArea(entries);
  const bad = r.issues.filter((i) => i.severity !== 'warning');
  if (!r.ok || bad.length) throw new UsageError(`--local: ${bad.map((i) => i.message).join('; ')}`);
  return r.value;
}

/** The reading and analysis options `spend` and `lm3 --spend` share, from the command line. */
export interface SpendCliOptions {
  /** The spend files, in order: repeated `--spend` values, patterns expanded and sorted. */
  spend: string[];
  suppliers?: string;
  local: LocalArea;
  vatBasis?: VatBasis;
  dateFormat: DateFormat;
  period: PeriodGranularity;
  top: number;
  excludeRedacted: boolean;
  excludeSuppliers: string[];
  excludeExpenseTypes: string[];
  /** Columns named with `--columns` / `--columns-file`, per input (`spend`, `suppliers`). */
  columns?: Record<string, Record<string, string>>;
}

/**
 * Reads the spend options from parsed command-line values (usage errors for bad ones). With
 * `io`, `--spend` patterns are expanded against its working directory.
 *
 * @example
 * ```ts
 * spendCliOptions({ spend: ['data/2024-*.csv'], local: 'EX1' }, io).spend; // the matching files, sorted
 * ```
 */
export function spendCliOptions(values: Record<string, unknown>, io?: CliIO): SpendCliOptions {
  const given = Array.isArray(values.spend) ? values.spend : values.spend === undefined ? [] : [values.spend];
  if (given.length === 0 || given.every((v) => v === '')) throw new UsageError('--spend is required');
  const spend = io ? manyFiles(io, given, 'spend') : given.map(String);
  const local = localOption(values.local);
  const vatBasis = choice(values['vat-basis'], 'vat-basis', VAT, 'inc or exc');
  const dateFormat = dateFormatOption(values['date-format']);
  const period =
    choice(values.period, 'period', PERIODS, 'month, quarter, financial-year or financial-quarter') ??
    'quarter';
  const top = intOption(values.top, 'top') ?? 20;
  if (top < 0) throw new UsageError('--top must be 0 or more');
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  const o: SpendCliOptions = {
    spend,
    local,
    dateFormat,
    period,
    top,
    excludeRedacted: Boolean(values['exclude-redacted']),
    excludeSuppliers: list(values['exclude-supplier']),
    excludeExpenseTypes: list(values['exclude-expense-type']),
  };
  if (typeof values.suppliers === 'string' && values.suppliers !== '') o.suppliers = values.suppliers;
  else if (values.suppliers !== undefined) throw new UsageError('--suppliers needs a file');
  if (vatBasis !== undefined) o.vatBasis = vatBasis;
  return o;
}

/** What `commonweal spend` computed, ready for any output format. */
export interface SpendOutcome {
  /** Every file together (its issues are every issue). */
  analysis: SpendAnalysis;
  /** The first file's read (header mapping, dates); `files` has each file's. */
  read: SpendReadSummary;
  /** Each spend file's read and own analysis, in order. */
  files: SpendFileRead[];
  register: SupplierRegisterCsv | undefined;
  options: SpendCliOptions;
  sha256: string;
  /** The `--format json` document. */
  document: SpendDocument;
  /** Every issue: the register's, the spend files', then the analysis's. */
  issues: Issue[];
}

/**
 * A SHA-256 fed chunk by chunk with `node:crypto` (ten times core's speed, for big files).
 *
 * @example
 * ```ts
 * const h = nodeSha256();
 * h.update(new TextEncoder().encode('abc'));
 * h.hex(); // 'ba7816bf…'
 * ```
 */
export const nodeSha256: CreateSha256 = () => {
  const hash = createHash('sha256');
  return { update: (bytes) => hash.update(bytes), hex: () => hash.digest('hex') };
};

/** A CSV file option as a streamed flow input (checked: a `.csv` that exists, or `-`). */
function streamed(io: CliIO, file: string): FlowStream {
  if (extension(file, io) !== 'csv') throw new UsageError(`${file}: expected a .csv file`);
  return { name: file, chunks: byteSource(io, file) };
}

/**
 * The spend flow's input from the command line: flags read into options, each `--spend` file
 * (patterns expanded) and the register streamed from disk, hashed with `node:crypto` on the way.
 *
 * @example
 * ```ts
 * const { input } = spendFlowInput(io, { spend: ['spend.csv'], local: 'EX1' });
 * ```
 */
export function spendFlowInput(
  io: CliIO,
  values: Record<string, unknown>,
  onProgress?: (read: number) => void,
): { input: SpendFlowInput; options: SpendCliOptions } {
  const options = spendCliOptions(values, io);
  const columns = columnsOption(io, values, SPEND_INPUTS);
  if (columns) options.columns = columns;
  const suppliers = options.suppliers !== undefined ? streamed(io, options.suppliers) : undefined;
  const spend = options.spend.map((f) => streamed(io, f));
  return {
    options,
    input: {
      spend,
      suppliers,
      options: {
        local: options.local,
        vatBasis: options.vatBasis,
        dateFormat: options.dateFormat,
        encoding: csvReadOptions(io).encoding,
        period: options.period,
        top: options.top,
        excludeRedacted: options.excludeRedacted,
        excludeSuppliers: options.excludeSuppliers,
        excludeExpenseTypes: options.excludeExpenseTypes,
        columns,
        hints: CLI_HINTS,
      },
      createSha256: nodeSha256,
      onProgress,
    },
  };
}

/**
 * What the spend flow gave, as `commonweal spend` shows it.
 *
 * @example
 * ```ts
 * const o = spendOutcome(await spendFlow(input), options);
 * ```
 */
export function spendOutcome(r: SpendFlowResult, options: SpendCliOptions): SpendOutcome {
  return {
    analysis: r.analysis,
    read: r.files[0]!.read,
    files: r.files,
    register: r.register,
    options,
    sha256: r.sha256,
    document: r.document,
    issues: r.issues,
  };
}

/**
 * Streams spend files (and reads a supplier register) as `commonweal spend` does: each file is
 * read from disk in chunks, hashed on the way, and fed row by row to its own spend accumulator;
 * the accumulators are merged in order, so memory stays flat however big or many the files are.
 * Progress (rows over every file) goes to `onProgress` every 100,000 rows.
 *
 * @example
 * ```ts
 * const o = await computeSpend(io, { spend: ['examples/spend/spend.csv'], local: 'EX1,EX2,EX4' });
 * o.analysis.local.share.toString();
 * ```
 */
export async function computeSpend(
  io: CliIO,
  values: Record<string, unknown>,
  onProgress?: (read: number) => void,
): Promise<SpendOutcome> {
  const { input, options } = spendFlowInput(io, values, onProgress);
  const r = await spendFlow(input);
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  return spendOutcome(r, options);
}

/**
 * The JSON `commonweal spend` writes: core `toSpendJson` plus `inputs` (SHA-256 of the inputs,
 * the spend file's columns as published, procurement card rows) and, for several files, `files`.
 *
 * @example
 * ```ts
 * documentText(spendJson(outcome));
 * ```
 */
export function spendJson(o: SpendOutcome): SpendDocument {
  return o.document;
}

function dateLine(read: SpendReadSummary): string[] {
  const inf = read.dateInference;
  const names = { dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy', iso: 'yyyy-mm-dd', excel: 'excel', auto: 'auto' };
  if (read.dateFormat !== 'auto')
    return [`Dates read as declared (--date-format ${names[read.dateFormat]}).`];
  if (!inf) return [];
  const first = inf.decidedBy[0];
  return [
    `Dates read as ${inf.order === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy'}, inferred from ${inf.agreeing} ${inf.agreeing === 1 ? 'row' : 'rows'} that cannot be misread${first ? ` (first line ${first.line}, "${first.text}")` : ''}; ${inf.settled} ambiguous ${inf.settled === 1 ? 'date was' : 'dates were'} read that way.`,
  ];
}

const money = (s: { amount: { toString(): string } }) => formatMoney(s.amount.toString());
const pct = (s: SpendShare) => formatPercent(s.share, 1);
const yes = (v: boolean | undefined) => (v === undefined ? '?' : v ? 'yes' : 'no');
const PERIOD_TITLE: Record<PeriodGranularity, string> = {
  month: 'month',
  quarter: 'calendar quarter',
  financialYear: 'financial year (April–March)',
  financialQuarter: 'financial quarter',
};

/**
 * Renders a spend analysis as text tables (or Markdown): shares with £ and counts, by period,
 * top suppliers, leakage, and the definitions that make the figures comparable.
 *
 * @example
 * ```ts
 * io.stdout(spendTable(outcome));
 * ```
 */
export function spendTable(o: SpendOutcome, markdown = false): string {
  const a = o.analysis;
  const shareRows: string[][] = [
    ['In-scope spend', money(a.total), '100.0%', String(a.total.count)],
    ['Local suppliers', money(a.local), pct(a.local), String(a.local.count)],
    [
      'Leakage (register suppliers outside the area)',
      money(a.leakage),
      pct(a.leakage),
      String(a.leakage.count),
    ],
    [
      'Location unknown (no usable postcode)',
      money(a.locationUnknown),
      pct(a.locationUnknown),
      String(a.locationUnknown.count),
    ],
    [
      'Not in the supplier register',
      money(a.unclassified),
      pct(a.unclassified),
      String(a.unclassified.count),
    ],
    [
      `Redacted beneficiaries${a.definition.redacted === 'excluded' ? ' (excluded, not in the total)' : ''}`,
      money(a.redacted),
      a.definition.redacted === 'excluded' ? '—' : pct(a.redacted),
      String(a.redacted.count),
    ],
    ['SME', money(a.sme), pct(a.sme), String(a.sme.count)],
    ['VCSE', money(a.vcse), pct(a.vcse), String(a.vcse.count)],
    ['Co-operative or mutual', money(a.cooperative), pct(a.cooperative), String(a.cooperative.count)],
  ];
  const shareHead = ['slice', 'amount', 'share', 'rows'];
  const shareAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];

  const periods = a.byPeriod[o.options.period] ?? [];
  const periodHead = ['period', 'in-scope', 'local', 'local %', 'SME %', 'VCSE %', 'co-op %', 'rows'];
  const periodRows = periods.map((p) => [
    p.period,
    money(p.total),
    money(p.local),
    pct(p.local),
    pct(p.sme),
    pct(p.vcse),
    pct(p.cooperative),
    String(p.total.count),
  ]);
  const periodAlign: ('left' | 'right')[] = [
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
  ];

  const topHead = ['#', 'supplier', 'amount', 'share', 'rows', 'local', 'SME', 'VCSE', 'co-op'];
  const topRows = a.topSuppliers.map((s) => [
    String(s.rank),
    s.matched ? s.name : `${s.name} (not in register)`,
    money(s),
    pct(s),
    String(s.count),
    yes(s.local),
    yes(s.sme),
    yes(s.vcse),
    yes(s.cooperative),
  ]);
  const topAlign: ('left' | 'right')[] = [
    'right',
    'left',
    'right',
    'right',
    'right',
    'left',
    'left',
    'left',
    'left',
  ];

  const leaking = a.topSuppliers.filter((s) => s.local === false);
  const leakHead = ['supplier', 'amount', 'share', 'rows'];
  const leakRows = leaking.map((s) => [s.name, money(s), pct(s), String(s.count)]);
  const leakAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];

  const d = a.definition;
  const many = o.files.length > 1;
  const columnsOf = (read: SpendReadSummary) =>
    Object.entries(read.mapping?.headers ?? {})
      .map(([k, h]) => `${k} ← "${h}"`)
      .join(', ');
  const columns = many ? o.files.map((f) => `${f.name}: ${columnsOf(f.read)}`).join('; ') : columnsOf(o.read);
  const blank = o.files.reduce((n, f) => n + f.read.blankSuppliers, 0);
  const cards = o.files.reduce((n, f) => n + f.read.cardTransactions, 0);
  const cardColumn = o.files.some((f) => f.read.mapping?.headers.cardTransaction !== undefined);
  const dates = many
    ? o.files.flatMap((f) => dateLine(f.read).map((x) => `${f.name}: ${x}`))
    : dateLine(o.read);
  const fileHead = ['file', 'rows read', 'accepted', 'rejected', 'in-scope', 'local', 'local %'];
  const fileRow = (name: string, x: SpendAnalysis) => [
    name,
    String(x.rows.read),
    String(x.rows.accepted),
    String(x.rows.rejected),
    money(x.total),
    money(x.local),
    pct(x.local),
  ];
  const fileRows = [...o.files.map((f) => fileRow(f.name, f.analysis)), fileRow('all files', a)];
  const fileAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right'];
  const definitions = [
    `Local means a register supplier whose postcode lies in: ${d.local.join(', ') || '(none)'} (postcode areas, districts and sectors match exactly: EX1 never matches EX10). Compare shares only with figures on the same definition.`,
    `Shares are ${d.share}. VAT basis: ${d.vatBasis}.`,
    `Redacted beneficiaries are ${d.redacted === 'excluded' ? 'excluded from in-scope spend (declared)' : 'in scope, in their own slice, never classified local or SME'}.${
      blank
        ? ` ${blank} ${blank === 1 ? 'row has' : 'rows have'} a blank supplier name, read as redacted (${a.redacted.count} redacted rows in all).`
        : ''
    }`,
    ...dates,
    `Exclusions declared: ${d.exclusions.length ? d.exclusions.join('; ') : 'none'}${a.excluded.count ? ` (${formatMoney(a.excluded.amount.toString())}, ${a.excluded.count} rows)` : ''}.`,
    `Rows: ${a.rows.read} read, ${a.rows.accepted} accepted, ${a.rows.rejected} rejected; ${d.amountsRoundedToPence} amounts rounded to pence (float artefacts); credit notes are netted. ${
      cardColumn
        ? `${cards} procurement card rows (no £500 threshold applies to them).`
        : `The ${many ? 'files have' : 'file has'} no card transaction column, so procurement card lines (any value) are counted as ordinary lines.`
    }`,
    `Suppliers: ${a.suppliers.count} (${a.suppliers.matched} in the register, ${a.suppliers.unmatched} not${a.suppliers.negative ? `, ${a.suppliers.negative} with a negative total` : ''}). Top ${d.top} listed.`,
    `Columns read: ${columns}.`,
    `Inputs sha256 ${o.sha256}. Money is rounded half-up to pennies and shares to 0.1% for display only.`,
  ];

  if (markdown) {
    return [
      '# Spend analysis',
      '',
      markdownTable(shareHead, shareRows, shareAlign),
      ...(many ? ['## By file', '', markdownTable(fileHead, fileRows, fileAlign)] : []),
      `## By ${PERIOD_TITLE[o.options.period]}`,
      '',
      markdownTable(periodHead, periodRows, periodAlign),
      `## Top ${d.top} suppliers`,
      '',
      markdownTable(topHead, topRows, topAlign),
      '## Leakage',
      '',
      markdownText(
        `${money(a.leakage)} (${pct(a.leakage)}) went to register suppliers outside the area; the largest of them among the top suppliers:`,
      ),
      '',
      leakRows.length ? markdownTable(leakHead, leakRows, leakAlign) : '(none among the top suppliers)\n',
      '## Definitions',
      '',
      markdownList(definitions),
      '',
    ].join('\n');
  }
  return [
    textTable(shareHead, shareRows, {
      align: shareAlign,
      title: 'Spend analysis — shares of in-scope spend',
    }),
    ...(many ? [textTable(fileHead, fileRows, { align: fileAlign, title: 'By file' })] : []),
    textTable(periodHead, periodRows, { align: periodAlign, title: `By ${PERIOD_TITLE[o.options.period]}` }),
    textTable(topHead, topRows, { align: topAlign, title: `Top ${d.top} suppliers` }),
    textTable(leakHead, leakRows, {
      align: leakAlign,
      title: `Leakage — ${money(a.leakage)} (${pct(a.leakage)}) to register suppliers outside the area; the largest among the top suppliers`,
    }),
    `Definitions\n\n${definitions.map((x) => `- ${x}`).join('\n')}\n`,
  ].join('\n');
}

/**
 * The top suppliers as CSV (injection-safe; amounts and shares in full).
 *
 * @example
 * ```ts
 * writeFileSync('top.csv', spendCsv(outcome));
 * ```
 */
export function spendCsv(o: SpendOutcome): string {
  return toCsv(o.analysis.topSuppliers, [
    'rank',
    'name',
    { header: 'supplierId', value: (s) => s.supplierId ?? null },
    { header: 'amount', value: (s) => s.amount.toFixed(2) },
    'share',
    'count',
    'matched',
    { header: 'local', value: (s) => s.local ?? null },
    { header: 'sme', value: (s) => s.sme ?? null },
    { header: 'vcse', value: (s) => s.vcse ?? null },
    { header: 'cooperative', value: (s) => s.cooperative ?? null },
  ]);
}

/** Shows rows read on stderr, overwriting one line, when stderr is a terminal. */
export function progressLine(
  io: CliIO,
  quiet: boolean,
  what = 'spend',
): { tick?: (read: number) => void; done(): void } {
  if (!io.isTTY || quiet) return { done() {} };
  let shown = 0;
  return {
    tick: (read) => {
      const text = `reading ${what}… ${read.toLocaleString('en-GB')} rows`;
      shown = text.length;
      io.stderr(`\r${text}`);
    },
    done() {
      if (shown) io.stderr(`\r${' '.repeat(shown)}\r`);
    },
  };
}

/** Options `spend` and `lm3 --spend` share. */
export const SPEND_READ_OPTIONS: Command['options'] = {
  spend: {
    type: 'string',
    multiple: true,
    value: 'FILE',
    description:
      "Council spend-over-£500 CSV as published (the headers of 20 councils, Lichfield and the ODI Leeds aliases are known; name other columns with --columns). Repeat it, or give a quoted pattern such as 'data/2024-*.csv' (expanded and sorted by the command), to read several files into one answer",
  },
  suppliers: {
    type: 'string',
    value: 'FILE',
    description: 'Supplier register CSV: supplier_id,supplier_name,postcode,sme,vcse,cooperative',
  },
  local: {
    type: 'string',
    value: 'LIST',
    description:
      'What counts as local: postcode areas, districts or sectors, e.g. "EX1,EX2,EX4" (EX1 never matches EX10)',
  },
  'vat-basis': {
    type: 'string',
    value: 'inc|exc',
    choices: Object.keys(VAT),
    description: 'Whether the amounts include VAT; required when the file has both (Cannock Chase)',
  },
  ...DATE_FORMAT_OPTION,
  ...COLUMN_OPTIONS,
};

/**
 * `commonweal spend`: local, SME, VCSE and co-operative shares of a council's spend, from its
 * spend-over-£500 file and a supplier register, streamed from disk with flat memory.
 *
 * @example
 * ```sh
 * commonweal spend --spend spend.csv --suppliers suppliers.csv --local "EX1,EX2,EX4" --format json
 * ```
 */
export const spendCommand: Command = {
  name: 'spend',
  summary: 'Local, SME, VCSE and co-operative shares of council spend, from a spend-over-£500 file',
  usage:
    "commonweal spend --spend <file.csv|'pattern'>... --local <LIST> [--suppliers <register.csv>] [--period month|quarter|financial-year] [--vat-basis inc|exc] [--date-format auto|dd/mm/yyyy|mm/dd/yyyy|yyyy-mm-dd|excel] [--columns FIELD=COLUMN,…] [--columns-file map.json|map.csv] [--top N] [--exclude-redacted] [--exclude-supplier NAME]... [--exclude-expense-type TYPE]... [--format table|json|md|csv] [--out FILE]",
  options: {
    ...SPEND_READ_OPTIONS,
    period: {
      type: 'string',
      value: 'PERIOD',
      choices: Object.keys(PERIODS),
      description: 'month, quarter (default), financial-year or financial-quarter',
    },
    top: {
      type: 'string',
      value: 'N',
      description: 'How many top suppliers to list (default 20; Preston’s guide uses 300)',
    },
    'exclude-redacted': {
      type: 'boolean',
      description: 'Leave redacted beneficiaries out of in-scope spend (they are reported, not counted)',
    },
    'exclude-supplier': {
      type: 'string',
      multiple: true,
      value: 'NAME',
      description: 'Leave a supplier out of in-scope spend, e.g. payments to another council (repeatable)',
    },
    'exclude-expense-type': {
      type: 'string',
      multiple: true,
      value: 'TYPE',
      description: 'Leave an expense type out of in-scope spend, e.g. "Direct Payments" (repeatable)',
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: ['table', 'json', 'md', 'csv'],
      description: 'table (default), json (stable contract), md or csv (top suppliers)',
    },
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal spend --spend examples/spend/spend.csv --suppliers examples/spend/suppliers.csv --local "EX1,EX2,EX4"',
    'commonweal spend --spend cannock-2024.csv --suppliers register.csv --local "WS11,WS12" --vat-basis exc --format json --out spend.json',
    'commonweal spend --spend ecambs.csv --local "CB6,CB7" --date-format dd/mm/yyyy --period financial-year --top 300 --format md',
    'commonweal spend --spend \'data/spend-2024-*.csv\' --suppliers register.csv --local "EX1,EX2,EX4" --format json',
    'commonweal spend --spend oxford-2024-q1.csv --local "OX1,OX2,OX3,OX4" --columns date="Paid Date",supplierName="Supplier Name"',
    'commonweal spend --spend examples/spend/spend.csv --suppliers examples/spend/suppliers.csv --local "EX1,EX2,EX4" --exclude-supplier "Exeter City Council" --exclude-redacted',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md', 'csv']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const progress = progressLine(io, quiet);
    let o: SpendOutcome;
    try {
      o = await computeSpend(io, values, progress.tick);
    } finally {
      progress.done();
    }
    const code = await finish(io, values, {
      issues: o.issues,
      output: () =>
        format === 'json'
          ? documentText(o.document)
          : format === 'csv'
            ? spendCsv(o)
            : spendTable(o, format === 'md'),
      report: { html: () => renderSpendHtml(o.analysis), md: () => renderSpendMarkdown(o.analysis) },
    });
    const { rows } = o.analysis;
    if (rows.rejected > 0 && !quiet)
      io.stderr(`${rows.rejected} of ${rows.read} rows rejected and left out (see the issues above).\n`);
    return code;
  },
};
