import { CommonwealError } from '../issues/issues';
import { type Decimal, ONE } from '../money/decimal';
import type { DiscountSchedule } from './schema';

const cache = new WeakMap<DiscountSchedule, Decimal[]>();

/**
 * The rate that applies in year `t` (t ≥ 1) of a schedule: the band with the greatest
 * `fromYear` not after `t`.
 *
 * @example
 * ```ts
 * rateInYear(greenBookStandard, 31).toString(); // '0.03'
 * ```
 */
export function rateInYear(schedule: DiscountSchedule, t: number): Decimal {
  let rate: Decimal | undefined;
  let from = -Infinity;
  for (const band of schedule.bands) {
    if (band.fromYear <= t && band.fromYear > from) {
      rate = band.rate;
      from = band.fromYear;
    }
  }
  if (!rate) throw new CommonwealError('no_rate', `${schedule.name} has no rate for year ${t}`);
  return rate;
}

/**
 * Discount factor for `t` years after the base year, compounded year by year as the Green Book
 * does for its stepped schedules: `DF(0) = 1`, `DF(t) = DF(t−1) ÷ (1 + r_t)`. With `null`
 * (no discounting) every factor is 1. Factors are cached per schedule object.
 *
 * @example
 * ```ts
 * discountFactor(greenBookStandard, 10).toFixed(6); // '0.708919'
 * discountFactor(greenBookStandard, 31).toFixed(6); // '0.345901' (3.0% from year 31)
 * discountFactor(null, 10).toString(); // '1'
 * ```
 */
export function discountFactor(schedule: DiscountSchedule | null, t: number): Decimal {
  if (!Number.isInteger(t) || t < 0) {
    throw new CommonwealError('bad_year_offset', `discount year offset must be a whole number ≥ 0, got ${t}`);
  }
  if (schedule === null) return ONE;
  let factors = cache.get(schedule);
  if (!factors) {
    factors = [ONE];
    cache.set(schedule, factors);
  }
  for (let k = factors.length; k <= t; k++) {
    factors.push((factors[k - 1] as Decimal).dividedBy(ONE.plus(rateInYear(schedule, k))));
  }
  return factors[t] as Decimal;
}
