import {
  createSpendAccumulator,
  type DateFormat,
  type LocalArea,
  type PeriodGranularity,
  parseLocalArea,
  type SpendAccumulator,
  type SpendAnalysis,
  type SpendJson,
  type SpendOptionsInput,
  type SupplierRegister,
  toSpendJson,
  type VatBasis,
} from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import {
  accumulateSpendCsv,
  readSupplierRegisterCsv,
  SpendReader,
  type SpendReadHints,
  type SpendReadSummary,
  type SupplierRegisterCsv,
  withReadCounts,
} from '@commonweal/csv';
import { hashInputs } from '@commonweal/json';
import { FlowFatal } from '../inputs/inputs';
import { type CreateSha256, type FlowSource, hashedSource } from './source';

/**
 * How spend files are read and analysed. `local` is the boundary (postcode areas, districts or
 * sectors, or a parsed `LocalArea`); the rest have the command line's defaults: dates `auto`
 * (each file infers its own order), encoding `auto` (per file), period `quarter`, top 20, no
 * exclusions. `columns` names columns per input (`spend`, `suppliers`), as `--columns` does;
 * every file is read with them.
 *
 * @example
 * ```ts
 * const o: SpendFlowOptions = { local: ['EX1', 'EX2', 'EX4'], vatBasis: 'exclusive', period: 'month' };
 * ```
 */
export interface SpendFlowOptions {
  local: LocalArea | readonly string[];
  vatBasis?: VatBasis | undefined;
  dateFormat?: DateFormat | undefined;
  encoding?: string | undefined;
  period?: PeriodGranularity | undefined;
  top?: number | undefined;
  excludeRedacted?: boolean | undefined;
  excludeSuppliers?: readonly string[] | undefined;
  excludeExpenseTypes?: readonly string[] | undefined;
  columns?: Record<string, Record<string, string>> | undefined;
  /** How messages name the options that fix a problem (default: the API's option names). */
  hints?: SpendReadHints | undefined;
}

/**
 * {@link SpendFlowOptions} with every default applied and the boundary parsed: what every
 * stage reads.
 *
 * @example
 * ```ts
 * spendSettings({ local: ['EX1'] }).period; // 'quarter'
 * ```
 */
export interface SpendSettings {
  local: LocalArea;
  vatBasis: VatBasis | undefined;
  dateFormat: DateFormat;
  encoding: string;
  period: PeriodGranularity;
  top: number;
  excludeRedacted: boolean;
  excludeSuppliers: string[];
  excludeExpenseTypes: string[];
  columns: Record<string, Record<string, string>> | undefined;
  hints: SpendReadHints | undefined;
}

const isArea = (x: SpendFlowOptions['local']): x is LocalArea =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'districts' in x;

/**
 * Stage 1: the settings of a spend analysis. A boundary entry that is not a postcode area,
 * district or sector makes the flow fail (nothing could be counted local on it).
 *
 * @example
 * ```ts
 * spendSettings({ local: ['EX1', 'EX2'], top: 300 }).local.entries; // ['EX1', 'EX2']
 * ```
 */
export function spendSettings(options: SpendFlowOptions): SpendSettings {
  let local: LocalArea;
  if (isArea(options.local)) local = options.local;
  else {
    const r = parseLocalArea(options.local as readonly string[]);
    const bad = r.issues.filter((i) => i.severity !== 'warning');
    if (!r.ok || bad.length)
      throw new FlowFatal('the local area cannot be used', bad.length ? bad : r.issues);
    local = r.value;
  }
  const top = options.top ?? 20;
  if (!Number.isInteger(top) || top < 0)
    throw new FlowFatal('the number of top suppliers cannot be used', [
      { code: 'invalid_top', message: `top must be a whole number, 0 or more (got ${top})`, field: 'top' },
    ]);
  return {
    local,
    vatBasis: options.vatBasis,
    dateFormat: options.dateFormat ?? 'auto',
    encoding: options.encoding ?? 'auto',
    period: options.period ?? 'quarter',
    top,
    excludeRedacted: options.excludeRedacted ?? false,
    excludeSuppliers: [...(options.excludeSuppliers ?? [])],
    excludeExpenseTypes: [...(options.excludeExpenseTypes ?? [])],
    columns: options.columns,
    hints: options.hints,
  };
}

/**
 * The supplier register as read by {@link readRegisterStage}, with its SHA-256.
 *
 * @example
 * ```ts
 * const r: RegisterRead = await readRegisterStage(input, settings);
 * r.register.register.size;
 * ```
 */
export interface RegisterRead {
  name: string;
  register: SupplierRegisterCsv;
  sha256: string;
}

/**
 * Stage 2: reads the supplier register (held whole: it is a lookup table). A file that cannot
 * be read as a register makes the flow fail with its issues; bad rows are issues.
 *
 * @example
 * ```ts
 * const r = await readRegisterStage({ name: 'suppliers.csv', text }, settings);
 * ```
 */
export async function readRegisterStage(
  input: FlowSource,
  settings: SpendSettings,
  create?: CreateSha256,
): Promise<RegisterRead> {
  const h = hashedSource(input, create);
  const headers = settings.columns?.suppliers;
  const register = await readSupplierRegisterCsv(h.source, {
    file: input.name,
    encoding: settings.encoding,
    ...(headers && Object.keys(headers).length ? { headers } : {}),
    ...(settings.hints ? { columnHint: settings.hints.column } : {}),
  });
  const sha256 = h.digest();
  if (!register.usable)
    throw new FlowFatal(`${input.name} cannot be read as a supplier register`, register.issues);
  return { name: input.name, register, sha256 };
}

/**
 * The options every file's accumulator is made with: the same for all, so they merge.
 *
 * @example
 * ```ts
 * createSpendAccumulator(accumulatorOptions(settings, register.register));
 * ```
 */
export function accumulatorOptions(settings: SpendSettings, register?: SupplierRegister): SpendOptionsInput {
  const o: SpendOptionsInput = {
    local: settings.local,
    top: settings.top,
    periods: [settings.period],
    exclude: {
      redacted: settings.excludeRedacted,
      supplierIds: [],
      supplierNames: settings.excludeSuppliers,
      departments: [],
      expenseTypes: settings.excludeExpenseTypes,
    },
  };
  if (settings.vatBasis !== undefined) o.vatBasis = settings.vatBasis;
  if (register) o.suppliers = register;
  return o;
}

/**
 * One spend file as read by {@link readSpendFileStage}: its name, SHA-256, the reader's summary
 * (header mapping, dates, counts, issues), its own accumulator and its own analysis (this file
 * alone, with the reader's counts and issues).
 *
 * @example
 * ```ts
 * const f: SpendFileRead = await readSpendFileStage(input, settings);
 * f.analysis.local.share.toString();
 * ```
 */
export interface SpendFileRead {
  name: string;
  sha256: string;
  read: SpendReadSummary;
  accumulator: SpendAccumulator;
  analysis: SpendAnalysis;
}

/**
 * Stage 3: streams one spend file into its own accumulator, with the file's own encoding and
 * date-order inference, hashing its bytes on the way. A file whose header cannot be mapped makes
 * the flow fail; bad rows are located issues. `onRows` gets the rows read so far in this file,
 * every `progressEvery` rows (checked once per chunk).
 *
 * @example
 * ```ts
 * const april = await readSpendFileStage({ name: 'spend-2024-04.csv', text }, settings, register);
 * april.analysis.rows; // { read: 20, accepted: 20, rejected: 0 }
 * ```
 */
export async function readSpendFileStage(
  input: FlowSource,
  settings: SpendSettings,
  register?: SupplierRegister,
  create?: CreateSha256,
  onRows?: (read: number) => void,
  progressEvery = 100_000,
): Promise<SpendFileRead> {
  const h = hashedSource(input, create);
  const columns = settings.columns?.spend;
  const read = {
    file: input.name,
    encoding: settings.encoding,
    dateFormat: settings.dateFormat,
    ...(settings.vatBasis ? { vatBasis: settings.vatBasis } : {}),
    ...(columns && Object.keys(columns).length ? { columns } : {}),
    ...(settings.hints ? { hints: settings.hints } : {}),
  };
  const accumulator = createSpendAccumulator(accumulatorOptions(settings, register), { file: input.name });
  const summary = await accumulateSpendCsv(new SpendReader(h.source, read), accumulator, {
    ...(onRows ? { onProgress: (c: { read: number }) => onRows(c.read), progressEvery } : {}),
  });
  const sha256 = h.digest();
  if (summary.stopped && summary.issues.some((i) => i.severity !== 'warning'))
    throw new FlowFatal(`${input.name} cannot be read as a spend file`, summary.issues);
  return {
    name: input.name,
    sha256,
    read: summary,
    accumulator,
    analysis: withReadCounts(accumulator.result(), [summary]),
  };
}

/**
 * Stage 4: merges the files' accumulators in file order into one analysis (DESIGN rule 7):
 * the same answer as one pass over the files' rows concatenated. Counts cover every file; the
 * readers' issues come first, file by file, then the analysis's, each keeping its file.
 *
 * @example
 * ```ts
 * const total = mergeSpendFiles([april, may, june], settings, register);
 * total.rows.read; // april's + may's + june's rows
 * ```
 */
export function mergeSpendFiles(
  files: readonly SpendFileRead[],
  settings: SpendSettings,
  register?: SupplierRegister,
): SpendAnalysis {
  const all = createSpendAccumulator(accumulatorOptions(settings, register));
  for (const f of files) all.merge(f.accumulator);
  return withReadCounts(
    all.result(),
    files.map((f) => f.read),
  );
}

/**
 * Stage 5: the SHA-256 of a spend analysis's inputs: every spend file's bytes in order (one
 * file: its digest; several: the list), the register's, and the options.
 *
 * @example
 * ```ts
 * spendInputsHash(files, register?.sha256 ?? null, settings); // 64 hex digits
 * ```
 */
export function spendInputsHash(
  files: readonly { sha256: string }[],
  registerSha256: string | null,
  settings: SpendSettings,
): string {
  return hashInputs({
    spend: files.length === 1 ? files[0]!.sha256 : files.map((f) => f.sha256),
    suppliers: registerSha256,
    options: {
      local: settings.local.entries,
      vatBasis: settings.vatBasis ?? null,
      dateFormat: settings.dateFormat,
      period: settings.period,
      top: settings.top,
      excludeRedacted: settings.excludeRedacted,
      excludeSuppliers: [...settings.excludeSuppliers].sort(),
      excludeExpenseTypes: [...settings.excludeExpenseTypes].sort(),
      columns: settings.columns ?? null,
    },
  });
}

/**
 * One file's figures in a multi-file result: rows, in-scope total, local spend and share of
 * that file's in-scope total, the columns read, how its dates were read, card rows.
 *
 * @example
 * ```ts
 * const f: SpendFileJson = document.files![0]!;
 * f.local.share; // '0.41…'
 * ```
 */
export interface SpendFileJson {
  file: string;
  sha256: string;
  rows: { read: number; accepted: number; rejected: number };
  total: { amount: string; count: number };
  local: { amount: string; share: string; count: number };
  columns: Record<string, string>;
  /** The declared date format, or under `auto` the order the file showed (`auto` if none). */
  dates: DateFormat;
  cardTransactions: number;
}

/**
 * The `--format json` document of `commonweal spend`: core `toSpendJson` of the whole analysis,
 * `inputs` (SHA-256, the columns as published, procurement card rows) and, when more than one
 * file was read, `files` (each file's figures, in order).
 *
 * @example
 * ```ts
 * const d: SpendDocument = spendDocument(analysis, files, sha256);
 * d.inputs.sha256;
 * ```
 */
export type SpendDocument = SpendJson & {
  inputs: { sha256: string; columns?: Record<string, string>; cardTransactions: number };
  files?: SpendFileJson[];
};

/**
 * The published headers a file's columns were read from (field → header).
 *
 * @example
 * ```ts
 * columnsRead(file.read); // { date: 'Date', amount: 'Amount', … }
 * ```
 */
export function columnsRead(read: SpendReadSummary): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [k, h] of Object.entries(read.mapping?.headers ?? {})) if (h !== undefined) columns[k] = h;
  return columns;
}

/**
 * How a file's dates were read: the declared format, or the order inferred under `auto`.
 *
 * @example
 * ```ts
 * datesRead(file.read); // 'dmy'
 * ```
 */
export function datesRead(read: SpendReadSummary): DateFormat {
  return read.dateFormat !== 'auto' ? read.dateFormat : (read.dateInference?.order ?? 'auto');
}

/**
 * One file's figures for a document (see {@link SpendFileJson}).
 *
 * @example
 * ```ts
 * spendFileJson(april).rows; // { read: 20, accepted: 20, rejected: 0 }
 * ```
 */
export function spendFileJson(f: SpendFileRead): SpendFileJson {
  const a = f.analysis;
  return {
    file: f.name,
    sha256: f.sha256,
    rows: { ...a.rows },
    total: { amount: a.total.amount.toFixed(2), count: a.total.count },
    local: { amount: a.local.amount.toFixed(2), share: a.local.share.toString(), count: a.local.count },
    columns: columnsRead(f.read),
    dates: datesRead(f.read),
    cardTransactions: f.read.cardTransactions,
  };
}

/**
 * Stage 6: the result document (see {@link SpendDocument}). With several files, `inputs.columns`
 * is given only when every file was read from the same headers (each file's are in `files`).
 *
 * @example
 * ```ts
 * documentText(spendDocument(analysis, files, sha256));
 * ```
 */
export function spendDocument(
  analysis: SpendAnalysis,
  files: readonly SpendFileRead[],
  sha256: string,
): SpendDocument {
  const perFile = files.map(spendFileJson);
  const first = JSON.stringify(perFile[0]?.columns ?? {});
  const same = perFile.every((f) => JSON.stringify(f.columns) === first);
  const inputs: SpendDocument['inputs'] = {
    sha256,
    cardTransactions: files.reduce((n, f) => n + f.read.cardTransactions, 0),
  };
  if (same) inputs.columns = perFile[0]?.columns ?? {};
  const doc: SpendDocument = { ...toSpendJson(analysis), inputs };
  if (files.length > 1) doc.files = perFile;
  return doc;
}

/**
 * Every issue of a spend analysis: the register's, then the files' and the analysis's.
 *
 * @example
 * ```ts
 * spendIssues(register, analysis).filter((i) => i.file === 'spend-2024-05.csv');
 * ```
 */
export function spendIssues(register: RegisterRead | undefined, analysis: SpendAnalysis): Issue[] {
  return [...(register?.register.issues ?? []), ...analysis.issues];
}
