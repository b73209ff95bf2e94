import type { Framework } from '@commonweal/core/framework';
import { type Issue, issue, issueJson } from '@commonweal/core/issues';
import type { Decimal } from '@commonweal/core/money';
import {
  type DeliveryInput,
  type DeliveryReport,
  type Milestone,
  monitorDelivery,
  type OutcomeRecord,
} from '@commonweal/core/procurement';
import { type Trace, traceJson } from '@commonweal/core/trace';
import type { Entry } from '@commonweal/core/valuation';
import { readCommitmentsCsv, readEntriesCsv, readMilestonesCsv, readOutcomesCsv } from '@commonweal/csv';
import { hashInputs } from '@commonweal/json';
import { hmtGdpDeflator } from '@commonweal/uk';
import { latestPriceYear } from '../evaluate/evaluate';
import {
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  type FrameworkText,
  readFrameworkInput,
  requireRows,
  runFlow,
  textOf,
} from '../inputs/inputs';

/** The CSV inputs of delivery monitoring, by the name the command line's flags give them. */
export type MonitorCsvRole = 'commitments' | 'outcomes' | 'milestones' | 'framework';

/**
 * The inputs of {@link monitorFlow}: the winning bid's commitments and the supplier's returns
 * (outcome records) are needed, with the contract period and the report date; agreed milestones
 * and the framework (counting rules, and proxies to value delivery in money) are optional.
 *
 * @example
 * ```ts
 * const input: MonitorFlowInput = {
 *   commitments: { name: 'commitments.csv', text: commitmentsText },
 *   outcomes: { name: 'returns.csv', text: returnsText },
 *   contract: { start: '2026-04-01', end: '2028-03-31' },
 *   asOf: '2027-03-31',
 *   bid: 'B1',
 * };
 * ```
 */
export interface MonitorFlowInput {
  commitments: FlowText;
  outcomes: FlowText;
  /** Agreed milestones (what is due by when); a measure with milestones follows them. */
  milestones?: FlowText | undefined;
  /**
   * The measures: a `.json` framework or a `.csv` measures table (told by the name), or one
   * already made (`framework`; its `text` is what the inputs hash takes).
   */
  framework?: FrameworkText | undefined;
  /** Which header each CSV input's columns read (the command line's `--columns`). */
  columns?: Partial<Record<MonitorCsvRole, FlowColumns>> | undefined;
  contract: { start: string; end: string };
  /** The report date, `YYYY-MM-DD`. */
  asOf: string;
  /** Reporting periods (default `quarter`). */
  periodicity?: 'quarter' | 'month' | undefined;
  /** The winning bid, when the commitments hold several bids. */
  bid?: string | undefined;
  /** The windows of the profile derived from commitments, and how expected delivery accrues in them. */
  profile?:
    | { granularity?: 'year' | 'quarter' | undefined; accrual?: 'pro-rata' | 'at-end' | undefined }
    | undefined;
}

/**
 * Delivery monitoring made by {@link monitorFlow}: core's report, its stable JSON document (the
 * `delivery-output` schema, built on first use), the bid monitored, every issue, rows read per
 * input and the inputs sha256.
 *
 * @example
 * ```ts
 * const r = await monitorFlow(input);
 * if (r.ok) r.document.overall.status; // 'amber'
 * ```
 */
export interface MonitorFlowResult {
  ok: true;
  report: DeliveryReport;
  /** The stable JSON contract (`commonweal monitor --format json`), built on first use. */
  readonly document: DeliveryDocument;
  bid: string | null;
  currency: string | null;
  priceYear: number | null;
  sha256: string;
  /** Every issue: the inputs' (located), then the monitoring's (located on the file and line it names). */
  issues: Issue[];
  /** Rows read per input, by its name. */
  counts: Record<string, FlowCounts>;
}

/** A decimal at full precision as a string; null stays null. */
const str = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

/**
 * The JSON document of delivery monitoring (`commonweal schema delivery-output`): decimals as
 * strings at full precision, absent values null.
 *
 * @example
 * ```ts
 * const d: DeliveryDocument = r.document;
 * d.measures.map((m) => [m.measure, m.status]); // [['CO2', 'green'], …]
 * ```
 */
export interface DeliveryDocument {
  sha256: string;
  /** The bid monitored (null for a plain entries file). */
  bid: string | null;
  contract: { start: string; end: string };
  reportDate: string;
  periodicity: 'quarter' | 'month';
  /** Price year of the money values (null without proxies). */
  priceYear: number | null;
  /** What expected delivery follows: each commitment's profile (`elapsed` is deprecated). */
  expectation: 'profile' | 'elapsed';
  profile: { granularity: 'year' | 'quarter'; accrual: 'pro-rata' | 'at-end' };
  elapsed: string;
  thresholds: { green: string; amber: string };
  overall: {
    basis: 'value' | 'measures';
    committedValue: string | null;
    /** Money due by the report date by the profiles (null on the `measures` basis). */
    expectedValue: string | null;
    deliveredValue: string | null;
    deliveredShare: string | null;
    pace: string | null;
    status: string;
    counts: { green: number; amber: number; red: number };
  };
  measures: {
    measure: string;
    title: string | null;
    unit: string | null;
    committed: string;
    delivered: string;
    deliveredShare: string | null;
    expected: string;
    pace: string | null;
    status: string;
    proxy: string | null;
    committedValue: string | null;
    deliveredValue: string | null;
    /** Where the profile comes from: the commitments, agreed milestones, or (deprecated) time elapsed. */
    profileBasis: 'commitments' | 'milestones' | 'elapsed';
    /** What is due when, and what was delivered towards it: per window and cumulative. */
    profile: {
      label: string;
      start: string;
      end: string;
      due: string;
      cumulativeDue: string;
      delivered: string;
      cumulativeDelivered: string;
      source: 'commitment' | 'milestone';
    }[];
    nextDue: { end: string; due: string } | null;
    /** The supplier's returns for the measure, in file order, each with its evidence reference. */
    returns: {
      when: string;
      basis: 'period' | 'to-date';
      reported: string;
      counted: string;
      evidence: string | null;
      line: number | null;
    }[];
    withoutEvidence: number;
    trace: Trace;
  }[];
  periods: {
    period: string;
    start: string;
    end: string;
    measures: { measure: string; quantity: string; cumulative: string }[];
    value: string | null;
  }[];
  records: { read: number; accepted: number; rejected: number };
  /** Milestones read = accepted + rejected (all zero without milestones). */
  milestones: { read: number; accepted: number; rejected: number };
  issues: Issue[];
}

/**
 * The delivery document of a report (the stage after `monitorDelivery`): its figures as
 * strings at full precision, the inputs hash and the issues.
 *
 * @example
 * ```ts
 * documentText(deliveryDocument(report, { sha256, issues }));
 * ```
 */
export function deliveryDocument(
  r: DeliveryReport,
  meta: { sha256: string; issues: readonly Issue[]; bid?: string | null | undefined },
): DeliveryDocument {
  return {
    sha256: meta.sha256,
    bid: meta.bid ?? null,
    contract: { ...r.contract },
    reportDate: r.reportDate,
    periodicity: r.periodicity,
    priceYear: r.priceYear,
    expectation: r.expectation,
    profile: { ...r.profile },
    elapsed: r.elapsed.toFixed(),
    thresholds: { green: r.thresholds.green.toFixed(), amber: r.thresholds.amber.toFixed() },
    overall: {
      basis: r.overall.basis,
      committedValue: str(r.overall.committedValue),
      expectedValue: str(r.overall.expectedValue ?? null),
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
      profileBasis: m.profileBasis,
      profile: m.profile.map((w) => ({
        label: w.label,
        start: w.start,
        end: w.end,
        due: w.due.toFixed(),
        cumulativeDue: w.cumulativeDue.toFixed(),
        delivered: w.delivered.toFixed(),
        cumulativeDelivered: w.cumulativeDelivered.toFixed(),
        source: w.source,
      })),
      nextDue: m.nextDue ? { end: m.nextDue.end, due: m.nextDue.due.toFixed() } : null,
      returns: m.returns.map((x) => ({
        when: x.when,
        basis: x.basis,
        reported: x.reported.toFixed(),
        counted: x.counted.toFixed(),
        evidence: x.evidence,
        line: x.line ?? null,
      })),
      withoutEvidence: m.withoutEvidence,
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
    milestones: { ...r.milestones },
    issues: meta.issues.map(issueJson),
  };
}

/** A CSV input as read: its rows, issues, text (for the inputs hash) and counts. */
interface Loaded<T> {
  file: string;
  rows: T[];
  issues: Issue[];
  text: string;
  counts: FlowCounts;
}

/**
 * Reads the commitments (stage 2): the commitments format (entries with a `bid` column), or a
 * plain entries file as one bid's. Unreadable as either is fatal.
 */
async function loadCommitments(
  input: FlowText,
  framework: Framework | undefined,
  columns: FlowColumns | undefined,
): Promise<Loaded<Entry>> {
  const file = input.name;
  const text = textOf(input);
  const options = { file, ...(framework ? { framework } : {}), ...columns };
  let c: { rows: Entry[]; issues: Issue[]; counts: FlowCounts } = await readCommitmentsCsv(text, options);
  if (c.issues.some((i) => i.code === 'missing_column' && i.field === 'bid')) {
    const r = await readEntriesCsv(text, options);
    c = { rows: r.entries, issues: r.issues, counts: r.counts };
  }
  requireRows(c, `${file} cannot be read as commitments`);
  return { file, rows: c.rows, issues: c.issues, text, counts: { ...c.counts } };
}

/**
 * The commitments of the bid monitored (stage 3): the one asked for, or the only one. A bid the
 * file lacks, or several bids and none chosen, is fatal (`bid_not_found`, `bid_required`).
 *
 * @example
 * ```ts
 * chooseBid(rows, 'B1', 'commitments.csv').bid; // 'B1'
 * ```
 */
export function chooseBid(
  rows: readonly Entry[],
  wanted: string | undefined,
  file: string,
): { bid: string | null; commitments: Entry[] } {
  const bids = [...new Set(rows.map((e) => e.bid).filter((b): b is string => b !== undefined))].sort();
  let bid: string | null;
  if (wanted !== undefined) {
    if (!bids.includes(wanted)) {
      const headline = `--bid ${wanted}: ${file} has no commitments for it (bids: ${bids.join(', ') || 'none'})`;
      throw new FlowFatal(headline, [issue('bid_not_found', headline, { file, field: 'bid' })]);
    }
    bid = wanted;
  } else if (bids.length > 1) {
    const headline = `${file} holds the commitments of ${bids.length} bids (${bids.join(', ')}): choose the winning bid with --bid`;
    throw new FlowFatal(headline, [issue('bid_required', headline, { file, field: 'bid' })]);
  } else bid = bids[0] ?? null;
  return { bid, commitments: bid === null ? [...rows] : rows.filter((e) => e.bid === bid) };
}

async function loadRows<T>(
  input: FlowText,
  what: string,
  read: (text: string, o: { file: string }) => Promise<{ rows: T[]; issues: Issue[]; counts: FlowCounts }>,
  columns: FlowColumns | undefined,
): Promise<Loaded<T>> {
  const file = input.name;
  const text = textOf(input);
  const r = await read(text, { file, ...columns });
  requireRows(r, `${file} cannot be read as ${what}`);
  return { file, rows: r.rows, issues: r.issues, text, counts: { ...r.counts } };
}

/**
 * Puts monitoring's issues on the input lines they name (stage 5): core names outcome and
 * milestone rows by index; the readers kept each row's line.
 *
 * @example
 * ```ts
 * locateDeliveryIssues(r.issues, { outcomes: { file: 'o.csv', rows } });
 * ```
 */
export function locateDeliveryIssues(
  issues: readonly Issue[],
  files: {
    outcomes: { file: string; rows: readonly { line?: number | undefined }[] };
    milestones?: { file: string; rows: readonly { line?: number | undefined }[] } | undefined;
  },
): Issue[] {
  return issues.map((i) => {
    const head = i.path?.[0];
    const src = head === 'outcomes' ? files.outcomes : head === 'milestones' ? files.milestones : undefined;
    const row = src && typeof i.path?.[1] === 'number' ? src.rows[i.path[1]] : undefined;
    return src && row?.line !== undefined ? { ...i, file: src.file, line: row.line } : i;
  });
}

function withLazyDocument(
  result: Omit<MonitorFlowResult, 'document'>,
  report: DeliveryReport,
  sha256: string,
): MonitorFlowResult {
  let document: DeliveryDocument | undefined;
  return Object.defineProperty(result, 'document', {
    enumerable: true,
    get() {
      document ??= deliveryDocument(report, { sha256, issues: result.issues, bid: result.bid });
      return document;
    },
  }) as MonitorFlowResult;
}

/**
 * Monitors delivery from the texts of its files, as `commonweal monitor` does: reads the
 * framework, the commitments (choosing the winning bid), the supplier returns and any agreed
 * milestones, runs core's `monitorDelivery` for the contract period at the report date (money in
 * the latest proxy price year, other proxies rebased with the HMT GDP deflator), locates its
 * issues on the inputs' lines and hashes the inputs. No file system and no `node:` module. Never
 * throws for bad input: an input that cannot be used gives `{ ok: false, headline, issues }`.
 *
 * @example
 * ```ts
 * const r = await monitorFlow({
 *   commitments: { name: 'commitments.csv', text: commitmentsText },
 *   outcomes: { name: 'outcomes.csv', text: outcomesText },
 *   contract: { start: '2026-04-01', end: '2028-03-31' },
 *   asOf: '2027-03-31',
 *   bid: 'B1',
 * });
 * if (r.ok) r.report.overall.status; // 'red'
 * ```
 */
export function monitorFlow(input: MonitorFlowInput): Promise<MonitorFlowResult | FlowFailure> {
  return runFlow(() => monitorOrThrow(input));
}

async function monitorOrThrow(input: MonitorFlowInput): Promise<MonitorFlowResult> {
  const cols = input.columns ?? {};
  const periodicity = input.periodicity ?? 'quarter';
  const framework = input.framework ? await readFrameworkInput(input.framework, cols.framework) : undefined;
  const fw = framework?.value;
  const c = await loadCommitments(input.commitments, fw, cols.commitments);
  const { bid, commitments } = chooseBid(c.rows, input.bid, c.file);
  const o = await loadRows<OutcomeRecord>(
    input.outcomes,
    'outcome records',
    (t, opt) => readOutcomesCsv(t, opt),
    cols.outcomes,
  );
  const ms = input.milestones
    ? await loadRows<Milestone>(
        input.milestones,
        'milestones',
        (t, opt) => readMilestonesCsv(t, opt),
        cols.milestones,
      )
    : undefined;

  const delivery: DeliveryInput = {
    commitments,
    outcomes: o.rows,
    contract: { ...input.contract },
    reportDate: input.asOf,
    periodicity,
  };
  if (ms) delivery.milestones = ms.rows;
  if (input.profile?.granularity !== undefined || input.profile?.accrual !== undefined)
    delivery.profile = {
      granularity: input.profile.granularity ?? 'year',
      accrual: input.profile.accrual ?? 'pro-rata',
    };
  if (fw) {
    delivery.framework = fw;
    // Money in the latest proxy price year; core rebases the other proxies with the deflator.
    const year = latestPriceYear(fw);
    if (year !== null) {
      delivery.priceYear = year;
      delivery.indexSeries = hmtGdpDeflator;
    }
  }
  const r = monitorDelivery(delivery);
  if (!r.ok) throw new FlowFatal('delivery cannot be monitored', r.issues);
  const issues = [
    ...(framework?.issues ?? []),
    ...c.issues,
    ...o.issues,
    ...(ms?.issues ?? []),
    ...locateDeliveryIssues(r.issues, { outcomes: o, milestones: ms }),
  ];
  const options: Record<string, unknown> = {
    bid,
    start: input.contract.start,
    end: input.contract.end,
    asOf: input.asOf,
    periodicity,
  };
  if (delivery.profile) options.profile = { ...delivery.profile };
  const hashed: Record<string, unknown> = {
    commitments: c.text,
    outcomes: o.text,
    framework: framework?.text ?? null,
    options,
  };
  if (ms) hashed.milestones = ms.text;
  const sha256 = hashInputs(hashed);
  const counts: Record<string, FlowCounts> = {};
  for (const l of [c, o, ms]) if (l) counts[l.file] = l.counts;
  return withLazyDocument(
    {
      ok: true,
      report: r.value,
      bid,
      currency: fw?.currency ?? null,
      priceYear: r.value.priceYear,
      sha256,
      issues,
      counts,
    },
    r.value,
    sha256,
  );
}
