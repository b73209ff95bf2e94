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

function toDecimal(
  v: string | number,
  ctx: z.RefinementCtx,
  pattern: RegExp,
  what: string,
  whole = false,
): Decimal {
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
    ctx.addIssue({ code: 'custom', message: whole ? what : `"${v}" is not ${what}` });
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

/**
 * How {@link boundedDecimalSchema} bounds a decimal: the pattern its strings must match (which
 * must only admit values within the bounds) and the bounds of its JSON numbers.
 *
 * @example
 * ```ts
 * const percent: DecimalBounds = { pattern: PERCENTAGE_PATTERN, minimum: 0, maximum: 100, message: 'from 0 to 100' };
 * ```
 */
export interface DecimalBounds {
  /** The pattern of the accepted strings, as JSON Schema writes it. */
  pattern: string;
  /** Least JSON number accepted. */
  minimum?: number;
  /** Greatest JSON number accepted. */
  maximum?: number;
  /** What a refused value is told, e.g. `must be a fraction from 0 to 1`. */
  message: string;
  /** Description for the JSON Schema. */
  description?: string;
}

/**
 * A decimal within bounds that a JSON Schema can state exactly: strings must match the bounds'
 * pattern, numbers lie between `minimum` and `maximum`. zod and the generated JSON Schema check
 * the same pattern and bounds, so ajv and Commonweal accept the same values.
 *
 * @example
 * ```ts
 * const Percent = boundedDecimalSchema({ pattern: PERCENTAGE_PATTERN, minimum: 0, maximum: 100, message: 'must be from 0 to 100' });
 * Percent.parse('33.3').toString(); // '33.3'
 * ```
 */
export function boundedDecimalSchema(bounds: DecimalBounds): z.ZodType<Decimal, string | number> {
  const re = new RegExp(bounds.pattern);
  let num = z.number();
  if (bounds.minimum !== undefined) num = num.min(bounds.minimum, bounds.message);
  if (bounds.maximum !== undefined) num = num.max(bounds.maximum, bounds.message);
  const schema = z
    .union([z.string().meta({ pattern: bounds.pattern }), num])
    .transform((v, ctx): Decimal => toDecimal(v, ctx, re, bounds.message, true));
  return bounds.description ? schema.meta({ description: bounds.description }) : schema;
}

/**
 * The pattern of a percentage from 0 to 100 written as a string (`0`, `33.3`, `100`, `100.0`);
 * no exponent.
 *
 * @example
 * ```ts
 * new RegExp(PERCENTAGE_PATTERN).test('100'); // true
 * new RegExp(PERCENTAGE_PATTERN).test('100.5'); // false
 * ```
 */
export const PERCENTAGE_PATTERN =
  '^\\s*(\\+?(0*\\d{1,2}(\\.\\d*)?|0*100(\\.0*)?|\\.\\d+)|-(0+(\\.0*)?|\\.0+))\\s*$';

/**
 * The pattern of a decimal of 0 or more written as a string (`0`, `12.5`, `1e3`).
 *
 * @example
 * ```ts
 * new RegExp(NON_NEGATIVE_PATTERN).test('-1'); // false
 * ```
 */
export const NON_NEGATIVE_PATTERN =
  '^\\s*(\\+?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?|-(0+(\\.0*)?|\\.0+)([eE][+-]?\\d{1,4})?)\\s*$';

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
export const FractionSchema = boundedDecimalSchema({
  pattern: FRACTION_PATTERN,
  minimum: 0,
  maximum: 1,
  message: FRACTION_MESSAGE,
  description: 'A fraction from 0 to 1, e.g. "0.2" for 20%',
});

/**
 * A decimal as Commonweal writes it at the JSON and CSV edge: plain notation (never an
 * exponent), full precision, and `0` for negative zero, so it always matches
 * {@link DECIMAL_STRING_PATTERN}.
 *
 * @example
 * ```ts
 * plainDecimal(dec('1e-7')); // '0.0000001'
 * plainDecimal(dec('-0')); // '0'
 * ```
 */
export function plainDecimal(d: Decimal): string {
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

/** True when `text` is a decimal string as Commonweal writes it ({@link DECIMAL_STRING_PATTERN}). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_STRING.test(text);
}
