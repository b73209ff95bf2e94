import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import type { Decimal } from '../money/decimal';
import { type Explained, explain, type TraceInput } from '../trace/trace';
import { LimitsDecimalSchema, type SourcedQuantity, SourcedQuantitySchema } from './schema';

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
  const issues: Issue[] = [];
  if (!worldPopulation.value.gt(0)) {
    issues.push(
      issue('population_not_positive', 'world population must be greater than 0', {
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
        `world population is for ${worldPopulation.year} but place population for ${placePopulation.year}: use the same year where you can`,
        { severity: 'warning' },
      ),
    );
  }
  const notes = [
    describe(global) && `global boundary: ${describe(global)}`,
    describe(worldPopulation) && `world population: ${describe(worldPopulation)}`,
    describe(placePopulation) && `place population: ${describe(placePopulation)}`,
  ].filter((n): n is string => typeof n === 'string');
  const perCapitaValue: Decimal = global.value.dividedBy(worldPopulation.value);
  const perCapita = explain(
    perCapitaValue,
    'per-capita boundary = global boundary ÷ world population',
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
