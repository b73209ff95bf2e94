import type { Issue } from '@commonweal/core/issues';
import { formatMoney, formatPercent, RATIO_ROUNDING, round } from '@commonweal/core/money';
import type { ValuationLine } from '@commonweal/core/valuation';
import { ENTRY_COLUMNS, MEASURE_COLUMNS, toCsv } from '@commonweal/csv';
import {
  type FlowChunks,
  type FlowText,
  NOTHING_VALUED,
  TABLE_LINES,
  VALUATION_CSV_COLUMNS,
  type ValueFlowInput,
  type ValueFlowResult,
  valueFlow,
} from '@commonweal/flows';
import { renderValuationHtml, renderValuationMarkdown } from '@commonweal/report';
import { discountingByName } from '@commonweal/uk';
import type { Command } from '../command';
import { CONTRACT_OPTION, readContractOption } from '../util/contract';
import { COLUMN_OPTIONS, type CsvInput, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { byteSource, type CliIO, csvReadOptions, extension, readText, UsageError } from '../util/io';
import { FatalIssues, frameworkText, moneyOption } from '../util/load';
import { manyFiles } from '../util/many';
import { chooseFormat, intOption, lazyOutput, type OutputSink, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';
import { progressLine } from './spend';

export { TABLE_LINES };

/** The CSV inputs of `value`, for `--columns`: the entries, then a measures-table framework. */
export const VALUE_INPUTS: readonly CsvInput[] = [
  { name: 'entries', fields: fieldsOf(ENTRY_COLUMNS) },
  { name: 'framework', fields: fieldsOf(MEASURE_COLUMNS) },
];

/** Every row was rejected: the issues are printed and the command exits 1, with no result. */
export class NothingValued extends Error {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[]) {
    super(message);
    this.name = 'NothingValued';
    this.issues = issues;
  }
}

/**
 * What `commonweal value` computed, ready for any output format: the value flow's result (see
 * `ValueFlowResult` in `@commonweal/flows`).
 */
export type ValueOutcome = ValueFlowResult;

/** The framework's file (or `builtin:NAME`) as a flow input. */
function frameworkInput(io: CliIO, spec: unknown): ValueFlowInput['framework'] {
  if (typeof spec !== 'string' || spec === '') throw new UsageError('--framework is required');
  return frameworkText(io, spec);
}

/**
 * The entries: a CSV file streamed (read again for lines), a JSON file read whole. `--entries`
 * may be repeated or a quoted pattern (expanded and sorted by the command): several files are
 * valued as one, each reported.
 */
function entriesInput(
  io: CliIO,
  value: unknown,
): { entries: FlowText | FlowChunks | (FlowText | FlowChunks)[]; format?: 'csv' | 'json' } {
  const given = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (given.length === 0 || given.every((v) => v === '')) throw new UsageError('--entries is required');
  const one = (file: string): { entries: FlowText | FlowChunks; format: 'csv' | 'json' } => {
    const ext = extension(file, io);
    if (ext === 'csv') return { entries: { name: file, chunks: byteSource(io, file) }, format: 'csv' };
    if (ext === 'json') return { entries: { name: file, text: readText(io, file) }, format: 'json' };
    throw new UsageError(`${file}: expected a .json or .csv file`);
  };
  const files = manyFiles(io, given, 'entries');
  if (files.length === 1) return one(files[0] as string);
  // each file's format is told by its name
  return { entries: files.map((f) => one(f).entries) };
}

/**
 * Values entries against a framework as `commonweal value` does: the flags made into the value
 * flow's input, the files read (a CSV entries file streamed), and the flow run. Exposed so other
 * commands (demo, reports) share one path.
 *
 * @example
 * ```ts
 * const outcome = await computeValue(io, { framework: 'builtin:open-catalogue', entries: 'e.csv' });
 * ```
 */
export async function computeValue(
  io: CliIO,
  values: Record<string, unknown>,
  progress?: (read: number) => void,
  linesCsv?: (text: string) => void,
): Promise<ValueOutcome> {
  const cols = columnsOption(io, values, VALUE_INPUTS);
  const framework = frameworkInput(io, values.framework);
  const { entries, format } = entriesInput(io, values.entries);
  const discounting = typeof values.discounting === 'string' ? values.discounting : 'green-book';
  const schedule = discountingByName(discounting);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const baseYear = intOption(values['base-year'], 'base-year');
  const priceYear = intOption(values['price-year'], 'price-year');
  // --contract-value wins over the value in a contract file from `commonweal ocds`.
  const contractValue = moneyOption(
    values['contract-value'] ?? readContractOption(io, values.contract)?.value,
    'contract-value',
  );
  const investment = moneyOption(values.investment, 'investment');
  const r = await valueFlow({
    framework,
    entries,
    ...(format ? { entriesFormat: format } : {}),
    columns: { entries: headersFor(cols, 'entries'), framework: headersFor(cols, 'framework') },
    ...csvReadOptions(io),
    discounting,
    baseYear,
    priceYear,
    contractValue,
    investment,
    firstPeriodDiscounted: Boolean(values['first-period-discounted']),
    onProgress: progress,
    linesCsv,
  });
  if (r.ok) return r;
  if (r.headline === NOTHING_VALUED) throw new NothingValued(r.headline, r.issues);
  throw new FatalIssues(r.headline, r.issues);
}

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
  const byFile = (o.files ?? []).map((f) => [
    f.file,
    String(f.counts.read),
    String(f.counts.accepted),
    String(f.counts.rejected),
    money(f.totals.presentValue, c),
  ]);
  if (byFile.length)
    byFile.push([
      'all files',
      String(o.counts.read),
      String(o.counts.accepted),
      String(o.counts.rejected),
      money(totals.presentValue, c),
    ]);
  const fileHead = ['file', 'rows read', 'accepted', 'rejected', 'present value'];
  const fileAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right'];
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
      ...(byFile.length ? ['## By file', '', markdownTable(fileHead, byFile, fileAlign)] : []),
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
    ...(byFile.length ? [textTable(fileHead, byFile, { align: fileAlign, title: 'By file' })] : []),
    textTable(['theme', 'gross', 'net', 'present value'], themeRows, {
      align: ['left', 'right', 'right', 'right'],
      title: 'By theme',
    }),
    textTable(['figure', 'value'], summary, { align: ['left', 'right'], title: 'Summary' }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * The valuation lines as CSV (injection-safe; decimals in full), for a result whose lines are held.
 *
 * @example
 * ```ts
 * writeFileSync('lines.csv', valuationCsv(outcome));
 * ```
 */
export function valuationCsv(o: ValueOutcome): string {
  return toCsv(o.result.lines, VALUATION_CSV_COLUMNS);
}

/**
 * Writes every valuation line as CSV to a sink, one line at a time (flat memory; the same bytes
 * as {@link valuationCsv}), and ends it.
 *
 * @example
 * ```ts
 * await writeValuationCsv(outcome, openOutput(io, 'lines.csv', false));
 * ```
 */
export async function writeValuationCsv(o: ValueOutcome, sink: OutputSink): Promise<void> {
  await o.writeCsv((t) => sink.write(t));
  sink.end();
}

/** Options of `writeValuationJson`. */
export interface ValuationJsonWriteOptions {
  /** Write every line with its trace (`--lines`); default false: the totals-only document. */
  lines?: boolean;
}

/**
 * Writes the valuation's stable JSON to a sink with its lines (when asked for) streamed in
 * place, and ends it: flat memory, the same bytes as
 * `canonicalStringify(toValuationJson(result, { sha256 }, { lines }), { indent: 2, finalNewline: true })`.
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
  await o.writeJson((t) => sink.write(t), { lines: options.lines === true });
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
      multiple: true,
      value: 'FILE',
      description:
        "Commitments or delivered outcomes (.csv or .json). Repeat it, or give a quoted pattern such as 'returns/2025-*.csv' (expanded and sorted by the command), to value several files as one",
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
    let o: ValueOutcome;
    const progress = progressLine(io, quiet, 'entries');
    // the lines CSV is written as the entries are read (one read, not two), unless --strict may
    // yet withhold it; the output opens with the first line, so a failed run writes nothing
    const early = format === 'csv' && !values.strict ? lazyOutput(io, values.out, quiet) : undefined;
    try {
      o = await computeValue(io, values, progress.tick, early && ((t) => early.write(t)));
    } catch (e) {
      progress.done();
      if (!(e instanceof NothingValued)) throw e;
      printIssues(io, e.issues, quiet);
      if (!quiet)
        io.stderr(`${e.message}: every row was rejected (see the issues above); nothing written.\n`);
      return 1;
    }
    progress.done();
    if (values.strict && o.issues.length > 0) {
      printIssues(io, o.issues, quiet);
      if (!quiet) io.stderr(`${o.issues.length} issue(s); --strict: no result written.\n`);
      return 1;
    }
    let shown = o.result.lines;
    if ((format === 'table' || format === 'md') && shown.length < o.lineCount) {
      const first: ValuationLine[] = [];
      await o.eachLine((l) => first.push(l), TABLE_LINES);
      shown = first;
    }
    const lines = Boolean(values.lines);
    return finish(io, values, {
      issues: o.issues,
      ...(format === 'json'
        ? { stream: (sink: OutputSink) => o.writeJson((t) => sink.write(t), { lines }) }
        : early
          ? { written: early }
          : format === 'csv'
            ? { stream: (sink: OutputSink) => o.writeCsv((t) => sink.write(t)) }
            : { output: () => valuationTable(o, format === 'md', shown) }),
      report: {
        html: () => renderValuationHtml(o.result, { framework: o.framework, files: o.files }),
        md: () => renderValuationMarkdown(o.result, { framework: o.framework, files: o.files }),
      },
      after: () => {
        if (o.counts.rejected > 0 && !quiet)
          io.stderr(
            `${o.counts.rejected} of ${o.counts.read} rows rejected and left out (see the issues above).\n`,
          );
      },
    });
  },
};
