import { z } from 'zod';

const TRUE = new Set(['y', 'yes', 'true', '1', 't']);
const FALSE = new Set(['n', 'no', 'false', '0', 'f']);

/**
 * A yes/no flag as written in a spreadsheet cell: `true`/`false`, `Y`/`N`, `Yes`/`No`, `1`/`0`
 * (any case). A blank cell means "not known" and reads as `undefined`.
 *
 * @example
 * ```ts
 * SupplierFlagSchema.parse('Yes'); // true
 * SupplierFlagSchema.parse('');    // undefined
 * ```
 */
export const SupplierFlagSchema = z
  .union([z.boolean(), z.string()])
  .transform((v, ctx): boolean | undefined => {
    if (typeof v === 'boolean') return v;
    const t = v.trim().toLowerCase();
    if (t === '') return undefined;
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" is not yes or no: write Y or N (or leave blank if not known)`,
    });
    return z.NEVER;
  });
