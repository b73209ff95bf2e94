import { CommonwealError } from '../issues/issues';
import { Dec, type Decimal, type DecimalLike, dec } from './decimal';

const B0 = BigInt(0);
const B1 = BigInt(1);
const B10 = BigInt(10);
/** Significant digits of Commonweal's decimals ({@link Dec}). */
const PRECISION = 40;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < B0 ? -a : a;
  let y = b < B0 ? -b : b;
  while (y !== B0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/**
 * An exact fraction `n / d` of big integers, always in lowest terms with `d > 0`. Scores are
 * computed with these (procurement: moderation means, price and social value ratios, weights), so
 * `5/12 × 93` is exactly `155/4` and ties are decided on exact values. Turn one into a
 * {@link Decimal} once, at the end, with {@link Rational.toDecimal}.
 *
 * @example
 * ```ts
 * Rational.of(5).div(12).times(93).toDecimal().toString(); // '38.75'
 * Rational.of('0.1').plus('0.2').eq('0.3'); // true
 * ```
 */
export class Rational {
  /** Numerator (carries the sign). */
  readonly n: bigint;
  /** Denominator, above 0. */
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /**
   * `n / d` in lowest terms. Throws {@link CommonwealError} for a zero denominator.
   *
   * @example
   * ```ts
   * Rational.ratio(BigInt(6), BigInt(-4)).toString(); // '-3/2'
   * ```
   */
  static ratio(n: bigint, d: bigint): Rational {
    if (d === B0) throw new CommonwealError('division_by_zero', 'a fraction cannot have a zero denominator');
    if (d < B0) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g === B1 || g === B0 ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /**
   * The exact value of a decimal (or decimal string, or finite number through its shortest
   * string), with no rounding.
   *
   * @example
   * ```ts
   * Rational.of('2.50').toString(); // '5/2'
   * ```
   */
  static of(value: DecimalLike | Rational): Rational {
    if (value instanceof Rational) return value;
    const text = dec(value).toFixed();
    const neg = text.startsWith('-');
    const body = neg ? text.slice(1) : text;
    const dot = body.indexOf('.');
    const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
    const places = dot < 0 ? 0 : body.length - dot - 1;
    const n = BigInt(digits);
    return Rational.ratio(neg ? -n : n, B10 ** BigInt(places));
  }

  /**
   * The sum.
   *
   * @example
   * ```ts
   * Rational.of(1).div(3).plus(Rational.of(2).div(3)).eq(1); // true
   * ```
   */
  plus(other: DecimalLike | Rational): Rational {
    const o = Rational.of(other);
    if (o.d === this.d) return Rational.ratio(this.n + o.n, this.d);
    // Over the least common denominator, so sums of many scores stay small.
    const g = gcd(this.d, o.d);
    const a = o.d / g;
    const b = this.d / g;
    return Rational.ratio(this.n * a + o.n * b, this.d * a);
  }

  /**
   * The difference.
   *
   * @example
   * ```ts
   * Rational.of(1).minus('0.25').toString(); // '3/4'
   * ```
   */
  minus(other: DecimalLike | Rational): Rational {
    const o = Rational.of(other);
    return this.plus(new Rational(-o.n, o.d));
  }

  /**
   * The product.
   *
   * @example
   * ```ts
   * Rational.of(2).div(3).times('1.5').toString(); // '1'
   * ```
   */
  times(other: DecimalLike | Rational): Rational {
    const o = Rational.of(other);
    return Rational.ratio(this.n * o.n, this.d * o.d);
  }

  /**
   * The quotient. Throws {@link CommonwealError} when dividing by zero (a programmer error:
   * callers check first).
   *
   * @example
   * ```ts
   * Rational.of(93).div(12).toString(); // '31/4'
   * ```
   */
  div(other: DecimalLike | Rational): Rational {
    const o = Rational.of(other);
    if (o.n === B0) throw new CommonwealError('division_by_zero', 'division of a fraction by zero');
    return Rational.ratio(this.n * o.d, this.d * o.n);
  }

  /**
   * −1, 0 or 1 as this is below, equal to or above `other`.
   *
   * @example
   * ```ts
   * Rational.of(1).div(3).compare('0.3333333333333333333333333333333333333333'); // 1
   * ```
   */
  compare(other: DecimalLike | Rational): -1 | 0 | 1 {
    const o = Rational.of(other);
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /**
   * True when equal in value.
   *
   * @example
   * ```ts
   * Rational.of('0.50').eq('0.5'); // true
   * ```
   */
  eq(other: DecimalLike | Rational): boolean {
    return this.compare(other) === 0;
  }

  /**
   * −1, 0 or 1: the sign.
   *
   * @example
   * ```ts
   * Rational.of('-0.5').sign(); // -1
   * ```
   */
  sign(): -1 | 0 | 1 {
    return this.n < B0 ? -1 : this.n > B0 ? 1 : 0;
  }

  /**
   * The value negated.
   *
   * @example
   * ```ts
   * Rational.of(2).neg().toString(); // '-2'
   * ```
   */
  neg(): Rational {
    return new Rational(-this.n, this.d);
  }

  /**
   * The absolute value.
   *
   * @example
   * ```ts
   * Rational.of(-2).abs().toString(); // '2'
   * ```
   */
  abs(): Rational {
    return this.n < B0 ? new Rational(-this.n, this.d) : this;
  }

  /**
   * The value as a {@link Decimal}, rounded once (half-up) to Commonweal's 40 significant
   * digits; exact whenever the fraction's decimal expansion ends within them (`155/4` → `38.75`).
   *
   * @example
   * ```ts
   * Rational.of(1).div(3).toDecimal().toString(); // '0.3333333333333333333333333333333333333333'
   * ```
   */
  toDecimal(): Decimal {
    if (this.d === B1) return new Dec(this.n.toString());
    // Long division in big integers (decimal.js's own division is the slow part at scale):
    // scale the quotient to at least PRECISION + 1 digits, then round half-up once.
    const neg = this.n < B0;
    const a = neg ? -this.n : this.n;
    const shift = PRECISION + 1 - (a.toString().length - this.d.toString().length) + 1;
    const scaled = shift >= 0 ? a * B10 ** BigInt(shift) : a;
    const den = shift >= 0 ? this.d : this.d * B10 ** BigInt(-shift);
    const q = scaled / den;
    const drop = q.toString().length - PRECISION;
    let digits = q;
    if (drop > 0) {
      const unit = B10 ** BigInt(drop);
      digits = q / unit;
      // Half-up on the exact value: the dropped part is (q mod unit) + a remainder below 1.
      if ((q % unit) * BigInt(2) >= unit) digits += B1;
    }
    return new Dec(`${neg ? '-' : ''}${digits}e${Math.max(drop, 0) - shift}`);
  }

  /**
   * `n/d` (or `n` for a whole number), for traces and tests.
   *
   * @example
   * ```ts
   * Rational.of('0.75').toString(); // '3/4'
   * ```
   */
  toString(): string {
    return this.d === B1 ? this.n.toString() : `${this.n}/${this.d}`;
  }
}

/**
 * The sum of exact fractions (0 for none).
 *
 * @example
 * ```ts
 * sumRational([Rational.of(1).div(3), Rational.of(2).div(3)]).toString(); // '1'
 * ```
 */
export function sumRational(xs: Iterable<Rational>): Rational {
  let acc = Rational.of(0);
  for (const x of xs) acc = acc.plus(x);
  return acc;
}
