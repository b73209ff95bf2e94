import {
  CarbonInputSchema,
  CarbonJsonSchema,
  DoughnutJsonSchema,
  DoughnutTrendJsonSchema,
  DownscaleJsonSchema,
  IndicatorSchema,
  PlaceBudgetJsonSchema,
  PlaceCarbonBudgetSchema,
} from '@commonweal/core/limits';
import { DecimalInputSchema, DecimalStringSchema } from '@commonweal/core/money';
import { z } from 'zod';
import type { SchemaInfo } from './registry';

const DECIMAL_STRING = DecimalStringSchema;

/**
 * Place indicators as a JSON file holds them: core's `IndicatorSchema` with decimals as
 * strings or numbers; `value: null` is no data (reported as missing, never zero).
 *
 * @example
 * ```ts
 * IndicatorsJsonSchema.parse([{ id: 'no2', dimension: 'air-pollution', kind: 'ecological', unit: 'µg/m³',
 *   value: '18', target: '40', year: 2023, source: 'constructed example' }]);
 * ```
 */
export const IndicatorsJsonSchema = z.array(
  IndicatorSchema.extend({
    value: DecimalInputSchema.nullable(),
    target: DecimalInputSchema,
    baseline: DecimalInputSchema.optional(),
  }),
);

/**
 * Emissions as a JSON file holds them: tonnes CO2e by year (negative = avoided), one item per
 * year — the `emissions` of core's `CarbonInputSchema` with decimals as strings or numbers.
 *
 * @example
 * ```ts
 * EmissionsJsonSchema.parse([{ year: 2025, tco2e: '120.5' }, { year: 2026, tco2e: '-30' }]);
 * ```
 */
export const EmissionsJsonSchema = z
  .array(CarbonInputSchema.shape.emissions.element.extend({ tco2e: DecimalInputSchema }))
  .min(1)
  .superRefine((rows, ctx) => {
    const seen = new Set<number>();
    rows.forEach((r, i) => {
      if (seen.has(r.year)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'year'],
          message: `year ${r.year} appears twice: write one item per year (add the tonnes together)`,
        });
      }
      seen.add(r.year);
    });
  });

const InputsJsonSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
});

/**
 * The JSON a doughnut portrait is written as (core's `DoughnutJsonSchema`), with the SHA-256
 * of the canonical inputs when the CLI wrote it.
 *
 * @example
 * ```ts
 * DoughnutOutputSchema.parse(JSON.parse(cliOutput)).summary.ecologicalTransgressed;
 * ```
 */
export const DoughnutOutputSchema = DoughnutJsonSchema.extend({ inputs: InputsJsonSchema.optional() });

/**
 * The JSON a carbon valuation is written as (core's `CarbonJsonSchema`), with the inputs hash
 * and, when a social value PV was given, the net social value within limits
 * (`socialValuePV − carbonCostPV`, both parts kept).
 *
 * @example
 * ```ts
 * CarbonOutputSchema.parse(JSON.parse(cliOutput)).totals.presentValue;
 * ```
 */
export const CarbonOutputSchema = CarbonJsonSchema.extend({
  inputs: InputsJsonSchema.optional(),
  netSocialValue: z
    .object({ socialValuePV: DECIMAL_STRING, carbonCostPV: DECIMAL_STRING, net: DECIMAL_STRING })
    .optional(),
});

/**
 * The limits schemas (doughnut portraits, carbon valuations and carbon budgets), registered with the built-ins.
 *
 * @example
 * ```ts
 * LIMITS_SCHEMAS.map((s) => s.name); // ['doughnut-indicators', 'doughnut-output', 'carbon-emissions', 'carbon-output', 'carbon-budget', 'carbon-budget-output', 'doughnut-trend-output', 'downscale-output']
 * ```
 */
export const LIMITS_SCHEMAS: readonly SchemaInfo[] = [
  {
    name: 'doughnut-indicators',
    schema: IndicatorsJsonSchema,
    io: 'input',
    description:
      'Place indicators for a doughnut portrait: value (null = no data), target, baseline, unit, year, source',
  },
  {
    name: 'doughnut-output',
    schema: DoughnutOutputSchema,
    io: 'output',
    description:
      'The JSON of a doughnut portrait: indicators with ratio, shortfall or overshoot, dimensions, summary, issues',
  },
  {
    name: 'carbon-emissions',
    schema: EmissionsJsonSchema,
    io: 'input',
    description: 'Emissions by year in tonnes CO2e (negative = avoided), to value with carbon values',
  },
  {
    name: 'carbon-output',
    schema: CarbonOutputSchema,
    io: 'output',
    description:
      'The JSON of a carbon valuation: totals, years, options, issues, net social value within limits',
  },
  {
    name: 'carbon-budget',
    schema: PlaceCarbonBudgetSchema,
    io: 'input',
    description:
      "A place's carbon budget as published (e.g. a Tyndall Centre report): total, period, unit, pathway rate, source",
  },
  {
    name: 'carbon-budget-output',
    schema: PlaceBudgetJsonSchema,
    io: 'output',
    description:
      'The JSON of a carbon budget check: status per year, remaining budget, required rate, exhaustion year, pathways',
  },
  {
    name: 'doughnut-trend-output',
    schema: DoughnutTrendJsonSchema.extend({ inputs: InputsJsonSchema.optional() }),
    io: 'output',
    description:
      'The JSON of a doughnut over time: per dimension and indicator the shortfall or overshoot by year, steps and direction',
  },
  {
    name: 'downscale-output',
    schema: DownscaleJsonSchema,
    io: 'output',
    description:
      'The JSON of boundaries shared out to a place per person: per-capita and place boundaries, footprint overshoot, traces',
  },
];
