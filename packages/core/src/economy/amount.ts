import { z } from 'zod';
import { type Decimal, isDecimal } from '../money/decimal';
import { DecimalInputSchema } from '../money/schema';

/**
 * A decimal given as a string, a finite number or a Decimal (typed callers). Decimals pass
 * through their plain string, so the schema stays representable as JSON Schema (string | number).
 *
 * @example
 * ```ts
 * DecimalValueSchema.parse(dec('1.5')).toString(); // '1.5'
 * DecimalValueSchema.parse('£1,234.50'); // fails: the JSON edge takes plain decimals
 * ```
 */
export const DecimalValueSchema = z.preprocess(
  (v) => (isDecimal(v) && v.isFinite() ? v.toFixed() : v),
  DecimalInputSchema,
) as unknown as z.ZodType<Decimal, string | number | Decimal>;
