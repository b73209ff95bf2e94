import { z } from 'zod';
import { DecimalInputSchema, FractionSchema } from '../money/schema';
import { ProvenanceSchema } from '../trace/provenance';

/**
 * A proxy value: the £ (or other currency) value of one unit of a measure, with its price year,
 * basis and source. `low`/`high` give a range for sensitivity.
 *
 * @example
 * ```ts
 * ProxySchema.parse({ value: '13000', currency: 'GBP', priceYear: 2019, basis: 'per WELLBY',
 *   source: { title: 'Wellbeing Guidance for Appraisal', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' } });
 * ```
 */
export const ProxySchema = z.object({
  value: DecimalInputSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
  priceYear: z.number().int().min(1900).max(2200),
  basis: z.string().min(1),
  low: DecimalInputSchema.optional(),
  high: DecimalInputSchema.optional(),
  indexSeries: z.string().optional(),
  source: ProvenanceSchema,
});

/**
 * Default SROI adjustments of a measure (an entry's own values override them).
 *
 * @example
 * ```ts
 * AdjustmentsSchema.parse({ deadweight: '0.2', dropOff: '0.1' });
 * ```
 */
export const AdjustmentsSchema = z.object({
  deadweight: FractionSchema.optional(),
  attribution: FractionSchema.optional(),
  displacement: FractionSchema.optional(),
  dropOff: FractionSchema.optional(),
  duration: z.number().int().min(1).max(200).optional(),
});

/**
 * A measure: what is counted (unit), its proxy value (or none: record-only), and how it counts.
 *
 * @example
 * ```ts
 * MeasureSchema.parse({ code: 'WB1', title: 'Life satisfaction point-years', theme: 'wellbeing',
 *   unit: 'WELLBY', countingRule: 'perYear' });
 * ```
 */
export const MeasureSchema = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  theme: z.string().min(1),
  outcome: z.string().min(1).optional(),
  unit: z.string().min(1),
  proxy: ProxySchema.nullable().optional(),
  countingRule: z.enum(['perYear', 'firstYearOnly']).default('perYear'),
  allowNegative: z.boolean().optional(),
  localOnly: z.boolean().optional(),
  exclusiveWith: z.array(z.string()).optional(),
  defaults: AdjustmentsSchema.optional(),
  description: z.string().optional(),
});

/**
 * A theme (e.g. "Jobs", "Fighting climate change").
 *
 * @example
 * ```ts
 * ThemeSchema.parse({ id: 'jobs', title: 'Jobs: promote local skills and employment' });
 * ```
 */
export const ThemeSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
});

/**
 * An outcome within a theme.
 *
 * @example
 * ```ts
 * OutcomeSchema.parse({ id: 'local-employment', theme: 'jobs', title: 'More local people in employment' });
 * ```
 */
export const OutcomeSchema = z.object({
  id: z.string().min(1),
  theme: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
});

/**
 * A measures framework: themes → outcomes → measures, in one currency. A council's licensed
 * TOMs-style table or an open catalogue is loaded into this shape.
 *
 * @example
 * ```ts
 * const fw = FrameworkSchema.parse({ id: 'demo', title: 'Demo', currency: 'GBP',
 *   themes: [{ id: 'jobs', title: 'Jobs' }], measures: [] });
 * ```
 */
export const FrameworkSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  edition: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
  licence: z.string().optional(),
  source: ProvenanceSchema.optional(),
  themes: z.array(ThemeSchema),
  outcomes: z.array(OutcomeSchema).default([]),
  measures: z.array(MeasureSchema),
});

/** A parsed proxy (decimals). */
export type Proxy = z.output<typeof ProxySchema>;
/** A parsed measure. */
export type Measure = z.output<typeof MeasureSchema>;
/** A measure as written in JSON. */
export type MeasureInput = z.input<typeof MeasureSchema>;
/** A theme. */
export type Theme = z.output<typeof ThemeSchema>;
/** An outcome. */
export type Outcome = z.output<typeof OutcomeSchema>;
/** Default adjustments of a measure. */
export type Adjustments = z.output<typeof AdjustmentsSchema>;
/** A parsed framework (decimals, defaults applied). */
export type Framework = z.output<typeof FrameworkSchema>;
/** A framework as written in JSON (decimal strings or numbers). */
export type FrameworkInput = z.input<typeof FrameworkSchema>;
