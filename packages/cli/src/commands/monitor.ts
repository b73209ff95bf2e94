import type { Framework } from '@commonweal/core/framework';
import { hasErrors, type Issue, issueJson } from '@commonweal/core/issues';
import { type Decimal, formatMoney, formatPercent, RATIO_ROUNDING, round } from '@commonweal/core/money';
import {
  type DeliveryInput,
  DeliveryInputSchema,
  type DeliveryReport,
  monitorDelivery,
} from '@commonweal/core/procurement';
import { traceJson } from '@commonweal/core/trace';
import type { Entry } from '@commonweal/core/valuation';
import {
  COMMITMENT_COLUMNS,
  MEASURE_COLUMNS,
  OUTCOME_COLUMNS,
  readCommitmentsCsv,
  readEntriesCsv,
  readOutcomesCsv,
} from '@commonweal/csv';
import { canonicalStringify, hashInputs } from '@commonweal/json';
import { hmtGdpDeflator } from '@commonweal/uk';
import type { Command } from '../command';
import { CONTRACT_OPTION, readContractOption } from '../util/contract';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues, loadFramework } from '../util/load';
import { chooseFormat, emit, FORMAT_OPTION, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { documentReport, monitorDocument } from '../util/reports';
import { markdownList, markdownTable, markdownText, textTable } from '../util/table';
import { latestPriceYear } from './evaluate';

/** What `commonweal monitor` computed, ready for any output format. */
export interface MonitorOutcome {
  report: DeliveryReport;
  bid: string | null;
  currency: string | null;
  priceYear: number | null;
  sha256: string;
  /** Every issue: the files' (located), then the monitoring's (located on the outcomes file). */
  issues: Issue[];
}

function option(values: Record<string, unknown>, name: string, required = false): string | undefined {
  const v = values[name];
  if (v === undefined) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
  return v;
}

function dateOption(values: Record<string, unknown>, name: string): string {
  const v = option(values, name, true) as string;
  const r = DeliveryInputSchema.shape.reportDate.safeParse(v);
  if (!r.success) throw new UsageError(`--${name} must be a real date written YYYY-MM-DD (got '${v}')`);
  return v;
}

/**
 * Monitors delivery as `commonweal monitor` does: reads the winning bid's commitments (entries;
 * with a `bid` column, the bid chosen by `--bid`) and the outcome records, then runs core's
 * `monitorDelivery` for the contract period at the `--as-of` date.
 *
 * @example
 * ```ts
 * const o = await computeMonitor(io, { commitments: 'c.csv', outcomes: 'o.csv', start: '2026-04-01', end: '2028-03-31', 'as-of': '2027-03-31', bid: 'B1' });
 * o.report.overall.status; // 'red'
 * ```
 */
export async function computeMonitor(io: CliIO, given: Record<string, unknown>): Promise<MonitorOutcome> {
  // --start and --end win over the period in a contract file from `commonweal ocds`.
  const values: Record<string, unknown> = { ...given };
  const fromContract = readContractOption(io, given.contract);
  for (const k of ['start', 'end'] as const)
    if (values[k] === undefined && fromContract?.[k] !== undefined) values[k] = fromContract[k];
  const commitmentsFile = option(values, 'commitments', true) as string;
  const outcomesFile = option(values, 'outcomes', true) as string;
  const start = dateOption(values, 'start');
  const end = dateOption(values, 'end');
  const asOf = dateOption(values, 'as-of');
  const periodicity = (option(values, 'period') ?? 'quarter') as 'quarter' | 'month';
  if (periodicity !== 'quarter' && periodicity !== 'month')
    throw new UsageError(`--period must be quarter or month (got '${String(values.period)}')`);
  if (end < start) throw new UsageError(`--end (${end}) is before --start (${start})`);
  const wanted = option(values, 'bid');
  for (const f of [commitmentsFile, outcomesFile])
    if (extension(f, io) !== 'csv') throw new UsageError(`${f}: expected a .csv file`);

  let framework: Framework | undefined;
  let frameworkText: string | null = null;
  const issues: Issue[] = [];
  const cols = columnsOption(io, values, [
    { name: 'commitments', fields: fieldsOf(COMMITMENT_COLUMNS) },
    { name: 'outcomes', fields: fieldsOf(OUTCOME_COLUMNS) },
    { name: 'framework', fields: fieldsOf(MEASURE_COLUMNS) },
  ]);
  const spec = option(values, 'framework');
  if (spec) {
    const fw = await loadFramework(io, spec, headersFor(cols, 'framework'));
    framework = fw.value;
    frameworkText = fw.text;
    for (const x of fw.issues) issues.push(x);
  }

  const cText = readText(io, commitmentsFile);
  const fwOption = { ...(framework ? { framework } : {}), ...headersFor(cols, 'commitments') };
  // The commitments format (entries with a bid column); a plain entries file is one bid's.
  let c: { rows: Entry[]; issues: Issue[]; counts: { read: number } } = await readCommitmentsCsv(cText, {
    file: commitmentsFile,
    ...fwOption,
  });
  if (c.issues.some((i) => i.code === 'missing_column' && i.field === 'bid')) {
    const r = await readEntriesCsv(cText, { file: commitmentsFile, ...fwOption });
    c = { rows: r.entries, issues: r.issues, counts: r.counts };
  }
  if (c.counts.read === 0 && c.issues.some((i) => i.severity !== 'warning'))
    throw new FatalIssues(`${commitmentsFile} cannot be read as commitments`, c.issues);
  for (const x of c.issues) issues.push(x);
  const bids = [...new Set(c.rows.map((e) => e.bid).filter((b): b is string => b !== undefined))].sort();
  let bid: string | null = null;
  let commitments: Entry[] = c.rows;
  if (wanted !== undefined) {
    if (!bids.includes(wanted))
      throw new UsageError(
        `--bid ${wanted}: ${commitmentsFile} has no commitments for it (bids: ${bids.join(', ') || 'none'})`,
      );
    bid = wanted;
  } else if (bids.length > 1) {
    throw new UsageError(
      `${commitmentsFile} holds the commitments of ${bids.length} bids (${bids.join(', ')}): choose the winning bid with --bid`,
    );
  } else bid = bids[0] ?? null;
  if (bid !== null) commitments = c.rows.filter((e) => e.bid === bid);

  const oText = readText(io, outcomesFile);
  const o = await readOutcomesCsv(oText, { file: outcomesFile, ...headersFor(cols, 'outcomes') });
  if (o.counts.read === 0 && o.issues.some((i) => i.severity !== 'warning'))
    throw new FatalIssues(`${outcomesFile} cannot be read as outcome records`, o.issues);
  for (const x of o.issues) issues.push(x);

  const input: DeliveryInput = {
    commitments,
    outcomes: o.rows,
    contract: { start, end },
    reportDate: asOf,
    periodicity,
  };
  if (framework) {
    input.framework = framework;
    // Money in the latest proxy price year; core rebases the other proxies with the deflator.
    const year = latestPriceYear(framework);
    if (year !== null) {
      input.priceYear = year;
      input.indexSeries = hmtGdpDeflator;
    }
  }
  const r = monitorDelivery(input);
  if (!r.ok) throw new FatalIssues('delivery cannot be monitored', r.issues);
  // Monitoring names outcome rows by index; put them on the outcomes file's lines.
  for (const i of r.issues) {
    const row = i.path?.[0] === 'outcomes' && typeof i.path[1] === 'number' ? o.rows[i.path[1]] : undefined;
    issues.push(row?.line !== undefined ? { ...i, file: outcomesFile, line: row.line } : i);
  }
  return {
    report: r.value,
    bid,
    currency: framework?.currency ?? null,
    priceYear: r.value.priceYear,
    sha256: hashInputs({
      commitments: cText,
      outcomes: oText,
      framework: frameworkText,
      options: { bid, start, end, asOf, periodicity },
    }),
    issues,
  };
}

const str = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

/**
 * The JSON of a delivery report (the `delivery-output` schema: `commonweal schema
 * delivery-output`): decimals as strings at full precision, absent values null.
 *
 * @example
 * ```ts
 * canonicalStringify(toDeliveryJson(outcome), { indent: 2 });
 * ```
 */
export function toDeliveryJson(o: MonitorOutcome): Record<string, unknown> {
  const r = o.report;
  return {
    sha256: o.sha256,
    contract: { ...r.contract },
    reportDate: r.reportDate,
    periodicity: r.periodicity,
    elapsed: r.elapsed.toFixed(),
    thresholds: { green: r.thresholds.green.toFixed(), amber: r.thresholds.amber.toFixed() },
    overall: {
      basis: r.overall.basis,
      committedValue: str(r.overall.committedValue),
      deliveredValue: str(r.overall.deliveredValue),
      deliveredShare: str(r.overall.deliveredShare),
      pace: str(r.overall.pace),
      status: r.overall.status,
      counts: { ...r.overall.counts },
    },
    measures: r.measures.map((m) => ({
      measure: m.measure,
      title: m.title,
      unit: m.unit,
      committed: m.committed.toFixed(),
      delivered: m.delivered.toFixed(),
      deliveredShare: str(m.deliveredShare),
      expected: m.expected.toFixed(),
      pace: str(m.pace),
      status: m.status,
      proxy: str(m.proxy),
      committedValue: str(m.committedValue),
      deliveredValue: str(m.deliveredValue),
      trace: traceJson(m.trace),
    })),
    periods: r.periods.map((p) => ({
      period: p.period,
      start: p.start,
      end: p.end,
      measures: p.measures.map((m) => ({
        measure: m.measure,
        quantity: m.quantity.toFixed(),
        cumulative: m.cumulative.toFixed(),
      })),
      value: str(p.value),
    })),
    records: { ...r.records },
    issues: o.issues.map(issueJson),
  };
}

const ratio = (d: Decimal | null) => (d === null ? '–' : round(d, RATIO_ROUNDING));
const share = (d: Decimal | null) => (d === null ? '–' : formatPercent(d, 1));
const RAG_WORD: Record<string, string> = {
  green: 'GREEN',
  amber: 'AMBER',
  red: 'RED',
  'not-due': 'not due',
  uncommitted: 'uncommitted',
};

/**
 * Renders a delivery report as plain text or Markdown: per measure (committed, delivered,
 * expected by now, share, pace, RAG), per period (cumulative), overall and notes.
 *
 * @example
 * ```ts
 * io.stdout(deliveryReport(outcome));
 * ```
 */
export function deliveryReport(o: MonitorOutcome, markdown = false): string {
  const r = o.report;
  const cur = o.currency ?? 'GBP';
  const head = ['measure', 'unit', 'committed', 'delivered', 'expected by now', 'delivered %', 'pace', 'RAG'];
  const align: ('left' | 'right')[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'];
  const rows = r.measures.map((m) => [
    `${m.measure}${m.title ? ` ${m.title}` : ''}`,
    m.unit ?? '',
    m.committed.toString(),
    m.delivered.toString(),
    round(m.expected, RATIO_ROUNDING),
    share(m.deliveredShare),
    ratio(m.pace),
    RAG_WORD[m.status] ?? m.status,
  ]);
  const codes = r.measures.map((m) => m.measure);
  const periodRows = r.periods.map((p) => [
    p.period,
    ...codes.map((code) => {
      const x = p.measures.find((m) => m.measure === code);
      return x ? `${x.quantity.toString()} (Σ ${x.cumulative.toString()})` : '';
    }),
  ]);
  const ov = r.overall;
  const overall =
    ov.basis === 'value'
      ? `Overall: ${RAG_WORD[ov.status]} — ${formatMoney((ov.deliveredValue as Decimal).toString(), cur)} of ${formatMoney((ov.committedValue as Decimal).toString(), cur)} committed delivered (${share(ov.deliveredShare)})${ov.expectedValue ? `, ${formatMoney(ov.expectedValue.toString(), cur)} due by now` : ''}, pace ${ratio(ov.pace)}.`
      : `Overall: ${RAG_WORD[ov.status]} — the worst committed measure (not every measure has a proxy, so delivery is not summed in money). Green ${ov.counts.green}, amber ${ov.counts.amber}, red ${ov.counts.red}.`;
  const notes = [
    `Contract ${r.contract.start} to ${r.contract.end}; as of ${r.reportDate}, ${formatPercent(r.elapsed, 1)} of the contract period has elapsed.`,
    'Committed = quantity × counted years: every year of the duration for perYear measures (12.5 FTE for 2 years = 25 FTE-years), the first year only for firstYearOnly ones; delivered is in the same units.',
    r.expectation === 'elapsed'
      ? `Pace = delivered share ÷ elapsed share (deprecated): green ≥ ${r.thresholds.green.toString()}, amber ≥ ${r.thresholds.amber.toString()}, else red (project defaults, not a published standard).`
      : `Expected by now follows each commitment's delivery profile: a commitment of year Y is due in contract year Y − ${r.contract.start.slice(0, 4)} + 1 (and each further counted year in the next), ${r.profile.accrual === 'pro-rata' ? 'building up evenly over the year' : 'due at the end of each window'}. Pace = delivered ÷ expected: green ≥ ${r.thresholds.green.toString()}, amber ≥ ${r.thresholds.amber.toString()}, else red (project defaults, not a published standard).`,
    `Outcome records: ${r.records.read} read, ${r.records.accepted} accepted, ${r.records.rejected} rejected.${o.bid ? ` Commitments of bid ${o.bid}.` : ''}`,
    ...(o.priceYear
      ? [
          `Money in ${o.priceYear} prices (proxies of other price years rebased with the HMT GDP deflator), gross: counted units × proxy, before deadweight, attribution and discounting.`,
        ]
      : []),
    `Inputs sha256 ${o.sha256}.`,
  ];
  const periodHead = ['period', ...codes];
  if (markdown) {
    return [
      '# Social value delivery monitoring',
      '',
      markdownText(overall),
      '',
      '## By measure',
      '',
      markdownTable(head, rows, align),
      '## By period (delivered in the period, cumulative in brackets)',
      '',
      markdownTable(periodHead, periodRows),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    `Social value delivery monitoring\n${overall}\n`,
    textTable(head, rows, { align, title: 'By measure' }),
    textTable(periodHead, periodRows, { title: 'By period: delivered in the period (Σ cumulative)' }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal monitor`: delivery of the winning bid's social value commitments against outcome
 * records, with pace against time elapsed and a RAG status per measure and period.
 *
 * @example
 * ```sh
 * commonweal monitor --commitments c.csv --bid B1 --outcomes o.csv --start 2026-04-01 --end 2028-03-31 --as-of 2027-03-31
 * ```
 */
export const monitorCommand: Command = {
  name: 'monitor',
  summary: 'Monitor delivery of the winning bid’s social value commitments against outcome records (RAG)',
  usage:
    'commonweal monitor --commitments c.csv --outcomes o.csv --start YYYY-MM-DD --end YYYY-MM-DD --as-of YYYY-MM-DD [--bid ID] [--framework f] [--period quarter|month] [--format table|json|md]',
  options: {
    ...COLUMN_OPTIONS,
    commitments: {
      type: 'string',
      short: 'c',
      value: 'FILE',
      description: 'Commitments (.csv, entries format; with a bid column, choose the bid with --bid)',
    },
    outcomes: {
      type: 'string',
      value: 'FILE',
      description: 'Outcome records (.csv): measure,quantity,date|period,evidence',
    },
    bid: {
      type: 'string',
      value: 'ID',
      description: 'The winning bid, when the commitments file holds several bids',
    },
    start: { type: 'string', value: 'DATE', description: 'Contract start (YYYY-MM-DD)' },
    end: { type: 'string', value: 'DATE', description: 'Contract end (YYYY-MM-DD)' },
    ...CONTRACT_OPTION,
    'as-of': { type: 'string', value: 'DATE', description: 'Report date (YYYY-MM-DD)' },
    framework: {
      type: 'string',
      short: 'f',
      value: 'FILE',
      description: 'Measures framework (.json, .csv or builtin:NAME), to value delivery in money',
    },
    period: {
      type: 'string',
      value: 'PERIOD',
      choices: ['quarter', 'month'],
      description: 'Reporting periods: quarter (default) or month',
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout',
    },
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal monitor --commitments examples/tender/commitments.csv --bid B1 --outcomes examples/tender/outcomes.csv --start 2026-04-01 --end 2028-03-31 --as-of 2027-03-31 --framework examples/valuation/measures.csv',
    'commonweal monitor -c commitments.csv --outcomes delivered.csv --start 2026-04-01 --end 2028-03-31 --as-of 2026-12-31 --period month --format json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const o = await computeMonitor(io, values);
    printIssues(io, o.issues, quiet);
    const text =
      format === 'json'
        ? canonicalStringify(toDeliveryJson(o), { indent: 2, finalNewline: true })
        : deliveryReport(o, format === 'md');
    emit(io, text, values.out, quiet);
    writeReport(
      io,
      values.report,
      documentReport(() => monitorDocument(toDeliveryJson(o), o.issues)),
      quiet,
    );
    return hasErrors(o.issues) ? 1 : 0;
  },
};
