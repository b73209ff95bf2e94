import { z } from 'zod';
import { Dec, type Decimal } from './decimal';
import { parseDecimal } from './parse';

/**
 * A decimal at the JSON edge: a decimal string (preferred, e.g. `"1234.50"`) or a finite JSON
 * number; parsed to a {@link Decimal} without passing through float arithmetic.
 *
 * @example
 * ```ts
 * DecimalInputSchema.parse('12769.68').toString(); // '12769.68'
 * ```
 */
export const DecimalInputSchema = z
  .union([z.string(), z.number()])
  .transform((v, ctx): Decimal => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        ctx.addIssue({ code: 'custom', message: `${v} is not a finite number` });
        return z.NEVER;
      }
      return new Dec(String(v));
    }
    const p = parseDecimal(v, { percent: false, currency: false, brackets: false });
    if (!p.ok) {
      ctx.addIssue({ code: 'custom', message: p.reason });
      return z.NEVER;
    }
    return p.value;
  })
  .meta({ description: 'A decimal number, preferably as a string such as "1234.50"' });

/**
 * A fraction between 0 and 1 inclusive (deadweight, attribution, displacement, drop-off).
 *
 * @example
 * ```ts
 * FractionSchema.parse('0.25').toString(); // '0.25'
 * ```
 */
export const FractionSchema = DecimalInputSchema.refine((d) => d.gte(0) && d.lte(1), {
  message: 'must be a fraction from 0 to 1 (e.g. 0.2 for 20%)',
});
