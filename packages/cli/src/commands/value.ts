import { createHash } from 'node:crypto';
import type { Framework } from '@commonweal/core/framework';
import { type Issue, issue } from '@commonweal/core/issues';
import { formatMoney, formatPercent, RATIO_ROUNDING, round } from '@commonweal/core/money';
import { createSourceIndex, type SourceIndex } from '@commonweal/core/trace';
import {
  createValuationAccumulator,
  toValuationJson,
  toValuationLineJson,
  type ValuationLine,
  type ValuationOptions,
  type ValuationResult,
  valueEntries,
} from '@commonweal/core/valuation';
import {
  type CsvColumn,
  ENTRY_COLUMNS,
  MEASURE_COLUMNS,
  readEntries,
  toCsv,
  toCsvLines,
} from '@commonweal/csv';
import { canonicalStringify, hashInputs } from '@commonweal/json';
import { renderValuationHtml, renderValuationMarkdown } from '@commonweal/report';
import { discountingByName, hmtGdpDeflator } from '@commonweal/uk';
import type { Command } from '../command';
import { CONTRACT_OPTION, readContractOption } from '../util/contract';
import { COLUMN_OPTIONS, type CsvInput, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { byteSource, csvReadOptions, extension, UsageError } from '../util/io';
import { FatalIssues, type Loaded, loadEntries, loadFramework, moneyOption } from '../util/load';

/** The CSV inputs of `value`, for `--columns`: the entries, then a measures-table framework. */
export const VALUE_INPUTS: readonly CsvInput[] = [
  { name: 'entries', fields: fieldsOf(ENTRY_COLUMNS) },
  { name: 'framework', fields: fieldsOf(MEASURE_COLUMNS) },
];

import { chooseFormat, emit, intOption, type OutputSink, openOutput, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';
import { progressLine } from './spend';

/** Every row was rejected: the issues are printed and the command exits 1, with no result. */
export class NothingValued extends Error {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[]) {
    super(message);
    this.name = 'NothingValued';
    this.issues = issues;
  }
}

/** What `commonweal value` computed, ready for any output format. */
export interface ValueOutcome {
  /**
   * The valuation. Its `lines` are every line when the entries were read whole (JSON, or a CSV
   * file of at most `TABLE_LINES` (1,000) accepted rows); a larger CSV file is streamed and valued
   * for totals only (`lines` empty): {@link ValueOutcome.eachLine} reads it again for the lines.
   */
  result: ValuationResult;
  framework: Framework;
  sha256: string;
  issues: Issue[];
  counts: { read: number; accepted: number; rejected: number };
  /** How many lines the valuation has (one per accepted entry). */
  lineCount: number;
  /** Calls `each` with every line in order (at most `limit`), reading a streamed file again. */
  eachLine(each: (line: ValuationLine) => void, limit?: number): Promise<void>;
}

/** Most issues a streamed `value` keeps in full (the rest are counted by code in a warning). */
export const MAX_ISSUES = 1000;

interface ValueSettings {
  discountingName: string;
  options: ValuationOptions;
  hashed: Record<string, unknown>;
}

function valueSettings(
  io: Parameters<Command['run']>[1],
  values: Record<string, unknown>,
  fw: Framework,
): ValueSettings {
  const discountingName = typeof values.discounting === 'string' ? values.discounting : 'green-book';
  const schedule = discountingByName(discountingName);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const baseYear = intOption(values['base-year'], 'base-year');
  let priceYear = intOption(values['price-year'], 'price-year');
  if (priceYear === undefined) {
    // Proxies of different price years are rebased to the latest of them unless told otherwise.
    let latest: number | undefined;
    let years = 0;
    const seen = new Set<number>();
    for (const m of fw.measures) {
      if (!m.proxy || seen.has(m.proxy.priceYear)) continue;
      seen.add(m.proxy.priceYear);
      years++;
      if (latest === undefined || m.proxy.priceYear > latest) latest = m.proxy.priceYear;
    }
    if (years > 1) priceYear = latest;
  }
  // --contract-value wins over the value in a contract file from `commonweal ocds`.
  const contractValue = moneyOption(
    values['contract-value'] ?? readContractOption(io, values.contract)?.value,
    'contract-value',
  );
  const investment = moneyOption(values.investment, 'investment');
  return {
    discountingName,
    options: {
      discounting: schedule.value,
      indexSeries: hmtGdpDeflator,
      ...(baseYear !== undefined ? { baseYear } : {}),
      ...(priceYear !== undefined ? { priceYear } : {}),
      ...(contractValue ? { contractValue } : {}),
      ...(investment ? { investment } : {}),
      ...(values['first-period-discounted'] ? { firstPeriodDiscounted: true } : {}),
    },
    hashed: { discounting: discountingName, baseYear, priceYear, contractValue, investment },
  };
}

/**
 * Values entries against a framework as `commonweal value` does. A CSV entries file is streamed:
 * read once for the totals (flat memory, any size), and again only when lines are written.
 * Exposed so other commands (demo, reports) share one path.
 *
 * @example
 * ```ts
 * const outcome = await computeValue(io, { framework: 'builtin:open-catalogue', entries: 'e.csv' });
 * ```
 */
export async function computeValue(
  io: Parameters<Command['run']>[1],
  values: Record<string, unknown>,
  progress?: (read: number) => void,
): Promise<ValueOutcome> {
  const cols = columnsOption(io, values, VALUE_INPUTS);
  const fw = await loadFramework(io, values.framework, headersFor(cols, 'framework'));
  const file = values.entries;
  const entryColumns = headersFor(cols, 'entries');
  if (typeof file === 'string' && file !== '' && extension(file, io) === 'csv') {
    return valueCsvFile(io, file, fw, valueSettings(io, values, fw.value), progress, entryColumns);
  }
  const entries = await loadEntries(io, values.entries, fw.value, entryColumns);
  const settings = valueSettings(io, values, fw.value);
  const r = valueEntries(fw.value, entries.value, settings.options);
  if (!r.ok) {
    // Nothing could be valued: show the rows' own issues first, they are usually the cause.
    if (entries.issues.length)
      throw new NothingValued('no entry could be valued', [...entries.issues, ...r.issues]);
    throw new UsageError(r.issues.map((i) => i.message).join('; '));
  }
  const name = typeof values.entries === 'string' ? values.entries : undefined;
  const located = (i: Issue): Issue => (name && i.line !== undefined && !i.file ? { ...i, file: name } : i);
  const issues = [...fw.issues, ...entries.issues, ...r.value.issues.map(located)];
  const read = entries.counts?.read ?? r.value.counts.read;
  const rejected = (entries.counts?.rejected ?? 0) + r.value.counts.rejected;
  const result: ValuationResult = { ...r.value, issues };
  return {
    result,
    framework: fw.value,
    sha256: hashInputs(fw.text, entries.text, settings.hashed),
    issues,
    counts: { read, accepted: read - rejected, rejected },
    lineCount: result.lines.length,
    async eachLine(each, limit = Number.POSITIVE_INFINITY) {
      const n = Math.min(limit, result.lines.length);
      for (let i = 0; i < n; i++) each(result.lines[i] as ValuationLine);
    },
  };
}

/** Keeps the first `max` issues in full and counts the rest by code. */
class CappedIssues {
  readonly list: Issue[] = [];
  private readonly rest = new Map<string, number>();
  constructor(private readonly max: number) {}
  push(i: Issue): void {
    if (this.list.length < this.max) this.list.push(i);
    else this.rest.set(i.code, (this.rest.get(i.code) ?? 0) + 1);
  }
  /** The kept issues, and a warning naming what was counted only. */
  all(): Issue[] {
    if (!this.rest.size) return this.list;
    const counts = [...this.rest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let n = 0;
    for (const [, k] of counts) n += k;
    return [
      ...this.list,
      issue(
        'issues_truncated',
        `${n} more row issues were not listed (${counts.map(([c, k]) => `${c}: ${k}`).join(', ')}): fix the ones above and run again`,
        { severity: 'warning' },
      ),
    ];
  }
}

/**
 * The text of an entries file as `hashInputs(frameworkText, entriesText, options)` hashes it,
 * computed while the bytes stream past (the same digest as hashing the whole text).
 */
function textHasher(frameworkText: string): {
  update(chunk: Uint8Array): void;
  digest(options: unknown): string;
} {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const prefix = canonicalStringify([frameworkText, '']);
  hash.update(prefix.slice(0, -2)); // `["…framework…","` : the entries text goes inside the quotes
  const add = (t: string) => {
    if (t) hash.update(JSON.stringify(t).slice(1, -1));
  };
  return {
    update: (chunk) => add(decoder.decode(chunk, { stream: true })),
    digest(options) {
      add(decoder.decode());
      hash.update(`",${canonicalStringify(options)}]`);
      return hash.digest('hex');
    },
  };
}

async function valueCsvFile(
  io: Parameters<Command['run']>[1],
  file: string,
  fw: Loaded<Framework>,
  settings: ValueSettings,
  progress?: (read: number) => void,
  columns: ReturnType<typeof headersFor> = headersFor(undefined, 'entries'),
): Promise<ValueOutcome> {
  const source = byteSource(io, file);
  const hasher = textHasher(fw.text);
  const hashing: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of source) {
        hasher.update(chunk);
        yield chunk;
      }
    },
  };
  const acc = createValuationAccumulator(fw.value, {
    ...settings.options,
    keepLines: false,
    maxIssues: MAX_ISSUES,
  });
  const rowIssues = new CappedIssues(MAX_ISSUES);
  const reader = readEntries(hashing, { file, framework: fw.value, ...csvReadOptions(io), ...columns });
  let index = 0;
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      if (row.ok) {
        acc.add(row.value, index++);
        for (const w of row.warnings) rowIssues.push(w);
      } else for (const i of row.issues) rowIssues.push(i);
    }
    progress?.(reader.counts.read);
  }
  const summary = reader.summary();
  const entryIssues = [...summary.fileIssues, ...rowIssues.all()];
  if (summary.counts.read === 0 && entryIssues.some((i) => i.line === undefined || i.line === 1)) {
    throw new FatalIssues(`${file} cannot be read as an entries table`, entryIssues);
  }
  const sha256 = hasher.digest(settings.hashed);
  const r = acc.result();
  if (!r.ok) {
    if (entryIssues.length)
      throw new NothingValued('no entry could be valued', [...entryIssues, ...r.issues]);
    throw new UsageError(r.issues.map((i) => i.message).join('; '));
  }
  const located = (i: Issue): Issue => (i.line !== undefined && !i.file ? { ...i, file } : i);
  const issues = [...fw.issues, ...entryIssues, ...r.value.issues.map(located)];
  const read = summary.counts.read;
  const rejected = summary.counts.rejected + r.value.counts.rejected;
  const result: ValuationResult = { ...r.value, issues };
  const lineCount = r.value.counts.accepted;
  // the second read values lines at the base year the first read settled
  const linesOptions = {
    ...settings.options,
    baseYear: result.baseYear,
    keepLines: true,
    maxIssues: 0,
  };
  const eachLine = async (each: (line: ValuationLine) => void, limit = Number.POSITIVE_INFINITY) => {
    if (limit <= 0) return;
    if (result.lines.length === lineCount) {
      const n = Math.min(limit, lineCount);
      for (let i = 0; i < n; i++) each(result.lines[i] as ValuationLine);
      return;
    }
    let given = 0;
    const lines = createValuationAccumulator(fw.value, {
      ...linesOptions,
      onLine: (l) => {
        if (given++ < limit) each(l);
      },
    });
    const again = readEntries(source, { file, framework: fw.value, ...csvReadOptions(io), ...columns });
    let i = 0;
    for await (const batch of again.batches()) {
      for (const row of batch) if (row.ok) lines.add(row.value, i++);
      if (given >= limit) break;
    }
  };
  // small files keep their lines, so every output is what reading the file whole gave
  if (lineCount <= TABLE_LINES) {
    const kept: ValuationLine[] = [];
    await eachLine((l) => kept.push(l));
    result.lines = kept;
  }
  return {
    result,
    framework: fw.value,
    sha256,
    issues,
    counts: { read, accepted: read - rejected, rejected },
    lineCount,
    eachLine,
  };
}

/**
 * Most lines the table and Markdown outputs list (totals always cover every line); a CSV entries
 * file with more accepted rows than this is streamed rather than held.
 *
 * @example
 * ```ts
 * import { TABLE_LINES } from '@commonweal/cli';
 * console.log(TABLE_LINES); // 1000
 * ```
 */
export const TABLE_LINES = 1000;

const money = (d: { toString(): string } | undefined, currency: string) =>
  d === undefined ? '' : formatMoney(d.toString(), currency);

/**
 * Renders a valuation as a plain-text table (the CLI's default output).
 *
 * @example
 * ```ts
 * io.stdout(valuationTable(outcome));
 * ```
 */
export function valuationTable(o: ValueOutcome, markdown = false, lines = o.result.lines): string {
  const r = o.result;
  const c = r.currency;
  const titles = new Map(o.framework.measures.map((m) => [m.code, m.title]));
  const themeTitles = new Map(o.framework.themes.map((t) => [t.id, t.title]));
  const headers = ['line', 'measure', 'quantity', 'years', 'gross', 'net', 'present value'];
  const align: ('left' | 'right')[] = ['right', 'left', 'right', 'right', 'right', 'right', 'right'];
  // the lines table is for reading: past TABLE_LINES it is cut, with a note (JSON and CSV keep all)
  const shown = lines.length > TABLE_LINES ? lines.slice(0, TABLE_LINES) : lines;
  const rows = shown.map((l) => [
    String(l.line ?? l.index + 1),
    `${l.measure} ${titles.get(l.measure) ?? ''}`.trim(),
    `${l.quantity.toString()} ${l.unit}`,
    String(l.countedYears),
    l.recordOnly ? 'record only' : money(l.gross, c),
    l.recordOnly ? '' : money(l.net, c),
    l.recordOnly ? '' : money(l.presentValue, c),
  ]);
  const totals = r.totals;
  const themeRows = Object.entries(totals.byTheme).map(([id, s]) => [
    themeTitles.get(id) ?? id,
    money(s.gross, c),
    money(s.net, c),
    money(s.presentValue, c),
  ]);
  themeRows.push(['Total', money(totals.gross, c), money(totals.net, c), money(totals.presentValue, c)]);
  const summary: string[][] = [
    ['Present value (central)', money(totals.presentValue, c)],
    ['Present value (low – high)', `${money(totals.low, c)} – ${money(totals.high, c)}`],
  ];
  if (r.socialValuePercent)
    summary.push(['Social value as % of contract value', formatPercent(r.socialValuePercent.dividedBy(100))]);
  if (r.sroi) {
    summary.push(['SROI ratio', `${round(r.sroi.ratio, RATIO_ROUNDING)} : 1`]);
    summary.push(['Net SROI ratio', round(r.sroi.netRatio, RATIO_ROUNDING)]);
    if (r.sroi.paybackMonths) summary.push(['Payback (months)', round(r.sroi.paybackMonths, RATIO_ROUNDING)]);
    if (r.sroi.npv)
      summary.push(['NPV (present value − investment)', formatMoney(r.sroi.npv, r.options.currency)]);
    if (r.sroi.ratioLow && r.sroi.ratioHigh) {
      summary.push([
        'SROI ratio low – high (proxy ranges)',
        `${round(r.sroi.ratioLow, RATIO_ROUNDING)} – ${round(r.sroi.ratioHigh, RATIO_ROUNDING)} : 1`,
      ]);
    }
    // switching values for all measures together; per measure they are in the JSON
    for (const s of r.sroi.switchingValues ?? []) {
      if (s.scope !== 'all') continue;
      const what =
        s.adjustment === 'proxy'
          ? 'proxies (× central)'
          : s.adjustment === 'dropOff'
            ? 'drop-off'
            : s.adjustment;
      summary.push([
        `Switching value: ${what}`,
        s.status === 'switches' && s.switching
          ? `${round(s.switching, RATIO_ROUNDING)} (now ${s.current ? round(s.current, RATIO_ROUNDING) : '—'})`
          : s.status.replace(/-/g, ' '),
      ]);
    }
  }
  const disc = r.options.discounting ? r.options.discounting.name : 'none';
  const notes = [
    `Base year ${r.baseYear}; ${r.priceYear !== null ? `${r.priceYear} prices` : 'no price year'}; discounting: ${disc}${r.options.firstPeriodDiscounted ? ' (first year discounted once)' : ''}.`,
    `Rows: ${o.counts.read} read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected. Inputs sha256 ${o.sha256}.`,
    'Money is rounded half-up to pennies for display only; totals are summed at full precision.',
  ];
  if (shown.length < o.lineCount)
    notes.push(
      `Lines: the first ${shown.length} of ${o.lineCount} are shown; use --format csv or json for every line.`,
    );
  const recorded = r.recorded.map((m) => [
    `${m.measure} ${titles.get(m.measure) ?? ''}`.trim(),
    `${m.countedUnits.toString()} ${m.unit}`,
    String(m.entries),
  ]);
  if (markdown) {
    return [
      '# Social value valuation',
      '',
      markdownTable(['measure', 'value'], summary, ['left', 'right']),
      '## By theme',
      '',
      markdownTable(['theme', 'gross', 'net', 'present value'], themeRows, [
        'left',
        'right',
        'right',
        'right',
      ]),
      '## Lines',
      '',
      markdownTable(headers, rows, align),
      ...(recorded.length
        ? [
            '## Record-only measures (not valued)',
            '',
            markdownTable(['measure', 'counted', 'entries'], recorded, ['left', 'right', 'right']),
          ]
        : []),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    textTable(headers, rows, { align, title: 'Social value valuation — lines' }),
    ...(recorded.length
      ? [
          textTable(['measure', 'counted', 'entries'], recorded, {
            align: ['left', 'right', 'right'],
            title: 'Record-only measures (reported, never in £ totals)',
          }),
        ]
      : []),
    textTable(['theme', 'gross', 'net', 'present value'], themeRows, {
      align: ['left', 'right', 'right', 'right'],
      title: 'By theme',
    }),
    textTable(['figure', 'value'], summary, { align: ['left', 'right'], title: 'Summary' }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * The valuation lines as CSV (injection-safe; decimals in full).
 *
 * @example
 * ```ts
 * writeFileSync('lines.csv', valuationCsv(outcome));
 * ```
 */
export function valuationCsv(o: ValueOutcome): string {
  return toCsv(o.result.lines, VALUATION_CSV_COLUMNS);
}

const VALUATION_CSV_COLUMNS: CsvColumn<ValuationLine>[] = [
  { header: 'line', value: (l) => l.line ?? l.index + 1 },
  'measure',
  'theme',
  { header: 'outcome', value: (l) => l.outcome ?? '' },
  'unit',
  'quantity',
  'countedYears',
  { header: 'proxy', value: (l) => l.proxy ?? null },
  'gross',
  'impact',
  'net',
  'presentValue',
  { header: 'low', value: (l) => l.low ?? null },
  { header: 'high', value: (l) => l.high ?? null },
  'recordOnly',
];

/**
 * Writes every valuation line as CSV to a sink, one line at a time (flat memory; the same bytes
 * as {@link valuationCsv}).
 *
 * @example
 * ```ts
 * await writeValuationCsv(outcome, openOutput(io, 'lines.csv', false));
 * ```
 */
export async function writeValuationCsv(o: ValueOutcome, sink: OutputSink): Promise<void> {
  for (const l of toCsvLines([], VALUATION_CSV_COLUMNS)) sink.write(l);
  const one: ValuationLine[] = [];
  await o.eachLine((line) => {
    one[0] = line;
    for (const l of toCsvLines(one, VALUATION_CSV_COLUMNS, { header: false })) sink.write(l);
  });
  sink.end();
}

const LINES_MARK = '__commonweal_valuation_lines__';
const SOURCES_MARK = '__commonweal_valuation_sources__';

// The proxies' sources are cited whether or not lines are written, so totals keep their provenance.
function citedSources(o: ValueOutcome): SourceIndex {
  const index = createSourceIndex();
  const valued = new Set(Object.keys(o.result.totals.byMeasure));
  for (const m of o.framework.measures) {
    if (valued.has(m.code) && m.proxy?.source) index.add(m.proxy.source);
  }
  return index;
}

/** Options of `writeValuationJson`. */
export interface ValuationJsonWriteOptions {
  /** Write every line with its trace (`--lines`); default false: the totals-only document. */
  lines?: boolean;
}

/**
 * Writes the valuation's stable JSON to a sink with its lines (when asked for) streamed in
 * place: flat memory, the same bytes as
 * `canonicalStringify(toValuationJson(result, { sha256 }, { lines }), { indent: 2, finalNewline: true })`.
 * Sources are written once, in `sources`, after the lines that cite them.
 *
 * @example
 * ```ts
 * await writeValuationJson(outcome, openOutput(io, 'valuation.json', false), { lines: true });
 * ```
 */
export async function writeValuationJson(
  o: ValueOutcome,
  sink: OutputSink,
  options: ValuationJsonWriteOptions = {},
): Promise<void> {
  const lines = options.lines === true;
  const sources = citedSources(o);
  if (!lines || o.lineCount === 0 || o.result.lines.length === o.lineCount) {
    const whole = toValuationJson(o.result, { sha256: o.sha256 }, { lines, sources });
    sink.write(canonicalStringify(whole, { indent: 2, finalNewline: true }));
    sink.end();
    return;
  }
  const json = toValuationJson({ ...o.result, lines: [] }, { sha256: o.sha256 }, { sources });
  (json as { lines: unknown[] }).lines = [LINES_MARK];
  (json as { sources: unknown }).sources = SOURCES_MARK;
  const text = canonicalStringify(json, { indent: 2, finalNewline: true });
  const at = text.indexOf(`"${LINES_MARK}"`);
  sink.write(text.slice(0, at));
  // lines sit two levels deep: each line's own indented text, shifted by four spaces
  let first = true;
  await o.eachLine((line) => {
    const item = canonicalStringify(toValuationLineJson(line, sources), { indent: 2 }).replace(
      /\n/g,
      '\n    ',
    );
    sink.write(first ? item : `,\n    ${item}`);
    first = false;
  });
  // `sources` sorts after `lines`, so it is written once every line has named its sources
  const rest = text.slice(at + LINES_MARK.length + 2);
  const s = rest.indexOf(`"${SOURCES_MARK}"`);
  sink.write(rest.slice(0, s));
  sink.write(canonicalStringify(sources.sources(), { indent: 2 }).replace(/\n/g, '\n  '));
  sink.write(rest.slice(s + SOURCES_MARK.length + 2));
  sink.end();
}

/**
 * `commonweal value`: the social value of commitments or delivered outcomes, adjusted for
 * deadweight, displacement, attribution and drop-off, and discounted (Green Book by default).
 *
 * @example
 * ```sh
 * commonweal value --framework measures.csv --entries commitments.csv --format json
 * ```
 */
export const valueCommand: Command = {
  name: 'value',
  summary: 'Value social value commitments or delivered outcomes against a measures framework',
  usage:
    'commonweal value --framework <file.json|file.csv|builtin:NAME> --entries <file.csv|file.json> [options]',
  options: {
    ...COLUMN_OPTIONS,
    framework: {
      type: 'string',
      short: 'f',
      value: 'FILE',
      description: 'Measures framework (.json, a measures .csv, or builtin:open-catalogue)',
    },
    entries: {
      type: 'string',
      short: 'e',
      value: 'FILE',
      description: 'Commitments or delivered outcomes (.csv or .json)',
    },
    'base-year': {
      type: 'string',
      value: 'YEAR',
      description: 'Year 0 of discounting (default: the earliest entry year)',
    },
    'price-year': {
      type: 'string',
      value: 'YEAR',
      description:
        'Price year of the result (default: the proxies’ latest price year, rebased with the HMT GDP deflator)',
    },
    discounting: {
      type: 'string',
      value: 'NAME',
      description: 'green-book (default), green-book-health, constant:0.035 or none',
    },
    'first-period-discounted': {
      type: 'boolean',
      description:
        'Discount the first year once (SROI Value Map convention) instead of the Green Book year 0',
    },
    'contract-value': {
      type: 'string',
      value: 'N',
      description: 'Contract value, for social value as % of it',
    },
    ...CONTRACT_OPTION,
    investment: {
      type: 'string',
      value: 'N',
      description: 'Investment, for the SROI ratio, net ratio and payback',
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: ['table', 'json', 'csv', 'md'],
      description:
        'table (default), json (stable contract) of the totals (--lines adds every line), csv (one row a line) or md',
    },
    lines: {
      type: 'boolean',
      description:
        'With --format json: also write every line with its trace (streamed; large). Without it the JSON is the totals',
    },
    ...REPORT_OPTION,
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout (- is stdout)',
    },
    strict: { type: 'boolean', description: 'Treat any issue as fatal (no result, exit 1)' },
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal value --framework examples/valuation/measures.csv --entries examples/valuation/commitments.csv',
    'commonweal value -f measures.csv -e commitments.csv --price-year 2024 --contract-value 2400000 --investment 150000',
    'commonweal value -f framework.json -e delivered.csv --discounting constant:0.035 --format json --out valuation.json',
    'commonweal value -f measures.csv -e commitments.csv --format json --lines --out valuation-with-lines.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'csv', 'md']);
    if (values.lines && format !== 'json') {
      throw new UsageError(
        `--lines goes with --format json (--format ${format} already ${format === 'csv' ? 'is one row a line' : `lists the first ${TABLE_LINES} lines`})`,
      );
    }
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    let outcome: ValueOutcome;
    const progress = progressLine(io, quiet, 'entries');
    try {
      outcome = await computeValue(io, values, progress.tick);
    } catch (e) {
      progress.done();
      if (!(e instanceof NothingValued)) throw e;
      printIssues(io, e.issues, quiet);
      if (!quiet)
        io.stderr(`${e.message}: every row was rejected (see the issues above); nothing written.\n`);
      return 1;
    }
    progress.done();
    printIssues(io, outcome.issues, quiet);
    if (values.strict && outcome.issues.length > 0) {
      if (!quiet) io.stderr(`${outcome.issues.length} issue(s); --strict: no result written.\n`);
      return 1;
    }
    if (format === 'json') {
      await writeValuationJson(outcome, openOutput(io, values.out, quiet), { lines: Boolean(values.lines) });
    } else if (format === 'csv') await writeValuationCsv(outcome, openOutput(io, values.out, quiet));
    else {
      let shown = outcome.result.lines;
      if (shown.length < outcome.lineCount) {
        const first: ValuationLine[] = [];
        await outcome.eachLine((l) => first.push(l), TABLE_LINES);
        shown = first;
      }
      emit(io, valuationTable(outcome, format === 'md', shown), values.out, quiet);
    }
    writeReport(
      io,
      values.report,
      {
        html: () => renderValuationHtml(outcome.result, { framework: outcome.framework }),
        md: () => renderValuationMarkdown(outcome.result, { framework: outcome.framework }),
      },
      quiet,
    );
    if (outcome.counts.rejected > 0 && !quiet) {
      io.stderr(
        `${outcome.counts.rejected} of ${outcome.counts.read} rows rejected and left out (see the issues above).\n`,
      );
    }
    return outcome.issues.some((i) => i.severity !== 'warning') ? 1 : 0;
  },
};
