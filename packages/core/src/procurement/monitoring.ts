import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { eachMonthOfInterval } from 'date-fns/eachMonthOfInterval';
import { eachQuarterOfInterval } from 'date-fns/eachQuarterOfInterval';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { min as minDate } from 'date-fns/min';
import { parseISO } from 'date-fns/parseISO';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { z } from 'zod';
import { type Framework, FrameworkSchema, type Measure } from '../framework/schema';
import type { IssueCode } from '../issues/codes';
import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, dec, sum, ZERO } from '../money/decimal';
import { type IndexSeries, IndexSeriesSchema, rebase } from '../money/index-series';
import { DecimalInputSchema } from '../money/schema';
import { type Explained, explain, type InputLike, type Trace, type TraceInput } from '../trace/trace';
import { type Entry, EntrySchema } from '../valuation/schema';
import {
  type Accrual,
  commitmentWindows,
  type DraftWindow,
  dueShare,
  mergeWindows,
  milestoneWindows,
  type ProfileWindow,
  windowDates,
  windowOf,
} from './monitoring-profile';
import { codepointCompare } from './price';

export type { Accrual, DraftWindow, ProfileWindow } from './monitoring-profile';

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
    /**
     * `period` (default): the quantity delivered in this date or period; `to-date`: the total
     * delivered from the contract start to the end of it, as some supplier returns are written.
     */
    basis: z.enum(['period', 'to-date']).optional(),
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
 * A delivery milestone agreed for a measure: `quantity` (in counted units) is due by `date`, or
 * by the end of `period` (`YYYY-Qn` or `YYYY-MM`), counting from the previous milestone (the
 * contract start for the first). A measure with milestones is monitored against them instead of
 * the profile derived from its commitments.
 *
 * @example
 * ```ts
 * MilestoneSchema.parse({ measure: 'D1', quantity: '2', date: '2025-06-30' });
 * ```
 */
export const MilestoneSchema = z
  .object({
    measure: z.string().min(1),
    quantity: DecimalInputSchema,
    date: IsoDateSchema.optional(),
    period: z.string().regex(PERIOD, 'a quarter such as 2025-Q3 or a month such as 2025-07').optional(),
    notes: z.string().optional(),
    line: z.number().int().min(1).optional(),
  })
  .refine((r) => r.date !== undefined || r.period !== undefined, {
    message: 'give the date the quantity is due by, or the period',
    path: ['date'],
  });

/** A parsed milestone. */
export type Milestone = z.output<typeof MilestoneSchema>;
/** A milestone as written in JSON. */
export type MilestoneInput = z.input<typeof MilestoneSchema>;

/**
 * How the delivery profile is built: `granularity` of the windows derived from commitments
 * (contract years, or quarters of them; default `year`), and `accrual`: `pro-rata` (default)
 * expects a window's quantity to build up evenly over its days, `at-end` only once the window
 * has ended (a milestone read strictly as "by this date").
 *
 * @example
 * ```ts
 * DeliveryProfileOptionsSchema.parse({ granularity: 'quarter', accrual: 'at-end' });
 * ```
 */
export const DeliveryProfileOptionsSchema = z.object({
  granularity: z.enum(['year', 'quarter']).default('year'),
  accrual: z.enum(['pro-rata', 'at-end']).default('pro-rata'),
});

/**
 * RAG thresholds on pace (delivered ÷ expected by the delivery profile): green at or above `green`, amber at
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
 * RAG thresholds and the framework (for counting rules, and proxies to value delivery in money).
 * Money is in one price year: `priceYear` (default: the common price year of the framework's
 * proxies), with `indexSeries` (e.g. the HM Treasury GDP deflator) to rebase proxies of other
 * price years to it.
 *
 * A commitment's quantity is per counted year (as in valuation): 12.5 FTE for 2 years of a
 * `perYear` measure commits 12.5 × 2 = 25 FTE-years. Outcome quantities are in those counted
 * units (FTE-years delivered, £ spent, tCO2e avoided…).
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
  priceYear: z.number().int().min(1900).max(2200).optional(),
  indexSeries: IndexSeriesSchema.optional(),
  milestones: z.array(MilestoneSchema).optional(),
  profile: DeliveryProfileOptionsSchema.optional(),
  /**
   * `profile` (default): expected delivery follows each commitment's own profile.
   * `elapsed` is deprecated: committed × share of the contract elapsed, which ignores the
   * commitment's year and counting rule (a first-year-only commitment looks on pace when it is
   * half delivered at the end of year 1 of 2).
   */
  expectation: z.enum(['profile', 'elapsed']).optional(),
});

/** A parsed delivery monitoring input. */
export type DeliveryInput = z.output<typeof DeliveryInputSchema>;
/** A delivery monitoring input as written in JSON. */
export type DeliveryInputJson = z.input<typeof DeliveryInputSchema>;

/**
 * RAG status of delivery: `green`/`amber`/`red` by pace; `not-due` before the contract starts
 * or while nothing is due yet by the profile; `uncommitted` for a measure delivered but never
 * committed.
 *
 * @example
 * ```ts
 * const s: RagStatus = 'amber';
 * ```
 */
export type RagStatus = 'green' | 'amber' | 'red' | 'not-due' | 'uncommitted';

/**
 * One supplier return as monitoring counted it: when (`date` or `period`), the quantity
 * reported, the quantity it adds (the same for a `period` return; for a `to-date` return the
 * rise over what was counted before it), its evidence reference (null when none was given) and
 * the source line.
 *
 * @example
 * ```ts
 * m.returns.map((r) => [r.when, r.counted.toString(), r.evidence]); // [['2025-Q2', '2', 'payroll extract']]
 * ```
 */
export interface DeliveryReturn {
  index: number;
  line?: number;
  when: string;
  basis: 'period' | 'to-date';
  reported: Decimal;
  counted: Decimal;
  evidence: string | null;
}

/**
 * Delivery of one measure to the report date. `committed` is in counted units: Σ quantity ×
 * counted years (the duration for a `perYear` measure, 1 for `firstYearOnly`; e.g. 12.5 FTE for
 * 2 years = 25 FTE-years); `delivered` is the returns' sum in the same units.
 *
 * `profile` lists what is due when: derived from each commitment's year, duration and counting
 * rule (`profileBasis: 'commitments'`; contract years or their quarters), or the agreed
 * milestones (`'milestones'`); each window shows what was delivered towards it. `expected` is
 * what the profile makes due by the report date, `pace` = delivered ÷ expected and `status`
 * the RAG rating, the rule stated in the trace. (Under the deprecated `expectation: 'elapsed'`,
 * `profileBasis` is `'elapsed'`, `expected` = committed × elapsed share.) `nextDue` is the next
 * window with something due after the report date. Money values where the framework gives a
 * proxy (gross: counted units × proxy in the report's price year, before deadweight,
 * attribution or discounting); `proxy` is the proxy rebased to that price year.
 *
 * @example
 * ```ts
 * m.pace?.toString(); // '0.5'
 * m.status; // 'red'
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
  profileBasis: 'commitments' | 'milestones' | 'elapsed';
  profile: ProfileWindow[];
  nextDue: { end: string; due: Decimal } | null;
  returns: DeliveryReturn[];
  /** Returns without an evidence reference. */
  withoutEvidence: number;
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
 * report date (days, both ends inclusive); money is in `priceYear` prices. `overall` compares
 * money delivered against money expected by the report date when every committed measure has a
 * proxy (`basis: 'value'`), otherwise takes the worst committed measure's status
 * (`basis: 'measures'`). `records`: read = accepted + rejected.
 *
 * @example
 * ```ts
 * const r = monitorDelivery(input);
 * if (r.ok) console.log(r.value.overall.status, r.value.measures.map((m) => [m.measure, m.status]));
 * ```
 */
export interface DeliveryReport {
  contract: { start: string; end: string };
  /** Price year of the money values (null without a framework or proxies). */
  priceYear: number | null;
  reportDate: string;
  periodicity: 'quarter' | 'month';
  /** What expected delivery follows (`elapsed` is deprecated). */
  expectation: 'profile' | 'elapsed';
  profile: { granularity: 'year' | 'quarter'; accrual: Accrual };
  elapsed: Decimal;
  elapsedTrace: Trace;
  thresholds: { green: Decimal; amber: Decimal };
  measures: MeasureDelivery[];
  periods: DeliveryPeriod[];
  overall: {
    basis: 'value' | 'measures';
    committedValue: Decimal | null;
    /** Money due by the report date by the profiles (null on the `measures` basis). */
    expectedValue?: Decimal | null;
    deliveredValue: Decimal | null;
    deliveredShare: Decimal | null;
    pace: Decimal | null;
    status: RagStatus;
    counts: { green: number; amber: number; red: number };
  };
  records: { read: number; accepted: number; rejected: number };
  /** Milestones read = accepted + rejected (all zero without milestones). */
  milestones: { read: number; accepted: number; rejected: number };
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
 * Counted years of one commitment, by the valuation's rule (valuation.md §2): the duration (the
 * commitment's, else the measure's default, else 1) for a `perYear` measure, 1 for
 * `firstYearOnly`. Without the measure's counting rule the duration is taken as counted years.
 */
function countedYears(
  c: Entry,
  m: Measure | undefined,
  hasFramework: boolean,
): { years: number; note: string } {
  if (!m) {
    const why = hasFramework ? 'the measure is not in the framework' : 'no framework was given';
    return {
      years: c.duration ?? 1,
      note: `no counting rule (${why}): the duration is taken as the counted years, as for a perYear measure`,
    };
  }
  if (m.countingRule === 'firstYearOnly') {
    const unused =
      c.duration !== undefined && c.duration > 1 ? `; the duration of ${c.duration} years is not used` : '';
    return { years: 1, note: `counting rule firstYearOnly: counted in the first year only${unused}` };
  }
  const d = c.duration ?? m.defaults?.duration;
  const from =
    c.duration !== undefined
      ? 'from the commitment'
      : d !== undefined
        ? "from the measure's default"
        : 'none given: 1';
  return { years: d ?? 1, note: `counting rule perYear: counted in each year of the duration (${from})` };
}

/**
 * What is committed for one measure, with the commitments behind it, their profile windows and
 * any agreed milestones (the working state of {@link monitorDelivery}'s stages).
 *
 * @example
 * ```ts
 * const t: Tally = blankTally();
 * ```
 */
export interface Tally {
  committed: Decimal;
  parts: { year: number; quantity: Decimal; years: number; units: Decimal }[];
  notes: Set<string>;
  /** Profile windows derived from the commitments. */
  windows: DraftWindow[];
  profileNotes: Set<string>;
  milestones: { due: Date; quantity: Decimal; label: string }[];
}

/** The committed counted units, explained commitment by commitment. */
function committedTrace(committed: Decimal, parts: Tally['parts'], notes: string[]): Explained {
  const formula =
    'committed = Σ quantity × counted years (perYear measures count every year of the duration, firstYearOnly measures the first year only)';
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only) {
    return explain(
      committed,
      formula,
      { quantity: only.quantity, 'counted years': String(only.years) },
      notes,
    );
  }
  const inputs: Record<string, InputLike> = {};
  parts.forEach((p, i) => {
    inputs[`commitment ${i + 1} (${p.year})`] = explain(p.units, 'quantity × counted years', {
      quantity: p.quantity,
      'counted years': String(p.years),
    });
  });
  return explain(committed, formula, inputs, notes);
}

/**
 * A measure's proxy in the report's price year, with the trace inputs that got it there.
 *
 * @example
 * ```ts
 * const p: PricedProxy = { value: dec('21000'), inputs: {} };
 * ```
 */
export interface PricedProxy {
  value: Decimal;
  inputs: Record<string, TraceInput>;
}

/**
 * Puts the proxies of the measures in the report into one price year (the given one, else the
 * common price year of the framework's proxies), rebasing with the index series; values of
 * different price years are never added unrebased.
 */
function priceProxies(
  fw: Framework | undefined,
  codes: readonly string[],
  priceYear: number | undefined,
  series: IndexSeries | undefined,
): Result<{ priceYear: number | null; proxies: Map<string, PricedProxy> }> {
  const proxies = new Map<string, PricedProxy>();
  if (!fw) return ok({ priceYear: null, proxies });
  const years = [...new Set(fw.measures.flatMap((m) => (m.proxy ? [m.proxy.priceYear] : [])))].sort(
    (a, b) => a - b,
  );
  const to = priceYear ?? (years.length === 1 ? years[0] : undefined);
  if (to === undefined) {
    if (years.length === 0) return ok({ priceYear: null, proxies });
    return fail([
      issue(
        'price_year_required',
        `the framework's proxies are in ${years.join(', ')} prices: choose one price year and give an index series (e.g. the GDP deflator) to rebase to it`,
        { path: ['priceYear'], field: 'priceYear' },
      ),
    ]);
  }
  const issues: Issue[] = [];
  const byCode = new Map(fw.measures.map((m) => [m.code, m]));
  for (const code of codes) {
    const p = byCode.get(code)?.proxy;
    if (!p) continue;
    const inputs: Record<string, TraceInput> = {
      proxy: { value: p.value.toString(), source: p.source },
      'proxy price year': { value: String(p.priceYear) },
    };
    if (p.priceYear === to) {
      proxies.set(code, { value: p.value, inputs });
      continue;
    }
    if (!series) {
      issues.push(
        issue(
          'no_index_series',
          `measure "${code}" has its proxy in ${p.priceYear} prices but the report is in ${to} prices: give an index series (e.g. the GDP deflator) to rebase, or choose price year ${p.priceYear}`,
          { path: ['indexSeries'], field: 'indexSeries' },
        ),
      );
      continue;
    }
    const factor = rebase(1, p.priceYear, to, series);
    if (!factor.ok) {
      issues.push(
        ...factor.issues.map((i) => ({
          ...i,
          message: `measure "${code}": ${i.message}`,
          path: ['indexSeries'],
        })),
      );
      continue;
    }
    const value = p.value.times(factor.value);
    inputs['rebasing factor'] = { value: factor.value.toString(), source: series.source };
    inputs[`proxy in ${to} prices`] = { value: value.toString() };
    proxies.set(code, { value, inputs });
  }
  return issues.length ? fail(issues) : ok({ priceYear: to, proxies });
}

/**
 * An accepted supplier return, before `to-date` returns are turned into what they add (see
 * {@link countToDate}).
 *
 * @example
 * ```ts
 * acceptReturns(outcomes, tallies, at).accepted[0]?.counted.toString(); // '2.5'
 * ```
 */
export interface Accepted {
  index: number;
  line?: number;
  measure: string;
  reported: Decimal;
  counted: Decimal;
  basis: 'period' | 'to-date';
  when: Date;
  /** Where a to-date figure sits in time: the end of its period (its date when dated). */
  asOf: Date;
  shown: string;
  periodStart: Date;
  evidence: string | null;
}

/** The last day of a `YYYY-Qn` or `YYYY-MM` period. */
function periodEnd(period: string): Date {
  const m = PERIOD.exec(period) as RegExpExecArray;
  const year = Number(m[1]);
  const first =
    m[2] !== undefined ? new Date(year, (Number(m[2]) - 1) * 3, 1) : new Date(year, Number(m[3]) - 1, 1);
  return parseISO(day(m[2] !== undefined ? endOfQuarter(first) : endOfMonth(first)));
}

const ACCRUAL_RULE: Record<Accrual, string> = {
  'pro-rata':
    'pro rata: a window counts in full once it has ended, and by days elapsed ÷ days in the window while it runs',
  'at-end': 'at the end: a window counts in full once it has ended, and not at all before',
};

/**
 * Stage 1 of {@link monitorDelivery}: what is committed per measure, in counted units, with the
 * profile windows each commitment makes (by its year, duration and counting rule).
 *
 * @example
 * ```ts
 * tallyCommitments(commitments, framework, { start, end }, 'year').get('J1')?.committed.toString(); // '25'
 * ```
 */
export function tallyCommitments(
  commitments: readonly Entry[],
  fw: Framework | undefined,
  contract: { start: Date; end: Date },
  granularity: 'year' | 'quarter',
): Map<string, Tally> {
  const { start, end } = contract;
  const totalDays = differenceInCalendarDays(end, start) + 1;
  const measureInfo = new Map((fw?.measures ?? []).map((m) => [m.code, m]));
  // Whole contract years, only to note a commitment counted for longer than the contract runs.
  const contractYears = Math.max(1, Math.round(totalDays / 365.25));
  const measures = new Map<string, Tally>();
  for (const c of commitments) {
    const m = measures.get(c.measure) ?? blankTally();
    const counted = countedYears(c, measureInfo.get(c.measure), fw !== undefined);
    const units = c.quantity.times(counted.years);
    m.committed = m.committed.plus(units);
    m.parts.push({ year: c.year, quantity: c.quantity, years: counted.years, units });
    m.notes.add(counted.note);
    if (counted.years > contractYears)
      m.notes.add(
        `counted for ${counted.years} years, longer than the contract (about ${contractYears}): pace still expects all of it by the contract end`,
      );
    const w = commitmentWindows(c.quantity, c.year, counted.years, { start, end }, granularity);
    for (const x of w.windows) m.windows.push(x);
    for (const n of w.notes) m.profileNotes.add(n);
    measures.set(c.measure, m);
  }
  return measures;
}

/**
 * An empty tally, for a measure first met.
 *
 * @example
 * ```ts
 * blankTally().committed.isZero(); // true
 * ```
 */
export function blankTally(): Tally {
  return {
    committed: ZERO,
    parts: [],
    notes: new Set(),
    windows: [],
    profileNotes: new Set(),
    milestones: [],
  };
}

/**
 * Stage 2 of {@link monitorDelivery}: accepts the agreed milestones onto the measures they are
 * for; one for a measure not committed, outside the contract or negative is rejected with a
 * located issue. Read = accepted + rejected.
 *
 * @example
 * ```ts
 * acceptMilestones(milestones, tallies, { start, end, startText: '2026-04-01', endText: '2028-03-31' }).counts;
 * // { read: 3, accepted: 3, rejected: 0 }
 * ```
 */
export function acceptMilestones(
  milestones: readonly Milestone[],
  measures: Map<string, Tally>,
  contract: { start: Date; end: Date; startText: string; endText: string },
): { counts: { read: number; accepted: number; rejected: number }; issues: Issue[] } {
  const issues: Issue[] = [];
  const milestoneCounts = { read: 0, accepted: 0, rejected: 0 };
  milestones.forEach((ms, i) => {
    milestoneCounts.read++;
    const where: Omit<Issue, 'code' | 'message'> = { path: ['milestones', i] };
    if (ms.line !== undefined) where.line = ms.line;
    const due = ms.date !== undefined ? parseISO(ms.date) : periodEnd(ms.period as string);
    const shown = ms.date ?? (ms.period as string);
    const field = ms.date !== undefined ? 'date' : 'period';
    const tally = measures.get(ms.measure);
    const problem: [IssueCode, string, string] | undefined =
      !tally || tally.committed.isZero()
        ? [
            'milestone_not_committed',
            `milestone ${i + 1} is for measure "${ms.measure}", which the commitments do not include: correct the measure code or add the commitment`,
            'measure',
          ]
        : due < contract.start
          ? [
              'milestone_before_start',
              `milestone ${i + 1} (${ms.measure}) is due ${shown}, before the contract starts (${contract.startText}): correct the date`,
              field,
            ]
          : due > contract.end
            ? [
                'milestone_after_end',
                `milestone ${i + 1} (${ms.measure}) is due ${shown}, after the contract ends (${contract.endText}): correct the date`,
                field,
              ]
            : ms.quantity.isNegative()
              ? [
                  'milestone_negative',
                  `milestone ${i + 1} (${ms.measure}) is for ${ms.quantity.toString()}: a quantity due cannot be negative`,
                  'quantity',
                ]
              : undefined;
    if (problem || !tally) {
      milestoneCounts.rejected++;
      if (problem) issues.push(issue(problem[0], problem[1], { ...where, field: problem[2] }));
      return;
    }
    milestoneCounts.accepted++;
    tally.milestones.push({ due, quantity: ms.quantity, label: `by ${shown}` });
  });

  return { counts: milestoneCounts, issues };
}

/**
 * Stage 3 of {@link monitorDelivery}: accepts the supplier's returns dated or periodised inside
 * the contract and by the report date (late ones after the contract end are counted with a
 * warning; one for a measure never committed adds it as uncommitted).
 *
 * @example
 * ```ts
 * acceptReturns(outcomes, tallies, { start, end, report, startText, endText, reportDateText, periodicity: 'quarter' }).accepted.length;
 * ```
 */
export function acceptReturns(
  outcomes: readonly OutcomeRecord[],
  measures: Map<string, Tally>,
  at: {
    start: Date;
    end: Date;
    report: Date;
    startText: string;
    endText: string;
    reportDateText: string;
    periodicity: 'quarter' | 'month';
  },
): { accepted: Accepted[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const periodicity = at.periodicity;
  const firstPeriod = periodStart(at.start, periodicity);
  const accepted: Accepted[] = [];
  outcomes.forEach((r, i) => {
    const where: Omit<Issue, 'code' | 'message'> = { path: ['outcomes', i] };
    if (r.line !== undefined) where.line = r.line;
    let when: Date;
    let shown: string;
    if (r.date !== undefined) {
      when = parseISO(r.date);
      shown = r.date;
      if (when < at.start) {
        issues.push(
          issue(
            'outcome_before_start',
            `outcome ${i + 1} (${r.measure}) is dated ${r.date}, before the contract starts (${at.startText}): correct the date`,
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
            `outcome ${i + 1} (${r.measure}) is for ${r.period}, before the contract starts (${at.startText}): correct the period`,
            { ...where, field: 'period' },
          ),
        );
        return;
      }
    }
    if (when > at.report) {
      issues.push(
        issue(
          'outcome_after_report_date',
          `outcome ${i + 1} (${r.measure}) is for ${shown}, after the report date ${at.reportDateText}: report it in a later period`,
          { ...where, field: r.date !== undefined ? 'date' : 'period' },
        ),
      );
      return;
    }
    if (when > at.end) {
      issues.push(
        issue(
          'outcome_after_end',
          `outcome ${i + 1} (${r.measure}) is for ${shown}, after the contract ended (${at.endText}); it is counted`,
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
      measures.set(r.measure, blankTally());
    }
    const a: Accepted = {
      index: i,
      measure: r.measure,
      reported: r.quantity,
      counted: r.quantity,
      basis: r.basis ?? 'period',
      when,
      asOf: r.date === undefined && r.basis === 'to-date' ? periodEnd(r.period as string) : when,
      shown,
      periodStart: periodStart(when, periodicity),
      evidence: r.evidence ?? null,
    };
    if (r.line !== undefined) a.line = r.line;
    accepted.push(a);
  });

  return { accepted, issues };
}

/**
 * Stage 4 of {@link monitorDelivery}: groups the accepted returns by measure in time order and
 * turns each `to-date` return into what it adds over what was counted before it (a fall is a
 * correction, with a warning).
 *
 * @example
 * ```ts
 * countToDate(accepted).byMeasure.get('J1')?.map((a) => a.counted.toString()); // ['2.5', '2.75']
 * ```
 */
export function countToDate(accepted: readonly Accepted[]): {
  byMeasure: Map<string, Accepted[]>;
  issues: Issue[];
} {
  const issues: Issue[] = [];
  // A to-date return adds what it reports over what was counted before it (in time order).
  const byMeasure = new Map<string, Accepted[]>();
  for (const a of accepted) {
    const list = byMeasure.get(a.measure) ?? [];
    list.push(a);
    byMeasure.set(a.measure, list);
  }
  for (const list of byMeasure.values()) {
    list.sort((x, y) => x.asOf.getTime() - y.asOf.getTime() || x.index - y.index);
    let running = ZERO;
    for (const a of list) {
      if (a.basis === 'to-date') {
        a.counted = a.reported.minus(running);
        if (a.counted.isNegative()) {
          const where: Omit<Issue, 'code' | 'message'> = {
            path: ['outcomes', a.index],
            field: 'quantity',
            severity: 'warning',
          };
          if (a.line !== undefined) where.line = a.line;
          issues.push(
            issue(
              'to_date_decreased',
              `outcome ${a.index + 1} (${a.measure}) reports ${a.reported.toString()} to date for ${a.shown}, less than the ${running.toString()} counted before it: it is counted as a correction of ${a.counted.toString()}; check the return`,
              where,
            ),
          );
        }
      }
      running = running.plus(a.counted);
    }
  }

  return { byMeasure, issues };
}

/**
 * Stage 6 of {@link monitorDelivery}: delivery per reporting period (quarters or months) from
 * the contract start to the report date (or later, when late delivery was reported), per
 * measure in the period and cumulative, valued where every measure delivered has a proxy.
 *
 * @example
 * ```ts
 * deliveryPeriods(accepted, { start, end, report, periodicity: 'quarter' }, proxies, true).map((p) => p.period);
 * ```
 */
export function deliveryPeriods(
  accepted: readonly Accepted[],
  at: { start: Date; end: Date; report: Date; periodicity: 'quarter' | 'month' },
  proxies: ReadonlyMap<string, PricedProxy>,
  hasFramework: boolean,
): DeliveryPeriod[] {
  const { start, end, report, periodicity } = at;
  const firstPeriod = periodStart(start, periodicity);
  const fw = hasFramework;
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
        const q = sum(inPeriod.filter((a) => a.measure === code).map((a) => a.counted));
        const c = (cumulative.get(code) ?? ZERO).plus(q);
        cumulative.set(code, c);
        return { measure: code, quantity: q, cumulative: c };
      });
      const allPriced = list.every((m) => proxies.has(m.measure));
      const value =
        fw && allPriced
          ? sum(list.map((m) => m.quantity.times(proxies.get(m.measure)?.value ?? ZERO)))
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

  return periods;
}

/**
 * Stage 7 of {@link monitorDelivery}: the overall status — money delivered against money due by
 * the profiles when every committed measure has a proxy, else the worst committed measure's.
 *
 * @example
 * ```ts
 * overallDelivery(rows, true, elapsed, 'profile', { green: dec('0.9'), amber: dec('0.7') }).status; // 'amber'
 * ```
 */
export function overallDelivery(
  rows: readonly MeasureDelivery[],
  hasFramework: boolean,
  elapsed: Decimal,
  expectation: 'profile' | 'elapsed',
  thresholds: { green: Decimal; amber: Decimal },
): DeliveryReport['overall'] {
  const fw = hasFramework || undefined;
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
    const expectedValue = sum(committedRows.map((r) => r.expected.times(r.proxy as Decimal)));
    const share = deliveredValue.dividedBy(committedValue);
    let pace: Decimal | null;
    if (expectation === 'elapsed') pace = elapsed.isZero() ? null : share.dividedBy(elapsed);
    else pace = elapsed.isZero() || expectedValue.isZero() ? null : deliveredValue.dividedBy(expectedValue);
    overall = {
      basis: 'value',
      committedValue,
      expectedValue,
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
      expectedValue: null,
      deliveredValue: null,
      deliveredShare: null,
      pace: null,
      status: worst,
      counts,
    };
  }

  return overall;
}

/**
 * Monitors delivery of the winning bid's commitments against supplier returns (outcome records).
 *
 * Per measure: committed in counted units (quantity × counted years: the duration for a
 * `perYear` measure, 1 for `firstYearOnly`, by the framework's counting rule; without one the
 * duration counts, and the trace says so), and a **delivery profile** of what is due when —
 * derived from each commitment's year, duration and counting rule (a commitment of year Y is
 * due in contract year Y − start year + 1, and each further counted year in the next contract
 * year; by contract years or their quarters), or given as `milestones`. Expected by the report
 * date = Σ due per window × the share of it due (`pro-rata` by days, or `at-end`); pace =
 * delivered ÷ expected; RAG green at pace ≥ 0.9, amber ≥ 0.7, else red (unless `thresholds`
 * says otherwise), `not-due` while nothing is due. The trace states the rule. Returns are per
 * period or `to-date` (turned into what each adds), each with its evidence reference; per
 * reporting period (quarters or months), delivered and cumulative quantities. Money delivered
 * against money expected uses the framework's proxies rebased to one price year; proxies in
 * several price years without a `priceYear`, or without an `indexSeries` covering them, fail
 * the report (never summed unrebased).
 *
 * Records before the contract start or after the report date are rejected with issues; records
 * after the contract end (but by the report date) are counted with a warning; delivery of a
 * measure never committed is listed as `uncommitted` with a warning. Milestones outside the
 * contract or for a measure not committed are rejected with issues.
 *
 * @example
 * ```ts
 * // 4 long-term unemployed people hired in the first year only (firstYearOnly), 2 by the end of year 1:
 * // 4 were due by then → pace 0.5, red (not "half the contract, half delivered").
 * const r = monitorDelivery(DeliveryInputSchema.parse({
 *   commitments: [{ measure: 'D1', quantity: 4, year: 2025, duration: 2 }],
 *   outcomes: [{ measure: 'D1', quantity: 2, period: '2025-Q3', evidence: 'HR starters list' }],
 *   contract: { start: '2025-01-01', end: '2026-12-31' }, reportDate: '2025-12-31', framework,
 * }));
 * if (r.ok) r.value.measures[0]?.status; // 'red'
 * ```
 */
export function monitorDelivery(input: DeliveryInput): Result<DeliveryReport> {
  const issues: Issue[] = [];
  const periodicity = input.periodicity ?? 'quarter';
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const expectation = input.expectation ?? 'profile';
  const granularity = input.profile?.granularity ?? 'year';
  const accrual: Accrual = input.profile?.accrual ?? 'pro-rata';
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
  if (expectation === 'elapsed') {
    issues.push(
      issue(
        'elapsed_expectation_deprecated',
        "expectation 'elapsed' (committed × share of the contract elapsed) ignores each commitment's year and counting rule and can rate late delivery green: use the default 'profile'",
        { path: ['expectation'], field: 'expectation', severity: 'warning' },
      ),
    );
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

  const fw: Framework | undefined = input.framework;
  const measureInfo = new Map((fw?.measures ?? []).map((m) => [m.code, m]));
  const measures = tallyCommitments(input.commitments, fw, { start, end }, granularity);
  const ms = acceptMilestones(input.milestones ?? [], measures, {
    start,
    end,
    startText: input.contract.start,
    endText: input.contract.end,
  });
  const milestoneCounts = ms.counts;
  for (const x of ms.issues) issues.push(x);
  const returns = acceptReturns(input.outcomes, measures, {
    start,
    end,
    report,
    startText: input.contract.start,
    endText: input.contract.end,
    reportDateText: input.reportDate,
    periodicity,
  });
  const accepted = returns.accepted;
  for (const x of returns.issues) issues.push(x);
  const toDate = countToDate(accepted);
  const byMeasure = toDate.byMeasure;
  for (const x of toDate.issues) issues.push(x);
  const codes = [...measures.keys()].sort(codepointCompare);
  const pricing = priceProxies(fw, codes, input.priceYear, input.indexSeries);
  if (!pricing.ok) return fail([...issues, ...pricing.issues]);
  const { priceYear, proxies } = pricing.value;
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

  const ragRule = `${'green ≥ '}${thresholds.green.toString()}, amber ≥ ${thresholds.amber.toString()}, else red`;
  const rows: MeasureDelivery[] = codes.map((code) => {
    const tally = measures.get(code) as Tally;
    const { committed, parts, notes } = tally;
    const list = byMeasure.get(code) ?? [];
    const delivered = sum(list.map((a) => a.counted));
    const info = measureInfo.get(code);
    const priced = proxies.get(code);
    const proxy = priced?.value ?? null;
    const returns: DeliveryReturn[] = [...list]
      .sort((x, y) => x.index - y.index)
      .map((a) => {
        const ret: DeliveryReturn = {
          index: a.index,
          when: a.shown,
          basis: a.basis,
          reported: a.reported,
          counted: a.counted,
          evidence: a.evidence,
        };
        if (a.line !== undefined) ret.line = a.line;
        return ret;
      });

    // the profile: milestones when agreed for the measure, else derived from the commitments
    const useMilestones = tally.milestones.length > 0;
    const drafts = useMilestones ? milestoneWindows(tally.milestones, start) : mergeWindows(tally.windows);
    const profileNotes = [...tally.profileNotes];
    if (useMilestones) {
      const total = sum(tally.milestones.map((m) => m.quantity));
      profileNotes.unshift(
        `profile: the ${tally.milestones.length} agreed milestone(s); each is due from the day after the previous one`,
      );
      if (!total.eq(committed)) {
        issues.push(
          issue(
            'milestones_differ_from_commitment',
            `the milestones for "${code}" add up to ${total.toString()} but ${committed.toString()} is committed (counted units): monitoring follows the milestones; correct them if they were not agreed that way`,
            { path: ['milestones'], field: 'quantity', severity: 'warning' },
          ),
        );
        profileNotes.push(
          `the milestones add up to ${total.toString()}, the commitments to ${committed.toString()}`,
        );
      }
    } else if (drafts.length) {
      profileNotes.unshift(
        `profile: derived from the commitments by ${granularity === 'year' ? 'contract year' : 'quarter of contract year'} (contract years from ${input.contract.start}; a commitment of year Y is due from contract year Y − ${start.getFullYear()} + 1, a perYear measure in each counted year, a firstYearOnly measure in its first year only)`,
      );
    }
    const windowDelivered = drafts.map(() => ZERO);
    if (drafts.length)
      for (const a of list) {
        const k = windowOf(drafts, a.when);
        windowDelivered[k] = (windowDelivered[k] as Decimal).plus(a.counted);
      }
    let cumDue = ZERO;
    let cumDelivered = ZERO;
    const profile: ProfileWindow[] = drafts.map((w, k) => {
      cumDue = cumDue.plus(w.due);
      cumDelivered = cumDelivered.plus(windowDelivered[k] as Decimal);
      return {
        label: w.label,
        ...windowDates(w),
        due: w.due,
        cumulativeDue: cumDue,
        delivered: windowDelivered[k] as Decimal,
        cumulativeDelivered: cumDelivered,
        source: w.source,
      };
    });
    const next = drafts.find((w) => w.end > report && w.due.gt(0));
    const nextDue = next ? { end: windowDates(next).end, due: next.due } : null;

    let expectedEx: Explained;
    if (expectation === 'elapsed') {
      expectedEx = explain(committed.times(elapsed), 'expected = committed × elapsed share (deprecated)', {
        committed,
        'elapsed share': elapsedEx,
      });
    } else {
      const inputs: Record<string, InputLike> = {};
      let expected = ZERO;
      drafts.forEach((w, k) => {
        const share = dueShare(w, report, accrual);
        const part = w.due.times(share);
        expected = expected.plus(part);
        const d = windowDates(w);
        inputs[`${k + 1}. ${w.label} (${d.start} – ${d.end})`] = explain(part, 'due × share due', {
          due: w.due,
          'share due': share,
        });
      });
      expectedEx = explain(
        expected,
        `expected by the report date = Σ due in each profile window × share due (${ACCRUAL_RULE[accrual]})`,
        inputs,
        profileNotes,
      );
    }
    const expected = expectedEx.value;

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
      const committedEx = committedTrace(committed, parts, [...notes]);
      deliveredShare = delivered.dividedBy(committed);
      if (elapsed.isZero() || expected.isZero()) {
        status = 'not-due';
        const why = elapsed.isZero()
          ? 'the contract has not started'
          : `nothing is due by ${input.reportDate} by the profile`;
        trace = explain(
          deliveredShare,
          `delivered share = delivered ÷ committed, in counted units (${why}: pace not assessed)`,
          expectation === 'elapsed'
            ? { delivered, committed: committedEx }
            : { delivered, committed: committedEx, expected: expectedEx },
        ).trace;
      } else if (expectation === 'elapsed') {
        pace = deliveredShare.dividedBy(elapsed);
        status = rag(pace, thresholds);
        const share = explain(deliveredShare, 'delivered share = delivered ÷ committed, in counted units', {
          delivered,
          committed: committedEx,
        });
        trace = explain(
          pace,
          `pace = delivered share ÷ elapsed share (deprecated: ignores the commitments' profile); ${status} (${ragRule})`,
          { 'delivered share': share, 'elapsed share': elapsedEx },
        ).trace;
      } else {
        pace = delivered.dividedBy(expected);
        status = rag(pace, thresholds);
        trace = explain(
          pace,
          `pace = delivered ÷ expected by the report date (the delivery profile); ${status} (${ragRule})`,
          { delivered, expected: expectedEx, committed: committedEx },
        ).trace;
      }
    }
    if (priced) Object.assign(trace.inputs, priced.inputs);
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
      profileBasis: expectation === 'elapsed' ? 'elapsed' : useMilestones ? 'milestones' : 'commitments',
      profile,
      nextDue,
      returns,
      withoutEvidence: returns.filter((r) => r.evidence === null || r.evidence.trim() === '').length,
      trace,
    };
  });

  const periods = deliveryPeriods(accepted, { start, end, report, periodicity }, proxies, fw !== undefined);
  const overall = overallDelivery(rows, fw !== undefined, elapsed, expectation, thresholds);
  return ok(
    {
      contract: { start: input.contract.start, end: input.contract.end },
      priceYear,
      reportDate: input.reportDate,
      periodicity,
      expectation,
      profile: { granularity, accrual },
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
      milestones: milestoneCounts,
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
