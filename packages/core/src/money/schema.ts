import { z } from 'zod';
import { Dec, type Decimal } from './decimal';
import { parseDecimal } from './parse';

/**
 * The one pattern of a decimal as Commonweal writes it at the JSON and CSV edge: optional
 * minus, digits, optional fraction; never exponent form, never a plus sign (e.g. `"-0.0580"`).
 * Every output schema's decimal strings use it, and their JSON Schemas carry it as `pattern`.
 *
 * @example
 * ```ts
 * new RegExp(DECIMAL_STRING_PATTERN).test('1234.50'); // true
 * new RegExp(DECIMAL_STRING_PATTERN).test('1e3'); // false
 * ```
 */
export const DECIMAL_STRING_PATTERN = '^-?\\d+(\\.\\d+)?$';

/**
 * The pattern of a decimal string a JSON input may hold: optional sign, digits with an optional
 * fraction (or a bare fraction such as `.5`), an optional exponent of up to 4 digits, and
 * surrounding spaces. No currency symbols, thousands separators or percentages (those are CSV
 * cell conveniences). {@link DecimalInputSchema} checks it and its JSON Schema carries it.
 *
 * @example
 * ```ts
 * new RegExp(DECIMAL_INPUT_PATTERN).test('1.2e3'); // true
 * new RegExp(DECIMAL_INPUT_PATTERN).test('£12'); // false
 * ```
 */
export const DECIMAL_INPUT_PATTERN = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?\\s*$';

/**
 * The pattern of a fraction from 0 to 1 written as a string: `0`, `0.25`, `.5`, `1`, `1.00`
 * (and `-0`); no exponent. {@link FractionSchema} checks it and its JSON Schema carries it.
 *
 * @example
 * ```ts
 * new RegExp(FRACTION_PATTERN).test('0.2'); // true
 * new RegExp(FRACTION_PATTERN).test('1.5'); // false
 * ```
 */
export const FRACTION_PATTERN = '^\\s*(\\+?(0+(\\.\\d*)?|\\.\\d+|0*1(\\.0*)?)|-(0+(\\.0*)?|\\.0+))\\s*$';

const DECIMAL_STRING = new RegExp(DECIMAL_STRING_PATTERN);
const DECIMAL_INPUT = new RegExp(DECIMAL_INPUT_PATTERN);
const FRACTION = new RegExp(FRACTION_PATTERN);

/**
 * A decimal string as Commonweal writes it ({@link DECIMAL_STRING_PATTERN}), kept as a string:
 * the decimal fields of every output schema.
 *
 * @example
 * ```ts
 * DecimalStringSchema.parse('1.958571'); // '1.958571'
 * DecimalStringSchema.safeParse('1e3').success; // false
 * ```
 */
export const DecimalStringSchema = z
  .string()
  .regex(DECIMAL_STRING, 'a plain decimal string such as "1234.5"')
  .meta({ description: 'A decimal number at full precision, as a plain string such as "1234.5"' });

function toDecimal(v: string | number, ctx: z.RefinementCtx, pattern: RegExp, what: string): Decimal {
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
  if (!pattern.test(v)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not ${what}` });
    return z.NEVER;
  }
  return p.value;
}

/**
 * A decimal at the JSON edge: a decimal string (preferred, e.g. `"1234.50"`, matching
 * {@link DECIMAL_INPUT_PATTERN}) or a finite JSON number; parsed to a {@link Decimal} without
 * passing through float arithmetic.
 *
 * @example
 * ```ts
 * DecimalInputSchema.parse('12769.68').toString(); // '12769.68'
 * ```
 */
export const DecimalInputSchema = z
  .union([z.string().meta({ pattern: DECIMAL_INPUT_PATTERN }), z.number()])
  .transform(
    (v, ctx): Decimal => toDecimal(v, ctx, DECIMAL_INPUT, 'a plain decimal number such as "1234.50"'),
  )
  .meta({ description: 'A decimal number, preferably as a string such as "1234.50"' });

const FRACTION_MESSAGE = 'must be a fraction from 0 to 1 (e.g. 0.2 for 20%)';

/**
 * A fraction between 0 and 1 inclusive (deadweight, attribution, displacement, drop-off): a
 * string matching {@link FRACTION_PATTERN} or a JSON number from 0 to 1.
 *
 * @example
 * ```ts
 * FractionSchema.parse('0.25').toString(); // '0.25'
 * ```
 */
export const FractionSchema = z
  .union([
    z.string().meta({ pattern: FRACTION_PATTERN }),
    z.number().min(0, FRACTION_MESSAGE).max(1, FRACTION_MESSAGE),
  ])
  .transform((v, ctx): Decimal => toDecimal(v, ctx, FRACTION, `a fraction from 0 to 1 (e.g. 0.2 for 20%)`))
  .meta({ description: 'A fraction from 0 to 1, e.g. "0.2" for 20%' });

/** True when `text` is a decimal string as Commonweal writes it ({@link DECIMAL_STRING_PATTERN}). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_STRING.test(text);
}
