import {
  differenceInCalendarDays,
  eachMonthOfInterval,
  eachQuarterOfInterval,
  endOfMonth,
  endOfQuarter,
  format,
  isValid,
  min as minDate,
  parseISO,
  startOfMonth,
  startOfQuarter,
} from 'date-fns';
import { z } from 'zod';
import { type Framework, FrameworkSchema } from '../framework/schema';
import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, dec, sum, ZERO } from '../money/decimal';
import { DecimalInputSchema } from '../money/schema';
import { explain, type Trace } from '../trace/trace';
import { EntrySchema } from '../valuation/schema';
import { codepointCompare } from './price';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$/;

const IsoDateSchema = z
  .string()
  .regex(ISO_DATE, 'a date written YYYY-MM-DD')
  .refine((s) => isValid(parseISO(s)) && format(parseISO(s), 'yyyy-MM-dd') === s, {
    message: 'not a real calendar date',
  });

/**
 * An outcome record: a quantity of a measure delivered on a date (`YYYY-MM-DD`) or in a period
 * (`YYYY-Qn` quarter or `YYYY-MM` month), with optional evidence.
 *
 * @example
 * ```ts
 * OutcomeRecordSchema.parse({ measure: 'NT1', quantity: '2', period: '2025-Q3', evidence: 'payroll extract' });
 * ```
 */
export const OutcomeRecordSchema = z
  .object({
    measure: z.string().min(1),
    quantity: DecimalInputSchema,
    date: IsoDateSchema.optional(),
    period: z.string().regex(PERIOD, 'a quarter such as 2025-Q3 or a month such as 2025-07').optional(),
    contract: z.string().optional(),
    evidence: z.string().optional(),
    notes: z.string().optional(),
    line: z.number().int().min(1).optional(),
  })
  .refine((r) => r.date !== undefined || r.period !== undefined, {
    message: 'give a date or a period',
    path: ['date'],
  });

/** A parsed outcome record. */
export type OutcomeRecord = z.output<typeof OutcomeRecordSchema>;
/** An outcome record as written in JSON. */
export type OutcomeRecordInput = z.input<typeof OutcomeRecordSchema>;

/**
 * RAG thresholds on pace (delivered share ÷ elapsed share): green at or above `green`, amber at
 * or above `amber`, else red. Project defaults 0.9 and 0.7 (configurable; not a published
 * standard).
 *
 * @example
 * ```ts
 * RagThresholdsSchema.parse({ green: '0.95', amber: '0.75' });
 * ```
 */
export const RagThresholdsSchema = z.object({ green: DecimalInputSchema, amber: DecimalInputSchema });

/**
 * Delivery monitoring input: the winning bid's commitments (entries), outcome records, the
 * contract period, the report date, the reporting periodicity (quarters by default), optional
 * RAG thresholds and the framework (for proxies, to value delivery in money).
 *
 * @example
 * ```ts
 * const input = DeliveryInputSchema.parse({ commitments, outcomes,
 *   contract: { start: '2025-01-01', end: '2026-12-31' }, reportDate: '2025-12-31' });
 * ```
 */
export const DeliveryInputSchema = z.object({
  commitments: z.array(EntrySchema),
  outcomes: z.array(OutcomeRecordSchema),
  contract: z.object({ start: IsoDateSchema, end: IsoDateSchema }),
  reportDate: IsoDateSchema,
  periodicity: z.enum(['quarter', 'month']).default('quarter'),
  thresholds: RagThresholdsSchema.optional(),
  framework: FrameworkSchema.optional(),
});

/** A parsed delivery monitoring input. */
export type DeliveryInput = z.output<typeof DeliveryInputSchema>;
/** A delivery monitoring input as written in JSON. */
export type DeliveryInputJson = z.input<typeof DeliveryInputSchema>;

/**
 * RAG status of delivery: `green`/`amber`/`red` by pace; `not-due` before the contract starts;
 * `uncommitted` for a measure delivered but never committed.
 *
 * @example
 * ```ts
 * const s: RagStatus = 'amber';
 * ```
 */
export type RagStatus = 'green' | 'amber' | 'red' | 'not-due' | 'uncommitted';

/**
 * Delivery of one measure to the report date: committed and delivered quantities, delivered ÷
 * committed, the quantity expected by now (committed × elapsed share), pace (delivered share ÷
 * elapsed share), RAG status, and money values where the framework gives a proxy (gross:
 * quantity × proxy, in the proxy's price year, before deadweight, attribution or discounting).
 *
 * @example
 * ```ts
 * m.pace?.toString(); // '0.72'
 * m.status; // 'amber'
 * ```
 */
export interface MeasureDelivery {
  measure: string;
  title: string | null;
  unit: string | null;
  committed: Decimal;
  delivered: Decimal;
  deliveredShare: Decimal | null;
  expected: Decimal;
  pace: Decimal | null;
  status: RagStatus;
  proxy: Decimal | null;
  committedValue: Decimal | null;
  deliveredValue: Decimal | null;
  trace: Trace;
}

/**
 * Delivery in one reporting period: quantity per measure in the period and cumulative to its end,
 * and the money value delivered in the period where every delivered measure has a proxy.
 *
 * @example
 * ```ts
 * report.periods.map((p) => p.period); // ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']
 * ```
 */
export interface DeliveryPeriod {
  period: string;
  start: string;
  end: string;
  measures: { measure: string; quantity: Decimal; cumulative: Decimal }[];
  value: Decimal | null;
}

/**
 * A delivery monitoring report. `elapsed` is the share of the contract period elapsed at the
 * report date (days, both ends inclusive). `overall` compares money delivered against money
 * committed when every committed measure has a proxy (`basis: 'value'`), otherwise takes the
 * worst committed measure's status (`basis: 'measures'`). `records`: read = accepted + rejected.
 *
 * @example
 * ```ts
 * const r = monitorDelivery(input);
 * if (r.ok) console.log(r.value.overall.status, r.value.measures.map((m) => [m.measure, m.status]));
 * ```
 */
export interface DeliveryReport {
  contract: { start: string; end: string };
  reportDate: string;
  periodicity: 'quarter' | 'month';
  elapsed: Decimal;
  elapsedTrace: Trace;
  thresholds: { green: Decimal; amber: Decimal };
  measures: MeasureDelivery[];
  periods: DeliveryPeriod[];
  overall: {
    basis: 'value' | 'measures';
    committedValue: Decimal | null;
    deliveredValue: Decimal | null;
    deliveredShare: Decimal | null;
    pace: Decimal | null;
    status: RagStatus;
    counts: { green: number; amber: number; red: number };
  };
  records: { read: number; accepted: number; rejected: number };
}

/** Default RAG thresholds on pace (project defaults, configurable). */
const DEFAULT_THRESHOLDS = { green: dec('0.9'), amber: dec('0.7') };

function periodStart(d: Date, periodicity: 'quarter' | 'month'): Date {
  return periodicity === 'quarter' ? startOfQuarter(d) : startOfMonth(d);
}

function label(d: Date, periodicity: 'quarter' | 'month'): string {
  return periodicity === 'quarter' ? format(d, "yyyy-'Q'Q") : format(d, 'yyyy-MM');
}

function rag(pace: Decimal, t: { green: Decimal; amber: Decimal }): RagStatus {
  return pace.gte(t.green) ? 'green' : pace.gte(t.amber) ? 'amber' : 'red';
}

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * Monitors delivery of the winning bid's commitments against outcome records: per measure,
 * delivered ÷ committed, money delivered against committed (with the framework's proxies), pace
 * against the share of the contract elapsed at the report date, and a RAG status (green at pace
 * ≥ 0.9, amber ≥ 0.7, else red, unless `thresholds` says otherwise); per reporting period
 * (quarters or months), delivered and cumulative quantities.
 *
 * Records before the contract start or after the report date are rejected with issues; records
 * after the contract end (but by the report date) are counted with a warning; delivery of a
 * measure never committed is listed as `uncommitted` with a warning.
 *
 * @example
 * ```ts
 * // Two-year contract, report at the end of year 1 (elapsed 0.5): 5 of 10 jobs → pace 1, green.
 * const r = monitorDelivery(DeliveryInputSchema.parse({
 *   commitments: [{ measure: 'J1', quantity: 10, year: 2025 }],
 *   outcomes: [{ measure: 'J1', quantity: 5, period: '2025-Q3' }],
 *   contract: { start: '2025-01-01', end: '2026-12-31' }, reportDate: '2025-12-31',
 * }));
 * if (r.ok) r.value.measures[0]?.status; // 'green'
 * ```
 */
export function monitorDelivery(input: DeliveryInput): Result<DeliveryReport> {
  const issues: Issue[] = [];
  const periodicity = input.periodicity ?? 'quarter';
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const start = parseISO(input.contract.start);
  const end = parseISO(input.contract.end);
  const report = parseISO(input.reportDate);
  if (end < start) {
    return fail([
      issue(
        'contract_period_invalid',
        `the contract ends (${input.contract.end}) before it starts (${input.contract.start})`,
        { path: ['contract', 'end'] },
      ),
    ]);
  }
  if (thresholds.amber.gt(thresholds.green)) {
    return fail([
      issue('thresholds_invalid', 'the amber threshold must not be above the green threshold', {
        path: ['thresholds'],
      }),
    ]);
  }

  const totalDays = differenceInCalendarDays(end, start) + 1;
  const elapsedDays = Math.min(Math.max(differenceInCalendarDays(report, start) + 1, 0), totalDays);
  const elapsed = dec(elapsedDays).dividedBy(totalDays);
  const elapsedEx = explain(
    elapsed,
    'elapsed = days from the contract start to the report date ÷ days in the contract (both inclusive)',
    {
      'days elapsed': String(elapsedDays),
      'days in contract': String(totalDays),
    },
  );

  const measures = new Map<string, { committed: Decimal; delivered: Decimal }>();
  for (const c of input.commitments) {
    const m = measures.get(c.measure) ?? { committed: ZERO, delivered: ZERO };
    m.committed = m.committed.plus(c.quantity);
    measures.set(c.measure, m);
  }

  const firstPeriod = periodStart(start, periodicity);
  const accepted: { measure: string; quantity: Decimal; periodStart: Date }[] = [];
  input.outcomes.forEach((r, i) => {
    const where: Omit<Issue, 'code' | 'message'> = { path: ['outcomes', i] };
    if (r.line !== undefined) where.line = r.line;
    let when: Date;
    let shown: string;
    if (r.date !== undefined) {
      when = parseISO(r.date);
      shown = r.date;
      if (when < start) {
        issues.push(
          issue(
            'outcome_before_start',
            `outcome ${i + 1} (${r.measure}) is dated ${r.date}, before the contract starts (${input.contract.start}): correct the date`,
            { ...where, field: 'date' },
          ),
        );
        return;
      }
    } else {
      const m = PERIOD.exec(r.period as string) as RegExpExecArray;
      const year = Number(m[1]);
      if (m[2] !== undefined && periodicity === 'month') {
        issues.push(
          issue(
            'period_too_coarse',
            `outcome ${i + 1} is reported for the quarter ${r.period}, but monitoring is monthly: report it by month or by date`,
            { ...where, field: 'period' },
          ),
        );
        return;
      }
      when =
        m[2] !== undefined ? new Date(year, (Number(m[2]) - 1) * 3, 1) : new Date(year, Number(m[3]) - 1, 1);
      shown = r.period as string;
      if (periodStart(when, periodicity) < firstPeriod) {
        issues.push(
          issue(
            'outcome_before_start',
            `outcome ${i + 1} (${r.measure}) is for ${r.period}, before the contract starts (${input.contract.start}): correct the period`,
            { ...where, field: 'period' },
          ),
        );
        return;
      }
    }
    if (when > report) {
      issues.push(
        issue(
          'outcome_after_report_date',
          `outcome ${i + 1} (${r.measure}) is for ${shown}, after the report date ${input.reportDate}: report it in a later period`,
          { ...where, field: r.date !== undefined ? 'date' : 'period' },
        ),
      );
      return;
    }
    if (when > end) {
      issues.push(
        issue(
          'outcome_after_end',
          `outcome ${i + 1} (${r.measure}) is for ${shown}, after the contract ended (${input.contract.end}); it is counted`,
          { ...where, severity: 'warning' },
        ),
      );
    }
    if (!measures.has(r.measure)) {
      issues.push(
        issue(
          'outcome_not_committed',
          `outcome ${i + 1} is for measure "${r.measure}", which the commitments do not include; it is listed as uncommitted`,
          { ...where, field: 'measure', severity: 'warning' },
        ),
      );
      measures.set(r.measure, { committed: ZERO, delivered: ZERO });
    }
    const m = measures.get(r.measure) as { committed: Decimal; delivered: Decimal };
    m.delivered = m.delivered.plus(r.quantity);
    accepted.push({ measure: r.measure, quantity: r.quantity, periodStart: periodStart(when, periodicity) });
  });

  const fw: Framework | undefined = input.framework;
  const measureInfo = new Map((fw?.measures ?? []).map((m) => [m.code, m]));
  const codes = [...measures.keys()].sort(codepointCompare);
  if (fw) {
    for (const code of codes) {
      if (!measureInfo.has(code)) {
        issues.push(
          issue(
            'unknown_measure',
            `measure "${code}" is not in the framework "${fw.title}", so it has no money value`,
            { field: 'measure', severity: 'warning' },
          ),
        );
      }
    }
  }

  const rows: MeasureDelivery[] = codes.map((code) => {
    const { committed, delivered } = measures.get(code) as { committed: Decimal; delivered: Decimal };
    const info = measureInfo.get(code);
    const proxy = info?.proxy?.value ?? null;
    const expected = committed.times(elapsed);
    let deliveredShare: Decimal | null = null;
    let pace: Decimal | null = null;
    let status: RagStatus;
    let trace: Trace;
    if (committed.isZero()) {
      status = 'uncommitted';
      trace = {
        formula: 'not assessed: nothing was committed for this measure',
        inputs: { delivered: { value: delivered.toString() } },
        result: 'uncommitted',
      };
    } else {
      deliveredShare = delivered.dividedBy(committed);
      if (elapsed.isZero()) {
        status = 'not-due';
        trace = explain(
          deliveredShare,
          'delivered share = delivered ÷ committed (the contract has not started: pace not assessed)',
          { delivered, committed },
        ).trace;
      } else {
        pace = deliveredShare.dividedBy(elapsed);
        status = rag(pace, thresholds);
        const share = explain(deliveredShare, 'delivered share = delivered ÷ committed', {
          delivered,
          committed,
        });
        trace = explain(
          pace,
          `pace = delivered share ÷ elapsed share; ${status} (green ≥ ${thresholds.green.toString()}, amber ≥ ${thresholds.amber.toString()})`,
          { 'delivered share': share, 'elapsed share': elapsedEx },
        ).trace;
      }
    }
    const valueNote = info?.proxy ? { value: proxy?.toString() ?? '', source: info.proxy.source } : null;
    if (valueNote) trace.inputs.proxy = valueNote;
    return {
      measure: code,
      title: info?.title ?? null,
      unit: info?.unit ?? null,
      committed,
      delivered,
      deliveredShare,
      expected,
      pace,
      status,
      proxy,
      committedValue: proxy ? committed.times(proxy) : null,
      deliveredValue: proxy ? delivered.times(proxy) : null,
      trace,
    };
  });

  const periods: DeliveryPeriod[] = [];
  if (report >= start) {
    // Up to the report date, or past the contract end when late delivery was reported.
    let last = minDate([report, end]);
    for (const a of accepted) if (a.periodStart > last) last = a.periodStart;
    const starts =
      periodicity === 'quarter'
        ? eachQuarterOfInterval({ start: firstPeriod, end: last })
        : eachMonthOfInterval({ start: firstPeriod, end: last });
    const cumulative = new Map<string, Decimal>();
    for (const ps of starts) {
      const inPeriod = accepted.filter((a) => a.periodStart.getTime() === ps.getTime());
      const codesHere = [...new Set(inPeriod.map((a) => a.measure))].sort(codepointCompare);
      const list = codesHere.map((code) => {
        const q = sum(inPeriod.filter((a) => a.measure === code).map((a) => a.quantity));
        const c = (cumulative.get(code) ?? ZERO).plus(q);
        cumulative.set(code, c);
        return { measure: code, quantity: q, cumulative: c };
      });
      const priced = list.every((m) => measureInfo.get(m.measure)?.proxy);
      const value =
        fw && priced
          ? sum(list.map((m) => m.quantity.times(measureInfo.get(m.measure)?.proxy?.value ?? ZERO)))
          : null;
      periods.push({
        period: label(ps, periodicity),
        start: day(ps),
        end: day(periodicity === 'quarter' ? endOfQuarter(ps) : endOfMonth(ps)),
        measures: list,
        value,
      });
    }
  }

  const committedRows = rows.filter((r) => r.status !== 'uncommitted');
  const counts = {
    green: rows.filter((r) => r.status === 'green').length,
    amber: rows.filter((r) => r.status === 'amber').length,
    red: rows.filter((r) => r.status === 'red').length,
  };
  const allPriced =
    fw !== undefined && committedRows.length > 0 && committedRows.every((r) => r.committedValue !== null);
  let overall: DeliveryReport['overall'];
  const committedValue = allPriced ? sum(committedRows.map((r) => r.committedValue as Decimal)) : null;
  if (allPriced && committedValue?.gt(0)) {
    const deliveredValue = sum(committedRows.map((r) => r.deliveredValue as Decimal));
    const share = deliveredValue.dividedBy(committedValue);
    const pace = elapsed.isZero() ? null : share.dividedBy(elapsed);
    overall = {
      basis: 'value',
      committedValue,
      deliveredValue,
      deliveredShare: share,
      pace,
      status: pace === null ? 'not-due' : rag(pace, thresholds),
      counts,
    };
  } else {
    const order: RagStatus[] = ['red', 'amber', 'green', 'not-due'];
    const worst = order.find((s) => committedRows.some((r) => r.status === s)) ?? 'not-due';
    overall = {
      basis: 'measures',
      committedValue,
      deliveredValue: null,
      deliveredShare: null,
      pace: null,
      status: worst,
      counts,
    };
  }

  return ok(
    {
      contract: { start: input.contract.start, end: input.contract.end },
      reportDate: input.reportDate,
      periodicity,
      elapsed,
      elapsedTrace: elapsedEx.trace,
      thresholds,
      measures: rows,
      periods,
      overall,
      records: {
        read: input.outcomes.length,
        accepted: accepted.length,
        rejected: input.outcomes.length - accepted.length,
      },
    },
    issues,
  );
}

/**
 * Reads a delivery monitoring input from JSON-shaped data, with located issues.
 *
 * @example
 * ```ts
 * const input = parseDeliveryInput(JSON.parse(text));
 * const r = input.ok ? monitorDelivery(input.value) : input;
 * ```
 */
export function parseDeliveryInput(raw: unknown): Result<DeliveryInput> {
  const parsed = DeliveryInputSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : fail(fromZodError(parsed.error));
}
