import { Dec, type Decimal } from '../money/decimal';
import { plainDecimal } from '../money/schema';

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
export const plain: (value: Decimal) => string = plainDecimal;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * An exact running sum of decimals that allocates nothing for the usual values: a value of at
 * most 14 significant digits is added as a scaled integer held in a JS number (exact while it
 * stays within ±(2^53 − 1)); any other value, and any overflow, goes to a working-precision
 * Decimal. Many sums updated one row at a time then leave no Decimal per row behind for the
 * garbage collector. Internal.
 *
 * @example
 * ```ts
 * const s = new ExactSum();
 * s.add(dec('0.1'));
 * s.add(dec('0.2'));
 * s.value().toString(); // '0.3'
 * ```
 */
export class ExactSum {
  private big: Decimal = XZERO;
  private int = 0;
  private scale = 0;

  /** Adds a finite decimal. */
  add(v: Decimal): void {
    // decimal.js keeps base-1e7 limbs aligned on the decimal point: value = s × Σ d[j] × 10^(7(L − j)), L = ⌊e / 7⌋
    const d = v.d as number[] | null;
    const n = d ? d.length : 0;
    if (d === null || n > 2 || n === 0) {
      this.big = this.big.plus(v);
      return;
    }
    let m = n === 1 ? d[0]! : d[0]! * 1e7 + d[1]!;
    if (m === 0) return;
    let p = 7 * (Math.floor(v.e / 7) - n + 1);
    while (p < 0 && m % 10 === 0) {
      m /= 10;
      p++;
    }
    if (p > 0) {
      if (p > 22 || m * POW10[p]! > SAFE) {
        this.big = this.big.plus(v);
        return;
      }
      m *= POW10[p]!;
      p = 0;
    }
    const s = -p;
    if (s > 22) {
      this.big = this.big.plus(v);
      return;
    }
    if (s > this.scale) {
      const up = this.int * POW10[s - this.scale]!;
      if (up > SAFE || up < -SAFE) this.fold();
      else this.int = up;
      this.scale = s;
    }
    const term = m * POW10[this.scale - s]!;
    if (term > SAFE) {
      this.big = this.big.plus(v);
      return;
    }
    const next = v.s < 0 ? this.int - term : this.int + term;
    if (next > SAFE || next < -SAFE) {
      this.fold();
      this.int = v.s < 0 ? -term : term;
    } else this.int = next;
  }

  /** The exact sum so far (working precision). */
  value(): Decimal {
    if (this.int === 0) return this.big;
    return this.big.plus(new X(this.int).times(new X(`1e-${this.scale}`)));
  }

  private fold(): void {
    this.big = this.value();
    this.int = 0;
  }
}

/**
 * A decimal as text in full, as a CSV cell writes it: `toFixed()` (never exponent form), and
 * `'0'` for either zero.
 *
 * @example
 * ```ts
 * fixedText(dec('1.50')); // '1.5'
 * fixedText(dec('-0'));   // '0'
 * ```
 */
export function fixedText(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/**
 * An exact decimal as a scaled integer: the value is `m / 10^s`. Lines printed as text are
 * multiplied this way (one native BigInt product each) rather than as Decimals, which made
 * most of a big file's garbage. Internal.
 *
 * @example
 * ```ts
 * const s: Scaled = { m: 15n, s: 1 }; // 1.5
 * ```
 */
export interface Scaled {
  m: bigint;
  s: number;
}

/**
 * The scaled integer of a decimal's {@link fixedText}.
 *
 * @example
 * ```ts
 * scaledOf('-12.50'); // { m: -1250n, s: 2 }
 * ```
 */
export function scaledOf(text: string): Scaled {
  const dot = text.indexOf('.');
  if (dot < 0) return { m: BigInt(text), s: 0 };
  return { m: BigInt(text.slice(0, dot) + text.slice(dot + 1)), s: text.length - dot - 1 };
}

/**
 * The exact product `a × b` as {@link fixedText} writes it.
 *
 * @example
 * ```ts
 * timesText(scaledOf('1.5'), scaledOf('0.2')); // '0.3'
 * ```
 */
export function timesText(a: Scaled, b: Scaled): string {
  return scaledText(a.m * b.m, a.s + b.s);
}

/**
 * `m / 10^s` as {@link fixedText} writes it: no exponent, no trailing zeros, `'0'` for zero.
 *
 * @example
 * ```ts
 * scaledText(-1250n, 3); // '-1.25'
 * ```
 */
export function scaledText(m: bigint, s: number): string {
  if (m === 0n) return '0';
  const negative = m < 0n;
  let digits = (negative ? -m : m).toString();
  if (s > 0) {
    if (digits.length <= s) digits = '0'.repeat(s - digits.length + 1) + digits;
    let end = digits.length;
    const point = end - s;
    while (end > point && digits.charCodeAt(end - 1) === 48) end--;
    digits = end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
  } else if (s < 0) digits += '0'.repeat(-s);
  return negative ? `-${digits}` : digits;
}
