import type { Decimal } from '@commonweal/core/money';
import { formatMoney, formatPercent, RATIO_ROUNDING, round } from '@commonweal/core/money';
import { DeliveryInputSchema } from '@commonweal/core/procurement';
import { COMMITMENT_COLUMNS, MEASURE_COLUMNS, MILESTONE_COLUMNS, OUTCOME_COLUMNS } from '@commonweal/csv';
import {
  documentText,
  type FlowText,
  type MonitorCsvRole,
  type MonitorFlowInput,
  type MonitorFlowResult,
  monitorFlow,
} from '@commonweal/flows';
import { renderMonitoringHtml, renderMonitoringMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import { CONTRACT_OPTION, readContractOption } from '../util/contract';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues, frameworkText } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, markdownText, textTable } from '../util/table';

/** What `commonweal monitor` computed, ready for any output format (the monitor flow's result). */
export type MonitorOutcome = MonitorFlowResult;

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

const MONITOR_INPUTS: { name: MonitorCsvRole; fields: ReturnType<typeof fieldsOf> }[] = [
  { name: 'commitments', fields: fieldsOf(COMMITMENT_COLUMNS) },
  { name: 'outcomes', fields: fieldsOf(OUTCOME_COLUMNS) },
  { name: 'milestones', fields: fieldsOf(MILESTONE_COLUMNS) },
  { name: 'framework', fields: fieldsOf(MEASURE_COLUMNS) },
];

/**
 * Monitors delivery as `commonweal monitor` does: reads the flags and files, then runs the
 * monitor flow (`monitorFlow` of `@commonweal/flows`) for the contract period at the `--as-of`
 * date.
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
  const milestonesFile = option(values, 'milestones');
  const start = dateOption(values, 'start');
  const end = dateOption(values, 'end');
  const asOf = dateOption(values, 'as-of');
  const periodicity = (option(values, 'period') ?? 'quarter') as 'quarter' | 'month';
  if (periodicity !== 'quarter' && periodicity !== 'month')
    throw new UsageError(`--period must be quarter or month (got '${String(values.period)}')`);
  if (end < start) throw new UsageError(`--end (${end}) is before --start (${start})`);
  const bid = option(values, 'bid');
  const granularity = option(values, 'granularity') as 'year' | 'quarter' | undefined;
  if (granularity !== undefined && granularity !== 'year' && granularity !== 'quarter')
    throw new UsageError(`--granularity must be year or quarter (got '${granularity}')`);
  const accrual = option(values, 'accrual') as 'pro-rata' | 'at-end' | undefined;
  if (accrual !== undefined && accrual !== 'pro-rata' && accrual !== 'at-end')
    throw new UsageError(`--accrual must be pro-rata or at-end (got '${accrual}')`);
  for (const f of [commitmentsFile, outcomesFile, ...(milestonesFile ? [milestonesFile] : [])])
    if (extension(f, io) !== 'csv') throw new UsageError(`${f}: expected a .csv file`);

  const cols = columnsOption(io, values, MONITOR_INPUTS);
  const spec = option(values, 'framework');
  const text = (file: string): FlowText => ({ name: file, text: readText(io, file) });
  const input: MonitorFlowInput = {
    framework: spec ? frameworkText(io, spec) : undefined,
    commitments: text(commitmentsFile),
    outcomes: text(outcomesFile),
    milestones: milestonesFile ? text(milestonesFile) : undefined,
    columns: Object.fromEntries(MONITOR_INPUTS.map((c) => [c.name, headersFor(cols, c.name)])),
    contract: { start, end },
    asOf,
    periodicity,
    bid,
    profile: granularity || accrual ? { granularity, accrual } : undefined,
  };
  const r = await monitorFlow(input);
  if (!r.ok) {
    // Choosing the bid is the command line's to say: a usage error, as for any flag.
    if (r.issues.some((i) => i.code === 'bid_not_found' || i.code === 'bid_required'))
      throw new UsageError(r.headline);
    throw new FatalIssues(r.headline, r.issues);
  }
  return r;
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
 * expected by now, share, pace, RAG), per period (cumulative), the delivery profile window by
 * window (due and delivered, each cumulative), the supplier's returns with their evidence
 * references, overall and notes.
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
  // The profile over time: per window what was due and delivered, and both cumulative.
  const profileHead = [
    'measure',
    'window',
    'from',
    'to',
    'due',
    'Σ due',
    'delivered',
    'Σ delivered',
    'basis',
  ];
  const profileAlign: ('left' | 'right')[] = [
    'left',
    'left',
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'left',
  ];
  const profileRows = r.measures.flatMap((m) =>
    m.profile.map((w) => [
      m.measure,
      w.label,
      w.start,
      w.end,
      w.due.toString(),
      w.cumulativeDue.toString(),
      w.delivered.toString(),
      w.cumulativeDelivered.toString(),
      w.source === 'milestone' ? 'milestone' : 'commitment',
    ]),
  );
  const returnsHead = ['measure', 'return', 'basis', 'reported', 'counted', 'evidence', 'line'];
  const returnsAlign: ('left' | 'right')[] = ['left', 'left', 'left', 'right', 'right', 'left', 'right'];
  const returnsRows = r.measures.flatMap((m) =>
    m.returns.map((x) => [
      m.measure,
      x.when,
      x.basis,
      x.reported.toString(),
      x.counted.toString(),
      x.evidence ?? '(none given)',
      x.line === undefined ? '' : String(x.line),
    ]),
  );
  const missing = r.measures.reduce((n, m) => n + m.withoutEvidence, 0);
  if (missing)
    notes.splice(
      -1,
      0,
      `${missing} return(s) give no evidence reference: ask the supplier for the document that backs each.`,
    );
  if (r.milestones.read)
    notes.splice(
      -1,
      0,
      `Milestones: ${r.milestones.read} read, ${r.milestones.accepted} accepted, ${r.milestones.rejected} rejected; a measure with milestones is monitored against them.`,
    );
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
      '## Delivery profile (due and delivered per window, cumulative Σ)',
      '',
      markdownTable(profileHead, profileRows, profileAlign),
      '## Supplier returns and their evidence',
      '',
      markdownTable(returnsHead, returnsRows, returnsAlign),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    `Social value delivery monitoring\n${overall}\n`,
    textTable(head, rows, { align, title: 'By measure' }),
    textTable(periodHead, periodRows, { title: 'By period: delivered in the period (Σ cumulative)' }),
    textTable(profileHead, profileRows, {
      align: profileAlign,
      title: 'Delivery profile: due and delivered per window (Σ cumulative)',
    }),
    textTable(returnsHead, returnsRows, {
      align: returnsAlign,
      title: 'Supplier returns and their evidence',
    }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

const reportOptions = (o: MonitorOutcome) => ({
  sha256: o.sha256,
  issues: o.issues,
  bid: o.bid,
  currency: o.currency,
});

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
    'commonweal monitor --commitments c.csv --outcomes o.csv --start YYYY-MM-DD --end YYYY-MM-DD --as-of YYYY-MM-DD [--bid ID] [--milestones m.csv] [--framework f] [--period quarter|month] [--granularity year|quarter] [--accrual pro-rata|at-end] [--format table|json|md] [--report FILE.html|.md]',
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
    milestones: {
      type: 'string',
      value: 'FILE',
      description:
        'Agreed milestones (.csv): measure,quantity,date|period — what is due by when; a measure with milestones follows them',
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
    granularity: {
      type: 'string',
      value: 'WINDOWS',
      choices: ['year', 'quarter'],
      description:
        'Windows of the profile derived from commitments: contract years (default) or their quarters',
    },
    accrual: {
      type: 'string',
      value: 'HOW',
      choices: ['pro-rata', 'at-end'],
      description:
        'Expected delivery in a window: pro-rata by days (default) or at-end (due in full at its end)',
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal monitor --commitments examples/tender/commitments.csv --bid B1 --outcomes examples/tender/outcomes.csv --start 2026-04-01 --end 2028-03-31 --as-of 2027-03-31 --framework examples/valuation/measures.csv',
    'commonweal monitor -c commitments.csv --outcomes delivered.csv --start 2026-04-01 --end 2028-03-31 --as-of 2026-12-31 --period month --format json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    const o = await computeMonitor(io, values);
    return finish(io, values, {
      issues: o.issues,
      output: () => (format === 'json' ? documentText(o.document) : deliveryReport(o, format === 'md')),
      report: {
        html: () => renderMonitoringHtml(o.report, reportOptions(o)),
        md: () => renderMonitoringMarkdown(o.report, reportOptions(o)),
      },
    });
  },
};
