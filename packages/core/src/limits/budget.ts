import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, ONE, sum, ZERO } from '../money/decimal';
import { ProvenanceSchema } from '../trace/provenance';
import { type Explained, explain } from '../trace/trace';
import { LimitsDecimalSchema } from './schema';

/**
 * How the current year's emissions `E0` relate to a carbon budget `B` on a constant-rate
 * pathway `E_t = E0 (1 − r)^t`:
 *
 * - `firstYearIncluded` (default): `E0` is the first year of the budget (t = 0 counts).
 *   Cumulative to infinity `= E0 / r`, so `r = E0 / B`. Tyndall-style check: Manchester's
 *   15 MtCO2 with −13 %/yr implies `E0 = 0.13 × 15 = 1.95` MtCO2/yr.
 * - `firstYearExcluded`: `E0` is already spent (e.g. the latest year of emissions to date) and the
 *   budget starts the year after (t ≥ 1). Cumulative `= E0 (1 − r) / r`, so `r = E0 / (B + E0)`.
 *
 * @example
 * ```ts
 * BudgetConventionSchema.parse('firstYearExcluded');
 * ```
 */
export const BudgetConventionSchema = z.enum(['firstYearIncluded', 'firstYearExcluded']);

/**
 * See {@link BudgetConventionSchema}.
 *
 * @example
 * ```ts
 * const c: BudgetConvention = 'firstYearIncluded';
 * ```
 */
export type BudgetConvention = z.output<typeof BudgetConventionSchema>;

const positive = (what: string) =>
  LimitsDecimalSchema.refine((d) => d.gt(0), { message: `${what} must be greater than 0` });
const nonNegative = (what: string) =>
  LimitsDecimalSchema.refine((d) => !d.isNegative(), { message: `${what} must not be negative` });

/**
 * Input of {@link reductionRateForBudget}: budget and current annual emissions in the same unit
 * (e.g. MtCO2 and MtCO2 per year).
 *
 * @example
 * ```ts
 * const input: ReductionRateInput = { budget: '15', currentEmissions: '1.95' };
 * ```
 */
export const ReductionRateInputSchema = z.object({
  budget: positive('the budget'),
  currentEmissions: positive('current emissions'),
  convention: BudgetConventionSchema.default('firstYearIncluded'),
});

/**
 * Input of {@link reductionRateForBudget} (see {@link ReductionRateInputSchema}).
 *
 * @example
 * ```ts
 * const input: ReductionRateInput = { budget: '15', currentEmissions: '1.95' };
 * ```
 */
export type ReductionRateInput = z.input<typeof ReductionRateInputSchema>;

const RATE_FORMULA: Record<BudgetConvention, string> = {
  firstYearIncluded: 'r = E0 ÷ B (cumulative of E0 (1 − r)^t over t ≥ 0 is E0 ÷ r)',
  firstYearExcluded: 'r = E0 ÷ (B + E0) (cumulative of E0 (1 − r)^t over t ≥ 1 is E0 (1 − r) ÷ r)',
};

/**
 * The constant annual reduction rate that keeps cumulative emissions (to infinity) within a
 * budget, under the chosen {@link BudgetConvention}. An issue when no rate can: with the first
 * year included, a budget smaller than one year's emissions.
 *
 * @example
 * ```ts
 * const r = reductionRateForBudget({ budget: '15', currentEmissions: '1.95' }); // Manchester check
 * if (r.ok) r.value.value.toString(); // '0.13'
 * ```
 */
export function reductionRateForBudget(input: ReductionRateInput): Result<Explained> {
  const parsed = ReductionRateInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const { budget, currentEmissions, convention } = parsed.data;
  const rate =
    convention === 'firstYearIncluded'
      ? currentEmissions.dividedBy(budget)
      : currentEmissions.dividedBy(budget.plus(currentEmissions));
  if (rate.gt(1)) {
    return {
      ok: false,
      issues: [
        issue(
          'budget_below_one_year',
          `the budget ${budget.toString()} is less than one year's emissions ${currentEmissions.toString()}: no reduction rate keeps within it`,
          { path: ['budget'] },
        ),
      ],
    };
  }
  return ok(
    explain(rate, RATE_FORMULA[convention], { E0: currentEmissions, B: budget }, [
      `convention: ${convention}`,
    ]),
  );
}

/**
 * Input of {@link budgetPathway}: `E0` emitted in `startYear` (t = 0), falling at `rate` a
 * year, listed to `endYear`.
 *
 * @example
 * ```ts
 * const input: PathwayInput = { currentEmissions: '1.95', rate: '0.13', startYear: 2018, endYear: 2100 };
 * ```
 */
export const PathwayInputSchema = z
  .object({
    currentEmissions: nonNegative('current emissions'),
    rate: LimitsDecimalSchema.refine((d) => d.gte(0) && d.lte(1), {
      message: 'the reduction rate is a fraction from 0 to 1 (e.g. 0.13 for 13% a year)',
    }),
    startYear: z.number().int(),
    endYear: z.number().int(),
    convention: BudgetConventionSchema.default('firstYearIncluded'),
  })
  .refine((p) => p.endYear >= p.startYear && p.endYear - p.startYear <= 1000, {
    message: 'endYear must be from startYear to 1000 years after it',
    path: ['endYear'],
  });

/**
 * Input of {@link budgetPathway} (see {@link PathwayInputSchema}).
 *
 * @example
 * ```ts
 * const input: PathwayInput = { currentEmissions: '1.95', rate: '0.13', startYear: 2018, endYear: 2038 };
 * ```
 */
export type PathwayInput = z.input<typeof PathwayInputSchema>;

/**
 * A constant-rate pathway year by year. `counted` is false for t = 0 under `firstYearExcluded`
 * (already spent); `cumulative` counts only counted years.
 *
 * @example
 * ```ts
 * const p = budgetPathway({ currentEmissions: '1.95', rate: '0.13', startYear: 2018, endYear: 2100 });
 * if (p.ok) p.value.total.value.toFixed(3); // '15.000' (to 2100; the tail beyond is tiny)
 * ```
 */
export interface BudgetPathway {
  years: { year: number; t: number; emissions: Decimal; cumulative: Decimal; counted: boolean }[];
  /** Counted emissions to the end year. */
  total: Explained;
  /** Emissions after the end year to infinity on the same pathway (`null` when the rate is 0). */
  beyondEnd: Decimal | null;
}

/**
 * The year-by-year pathway `E_t = E0 (1 − r)^t` (year = startYear + t) to a chosen end year,
 * with cumulative emissions and what the pathway would still emit after the end year.
 *
 * @example
 * ```ts
 * const p = budgetPathway({ currentEmissions: '1.95', rate: '0.13', startYear: 2018, endYear: 2020 });
 * if (p.ok) p.value.years.map((y) => y.emissions.toString()); // ['1.95', '1.6965', '1.475955']
 * ```
 */
export function budgetPathway(input: PathwayInput): Result<BudgetPathway> {
  const parsed = PathwayInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const { currentEmissions: e0, rate, startYear, endYear, convention } = parsed.data;
  const keep = ONE.minus(rate);
  const years: BudgetPathway['years'] = [];
  let emissions = e0;
  let cumulative = ZERO;
  for (let t = 0; t <= endYear - startYear; t++) {
    const counted = !(convention === 'firstYearExcluded' && t === 0);
    if (counted) cumulative = cumulative.plus(emissions);
    years.push({ year: startYear + t, t, emissions, cumulative, counted });
    emissions = emissions.times(keep);
  }
  const total = explain(
    cumulative,
    `cumulative emissions ${startYear}–${endYear} = Σ E0 (1 − r)^t over counted years`,
    { E0: e0, r: rate },
    [`convention: ${convention}`],
  );
  // After the loop, `emissions` is E0 (1 − r)^(n+1); the tail Σ_{t>n} = that ÷ r.
  const beyondEnd = rate.isZero() ? null : emissions.dividedBy(rate);
  return ok({ years, total, beyondEnd });
}

/**
 * Input of {@link budgetExhaustion}: emissions `E0` in `startYear`, changing by `trendRate` a year
 * (0 = flat, −0.02 = falling 2 % a year).
 *
 * @example
 * ```ts
 * const input: ExhaustionInput = { budget: '15', currentEmissions: '1.95', startYear: 2018 };
 * ```
 */
export const ExhaustionInputSchema = z.object({
  budget: nonNegative('the budget'),
  currentEmissions: nonNegative('current emissions'),
  startYear: z.number().int(),
  trendRate: LimitsDecimalSchema.refine((d) => d.gt(-1), {
    message: 'the trend rate must be greater than −1 (−0.05 means falling 5% a year)',
  }).default(ZERO),
  convention: BudgetConventionSchema.default('firstYearIncluded'),
});

/**
 * Input of {@link budgetExhaustion} (see {@link ExhaustionInputSchema}).
 *
 * @example
 * ```ts
 * const input: ExhaustionInput = { budget: '9.4', currentEmissions: '1.7', startYear: 2021, trendRate: '-0.02' };
 * ```
 */
export type ExhaustionInput = z.input<typeof ExhaustionInputSchema>;

/**
 * When a budget runs out on a trend: `yearsLeft` (continuous, from the first budget year) and
 * `exhaustedIn`, the year in which cumulative emissions reach the budget; both `null` when a
 * falling trend never uses it up.
 *
 * @example
 * ```ts
 * const e = budgetExhaustion({ budget: '15', currentEmissions: '1.95', startYear: 2018 });
 * if (e.ok) e.value.exhaustedIn; // 2025
 * ```
 */
export interface BudgetExhaustion {
  yearsLeft: Explained | null;
  exhaustedIn: number | null;
  trendRate: Decimal;
  /** The first year the budget covers (startYear, or the year after under firstYearExcluded). */
  firstBudgetYear: number;
}

/**
 * The year a current trend would exhaust a budget. Emissions `E_t = E0 (1 + g)^t`; cumulative
 * over n budget years `S(n) = E′ ((1 + g)^n − 1) ÷ g` (or `E′ n` when flat), with `E′ = E0`
 * (first year included) or `E0 (1 + g)` (excluded). Years left solve `S(n) = B`:
 * `n = B ÷ E′` when flat, else `n = ln(1 + g B ÷ E′) ÷ ln(1 + g)`.
 *
 * @example
 * ```ts
 * const e = budgetExhaustion({ budget: '9.4', currentEmissions: '1.7', startYear: 2021 });
 * if (e.ok) [e.value.yearsLeft?.value.toFixed(3), e.value.exhaustedIn]; // ['5.529', 2026]
 * ```
 */
export function budgetExhaustion(input: ExhaustionInput): Result<BudgetExhaustion> {
  const parsed = ExhaustionInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const { budget, currentEmissions: e0, startYear, trendRate: g, convention } = parsed.data;
  const q = ONE.plus(g);
  const ePrime = convention === 'firstYearIncluded' ? e0 : e0.times(q);
  const firstBudgetYear = convention === 'firstYearIncluded' ? startYear : startYear + 1;
  const out = (yearsLeft: Explained | null, exhaustedIn: number | null): BudgetExhaustion => ({
    yearsLeft,
    exhaustedIn,
    trendRate: g,
    firstBudgetYear,
  });
  if (budget.isZero()) {
    return ok(out(explain(ZERO, 'the budget is already used up', { B: budget }), null));
  }
  if (ePrime.isZero()) return ok(out(null, null));
  const S = (n: number): Decimal =>
    g.isZero() ? ePrime.times(n) : ePrime.times(q.pow(n).minus(1)).dividedBy(g);
  let n: Decimal;
  const notes = [
    `convention: ${convention}`,
    `trend: ${g.isZero() ? 'flat' : `${g.times(100).toString()}% a year`}`,
  ];
  if (g.isZero()) {
    n = budget.dividedBy(ePrime);
  } else {
    const arg = ONE.plus(g.times(budget).dividedBy(ePrime));
    if (!arg.gt(0)) {
      return ok(out(null, null), [
        issue(
          'budget_never_exhausted',
          `on this trend cumulative emissions never reach the budget (they approach ${ePrime.dividedBy(g.neg()).toString()})`,
          { severity: 'warning' },
        ),
      ]);
    }
    n = arg.ln().dividedBy(q.ln());
  }
  const yearsLeft = explain(
    n,
    g.isZero()
      ? "years left = B ÷ E′ (E′ = first budget year's emissions)"
      : 'years left = ln(1 + g B ÷ E′) ÷ ln(1 + g)',
    { B: budget, 'E′': ePrime, g },
    notes,
  );
  if (n.gt(100000)) {
    return ok(out(yearsLeft, null), [
      issue('exhaustion_beyond_horizon', 'the budget lasts more than 100,000 years on this trend', {
        severity: 'warning',
      }),
    ]);
  }
  // k = whole budget years until S(k) ≥ B; the exact sums correct any rounding of ln at the edge.
  let k = Math.max(1, Math.ceil(n.toNumber()));
  while (S(k).lt(budget)) k++;
  while (k > 1 && S(k - 1).gte(budget)) k--;
  return ok(out(yearsLeft, firstBudgetYear + k - 1));
}

/**
 * Input of {@link assessCarbonBudget}: a budget for a place or a contract over a period, the
 * emissions to date by year (same unit), and optionally a trend and a pathway end year.
 *
 * @example
 * ```ts
 * const input: CarbonBudgetInput = {
 *   budget: { total: '15', fromYear: 2018, toYear: 2100, unit: 'MtCO2' },
 *   emissionsToDate: [{ year: 2018, emissions: '2.0' }, { year: 2019, emissions: '1.9' }, { year: 2020, emissions: '1.7' }],
 * };
 * ```
 */
export const CarbonBudgetInputSchema = z.object({
  budget: z.object({
    total: positive('the budget'),
    fromYear: z.number().int(),
    toYear: z.number().int().optional(),
    unit: z.string().min(1).optional(),
    source: z.union([z.string().min(1), ProvenanceSchema]).optional(),
  }),
  emissionsToDate: z.array(z.object({ year: z.number().int(), emissions: nonNegative('emissions') })).min(1),
  convention: BudgetConventionSchema.default('firstYearIncluded'),
  trendRate: LimitsDecimalSchema.optional(),
  pathwayEndYear: z.number().int().optional(),
});

/**
 * Input of {@link assessCarbonBudget} (see {@link CarbonBudgetInputSchema}).
 *
 * @example
 * ```ts
 * const input: CarbonBudgetInput = { budget: { total: '15', fromYear: 2018 },
 *   emissionsToDate: [{ year: 2018, emissions: '2.0' }] };
 * ```
 */
export type CarbonBudgetInput = z.input<typeof CarbonBudgetInputSchema>;

/**
 * A carbon budget check: used and remaining budget, the reduction rate that keeps within what
 * remains, the pathway, and when the budget runs out at current emissions (flat) and on a trend.
 *
 * @example
 * ```ts
 * const a = assessCarbonBudget(input);
 * if (a.ok) [a.value.remaining.value.toString(), a.value.requiredRate?.value.toFixed(4)];
 * ```
 */
export interface CarbonBudgetAssessment {
  budget: Explained;
  used: Explained;
  remaining: Explained;
  latestYear: number;
  /** The latest year's emissions: `E0` for what follows. */
  currentEmissions: Decimal;
  convention: BudgetConvention;
  /** `null` when the budget is already used up. */
  requiredRate: Explained | null;
  pathway?: BudgetPathway;
  atCurrentEmissions: BudgetExhaustion;
  onTrend?: BudgetExhaustion;
  /** Year cumulative emissions to date reached the budget, when they have. */
  exhaustedIn?: number;
  issues: Issue[];
}

/**
 * Checks emissions to date against a carbon budget (limits.md §8): `used = Σ emissions to
 * date`, `remaining = budget − used`, then, with `E0` = the latest year's emissions, the
 * constant reduction rate that keeps within the remaining budget ({@link reductionRateForBudget}),
 * the pathway ({@link budgetPathway}, to `pathwayEndYear` or the budget's `toYear`), and when
 * the remaining budget runs out at flat emissions and on `trendRate` ({@link budgetExhaustion}).
 * Under `firstYearIncluded` the pathway starts the year after the latest year at `E0`; under
 * `firstYearExcluded` it starts from the latest year itself (already counted). Years outside the
 * budget period, repeated years and gaps are reported.
 *
 * @example
 * ```ts
 * const a = assessCarbonBudget({ budget: { total: '15', fromYear: 2018 },
 *   emissionsToDate: [{ year: 2018, emissions: '2.0' }, { year: 2019, emissions: '1.9' }, { year: 2020, emissions: '1.7' }] });
 * if (a.ok) [a.value.remaining.value.toString(), a.value.atCurrentEmissions.exhaustedIn]; // ['9.4', 2026]
 * ```
 */
export function assessCarbonBudget(input: CarbonBudgetInput): Result<CarbonBudgetAssessment> {
  const parsed = CarbonBudgetInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const p = parsed.data;
  const issues: Issue[] = [];
  const seen = new Map<number, number>();
  p.emissionsToDate.forEach((e, i) => {
    const path = ['emissionsToDate', i, 'year'];
    if (e.year < p.budget.fromYear || (p.budget.toYear !== undefined && e.year > p.budget.toYear)) {
      issues.push(
        issue(
          'year_outside_budget',
          `emissions for ${e.year} are outside the budget period ${p.budget.fromYear}–${p.budget.toYear ?? ''}: remove them or change the period`,
          { path, field: 'year' },
        ),
      );
    }
    if (seen.has(e.year)) {
      issues.push(
        issue('duplicate_year', `emissions for ${e.year} are given twice: give one total per year`, {
          path,
          field: 'year',
        }),
      );
    }
    seen.set(e.year, i);
  });
  if (issues.length) return { ok: false, issues };
  const rows = [...p.emissionsToDate].sort((a, b) => a.year - b.year);
  const first = rows[0] as (typeof rows)[number];
  const latest = rows[rows.length - 1] as (typeof rows)[number];
  if (first.year !== p.budget.fromYear) {
    issues.push(
      issue(
        'emissions_start_late',
        `the budget starts in ${p.budget.fromYear} but emissions start in ${first.year}: earlier years count as zero`,
        { severity: 'warning', path: ['emissionsToDate'] },
      ),
    );
  }
  for (let y = first.year; y <= latest.year; y++) {
    if (!seen.has(y)) {
      issues.push(
        issue('emissions_year_gap', `no emissions for ${y}: it counts as zero in the budget used so far`, {
          severity: 'warning',
          path: ['emissionsToDate'],
        }),
      );
    }
  }
  const unit = p.budget.unit ? ` (${p.budget.unit})` : '';
  const budget = explain(
    p.budget.total,
    `carbon budget ${p.budget.fromYear}–${p.budget.toYear ?? '∞'}${unit}`,
    {
      budget:
        typeof p.budget.source === 'object'
          ? { value: p.budget.total.toString(), source: p.budget.source }
          : p.budget.total,
    },
    typeof p.budget.source === 'string' ? [`source: ${p.budget.source}`] : undefined,
  );
  const used = explain(
    sum(rows.map((r) => r.emissions)),
    `budget used = Σ emissions ${first.year}–${latest.year}`,
    Object.fromEntries(rows.map((r) => [String(r.year), r.emissions])),
  );
  const remaining = explain(budget.value.minus(used.value), 'remaining budget = budget − used', {
    budget,
    used,
  });
  const e0 = latest.emissions;
  const startYear = p.convention === 'firstYearIncluded' ? latest.year + 1 : latest.year;
  const out: CarbonBudgetAssessment = {
    budget,
    used,
    remaining,
    latestYear: latest.year,
    currentEmissions: e0,
    convention: p.convention,
    requiredRate: null,
    atCurrentEmissions: {
      yearsLeft: null,
      exhaustedIn: null,
      trendRate: ZERO,
      firstBudgetYear: latest.year + 1,
    },
    issues,
  };
  if (!remaining.value.gt(0)) {
    let cumulative = ZERO;
    for (const r of rows) {
      cumulative = cumulative.plus(r.emissions);
      if (cumulative.gte(budget.value)) {
        out.exhaustedIn = r.year;
        break;
      }
    }
    issues.push(
      issue(
        'budget_exhausted',
        `the budget was used up in ${out.exhaustedIn}: no reduction rate keeps within it`,
        {
          severity: 'warning',
        },
      ),
    );
    return ok(out, issues);
  }
  if (e0.gt(0)) {
    const rate = reductionRateForBudget({
      budget: remaining.value,
      currentEmissions: e0,
      convention: p.convention,
    });
    if (rate.ok) out.requiredRate = rate.value;
    else for (const x of rate.issues.map((i) => ({ ...i, severity: 'warning' as const }))) issues.push(x);
  }
  const endYear = p.pathwayEndYear ?? p.budget.toYear;
  if (out.requiredRate && endYear !== undefined) {
    const path = budgetPathway({
      currentEmissions: e0,
      rate: out.requiredRate.value,
      startYear,
      endYear,
      convention: p.convention,
    });
    if (path.ok) out.pathway = path.value;
    else for (const x of path.issues.map((i) => ({ ...i, path: ['pathwayEndYear'] }))) issues.push(x);
  }
  const flat = budgetExhaustion({
    budget: remaining.value,
    currentEmissions: e0,
    startYear,
    convention: p.convention,
  });
  if (flat.ok) out.atCurrentEmissions = flat.value;
  if (p.trendRate !== undefined) {
    const trend = budgetExhaustion({
      budget: remaining.value,
      currentEmissions: e0,
      startYear,
      trendRate: p.trendRate,
      convention: p.convention,
    });
    if (trend.ok) {
      out.onTrend = trend.value;
      for (const x of trend.issues) issues.push(x);
    } else for (const i of trend.issues) issues.push({ ...i, path: ['trendRate'] });
  }
  return ok(out, issues);
}
