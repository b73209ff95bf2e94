import type { Framework } from '../framework/schema';
import { fail, type Issue, ok, type Result } from '../issues/issues';
import { noEntries, type Prepared, prepareEntry, ValuationState } from './accumulator';
import { makeContext, type ValuationContext } from './options';
import type { Entry, EntryInput } from './schema';
import type { ValuationOptions, ValuationResult } from './types';

function finish(ctx: ValuationContext, prepared: Prepared[], keepLines: boolean): Result<ValuationResult> {
  let baseYear = ctx.options.baseYear;
  if (baseYear === undefined) {
    for (const p of prepared) {
      if (p.ok && (baseYear === undefined || p.value.entry.year < baseYear)) baseYear = p.value.entry.year;
    }
  }
  if (baseYear === undefined) {
    const issues: Issue[] = [];
    for (const p of prepared) if (!p.ok) for (const i of p.issues) issues.push(i);
    return fail(noEntries(issues, prepared.length));
  }
  const state = new ValuationState(ctx, baseYear, keepLines);
  for (const p of prepared) state.take(p);
  return ok(state.result());
}

/**
 * Values entries against a framework: per entry, `impact = quantity × proxy (rebased to the
 * price year) × (1 − deadweight) × (1 − displacement) × (1 − attribution)`, `value_k = impact ×
 * (1 − drop-off)^k` over the counted years (the duration, or the first year only for a
 * `firstYearOnly` measure), `present value = Σ value_k × DF(year + k − base year)` (+1 under the
 * SROI Value Map convention). Adjustments come from the entry, else the measure's defaults, else
 * 0; duration from the entry, else the measure, else 1.
 *
 * Accepts parsed entries or raw JSON-shaped ones (parsed with `EntrySchema`). Rows with errors
 * (schema, `unknown_measure`, `before_base_year`, `negative_quantity`, `not_local`,
 * `no_index_series`, `index_year_missing`) are rejected and located (`line` from the entry,
 * `path: ['entries', i]`); the result is still `ok` with those issues. It fails only when nothing
 * can be computed: invalid options or framework, or no entry accepted and no base year given.
 * The default base year is the earliest accepted entry's year.
 *
 * @example
 * ```ts
 * const r = valueEntries(framework, [{ measure: 'NT1', quantity: '12.5', year: 2025, duration: 2 }],
 *   { discounting: greenBookStandard, investment: '50000' });
 * if (r.ok) console.log(roundMoney(r.value.totals.presentValue), r.value.sroi?.ratio.toFixed(2));
 * ```
 */
export function valueEntries(
  framework: Framework,
  entries: Iterable<Entry | EntryInput>,
  options: ValuationOptions,
): Result<ValuationResult> {
  const ctx = makeContext(framework, options);
  if (!ctx.ok) return fail(ctx.issues);
  const rebased = new Map();
  const prepared: Prepared[] = [];
  let i = 0;
  for (const e of entries) prepared.push(prepareEntry(ctx.value, e, i++, rebased));
  return finish(ctx.value, prepared, true);
}

/**
 * {@link valueEntries} for an async stream of entries (e.g. a CSV reader). With `baseYear`
 * given, rows are valued as they arrive, and `keepLines: false` keeps only totals so memory
 * stays flat; without it the rows are held until the stream ends (the earliest year is needed).
 *
 * @example
 * ```ts
 * async function* accepted(reader) {
 *   for await (const row of reader) if (row.ok) yield row.value; // rejected rows keep their issues in the reader
 * }
 * const r = await valueEntriesAsync(framework, accepted(readEntries(stream)),
 *   { baseYear: 2025, discounting: greenBookStandard, keepLines: false });
 * ```
 */
export async function valueEntriesAsync(
  framework: Framework,
  entries: AsyncIterable<Entry | EntryInput> | Iterable<Entry | EntryInput>,
  options: ValuationOptions & { keepLines?: boolean },
): Promise<Result<ValuationResult>> {
  const ctx = makeContext(framework, options);
  if (!ctx.ok) return fail(ctx.issues);
  const keepLines = options.keepLines !== false;
  const rebased = new Map();
  const baseYear = ctx.value.options.baseYear;
  if (baseYear !== undefined || !keepLines) {
    // totals only without a base year: a deferred state groups rows until the earliest year is known
    const state = new ValuationState(ctx.value, baseYear, keepLines);
    let i = 0;
    for await (const e of entries) state.take(prepareEntry(ctx.value, e, i++, rebased));
    if (!state.resolve())
      return fail(
        noEntries(
          state.issues.map((x) => x.issue),
          state.read,
        ),
      );
    return ok(state.result());
  }
  const prepared: Prepared[] = [];
  let i = 0;
  for await (const e of entries) prepared.push(prepareEntry(ctx.value, e, i++, rebased));
  return finish(ctx.value, prepared, keepLines);
}
