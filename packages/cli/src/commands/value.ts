import type { Framework } from '@commonweal/core/framework';
import type { Issue } from '@commonweal/core/issues';
import { formatMoney, formatPercent, RATIO_ROUNDING, round } from '@commonweal/core/money';
import { toValuationJson, type ValuationResult, valueEntries } from '@commonweal/core/valuation';
import { toCsv } from '@commonweal/csv';
import { canonicalStringify, hashInputs } from '@commonweal/json';
import { renderValuationHtml, renderValuationMarkdown } from '@commonweal/report';
import { discountingByName, hmtGdpDeflator } from '@commonweal/uk';
import type { Command } from '../command';
import { CONTRACT_OPTION, readContractOption } from '../util/contract';
import { UsageError } from '../util/io';
import { loadEntries, loadFramework, moneyOption } from '../util/load';
import { chooseFormat, emit, intOption, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { markdownTable, textTable } from '../util/table';

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
  result: ValuationResult;
  framework: Framework;
  sha256: string;
  issues: Issue[];
  counts: { read: number; accepted: number; rejected: number };
}

/**
 * Values entries against a framework as `commonweal value` does (files already loaded).
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
): Promise<ValueOutcome> {
  const fw = await loadFramework(io, values.framework);
  const entries = await loadEntries(io, values.entries, fw.value);
  const discountingName = typeof values.discounting === 'string' ? values.discounting : 'green-book';
  const schedule = discountingByName(discountingName);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const baseYear = intOption(values['base-year'], 'base-year');
  let priceYear = intOption(values['price-year'], 'price-year');
  if (priceYear === undefined) {
    // Proxies of different price years are rebased to the latest of them unless told otherwise.
    const years = new Set(fw.value.measures.flatMap((m) => (m.proxy ? [m.proxy.priceYear] : [])));
    if (years.size > 1) priceYear = Math.max(...years);
  }
  // --contract-value wins over the value in a contract file from `commonweal ocds`.
  const contractValue = moneyOption(
    values['contract-value'] ?? readContractOption(io, values.contract)?.value,
    'contract-value',
  );
  const investment = moneyOption(values.investment, 'investment');
  const r = valueEntries(fw.value, entries.value, {
    discounting: schedule.value,
    indexSeries: hmtGdpDeflator,
    ...(baseYear !== undefined ? { baseYear } : {}),
    ...(priceYear !== undefined ? { priceYear } : {}),
    ...(contractValue ? { contractValue } : {}),
    ...(investment ? { investment } : {}),
    ...(values['first-period-discounted'] ? { firstPeriodDiscounted: true } : {}),
  });
  if (!r.ok) {
    // Nothing could be valued: show the rows' own issues first, they are usually the cause.
    if (entries.issues.length)
      throw new NothingValued('no entry could be valued', [...entries.issues, ...r.issues]);
    throw new UsageError(r.issues.map((i) => i.message).join('; '));
  }
  const file = typeof values.entries === 'string' ? values.entries : undefined;
  const located = (i: Issue): Issue => (file && i.line !== undefined && !i.file ? { ...i, file } : i);
  const issues = [...fw.issues, ...entries.issues, ...r.value.issues.map(located)];
  const read = entries.counts?.read ?? r.value.counts.read;
  const rejected = (entries.counts?.rejected ?? 0) + r.value.counts.rejected;
  const result: ValuationResult = { ...r.value, issues };
  return {
    result,
    framework: fw.value,
    sha256: hashInputs(fw.text, entries.text, {
      discounting: discountingName,
      baseYear,
      priceYear,
      contractValue,
      investment,
    }),
    issues,
    counts: { read, accepted: read - rejected, rejected },
  };
}

/** Most lines the table and Markdown outputs list (totals always cover every line). */
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
export function valuationTable(o: ValueOutcome, markdown = false): string {
  const r = o.result;
  const c = r.currency;
  const titles = new Map(o.framework.measures.map((m) => [m.code, m.title]));
  const themeTitles = new Map(o.framework.themes.map((t) => [t.id, t.title]));
  const headers = ['line', 'measure', 'quantity', 'years', 'gross', 'net', 'present value'];
  const align: ('left' | 'right')[] = ['right', 'left', 'right', 'right', 'right', 'right', 'right'];
  // the lines table is for reading: past TABLE_LINES it is cut, with a note (JSON and CSV keep all)
  const shown = r.lines.length > TABLE_LINES ? r.lines.slice(0, TABLE_LINES) : r.lines;
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
  }
  const disc = r.options.discounting ? r.options.discounting.name : 'none';
  const notes = [
    `Base year ${r.baseYear}; ${r.priceYear !== null ? `${r.priceYear} prices` : 'no price year'}; discounting: ${disc}${r.options.firstPeriodDiscounted ? ' (first year discounted once)' : ''}.`,
    `Rows: ${o.counts.read} read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected. Inputs sha256 ${o.sha256}.`,
    'Money is rounded half-up to pennies for display only; totals are summed at full precision.',
  ];
  if (shown.length < r.lines.length)
    notes.push(
      `Lines: the first ${TABLE_LINES} of ${r.lines.length} are shown; use --format csv or json for every line.`,
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
      notes.map((n) => `- ${n}`).join('\n'),
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
  return toCsv(o.result.lines, [
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
  ]);
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
      description: 'table (default), json (stable contract), csv or md',
    },
    ...REPORT_OPTION,
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout (- is stdout)',
    },
    strict: { type: 'boolean', description: 'Treat any issue as fatal (no result, exit 1)' },
  },
  examples: [
    'commonweal value --framework examples/valuation/measures.csv --entries examples/valuation/commitments.csv',
    'commonweal value -f measures.csv -e commitments.csv --price-year 2024 --contract-value 2400000 --investment 150000',
    'commonweal value -f framework.json -e delivered.csv --discounting constant:0.035 --format json --out valuation.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'csv', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    let outcome: ValueOutcome;
    try {
      outcome = await computeValue(io, values);
    } catch (e) {
      if (!(e instanceof NothingValued)) throw e;
      printIssues(io, e.issues, quiet);
      if (!quiet)
        io.stderr(`${e.message}: every row was rejected (see the issues above); nothing written.\n`);
      return 1;
    }
    printIssues(io, outcome.issues, quiet);
    if (values.strict && outcome.issues.length > 0) {
      if (!quiet) io.stderr(`${outcome.issues.length} issue(s); --strict: no result written.\n`);
      return 1;
    }
    let text: string;
    if (format === 'json') {
      text = canonicalStringify(toValuationJson(outcome.result, { sha256: outcome.sha256 }), {
        indent: 2,
        finalNewline: true,
      });
    } else if (format === 'csv') text = valuationCsv(outcome);
    else text = valuationTable(outcome, format === 'md');
    emit(io, text, values.out, quiet);
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
