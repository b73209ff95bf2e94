// The named export: under nodenext the default import of decimal.js's CJS types is its module, not its class.
import { Decimal as DecimalJs } from 'decimal.js';
import { CommonwealError } from '../issues/issues';

/**
 * Commonweal's private decimal constructor: a `Decimal.clone` with 40 significant digits and
 * half-up rounding, so embedding applications that change decimal.js's global configuration
 * never change Commonweal's numbers (and Commonweal never changes theirs).
 *
 * @example
 * ```ts
 * new Dec('0.1').plus('0.2').toString(); // '0.3'
 * ```
 */
export const Dec = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/**
 * A decimal value (an instance of {@link Dec}). Money, rates, weights and quantities are all
 * decimals; binary floats never carry them.
 *
 * @example
 * ```ts
 * const price: Decimal = dec('1234.50');
 * ```
 */
export type Decimal = DecimalJs;

/** Anything {@link dec} accepts. */
export type DecimalLike = string | number | Decimal;

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Makes a decimal from a string, a finite number or a decimal. Numbers go through their
 * shortest round-trip string (`String(0.1)` is `'0.1'`), never through arithmetic.
 *
 * Throws {@link CommonwealError} for a value that is not a finite number: that is a programmer
 * error. Use {@link parseDecimal} for text from files.
 *
 * @example
 * ```ts
 * dec('12769.68').times(2).toString(); // '25539.36'
 * dec(0.1).plus(0.2).eq(dec('0.3')); // true
 * ```
 */
export function dec(value: DecimalLike): Decimal {
  if (value instanceof DecimalJs) {
    if (!value.isFinite()) throw new CommonwealError('not_finite', `decimal ${String(value)} is not finite`);
    const d: Decimal = value;
    return d.constructor === Dec ? d : new Dec(d.toString());
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CommonwealError('not_finite', `number ${value} is not finite`);
    return new Dec(String(value));
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (!PLAIN.test(t)) throw new CommonwealError('not_a_number', `"${value}" is not a decimal number`);
    return new Dec(t);
  }
  throw new CommonwealError(
    'not_a_number',
    `expected a string, number or Decimal, got ${typeof (value as unknown)}`,
  );
}

/**
 * True for values that are decimals made by any decimal.js constructor.
 *
 * @example
 * ```ts
 * isDecimal(dec('1')); // true
 * isDecimal(1); // false
 * ```
 */
export function isDecimal(value: unknown): value is Decimal {
  return value instanceof DecimalJs;
}

/** Zero, shared. */
export const ZERO: Decimal = new Dec(0);
/** One, shared. */
export const ONE: Decimal = new Dec(1);

/**
 * Exact sum of decimals (an empty list sums to zero).
 *
 * @example
 * ```ts
 * sum(['0.10', '0.20', dec('0.30')]).toString(); // '0.6'
 * ```
 */
export function sum(values: Iterable<DecimalLike>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(dec(v));
  return total;
}
