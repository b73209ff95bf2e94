import type { Issue } from '../issues/issues';
import type { Decimal, DecimalLike } from '../money/decimal';
import type { IndexSeries } from '../money/index-series';
import type { Explained, Trace } from '../trace/trace';
import type { DiscountSchedule } from './schema';

/**
 * How to value entries. Core is jurisdiction-neutral: the caller passes the discount schedule
 * (`@commonweal/uk` provides the Green Book ones) or `null` for no discounting.
 *
 * - `baseYear`: year 0 of discounting; default the earliest accepted entry's year.
 * - `priceYear`: the price base of every £; default the common price year of the framework's
 *   proxies (all of them, so the default never depends on which rows arrive). A framework whose
 *   proxies are in several price years needs it, with an `indexSeries` to rebase: values of
 *   different price years are never added unrebased.
 * - `firstPeriodDiscounted`: `false` (default) is the Green Book convention, the base year is
 *   year 0 and undiscounted; `true` is the SROI Value Map convention, year 1 is discounted once.
 * - `contractValue`: gives `socialValuePercent`; `investment`: gives the SROI ratios.
 *
 * @example
 * ```ts
 * const options: ValuationOptions = { baseYear: 2025, discounting: greenBookStandard, investment: '50000' };
 * ```
 */
export interface ValuationOptions {
  baseYear?: number;
  priceYear?: number;
  discounting: DiscountSchedule | null;
  firstPeriodDiscounted?: boolean;
  indexSeries?: IndexSeries;
  contractValue?: DecimalLike;
  investment?: DecimalLike;
  currency?: string;
}

/**
 * Options of a {@link ValuationAccumulator}. `keepLines: false` keeps totals only, so memory
 * stays flat, and the base year may be left out (the earliest accepted year, fixed when the
 * result is read); lines need the base year. `onLine` streams each line as it is valued
 * instead of keeping it (so a caller can write lines out in flat memory);
 * `startIndex` numbers this accumulator's rows from a given position (for split input);
 * `maxIssues` (default: no limit) keeps only the issues of the earliest rows — the same ones
 * however the input is split — and counts the rest by code in an `issues_truncated` warning, so
 * a stream where every row has a warning still runs in flat memory.
 *
 * @example
 * ```ts
 * const options: AccumulatorOptions = { baseYear: 2025, discounting: null, keepLines: false, maxIssues: 1000 };
 * ```
 */
export interface AccumulatorOptions extends ValuationOptions {
  baseYear?: number;
  keepLines?: boolean;
  /** Receives each line as it is valued; the result then lists none. Needs `keepLines` and `baseYear`. */
  onLine?: (line: ValuationLine) => void;
  /**
   * With `onLine` or `onLineText`: stream the lines only, without totals (a second read of a file
   * whose totals are already known); `result()` then gives the counts and issues with zero totals.
   */
  linesOnly?: boolean;
  /**
   * Receives each accepted row's line as its printed figures, in text, instead of a line: the
   * cheapest way to write every line of a big file. Totals are made as well (unless `linesOnly`),
   * so one read gives both. Lines need a base year: `baseYear`, or `linesBaseYear` while the
   * totals' base year is left to the earliest accepted year. The object passed is reused: copy
   * what you keep.
   */
  onLineText?: (line: ValuationLineText) => void;
  /**
   * With `onLineText` and no `baseYear`: the year the lines are discounted to while the totals
   * wait for theirs (the earliest accepted year). The lines are right only if the two agree, so
   * pass a year no accepted row can be earlier than (see `earliestEntryYear` in
   * `@commonweal/csv`) and check `result().baseYear`; a row earlier than it gives no line.
   */
  linesBaseYear?: number;
  startIndex?: number;
  maxIssues?: number;
}

/**
 * The options a valuation actually used (echoed in its result), decimals as {@link Decimal}.
 * `priceYear` is `null` only when no measure carries a proxy and none was asked for.
 *
 * @example
 * ```ts
 * result.options.firstPeriodDiscounted; // false: Green Book convention
 * ```
 */
export interface ResolvedValuationOptions {
  baseYear: number;
  priceYear: number | null;
  currency: string;
  discounting: DiscountSchedule | null;
  firstPeriodDiscounted: boolean;
  indexSeries?: IndexSeries;
  contractValue?: Decimal;
  investment?: Decimal;
}

/**
 * Where an adjustment came from: the entry, the measure's default, or neither (then 0).
 *
 * @example
 * ```ts
 * const from: AdjustmentSource = 'measure';
 * ```
 */
export type AdjustmentSource = 'entry' | 'measure' | 'none';

/**
 * An adjustment applied to a line, with where it came from.
 *
 * @example
 * ```ts
 * const dw: AppliedAdjustment = { value: dec('0.25'), from: 'entry' };
 * ```
 */
export interface AppliedAdjustment {
  value: Decimal;
  from: AdjustmentSource;
}

/**
 * The adjustments a line used: SROI deadweight, displacement, attribution, drop-off and
 * duration (years), each with its source.
 *
 * @example
 * ```ts
 * line.adjustments.deadweight.from; // 'entry'
 * ```
 */
export interface LineAdjustments {
  deadweight: AppliedAdjustment;
  displacement: AppliedAdjustment;
  attribution: AppliedAdjustment;
  dropOff: AppliedAdjustment;
  duration: { value: number; from: AdjustmentSource };
}

/**
 * One counted year of a line: calendar year, offset from the base year, value after
 * adjustments and drop-off, the discount factor used and the present value.
 *
 * @example
 * ```ts
 * const y: ValuationYear = { year: 2026, offset: 1, value: dec('90'),
 *   discountFactor: discountFactor(schedule, 1), presentValue: dec('90').times(discountFactor(schedule, 1)) };
 * ```
 */
export interface ValuationYear {
  year: number;
  offset: number;
  value: Decimal;
  discountFactor: Decimal;
  presentValue: Decimal;
}

/**
 * One valued (or recorded) entry.
 *
 * - `gross` = quantity × proxy (rebased) × counted years: unadjusted, undiscounted.
 * - `impact` = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution): one year.
 * - `net` = Σ_k impact × (1 − drop-off)^k over the counted years: adjusted, undiscounted.
 * - `presentValue` = Σ_k impact × (1 − drop-off)^k × DF(offset_k).
 * - `low`/`high`: present value with the proxy's low/high (central where the proxy has none).
 * - `countedYears`: the duration, or 1 for a `firstYearOnly` measure; `countedUnits` = quantity ×
 *   counted years (e.g. FTE-years).
 *
 * Record-only lines (`recordOnly: true`, a measure without a proxy) have zero money, no values,
 * and never enter £ totals. Figures are exact (no binary floats; only discount factors and
 * rebasing factors are 40-digit decimals); round only at presentation.
 *
 * @example
 * ```ts
 * for (const l of result.lines) console.log(l.measure, roundMoney(l.presentValue));
 * ```
 */
export interface ValuationLine {
  line?: number;
  index: number;
  measure: string;
  theme: string;
  outcome?: string;
  unit: string;
  quantity: Decimal;
  countedYears: number;
  countedUnits: Decimal;
  proxy?: Decimal;
  adjustments: LineAdjustments;
  gross: Decimal;
  impact: Decimal;
  net: Decimal;
  presentValue: Decimal;
  low?: Decimal;
  high?: Decimal;
  values: ValuationYear[];
  recordOnly: boolean;
  trace: Trace;
}

/**
 * A valuation line's printed figures: each decimal as text in full, as a CSV cell writes it
 * (`toFixed()`, never exponent form; `'0'` for zero), the same figures as its
 * {@link ValuationLine}. Made by the accumulator's `onLineText`, or from a line by `lineText`.
 *
 * @example
 * ```ts
 * const t: ValuationLineText = lineText(result.lines[0]);
 * t.presentValue; // '43.4009418311218261904544472145359792273598121'
 * ```
 */
export interface ValuationLineText {
  index: number;
  line: number | undefined;
  measure: string;
  theme: string;
  outcome: string | undefined;
  unit: string;
  quantity: string;
  countedYears: number;
  /** undefined for a record-only line */
  proxy: string | undefined;
  gross: string;
  impact: string;
  net: string;
  presentValue: string;
  low: string | undefined;
  high: string | undefined;
  recordOnly: boolean;
}

/**
 * A subtotal by theme, outcome or measure.
 *
 * @example
 * ```ts
 * result.totals.byTheme.jobs?.presentValue;
 * ```
 */
export interface Subtotal {
  gross: Decimal;
  net: Decimal;
  presentValue: Decimal;
}

/**
 * A record-only measure's entries, counted (never valued).
 *
 * @example
 * ```ts
 * result.recorded[0]; // { measure: 'ECC2', unit: '%', entries: 3, quantity: …, countedUnits: … }
 * ```
 */
export interface RecordedMeasure {
  measure: string;
  theme: string;
  outcome?: string;
  unit: string;
  entries: number;
  quantity: Decimal;
  countedUnits: Decimal;
}

/**
 * Totals over the accepted, valued lines. `impact` is Σ one-year impact (before drop-off), the
 * basis of payback. `low`/`high` are present values with low/high proxies. `byOutcome` holds
 * only measures that name an outcome. Keys of the `by…` records are sorted.
 *
 * @example
 * ```ts
 * roundMoney(result.totals.presentValue);
 * ```
 */
export interface ValuationTotals {
  gross: Decimal;
  net: Decimal;
  impact: Decimal;
  presentValue: Decimal;
  low: Decimal;
  high: Decimal;
  byTheme: Record<string, Subtotal>;
  byOutcome: Record<string, Subtotal>;
  byMeasure: Record<string, Subtotal>;
}

/**
 * SROI figures: `ratio` = PV ÷ investment ("£x : £1"); `netRatio` = (PV − investment) ÷
 * investment; `paybackMonths` = investment ÷ (Σ impact ÷ 12), absent when the annual impact is
 * not positive. The investment is taken as made in the base year (undiscounted).
 *
 * @example
 * ```ts
 * result.sroi?.ratio.toFixed(2); // '2.85'
 * ```
 */
export interface SroiResult {
  investment: Decimal;
  ratio: Decimal;
  netRatio: Decimal;
  paybackMonths?: Decimal;
  /** PV − investment (set by the engine; see {@link SroiSummary}). */
  npv?: Decimal;
  /** PV with every proxy's low value ÷ investment. */
  ratioLow?: Decimal;
  /** PV with every proxy's high value ÷ investment. */
  ratioHigh?: Decimal;
  /** How far each adjustment, and the proxies, can move before the ratio falls to 1 : 1. */
  switchingValues?: SwitchingValue[];
  /** Traces of `npv`, `ratioLow`, `ratio` and `ratioHigh`. */
  traces?: { npv: Trace; ratioLow: Trace; ratio: Trace; ratioHigh: Trace };
}

/**
 * What switching values need of one measure's valued lines, kept as mergeable sums (exact
 * until handed out): the present value, the present value without each of the deadweight,
 * displacement and attribution factors, and Σ impact × discount factor of the k-th counted
 * year (so that PV = Σ_k `byCountedYear[k]` × (1 − drop-off)^k when every line has the same
 * drop-off).
 *
 * @example
 * ```ts
 * result.sroiBasis?.byMeasure.NT1?.beforeDeadweight.toString();
 * ```
 */
export interface MeasureSroiBasis {
  presentValue: Decimal;
  beforeDeadweight: Decimal;
  beforeDisplacement: Decimal;
  beforeAttribution: Decimal;
  byCountedYear: Decimal[];
}

/**
 * The sums behind switching values, per valued measure (keys sorted). Set by the engine and
 * the accumulator, so totals-only results (a streamed file) still give switching values.
 *
 * @example
 * ```ts
 * Object.keys(result.sroiBasis?.byMeasure ?? {}); // ['NT1', 'WB1']
 * ```
 */
export interface SroiBasis {
  byMeasure: Record<string, MeasureSroiBasis>;
}

/**
 * What a switching value moves: one of the SROI adjustments, or the proxies (a multiplier on
 * every central proxy; quantities move the value the same way).
 *
 * @example
 * ```ts
 * const a: SwitchingAdjustment = 'deadweight';
 * ```
 */
export type SwitchingAdjustment = 'deadweight' | 'displacement' | 'attribution' | 'dropOff' | 'proxy';

/**
 * Whether the ratio reaches 1 : 1 as the adjustment moves over its range (0–1 for the four
 * adjustments, any multiplier ≥ 0 for proxies): `switches` at `switching`; `stays-above` or
 * `stays-below` 1 : 1 over the whole range; `no-effect` when nothing valued depends on it.
 *
 * @example
 * ```ts
 * const s: SwitchingStatus = 'stays-above';
 * ```
 */
export type SwitchingStatus = 'switches' | 'stays-above' | 'stays-below' | 'no-effect';

/**
 * A switching value: the level of one adjustment (or the proxy multiplier) at which the SROI
 * ratio is exactly 1 : 1, everything else held, for all valued measures together
 * (`scope: 'all'`) or one measure. The adjustment is taken at one level across the scope:
 * `current` is the level that gives today's present value (a line's own value when the scope
 * has one; a PV-weighted equivalent when its lines differ), `switching` the level at 1 : 1 and
 * `margin` = switching − current (for proxies: 1 − switching, the share by which every proxy
 * can fall). Null where the status is not `switches`.
 *
 * @example
 * ```ts
 * const dw = summary.switchingValues.find((s) => s.adjustment === 'deadweight' && s.scope === 'all');
 * dw?.switching?.toFixed(4); // '0.6667': deadweight can rise to 66.67% before the ratio falls below 1
 * ```
 */
export interface SwitchingValue {
  adjustment: SwitchingAdjustment;
  scope: string;
  status: SwitchingStatus;
  current: Decimal | null;
  switching: Decimal | null;
  margin: Decimal | null;
  trace: Trace;
}

/**
 * The SROI figures of a valuation against an investment, each with its trace: NPV (PV −
 * investment), the ratio low / central / high (present value with every proxy's low, central
 * and high value; the framework carries ranges for proxies only), the net ratio, payback, and
 * switching values for deadweight, displacement, attribution, drop-off and proxies, for all
 * measures together and per measure.
 *
 * @example
 * ```ts
 * const s = sroiSummary(result, '50000');
 * if (s.ok) console.log(s.value.npv.value.toFixed(2), s.value.ratio.central.value.toFixed(2));
 * ```
 */
export interface SroiSummary {
  investment: Decimal;
  presentValue: { low: Decimal; central: Decimal; high: Decimal };
  npv: Explained;
  ratio: { low: Explained; central: Explained; high: Explained };
  netRatio: Explained;
  paybackMonths?: Explained;
  switchingValues: SwitchingValue[];
}

/**
 * Rows read, accepted (valued or recorded) and rejected: `read = accepted + rejected`.
 *
 * @example
 * ```ts
 * const { read, accepted, rejected } = result.counts;
 * ```
 */
export interface ValuationCounts {
  read: number;
  accepted: number;
  rejected: number;
}

/**
 * The result of a valuation: the options used, lines in input order, record-only counts,
 * totals, SV% and SROI when asked for, row counts and every issue (rejected rows and warnings).
 *
 * @example
 * ```ts
 * const r = valueEntries(framework, entries, { discounting: null });
 * if (r.ok) console.log(roundMoney(r.value.totals.presentValue), r.value.counts);
 * ```
 */
export interface ValuationResult {
  options: ResolvedValuationOptions;
  baseYear: number;
  priceYear: number | null;
  currency: string;
  lines: ValuationLine[];
  recorded: RecordedMeasure[];
  totals: ValuationTotals;
  socialValuePercent?: Decimal;
  sroi?: SroiResult;
  counts: ValuationCounts;
  issues: Issue[];
  /** Sums behind switching values (set by the engine; not written to JSON). */
  sroiBasis?: SroiBasis;
}
