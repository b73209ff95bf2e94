import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, ONE, ZERO } from '../money/decimal';
import { DecimalInputSchema, DecimalStringSchema, plainDecimal } from '../money/schema';
import { traceJson } from '../trace/json';
import { cite, ProvenanceSchema } from '../trace/provenance';
import { type Explained, explain } from '../trace/trace';
import { TraceJsonSchema } from '../valuation/json';
import { assessCarbonBudget, type BudgetExhaustion, type BudgetPathway } from './budget';
import { issueToJson } from './doughnut-json';
import { LimitsIssueJsonSchema } from './schema';

/**
 * The units a place's carbon budget and emissions are given in.
 *
 * @example
 * ```ts
 * CarbonUnitSchema.parse('ktCO2');
 * ```
 */
export const CarbonUnitSchema = z.enum(['tCO2', 'ktCO2', 'MtCO2']);

/**
 * See {@link CarbonUnitSchema}.
 *
 * @example
 * ```ts
 * const u: CarbonUnit = 'MtCO2';
 * ```
 */
export type CarbonUnit = z.output<typeof CarbonUnitSchema>;

const TONNES: Record<CarbonUnit, string> = { tCO2: '1', ktCO2: '1000', MtCO2: '1000000' };

/**
 * The factor that turns an amount in `from` into one in `to` (`ktCO2` → `MtCO2` is 0.001).
 *
 * @example
 * ```ts
 * unitFactor('ktCO2', 'MtCO2').toString(); // '0.001'
 * ```
 */
export function unitFactor(from: CarbonUnit, to: CarbonUnit): Decimal {
  return ONE.times(TONNES[from]).dividedBy(TONNES[to]);
}

/**
 * A place's carbon budget as published (e.g. a Tyndall Centre carbon budget report for a local
 * authority area, or a council's own budget): the total for a period, the constant annual
 * reduction rate of its pathway when the publisher gives one, and where it comes from. The
 * figures are the user's copy of the publication: the SDK bundles none.
 *
 * @example
 * ```ts
 * PlaceCarbonBudgetSchema.parse({ place: 'Northbrook', budget: { total: '4200', fromYear: 2020,
 *   toYear: 2100, unit: 'ktCO2' }, pathway: { rate: '0.145' },
 *   source: { title: 'Setting climate commitments for Northbrook', licence: 'see the publisher' } });
 * ```
 */
export const PlaceCarbonBudgetSchema = z
  .object({
    /** The place (or organisation) the budget is for. */
    place: z.string().min(1),
    budget: z.object({
      total: DecimalInputSchema.refine((d) => d.gt(0), { message: 'the budget must be greater than 0' }),
      fromYear: z.number().int(),
      /** The last year of the budget period (inclusive), e.g. 2100. */
      toYear: z.number().int(),
      unit: CarbonUnitSchema,
    }),
    /** The published pathway: emissions fall by `rate` a year (0.13 = 13 %), from `fromYear`. */
    pathway: z
      .object({
        rate: DecimalInputSchema.refine((d) => d.gt(0) && d.lt(1), {
          message: 'the reduction rate is a fraction between 0 and 1 (e.g. 0.13 for 13% a year)',
        }),
      })
      .optional(),
    source: ProvenanceSchema,
  })
  .refine((b) => b.budget.toYear >= b.budget.fromYear && b.budget.toYear - b.budget.fromYear < 1000, {
    message: 'toYear must be from fromYear to 999 years after it',
    path: ['budget', 'toYear'],
  });

/**
 * A place's carbon budget (see {@link PlaceCarbonBudgetSchema}), as given.
 *
 * @example
 * ```ts
 * const b: PlaceCarbonBudgetInput = { place: 'Northbrook', budget: { total: '4200', fromYear: 2020, toYear: 2100,
 *   unit: 'ktCO2' }, source: { title: 'Northbrook carbon budget', licence: 'CONSTRUCTED' } };
 * ```
 */
export type PlaceCarbonBudgetInput = z.input<typeof PlaceCarbonBudgetSchema>;

/**
 * A place's carbon budget (see {@link PlaceCarbonBudgetSchema}), parsed.
 *
 * @example
 * ```ts
 * const b: PlaceCarbonBudget = PlaceCarbonBudgetSchema.parse(input);
 * ```
 */
export type PlaceCarbonBudget = z.output<typeof PlaceCarbonBudgetSchema>;

/**
 * The annual allowances of a constant-rate pathway that spends a budget `B` over `N` years
 * exactly: `E_first = r B ÷ (1 − (1 − r)^N)`, allowance of year t = `E_first (1 − r)^t`
 * (t = 0 … N − 1). With Manchester City Council's 316,048 tCO2 for 2018/19–2099/2100 at 13 %
 * this gives 41,087, 35,745, 31,099 … tCO2, the annual caps the council publishes.
 *
 * @example
 * ```ts
 * const a = pathwayAllowances('316048', '0.13', 2018, 2099);
 * a.years[0]?.allowance.toFixed(0); // '41087'
 * ```
 */
export function pathwayAllowances(
  budget: Decimal | string,
  rate: Decimal | string,
  fromYear: number,
  toYear: number,
): { first: Explained; years: { year: number; allowance: Decimal; cumulative: Decimal }[] } {
  const B = ONE.times(budget);
  const r = ONE.times(rate);
  const n = toYear - fromYear + 1;
  const keep = ONE.minus(r);
  const e = r.times(B).dividedBy(ONE.minus(keep.pow(n)));
  const first = explain(
    e,
    'first-year allowance = r × B ÷ (1 − (1 − r)^N), so the N allowances E (1 − r)^t add up to B',
    { B, r, N: ONE.times(n) },
  );
  const years: { year: number; allowance: Decimal; cumulative: Decimal }[] = [];
  let a = e;
  let cumulative = ZERO;
  for (let t = 0; t < n; t++) {
    cumulative = cumulative.plus(a);
    years.push({ year: fromYear + t, allowance: a, cumulative });
    a = a.times(keep);
  }
  return { first, years };
}

/**
 * A year's emissions against the budget and its pathway. `allowance`, `difference` and
 * `status` are `null` without a published pathway; `cumulativeStatus` compares the budget used
 * so far with the pathway's cumulative allowance (or, without one, with the whole budget).
 *
 * @example
 * ```ts
 * const y: PlaceBudgetYear = a.years[0]; // a from assessPlaceBudget
 * y.status; // 'within'
 * ```
 */
export interface PlaceBudgetYear {
  year: number;
  emissions: Decimal;
  allowance: Decimal | null;
  /** emissions − allowance (negative = under the pathway). */
  difference: Decimal | null;
  status: 'within' | 'over' | null;
  cumulative: Decimal;
  cumulativeAllowance: Decimal | null;
  cumulativeStatus: 'within' | 'over';
  /** budget − cumulative emissions. */
  remaining: Decimal;
}

/**
 * What {@link assessPlaceBudget} finds: the year-by-year status, the budget left, the constant
 * reduction rate that keeps within it from the year after the latest ({@link assessCarbonBudget}),
 * when the budget runs out at the latest year's emissions and on the trend seen in the data, and
 * the published pathway's allowances.
 *
 * @example
 * ```ts
 * const a = assessPlaceBudget({ budget, emissions });
 * if (a.ok) a.value.atCurrentEmissions.exhaustedIn; // 2027
 * ```
 */
export interface PlaceBudgetAssessment {
  place: string;
  unit: CarbonUnit;
  budget: Explained;
  /** The budget period, first and last year (inclusive). */
  fromYear: number;
  toYear: number;
  source: string;
  /** The published pathway's rate and allowances, when the budget has one. */
  pathway: {
    rate: Decimal;
    first: Explained;
    years: { year: number; allowance: Decimal; cumulative: Decimal }[];
  } | null;
  years: PlaceBudgetYear[];
  latestYear: number;
  currentEmissions: Decimal;
  used: Explained;
  remaining: Explained;
  /** remaining ÷ budget. */
  remainingShare: Decimal;
  /** The constant reduction rate from the year after the latest that keeps within what remains. */
  requiredRate: Explained | null;
  /** The pathway at the required rate, from the year after the latest to the budget's last year. */
  requiredPathway: BudgetPathway | null;
  atCurrentEmissions: BudgetExhaustion;
  /** Compound annual change from the first to the latest year of emissions (null with one year). */
  observedTrend: Explained | null;
  onTrend: BudgetExhaustion | null;
  /** The year cumulative emissions reached the budget, when they have. */
  exhaustedIn: number | null;
  issues: Issue[];
}

/**
 * The input of {@link assessPlaceBudget}: the budget, parsed with {@link PlaceCarbonBudgetSchema}
 * (which checks it), and emissions by year in the budget's unit (checked by the engine).
 *
 * @example
 * ```ts
 * const input: PlaceBudgetInput = { budget: PlaceCarbonBudgetSchema.parse(b), emissions: [{ year: 2020, emissions: dec(560) }] };
 * ```
 */
export interface PlaceBudgetInput {
  budget: PlaceCarbonBudget;
  emissions: { year: number; emissions: Decimal }[];
}

/**
 * Checks a place's emissions to date against its carbon budget (limits.md §8): each year
 * against the published pathway's allowance and the cumulative allowance, then the budget left,
 * the constant reduction rate that keeps within it (first year included: `r = E0 ÷ remaining`,
 * E0 = the latest year's emissions carried into the next year), when it runs out at the latest
 * year's emissions and on the observed trend `g = (E_latest ÷ E_first)^(1/(n − 1)) − 1`.
 *
 * @example
 * ```ts
 * const a = assessPlaceBudget({ budget: PlaceCarbonBudgetSchema.parse(b), emissions });
 * if (a.ok) [a.value.remaining.value.toString(), a.value.requiredRate?.value.toFixed(4)];
 * ```
 */
export function assessPlaceBudget(input: PlaceBudgetInput): Result<PlaceBudgetAssessment> {
  const b = input.budget;
  if (input.emissions.length === 0) {
    return {
      ok: false,
      issues: [issue('no_emissions', 'no year of emissions to check against the budget: give at least one')],
    };
  }
  const source = cite(b.source);
  const base = assessCarbonBudget({
    budget: {
      total: b.budget.total,
      fromYear: b.budget.fromYear,
      toYear: b.budget.toYear,
      unit: b.budget.unit,
      source: b.source,
    },
    emissionsToDate: input.emissions,
    pathwayEndYear: b.budget.toYear,
  });
  if (!base.ok) return base;
  const a = base.value;
  const issues = [...a.issues];
  const pathway = b.pathway
    ? {
        rate: b.pathway.rate,
        ...pathwayAllowances(b.budget.total, b.pathway.rate, b.budget.fromYear, b.budget.toYear),
      }
    : null;
  const allowanceOf = new Map(pathway?.years.map((y) => [y.year, y]) ?? []);
  const rows = [...input.emissions].sort((x, y) => x.year - y.year);
  const years: PlaceBudgetYear[] = [];
  let cumulative = ZERO;
  let exhaustedIn: number | null = null;
  for (const r of rows) {
    cumulative = cumulative.plus(r.emissions);
    if (exhaustedIn === null && cumulative.gte(b.budget.total)) exhaustedIn = r.year;
    const p = allowanceOf.get(r.year);
    const cumulativeAllowance = p?.cumulative ?? null;
    const difference = p ? r.emissions.minus(p.allowance) : null;
    years.push({
      year: r.year,
      emissions: r.emissions,
      allowance: p?.allowance ?? null,
      difference,
      status: difference === null ? null : difference.gt(0) ? 'over' : 'within',
      cumulative,
      cumulativeAllowance,
      cumulativeStatus: cumulative.gt(cumulativeAllowance ?? b.budget.total) ? 'over' : 'within',
      remaining: b.budget.total.minus(cumulative),
    });
  }
  const first = rows[0] as (typeof rows)[number];
  const latest = rows[rows.length - 1] as (typeof rows)[number];
  let observedTrend: Explained | null = null;
  let onTrend: BudgetExhaustion | null = null;
  const span = latest.year - first.year;
  if (span > 0 && first.emissions.gt(0) && latest.emissions.gt(0)) {
    const g = latest.emissions.dividedBy(first.emissions).pow(ONE.dividedBy(span)).minus(1);
    observedTrend = explain(
      g,
      `observed trend g = (E${latest.year} ÷ E${first.year})^(1/${span}) − 1 (compound annual change)`,
      { [`E${first.year}`]: first.emissions, [`E${latest.year}`]: latest.emissions },
    );
    if (a.remaining.value.gt(0)) {
      const t = assessCarbonBudget({
        budget: { total: b.budget.total, fromYear: b.budget.fromYear, toYear: b.budget.toYear },
        emissionsToDate: input.emissions,
        trendRate: g,
      });
      if (t.ok && t.value.onTrend) {
        onTrend = t.value.onTrend;
        for (const i of t.value.issues)
          if (!issues.some((x) => x.code === i.code && x.message === i.message)) issues.push(i);
      }
    }
  }
  return ok(
    {
      place: b.place,
      unit: b.budget.unit,
      budget: a.budget,
      fromYear: b.budget.fromYear,
      toYear: b.budget.toYear,
      source,
      pathway,
      years,
      latestYear: a.latestYear,
      currentEmissions: a.currentEmissions,
      used: a.used,
      remaining: a.remaining,
      remainingShare: a.remaining.value.dividedBy(b.budget.total),
      requiredRate: a.requiredRate,
      requiredPathway: a.pathway ?? null,
      atCurrentEmissions: a.atCurrentEmissions,
      observedTrend,
      onTrend,
      exhaustedIn,
      issues,
    },
    issues,
  );
}

const Dec = DecimalStringSchema;
const Figure = z.object({ value: Dec, trace: TraceJsonSchema });
const Exhaustion = z.object({
  /** The year cumulative emissions reach the budget; null when they never do. */
  exhaustedIn: z.number().int().nullable(),
  yearsLeft: Figure.nullable(),
  trendRate: Dec,
});

/**
 * The JSON of a place's carbon budget check (`commonweal carbon-budget --format json`, the
 * `carbon-budget-output` schema): decimals as strings at full precision, each summary figure with
 * its trace, the year-by-year status, the published and the required pathways, issues and the
 * inputs hash.
 *
 * @example
 * ```ts
 * PlaceBudgetJsonSchema.parse(JSON.parse(cliOutput)).summary.requiredRate?.value;
 * ```
 */
export const PlaceBudgetJsonSchema = z.object({
  format: z.literal('commonweal.carbon-budget.v1'),
  place: z.string(),
  unit: CarbonUnitSchema,
  budget: z.object({ total: Dec, fromYear: z.number().int(), toYear: z.number().int(), source: z.string() }),
  pathway: z.object({ rate: Dec, firstYearAllowance: Figure }).nullable(),
  years: z.array(
    z.object({
      year: z.number().int(),
      emissions: Dec,
      allowance: Dec.nullable(),
      difference: Dec.nullable(),
      status: z.enum(['within', 'over']).nullable(),
      cumulative: Dec,
      cumulativeAllowance: Dec.nullable(),
      cumulativeStatus: z.enum(['within', 'over']),
      remaining: Dec,
    }),
  ),
  summary: z.object({
    latestYear: z.number().int(),
    currentEmissions: Dec,
    used: Figure,
    remaining: Figure,
    remainingShare: Dec,
    requiredRate: Figure.nullable(),
    atCurrentEmissions: Exhaustion,
    observedTrend: Figure.nullable(),
    onTrend: Exhaustion.nullable(),
    exhaustedIn: z.number().int().nullable(),
  }),
  requiredPathway: z.array(z.object({ year: z.number().int(), emissions: Dec, cumulative: Dec })),
  allowances: z.array(z.object({ year: z.number().int(), allowance: Dec, cumulative: Dec })),
  issues: z.array(LimitsIssueJsonSchema),
  inputs: z.object({ sha256: z.string() }),
});

/**
 * See {@link PlaceBudgetJsonSchema}.
 *
 * @example
 * ```ts
 * const j: PlaceBudgetJson = toPlaceBudgetJson(assessment, sha256);
 * ```
 */
export type PlaceBudgetJson = z.output<typeof PlaceBudgetJsonSchema>;

const figure = (e: Explained) => ({ value: plainDecimal(e.value), trace: traceJson(e.trace) });
const exhaustion = (e: BudgetExhaustion) => ({
  exhaustedIn: e.exhaustedIn,
  yearsLeft: e.yearsLeft ? figure(e.yearsLeft) : null,
  trendRate: plainDecimal(e.trendRate),
});
const orNull = (d: Decimal | null) => (d === null ? null : plainDecimal(d));

/**
 * Turns a place budget check into plain JSON data, valid against {@link PlaceBudgetJsonSchema}.
 *
 * @example
 * ```ts
 * const a = assessPlaceBudget(input);
 * if (a.ok) JSON.stringify(toPlaceBudgetJson(a.value, sha256));
 * ```
 */
export function toPlaceBudgetJson(
  a: PlaceBudgetAssessment,
  sha256: string,
  issues: Issue[] = a.issues,
): PlaceBudgetJson {
  return {
    format: 'commonweal.carbon-budget.v1',
    place: a.place,
    unit: a.unit,
    budget: {
      total: plainDecimal(a.budget.value),
      fromYear: a.fromYear,
      toYear: a.toYear,
      source: a.source,
    },
    pathway: a.pathway
      ? { rate: plainDecimal(a.pathway.rate), firstYearAllowance: figure(a.pathway.first) }
      : null,
    years: a.years.map((y) => ({
      year: y.year,
      emissions: plainDecimal(y.emissions),
      allowance: orNull(y.allowance),
      difference: orNull(y.difference),
      status: y.status,
      cumulative: plainDecimal(y.cumulative),
      cumulativeAllowance: orNull(y.cumulativeAllowance),
      cumulativeStatus: y.cumulativeStatus,
      remaining: plainDecimal(y.remaining),
    })),
    summary: {
      latestYear: a.latestYear,
      currentEmissions: plainDecimal(a.currentEmissions),
      used: figure(a.used),
      remaining: figure(a.remaining),
      remainingShare: plainDecimal(a.remainingShare),
      requiredRate: a.requiredRate ? figure(a.requiredRate) : null,
      atCurrentEmissions: exhaustion(a.atCurrentEmissions),
      observedTrend: a.observedTrend ? figure(a.observedTrend) : null,
      onTrend: a.onTrend ? exhaustion(a.onTrend) : null,
      exhaustedIn: a.exhaustedIn,
    },
    requiredPathway: (a.requiredPathway?.years ?? [])
      .filter((y) => y.counted)
      .map((y) => ({
        year: y.year,
        emissions: plainDecimal(y.emissions),
        cumulative: plainDecimal(y.cumulative),
      })),
    allowances: (a.pathway?.years ?? []).map((y) => ({
      year: y.year,
      allowance: plainDecimal(y.allowance),
      cumulative: plainDecimal(y.cumulative),
    })),
    issues: issues.map(issueToJson),
    inputs: { sha256 },
  };
}
