import { z } from 'zod';
import { type Issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, dec, sum } from '../money/decimal';
import type { Provenance } from '../trace/provenance';
import { type Explained, explain } from '../trace/trace';
import { discountFor, discountingNote, rebaseExplained } from './appraisal';
import {
  type CarbonScenario,
  DiscountingSchema,
  IndexSeriesInputSchema,
  LimitsDecimalSchema,
  WellbyValueSchema,
} from './schema';

/**
 * Input of {@link valueWellbeing}. `discounting` is the schedule to use: pass the Green Book
 * **health** schedule (1.5 % for years 0–30, …), the one HM Treasury's Wellbeing Guidance uses
 * for WELLBYs, or `null` for undiscounted figures. The effect lasts `years` years from
 * `startYear`; each year is discounted by `DF(year − baseYear)`.
 *
 * @example
 * ```ts
 * const input: WellbeingInput = { deltaLifeSatisfaction: '0.2', people: '1', years: 2, startYear: 2025,
 *   baseYear: 2025, priceYear: 2019, wellby, discounting: greenBookHealth };
 * ```
 */
export const WellbeingInputSchema = z.object({
  deltaLifeSatisfaction: LimitsDecimalSchema.refine((d) => d.abs().lte(10), {
    message: 'a change in life satisfaction (0–10 scale) lies between −10 and 10',
  }),
  people: LimitsDecimalSchema.refine((d) => !d.isNegative(), { message: 'people must not be negative' }),
  years: z.number().int().min(1).max(300),
  startYear: z.number().int(),
  baseYear: z.number().int(),
  priceYear: z.number().int(),
  wellby: WellbyValueSchema,
  indexSeries: IndexSeriesInputSchema.optional(),
  discounting: DiscountingSchema,
});

/**
 * Input of {@link valueWellbeing} (see {@link WellbeingInputSchema}).
 *
 * @example
 * ```ts
 * const input: WellbeingInput = { deltaLifeSatisfaction: '0.2', people: '1', years: 2, startYear: 2025,
 *   baseYear: 2025, priceYear: 2019, wellby: wellbyValue, discounting: greenBookHealth };
 * ```
 */
export type WellbeingInput = z.input<typeof WellbeingInputSchema>;

/**
 * The value of a wellbeing change under one WELLBY value (low, central or high).
 *
 * @example
 * ```ts
 * const r = valueWellbeing(input);
 * if (r.ok) r.value.central.perPersonPerYear.value.toString(); // '2600'
 * ```
 */
export interface WellbeingScenarioValue {
  /** £ per WELLBY in the price year (rebased). */
  wellbyValue: Explained;
  /** `ΔLS × WELLBY value`. */
  perPersonPerYear: Explained;
  /** `ΔLS × people × years × WELLBY value`. */
  undiscounted: Explained;
  /** `ΔLS × people × WELLBY value × Σ DF(year − base year)`. */
  presentValue: Explained;
}

/**
 * WELLBY valuation of a change in life satisfaction: low, central and high values, undiscounted
 * and present value, each with a trace; the discount factor per year; the options used.
 *
 * @example
 * ```ts
 * const r = valueWellbeing(input);
 * if (r.ok) [r.value.low.presentValue.value, r.value.central.presentValue.value, r.value.high.presentValue.value];
 * ```
 */
export interface WellbeingValuation {
  /** `ΔLS × people × years`. */
  wellbys: Explained;
  low: WellbeingScenarioValue;
  central: WellbeingScenarioValue;
  high: WellbeingScenarioValue;
  years: { year: number; t: number; discountFactor: Decimal }[];
  options: {
    startYear: number;
    years: number;
    baseYear: number;
    priceYear: number;
    discounting: { id: string; name: string } | null;
    indexSeries?: { id: string; name: string };
    wellbySource: Provenance;
  };
}

/**
 * Values a change in life satisfaction in WELLBYs (HM Treasury, Wellbeing Guidance for
 * Appraisal, 2021): `ΔLS × people × years × WELLBY value`, with the WELLBY value rebased from
 * its price year to `priceYear` (an index series is needed when they differ), and each year
 * discounted with the schedule given (document: the Green Book health schedule).
 *
 * @example
 * ```ts
 * // HMT's published example: +0.2 life satisfaction for 2 years → 0.2 × £13,000 = £2,600 per person per year
 * const r = valueWellbeing({ deltaLifeSatisfaction: '0.2', people: '1', years: 2, startYear: 2025, baseYear: 2025,
 *   priceYear: 2019, wellby: { central: '13000', low: '10000', high: '16000', priceYear: 2019, source },
 *   discounting: greenBookHealth });
 * if (r.ok) roundMoney(r.value.central.undiscounted.value); // '5200.00'
 * ```
 */
export function valueWellbeing(input: WellbeingInput): Result<WellbeingValuation> {
  const parsed = WellbeingInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const p = parsed.data;
  const issues: Issue[] = [];
  const years: WellbeingValuation['years'] = [];
  for (let k = 0; k < p.years; k++) {
    const year = p.startYear + k;
    const df = discountFor(p.discounting, year, p.baseYear, ['startYear']);
    if (!df.ok) {
      for (const x of df.issues) issues.push(x);
      break;
    }
    years.push({ year, t: year - p.baseYear, discountFactor: df.value });
  }
  const rebased: Partial<Record<CarbonScenario, Explained>> = {};
  for (const s of ['low', 'central', 'high'] as const) {
    const r = rebaseExplained(p.wellby[s], p.wellby.priceYear, p.priceYear, p.indexSeries, 'WELLBY value', [
      'wellby',
      s,
    ]);
    if (r.ok) rebased[s] = r.value;
    else for (const x of r.issues) issues.push(x);
  }
  if (issues.length) return { ok: false, issues: dedupe(issues) };

  const note = discountingNote(p.discounting, p.baseYear);
  const dfSum = explain(
    sum(years.map((y) => y.discountFactor)),
    `Σ discount factors for ${p.startYear}–${p.startYear + p.years - 1} (t = year − ${p.baseYear})`,
    Object.fromEntries(years.map((y) => [`DF(${y.t}) for ${y.year}`, y.discountFactor])),
    [note],
  );
  const wellbys = explain(
    p.deltaLifeSatisfaction.times(p.people).times(p.years),
    'WELLBYs = change in life satisfaction × people × years',
    { deltaLifeSatisfaction: p.deltaLifeSatisfaction, people: p.people, years: dec(p.years) },
  );
  const scenario = (s: 'low' | 'central' | 'high'): WellbeingScenarioValue => {
    const wellbyValue = rebased[s] as Explained;
    wellbyValue.trace.inputs['WELLBY value'] = { value: p.wellby[s].toString(), source: p.wellby.source };
    wellbyValue.trace.notes = [...(wellbyValue.trace.notes ?? []), `${s} WELLBY value`];
    const perPersonPerYear = explain(
      p.deltaLifeSatisfaction.times(wellbyValue.value),
      'value per person per year = change in life satisfaction × WELLBY value',
      { deltaLifeSatisfaction: p.deltaLifeSatisfaction, wellbyValue },
    );
    const undiscounted = explain(
      perPersonPerYear.value.times(p.people).times(p.years),
      'undiscounted value = value per person per year × people × years',
      { perPersonPerYear, people: p.people, years: dec(p.years) },
    );
    const presentValue = explain(
      perPersonPerYear.value.times(p.people).times(dfSum.value),
      'present value = value per person per year × people × Σ discount factors',
      { perPersonPerYear, people: p.people, discountFactors: dfSum },
      [note],
    );
    return { wellbyValue, perPersonPerYear, undiscounted, presentValue };
  };
  const options: WellbeingValuation['options'] = {
    startYear: p.startYear,
    years: p.years,
    baseYear: p.baseYear,
    priceYear: p.priceYear,
    discounting: p.discounting ? { id: p.discounting.id, name: p.discounting.name } : null,
    wellbySource: p.wellby.source,
  };
  if (p.indexSeries && p.priceYear !== p.wellby.priceYear) {
    options.indexSeries = { id: p.indexSeries.id, name: p.indexSeries.name };
  }
  return ok({
    wellbys,
    low: scenario('low'),
    central: scenario('central'),
    high: scenario('high'),
    years,
    options,
  });
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
