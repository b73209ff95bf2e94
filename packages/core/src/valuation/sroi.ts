import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, type DecimalLike, dec, ONE, ZERO } from '../money/decimal';
import { type Explained, explain, type Trace } from '../trace/trace';
import type {
  SroiResult,
  SroiSummary,
  SwitchingAdjustment,
  SwitchingStatus,
  SwitchingValue,
  ValuationResult,
} from './types';

/**
 * SROI figures from a present value, an investment and the annual impact (SROI guide, stage 5):
 * `ratio = PV ÷ investment`, `netRatio = (PV − investment) ÷ investment`,
 * `paybackMonths = investment ÷ (annual impact ÷ 12)`. The annual impact is Σ of the lines'
 * one-year impact (the Value Map's impact column, before drop-off and discounting); payback is
 * left out, with a warning, when it is not positive. The investment must be more than 0.
 *
 * @example
 * ```ts
 * const { sroi } = sroiFigures('150000', '50000', '54000');
 * sroi?.ratio.toString();        // '3'
 * sroi?.netRatio.toString();     // '2'
 * sroi?.paybackMonths?.toFixed(2); // '11.11'
 * ```
 */
export function sroiFigures(
  presentValue: DecimalLike,
  investment: DecimalLike,
  annualImpact: DecimalLike,
): { sroi?: SroiResult; issues: Issue[] } {
  const inv = dec(investment);
  if (!inv.gt(0)) {
    return {
      issues: [
        issue(
          'investment_not_positive',
          `the investment must be more than 0 for an SROI ratio, got ${inv.toString()}`,
          {
            field: 'investment',
          },
        ),
      ],
    };
  }
  const pv = dec(presentValue);
  const impact = dec(annualImpact);
  const sroi: SroiResult = {
    investment: inv,
    ratio: pv.dividedBy(inv),
    netRatio: pv.minus(inv).dividedBy(inv),
  };
  const issues: Issue[] = [];
  if (impact.gt(0)) sroi.paybackMonths = inv.times(12).dividedBy(impact);
  else {
    issues.push(
      issue(
        'no_payback',
        `the annual impact is ${impact.toString()}, so there is no payback period: payback needs a positive impact`,
        { field: 'investment', severity: 'warning' },
      ),
    );
  }
  return { sroi, issues };
}

/**
 * Social value as a percentage of the contract value (SV%, a delivery target — not the share of
 * evaluation marks given to social value): `PV ÷ contract value × 100`.
 *
 * @example
 * ```ts
 * socialValuePercent('25000', '100000').toString(); // '25'
 * ```
 */
export function socialValuePercent(presentValue: DecimalLike, contractValue: DecimalLike): Decimal {
  return dec(presentValue).times(100).dividedBy(dec(contractValue));
}

const LINEAR = [
  ['deadweight', 'beforeDeadweight'],
  ['displacement', 'beforeDisplacement'],
  ['attribution', 'beforeAttribution'],
] as const;

const NAMES: Record<SwitchingAdjustment, string> = {
  deadweight: 'deadweight',
  displacement: 'displacement',
  attribution: 'attribution',
  dropOff: 'drop-off',
  proxy: 'proxy multiplier',
};

/** Bisection steps for drop-off (2^-60 < 1e-18, well inside the 12 decimal places shown). */
const STEPS = 60;
const PLACES = 12;

/** Σ_k c_k × (1 − d)^k (Horner). */
function series(c: readonly Decimal[], d: Decimal): Decimal {
  const keep = ONE.minus(d);
  let v = ZERO;
  for (let k = c.length - 1; k >= 0; k--) v = v.times(keep).plus(c[k] as Decimal);
  return v;
}

/** The d in [0, 1] where f changes sign (f(0) and f(1) of opposite signs, or one of them 0). */
function bisect(f: (d: Decimal) => Decimal): Decimal {
  let lo = ZERO;
  let hi = ONE;
  const fLo = f(lo);
  if (fLo.isZero()) return lo;
  if (f(hi).isZero()) return hi;
  const negAtLo = fLo.isNegative();
  for (let i = 0; i < STEPS; i++) {
    const mid = lo.plus(hi).dividedBy(2);
    const v = f(mid);
    if (v.isZero()) return mid;
    if (v.isNegative() === negAtLo) lo = mid;
    else hi = mid;
  }
  return lo.plus(hi).dividedBy(2).toDecimalPlaces(PLACES);
}

function scopeWords(scope: string): string {
  return scope === 'all' ? 'every valued measure' : `the lines of measure ${scope}`;
}

function switching(
  adjustment: SwitchingAdjustment,
  scope: string,
  status: SwitchingStatus,
  values: { current: Decimal | null; switching: Decimal | null },
  trace: Trace,
): SwitchingValue {
  const margin =
    values.switching === null || values.current === null
      ? null
      : adjustment === 'proxy'
        ? values.current.minus(values.switching)
        : values.switching.minus(values.current);
  return { adjustment, scope, status, current: values.current, switching: values.switching, margin, trace };
}

const STATUS_WORDS: Record<SwitchingStatus, string> = {
  switches: '',
  'stays-above': 'the ratio stays at or above 1 : 1 over the whole range',
  'stays-below': 'the ratio stays below 1 : 1 over the whole range',
  'no-effect': 'nothing valued depends on it',
};

function statusTrace(formula: string, status: SwitchingStatus, inputs: Record<string, Decimal>): Trace {
  const t = explain(ZERO, formula, inputs).trace;
  t.result = status;
  t.notes = [STATUS_WORDS[status]];
  return t;
}

/** Switching values of one scope (all measures, or one), from the result's SROI basis. */
function scopeSwitching(
  scope: string,
  investment: Decimal,
  presentValue: Decimal,
  part: {
    presentValue: Decimal;
    beforeDeadweight?: Decimal;
    beforeDisplacement?: Decimal;
    beforeAttribution?: Decimal;
    byCountedYear?: readonly Decimal[];
  },
): SwitchingValue[] {
  const rest = presentValue.minus(part.presentValue);
  const list: SwitchingValue[] = [];
  const note = `taken at one level on ${scopeWords(scope)}, everything else held`;
  for (const [adj, key] of LINEAR) {
    const before = part[key];
    if (before === undefined) continue;
    const name = NAMES[adj];
    const formula = `${name} at which present value = investment: 1 − (investment − present value outside the scope) ÷ present value before ${name}`;
    const inputs = {
      investment,
      'present value': presentValue,
      'present value outside the scope': rest,
      [`present value before ${name}`]: before,
    };
    if (before.isZero()) {
      list.push(
        switching(
          adj,
          scope,
          'no-effect',
          { current: null, switching: null },
          statusTrace(formula, 'no-effect', inputs),
        ),
      );
      continue;
    }
    const current = ONE.minus(part.presentValue.dividedBy(before));
    const level = ONE.minus(investment.minus(rest).dividedBy(before));
    if (level.lt(0) || level.gt(1)) {
      const status: SwitchingStatus = rest.plus(before).gte(investment) ? 'stays-above' : 'stays-below';
      list.push(
        switching(adj, scope, status, { current, switching: null }, statusTrace(formula, status, inputs)),
      );
      continue;
    }
    const currentEx = explain(current, `current ${name} = 1 − present value ÷ present value before ${name}`, {
      'present value of the scope': part.presentValue,
      [`present value before ${name}`]: before,
    });
    const t = explain(level, formula, { ...inputs, [`current ${name}`]: currentEx }, [note]).trace;
    list.push(switching(adj, scope, 'switches', { current, switching: level }, t));
  }

  const c = part.byCountedYear;
  if (c) {
    const formula =
      'drop-off d at which present value = investment: present value outside the scope + Σ_k (Σ impact × discount factor of counted year k) × (1 − d)^k = investment, solved by bisection over 0–1 to 12 decimal places';
    const inputs = { investment, 'present value': presentValue, 'present value outside the scope': rest };
    const later = c.slice(1).some((v) => !v.isZero());
    if (!later) {
      list.push(
        switching(
          'dropOff',
          scope,
          'no-effect',
          { current: null, switching: null },
          statusTrace(formula, 'no-effect', inputs),
        ),
      );
    } else {
      const atZero = series(c, ZERO);
      const current = bisect((d) => series(c, d).minus(part.presentValue));
      const f = (d: Decimal) => rest.plus(series(c, d)).minus(investment);
      const f0 = f(ZERO);
      const f1 = f(ONE);
      const crosses = f0.isZero() || f1.isZero() || f0.isNegative() !== f1.isNegative();
      if (!crosses) {
        const status: SwitchingStatus = f0.isNegative() ? 'stays-below' : 'stays-above';
        list.push(
          switching(
            'dropOff',
            scope,
            status,
            { current, switching: null },
            statusTrace(formula, status, inputs),
          ),
        );
      } else {
        const level = bisect(f);
        const t = explain(
          level,
          formula,
          {
            ...inputs,
            'present value with no drop-off': atZero,
            'present value at 100% drop-off (first counted year only)': c[0] as Decimal,
            'current drop-off (the one level giving the present value)': current,
          },
          [note],
        ).trace;
        list.push(switching('dropOff', scope, 'switches', { current, switching: level }, t));
      }
    }
  }

  const pformula =
    'proxy multiplier at which present value = investment: (investment − present value outside the scope) ÷ present value of the scope (1 = the central proxies; quantities move the value the same way)';
  const pinputs = {
    investment,
    'present value': presentValue,
    'present value outside the scope': rest,
    'present value of the scope': part.presentValue,
  };
  if (part.presentValue.isZero()) {
    list.push(
      switching(
        'proxy',
        scope,
        'no-effect',
        { current: null, switching: null },
        statusTrace(pformula, 'no-effect', pinputs),
      ),
    );
  } else {
    const m = investment.minus(rest).dividedBy(part.presentValue);
    if (m.isNegative()) {
      const status: SwitchingStatus = rest.gte(investment) ? 'stays-above' : 'stays-below';
      list.push(
        switching(
          'proxy',
          scope,
          status,
          { current: ONE, switching: null },
          statusTrace(pformula, status, pinputs),
        ),
      );
    } else {
      const t = explain(m, pformula, pinputs, [
        `every proxy of ${scopeWords(scope)} multiplied by the same factor`,
      ]).trace;
      list.push(switching('proxy', scope, 'switches', { current: ONE, switching: m }, t));
    }
  }
  return list;
}

/**
 * The SROI figures of a valuation against an investment (SROI guide, stage 5), every one with
 * its trace: **NPV** = PV − investment; the **ratio** low / central / high = PV with every
 * proxy's low / central / high value ÷ investment (the framework carries ranges for proxies
 * only; a proxy without one counts at its central value); the **net ratio**; **payback**
 * (months); and **switching values**: for deadweight, displacement, attribution, drop-off and
 * the proxies, the level at which the ratio is exactly 1 : 1, everything else held — for all
 * valued measures together and for each measure (the Value Map's outcome rows). The investment
 * is taken as made in the base year, undiscounted. Works on totals-only results too (the
 * engine keeps the sums it needs in `sroiBasis`); without them only the proxy switching values
 * are given, with a warning.
 *
 * Fails (`investment_not_positive`, `invalid_investment`) unless the investment is a number
 * above 0.
 *
 * @example
 * ```ts
 * const r = valueEntries(framework, entries, { discounting: greenBookStandard });
 * const s = r.ok ? sroiSummary(r.value, '50000') : r;
 * if (s.ok) {
 *   console.log(s.value.npv.value.toFixed(2), s.value.ratio.low.value.toFixed(2), s.value.ratio.high.value.toFixed(2));
 *   for (const sv of s.value.switchingValues) if (sv.scope === 'all') console.log(sv.adjustment, sv.status, sv.switching?.toFixed(4));
 * }
 * ```
 */
export function sroiSummary(result: ValuationResult, investment: DecimalLike): Result<SroiSummary> {
  let inv: Decimal;
  try {
    inv = dec(investment);
  } catch {
    return fail([
      issue(
        'invalid_investment',
        `the investment "${String(investment)}" is not a number: write it as digits, e.g. 50000`,
        {
          field: 'investment',
        },
      ),
    ]);
  }
  if (!inv.gt(0)) {
    return fail([
      issue(
        'investment_not_positive',
        `the investment must be more than 0 for an SROI ratio, got ${inv.toString()}`,
        {
          field: 'investment',
        },
      ),
    ]);
  }
  const issues: Issue[] = [];
  const t = result.totals;
  const pv = t.presentValue;
  const c = result.currency;
  const npv = explain(
    pv.minus(inv),
    'NPV = present value − investment (the investment taken as made in the base year, undiscounted)',
    {
      'present value': pv,
      investment: inv,
    },
    [`in ${c}, ${result.priceYear ?? 'no'} prices`],
  );
  const ratioOf = (value: Decimal, which: string): Explained =>
    explain(
      value.dividedBy(inv),
      `SROI ratio (${which}) = present value with every proxy's ${which} value ÷ investment ("${c} x : 1")`,
      {
        [`present value (${which})`]: value,
        investment: inv,
      },
      which === 'central'
        ? undefined
        : [
            `a proxy without a ${which} value counts at its central value; the framework carries ranges for proxies only, not for adjustments`,
          ],
    );
  const netRatio = explain(
    pv.minus(inv).dividedBy(inv),
    'net SROI ratio = (present value − investment) ÷ investment',
    {
      'present value': pv,
      investment: inv,
    },
  );
  const summary: SroiSummary = {
    investment: inv,
    presentValue: { low: t.low, central: pv, high: t.high },
    npv,
    ratio: { low: ratioOf(t.low, 'low'), central: ratioOf(pv, 'central'), high: ratioOf(t.high, 'high') },
    netRatio,
    switchingValues: [],
  };
  if (t.impact.gt(0))
    summary.paybackMonths = explain(
      inv.times(12).dividedBy(t.impact),
      'payback (months) = investment ÷ (annual impact ÷ 12)',
      {
        investment: inv,
        'annual impact (Σ one year of impact, before drop-off and discounting)': t.impact,
      },
    );
  const basis = result.sroiBasis;
  const codes = Object.keys(basis?.byMeasure ?? t.byMeasure).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (basis) {
    const all = {
      presentValue: pv,
      beforeDeadweight: ZERO,
      beforeDisplacement: ZERO,
      beforeAttribution: ZERO,
      byCountedYear: [] as Decimal[],
    };
    for (const code of codes) {
      const m = basis.byMeasure[code];
      if (!m) continue;
      all.beforeDeadweight = all.beforeDeadweight.plus(m.beforeDeadweight);
      all.beforeDisplacement = all.beforeDisplacement.plus(m.beforeDisplacement);
      all.beforeAttribution = all.beforeAttribution.plus(m.beforeAttribution);
      m.byCountedYear.forEach((v, k) => {
        all.byCountedYear[k] = (all.byCountedYear[k] ?? ZERO).plus(v);
      });
    }
    summary.switchingValues.push(...scopeSwitching('all', inv, pv, all)); // bounded: five adjustments a scope
    for (const code of codes) {
      const m = basis.byMeasure[code];
      if (m) summary.switchingValues.push(...scopeSwitching(code, inv, pv, m)); // bounded: five adjustments a scope
    }
  } else {
    issues.push(
      issue(
        'no_sroi_basis',
        'this valuation result carries no SROI basis (it was not made by the engine), so only the proxy switching values are given: value the entries again to get the others',
        {
          field: 'sroiBasis',
          severity: 'warning',
        },
      ),
    );
    summary.switchingValues.push(...scopeSwitching('all', inv, pv, { presentValue: pv })); // bounded: five adjustments a scope
    for (const code of codes) {
      const m = t.byMeasure[code];
      if (m) summary.switchingValues.push(...scopeSwitching(code, inv, pv, { presentValue: m.presentValue })); // bounded: five adjustments a scope
    }
  }
  return ok(summary, issues);
}

/**
 * The SROI figures with a summary's NPV, low / high ratios, switching values and traces added
 * (as the engine sets `result.sroi` when an investment is given). Internal.
 *
 * @example
 * ```ts
 * const s = sroiSummary(result, '50000');
 * if (s.ok && result.sroi) result.sroi = withSummary(result.sroi, s.value);
 * ```
 */
export function withSummary(sroi: SroiResult, s: SroiSummary): SroiResult {
  return {
    ...sroi,
    npv: s.npv.value,
    ratioLow: s.ratio.low.value,
    ratioHigh: s.ratio.high.value,
    switchingValues: s.switchingValues,
    traces: {
      npv: s.npv.trace,
      ratioLow: s.ratio.low.trace,
      ratio: s.ratio.central.trace,
      ratioHigh: s.ratio.high.trace,
    },
  };
}
