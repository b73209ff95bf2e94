import { z } from 'zod';
import { type Decimal, dec, isDecimal } from '../money/decimal';
import { IndexSeriesSchema } from '../money/index-series';
import { DecimalInputSchema } from '../money/schema';
import { ProvenanceSchema } from '../trace/provenance';
import { DiscountScheduleSchema } from '../valuation/schema';

/**
 * A decimal input for the limits engines: a decimal string, a finite JSON number, or a
 * {@link Decimal} already made by a TypeScript caller (the `@commonweal/uk` data is parsed).
 *
 * @example
 * ```ts
 * LimitsDecimalSchema.parse('13000').toString(); // '13000'
 * LimitsDecimalSchema.parse(dec('0.2')).toString(); // '0.2'
 * ```
 */
export const LimitsDecimalSchema = z
  .union([z.string(), z.number(), z.custom<Decimal>((v) => isDecimal(v), { message: 'must be a decimal' })])
  .transform((v, ctx): Decimal => {
    if (isDecimal(v)) {
      if (v.isFinite()) return dec(v);
      ctx.addIssue({ code: 'custom', message: `${String(v)} is not a finite number` });
      return z.NEVER;
    }
    const r = DecimalInputSchema.safeParse(v);
    if (r.success) return r.data;
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message });
    return z.NEVER;
  })
  .meta({ description: 'A decimal number, preferably as a string such as "1234.50"' });

const YEAR_KEY = z.string().regex(/^\d{4}$/, 'a four-digit year');

/**
 * An index series for rebasing between price years, accepting the JSON form or the parsed one
 * (same shape as core's `IndexSeriesSchema`).
 *
 * @example
 * ```ts
 * const deflator = IndexSeriesInputSchema.parse({ id: 'gdp', name: 'GDP deflator', baseYear: 2024,
 *   values: { '2019': '81.1085', '2024': '100' }, source: { title: 'GDP deflators', licence: 'OGL-UK-3.0' } });
 * ```
 */
export const IndexSeriesInputSchema = IndexSeriesSchema.extend({
  values: z.record(YEAR_KEY, LimitsDecimalSchema),
});

/**
 * A discount schedule (same shape as core's `DiscountScheduleSchema`), accepting the JSON form or
 * the parsed one. A band must start at year 1 so every year after the base year has a rate.
 *
 * @example
 * ```ts
 * const health = DiscountScheduleInputSchema.parse({ id: 'gb-health', name: 'Green Book health',
 *   bands: [{ fromYear: 1, rate: '0.015' }, { fromYear: 31, rate: '0.0129' }] });
 * ```
 */
export const DiscountScheduleInputSchema = DiscountScheduleSchema.extend({
  bands: z
    .array(z.object({ fromYear: z.number().int().min(1), rate: LimitsDecimalSchema }))
    .min(1)
    .refine((bands) => bands.some((b) => b.fromYear === 1), {
      message: 'a discount schedule needs a band from year 1',
    }),
});

/**
 * Discounting for a valuation: a schedule, or `null` for undiscounted figures.
 *
 * @example
 * ```ts
 * DiscountingSchema.parse(null); // null: no discounting
 * ```
 */
export const DiscountingSchema = z.union([z.null(), DiscountScheduleInputSchema]);

/**
 * The value of one WELLBY (a one-point change in life satisfaction, 0–10, for one person for one
 * year), with its range, price year and source. `@commonweal/uk` supplies HM Treasury's.
 *
 * @example
 * ```ts
 * const wellby = WellbyValueSchema.parse({ central: '13000', low: '10000', high: '16000', priceYear: 2019,
 *   source: { title: 'Wellbeing Guidance for Appraisal', publisher: 'HM Treasury', edition: 'July 2021',
 *     priceYear: 2019, licence: 'OGL-UK-3.0' } });
 * ```
 */
export const WellbyValueSchema = z
  .object({
    central: LimitsDecimalSchema,
    low: LimitsDecimalSchema,
    high: LimitsDecimalSchema,
    priceYear: z.number().int(),
    source: ProvenanceSchema,
  })
  .refine((w) => w.low.lte(w.central) && w.central.lte(w.high), {
    message: 'a WELLBY value needs low ≤ central ≤ high',
  });

/**
 * A parsed WELLBY value (see {@link WellbyValueSchema}).
 *
 * @example
 * ```ts
 * const w: WellbyValue = WellbyValueSchema.parse(wellbyJson);
 * ```
 */
export type WellbyValue = z.output<typeof WellbyValueSchema>;
/**
 * A WELLBY value as written in JSON or passed from `@commonweal/uk`.
 *
 * @example
 * ```ts
 * const w: WellbyValueInput = { central: '13000', low: '10000', high: '16000', priceYear: 2019,
 *   source: { title: 'Wellbeing Guidance for Appraisal', licence: 'OGL-UK-3.0' } };
 * ```
 */
export type WellbyValueInput = z.input<typeof WellbyValueSchema>;

/**
 * A carbon value scenario: `low`, `central` or `high`.
 *
 * @example
 * ```ts
 * CarbonScenarioSchema.parse('central');
 * ```
 */
export const CarbonScenarioSchema = z.enum(['low', 'central', 'high']);

/**
 * A carbon value scenario (see {@link CarbonScenarioSchema}).
 *
 * @example
 * ```ts
 * const s: CarbonScenario = 'high';
 * ```
 */
export type CarbonScenario = z.output<typeof CarbonScenarioSchema>;

/**
 * Carbon values per tonne CO2e by year and scenario, in one price year, with provenance — the
 * table shape of `@commonweal/uk`'s `carbonValues` (DESNZ appraisal values), so it can be passed
 * as is. One row per year; years not in the table are never interpolated.
 *
 * @example
 * ```ts
 * const values = CarbonValuesSchema.parse({ id: 'desnz-2023', name: 'DESNZ carbon values', priceYear: 2022,
 *   rows: [{ year: 2025, low: '136.53', central: '273.06', high: '409.60' }],
 *   source: { title: 'Valuation of energy use and greenhouse gas emissions for appraisal', publisher: 'DESNZ',
 *     edition: 'November 2023', priceYear: 2022, licence: 'OGL-UK-3.0' } });
 * ```
 */
export const CarbonValuesSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    priceYear: z.number().int(),
    currency: z.string().min(1).optional(),
    unit: z.string().min(1).optional(),
    rows: z
      .array(
        z.object({
          year: z.number().int(),
          low: LimitsDecimalSchema,
          central: LimitsDecimalSchema,
          high: LimitsDecimalSchema,
        }),
      )
      .min(1),
    source: ProvenanceSchema,
  })
  .superRefine((t, ctx) => {
    const seen = new Set<number>();
    t.rows.forEach((r, i) => {
      if (seen.has(r.year)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'year'],
          message: `year ${r.year} appears twice: keep one row per year`,
        });
      }
      seen.add(r.year);
    });
  });

/**
 * Parsed carbon values (see {@link CarbonValuesSchema}).
 *
 * @example
 * ```ts
 * const values: CarbonValues = CarbonValuesSchema.parse(carbonValuesJson);
 * ```
 */
export type CarbonValues = z.output<typeof CarbonValuesSchema>;
/**
 * Carbon values as written in JSON or passed from `@commonweal/uk`.
 *
 * @example
 * ```ts
 * const values: CarbonValuesInput = { id: 'x', name: 'x', priceYear: 2022,
 *   rows: [{ year: 2025, low: '136.53', central: '273.06', high: '409.60' }],
 *   source: { title: 'DESNZ carbon values', licence: 'OGL-UK-3.0' } };
 * ```
 */
export type CarbonValuesInput = z.input<typeof CarbonValuesSchema>;

/**
 * A figure with where it came from: a value, optionally its year, unit and source. Used for
 * populations and boundaries whose provenance must travel with them.
 *
 * @example
 * ```ts
 * SourcedQuantitySchema.parse({ value: '8000000000', year: 2022, unit: 'people',
 *   source: 'constructed example' });
 * ```
 */
export const SourcedQuantitySchema = z.object({
  value: LimitsDecimalSchema,
  year: z.number().int().optional(),
  unit: z.string().min(1).optional(),
  source: z.union([z.string().min(1), ProvenanceSchema]).optional(),
});

/**
 * A parsed sourced quantity (see {@link SourcedQuantitySchema}).
 *
 * @example
 * ```ts
 * const q: SourcedQuantity = SourcedQuantitySchema.parse({ value: '812000', year: 2022 });
 * ```
 */
export type SourcedQuantity = z.output<typeof SourcedQuantitySchema>;
/**
 * A sourced quantity as written in JSON.
 *
 * @example
 * ```ts
 * const q: SourcedQuantityInput = { value: '812000', year: 2022, source: 'ONS mid-year estimates' };
 * ```
 */
export type SourcedQuantityInput = z.input<typeof SourcedQuantitySchema>;

/**
 * An {@link Issue} at the JSON edge (for the JSON forms of portraits and carbon valuations).
 *
 * @example
 * ```ts
 * LimitsIssueJsonSchema.parse({ code: 'target_equals_baseline', message: 'target equals baseline', path: ['indicators', 0] });
 * ```
 */
export const LimitsIssueJsonSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  file: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

// one decimal pattern for every output schema, defined in money
export { DecimalStringSchema } from '../money/schema';
