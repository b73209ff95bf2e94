import { Dec, type Decimal } from '../money/decimal';

/**
 * Internal working decimal: the same settings as `Dec` but 1,000 significant digits, so sums and
 * products of valuation figures are exact (only discount and rebasing factors, which are
 * divisions, are 40-digit constants). Exactness is what makes totals independent of row order
 * and of how an input is split between accumulators. Results are handed out as `Dec`.
 *
 * @example
 * ```ts
 * new X('0.1').plus('0.2').toString(); // '0.3'
 * ```
 */
export const X = Dec.clone({ precision: 1000, toExpNeg: -1000, toExpPos: 1000 });

/**
 * Internal zero in the working precision.
 *
 * @example
 * ```ts
 * XZERO.plus('0.1');
 * ```
 */
export const XZERO: Decimal = new X(0);
/**
 * Internal one in the working precision.
 *
 * @example
 * ```ts
 * XONE.minus('0.25'); // 1 − deadweight
 * ```
 */
export const XONE: Decimal = new X(1);

/**
 * A working-precision copy (exact: the constructor never rounds).
 *
 * @example
 * ```ts
 * x(dec('1.5')).times('3');
 * ```
 */
export function x(value: Decimal | string | number): Decimal {
  // every decimal.js clone shares one prototype, so `instanceof` cannot tell them apart
  return typeof value === 'object' && value.constructor === X ? value : new X(value);
}

/**
 * Hands a working value out as a `Dec` (exact copy), so callers' own arithmetic rounds to `Dec`'s
 * 40 digits as everywhere else.
 *
 * @example
 * ```ts
 * out(x('1').plus('2')).constructor === Dec; // true
 * ```
 */
export function out(value: Decimal): Decimal {
  return new Dec(value);
}

/**
 * A decimal as a plain string (never exponent notation), full precision.
 *
 * @example
 * ```ts
 * plain(dec('1e-45')); // '0.000…001'
 * ```
 */
export function plain(value: Decimal): string {
  const s = value.toFixed();
  return s === '-0' ? '0' : s;
}
