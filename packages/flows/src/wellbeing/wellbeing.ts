import type { Issue } from '@commonweal/core/issues';
import {
  valueWellbeing,
  type WellbeingScenarioValue,
  type WellbeingValuation,
} from '@commonweal/core/limits';
import { type Decimal, plainDecimal as plain } from '@commonweal/core/money';
import { cite } from '@commonweal/core/trace';
import { hashInputs } from '@commonweal/json';
import { discountingByName, hmtGdpDeflator, wellbyValue } from '@commonweal/uk';
import { type FlowFailure, FlowFatal, runFlow } from '../inputs/inputs';

/**
 * One scenario (low, central or high) in the wellbeing JSON: decimals as plain strings.
 *
 * @example
 * ```ts
 * const s: WellbeingScenarioJson = { wellbyValue: '13000', perPersonPerYear: '2600', undiscounted: '156000',
 *   presentValue: '154847.2906403940886699507389162561576354' };
 * ```
 */
export interface WellbeingScenarioJson {
  wellbyValue: string;
  perPersonPerYear: string;
  undiscounted: string;
  presentValue: string;
}

/**
 * The JSON contract of `commonweal wellbeing`: WELLBYs, the low, central and high valuations
 * (decimals as plain strings), the discount factor of each year, the options used and the
 * inputs hash.
 *
 * @example
 * ```ts
 * const json: WellbeingJson = JSON.parse(stdout);
 * json.central.presentValue;
 * ```
 */
export interface WellbeingJson {
  wellbys: string;
  low: WellbeingScenarioJson;
  central: WellbeingScenarioJson;
  high: WellbeingScenarioJson;
  years: { year: number; t: number; discountFactor: string }[];
  options: {
    deltaLifeSatisfaction: string;
    people: string;
    startYear: number;
    years: number;
    baseYear: number;
    priceYear: number;
    discounting: { id: string; name: string } | null;
    indexSeries?: { id: string; name: string };
    wellbySource: string;
  };
  inputs: { sha256: string };
  issues: { code: string; message: string }[];
}

/**
 * The inputs of {@link wellbeingFlow}: a change in life satisfaction (0–10 scale) for a number of
 * people over whole years from a start year.
 *
 * @example
 * ```ts
 * const input: WellbeingFlowInput = { deltaLifeSatisfaction: dec('0.2'), people: dec(30), years: 2, startYear: 2026 };
 * ```
 */
export interface WellbeingFlowInput {
  deltaLifeSatisfaction: Decimal;
  people: Decimal;
  years: number;
  startYear: number;
  /** Year 0 of discounting (default: the start year). */
  baseYear?: number | undefined;
  /** Price year of the result (default: the WELLBY value's, 2019). */
  priceYear?: number | undefined;
  /** Discounting by name (default `green-book-health`, as the Wellbeing Guidance uses). */
  discounting?: string | undefined;
}

/**
 * A wellbeing valuation made by {@link wellbeingFlow}, with its JSON document.
 *
 * @example
 * ```ts
 * const r = wellbeingFlow(input);
 * if (r.ok) r.document.central.undiscounted; // '156000'
 * ```
 */
export interface WellbeingFlowResult {
  ok: true;
  valuation: WellbeingValuation;
  document: WellbeingJson;
  deltaLifeSatisfaction: Decimal;
  people: Decimal;
  sha256: string;
  issues: Issue[];
}

const scenarioJson = (s: WellbeingScenarioValue): WellbeingScenarioJson => ({
  wellbyValue: plain(s.wellbyValue.value),
  perPersonPerYear: plain(s.perPersonPerYear.value),
  undiscounted: plain(s.undiscounted.value),
  presentValue: plain(s.presentValue.value),
});

function wellbeingJson(
  v: WellbeingValuation,
  delta: Decimal,
  people: Decimal,
  sha256: string,
): WellbeingJson {
  const options: WellbeingJson['options'] = {
    deltaLifeSatisfaction: plain(delta),
    people: plain(people),
    startYear: v.options.startYear,
    years: v.options.years,
    baseYear: v.options.baseYear,
    priceYear: v.options.priceYear,
    discounting: v.options.discounting ? { ...v.options.discounting } : null,
    wellbySource: cite(v.options.wellbySource),
  };
  if (v.options.indexSeries) options.indexSeries = { ...v.options.indexSeries };
  return {
    wellbys: plain(v.wellbys.value),
    low: scenarioJson(v.low),
    central: scenarioJson(v.central),
    high: scenarioJson(v.high),
    years: v.years.map((y) => ({ year: y.year, t: y.t, discountFactor: plain(y.discountFactor) })),
    options,
    inputs: { sha256 },
    issues: [],
  };
}

/**
 * Values a change in life satisfaction as `commonweal wellbeing` does: HM Treasury's WELLBY value
 * (2019 prices; rebased with the HMT GDP deflator for another price year), the Green Book health
 * discount schedule by default, base year = start year by default. Inputs it cannot value give a
 * failure whose issues name the input (`deltaLifeSatisfaction`, `people`, `years`).
 *
 * @example
 * ```ts
 * const r = await wellbeingFlow({ deltaLifeSatisfaction: dec('0.2'), people: dec(30), years: 2, startYear: 2026 });
 * if (r.ok) r.valuation.central.undiscounted.value.toString(); // '156000'
 * ```
 */
export async function wellbeingFlow(input: WellbeingFlowInput): Promise<WellbeingFlowResult | FlowFailure> {
  return runFlow(async () => {
    const { deltaLifeSatisfaction: delta, people, years, startYear } = input;
    const baseYear = input.baseYear ?? startYear;
    const priceYear = input.priceYear ?? wellbyValue.priceYear;
    const discountingName = input.discounting ?? 'green-book-health';
    const schedule = discountingByName(discountingName);
    if (!schedule.ok)
      throw new FlowFatal(`discounting: ${schedule.issues.map((i) => i.message).join('; ')}`, []);
    const r = valueWellbeing({
      deltaLifeSatisfaction: delta,
      people,
      years,
      startYear,
      baseYear,
      priceYear,
      wellby: wellbyValue,
      indexSeries: hmtGdpDeflator,
      discounting: schedule.value,
    });
    if (!r.ok) throw new FlowFatal('the wellbeing change cannot be valued', r.issues);
    const sha256 = hashInputs({
      delta: delta.toString(),
      people: people.toString(),
      years,
      startYear,
      baseYear,
      priceYear,
      discounting: discountingName,
      wellby: {
        low: wellbyValue.low.toString(),
        central: wellbyValue.central.toString(),
        high: wellbyValue.high.toString(),
        priceYear: wellbyValue.priceYear,
      },
    });
    return {
      ok: true as const,
      valuation: r.value,
      document: wellbeingJson(r.value, delta, people, sha256),
      deltaLifeSatisfaction: delta,
      people,
      sha256,
      issues: [],
    };
  });
}
