import { z } from 'zod';
import type { Issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import type { Explained } from '../trace/trace';
import { KindSchema, LensSchema } from './dimensions';
import type { DoughnutPortrait, DoughnutSummary } from './doughnut';
import { DecimalStringSchema, LimitsIssueJsonSchema } from './schema';

/**
 * A decimal as a plain string (never exponent notation) for the JSON edge.
 *
 * @example
 * ```ts
 * plainDecimal(dec('1e-7')); // '0.0000001'
 * ```
 */
export function plainDecimal(d: Decimal): string {
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

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
