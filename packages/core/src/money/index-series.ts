import { z } from 'zod';
import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { ProvenanceSchema } from '../trace/provenance';
import { type Decimal, type DecimalLike, dec } from './decimal';
import { DecimalInputSchema } from './schema';

/**
 * A price index series by year (e.g. the HM Treasury GDP deflator, 2024 = 100), used to rebase
 * values from one price year to another.
 *
 * @example
 * ```ts
 * const series = IndexSeriesSchema.parse({
 *   id: 'hmt-gdp-deflator-2025-12', name: 'GDP deflator at market prices', baseYear: 2024,
 *   values: { '2022': '90.5005', '2024': '100' },
 *   source: { title: 'GDP deflators at market prices', publisher: 'HM Treasury', licence: 'OGL-UK-3.0' },
 * });
 * ```
 */
export const IndexSeriesSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  baseYear: z.number().int(),
  values: z.record(z.string().regex(/^\d{4}$/, 'a four-digit year'), DecimalInputSchema),
  source: ProvenanceSchema,
});

/** A parsed index series (values are decimals keyed by year). */
export type IndexSeries = z.output<typeof IndexSeriesSchema>;
/** An index series as written in JSON (values as decimal strings or numbers). */
export type IndexSeriesInput = z.input<typeof IndexSeriesSchema>;

/**
 * Rebases a value between price years: `value × index[to] ÷ index[from]`.
 * Returns an issue (never a guess) when the series does not cover a year.
 *
 * @example
 * ```ts
 * // £100 in 2022 prices → 2024 prices with the GDP deflator (90.5005 → 100)
 * const r = rebase('100', 2022, 2024, series);
 * if (r.ok) roundMoney(r.value); // '110.50'
 * ```
 */
export function rebase(value: DecimalLike, from: number, to: number, series: IndexSeries): Result<Decimal> {
  const v = dec(value);
  if (from === to) return ok(v);
  const issues: Issue[] = [];
  const a = series.values[String(from)];
  const b = series.values[String(to)];
  if (!a)
    issues.push(
      issue(
        'index_year_missing',
        `${series.name} has no value for ${from}: choose another price year or load a series that covers it`,
      ),
    );
  if (!b)
    issues.push(
      issue(
        'index_year_missing',
        `${series.name} has no value for ${to}: choose another price year or load a series that covers it`,
      ),
    );
  if (!a || !b) return fail(issues);
  if (a.isZero()) return fail([issue('index_zero', `${series.name} is zero in ${from}`)]);
  return ok(v.times(b).dividedBy(a));
}
