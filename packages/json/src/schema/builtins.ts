import { FrameworkSchema } from '@commonweal/core/framework';
import { DecimalInputSchema, IndexSeriesSchema } from '@commonweal/core/money';
import { ProvenanceSchema } from '@commonweal/core/trace';
import { DiscountScheduleSchema, EntrySchema, ValuationJsonSchema } from '@commonweal/core/valuation';
import { z } from 'zod';
import { ECONOMY_SCHEMAS } from './economy';
import { LIMITS_SCHEMAS } from './limits';
import { PLAN_SCHEMAS } from './plan';
import { PROCUREMENT_SCHEMAS } from './procurement';
import type { SchemaInfo } from './registry';

/**
 * Entries as a JSON file holds them: an array of entries.
 *
 * @example
 * ```ts
 * EntriesSchema.parse([{ measure: 'NT1', quantity: '12.5', year: 2025 }]);
 * ```
 */
export const EntriesSchema = z.array(EntrySchema);

/**
 * Valuation options as a JSON file holds them: `discounting` is a discount schedule or `null`
 * (no discounting) and must be given; decimals as strings or numbers. Unknown properties are
 * refused, so a misspelt option (`baseyear`) is reported, not ignored. `parseValuationOptions`
 * turns its output into the options object core's valuation takes.
 *
 * @example
 * ```ts
 * ValuationOptionsSchema.parse({ baseYear: 2025, discounting: null, investment: '50000' });
 * ```
 */
export const ValuationOptionsSchema = z.strictObject({
  baseYear: z.number().int().min(1900).max(2200).optional(),
  priceYear: z.number().int().min(1900).max(2200).optional(),
  discounting: DiscountScheduleSchema.nullable(),
  firstPeriodDiscounted: z.boolean().optional(),
  indexSeries: IndexSeriesSchema.optional(),
  contractValue: DecimalInputSchema.optional(),
  investment: DecimalInputSchema.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP')
    .optional(),
});

/**
 * The schemas `@commonweal/json` registers itself (all `io: 'input'` except `valuation-output`).
 *
 * @example
 * ```ts
 * BUILTIN_SCHEMAS.map((s) => s.name); // ['framework', 'entries', 'entry', …]
 * ```
 */
export const BUILTIN_SCHEMAS: readonly SchemaInfo[] = [
  {
    name: 'framework',
    schema: FrameworkSchema,
    io: 'input',
    description: 'A measures framework: themes, outcomes and measures with proxy values',
  },
  {
    name: 'entries',
    schema: EntriesSchema,
    io: 'input',
    description: 'Entries to value: bid commitments or delivered outcomes',
  },
  {
    name: 'entry',
    schema: EntrySchema,
    io: 'input',
    description: 'One entry to value: a commitment or a delivered outcome',
  },
  {
    name: 'valuation-options',
    schema: ValuationOptionsSchema,
    io: 'input',
    description: 'How to value entries: base year, price year, discounting, SROI inputs',
  },
  {
    name: 'index-series',
    schema: IndexSeriesSchema,
    io: 'input',
    description: 'A price index series by year, to rebase values between price years',
  },
  {
    name: 'discount-schedule',
    schema: DiscountScheduleSchema,
    io: 'input',
    description: 'A discount schedule: real rates by band of years',
  },
  {
    name: 'valuation-output',
    schema: ValuationJsonSchema,
    io: 'output',
    description: 'The JSON of a valuation: options used, lines with traces, totals, SROI, counts and issues',
  },
  {
    name: 'provenance',
    schema: ProvenanceSchema,
    io: 'input',
    description: 'Where a reference value comes from: source, edition, price year, licence',
  },
  ...LIMITS_SCHEMAS,
  ...PROCUREMENT_SCHEMAS,
  ...ECONOMY_SCHEMAS,
  ...PLAN_SCHEMAS,
];
