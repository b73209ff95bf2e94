import { z } from 'zod';
import type { Issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import { plainDecimal } from '../money/schema';
import type { Explained } from '../trace/trace';
import type { DimensionStep, YearComparison, YearStep } from './compare';
import { KindSchema, LensSchema } from './dimensions';
import type { DoughnutPortrait, DoughnutSummary } from './doughnut';
import { DecimalStringSchema, LimitsIssueJsonSchema } from './schema';

const nullableDecimal = DecimalStringSchema.nullable();

const IndicatorJsonSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  dimension: z.string(),
  kind: KindSchema,
  lens: LensSchema.optional(),
  unit: z.string(),
  year: z.number().int(),
  value: nullableDecimal,
  target: DecimalStringSchema,
  baseline: DecimalStringSchema,
  ratio: nullableDecimal,
  shortfall: DecimalStringSchema.optional(),
  achieved: z.boolean().optional(),
  overshoot: DecimalStringSchema.optional(),
  transgressed: z.boolean().optional(),
  missing: z.literal(true).optional(),
});

const SummaryJsonSchema = z.object({
  socialAchieved: z.number().int(),
  socialWithData: z.number().int(),
  socialMissing: z.number().int(),
  ecologicalTransgressed: z.number().int(),
  ecologicalWithData: z.number().int(),
  ecologicalMissing: z.number().int(),
  meanShortfall: nullableDecimal,
  meanOvershoot: nullableDecimal,
});

/**
 * The JSON form of a {@link DoughnutPortrait}: decimals as plain strings, missing values as
 * `null`, no `undefined`, traces left out (they stay on the portrait).
 *
 * @example
 * ```ts
 * const json = toDoughnutJson(portrait);
 * DoughnutJsonSchema.parse(JSON.parse(JSON.stringify(json))); // round-trips
 * ```
 */
export const DoughnutJsonSchema = z.object({
  dimensionSet: z.object({ setId: z.string(), title: z.string(), version: z.string().optional() }).optional(),
  indicators: z.array(IndicatorJsonSchema),
  dimensions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: KindSchema,
      lens: LensSchema.optional(),
      indicators: z.number().int(),
      withData: z.number().int(),
      missing: z.number().int(),
      achieved: z.number().int().optional(),
      transgressed: z.number().int().optional(),
      meanShortfall: nullableDecimal.optional(),
      meanOvershoot: nullableDecimal.optional(),
      status: z.enum(['achieved', 'shortfall', 'within', 'overshoot', 'no-data']),
    }),
  ),
  summary: SummaryJsonSchema,
  counts: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  issues: z.array(LimitsIssueJsonSchema),
});

/**
 * The JSON form of a doughnut portrait (see {@link DoughnutJsonSchema}).
 *
 * @example
 * ```ts
 * const json: DoughnutJson = toDoughnutJson(portrait);
 * ```
 */
export type DoughnutJson = z.output<typeof DoughnutJsonSchema>;

const ex = (e: Explained | null): string | null => (e === null ? null : plainDecimal(e.value));

/**
 * Copies an issue keeping only defined fields (so the JSON has no `undefined`).
 *
 * @example
 * ```ts
 * issueToJson({ code: 'x', message: 'y' }); // { code: 'x', message: 'y' }
 * ```
 */
export function issueToJson(i: Issue): Issue {
  const out: Issue = { code: i.code, message: i.message };
  if (i.path !== undefined) out.path = [...i.path];
  if (i.line !== undefined) out.line = i.line;
  if (i.column !== undefined) out.column = i.column;
  if (i.field !== undefined) out.field = i.field;
  if (i.file !== undefined) out.file = i.file;
  if (i.severity !== undefined) out.severity = i.severity;
  return out;
}

/**
 * The JSON form of a portrait summary (decimals as strings).
 *
 * @example
 * ```ts
 * doughnutSummaryToJson(portrait.summary).meanOvershoot; // e.g. '1.831666…' or null
 * ```
 */
export function doughnutSummaryToJson(s: DoughnutSummary): DoughnutJson['summary'] {
  return {
    socialAchieved: s.socialAchieved,
    socialWithData: s.socialWithData,
    socialMissing: s.socialMissing,
    ecologicalTransgressed: s.ecologicalTransgressed,
    ecologicalWithData: s.ecologicalWithData,
    ecologicalMissing: s.ecologicalMissing,
    meanShortfall: ex(s.meanShortfall),
    meanOvershoot: ex(s.meanOvershoot),
  };
}

/**
 * Turns a portrait into plain JSON data (decimals as strings, no `undefined`), valid against
 * {@link DoughnutJsonSchema}. Deterministic: same portrait, same JSON.
 *
 * @example
 * ```ts
 * const r = assessDoughnut(indicators);
 * if (r.ok) JSON.stringify(toDoughnutJson(r.value));
 * ```
 */
export function toDoughnutJson(p: DoughnutPortrait): DoughnutJson {
  const out: DoughnutJson = {
    indicators: p.indicators.map((i) => {
      const j: DoughnutJson['indicators'][number] = {
        id: i.id,
        dimension: i.dimension,
        kind: i.kind,
        unit: i.unit,
        year: i.year,
        value: i.value === null ? null : plainDecimal(i.value),
        target: plainDecimal(i.target),
        baseline: plainDecimal(i.baseline),
        ratio: i.ratio === null ? null : plainDecimal(i.ratio),
      };
      if (i.name !== undefined) j.name = i.name;
      if (i.lens !== undefined) j.lens = i.lens;
      if (i.shortfall !== undefined) j.shortfall = plainDecimal(i.shortfall);
      if (i.achieved !== undefined) j.achieved = i.achieved;
      if (i.overshoot !== undefined) j.overshoot = plainDecimal(i.overshoot);
      if (i.transgressed !== undefined) j.transgressed = i.transgressed;
      if (i.missing) j.missing = true;
      return j;
    }),
    dimensions: p.dimensions.map((d) => {
      const j: DoughnutJson['dimensions'][number] = {
        id: d.id,
        name: d.name,
        kind: d.kind,
        indicators: d.indicators,
        withData: d.withData,
        missing: d.missing,
        status: d.status,
      };
      if (d.lens !== undefined) j.lens = d.lens;
      if (d.achieved !== undefined) j.achieved = d.achieved;
      if (d.transgressed !== undefined) j.transgressed = d.transgressed;
      if (d.meanShortfall !== undefined) j.meanShortfall = ex(d.meanShortfall);
      if (d.meanOvershoot !== undefined) j.meanOvershoot = ex(d.meanOvershoot);
      return j;
    }),
    summary: doughnutSummaryToJson(p.summary),
    counts: { ...p.counts },
    issues: p.issues.map(issueToJson),
  };
  if (p.dimensionSet) {
    out.dimensionSet = { setId: p.dimensionSet.setId, title: p.dimensionSet.title };
    if (p.dimensionSet.version !== undefined) out.dimensionSet.version = p.dimensionSet.version;
  }
  return out;
}

const DirectionSchema = z.enum(['towards', 'away', 'unchanged', 'no-data']);
const StepJsonSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  change: DecimalStringSchema,
  direction: z.enum(['towards', 'away', 'unchanged']),
  sameIndicators: z.boolean(),
});
const IndicatorStepJsonSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  change: DecimalStringSchema,
  ratioChange: DecimalStringSchema,
  direction: z.enum(['improving', 'worsening', 'unchanged']),
});

/**
 * The JSON form of a doughnut over time ({@link YearComparison}): per dimension its status and
 * mean shortfall or overshoot per year (`gap`), the steps between years with data and the
 * direction (`towards` or `away` from the safe and just space); per indicator its points and
 * steps; the summary of each year. Decimals as plain strings, traces left out.
 *
 * @example
 * ```ts
 * DoughnutTrendJsonSchema.parse(JSON.parse(cliOutput)).dimensions[0]?.direction; // 'towards'
 * ```
 */
export const DoughnutTrendJsonSchema = z.object({
  format: z.literal('commonweal.doughnut-trend.v1'),
  dimensionSet: z.object({ setId: z.string(), title: z.string(), version: z.string().optional() }).optional(),
  years: z.array(z.number().int()),
  dimensions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: KindSchema,
      lens: LensSchema.optional(),
      direction: DirectionSchema,
      overall: StepJsonSchema.optional(),
      steps: z.array(StepJsonSchema),
      years: z.array(
        z.object({
          year: z.number().int(),
          status: z.enum(['achieved', 'shortfall', 'within', 'overshoot', 'no-data']),
          indicators: z.number().int(),
          withData: z.number().int(),
          gap: nullableDecimal,
        }),
      ),
    }),
  ),
  indicators: z.array(
    z.object({
      id: z.string(),
      dimension: z.string(),
      kind: KindSchema,
      unit: z.string(),
      direction: z.enum(['improving', 'worsening', 'unchanged', 'no-data']),
      overall: IndicatorStepJsonSchema.optional(),
      steps: z.array(IndicatorStepJsonSchema),
      points: z.array(
        z.object({
          year: z.number().int(),
          value: nullableDecimal,
          ratio: nullableDecimal,
          gap: nullableDecimal,
          missing: z.literal(true).optional(),
        }),
      ),
    }),
  ),
  summaries: z.array(z.object({ year: z.number().int(), summary: SummaryJsonSchema })),
  counts: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  issues: z.array(LimitsIssueJsonSchema),
});

/**
 * The JSON form of a doughnut over time (see {@link DoughnutTrendJsonSchema}).
 *
 * @example
 * ```ts
 * const json: DoughnutTrendJson = toDoughnutTrendJson(comparison);
 * ```
 */
export type DoughnutTrendJson = z.output<typeof DoughnutTrendJsonSchema>;

const dec = (d: Decimal | null): string | null => (d === null ? null : plainDecimal(d));

/**
 * Turns a comparison over years into plain JSON data, valid against
 * {@link DoughnutTrendJsonSchema}; `counts` and `issues` override the comparison's (a reader
 * adds its own rows and located issues). Deterministic: same comparison, same JSON.
 *
 * @example
 * ```ts
 * const c = compareYears(indicators);
 * if (c.ok) JSON.stringify(toDoughnutTrendJson(c.value));
 * ```
 */
export function toDoughnutTrendJson(
  c: YearComparison,
  options: {
    dimensionSet?: { setId: string; title: string; version?: string } | undefined;
    counts?: { read: number; accepted: number; rejected: number };
    issues?: readonly Issue[];
  } = {},
): DoughnutTrendJson {
  const step = (s: DimensionStep) => ({
    from: s.from,
    to: s.to,
    change: plainDecimal(s.change),
    direction: s.direction,
    sameIndicators: s.sameIndicators,
  });
  const indicatorStep = (s: YearStep) => ({
    from: s.from,
    to: s.to,
    change: plainDecimal(s.change),
    ratioChange: plainDecimal(s.ratioChange),
    direction: s.direction,
  });
  const out: DoughnutTrendJson = {
    format: 'commonweal.doughnut-trend.v1',
    years: [...c.years],
    dimensions: c.dimensions.map((d) => {
      const j: DoughnutTrendJson['dimensions'][number] = {
        id: d.id,
        name: d.name,
        kind: d.kind,
        direction: d.direction,
        steps: d.steps.map(step),
        years: d.years.map((y) => ({
          year: y.year,
          status: y.status,
          indicators: y.indicators,
          withData: y.withData,
          gap: y.gap === null ? null : plainDecimal(y.gap.value),
        })),
      };
      if (d.lens !== undefined) j.lens = d.lens;
      if (d.overall) j.overall = step(d.overall);
      return j;
    }),
    indicators: c.indicators.map((i) => {
      const j: DoughnutTrendJson['indicators'][number] = {
        id: i.id,
        dimension: i.dimension,
        kind: i.kind,
        unit: i.unit,
        direction: i.direction,
        steps: i.steps.map(indicatorStep),
        points: i.points.map((p) => {
          const q: DoughnutTrendJson['indicators'][number]['points'][number] = {
            year: p.year,
            value: dec(p.value),
            ratio: dec(p.ratio),
            gap: dec(p.gap),
          };
          if (p.missing) q.missing = true;
          return q;
        }),
      };
      if (i.overall) j.overall = indicatorStep(i.overall);
      return j;
    }),
    summaries: c.summaries.map((s) => ({ year: s.year, summary: doughnutSummaryToJson(s.summary) })),
    counts: { ...(options.counts ?? c.counts) },
    issues: (options.issues ?? c.issues).map(issueToJson),
  };
  const set = options.dimensionSet;
  if (set) {
    out.dimensionSet = { setId: set.setId, title: set.title };
    if (set.version !== undefined) out.dimensionSet.version = set.version;
  }
  return out;
}
