import type { Decimal as DecimalJs } from 'decimal.js';
import { Dec, type DecimalLike, dec } from './decimal';

/**
 * A named rounding policy, applied once, at presentation.
 *
 * @example
 * ```ts
 * const policy: RoundingPolicy = MONEY_ROUNDING; // half-up to pennies
 * ```
 */
export interface RoundingPolicy {
  /** Name recorded in traces and reports, e.g. `money-half-up-2dp`. */
  name: string;
  /** Decimal places kept. */
  places: number;
  /** decimal.js rounding mode. */
  mode: DecimalJs.Rounding;
}

/** Money: half-up to pennies (2 decimal places). */
export const MONEY_ROUNDING: RoundingPolicy = {
  name: 'money-half-up-2dp',
  places: 2,
  mode: Dec.ROUND_HALF_UP,
};
/** Scores in reports: half-up to 2 decimal places (ranking always uses full precision). */
export const SCORE_ROUNDING: RoundingPolicy = {
  name: 'score-half-up-2dp',
  places: 2,
  mode: Dec.ROUND_HALF_UP,
};
/** Ratios such as SROI: half-up to 2 decimal places. */
export const RATIO_ROUNDING: RoundingPolicy = {
  name: 'ratio-half-up-2dp',
  places: 2,
  mode: Dec.ROUND_HALF_UP,
};

/**
 * Rounds with a policy and returns a fixed-point string (for presentation only).
 *
 * @example
 * ```ts
 * round('2.345', MONEY_ROUNDING); // '2.35'
 * round('-2.345', MONEY_ROUNDING); // '-2.35' (half away from zero)
 * ```
 */
export function round(value: DecimalLike, policy: RoundingPolicy): string {
  const s = dec(value).toFixed(policy.places, policy.mode);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Money to pennies, half-up, as a string: the presentation rounding for money.
 *
 * @example
 * ```ts
 * roundMoney('110.4966') // '110.50'
 * ```
 */
export function roundMoney(value: DecimalLike): string {
  return round(value, MONEY_ROUNDING);
}

const SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$' };

/**
 * Formats money for people: currency symbol, thousands separators, pennies, half-up.
 *
 * @example
 * ```ts
 * formatMoney('1234.5', 'GBP'); // '£1,234.50'
 * formatMoney('-20', 'GBP');    // '-£20.00'
 * ```
 */
export function formatMoney(value: DecimalLike, currency = 'GBP'): string {
  const fixed = roundMoney(value);
  const negative = fixed.startsWith('-');
  const [whole = '0', pence = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = SYMBOLS[currency];
  const body = symbol ? `${symbol}${grouped}.${pence}` : `${grouped}.${pence} ${currency}`;
  return negative ? `-${body}` : body;
}

/**
 * Formats a fraction as a percentage, half-up to the given places.
 *
 * @example
 * ```ts
 * formatPercent('0.2468'); // '24.68%'
 * ```
 */
export function formatPercent(fraction: DecimalLike, places = 2): string {
  return `${round(dec(fraction).times(100), { name: 'percent', places, mode: Dec.ROUND_HALF_UP })}%`;
}
