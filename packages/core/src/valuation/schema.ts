import { z } from 'zod';
import { DecimalInputSchema, FractionSchema } from '../money/schema';
import { ProvenanceSchema } from '../trace/provenance';

/**
 * One entry to value: a bid's commitment or a delivered outcome. Adjustments are fractions
 * 0–1; where an entry leaves one out, the measure's default applies, then 0.
 *
 * @example
 * ```ts
 * EntrySchema.parse({ measure: 'NT1', quantity: '12.5', year: 2025, duration: 2 });
 * ```
 */
export const EntrySchema = z.object({
  measure: z.string().min(1),
  quantity: DecimalInputSchema,
  year: z.number().int().min(1900).max(2200),
  duration: z.number().int().min(1).max(200).optional(),
  deadweight: FractionSchema.optional(),
  attribution: FractionSchema.optional(),
  displacement: FractionSchema.optional(),
  dropOff: FractionSchema.optional(),
  local: z.boolean().optional(),
  supplier: z.string().optional(),
  contract: z.string().optional(),
  bid: z.string().optional(),
  period: z.string().optional(),
  evidence: z.string().optional(),
  notes: z.string().optional(),
  /** Source line (file readers set it; it appears in results and issues). */
  line: z.number().int().min(1).optional(),
});

/** A parsed entry (decimals). */
export type Entry = z.output<typeof EntrySchema>;
/** An entry as written in JSON. */
export type EntryInput = z.input<typeof EntrySchema>;

/**
 * A discount schedule: real rates by band of years from the base year, compounded year by
 * year (`DF(0) = 1`, `DF(t) = DF(t−1) ÷ (1 + r_t)`). A band applies from its `fromYear`
 * until the next band starts.
 *
 * @example
 * ```ts
 * const constant = DiscountScheduleSchema.parse({ id: 'constant-3.5', name: '3.5% constant',
 *   bands: [{ fromYear: 1, rate: '0.035' }] });
 * ```
 */
export const DiscountScheduleSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  bands: z.array(z.object({ fromYear: z.number().int().min(1), rate: DecimalInputSchema })).min(1),
  source: ProvenanceSchema.optional(),
});

/** A parsed discount schedule. */
export type DiscountSchedule = z.output<typeof DiscountScheduleSchema>;
/** A discount schedule as written in JSON. */
export type DiscountScheduleInput = z.input<typeof DiscountScheduleSchema>;
