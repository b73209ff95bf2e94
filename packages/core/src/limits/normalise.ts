import { fail, issue, ok, type Result } from '../issues/issues';
import { type Decimal, type DecimalLike, dec, ONE, ZERO } from '../money/decimal';

/**
 * The one normalisation behind every published doughnut variant:
 * `ratio = (value − baseline) ÷ (target − baseline)`, so 0 is the baseline and 1 the
 * threshold or boundary.
 *
 * - `baseline` defaults to 0 (`ratio = value ÷ target`, e.g. nitrogen `v/62`).
 * - A natural reference: CO2 concentration `(v − 280)/(350 − 280)`.
 * - "% of people deprived", target 0 %: baseline 100 gives `(100 − v)/100` (doughnut v3).
 * - "Lower is worse" boundaries (aragonite, forest area, ozone) published as
 *   `(1 − v/ref)/(1 − B/ref)`: set `baseline = ref`, `target = B`, since
 *   `(1 − v/ref)/(1 − B/ref) = ((ref − v)/ref)/((ref − B)/ref) = (v − ref)/(B − ref)`
 *   (see {@link referenceRatio}).
 *
 * When target equals baseline the ratio is undefined: an issue, not a number.
 *
 * @example
 * ```ts
 * const co2 = normalisedRatio('417.07', '350', '280'); // doughnut v3, 2022
 * if (co2.ok) co2.value.toFixed(2); // '1.96'
 * const forest = normalisedRatio('38.18', '47.9', '63.87'); // lower is worse
 * if (forest.ok) forest.value.toFixed(2); // '1.61'
 * ```
 */
export function normalisedRatio(
  value: DecimalLike,
  target: DecimalLike,
  baseline: DecimalLike = ZERO,
): Result<Decimal> {
  const v = dec(value);
  const t = dec(target);
  const b = dec(baseline);
  if (t.eq(b)) {
    return fail([
      issue(
        'target_equals_baseline',
        `target ${t.toString()} equals baseline ${b.toString()}: the ratio is undefined; give a target that differs from the baseline`,
      ),
    ]);
  }
  return ok(v.minus(b).dividedBy(t.minus(b)));
}

/**
 * The doughnut-v3 form for "lower is worse" boundaries: `(1 − value/ref) ÷ (1 − boundary/ref)`
 * (aragonite saturation ref 3.44, forest area ref 63.87 million km², total ozone ref 290 DU).
 * It equals {@link normalisedRatio}`(value, boundary, ref)`; use that in indicators
 * (`baseline = ref`). Kept to show, and test, that the two agree.
 *
 * @example
 * ```ts
 * const a = referenceRatio('284.58', '276', '290'); // ozone, 2022
 * if (a.ok) a.value.toFixed(4); // '0.3871'
 * ```
 */
export function referenceRatio(
  value: DecimalLike,
  boundary: DecimalLike,
  reference: DecimalLike,
): Result<Decimal> {
  const v = dec(value);
  const b = dec(boundary);
  const ref = dec(reference);
  if (ref.isZero())
    return fail([issue('reference_zero', 'the reference value is zero: the ratio is undefined')]);
  const denominator = ONE.minus(b.dividedBy(ref));
  if (denominator.isZero()) {
    return fail([
      issue(
        'target_equals_baseline',
        `boundary ${b.toString()} equals the reference: the ratio is undefined`,
      ),
    ]);
  }
  return ok(ONE.minus(v.dividedBy(ref)).dividedBy(denominator));
}

/**
 * Social shortfall from a ratio: `max(0, 1 − ratio)` (0 when the threshold is achieved).
 *
 * @example
 * ```ts
 * shortfallOf(dec('0.9')).toString(); // '0.1'
 * shortfallOf(dec('1.2')).toString(); // '0'
 * ```
 */
export function shortfallOf(ratio: Decimal): Decimal {
  const s = ONE.minus(ratio);
  return s.lte(0) ? ZERO : s;
}

/**
 * Ecological overshoot from a ratio: `max(0, ratio − 1)` (0 within the boundary).
 *
 * @example
 * ```ts
 * overshootOf(dec('3.74')).toString(); // '2.74'
 * overshootOf(dec('0.94')).toString(); // '0'
 * ```
 */
export function overshootOf(ratio: Decimal): Decimal {
  const o = ratio.minus(ONE);
  return o.lte(0) ? ZERO : o;
}
