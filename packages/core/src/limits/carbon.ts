import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, type DecimalLike, dec, sum } from '../money/decimal';
import { plainDecimal } from '../money/schema';
import { cite, type Provenance } from '../trace/provenance';
import { type Explained, explain } from '../trace/trace';
import { discountFor, discountingNote, rebaseExplained } from './appraisal';
import { issueToJson } from './doughnut-json';
import {
  type CarbonScenario,
  CarbonScenarioSchema,
  CarbonValuesSchema,
  DecimalStringSchema,
  DiscountingSchema,
  IndexSeriesInputSchema,
  LimitsDecimalSchema,
  LimitsIssueJsonSchema,
} from './schema';

/**
 * Input of {@link valueCarbon}. Emissions are tonnes CO2e by year (negative = avoided); several
 * rows for one year are added together. `discounting` is the schedule to use: pass the Green
 * Book **standard** schedule (3.5 % for years 0–30, …), or `null` for undiscounted figures.
 *
 * @example
 * ```ts
 * const input: CarbonInput = { emissions: [{ year: 2025, tco2e: '100' }], values: desnz, scenario: 'central',
 *   baseYear: 2025, priceYear: 2022, discounting: greenBookStandard };
 * ```
 */
export const CarbonInputSchema = z.object({
  emissions: z.array(z.object({ year: z.number().int(), tco2e: LimitsDecimalSchema })).min(1),
  values: CarbonValuesSchema,
  scenario: CarbonScenarioSchema,
  baseYear: z.number().int(),
  priceYear: z.number().int(),
  indexSeries: IndexSeriesInputSchema.optional(),
  discounting: DiscountingSchema,
});

/**
 * Input of {@link valueCarbon} (see {@link CarbonInputSchema}).
 *
 * @example
 * ```ts
 * const input: CarbonInput = { emissions: [{ year: 2025, tco2e: '100' }], values: carbonValues,
 *   scenario: 'central', baseYear: 2025, priceYear: 2022, discounting: greenBookStandard };
 * ```
 */
export type CarbonInput = z.input<typeof CarbonInputSchema>;

/**
 * One year of a carbon valuation.
 *
 * @example
 * ```ts
 * const r = valueCarbon(input);
 * if (r.ok) r.value.years.map((y) => [y.year, y.presentValue.value.toString()]);
 * ```
 */
export interface CarbonYear {
  year: number;
  /** Years after the base year. */
  t: number;
  tco2e: Decimal;
  /** £ per tCO2e in the price year. */
  carbonValue: Explained;
  /** `tco2e × carbon value`. */
  undiscounted: Explained;
  discountFactor: Decimal;
  /** `undiscounted × DF(t)`. */
  presentValue: Explained;
}

/**
 * The carbon cost of emissions over the years (a cost: avoided emissions give negative values).
 *
 * @example
 * ```ts
 * const r = valueCarbon(input);
 * if (r.ok) roundMoney(r.value.totals.presentValue.value);
 * ```
 */
export interface CarbonValuation {
  totals: { tco2e: Explained; undiscounted: Explained; presentValue: Explained };
  years: CarbonYear[];
  options: {
    scenario: CarbonScenario;
    baseYear: number;
    priceYear: number;
    values: { id: string; name: string; priceYear: number; source: Provenance };
    discounting: { id: string; name: string } | null;
    indexSeries?: { id: string; name: string };
  };
  /** Warnings (errors make the valuation fail). */
  issues: Issue[];
}

/**
 * Values emissions with a carbon value series (DESNZ appraisal values from `@commonweal/uk`):
 * `PV = Σ_year tCO2e × value(year, scenario, rebased to the price year) × DF(year − base year)`.
 * A year the series does not cover is an issue (never interpolated); so is a year before the
 * base year, or a price year different from the series' without an index series.
 *
 * @example
 * ```ts
 * const r = valueCarbon({ emissions: [{ year: 2025, tco2e: '100' }, { year: 2026, tco2e: '100' }],
 *   values: desnz2023, scenario: 'central', baseYear: 2025, priceYear: 2022, discounting: greenBookStandard });
 * if (r.ok) roundMoney(r.value.totals.presentValue.value); // '54090.54'
 * ```
 */
export function valueCarbon(input: CarbonInput): Result<CarbonValuation> {
  const parsed = CarbonInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  const p = parsed.data;
  const issues: Issue[] = [];

  const byYear = new Map<number, { tco2e: Decimal; rows: number[] }>();
  p.emissions.forEach((e, i) => {
    const cur = byYear.get(e.year) ?? { tco2e: dec(0), rows: [] };
    byYear.set(e.year, { tco2e: cur.tco2e.plus(e.tco2e), rows: [...cur.rows, i] });
  });
  const yearsSorted = [...byYear.keys()].sort((a, b) => a - b);

  const years: CarbonYear[] = [];
  const note = discountingNote(p.discounting, p.baseYear);
  for (const year of yearsSorted) {
    const { tco2e, rows } = byYear.get(year) as { tco2e: Decimal; rows: number[] };
    const path = ['emissions', rows[0] as number, 'year'];
    const v = p.values.rows.find((r) => r.year === year);
    if (!v) {
      issues.push(
        issue(
          'carbon_value_year_missing',
          `${p.values.name} has no value for ${year}: load a series that covers it (values are never interpolated)`,
          { path, field: 'year' },
        ),
      );
      continue;
    }
    const df = discountFor(p.discounting, year, p.baseYear, path);
    if (!df.ok) {
      for (const x of df.issues) issues.push(x);
      continue;
    }
    const rebased = rebaseExplained(
      v[p.scenario],
      p.values.priceYear,
      p.priceYear,
      p.indexSeries,
      'carbon value',
      ['priceYear'],
    );
    if (!rebased.ok) {
      for (const x of rebased.issues) issues.push(x);
      continue;
    }
    const carbonValue = rebased.value;
    carbonValue.trace.inputs['carbon value'] = { value: v[p.scenario].toString(), source: p.values.source };
    carbonValue.trace.notes = [
      ...(carbonValue.trace.notes ?? []),
      `${p.scenario} series, ${year}, £ per tCO2e`,
    ];
    const undiscounted = explain(tco2e.times(carbonValue.value), 'carbon cost = tCO2e × carbon value', {
      tco2e,
      carbonValue,
    });
    const t = year - p.baseYear;
    const presentValue = explain(
      undiscounted.value.times(df.value),
      `present value = carbon cost × DF(${t})`,
      { carbonCost: undiscounted, discountFactor: df.value },
      [note],
    );
    years.push({ year, t, tco2e, carbonValue, undiscounted, discountFactor: df.value, presentValue });
  }
  if (issues.length) return { ok: false, issues: uniqueIssues(issues) };

  const total = (label: string, pick: (y: CarbonYear) => Decimal, formula: string): Explained =>
    explain(
      sum(years.map(pick)),
      formula,
      Object.fromEntries(years.map((y) => [`${label} ${y.year}`, pick(y)])),
    );
  const options: CarbonValuation['options'] = {
    scenario: p.scenario,
    baseYear: p.baseYear,
    priceYear: p.priceYear,
    values: { id: p.values.id, name: p.values.name, priceYear: p.values.priceYear, source: p.values.source },
    discounting: p.discounting ? { id: p.discounting.id, name: p.discounting.name } : null,
  };
  if (p.indexSeries && p.priceYear !== p.values.priceYear) {
    options.indexSeries = { id: p.indexSeries.id, name: p.indexSeries.name };
  }
  return ok({
    totals: {
      tco2e: total('tCO2e', (y) => y.tco2e, 'total tCO2e = Σ tCO2e by year'),
      undiscounted: total(
        'cost',
        (y) => y.undiscounted.value,
        'undiscounted carbon cost = Σ tCO2e × carbon value',
      ),
      presentValue: total(
        'PV',
        (y) => y.presentValue.value,
        `carbon cost PV = Σ tCO2e × carbon value × DF(year − ${p.baseYear}) (${p.scenario} values, ${p.priceYear} prices)`,
      ),
    },
    years,
    options,
    issues: [],
  });
}

function uniqueIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The JSON form of a {@link CarbonValuation}: decimals as plain strings, no `undefined`.
 *
 * @example
 * ```ts
 * CarbonJsonSchema.parse(JSON.parse(JSON.stringify(toCarbonJson(valuation))));
 * ```
 */
export const CarbonJsonSchema = z.object({
  totals: z.object({
    tco2e: DecimalStringSchema,
    undiscounted: DecimalStringSchema,
    presentValue: DecimalStringSchema,
  }),
  years: z.array(
    z.object({
      year: z.number().int(),
      t: z.number().int(),
      tco2e: DecimalStringSchema,
      carbonValue: DecimalStringSchema,
      undiscounted: DecimalStringSchema,
      discountFactor: DecimalStringSchema,
      presentValue: DecimalStringSchema,
    }),
  ),
  options: z.object({
    scenario: CarbonScenarioSchema,
    baseYear: z.number().int(),
    priceYear: z.number().int(),
    values: z.object({ id: z.string(), name: z.string(), priceYear: z.number().int(), source: z.string() }),
    discounting: z.object({ id: z.string(), name: z.string() }).nullable(),
    indexSeries: z.object({ id: z.string(), name: z.string() }).optional(),
  }),
  issues: z.array(LimitsIssueJsonSchema),
});

/**
 * The JSON form of a carbon valuation (see {@link CarbonJsonSchema}).
 *
 * @example
 * ```ts
 * const json: CarbonJson = toCarbonJson(valuation);
 * ```
 */
export type CarbonJson = z.output<typeof CarbonJsonSchema>;

/**
 * Turns a carbon valuation into plain JSON data (decimals as strings; the values' source as a
 * citation line), valid against {@link CarbonJsonSchema}.
 *
 * @example
 * ```ts
 * const r = valueCarbon(input);
 * if (r.ok) JSON.stringify(toCarbonJson(r.value));
 * ```
 */
export function toCarbonJson(v: CarbonValuation): CarbonJson {
  const options: CarbonJson['options'] = {
    scenario: v.options.scenario,
    baseYear: v.options.baseYear,
    priceYear: v.options.priceYear,
    values: {
      id: v.options.values.id,
      name: v.options.values.name,
      priceYear: v.options.values.priceYear,
      source: cite(v.options.values.source),
    },
    discounting: v.options.discounting ? { ...v.options.discounting } : null,
  };
  if (v.options.indexSeries) options.indexSeries = { ...v.options.indexSeries };
  return {
    totals: {
      tco2e: plainDecimal(v.totals.tco2e.value),
      undiscounted: plainDecimal(v.totals.undiscounted.value),
      presentValue: plainDecimal(v.totals.presentValue.value),
    },
    years: v.years.map((y) => ({
      year: y.year,
      t: y.t,
      tco2e: plainDecimal(y.tco2e),
      carbonValue: plainDecimal(y.carbonValue.value),
      undiscounted: plainDecimal(y.undiscounted.value),
      discountFactor: plainDecimal(y.discountFactor),
      presentValue: plainDecimal(y.presentValue.value),
    })),
    options,
    issues: v.issues.map(issueToJson),
  };
}

/**
 * Net social value within limits: `social value PV − carbon cost PV`, with both parts kept
 * (and their traces, when given as explained values).
 *
 * @example
 * ```ts
 * const n = netSocialValueWithinLimits({ socialValuePV: '125000', carbonCostPV: '54090.54' });
 * n.value.toString(); // '70909.46'
 * ```
 */
export interface NetSocialValue extends Explained {
  socialValuePV: Explained;
  carbonCostPV: Explained;
}

const asExplained = (v: DecimalLike | Explained, label: string): Explained =>
  typeof v === 'object' && v !== null && 'trace' in v ? v : explain(dec(v), label, { [label]: dec(v) });

/**
 * Net social value within environmental limits: the social value's present value less the
 * carbon cost's present value (a negative carbon cost, from avoided emissions, adds to it).
 * Both parts are shown in the result and the trace. Use values in the same price year and base
 * year.
 *
 * @example
 * ```ts
 * const n = netSocialValueWithinLimits({ socialValuePV: '125000', carbonCostPV: '54090.54' });
 * n.value.toString(); // '70909.46'
 * n.carbonCostPV.value.toString(); // '54090.54'
 * ```
 */
export function netSocialValueWithinLimits(input: {
  socialValuePV: DecimalLike | Explained;
  carbonCostPV: DecimalLike | Explained;
}): NetSocialValue {
  const socialValuePV = asExplained(input.socialValuePV, 'social value PV');
  const carbonCostPV = asExplained(input.carbonCostPV, 'carbon cost PV');
  const net = explain(
    socialValuePV.value.minus(carbonCostPV.value),
    'net social value within limits = social value PV − carbon cost PV',
    { socialValuePV, carbonCostPV },
  );
  return { ...net, socialValuePV, carbonCostPV };
}
