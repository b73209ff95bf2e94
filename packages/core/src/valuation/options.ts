import type { Framework, Measure } from '../framework/schema';
import { checkFramework, measureIndex } from '../framework/validate';
import type { IssueCode } from '../issues/codes';
import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, type DecimalLike, dec } from '../money/decimal';
import type { DiscountSchedule } from './schema';
import type { ResolvedValuationOptions, ValuationOptions } from './types';

/**
 * Options resolved except the base year (which may come from the entries). Internal.
 *
 * @example
 * ```ts
 * const o: ContextOptions = { priceYear: 2024, currency: 'GBP', discounting: null, firstPeriodDiscounted: false };
 * ```
 */
export type ContextOptions = Omit<ResolvedValuationOptions, 'baseYear'> & { baseYear?: number };

/**
 * What the engine needs, checked once per valuation. Internal.
 *
 * @example
 * ```ts
 * const ctx = makeContext(framework, { discounting: null });
 * if (ctx.ok) ctx.value.measures.get('NT1');
 * ```
 */
export interface ValuationContext {
  framework: Framework;
  measures: Map<string, Measure>;
  options: ContextOptions;
  /** 1 under the SROI Value Map convention (first year discounted once), else 0. */
  shift: number;
}

const frameworkChecks = new WeakMap<Framework, Issue[]>();

function frameworkIssues(framework: Framework): Issue[] {
  let found = frameworkChecks.get(framework);
  if (!found) {
    found = checkFramework(framework, { path: ['framework'] });
    frameworkChecks.set(framework, found);
  }
  return found;
}

function year(value: unknown, name: string, issues: Issue[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1900 || value > 2200) {
    issues.push(
      issue('invalid_option', `${name} must be a whole year between 1900 and 2200, got ${String(value)}`, {
        path: ['options', name],
        field: name,
      }),
    );
    return undefined;
  }
  return value;
}

function positive(
  value: DecimalLike | undefined,
  name: string,
  code: IssueCode,
  issues: Issue[],
): Decimal | undefined {
  if (value === undefined) return undefined;
  let d: Decimal;
  try {
    d = dec(value);
  } catch {
    issues.push(
      issue('invalid_option', `${name} "${String(value)}" is not a number: write it as digits, e.g. 250000`, {
        path: ['options', name],
        field: name,
      }),
    );
    return undefined;
  }
  if (!d.gt(0)) {
    issues.push(
      issue(code, `${name} must be more than 0, got ${d.toString()}: leave it out if there is none`, {
        path: ['options', name],
        field: name,
      }),
    );
    return undefined;
  }
  return d;
}

function checkSchedule(schedule: DiscountSchedule, issues: Issue[]): void {
  const where = { path: ['options', 'discounting'], field: 'discounting' };
  if (!Array.isArray(schedule.bands) || !schedule.bands.some((b) => b.fromYear === 1)) {
    issues.push(
      issue(
        'discount_schedule_gap',
        `discount schedule "${schedule.name}" has no rate from year 1: its first band must start at fromYear 1`,
        where,
      ),
    );
    return;
  }
  for (const b of schedule.bands) {
    if (!b.rate || typeof b.rate.lte !== 'function' || b.rate.lte(-1)) {
      issues.push(
        issue(
          'invalid_option',
          `discount schedule "${schedule.name}" has a rate that is not a decimal above −1 (from year ${b.fromYear}): parse it with DiscountScheduleSchema`,
          where,
        ),
      );
    }
  }
}

/**
 * The proxies' price years, sorted.
 *
 * @example
 * ```ts
 * proxyPriceYears(framework); // [2019, 2022]
 * ```
 */
export function proxyPriceYears(framework: Framework): number[] {
  const years = new Set<number>();
  for (const m of framework.measures) if (m.proxy) years.add(m.proxy.priceYear);
  return [...years].sort((a, b) => a - b);
}

/**
 * Checks a framework and options once: framework semantics, years, decimals, currency, the
 * schedule, and the price year (default: the proxies' common price year). Internal.
 *
 * @example
 * ```ts
 * const ctx = makeContext(framework, { discounting: null, investment: '0' });
 * ctx.ok; // false: investment_not_positive
 * ```
 */
export function makeContext(framework: Framework, options: ValuationOptions): Result<ValuationContext> {
  const issues: Issue[] = [...frameworkIssues(framework)];
  const o = (options ?? {}) as Partial<ValuationOptions>;
  const baseYear = year(o.baseYear, 'baseYear', issues);
  let priceYear: number | null | undefined = year(o.priceYear, 'priceYear', issues);
  if (o.discounting === undefined) {
    issues.push(
      issue(
        'discounting_required',
        'say how to discount: pass a discount schedule (e.g. the Green Book standard schedule) or null for none',
        { path: ['options', 'discounting'], field: 'discounting' },
      ),
    );
  } else if (o.discounting !== null) checkSchedule(o.discounting, issues);
  const contractValue = positive(o.contractValue, 'contractValue', 'contract_value_not_positive', issues);
  const investment = positive(o.investment, 'investment', 'investment_not_positive', issues);
  const currency = o.currency ?? framework.currency;
  if (currency !== framework.currency) {
    issues.push(
      issue(
        'currency_mismatch',
        `the valuation is asked in ${currency} but the framework "${framework.id}" is in ${framework.currency}: use a ${currency} framework or leave the currency out`,
        { path: ['options', 'currency'], field: 'currency' },
      ),
    );
  }
  if (priceYear === undefined && o.priceYear === undefined) {
    const years = proxyPriceYears(framework);
    if (years.length === 1) priceYear = years[0] as number;
    else if (years.length === 0) priceYear = null;
    else {
      issues.push(
        issue(
          'price_year_required',
          `the framework's proxies are in ${years.join(', ')} prices: choose one price year (--price-year) and give an index series (e.g. the GDP deflator) to rebase to it`,
          { path: ['options', 'priceYear'], field: 'priceYear' },
        ),
      );
    }
  }
  if (issues.length || priceYear === undefined) return fail(issues);
  const resolved: ContextOptions = {
    priceYear,
    currency,
    discounting: o.discounting ?? null,
    firstPeriodDiscounted: o.firstPeriodDiscounted === true,
  };
  if (baseYear !== undefined) resolved.baseYear = baseYear;
  if (o.indexSeries) resolved.indexSeries = o.indexSeries;
  if (contractValue) resolved.contractValue = contractValue;
  if (investment) resolved.investment = investment;
  return ok({
    framework,
    measures: measureIndex(framework),
    options: resolved,
    shift: resolved.firstPeriodDiscounted ? 1 : 0,
  });
}
