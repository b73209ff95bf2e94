import { CommonwealError } from '@commonweal/core/issues';
import {
  Dec,
  type Decimal,
  type DecimalLike,
  dec,
  formatMoney,
  type RoundingPolicy,
  round,
  SCORE_ROUNDING,
} from '@commonweal/core/money';

/**
 * Formats money for display: currency symbol, thousands separators, pennies, half-up
 * (core's `formatMoney` with the `money-half-up-2dp` policy). Takes a decimal or a decimal
 * string only, never a binary float.
 *
 * @example
 * ```ts
 * fmtMoney('1234.565', 'GBP'); // '£1,234.57'
 * fmtMoney(dec('-20'), 'GBP'); // '-£20.00'
 * fmtMoney('5', 'CHF'); // '5.00 CHF'
 * ```
 */
export function fmtMoney(value: Decimal | string, currency = 'GBP'): string {
  return formatMoney(dec(value), currency);
}

/**
 * A half-up rounding policy to `places` decimal places for scores, named
 * `score-half-up-<places>dp` (the name a report prints beside rounded scores).
 *
 * @example
 * ```ts
 * scoreRounding(1).name; // 'score-half-up-1dp'
 * ```
 */
export function scoreRounding(places: number): RoundingPolicy {
  if (places === SCORE_ROUNDING.places) return SCORE_ROUNDING;
  return { name: `score-half-up-${checkPlaces(places)}dp`, places, mode: Dec.ROUND_HALF_UP };
}

/**
 * Formats a score for display, half-up to `places` decimal places (policy
 * {@link scoreRounding}; default `score-half-up-2dp`). Ranking must use the unrounded score.
 *
 * @example
 * ```ts
 * fmtScore('71.125'); // '71.13'
 * fmtScore('71.125', 1); // '71.1'
 * fmtScore('-0.001'); // '0.00' (never '-0.00')
 * ```
 */
export function fmtScore(value: DecimalLike, places = 2): string {
  return round(value, scoreRounding(places));
}

/**
 * Formats a fraction as a percentage, half-up to `places` decimal places, with thousands
 * separators. The default of 2 places matches core's `formatPercent`.
 *
 * @example
 * ```ts
 * fmtPercent('0.2468'); // '24.68%'
 * fmtPercent('0.2468', 1); // '24.7%'
 * fmtPercent('12.5', 0); // '1,250%'
 * ```
 */
export function fmtPercent(fraction: DecimalLike, places = 2): string {
  return `${fmtNumber(dec(fraction).times(100), places)}%`;
}

/**
 * Formats a number with thousands separators. With `places`, rounds half-up to that many
 * decimal places; without, shows every digit the decimal holds (never exponent notation).
 * Never prints `-0`.
 *
 * @example
 * ```ts
 * fmtNumber('1234567.891'); // '1,234,567.891'
 * fmtNumber('1234567.891', 1); // '1,234,567.9'
 * fmtNumber(-0.004, 2); // '0.00'
 * ```
 */
export function fmtNumber(value: DecimalLike, places?: number): string {
  const d = dec(value);
  const fixed = places === undefined ? d.toFixed() : d.toFixed(checkPlaces(places), Dec.ROUND_HALF_UP);
  const negative = fixed.startsWith('-') && !/^-0(\.0*)?$/.test(fixed);
  const body = fixed.replace(/^-/, '');
  const [whole = '0', frac] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

function checkPlaces(places: number): number {
  if (!Number.isInteger(places) || places < 0 || places > 20) {
    throw new CommonwealError(
      'invalid_places',
      `decimal places must be a whole number from 0 to 20, got ${places}`,
    );
  }
  return places;
}
