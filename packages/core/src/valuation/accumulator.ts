import type { Framework, Measure } from '../framework/schema';
import type { IssueCode } from '../issues/codes';
import { CommonwealError, fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, isDecimal, ZERO } from '../money/decimal';
import { rebase } from '../money/index-series';
import { cite } from '../trace/provenance';
import type { Trace, TraceInput } from '../trace/trace';
import { discountFactor } from './discounting';
import { ExactSum, fixedText, out, plain, type Scaled, scaledOf, timesText, XONE, XZERO, x } from './exact';
import { makeContext, type ValuationContext } from './options';
import { type Entry, type EntryInput, EntrySchema } from './schema';
import { socialValuePercent, sroiFigures, sroiSummary, withSummary } from './sroi';
import type {
  AccumulatorOptions,
  AdjustmentSource,
  AppliedAdjustment,
  LineAdjustments,
  RecordedMeasure,
  ResolvedValuationOptions,
  SroiBasis,
  Subtotal,
  ValuationLine,
  ValuationLineText,
  ValuationOptions,
  ValuationResult,
  ValuationYear,
} from './types';

type Where = Omit<Issue, 'code' | 'message'>;

/** A proxy ready to multiply: rebased to the valuation's price year. */
interface ReadyProxy {
  central: Decimal;
  /** `central` as handed out on lines. */
  centralOut: Decimal;
  /** The trace note on prices and the proxy's source. */
  sourceNote: string;
  low: Decimal;
  high: Decimal;
  factor: Decimal;
  lowFallback: boolean;
  highFallback: boolean;
}

/**
 * An entry checked against the framework and options (everything but the base year). Internal.
 *
 * @example
 * ```ts
 * const p = prepareEntry(ctx, { measure: 'NT1', quantity: '1', year: 2025 }, 0, new Map());
 * if (p.ok) p.value.countedYears; // 1
 * ```
 */
export interface PreparedEntry {
  index: number;
  line?: number;
  entry: Entry;
  measure: Measure;
  quantity: Decimal;
  adjustments: LineAdjustments;
  countedYears: number;
  proxy?: ReadyProxy;
  warnings: Issue[];
}

/**
 * Either a prepared entry or the issues that reject it. Internal.
 *
 * @example
 * ```ts
 * const p: Prepared = { ok: false, index: 3, issues: [] };
 * ```
 */
export type Prepared = { ok: true; value: PreparedEntry } | { ok: false; index: number; issues: Issue[] };

const FRACTIONS = ['deadweight', 'attribution', 'displacement', 'dropOff'] as const;

function lineOf(raw: unknown): number | undefined {
  const l = (raw as { line?: unknown } | null)?.line;
  return typeof l === 'number' && Number.isInteger(l) && l >= 1 ? l : undefined;
}

function whereOf(index: number, line: number | undefined, field?: string): Where {
  const w: Where = { path: field ? ['entries', index, field] : ['entries', index] };
  if (line !== undefined) w.line = line;
  if (field) w.field = field;
  return w;
}

function isFraction(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isDecimal(v)) return false;
  // read from decimal.js's digits (base-1e7 limbs, d[0] unpadded) and exponent: no Decimal made
  const d = v.d as number[] | null;
  if (!d) return false;
  if (d[0] === 0) return true;
  if (v.s < 0) return false;
  return v.e < 0 || (v.e === 0 && d.length === 1 && d[0] === 1);
}

/** True when a parsed entry passes every check of {@link checkParsed} (the allocation-free common case). */
function parsedOk(e: Entry): boolean {
  return (
    typeof e.measure === 'string' &&
    e.measure.length > 0 &&
    typeof e.year === 'number' &&
    Number.isInteger(e.year) &&
    e.year >= 1900 &&
    e.year <= 2200 &&
    e.quantity.isFinite() &&
    isFraction(e.deadweight) &&
    isFraction(e.attribution) &&
    isFraction(e.displacement) &&
    isFraction(e.dropOff) &&
    (e.duration === undefined || (Number.isInteger(e.duration) && e.duration >= 1 && e.duration <= 200))
  );
}

/** Checks an entry that is already parsed (decimals), without another zod pass. */
function checkParsed(e: Entry, index: number, line: number | undefined): Issue[] | undefined {
  if (parsedOk(e)) return undefined;
  let issues: Issue[] | undefined;
  const bad = (field: string, message: string) => {
    if (issues === undefined) issues = [];
    issues.push(issue('invalid_entry', message, whereOf(index, line, field)));
  };
  if (typeof e.measure !== 'string' || e.measure.length === 0)
    bad('measure', 'measure is empty: give a measure code');
  if (typeof e.year !== 'number' || !Number.isInteger(e.year) || e.year < 1900 || e.year > 2200) {
    bad('year', `year must be a whole year between 1900 and 2200, got ${String(e.year)}`);
  }
  if (!e.quantity.isFinite()) bad('quantity', 'quantity is not a finite number');
  for (const f of FRACTIONS) {
    const v = e[f];
    if (!isFraction(v)) {
      bad(f, `${f} must be a fraction from 0 to 1 (e.g. 0.2 for 20%), got ${String(v)}`);
    }
  }
  if (e.duration !== undefined && (!Number.isInteger(e.duration) || e.duration < 1 || e.duration > 200)) {
    bad('duration', `duration must be a whole number of years from 1 to 200, got ${String(e.duration)}`);
  }
  return issues;
}

function parseEntry(raw: unknown, index: number): { entry: Entry; line?: number } | { issues: Issue[] } {
  const line = lineOf(raw);
  if (raw !== null && typeof raw === 'object' && isDecimal((raw as { quantity?: unknown }).quantity)) {
    const e = raw as Entry;
    const issues = checkParsed(e, index, line);
    if (issues) return { issues };
    return line === undefined ? { entry: e } : { entry: e, line };
  }
  const parsed = EntrySchema.safeParse(raw);
  if (!parsed.success) {
    const where: Where = { path: ['entries', index] };
    if (line !== undefined) where.line = line;
    return {
      issues: fromZodError(parsed.error, where).map((i) => {
        const f = i.path?.[2];
        return typeof f === 'string' ? { ...i, field: f } : i;
      }),
    };
  }
  return line === undefined ? { entry: parsed.data } : { entry: parsed.data, line };
}

function pick(entryValue: Decimal | undefined, measureValue: Decimal | undefined): AppliedAdjustment {
  if (entryValue !== undefined) return { value: entryValue, from: 'entry' };
  if (measureValue !== undefined) return { value: measureValue, from: 'measure' };
  return { value: ZERO, from: 'none' };
}

/** Rebasing of one measure's proxy, worked out once per accumulator. */
type Rebased =
  | { ok: true; proxy: ReadyProxy }
  | { ok: false; issues: { code: IssueCode; message: string }[] };

function rebaseProxy(ctx: ValuationContext, m: Measure): Rebased {
  const p = m.proxy;
  if (!p) throw new CommonwealError('record_only', `measure ${m.code} has no proxy`);
  const to = ctx.options.priceYear as number;
  const series = ctx.options.indexSeries;
  let factor: Decimal = XONE;
  let note = `proxy already in ${to} prices`;
  if (p.priceYear !== to) {
    if (!series) {
      return {
        ok: false,
        issues: [
          {
            code: 'no_index_series',
            message: `measure "${m.code}" has its proxy in ${p.priceYear} prices but the valuation is in ${to} prices: give an index series (e.g. the GDP deflator) to rebase, or choose price year ${p.priceYear}; values of different price years are never added unrebased`,
          },
        ],
      };
    }
    const r = rebase(XONE, p.priceYear, to, series);
    if (!r.ok)
      return {
        ok: false,
        issues: r.issues.map((i) => ({ code: i.code, message: `measure "${m.code}": ${i.message}` })),
      };
    factor = r.value;
    note = `proxy rebased from ${p.priceYear} to ${to} prices with ${series.name} (${series.id}): factor ${plain(factor)}`;
    if (p.indexSeries && p.indexSeries !== series.id) {
      note += `; the proxy names index series "${p.indexSeries}"`;
    }
  }
  const central = x(p.value).times(factor);
  return {
    ok: true,
    proxy: {
      central,
      centralOut: out(central),
      sourceNote: `prices: ${note}; proxy source ${cite(p.source)}`,
      low: p.low ? x(p.low).times(factor) : central,
      high: p.high ? x(p.high).times(factor) : central,
      factor,
      lowFallback: !p.low,
      highFallback: !p.high,
    },
  };
}

/**
 * Checks one entry against the framework and options, independent of the base year: parse,
 * measure, sign, local-only delivery, rebasing. Adjustments come from the entry, else the
 * measure's defaults, else 0 (duration: else 1). Internal.
 *
 * @example
 * ```ts
 * const p = prepareEntry(ctx, { measure: 'NT99', quantity: '1', year: 2025 }, 0, new Map());
 * p.ok; // false: unknown_measure
 * ```
 */
export function prepareEntry(
  ctx: ValuationContext,
  raw: Entry | EntryInput,
  index: number,
  rebased: Map<string, Rebased>,
): Prepared {
  const parsed = parseEntry(raw, index);
  if ('issues' in parsed) return { ok: false, index, issues: parsed.issues };
  const { entry, line } = parsed;
  const m = ctx.measures.get(entry.measure);
  if (!m) {
    return {
      ok: false,
      index,
      issues: [
        issue(
          'unknown_measure',
          `measure "${entry.measure}" is not in the framework "${ctx.framework.id}": check the code against the framework's measures`,
          whereOf(index, line, 'measure'),
        ),
      ],
    };
  }
  const issues: Issue[] = [];
  const quantity = x(entry.quantity);
  if (quantity.isNegative() && !quantity.isZero() && !m.allowNegative) {
    issues.push(
      issue(
        'negative_quantity',
        `quantity ${quantity.toString()} is negative but measure "${m.code}" does not allow negatives: enter what was delivered as a positive number`,
        whereOf(index, line, 'quantity'),
      ),
    );
  }
  if (m.localOnly && entry.local === false) {
    issues.push(
      issue(
        'not_local',
        `measure "${m.code}" counts only delivery inside the buyer's local area, and this entry is marked not local: leave it out or use a measure that is not local-only`,
        whereOf(index, line, 'local'),
      ),
    );
  }
  let proxy: ReadyProxy | undefined;
  if (m.proxy) {
    let r = rebased.get(m.code);
    if (!r) {
      r = rebaseProxy(ctx, m);
      rebased.set(m.code, r);
    }
    if (r.ok) proxy = r.proxy;
    else for (const i of r.issues) issues.push(issue(i.code, i.message, whereOf(index, line, 'measure')));
  }
  if (issues.length) return { ok: false, index, issues };
  const d = m.defaults ?? {};
  const durationFrom: AdjustmentSource =
    entry.duration !== undefined ? 'entry' : d.duration !== undefined ? 'measure' : 'none';
  const duration = entry.duration ?? d.duration ?? 1;
  const warnings: Issue[] = [];
  const firstYearOnly = m.countingRule === 'firstYearOnly';
  if (firstYearOnly && entry.duration !== undefined && entry.duration > 1) {
    warnings.push(
      issue(
        'first_year_only',
        `measure "${m.code}" counts in the first year only, so the duration of ${entry.duration} years is not used`,
        { ...whereOf(index, line, 'duration'), severity: 'warning' },
      ),
    );
  }
  const prepared: PreparedEntry = {
    index,
    entry,
    measure: m,
    quantity,
    adjustments: {
      deadweight: pick(entry.deadweight, d.deadweight),
      displacement: pick(entry.displacement, d.displacement),
      attribution: pick(entry.attribution, d.attribution),
      dropOff: pick(entry.dropOff, d.dropOff),
      duration: { value: duration, from: durationFrom },
    },
    countedYears: firstYearOnly ? 1 : duration,
    warnings,
  };
  if (line !== undefined) prepared.line = line;
  if (proxy) prepared.proxy = proxy;
  return { ok: true, value: prepared };
}

/** A line's figures per unit of quantity, shared by rows of the same proxy, run and adjustments. */
interface LineFactors {
  run: YearRun;
  adjust: Decimal;
  impact: Decimal;
  /** undefined: the figure is the impact (or, for low and high, the present value) */
  net: Decimal | undefined;
  pv: Decimal | undefined;
  low: Decimal | undefined;
  high: Decimal | undefined;
  /** The same factors as scaled integers, made when a line is first printed as text. */
  text?: TextFactors;
}

/** {@link LineFactors} for lines printed as text; `gross` is counted years × proxy. */
interface TextFactors {
  proxy: string;
  gross: Scaled;
  impact: Scaled;
  net: Scaled | undefined;
  pv: Scaled | undefined;
  low: Scaled | undefined;
  high: Scaled | undefined;
}

const scaledOrNone = (d: Decimal | undefined): Scaled | undefined =>
  d === undefined ? undefined : scaledOf(fixedText(d));

/** Drop-off and discounting over a run of years, shared by all entries with the same run. */
interface YearRun {
  /** (1 − drop-off)^k */
  keep: Decimal[];
  /** DF(offset + k + shift) */
  dfs: Decimal[];
  /** Σ keep_k */
  netFactor: Decimal;
  /** Σ keep_k × DF_k */
  pvFactor: Decimal;
}

const RUN_CACHE_LIMIT = 4096;
// per proxy; small, as the factors are held at 1,000-digit working precision and a line file has few profiles
const FACTOR_CACHE_LIMIT = 256;
// factors found by a line's numeric key (measure, year, counted years, adjustment ids): ~1 KB each
const FACTOR_ID_LIMIT = 16_384;
// Totals-only grouping: at most this many groups are held (a few hundred bytes each) before
// they are valued and cleared; ids of decimal texts and of adjustment profiles likewise.
const GROUP_LIMIT = 32_768;
const ID_LIMIT = 8_192;
const PROFILE_LIMIT = 65_536;

/** Running sums of one measure; every other total is derived from these (exactly). */
interface MeasureSums {
  measure: Measure;
  gross: Decimal;
  net: Decimal;
  impact: Decimal;
  presentValue: Decimal;
  low: Decimal;
  high: Decimal;
  /** Present value without the (1 − deadweight) factor (switching values). */
  beforeDeadweight: Decimal;
  beforeDisplacement: Decimal;
  beforeAttribution: Decimal;
  /** Σ impact × DF of the k-th counted year, by k: present value = Σ_k this_k × (1 − drop-off)^k. */
  byCountedYear: Decimal[];
}

/** Rows that differ only in quantity, summed (totals-only mode). */
interface Group {
  measure: Measure;
  adjustments: LineAdjustments;
  year: number;
  countedYears: number;
  proxy: ReadyProxy;
  quantity: ExactSum;
}

const SUM_KEYS = [
  'gross',
  'net',
  'impact',
  'presentValue',
  'low',
  'high',
  'beforeDeadweight',
  'beforeDisplacement',
  'beforeAttribution',
] as const;

const TOTAL_KEYS = ['gross', 'net', 'impact', 'presentValue', 'low', 'high'] as const;

function addSeries(into: Decimal[], from: readonly Decimal[]): void {
  for (let k = 0; k < from.length; k++) {
    const v = from[k] as Decimal;
    into[k] = k < into.length ? (into[k] as Decimal).plus(v) : v;
  }
}

function byKey<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function subtotal(into: Map<string, Subtotal>, key: string, s: MeasureSums): void {
  const t = into.get(key);
  if (!t) into.set(key, { gross: s.gross, net: s.net, presentValue: s.presentValue });
  else {
    t.gross = t.gross.plus(s.gross);
    t.net = t.net.plus(s.net);
    t.presentValue = t.presentValue.plus(s.presentValue);
  }
}

function sortedRecord(map: Map<string, Subtotal>): Record<string, Subtotal> {
  const o: Record<string, Subtotal> = {};
  for (const [k, s] of byKey(map)) {
    o[k] = { gross: out(s.gross), net: out(s.net), presentValue: out(s.presentValue) };
  }
  return o;
}

interface RecordedSums {
  measure: Measure;
  entries: number;
  quantity: Decimal;
  countedUnits: Decimal;
}

/** Makes `key` of a line computed on first read (then a plain property, as if set eagerly). */
function settle<K extends 'values' | 'trace'>(line: ValuationLine, key: K, value: ValuationLine[K]): void {
  Object.defineProperty(line, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * A streamed line whose values by year and trace are getters that, once read, become plain
 * properties (so JSON and `toEqual` see the same line). Written as one literal, in baseLine's key
 * order, so the line keeps a fast shape: redefining properties on a made object turned every
 * line into a dictionary-mode object, slower to read and heavier to collect.
 */
function lazyLine(
  e: PreparedEntry,
  m: Measure,
  quantity: Decimal,
  countedUnits: Decimal,
  values: () => ValuationYear[],
  trace: (line: ValuationLine) => Trace,
): ValuationLine {
  const line: ValuationLine = {
    index: e.index,
    measure: m.code,
    theme: m.theme,
    unit: m.unit,
    quantity,
    countedYears: e.countedYears,
    countedUnits,
    adjustments: e.adjustments,
    gross: ZERO,
    impact: ZERO,
    net: ZERO,
    presentValue: ZERO,
    get values(): ValuationYear[] {
      const v = values();
      settle(this, 'values', v);
      return v;
    },
    set values(v: ValuationYear[]) {
      settle(this, 'values', v);
    },
    recordOnly: false,
    get trace(): Trace {
      const t = trace(this);
      settle(this, 'trace', t);
      return t;
    },
    set trace(t: Trace) {
      settle(this, 'trace', t);
    },
  };
  if (e.line !== undefined) line.line = e.line;
  if (m.outcome !== undefined) line.outcome = m.outcome;
  return line;
}

/**
 * A line's printed figures as text, the same text the accumulator's `onLineText` gives for it:
 * what a writer of held lines and a writer of streamed ones share, so both give the same bytes.
 *
 * @example
 * ```ts
 * lineText(result.lines[0]).gross; // '84.42'
 * ```
 */
export function lineText(l: ValuationLine): ValuationLineText {
  const opt = (d: Decimal | undefined) => (d === undefined ? undefined : fixedText(d));
  return {
    index: l.index,
    line: l.line,
    measure: l.measure,
    theme: l.theme,
    outcome: l.outcome,
    unit: l.unit,
    quantity: fixedText(l.quantity),
    countedYears: l.countedYears,
    proxy: opt(l.proxy),
    gross: fixedText(l.gross),
    impact: fixedText(l.impact),
    net: fixedText(l.net),
    presentValue: fixedText(l.presentValue),
    low: opt(l.low),
    high: opt(l.high),
    recordOnly: l.recordOnly,
  };
}

function describeAdjustment(name: string, a: AppliedAdjustment): string {
  const from =
    a.from === 'entry'
      ? 'from the entry'
      : a.from === 'measure'
        ? "from the measure's default"
        : '(none given)';
  return `${name} ${plain(a.value)} ${from}`;
}

/**
 * The valuation state over rows: exact running totals (and lines when kept). Internal; the
 * public face is {@link ValuationAccumulator}.
 *
 * @example
 * ```ts
 * const state = new ValuationState(ctx, 2025, true);
 * state.take(prepareEntry(ctx, entry, 0, new Map()));
 * state.result().totals.presentValue;
 * ```
 */
export class ValuationState {
  readonly ctx: ValuationContext;
  /**
   * Year 0 of discounting; undefined while deferred (totals only, no base year given): rows are
   * then grouped, and the earliest accepted year becomes the base year when the result is read.
   */
  baseYear: number | undefined;
  readonly keepLines: boolean;
  /** Earliest year of an accepted row (the base year of a deferred state). */
  minYear: number | undefined;
  /** Where lines go when streamed instead of kept. */
  onLine: ((line: ValuationLine) => void) | undefined;
  read = 0;
  accepted = 0;
  rejected = 0;
  sums = new Map<string, MeasureSums>();
  recorded = new Map<string, RecordedSums>();
  lines: ValuationLine[] = [];
  issues: { index: number; issue: Issue }[] = [];
  private runs = new Map<string, YearRun>();
  private notes = new Map<string, string>();
  // lines only: (1 − dw)(1 − disp)(1 − attr) × proxy and its run products, per proxy+run+adjustments
  private factors = new Map<ReadyProxy, Map<string, LineFactors>>();
  private factorsById = new Map<number, LineFactors>();
  /** Ids of decimals by identity: the CSV reader hands out one Decimal per repeated cell text. */
  private objectIds = new Map<Decimal, number>();
  private groups = new Map<number, Group>();
  /** Deferred state: rows that found no group key (id tables full), valued at the end. */
  private held: Group[] = [];
  private decimalIds = new Map<string, number>();
  private profileIds = new Map<number, number>();
  private measureIds = new Map<Measure, number>();
  /** Issues past `maxIssues`, counted by code. */
  private suppressed = new Map<string, number>();
  private readonly maxIssues: number;
  /** Lines streamed without totals (their sums are not made). */
  private readonly linesOnly: boolean;
  /** Where lines go when printed as text (lines only). */
  private readonly onLineText: ((line: ValuationLineText) => void) | undefined;
  /** The one object handed to `onLineText`, refilled per line. */
  private readonly text: ValuationLineText = {
    index: 0,
    line: undefined,
    measure: '',
    theme: '',
    outcome: undefined,
    unit: '',
    quantity: '0',
    countedYears: 0,
    proxy: undefined,
    gross: '0',
    impact: '0',
    net: '0',
    presentValue: '0',
    low: undefined,
    high: undefined,
    recordOnly: false,
  };

  /** Year 0 of the lines printed as text (`baseYear`, or `linesBaseYear` while it is deferred). */
  private readonly lineBase: number | undefined;

  constructor(
    ctx: ValuationContext,
    baseYear: number | undefined,
    keepLines: boolean,
    maxIssues = Number.POSITIVE_INFINITY,
    onLine?: (line: ValuationLine) => void,
    linesOnly = false,
    onLineText?: (line: ValuationLineText) => void,
    linesBaseYear?: number,
  ) {
    if (baseYear === undefined && keepLines)
      throw new CommonwealError(
        'base_year_required',
        'lines need a base year: pass baseYear or keep totals only',
      );
    this.ctx = ctx;
    this.baseYear = baseYear;
    this.minYear = undefined;
    this.keepLines = keepLines;
    this.maxIssues = maxIssues;
    this.onLine = onLine;
    this.onLineText = onLineText;
    this.lineBase = baseYear ?? linesBaseYear;
    if (onLineText && this.lineBase === undefined)
      throw new CommonwealError(
        'base_year_required',
        'lines need a base year: pass baseYear or linesBaseYear',
      );
    this.linesOnly = linesOnly && (onLine !== undefined || onLineText !== undefined);
  }

  private note(index: number, i: Issue): void {
    this.issues.push({ index, issue: i });
    if (this.issues.length >= 2 * this.maxIssues) this.trimIssues();
  }

  /**
   * Keeps the `maxIssues` issues of the earliest rows (the same ones however the input was
   * split and merged) and counts the rest by code.
   */
  private trimIssues(): void {
    if (this.issues.length <= this.maxIssues) return;
    const sorted = this.issues
      .map((x, order) => ({ x, order }))
      .sort((a, b) => a.x.index - b.x.index || a.order - b.order)
      .map((o) => o.x);
    for (const { issue: i } of sorted.slice(this.maxIssues))
      this.suppressed.set(i.code, (this.suppressed.get(i.code) ?? 0) + 1);
    this.issues = sorted.slice(0, this.maxIssues);
  }

  /** Counts a row and adds it (or its issues). */
  take(p: Prepared): void {
    this.read++;
    if (!p.ok) {
      this.reject(p.index, p.issues);
      return;
    }
    const e = p.value;
    if (this.baseYear === undefined) {
      if (this.minYear === undefined || e.entry.year < this.minYear) this.minYear = e.entry.year;
    } else if (e.entry.year < this.baseYear) {
      this.reject(e.index, [
        issue(
          'before_base_year',
          `year ${e.entry.year} is before the base year ${this.baseYear}: correct the year or choose an earlier base year`,
          whereOf(e.index, e.line, 'year'),
        ),
      ]);
      return;
    }
    this.accepted++;
    for (const w of e.warnings) this.note(e.index, w);
    if (e.proxy) this.value(e, e.proxy);
    else this.record(e);
  }

  private reject(index: number, issues: Issue[]): void {
    this.rejected++;
    for (const i of issues) this.note(index, i);
  }

  private run(offset: number, years: number, dropOff: Decimal): YearRun {
    const key = `${offset}|${years}|${dropOff.toString()}`;
    let r = this.runs.get(key);
    if (r) return r;
    const schedule = this.ctx.options.discounting;
    const keepFactor = XONE.minus(dropOff);
    const keep: Decimal[] = [];
    const dfs: Decimal[] = [];
    let k = XONE;
    let netFactor = XZERO;
    let pvFactor = XZERO;
    for (let i = 0; i < years; i++) {
      const df = discountFactor(schedule, offset + i + this.ctx.shift);
      keep.push(k);
      dfs.push(df);
      netFactor = netFactor.plus(k);
      pvFactor = pvFactor.plus(k.times(df));
      k = k.times(keepFactor);
    }
    // identity markers let value() skip multiplying by one
    if (netFactor.eq(XONE)) netFactor = XONE;
    if (pvFactor.eq(XONE)) pvFactor = XONE;
    r = { keep, dfs, netFactor, pvFactor };
    if (this.runs.size >= RUN_CACHE_LIMIT) this.runs.clear();
    this.runs.set(key, r);
    return r;
  }

  /**
   * Totals only: rows that differ only in quantity are grouped and their quantities summed;
   * valuation is linear in quantity and exact, so valuing the sum once gives exactly the sum of
   * valuing each row.
   */
  private group(e: PreparedEntry, proxy: ReadyProxy): void {
    this.addToGroup(e.measure, e.adjustments, e.entry.year, e.countedYears, proxy, e.quantity);
  }

  private addToGroup(
    measure: Measure,
    adjustments: LineAdjustments,
    year: number,
    countedYears: number,
    proxy: ReadyProxy,
    amount: Decimal | ExactSum,
  ): void {
    const key = this.groupKey(measure, adjustments, year, countedYears);
    const g = key === undefined ? undefined : this.groups.get(key);
    if (g) {
      if (amount instanceof ExactSum) g.quantity.add(amount.value());
      else g.quantity.add(amount);
      return;
    }
    const sum = (): ExactSum => {
      if (amount instanceof ExactSum) return amount;
      const q = new ExactSum();
      q.add(amount);
      return q;
    };
    if (this.baseYear === undefined) {
      // deferred: nothing can be valued yet, so groups grow with the distinct rows, not the rows
      const held: Group = { measure, adjustments, year, countedYears, proxy, quantity: sum() };
      if (key === undefined) this.held.push(held);
      else this.groups.set(key, held);
      return;
    }
    if (key === undefined || this.groups.size >= GROUP_LIMIT) {
      this.flush();
      if (key === undefined) {
        const q = amount instanceof ExactSum ? amount.value() : amount;
        this.contribute(measure, adjustments, year, countedYears, proxy, q);
        return;
      }
    }
    // the group keeps what valuing needs, never the entry (its text would keep the file's chunks alive)
    this.groups.set(key, { measure, adjustments, year, countedYears, proxy, quantity: sum() });
  }

  /**
   * A number naming everything but the quantity (measure, year, counted years, the four
   * adjustments by value); undefined when the id tables are full (the row is then valued alone).
   */
  private groupKey(
    measure: Measure,
    a: LineAdjustments,
    entryYear: number,
    countedYears: number,
  ): number | undefined {
    const year = entryYear - 1900;
    if (year < 0 || year >= 512 || countedYears >= 256) return undefined;
    const d1 = this.decimalId(a.deadweight.value);
    const d2 = this.decimalId(a.displacement.value);
    const d3 = this.decimalId(a.attribution.value);
    const d4 = this.decimalId(a.dropOff.value);
    let m = this.measureIds.get(measure);
    if (m === undefined) {
      m = this.measureIds.size;
      this.measureIds.set(measure, m);
    }
    if (d4 === undefined || d3 === undefined || d2 === undefined || d1 === undefined || m >= ID_LIMIT) {
      // a deferred state cannot value its groups yet, so it keeps the ids and holds the row alone
      if (this.baseYear !== undefined) this.resetIds();
      return undefined;
    }
    // ids below 2^13: 4 × 13 bits fit a double exactly
    const profileKey = d1 + d2 * 8192 + d3 * 67_108_864 + d4 * 549_755_813_888;
    let profile = this.profileIds.get(profileKey);
    if (profile === undefined) {
      if (this.profileIds.size >= PROFILE_LIMIT) {
        if (this.baseYear !== undefined) this.resetIds();
        return undefined;
      }
      profile = this.profileIds.size;
      this.profileIds.set(profileKey, profile);
    }
    // 16 + 13 + 9 + 8 bits (years 1900–2200, counted years 1–200)
    return ((profile * 8192 + m) * 512 + year) * 256 + countedYears;
  }

  private decimalId(d: Decimal): number | undefined {
    const known = this.objectIds.get(d);
    if (known !== undefined) return known;
    const text = d.toString();
    let id = this.decimalIds.get(text);
    if (id === undefined) {
      if (this.decimalIds.size >= ID_LIMIT) return undefined;
      id = this.decimalIds.size;
      this.decimalIds.set(text, id);
    }
    if (this.objectIds.size < ID_LIMIT) this.objectIds.set(d, id);
    return id;
  }

  /** Values the held groups, then forgets every id (keys made before would mean other things). */
  private resetIds(): void {
    this.flush();
    this.decimalIds.clear();
    this.objectIds.clear();
    this.profileIds.clear();
    this.measureIds.clear();
    // keys made before would mean other things
    this.factorsById.clear();
  }

  /** Values the grouped rows into the per-measure sums. */
  private flush(): void {
    if (this.baseYear === undefined) return;
    for (const g of this.groups.values())
      this.contribute(g.measure, g.adjustments, g.year, g.countedYears, g.proxy, g.quantity.value());
    this.groups.clear();
    for (const g of this.held)
      this.contribute(g.measure, g.adjustments, g.year, g.countedYears, g.proxy, g.quantity.value());
    this.held = [];
  }

  /** Fixes a deferred state's base year (the earliest accepted year); false when there is none. */
  resolve(): boolean {
    if (this.baseYear !== undefined) return true;
    if (this.minYear === undefined) return false;
    this.baseYear = this.minYear;
    return true;
  }

  private contribute(
    m: Measure,
    a: LineAdjustments,
    year: number,
    countedYears: number,
    proxy: ReadyProxy,
    quantity: Decimal,
  ) {
    const offset = year - (this.baseYear as number);
    // a streamed line needs no run unless its factors are new: one key, looked up once
    if (this.linesOnly) return this.lineFigures(m, a, year, offset, countedYears, proxy, quantity);
    // quantity × (1 − deadweight) × (1 − displacement) × (1 − attribution); exact, so the order of
    // the factors never changes a figure
    let adjusted = quantity;
    for (const f of [a.deadweight.value, a.displacement.value, a.attribution.value]) {
      if (!f.isZero()) adjusted = adjusted.times(XONE.minus(f));
    }
    const run = this.run(offset, countedYears, a.dropOff.value);
    // present value without one adjustment's factor (the same figure when it is 0), for switching values
    const without = (f: Decimal, other1: Decimal, other2: Decimal): Decimal | undefined => {
      if (f.isZero()) return undefined;
      let q = quantity;
      if (!other1.isZero()) q = q.times(XONE.minus(other1));
      if (!other2.isZero()) q = q.times(XONE.minus(other2));
      return q.times(proxy.central).times(run.pvFactor);
    };
    const countedUnits = countedYears === 1 ? quantity : quantity.times(countedYears);
    const gross = countedUnits.times(proxy.central);
    const impact = adjusted.times(proxy.central);
    const net = run.netFactor === XONE ? impact : impact.times(run.netFactor);
    const pv = run.pvFactor === XONE ? impact : impact.times(run.pvFactor);
    const low = proxy.lowFallback ? pv : adjusted.times(proxy.low).times(run.pvFactor);
    const high = proxy.highFallback ? pv : adjusted.times(proxy.high).times(run.pvFactor);
    const dw = a.deadweight.value;
    const disp = a.displacement.value;
    const attr = a.attribution.value;
    const beforeDeadweight = without(dw, disp, attr) ?? pv;
    const beforeDisplacement = without(disp, dw, attr) ?? pv;
    const beforeAttribution = without(attr, dw, disp) ?? pv;
    const byYear = run.dfs.map((df) => impact.times(df));
    const t = this.sums.get(m.code);
    if (!t)
      this.sums.set(m.code, {
        measure: m,
        gross,
        net,
        impact,
        presentValue: pv,
        low,
        high,
        beforeDeadweight,
        beforeDisplacement,
        beforeAttribution,
        byCountedYear: byYear,
      });
    else {
      t.gross = t.gross.plus(gross);
      t.net = t.net.plus(net);
      t.impact = t.impact.plus(impact);
      t.presentValue = t.presentValue.plus(pv);
      t.low = t.low.plus(low);
      t.high = t.high.plus(high);
      t.beforeDeadweight = t.beforeDeadweight.plus(beforeDeadweight);
      t.beforeDisplacement = t.beforeDisplacement.plus(beforeDisplacement);
      t.beforeAttribution = t.beforeAttribution.plus(beforeAttribution);
      addSeries(t.byCountedYear, byYear);
    }
    return { run, offset, countedUnits, gross, impact, net, pv, low, high };
  }

  /**
   * A line's figures from factors shared by every row of its measure, run and adjustments: one
   * multiplication per figure. Exact, so each figure equals the factor-by-factor product.
   */
  private lineFigures(
    m: Measure,
    a: LineAdjustments,
    year: number,
    offset: number,
    countedYears: number,
    proxy: ReadyProxy,
    quantity: Decimal,
  ) {
    const f = this.lineFactors(m, a, year, offset, countedYears, proxy);
    const countedUnits = countedYears === 1 ? quantity : quantity.times(countedYears);
    const gross = countedUnits.times(proxy.central);
    const impact = quantity.times(f.impact);
    const net = f.net === undefined ? impact : quantity.times(f.net);
    const pv = f.pv === undefined ? impact : quantity.times(f.pv);
    const low = f.low === undefined ? pv : quantity.times(f.low);
    const high = f.high === undefined ? pv : quantity.times(f.high);
    return { run: f.run, offset, countedUnits, gross, impact, net, pv, low, high };
  }

  /**
   * The factors of a line's measure, run and adjustments, made once and shared: found by the
   * numeric key totals group by (no text made), or by a text key past its id tables.
   */
  private lineFactors(
    m: Measure,
    a: LineAdjustments,
    year: number,
    offset: number,
    countedYears: number,
    proxy: ReadyProxy,
  ): LineFactors {
    const id = this.groupKey(m, a, year, countedYears);
    if (id !== undefined) {
      let f = this.factorsById.get(id);
      if (!f) {
        f = this.makeFactors(a, offset, countedYears, proxy);
        if (this.factorsById.size >= FACTOR_ID_LIMIT) this.factorsById.clear();
        this.factorsById.set(id, f);
      }
      return f;
    }
    const key = `${offset}|${countedYears}|${a.dropOff.value.toString()}|${a.deadweight.value.toString()}|${a.displacement.value.toString()}|${a.attribution.value.toString()}`;
    let byProxy = this.factors.get(proxy);
    if (!byProxy) {
      byProxy = new Map();
      this.factors.set(proxy, byProxy);
    }
    let f = byProxy.get(key);
    if (!f) {
      f = this.makeFactors(a, offset, countedYears, proxy);
      if (byProxy.size >= FACTOR_CACHE_LIMIT) byProxy.clear();
      byProxy.set(key, f);
    }
    return f;
  }

  private makeFactors(
    a: LineAdjustments,
    offset: number,
    countedYears: number,
    proxy: ReadyProxy,
  ): LineFactors {
    const run = this.run(offset, countedYears, a.dropOff.value);
    let adjust = XONE;
    for (const v of [a.deadweight.value, a.displacement.value, a.attribution.value])
      if (!v.isZero()) adjust = adjust.times(XONE.minus(v));
    const impact = adjust.times(proxy.central);
    return {
      run,
      adjust,
      impact,
      net: run.netFactor === XONE ? undefined : impact.times(run.netFactor),
      pv: run.pvFactor === XONE ? undefined : impact.times(run.pvFactor),
      low: proxy.lowFallback ? undefined : adjust.times(proxy.low).times(run.pvFactor),
      high: proxy.highFallback ? undefined : adjust.times(proxy.high).times(run.pvFactor),
    };
  }

  /**
   * A line printed as text: each figure one exact BigInt product of the quantity and a shared
   * factor, the same values (and so the same text) as the Decimal line's.
   */
  private printLine(e: PreparedEntry, proxy: ReadyProxy): void {
    const f = this.lineFactors(
      e.measure,
      e.adjustments,
      e.entry.year,
      e.entry.year - (this.lineBase as number),
      e.countedYears,
      proxy,
    );
    let t = f.text;
    if (!t) {
      t = {
        proxy: fixedText(proxy.centralOut),
        gross: scaledOf(fixedText(proxy.central.times(e.countedYears))),
        impact: scaledOf(fixedText(f.impact)),
        net: scaledOrNone(f.net),
        pv: scaledOrNone(f.pv),
        low: scaledOrNone(f.low),
        high: scaledOrNone(f.high),
      };
      f.text = t;
    }
    const text = this.textOf(e);
    const q = scaledOf(text.quantity);
    const impact = timesText(q, t.impact);
    const pv = t.pv ? timesText(q, t.pv) : impact;
    text.proxy = t.proxy;
    text.gross = timesText(q, t.gross);
    text.impact = impact;
    text.net = t.net ? timesText(q, t.net) : impact;
    text.presentValue = pv;
    text.low = t.low ? timesText(q, t.low) : pv;
    text.high = t.high ? timesText(q, t.high) : pv;
    text.recordOnly = false;
    (this.onLineText as (line: ValuationLineText) => void)(text);
  }

  /** The reused text line, filled with an entry's own cells. */
  private textOf(e: PreparedEntry): ValuationLineText {
    const m = e.measure;
    const t = this.text;
    t.index = e.index;
    t.line = e.line;
    t.measure = m.code;
    t.theme = m.theme;
    t.outcome = m.outcome;
    t.unit = m.unit;
    t.quantity = fixedText(e.quantity);
    t.countedYears = e.countedYears;
    return t;
  }

  private value(e: PreparedEntry, proxy: ReadyProxy): void {
    if (this.onLineText) {
      if (e.entry.year >= (this.lineBase as number)) this.printLine(e, proxy);
      if (!this.linesOnly) this.group(e, proxy);
      return;
    }
    if (!this.keepLines) {
      this.group(e, proxy);
      return;
    }
    const { run, offset, countedUnits, gross, impact, net, pv, low, high } = this.contribute(
      e.measure,
      e.adjustments,
      e.entry.year,
      e.countedYears,
      proxy,
      e.quantity,
    );
    // Decimal instances are shared where figures are equal: lines are many, so memory counts
    const impactOut = out(impact);
    const year = e.entry.year;
    const yearValues = (): ValuationYear[] =>
      run.keep.map((k, i) => {
        const df = run.dfs[i] as Decimal;
        const exact = k === XONE ? impact : impact.times(k);
        const value = k === XONE ? impactOut : out(exact);
        return {
          year: year + i,
          offset: offset + i,
          value,
          discountFactor: df,
          presentValue: df.eq(1) ? value : out(exact.times(df)),
        };
      });
    // a streamed line builds its values by year and its trace only when they are read (a CSV
    // of lines reads neither; they were most of the time and garbage per line)
    const line = this.onLine
      ? this.baseLine(e, countedUnits, yearValues, (l) => this.trace(e, proxy, l.values, pv))
      : this.baseLine(e, countedUnits);
    const pvOut = pv === impact ? impactOut : out(pv);
    line.proxy = proxy.centralOut;
    line.gross = gross === impact ? impactOut : out(gross);
    line.impact = impactOut;
    line.net = net === impact ? impactOut : out(net);
    line.presentValue = pvOut;
    line.low = low === pv ? pvOut : out(low);
    line.high = high === pv ? pvOut : out(high);
    if (this.onLine) {
      this.onLine(line);
      return;
    }
    line.values = yearValues();
    line.trace = this.trace(e, proxy, line.values, pv);
    this.lines.push(line);
  }

  private record(e: PreparedEntry): void {
    const countedUnits = e.quantity.times(e.countedYears);
    const r = this.recorded.get(e.measure.code);
    if (!r)
      this.recorded.set(e.measure.code, {
        measure: e.measure,
        entries: 1,
        quantity: e.quantity,
        countedUnits,
      });
    else {
      r.entries++;
      r.quantity = r.quantity.plus(e.quantity);
      r.countedUnits = r.countedUnits.plus(countedUnits);
    }
    if (this.onLineText) {
      if (e.entry.year < (this.lineBase as number)) return;
      const t = this.textOf(e);
      t.proxy = undefined;
      t.gross = '0';
      t.impact = '0';
      t.net = '0';
      t.presentValue = '0';
      t.low = undefined;
      t.high = undefined;
      t.recordOnly = true;
      this.onLineText(t);
      return;
    }
    if (!this.keepLines) return;
    const line = this.baseLine(e, countedUnits);
    line.recordOnly = true;
    line.trace = {
      formula: 'record only: the quantity is recorded, not valued (the measure has no proxy)',
      inputs: { quantity: { value: plain(e.quantity) }, unit: { value: e.measure.unit } },
      result: plain(e.quantity),
      notes: [`measure "${e.measure.code}" is record-only: it never enters money totals`],
    };
    if (this.onLine) this.onLine(line);
    else this.lines.push(line);
  }

  private baseLine(
    e: PreparedEntry,
    countedUnits: Decimal,
    values?: () => ValuationYear[],
    trace?: (line: ValuationLine) => Trace,
  ): ValuationLine {
    const m = e.measure;
    const quantity = out(e.quantity);
    if (values && trace)
      return lazyLine(
        e,
        m,
        quantity,
        countedUnits === e.quantity ? quantity : out(countedUnits),
        values,
        trace,
      );
    const line: ValuationLine = {
      index: e.index,
      measure: m.code,
      theme: m.theme,
      unit: m.unit,
      quantity,
      countedYears: e.countedYears,
      countedUnits: countedUnits === e.quantity ? quantity : out(countedUnits),
      adjustments: e.adjustments,
      gross: ZERO,
      impact: ZERO,
      net: ZERO,
      presentValue: ZERO,
      values: [],
      recordOnly: false,
      trace: { formula: '', inputs: {}, result: '0' },
    };
    if (e.line !== undefined) line.line = e.line;
    if (m.outcome !== undefined) line.outcome = m.outcome;
    return line;
  }

  /** A template string, shared when the same text was made before (lines repeat their notes). */
  private intern(parts: TemplateStringsArray, ...values: unknown[]): string {
    const text = String.raw({ raw: parts }, ...values);
    const known = this.notes.get(text);
    if (known !== undefined) return known;
    if (this.notes.size >= RUN_CACHE_LIMIT) this.notes.clear();
    this.notes.set(text, text);
    return text;
  }

  private trace(e: PreparedEntry, proxy: ReadyProxy, values: ValuationYear[], pv: Decimal): Trace {
    const m = e.measure;
    const p = m.proxy as NonNullable<Measure['proxy']>;
    const o = this.ctx.options;
    const a = e.adjustments;
    const inputs: Record<string, TraceInput> = {
      quantity: { value: plain(e.quantity) },
      proxy: { value: plain(p.value), source: p.source },
      'proxy price year': { value: String(p.priceYear) },
      'rebasing factor':
        o.indexSeries && proxy.factor !== XONE
          ? { value: plain(proxy.factor), source: o.indexSeries.source }
          : { value: plain(proxy.factor) },
      [`proxy in ${o.priceYear} prices`]: { value: plain(proxy.central) },
      deadweight: { value: plain(a.deadweight.value) },
      displacement: { value: plain(a.displacement.value) },
      attribution: { value: plain(a.attribution.value) },
      'drop-off': { value: plain(a.dropOff.value) },
      'counted years': { value: String(e.countedYears) },
      'impact (one year)': { value: plain(values[0]?.value ?? ZERO) },
    };
    if (p.low) inputs['proxy low'] = { value: plain(p.low), source: p.source };
    if (p.high) inputs['proxy high'] = { value: plain(p.high), source: p.source };
    const schedule = o.discounting;
    for (const v of values) {
      inputs[`value ${v.year}`] = { value: plain(v.value) };
      const t = v.offset + this.ctx.shift;
      inputs[`discount factor ${v.year} (t=${t})`] = schedule?.source
        ? { value: plain(v.discountFactor), source: schedule.source }
        : { value: plain(v.discountFactor) };
    }
    const notes = [
      this
        .intern`adjustments: ${describeAdjustment('deadweight', a.deadweight)}; ${describeAdjustment('displacement', a.displacement)}; ${describeAdjustment('attribution', a.attribution)}; ${describeAdjustment('drop-off', a.dropOff)}`,
      m.countingRule === 'firstYearOnly'
        ? this.intern`counting rule firstYearOnly: counted in the first year only (${e.countedYears} year)`
        : this
            .intern`counting rule perYear: counted in each of ${e.countedYears} year(s) (duration ${a.duration.value} ${a.duration.from === 'entry' ? 'from the entry' : a.duration.from === 'measure' ? "from the measure's default" : '(none given: 1)'})`,
      proxy.sourceNote,
      schedule === null
        ? 'discounting: none, so present value equals net value'
        : this.ctx.shift === 1
          ? this
              .intern`discounting: ${schedule.name}, SROI Value Map convention: the first year is discounted once (t = years from base year ${this.baseYear} + 1)`
          : this
              .intern`discounting: ${schedule.name}, Green Book convention: base year ${this.baseYear} is year 0, undiscounted`,
      'gross = quantity × proxy × counted years (unadjusted, undiscounted); net = Σ value by year (after adjustments and drop-off, undiscounted)',
    ];
    if (proxy.lowFallback)
      notes.push('the proxy has no low value: the low present value uses the central proxy');
    if (proxy.highFallback)
      notes.push('the proxy has no high value: the high present value uses the central proxy');
    return {
      formula:
        'present value = Σ over counted years k of quantity × proxy × rebasing factor × (1 − deadweight) × (1 − displacement) × (1 − attribution) × (1 − drop-off)^k × discount factor',
      inputs,
      result: plain(pv),
      notes,
    };
  }

  /** Adds another state's rows (same framework and options). */
  merge(other: ValuationState): void {
    this.flush();
    other.flush();
    if (other.minYear !== undefined && (this.minYear === undefined || other.minYear < this.minYear))
      this.minYear = other.minYear;
    // deferred states (same options: both deferred) hand over their groups unvalued
    for (const g of other.groups.values())
      this.addToGroup(g.measure, g.adjustments, g.year, g.countedYears, g.proxy, g.quantity);
    for (const g of other.held)
      this.addToGroup(g.measure, g.adjustments, g.year, g.countedYears, g.proxy, g.quantity);
    other.groups.clear();
    other.held = [];
    this.read += other.read;
    this.accepted += other.accepted;
    this.rejected += other.rejected;
    for (const [k, o] of other.sums) {
      const t = this.sums.get(k);
      if (!t) this.sums.set(k, { ...o, byCountedYear: [...o.byCountedYear] });
      else {
        for (const key of SUM_KEYS) t[key] = t[key].plus(o[key]);
        addSeries(t.byCountedYear, o.byCountedYear);
      }
    }
    for (const [k, r] of other.recorded) {
      const t = this.recorded.get(k);
      if (!t) this.recorded.set(k, { ...r });
      else {
        t.entries += r.entries;
        t.quantity = t.quantity.plus(r.quantity);
        t.countedUnits = t.countedUnits.plus(r.countedUnits);
      }
    }
    // loops, not spreads: a spread of a million lines overflows the call stack
    for (const l of other.lines) this.lines.push(l);
    for (const i of other.issues) this.issues.push(i);
    for (const [code, n] of other.suppressed) this.suppressed.set(code, (this.suppressed.get(code) ?? 0) + n);
    this.trimIssues();
  }

  /** The result so far. */
  result(extra: Issue[] = []): ValuationResult {
    if (!this.resolve())
      throw new CommonwealError('no_base_year', 'no accepted entry, so no base year: check resolve() first');
    this.flush();
    this.trimIssues();
    const o = this.ctx.options;
    const options: ResolvedValuationOptions = {
      baseYear: this.baseYear as number,
      priceYear: o.priceYear,
      currency: o.currency,
      discounting: o.discounting,
      firstPeriodDiscounted: o.firstPeriodDiscounted,
    };
    if (o.indexSeries) options.indexSeries = o.indexSeries;
    if (o.contractValue) options.contractValue = o.contractValue;
    if (o.investment) options.investment = o.investment;
    const byIndex = <T extends { index: number }>(list: T[]): T[] => {
      for (let i = 1; i < list.length; i++) {
        if ((list[i - 1] as T).index > (list[i] as T).index)
          return [...list].sort((a, b) => a.index - b.index);
      }
      return [...list];
    };
    const recorded: RecordedMeasure[] = [...this.recorded.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((k) => {
        const r = this.recorded.get(k) as RecordedSums;
        const rec: RecordedMeasure = {
          measure: r.measure.code,
          theme: r.measure.theme,
          unit: r.measure.unit,
          entries: r.entries,
          quantity: out(r.quantity),
          countedUnits: out(r.countedUnits),
        };
        if (r.measure.outcome !== undefined) rec.outcome = r.measure.outcome;
        return rec;
      });
    const sums = byKey(this.sums);
    const total = { gross: XZERO, net: XZERO, impact: XZERO, presentValue: XZERO, low: XZERO, high: XZERO };
    const byTheme = new Map<string, Subtotal>();
    const byOutcome = new Map<string, Subtotal>();
    const byMeasure = new Map<string, Subtotal>();
    for (const [code, s] of sums) {
      for (const key of TOTAL_KEYS) total[key] = total[key].plus(s[key]);
      subtotal(byTheme, s.measure.theme, s);
      if (s.measure.outcome !== undefined) subtotal(byOutcome, s.measure.outcome, s);
      subtotal(byMeasure, code, s);
    }
    const presentValue = out(total.presentValue);
    const sroiBasis: SroiBasis = { byMeasure: {} };
    for (const [code, s] of sums) {
      sroiBasis.byMeasure[code] = {
        presentValue: out(s.presentValue),
        beforeDeadweight: out(s.beforeDeadweight),
        beforeDisplacement: out(s.beforeDisplacement),
        beforeAttribution: out(s.beforeAttribution),
        byCountedYear: s.byCountedYear.map(out),
      };
    }
    const issues = [...extra, ...byIndex(this.issues).map((i) => i.issue)];
    if (this.suppressed.size) {
      const counts = [...this.suppressed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const n = counts.reduce((t, [, k]) => t + k, 0);
      issues.push(
        issue(
          'issues_truncated',
          `${n} more issues were not listed (${counts.map(([c, k]) => `${c}: ${k}`).join(', ')}): fix the ones above and run again, or raise maxIssues`,
          { severity: 'warning' },
        ),
      );
    }
    const result: ValuationResult = {
      options,
      baseYear: this.baseYear as number,
      priceYear: o.priceYear,
      currency: o.currency,
      lines: byIndex(this.lines),
      recorded,
      totals: {
        gross: out(total.gross),
        net: out(total.net),
        impact: out(total.impact),
        presentValue,
        low: out(total.low),
        high: out(total.high),
        byTheme: sortedRecord(byTheme),
        byOutcome: sortedRecord(byOutcome),
        byMeasure: sortedRecord(byMeasure),
      },
      counts: { read: this.read, accepted: this.accepted, rejected: this.rejected },
      issues,
      sroiBasis,
    };
    if (o.contractValue) result.socialValuePercent = socialValuePercent(presentValue, o.contractValue);
    if (o.investment) {
      const s = sroiFigures(presentValue, o.investment, total.impact);
      if (s.sroi) {
        const summary = sroiSummary(result, o.investment);
        result.sroi = summary.ok ? withSummary(s.sroi, summary.value) : s.sroi;
      }
      for (const i of s.issues) issues.push(i);
    }
    return result;
  }
}

/**
 * A mergeable valuation accumulator (design rule 7): add rows one by one, merge accumulators
 * that read different parts of the same input, and read the result. Totals are exact, so
 * splitting an input and merging gives exactly the one-pass result.
 *
 * @example
 * ```ts
 * const a = createValuationAccumulator(fw, { baseYear: 2025, discounting: null });
 * const b = createValuationAccumulator(fw, { baseYear: 2025, discounting: null, startIndex: 2 });
 * a.add(e0); a.add(e1); b.add(e2);
 * const r = a.merge(b).result();
 * ```
 */
export interface ValuationAccumulator {
  /** Reads one row; `index` (default: this accumulator's next position) locates its issues. */
  add(entry: Entry | EntryInput, index?: number): void;
  /** Adds the rows another accumulator read (same framework and options); returns this. */
  merge(other: ValuationAccumulator): ValuationAccumulator;
  /** The valuation of the rows read so far; fails only when the options are invalid. */
  result(): Result<ValuationResult>;
}

const states = new WeakMap<
  ValuationAccumulator,
  { state?: ValuationState; fatal: Issue[]; options: AccumulatorOptions }
>();

/**
 * The rows' issues and a `no_entries` issue: nothing was accepted, so there is no base year. Internal.
 *
 * @example
 * ```ts
 * noEntries([], 0)[0].code; // 'no_entries'
 * ```
 */
export function noEntries(issues: Issue[], read: number): Issue[] {
  issues.push(
    issue(
      'no_entries',
      read
        ? `none of the ${read} entries could be valued, so there is no base year: correct the entries above or pass baseYear`
        : 'there are no entries to value',
      { path: ['entries'] },
    ),
  );
  return issues;
}

function sameOptions(a: AccumulatorOptions, b: AccumulatorOptions): boolean {
  const d = (v: unknown) => (v === undefined ? '' : String(v));
  return (
    a.baseYear === b.baseYear &&
    a.priceYear === b.priceYear &&
    (a.firstPeriodDiscounted === true) === (b.firstPeriodDiscounted === true) &&
    (a.discounting === b.discounting ||
      (a.discounting?.id !== undefined && a.discounting?.id === b.discounting?.id)) &&
    a.indexSeries?.id === b.indexSeries?.id &&
    d(a.contractValue) === d(b.contractValue) &&
    d(a.investment) === d(b.investment) &&
    a.currency === b.currency &&
    (a.keepLines !== false) === (b.keepLines !== false) &&
    a.maxIssues === b.maxIssues &&
    (a.onLine === undefined) === (b.onLine === undefined) &&
    (a.onLineText === undefined) === (b.onLineText === undefined) &&
    (a.linesOnly === true) === (b.linesOnly === true) &&
    a.linesBaseYear === b.linesBaseYear
  );
}

/**
 * Creates a {@link ValuationAccumulator}. With `keepLines: false` only totals are kept, so memory
 * stays flat however many rows are read (issues of rejected rows are still kept: none is
 * dropped); the base year may then be left out: rows are grouped (they differ only in quantity)
 * and the earliest accepted year becomes the base year when the result is read, exactly as
 * {@link valueEntries} chooses it. Lines (`keepLines`, or `onLine` to stream them) need the base year.
 *
 * @example
 * ```ts
 * const acc = createValuationAccumulator(framework, { baseYear: 2025, discounting: schedule, keepLines: false });
 * for await (const entry of rows) acc.add(entry);
 * const r = acc.result();
 * ```
 */
export function createValuationAccumulator(
  framework: Framework,
  options: AccumulatorOptions,
): ValuationAccumulator {
  const ctx = makeContext(framework, options as ValuationOptions);
  const fatal: Issue[] = ctx.ok ? [] : [...ctx.issues];
  // lines printed as text keep nothing: they need a base year for themselves only
  const keepLines = options.keepLines !== false && options.onLineText === undefined;
  if (ctx.ok && options.onLineText && options.baseYear === undefined && options.linesBaseYear === undefined) {
    fatal.push(
      issue('base_year_required', 'lines printed as text need a base year: pass baseYear or linesBaseYear', {
        path: ['options', 'baseYear'],
        field: 'baseYear',
      }),
    );
  }
  if (ctx.ok && options.baseYear === undefined && keepLines) {
    fatal.push(
      issue(
        'base_year_required',
        'a streaming valuation that keeps lines needs a base year: pass baseYear (--base-year), or keepLines: false (the earliest year is then the base year)',
        { path: ['options', 'baseYear'], field: 'baseYear' },
      ),
    );
  }
  const state =
    ctx.ok && !fatal.length
      ? new ValuationState(
          ctx.value,
          options.baseYear,
          keepLines,
          options.maxIssues,
          options.onLine,
          options.linesOnly === true,
          options.onLineText,
          options.linesBaseYear,
        )
      : undefined;
  const rebased = new Map<string, Rebased>();
  let next = options.startIndex ?? 0;
  const acc: ValuationAccumulator = {
    add(entry, index) {
      const i = index ?? next;
      next = i + 1;
      if (state && ctx.ok) state.take(prepareEntry(ctx.value, entry, i, rebased));
    },
    merge(other) {
      const theirs = states.get(other);
      if (!theirs)
        throw new CommonwealError(
          'not_an_accumulator',
          'merge takes an accumulator made by createValuationAccumulator',
        );
      if (other === acc)
        throw new CommonwealError('merge_self', 'an accumulator cannot be merged into itself');
      const theirFramework = theirs.state?.ctx.framework;
      if (
        !sameOptions(options, theirs.options) ||
        (theirFramework &&
          state &&
          theirFramework !== state.ctx.framework &&
          theirFramework.id !== state.ctx.framework.id)
      ) {
        throw new CommonwealError(
          'accumulator_mismatch',
          'only accumulators over the same framework with the same options can be merged',
        );
      }
      if (state && theirs.state) state.merge(theirs.state);
      return acc;
    },
    result() {
      if (!state) return fail(fatal);
      if (!state.resolve())
        return fail(
          noEntries(
            state.issues.map((i) => i.issue),
            state.read,
          ),
        );
      return ok(state.result());
    },
  };
  states.set(acc, { ...(state ? { state } : {}), fatal, options });
  return acc;
}
