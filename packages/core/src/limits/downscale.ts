import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import type { Decimal } from '../money/decimal';
import { type Explained, explain, type TraceInput } from '../trace/trace';
import {
  DecimalStringSchema,
  LimitsDecimalSchema,
  LimitsIssueJsonSchema,
  type SourcedQuantity,
  SourcedQuantitySchema,
} from './schema';

const QuantitySchema = z.union([
  SourcedQuantitySchema,
  LimitsDecimalSchema.transform((value): SourcedQuantity => ({ value })),
]);

/**
 * Input of {@link downscaleBoundary}: the global boundary and the two populations, each a bare
 * decimal or `{ value, year?, unit?, source? }` so its provenance travels into the trace.
 *
 * @example
 * ```ts
 * const input: DownscaleInput = {
 *   global: { value: '62', unit: 'Mt N per year', source: 'Fanning & Raworth 2025 (doughnut-v3)' },
 *   worldPopulation: { value: '8000000000', year: 2022, source: 'constructed example' },
 *   placePopulation: { value: '812000', year: 2022, source: 'constructed example' },
 * };
 * ```
 */
export const DownscaleInputSchema = z.object({
  global: QuantitySchema,
  worldPopulation: QuantitySchema,
  placePopulation: QuantitySchema,
  /** What the boundary covers: `world` (default) or a `nation` (its population is then the nation's). */
  of: z.enum(['world', 'nation']).optional(),
});

/**
 * Input of {@link downscaleBoundary} (see {@link DownscaleInputSchema}).
 *
 * @example
 * ```ts
 * const input: DownscaleInput = { global: '62', worldPopulation: '8000000000', placePopulation: '812000' };
 * ```
 */
export type DownscaleInput = z.input<typeof DownscaleInputSchema>;

/**
 * A place's share of a global boundary, with the per-capita boundary it came from.
 *
 * @example
 * ```ts
 * const r = downscaleBoundary(input);
 * if (r.ok) [r.value.perCapita.value.toString(), r.value.value.toString()];
 * ```
 */
export interface DownscaledBoundary extends Explained {
  /** `global ÷ world population`. */
  perCapita: Explained;
  /** Unit of the global boundary, when given. */
  unit?: string;
}

function traceInput(q: SourcedQuantity): TraceInput {
  const t: TraceInput = { value: q.value.toString() };
  if (q.source !== undefined && typeof q.source !== 'string') t.source = q.source;
  return t;
}

const describe = (q: SourcedQuantity): string | undefined =>
  [
    q.year !== undefined ? `year ${q.year}` : undefined,
    q.unit,
    typeof q.source === 'string' ? `source: ${q.source}` : undefined,
  ]
    .filter(Boolean)
    .join(', ') || undefined;

/**
 * Shares a global boundary out per person (O'Neill et al. 2018): `perCapita = global ÷ world
 * population`, `place = perCapita × place population`. The populations' years and sources are
 * kept in the trace; a warning when the two populations are of different years.
 * Compare the result with a consumption-based footprint of the same accounting basis.
 *
 * @example
 * ```ts
 * const r = downscaleBoundary({ global: '62000000', worldPopulation: '8000000000', placePopulation: '812000' });
 * if (r.ok) r.value.value.toString(); // '6293' (tonnes N per year; constructed figures)
 * ```
 */
export function downscaleBoundary(input: DownscaleInput): Result<DownscaledBoundary> {
  const parsed = DownscaleInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const { global, worldPopulation, placePopulation } = parsed.data;
  const whole = parsed.data.of === 'nation' ? 'national' : 'world';
  const boundaryWord = parsed.data.of === 'nation' ? 'national boundary' : 'global boundary';
  const issues: Issue[] = [];
  if (!worldPopulation.value.gt(0)) {
    issues.push(
      issue('population_not_positive', `${whole} population must be greater than 0`, {
        path: ['worldPopulation'],
      }),
    );
  }
  if (placePopulation.value.isNegative()) {
    issues.push(
      issue('population_negative', 'place population must not be negative', { path: ['placePopulation'] }),
    );
  }
  if (issues.length) return { ok: false, issues };
  if (
    worldPopulation.year !== undefined &&
    placePopulation.year !== undefined &&
    worldPopulation.year !== placePopulation.year
  ) {
    issues.push(
      issue(
        'population_years_differ',
        `${whole} population is for ${worldPopulation.year} but place population for ${placePopulation.year}: use the same year where you can`,
        { severity: 'warning' },
      ),
    );
  }
  const notes = [
    describe(global) && `${boundaryWord}: ${describe(global)}`,
    describe(worldPopulation) && `${whole} population: ${describe(worldPopulation)}`,
    describe(placePopulation) && `place population: ${describe(placePopulation)}`,
  ].filter((n): n is string => typeof n === 'string');
  const perCapitaValue: Decimal = global.value.dividedBy(worldPopulation.value);
  const perCapita = explain(
    perCapitaValue,
    `per-capita boundary = ${boundaryWord} ÷ ${whole} population`,
    { global: traceInput(global), worldPopulation: traceInput(worldPopulation) },
    notes,
  );
  const place = explain(
    perCapitaValue.times(placePopulation.value),
    'place boundary = per-capita boundary × place population',
    { perCapita, placePopulation: traceInput(placePopulation) },
    notes,
  );
  const out: DownscaledBoundary = { ...place, perCapita };
  if (global.unit !== undefined) out.unit = global.unit;
  return ok(out, issues);
}

/**
 * Input of {@link downscalePerCapita}: a boundary already shared out per person (as doughnut-v3
 * publishes its per-capita footprint boundaries) and the place's population, each a bare decimal
 * or `{ value, year?, unit?, source? }`.
 *
 * @example
 * ```ts
 * const input: PerCapitaInput = {
 *   perCapita: { value: '0.95', year: 2017, unit: 't CO2 per person per year', source: 'doughnut-v3, 2017' },
 *   placePopulation: { value: '250000', year: 2023, source: 'constructed example' },
 * };
 * ```
 */
export const PerCapitaInputSchema = z.object({
  perCapita: QuantitySchema,
  placePopulation: QuantitySchema,
});

/**
 * Input of {@link downscalePerCapita} (see {@link PerCapitaInputSchema}).
 *
 * @example
 * ```ts
 * const input: PerCapitaInput = { perCapita: '8.5', placePopulation: '250000' };
 * ```
 */
export type PerCapitaInput = z.input<typeof PerCapitaInputSchema>;

/**
 * A place's share of a boundary published per person: `place = perCapita × place population`
 * (the second step of {@link downscaleBoundary}, for boundaries already divided by the world
 * population, such as doughnut-v3's 2017 per-capita footprint boundaries).
 *
 * @example
 * ```ts
 * const r = downscalePerCapita({ perCapita: '0.95', placePopulation: '250000' });
 * if (r.ok) r.value.value.toString(); // '237500' (t CO2 per year)
 * ```
 */
export function downscalePerCapita(input: PerCapitaInput): Result<DownscaledBoundary> {
  const parsed = PerCapitaInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const { perCapita, placePopulation } = parsed.data;
  if (placePopulation.value.isNegative()) {
    return {
      ok: false,
      issues: [
        issue('population_negative', 'place population must not be negative', { path: ['placePopulation'] }),
      ],
    };
  }
  const notes = [
    describe(perCapita) && `per-capita boundary: ${describe(perCapita)}`,
    describe(placePopulation) && `place population: ${describe(placePopulation)}`,
  ].filter((n): n is string => typeof n === 'string');
  const per = explain(
    perCapita.value,
    'per-capita boundary, as published',
    { perCapita: traceInput(perCapita) },
    notes,
  );
  const place = explain(
    perCapita.value.times(placePopulation.value),
    'place boundary = per-capita boundary × place population',
    { perCapita: per, placePopulation: traceInput(placePopulation) },
    notes,
  );
  const out: DownscaledBoundary = { ...place, perCapita: per };
  if (perCapita.unit !== undefined) out.unit = perCapita.unit;
  return ok(out);
}

const TraceJsonSchema = z.object({
  formula: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  result: z.string(),
  notes: z.array(z.string()).optional(),
});

/**
 * The JSON of a place's per-capita share of boundaries (`commonweal downscale --format json`):
 * the place and its population (with year and source), then per boundary the boundary as given,
 * the per-capita boundary, the place's boundary and, when the place's footprint per person was
 * given, `ratio = footprint ÷ per-capita boundary` and `overshoot = max(0, ratio − 1)`. Every
 * figure has its trace; decimals are plain strings.
 *
 * @example
 * ```ts
 * DownscaleJsonSchema.parse(JSON.parse(cliOutput)).boundaries[0]?.place; // '237500'
 * ```
 */
export const DownscaleJsonSchema = z.object({
  format: z.literal('commonweal.downscale.v1'),
  method: z.literal('per-capita'),
  place: z.object({
    name: z.string().optional(),
    population: DecimalStringSchema,
    year: z.number().int(),
    source: z.string(),
  }),
  boundaries: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      dimension: z.string().optional(),
      scale: z.enum(['global', 'national', 'per-capita']),
      unit: z.string(),
      boundary: DecimalStringSchema,
      population: z
        .object({
          value: DecimalStringSchema,
          year: z.number().int().optional(),
          source: z.string().optional(),
        })
        .optional(),
      year: z.number().int().optional(),
      basis: z.string().optional(),
      source: z.string(),
      perCapita: DecimalStringSchema,
      place: DecimalStringSchema,
      footprint: DecimalStringSchema.optional(),
      ratio: DecimalStringSchema.optional(),
      overshoot: DecimalStringSchema.optional(),
      transgressed: z.boolean().optional(),
      /** How `place` was worked out. */
      trace: TraceJsonSchema,
      /** How `overshoot` was worked out (when a footprint was given). */
      overshootTrace: TraceJsonSchema.optional(),
    }),
  ),
  counts: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  issues: z.array(LimitsIssueJsonSchema),
  inputs: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});

/**
 * The JSON of a place's per-capita share of boundaries (see {@link DownscaleJsonSchema}).
 *
 * @example
 * ```ts
 * const doc: DownscaleJson = flowResult.document;
 * ```
 */
export type DownscaleJson = z.output<typeof DownscaleJsonSchema>;
