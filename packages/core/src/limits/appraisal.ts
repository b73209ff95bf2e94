import { type Issue, issue, ok, type Result } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import { type IndexSeries, rebase } from '../money/index-series';
import { cite } from '../trace/provenance';
import { type Explained, explain } from '../trace/trace';
import { discountFactor } from '../valuation/discounting';
import type { DiscountSchedule } from '../valuation/schema';

/**
 * Rebases a reference value to the appraisal's price year with {@link rebase}; an issue when the
 * years differ and no index series was given. The trace names the series.
 *
 * @example
 * ```ts
 * const r = rebaseExplained(dec('13000'), 2019, 2024, deflator, 'WELLBY value', ['wellby']);
 * ```
 */
export function rebaseExplained(
  value: Decimal,
  from: number,
  to: number,
  series: IndexSeries | undefined,
  label: string,
  path: (string | number)[],
): Result<Explained> {
  if (from === to) {
    return ok(explain(value, `${label} (already in ${to} prices)`, { [label]: value }));
  }
  if (!series) {
    return {
      ok: false,
      issues: [
        issue(
          'index_series_required',
          `${label} is in ${from} prices but the price year is ${to}: pass an index series (e.g. the GDP deflator) to rebase it`,
          { path },
        ),
      ],
    };
  }
  const r = rebase(value, from, to, series);
  if (!r.ok) return { ok: false, issues: r.issues.map((i) => ({ ...i, path })) };
  const a = series.values[String(from)] as Decimal;
  const b = series.values[String(to)] as Decimal;
  return ok(
    explain(
      r.value,
      `${label} in ${to} prices = ${label} in ${from} prices × index[${to}] ÷ index[${from}]`,
      {
        [label]: value,
        [`index[${from}]`]: { value: a.toString(), source: series.source },
        [`index[${to}]`]: { value: b.toString(), source: series.source },
      },
      [`index series: ${series.name} (${series.id}), ${cite(series.source)}`],
    ),
  );
}

/**
 * Discount factor for a year relative to the base year (Green Book: the base year is year 0,
 * undiscounted); an issue for a year before the base year.
 *
 * @example
 * ```ts
 * const df = discountFor(greenBookHealth, 2026, 2025, ['startYear']); // DF(1)
 * ```
 */
export function discountFor(
  schedule: DiscountSchedule | null,
  year: number,
  baseYear: number,
  path: (string | number)[],
): Result<Decimal> {
  const t = year - baseYear;
  if (t < 0) {
    const i: Issue = issue(
      'year_before_base_year',
      `year ${year} is before the base year ${baseYear}: choose a base year no later than the first year`,
      { path },
    );
    return { ok: false, issues: [i] };
  }
  return ok(discountFactor(schedule, t));
}

/**
 * Words for the discounting used, for traces.
 *
 * @example
 * ```ts
 * discountingNote(null, 2025); // 'not discounted'
 * ```
 */
export function discountingNote(schedule: DiscountSchedule | null, baseYear: number): string {
  if (schedule === null) return 'not discounted';
  const src = schedule.source ? `, ${cite(schedule.source)}` : '';
  return `discounted to ${baseYear} on ${schedule.name} (${schedule.id}${src}); DF(0) = 1, DF(t) = DF(t−1) ÷ (1 + r_t)`;
}
