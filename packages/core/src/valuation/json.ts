import { z } from 'zod';
import type { Issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import { DecimalStringSchema } from '../money/schema';
import { ProvenanceSchema } from '../trace/provenance';
import { createSourceIndex, type SourceIndex } from '../trace/sources';
import type { Trace, TraceInput } from '../trace/trace';
import { plain } from './exact';
import type { AppliedAdjustment, Subtotal, ValuationLine, ValuationResult } from './types';

/**
 * The `format` tag of {@link ValuationJson}; changes only with a breaking change.
 *
 * @example
 * ```ts
 * if (json.format !== VALUATION_JSON_FORMAT) throw new Error('unknown valuation format');
 * ```
 */
export const VALUATION_JSON_FORMAT = 'commonweal.valuation.v2' as const;

const SourceRef = z
  .string()
  .regex(/^src-[0-9a-f]{12}$/, 'a source id such as "src-0123456789ab"')
  .meta({ description: "The id of a source in the document's `sources`" });

const DecimalString = DecimalStringSchema;

const Year = z.number().int();

/**
 * A trace in JSON: formula in words, inputs (value, provenance, nested trace) and result.
 *
 * @example
 * ```ts
 * TraceJsonSchema.parse({ formula: 'a × b', inputs: { a: { value: '2' } }, result: '6' });
 * ```
 */
export const TraceJsonSchema = z.strictObject({
  formula: z.string(),
  get inputs() {
    return z.record(z.string(), TraceInputJsonSchema);
  },
  result: z.string(),
  notes: z.array(z.string()).optional(),
});

const TraceInputJsonSchema = z.strictObject({
  value: z.string(),
  source: ProvenanceSchema.optional(),
  get trace(): z.ZodOptional<typeof TraceJsonSchema> {
    return TraceJsonSchema.optional();
  },
});

/**
 * A valuation line's trace in JSON: as {@link TraceJsonSchema}, but each input's source is the
 * id of a source written once in the document's `sources`.
 *
 * @example
 * ```ts
 * LineTraceJsonSchema.parse({ formula: 'q × p', inputs: { p: { value: '2', source: 'src-0123456789ab' } }, result: '6' });
 * ```
 */
export const LineTraceJsonSchema = z.strictObject({
  formula: z.string(),
  get inputs() {
    return z.record(z.string(), LineTraceInputJsonSchema);
  },
  result: z.string(),
  notes: z.array(z.string()).optional(),
});

const LineTraceInputJsonSchema = z.strictObject({
  value: z.string(),
  source: SourceRef.optional(),
  get trace(): z.ZodOptional<typeof LineTraceJsonSchema> {
    return LineTraceJsonSchema.optional();
  },
});

const AdjustmentJson = z.strictObject({ value: DecimalString, from: z.enum(['entry', 'measure', 'none']) });

const SubtotalJson = z.strictObject({
  gross: DecimalString,
  net: DecimalString,
  presentValue: DecimalString,
});

const LineJson = z.strictObject({
  line: z.number().int().min(1).optional(),
  index: z.number().int().min(0),
  measure: z.string(),
  theme: z.string(),
  outcome: z.string().optional(),
  unit: z.string(),
  recordOnly: z.boolean(),
  quantity: DecimalString,
  countedYears: z.number().int().min(1),
  countedUnits: DecimalString,
  proxy: DecimalString.optional(),
  adjustments: z.strictObject({
    deadweight: AdjustmentJson,
    displacement: AdjustmentJson,
    attribution: AdjustmentJson,
    dropOff: AdjustmentJson,
    duration: z.strictObject({ value: z.number().int().min(1), from: z.enum(['entry', 'measure', 'none']) }),
  }),
  gross: DecimalString,
  impact: DecimalString,
  net: DecimalString,
  presentValue: DecimalString,
  low: DecimalString.optional(),
  high: DecimalString.optional(),
  values: z.array(
    z.strictObject({
      year: Year,
      offset: z.number().int().min(0),
      value: DecimalString,
      discountFactor: DecimalString,
      presentValue: DecimalString,
    }),
  ),
  trace: LineTraceJsonSchema,
});

const IssueJson = z.strictObject({
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  file: z.string().optional(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']).optional(),
});

const SwitchingValueJson = z.strictObject({
  adjustment: z.enum(['deadweight', 'displacement', 'attribution', 'dropOff', 'proxy']),
  scope: z.string().meta({ description: '"all" (every valued measure) or a measure code' }),
  status: z.enum(['switches', 'stays-above', 'stays-below', 'no-effect']),
  current: DecimalString.nullable(),
  switching: DecimalString.nullable(),
  margin: DecimalString.nullable(),
  trace: LineTraceJsonSchema,
});

/**
 * The stable JSON contract of a valuation (`commonweal value --format json`): inputs' SHA-256,
 * options used, lines in input order with their traces, record-only counts, totals (with sorted
 * `by…` keys), SV%, SROI, row counts and issues. Money and ratios are decimal strings at full
 * precision; absent values are left out, never `null`/`undefined` (except `priceYear` and
 * `discounting`, which are `null` when there is none). Publish it with `z.toJSONSchema`.
 *
 * @example
 * ```ts
 * const json = toValuationJson(result, { sha256 });
 * ValuationJsonSchema.parse(json); // passes
 * const schema = z.toJSONSchema(ValuationJsonSchema);
 * ```
 */
export const ValuationJsonSchema = z.strictObject({
  format: z.literal(VALUATION_JSON_FORMAT),
  inputs: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256') }),
  options: z.strictObject({
    baseYear: Year,
    priceYear: Year.nullable(),
    currency: z.string(),
    firstPeriodDiscounted: z.boolean(),
    discounting: z
      .strictObject({
        id: z.string(),
        name: z.string(),
        bands: z.array(z.strictObject({ fromYear: z.number().int(), rate: DecimalString })),
        source: SourceRef.optional(),
      })
      .nullable(),
    indexSeries: z
      .strictObject({ id: z.string(), name: z.string(), baseYear: Year, source: SourceRef.optional() })
      .optional(),
    contractValue: DecimalString.optional(),
    investment: DecimalString.optional(),
  }),
  lines: z.array(LineJson).optional(),
  recorded: z.array(
    z.strictObject({
      measure: z.string(),
      theme: z.string(),
      outcome: z.string().optional(),
      unit: z.string(),
      entries: z.number().int().min(1),
      quantity: DecimalString,
      countedUnits: DecimalString,
    }),
  ),
  totals: z.strictObject({
    gross: DecimalString,
    net: DecimalString,
    impact: DecimalString,
    presentValue: DecimalString,
    low: DecimalString,
    high: DecimalString,
    byTheme: z.record(z.string(), SubtotalJson),
    byOutcome: z.record(z.string(), SubtotalJson),
    byMeasure: z.record(z.string(), SubtotalJson),
  }),
  socialValuePercent: DecimalString.optional(),
  sources: z.record(SourceRef, ProvenanceSchema),
  sroi: z
    .strictObject({
      investment: DecimalString,
      ratio: DecimalString,
      netRatio: DecimalString,
      paybackMonths: DecimalString.optional(),
      npv: DecimalString.optional(),
      ratioLow: DecimalString.optional(),
      ratioHigh: DecimalString.optional(),
      switchingValues: z.array(SwitchingValueJson).optional(),
      traces: z
        .strictObject({
          npv: LineTraceJsonSchema,
          ratioLow: LineTraceJsonSchema,
          ratio: LineTraceJsonSchema,
          ratioHigh: LineTraceJsonSchema,
        })
        .optional(),
    })
    .optional(),
  counts: z.strictObject({
    read: z.number().int().min(0),
    accepted: z.number().int().min(0),
    rejected: z.number().int().min(0),
  }),
  get files() {
    return z.array(ValuationFileJsonSchema).optional().meta({
      description: 'With more than one entries file: each file, in the order read',
    });
  },
  issues: z.array(IssueJson),
});

/**
 * One entries file of a valuation over several (`files` of {@link ValuationJsonSchema}): its
 * rows (read = accepted + rejected), the indexes of its rows (`start` ≤ `lines[].index` and
 * issue paths' index < `end`) and its figures at the valuation's base year and price year.
 *
 * @example
 * ```ts
 * ValuationFileJsonSchema.parse({ file: 'q1.csv', counts: { read: 2, accepted: 2, rejected: 0 },
 *   entries: { start: 0, end: 2 }, totals: { gross: '10', net: '8', impact: '8', presentValue: '7.5', low: '7.5', high: '7.5' } });
 * ```
 */
export const ValuationFileJsonSchema = z.strictObject({
  file: z.string(),
  counts: z.strictObject({
    read: z.number().int().min(0),
    accepted: z.number().int().min(0),
    rejected: z.number().int().min(0),
  }),
  entries: z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) }),
  totals: z.strictObject({
    gross: DecimalString,
    net: DecimalString,
    impact: DecimalString,
    presentValue: DecimalString,
    low: DecimalString,
    high: DecimalString,
  }),
});

/**
 * One file's figures in a valuation's JSON (see {@link ValuationFileJsonSchema}).
 *
 * @example
 * ```ts
 * const f: ValuationFileJson = json.files![0]!;
 * ```
 */
export type ValuationFileJson = z.output<typeof ValuationFileJsonSchema>;

/**
 * The JSON of a valuation (see {@link ValuationJsonSchema}).
 *
 * @example
 * ```ts
 * const json: ValuationJson = toValuationJson(result, { sha256 });
 * ```
 */
export type ValuationJson = z.output<typeof ValuationJsonSchema>;

type LineJsonT = z.output<typeof LineJson>;
type TraceJsonT = z.output<typeof LineTraceJsonSchema>;

function traceJson(t: Trace, index: SourceIndex): TraceJsonT {
  const inputs: Record<string, z.output<typeof LineTraceInputJsonSchema>> = {};
  for (const [k, v] of Object.entries(t.inputs) as [string, TraceInput][]) {
    const i: z.output<typeof LineTraceInputJsonSchema> = { value: v.value };
    if (v.source) i.source = index.add(v.source);
    if (v.trace) i.trace = traceJson(v.trace, index);
    inputs[k] = i;
  }
  const o: TraceJsonT = { formula: t.formula, inputs, result: t.result };
  if (t.notes?.length) o.notes = [...t.notes];
  return o;
}

function adjustment(a: AppliedAdjustment): { value: string; from: AppliedAdjustment['from'] } {
  return { value: plain(a.value), from: a.from };
}

/**
 * The stable JSON of one valuation line, exactly as it appears in `lines` of
 * {@link toValuationJson}: for writers that stream lines out one by one. The line's sources are
 * recorded in `index` (its trace refers to them by id); write `index.sources()` as the
 * document's `sources` once every line is out.
 *
 * @example
 * ```ts
 * const index = createSourceIndex();
 * const text = canonicalStringify(toValuationLineJson(result.lines[0], index));
 * const sources = index.sources();
 * ```
 */
export function toValuationLineJson(line: ValuationLine, index: SourceIndex): ValuationLineJson {
  return lineJson(line, index);
}

/**
 * One line of {@link ValuationJson} (see {@link toValuationLineJson}).
 *
 * @example
 * ```ts
 * const line: ValuationLineJson = toValuationLineJson(result.lines[0], createSourceIndex());
 * ```
 */
export type ValuationLineJson = NonNullable<ValuationJson['lines']>[number];

function lineJson(l: ValuationLine, index: SourceIndex): LineJsonT {
  const o: Partial<LineJsonT> = {};
  if (l.line !== undefined) o.line = l.line;
  o.index = l.index;
  o.measure = l.measure;
  o.theme = l.theme;
  if (l.outcome !== undefined) o.outcome = l.outcome;
  o.unit = l.unit;
  o.recordOnly = l.recordOnly;
  o.quantity = plain(l.quantity);
  o.countedYears = l.countedYears;
  o.countedUnits = plain(l.countedUnits);
  if (l.proxy) o.proxy = plain(l.proxy);
  o.adjustments = {
    deadweight: adjustment(l.adjustments.deadweight),
    displacement: adjustment(l.adjustments.displacement),
    attribution: adjustment(l.adjustments.attribution),
    dropOff: adjustment(l.adjustments.dropOff),
    duration: { value: l.adjustments.duration.value, from: l.adjustments.duration.from },
  };
  o.gross = plain(l.gross);
  o.impact = plain(l.impact);
  o.net = plain(l.net);
  o.presentValue = plain(l.presentValue);
  if (l.low) o.low = plain(l.low);
  if (l.high) o.high = plain(l.high);
  o.values = l.values.map((v) => ({
    year: v.year,
    offset: v.offset,
    value: plain(v.value),
    discountFactor: plain(v.discountFactor),
    presentValue: plain(v.presentValue),
  }));
  o.trace = traceJson(l.trace, index);
  return o as LineJsonT;
}

function subtotals(r: Record<string, Subtotal>): Record<string, z.output<typeof SubtotalJson>> {
  const o: Record<string, z.output<typeof SubtotalJson>> = {};
  for (const [k, s] of Object.entries(r)) {
    o[k] = { gross: plain(s.gross), net: plain(s.net), presentValue: plain(s.presentValue) };
  }
  return o;
}

function issueJson(i: Issue): z.output<typeof IssueJson> {
  const o: Partial<z.output<typeof IssueJson>> = {};
  if (i.line !== undefined) o.line = i.line;
  if (i.column !== undefined) o.column = i.column;
  if (i.field !== undefined) o.field = i.field;
  if (i.path !== undefined) o.path = [...i.path];
  if (i.file !== undefined) o.file = i.file;
  o.code = i.code;
  o.message = i.message;
  if (i.severity !== undefined) o.severity = i.severity;
  return o as z.output<typeof IssueJson>;
}

const d = (v: Decimal): string => plain(v);

/** Options of {@link toValuationJson}. */
export interface ValuationJsonOptions {
  /**
   * Write `lines` (each line with its trace). Default true; false gives the totals-only
   * document a large valuation is published as.
   */
  lines?: boolean;
  /** Where the document's sources are gathered (default: a new index). */
  sources?: SourceIndex;
}

/**
 * The stable JSON of a valuation (see {@link ValuationJsonSchema}); `sha256` is the hash of the
 * canonical inputs, computed by the caller. Keys come in a fixed order, so a canonical
 * stringify gives byte-identical output for the same inputs. Every source (proxy, discount
 * schedule, deflator) is written once, in `sources`, and referred to by its id.
 *
 * @example
 * ```ts
 * const json = toValuationJson(result, { sha256: 'e3b0c442…' });
 * json.totals.presentValue; // '146340' (a decimal string, full precision)
 * const totalsOnly = toValuationJson(result, { sha256 }, { lines: false });
 * ```
 */
export function toValuationJson(
  result: ValuationResult,
  inputs: { sha256: string },
  settings: ValuationJsonOptions = {},
): ValuationJson {
  const index = settings.sources ?? createSourceIndex();
  const o = result.options;
  const options: ValuationJson['options'] = {
    baseYear: o.baseYear,
    priceYear: o.priceYear,
    currency: o.currency,
    firstPeriodDiscounted: o.firstPeriodDiscounted,
    discounting: o.discounting
      ? {
          id: o.discounting.id,
          name: o.discounting.name,
          bands: o.discounting.bands.map((b) => ({ fromYear: b.fromYear, rate: d(b.rate) })),
          ...(o.discounting.source ? { source: index.add(o.discounting.source) } : {}),
        }
      : null,
  };
  if (o.indexSeries) {
    options.indexSeries = {
      id: o.indexSeries.id,
      name: o.indexSeries.name,
      baseYear: o.indexSeries.baseYear,
      ...(o.indexSeries.source ? { source: index.add(o.indexSeries.source) } : {}),
    };
  }
  if (o.contractValue) options.contractValue = d(o.contractValue);
  if (o.investment) options.investment = d(o.investment);
  const t = result.totals;
  const json: ValuationJson = {
    format: VALUATION_JSON_FORMAT,
    inputs: { sha256: inputs.sha256 },
    options,
    ...(settings.lines === false ? {} : { lines: result.lines.map((l) => lineJson(l, index)) }),
    recorded: result.recorded.map((r) => ({
      measure: r.measure,
      theme: r.theme,
      ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
      unit: r.unit,
      entries: r.entries,
      quantity: d(r.quantity),
      countedUnits: d(r.countedUnits),
    })),
    totals: {
      gross: d(t.gross),
      net: d(t.net),
      impact: d(t.impact),
      presentValue: d(t.presentValue),
      low: d(t.low),
      high: d(t.high),
      byTheme: subtotals(t.byTheme),
      byOutcome: subtotals(t.byOutcome),
      byMeasure: subtotals(t.byMeasure),
    },
    sources: {},
    counts: { ...result.counts },
    issues: result.issues.map(issueJson),
  };
  if (result.socialValuePercent) json.socialValuePercent = d(result.socialValuePercent);
  if (result.sroi) {
    const s = result.sroi;
    json.sroi = { investment: d(s.investment), ratio: d(s.ratio), netRatio: d(s.netRatio) };
    if (s.paybackMonths) json.sroi.paybackMonths = d(s.paybackMonths);
    if (s.npv) json.sroi.npv = d(s.npv);
    if (s.ratioLow) json.sroi.ratioLow = d(s.ratioLow);
    if (s.ratioHigh) json.sroi.ratioHigh = d(s.ratioHigh);
    if (s.switchingValues) {
      const n = (v: Decimal | null) => (v === null ? null : d(v));
      json.sroi.switchingValues = s.switchingValues.map((v) => ({
        adjustment: v.adjustment,
        scope: v.scope,
        status: v.status,
        current: n(v.current),
        switching: n(v.switching),
        margin: n(v.margin),
        trace: traceJson(v.trace, index),
      }));
    }
    if (s.traces) {
      json.sroi.traces = {
        npv: traceJson(s.traces.npv, index),
        ratioLow: traceJson(s.traces.ratioLow, index),
        ratio: traceJson(s.traces.ratio, index),
        ratioHigh: traceJson(s.traces.ratioHigh, index),
      };
    }
  }
  json.sources = index.sources();
  // Keep `counts` and `issues` after the optional figures for a stable reading order.
  const { counts, issues, ...head } = json;
  return { ...head, counts, issues } as ValuationJson;
}
